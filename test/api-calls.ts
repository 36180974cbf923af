/**
 * The public calls the API tests run: each with valid arguments, so a test can vary one thing.
 * `OPTION_CALLS`: every public function or method that takes an options object, with its valid
 * keys. `POSITIONAL_CALLS`: the Circuit builder methods and the common calls, with the most
 * positional arguments each takes and valid leading arguments.
 */
import * as q from "../src/index.js";

const H2 = q.Molecule.fromName("h2");
const PROBLEM = q.electronicProblem(H2);
const INTS = PROBLEM.integrals;
const FOP = q.molecularHamiltonian(INTS);
const MIXED = new Float64Array([0.5, 0, 0, 0, 0, 0, 0.5, 0]);
const MIXED2 = q.qinfo.pureDensity(q.State.bell().toArray());
const params = () => [new q.Parameter([0.1, 0.2])];
const circuit = (n = 2) => {
  const c = new q.Circuit(n, { seed: 1 });
  c.ry("full");
  return c;
};
const noise = () =>
  new q.NoiseModel().addReadoutError(0, [
    [0.9, 0.1],
    [0.1, 0.9],
  ]);
const LEARN_DATA = q.datasets.make([[0], [1], [0.1], [0.9]], [0, 1, 0, 1]);
const FIT_KEYS = [
  "loss",
  "optimizer",
  "epochs",
  "batchSize",
  "validation",
  "onEpoch",
  "seed",
  "earlyStopping",
  "progress",
];
const QASM = 'OPENQASM 2.0; include "qelib1.inc"; qreg q[1]; h q[0];';
const GBS = "cartesian\n****\nH 0\nS 1 1.00\n 1.0 1.0\n****\n";

/** One public call that takes options: [where, valid keys, call(options), base options]. */
export type OptionCall = [
  string,
  string[],
  (options: Record<string, unknown>) => unknown,
  Record<string, unknown>?,
];

const TENSOR = ["dtype", "requiresGrad"];
const LOOP = [
  "optimizer",
  "lr",
  "maxIterations",
  "tolerance",
  "gradientTolerance",
  "callback",
  "progress",
];
const RANDOM = ["dtype", "requiresGrad", "seed", "rng"];
const STATE = ["batch", "backend"];
const DENSITY = ["densityTol"];
const ENTROPY = ["base", "tol", "densityTol"];
const PROBLEM_KEYS = ["mapping", "activeElectrons", "activeOrbitals", "scf", "scfResult", "taper"];
const FIXED_GATES = ["h", "s", "sdg", "t", "tdg", "x", "y", "z", "cnot", "cx", "cy", "cz", "swap"];
const MORE_FIXED = ["iswap", "ms", "cswap", "ccx", "toffoli"];
const PARAM_GATES = ["p", "rx", "ry", "rz", "u3", "cp", "crx", "cry", "crz", "cu", "rxx", "ryy"];
const MORE_PARAM = ["rzz", "universalTwoQubits", "universalThreeQubits"];
const TEMPLATES = [
  "superpositionLayer",
  "weakSuperpositionLayer",
  "linearEntangledLayer",
  "realEntangledLayer",
  "complexEntangledLayer",
  "realBlockLayer",
  "complexBlockLayer",
];
const qubitsFor = (name: string): q.QubitsIdx =>
  /^(cswap|ccx|toffoli|universalThreeQubits)$/.test(name)
    ? [[0, 1, 2]]
    : /^(c|rxx|ryy|rzz|swap|iswap|ms|universalTwo)/.test(name)
      ? [[0, 1]]
      : 0;
type Builder = Record<string, (idx: q.QubitsIdx, options: unknown) => unknown>;

export const OPTION_CALLS: OptionCall[] = [
  // tensors and classical layers
  ["tensor", TENSOR, (o) => q.tensor([1, 2], o)],
  ["fromData", ["requiresGrad"], (o) => q.fromData(new Float64Array(2), [2], "float64", o)],
  ["zeros", TENSOR, (o) => q.zeros([2], o)],
  ["ones", TENSOR, (o) => q.ones([2], o)],
  ["full", TENSOR, (o) => q.full([2], 3, o)],
  ["zerosLike", TENSOR, (o) => q.zerosLike(q.tensor([1]), o)],
  ["onesLike", TENSOR, (o) => q.onesLike(q.tensor([1]), o)],
  ["eye", TENSOR, (o) => q.eye(2, 2, o)],
  ["arange", TENSOR, (o) => q.arange(0, 3, 1, o)],
  ["linspace", TENSOR, (o) => q.linspace(0, 1, 3, o)],
  ["rand", RANDOM, (o) => q.rand([2], o)],
  ["randn", RANDOM, (o) => q.randn([2], o)],
  ["uniform", RANDOM, (o) => q.uniform([2], 0, 1, o)],
  ["Linear", ["bias", "init", "seed", "rng"], (o) => new q.Linear(2, 1, o)],
  ["Dropout", ["seed", "rng"], (o) => new q.Dropout(0.5, o)],
  [
    "SGD",
    ["lr", "momentum", "dampening", "weightDecay", "nesterov"],
    (o) => new q.SGD(params(), o),
  ],
  ["Adam", ["lr", "betas", "eps", "weightDecay", "amsgrad"], (o) => new q.Adam(params(), o)],
  ["AdamW", ["lr", "betas", "eps", "weightDecay", "amsgrad"], (o) => new q.AdamW(params(), o)],
  [
    "RMSprop",
    ["lr", "alpha", "eps", "weightDecay", "momentum", "centered"],
    (o) => new q.RMSprop(params(), o),
  ],
  [
    "Adagrad",
    ["lr", "lrDecay", "weightDecay", "initialAccumulatorValue", "eps"],
    (o) => new q.Adagrad(params(), o),
  ],
  [
    "LBFGS",
    ["lr", "maxIter", "maxEval", "toleranceGrad", "toleranceChange", "historySize", "lineSearchFn"],
    (o) => new q.LBFGS(params(), o),
  ],
  [
    "SPSA",
    ["lr", "perturbation", "alpha", "gamma", "stabilityConstant", "resamplings", "seed", "rng"],
    (o) => new q.SPSA(params(), o),
  ],
  [
    "NelderMead",
    ["maxIter", "maxEval", "xatol", "fatol", "initialStep", "adaptive"],
    (o) => new q.NelderMead(params(), o),
  ],
  ["COBYLA", ["constraints", "rhoBeg", "rhoEnd", "maxEval"], (o) => new q.COBYLA(params(), o)],
  ["Rotosolve", ["sweeps", "exactLoss"], (o) => new q.Rotosolve(circuit(), o)],
  ["Rotoselect", ["candidates"], (o) => new q.Rotoselect([0.1], ["x"], o)],
  [
    "classicalShadow",
    ["seed", "ensemble", "sampling", "hamiltonian"],
    (o) => q.classicalShadow(q.State.bell(), 4, o),
  ],
  [
    "expecValShadow",
    ["snapshots", "seed", "ensemble", "sampling", "groups", "confidence"],
    (o) => q.expecValShadow(q.State.bell(), "Z0", o as { snapshots: number }),
    { snapshots: 4 },
  ],
  [
    "ClassicalShadow.estimate",
    ["groups", "confidence"],
    (o) => q.classicalShadow(q.State.bell(), 4, { seed: 1 }).estimate("Z0", o),
  ],
  [
    "ClassicalShadow.expectation",
    ["groups", "confidence"],
    (o) => q.classicalShadow(q.State.bell(), 4, { seed: 1 }).expectation("Z0", o),
  ],
  [
    "gradcheck",
    ["eps", "atol", "rtol", "seed"],
    (o) => q.gradcheck((x) => x.mul(x).sum(), [q.tensor([1], { requiresGrad: true })], o),
  ],
  // circuits
  ["Circuit", ["seed", "backend", "density", "fusion"], (o) => new q.Circuit(2, o)],
  ...[...FIXED_GATES, ...MORE_FIXED].map(
    (g): OptionCall => [
      `Circuit.${g}`,
      ["depth"],
      (o) => (new q.Circuit(3) as unknown as Builder)[g]!(qubitsFor(g), o),
    ],
  ),
  ...[...PARAM_GATES, ...MORE_PARAM].map(
    (g): OptionCall => [
      `Circuit.${g}`,
      ["depth", "param", "paramSharing"],
      (o) => (new q.Circuit(3) as unknown as Builder)[g]!(qubitsFor(g), o),
    ],
  ),
  [
    "Circuit.pauliRotation",
    ["depth", "param", "paramSharing"],
    (o) => new q.Circuit(2).pauliRotation("X0 Y1", o),
  ],
  [
    "Circuit.oracle",
    ["depth", "name"],
    (o) =>
      new q.Circuit(1).oracle(
        [
          [0, 1],
          [1, 0],
        ],
        0,
        o,
      ),
  ],
  [
    "Circuit.controlOracle",
    ["depth", "name"],
    (o) =>
      new q.Circuit(2).controlOracle(
        [
          [0, 1],
          [1, 0],
        ],
        [0, 1],
        o,
      ),
  ],
  ...TEMPLATES.map(
    (t): OptionCall => [
      `Circuit.${t}`,
      ["qubitsIdx", "depth", "param"],
      (o) => (new q.Circuit(3) as unknown as Record<string, (o: unknown) => unknown>)[t]!(o),
    ],
  ),
  // algorithms
  ["QAOA", ["depth", "parameters", "init"], (o) => new q.QAOA(q.maxCutHamiltonian([[0, 1]]), o)],
  [
    "QAOA.optimize",
    ["objective", "alpha", "eta", "optimizer", "steps", "lr", "onStep"],
    (o) => new q.QAOA(q.maxCutHamiltonian([[0, 1]])).optimize({ steps: 2, ...o }),
  ],
  [
    "QAOA.loss",
    ["objective", "alpha", "eta"],
    (o) => new q.QAOA(q.maxCutHamiltonian([[0, 1]])).loss(o),
  ],
  ["QAOA.best", ["shots", "seed"], (o) => new q.QAOA(q.maxCutHamiltonian([[0, 1]])).best(o)],
  ["randomRegularGraph", ["seed", "rng"], (o) => q.randomRegularGraph(4, 3, o)],
  ["maxCutHamiltonian", ["nodes"], (o) => q.maxCutHamiltonian([[0, 1]], o)],
  [
    "tspHamiltonian",
    ["penalty"],
    (o) =>
      q.tspHamiltonian(
        [
          [0, 1, 1],
          [1, 0, 1],
          [1, 1, 0],
        ],
        o,
      ),
  ],
  [
    "graphColoringHamiltonian",
    ["penalty", "nodes"],
    (o) => q.graphColoringHamiltonian([[0, 1]], 2, o),
  ],
  [
    "portfolioHamiltonian",
    ["budget", "riskAversion", "penalty"],
    (o) =>
      q.portfolioHamiltonian(
        [0.1, 0.2],
        [
          [1, 0],
          [0, 1],
        ],
        o as never,
      ),
    { budget: 1 },
  ],
  [
    "simulateStockData",
    ["seed", "rng", "drift", "volatility", "correlation"],
    (o) => q.simulateStockData(2, 5, o),
  ],
  [
    "amplitudeEstimation",
    ["objective", "evalQubits"],
    (o) => q.amplitudeEstimation(new q.Circuit(1).ry(0), o),
  ],
  [
    "mlAmplitudeEstimation",
    ["objective", "rounds", "shots", "seed", "rng"],
    (o) => q.mlAmplitudeEstimation(new q.Circuit(1).ry(0), { seed: 1, ...o }),
  ],
  [
    "priceEuropeanCall",
    ["qubits", "method", "evalQubits", "rounds", "shots", "seed", "rng"],
    (o) =>
      q.priceEuropeanCall(
        { s0: 2, strike: 1.9, sigma: 0.4, r: 0.05, T: 0.1 },
        { rounds: 2, shots: 10, seed: 1, ...o },
      ),
  ],
  [
    "Circuit.qaoaLayer",
    ["nodes", "depth", "param", "weights", "fields"],
    (o) => new q.Circuit(2).qaoaLayer([[0, 1]], o),
  ],
  [
    "Circuit.angleEncoding",
    ["gate", "qubitsIdx", "scale", "features"],
    (o) => new q.Circuit(2).angleEncoding(o),
  ],
  [
    "Circuit.forward",
    ["noise", "checkpointEvery", "shots", "seed", "maxBranches"],
    (o) => circuit().forward(q.DensityMatrix.zero(2), undefined, o),
  ],
  ["Circuit.measure", ["key", "bits"], (o) => new q.Circuit(2).measure(0, o)],
  [
    "stepsToQasm",
    ["nQubits", "cregs"],
    (o) => q.stepsToQasm([], o as unknown as q.StepsToQasmOptions),
    { nQubits: 1, cregs: [] },
  ],
  [
    "Circuit.forwardDensity",
    ["noise", "checkpointEvery"],
    (o) => circuit().forwardDensity(undefined, undefined, o),
  ],
  [
    "runDensity",
    ["noise", "checkpointEvery", "shots", "seed", "maxBranches"],
    (o) => q.runDensity(circuit(), undefined, undefined, o),
  ],
  // states
  ["State.zero", STATE, (o) => q.State.zero(1, o)],
  ["State.basis", STATE, (o) => q.State.basis(2, 1, o)],
  ["State.bell", STATE, (o) => q.State.bell("phi+", o)],
  ["State.ghz", STATE, (o) => q.State.ghz(2, o)],
  ["State.w", STATE, (o) => q.State.w(2, o)],
  ["State.random", [...STATE, "seed"], (o) => q.State.random(2, o)],
  ["State.fromAmplitudes", [...STATE, "normalize"], (o) => q.State.fromAmplitudes([1, 0], o)],
  [
    "State.fromTensor",
    STATE,
    (o) =>
      q.State.fromTensor(
        q.tensor(
          [
            [1, 0],
            [0, 0],
          ],
          { dtype: "complex128" },
        ),
        o,
      ),
  ],
  ["State.measure", ["qubits", "seed"], (o) => q.State.bell().measure(10, o)],
  ["State.measureBatch", ["qubits", "seed"], (o) => q.State.bell().measureBatch(10, o)],
  [
    "State.expecVal",
    ["shots", "seed"],
    (o) => q.State.bell().expecVal(q.Hamiltonian.fromString("Z0"), o),
  ],
  [
    "State.expecValBatch",
    ["shots", "seed"],
    (o) => q.State.bell().expecValBatch(q.Hamiltonian.fromString("Z0"), o),
  ],
  ["DensityMatrix.zero", STATE, (o) => q.DensityMatrix.zero(1, o)],
  ["DensityMatrix.completelyMixed", STATE, (o) => q.DensityMatrix.completelyMixed(1, o)],
  ["DensityMatrix.fromMatrix", [...STATE, "check"], (o) => q.DensityMatrix.fromMatrix(MIXED, o)],
  ["DensityMatrix.measure", ["qubits", "seed"], (o) => q.DensityMatrix.zero(1).measure(10, o)],
  ["bellDiagonalState", STATE, (o) => q.bellDiagonalState([0.25, 0.25, 0.25, 0.25], o)],
  ["rState", STATE, (o) => q.rState(0.5, o)],
  ["sState", STATE, (o) => q.sState(0.5, o)],
  ["isotropicState", STATE, (o) => q.isotropicState(2, 0.5, o)],
  ["randomDensityMatrix", [...STATE, "rank", "seed"], (o) => q.randomDensityMatrix(1, o)],
  ["mixture", STATE, (o) => q.mixture([q.State.zero(1)], [1], o)],
  ["collapse", ["outcome", "seed"], (o) => q.collapse(q.State.bell(), [0], o)],
  [
    "densityFromTensor",
    STATE,
    (o) => q.densityFromTensor(q.fromData(MIXED, [1, 2, 2], "complex128"), o),
  ],
  [
    "NoiseModel.addChannel",
    ["gates", "qubits"],
    (o) => new q.NoiseModel().addChannel(q.bitFlip(0.1), o),
  ],
  ["NoiseModel.mitigate", ["clip"], (o) => noise().mitigate(new Float64Array([0.5, 0.5]), [0], o)],
  [
    "NoiseModel.mitigateCounts",
    ["clip"],
    (o) => noise().mitigateCounts({ "0": 5, "1": 5 }, [0], o),
  ],
  ["NoiseModel.measure", ["qubits", "seed"], (o) => noise().measure(q.DensityMatrix.zero(1), 5, o)],
  [
    "NoisyRun.measure",
    ["qubits", "seed"],
    (o) => new q.NoisyRun(q.DensityMatrix.zero(1), noise()).measure(5, o),
  ],
  [
    "NoisyRun.measureAsync",
    ["qubits", "seed"],
    (o) => new q.NoisyRun(q.DensityMatrix.zero(1), noise()).measureAsync(5, o),
  ],
  // gates and operators
  [
    "applyGate",
    ["adjoint"],
    (o) => q.applyGate(q.getBackend(), q.State.zero(1).buffer, q.getGate("h"), [0], undefined, o),
  ],
  [
    "oracleGate",
    ["name"],
    (o) =>
      q.oracleGate(
        [
          [0, 1],
          [1, 0],
        ],
        o,
      ),
  ],
  [
    "controlOracleGate",
    ["name"],
    (o) =>
      q.controlOracleGate(
        [
          [0, 1],
          [1, 0],
        ],
        o,
      ),
  ],
  ["Hamiltonian", ["nQubits"], (o) => new q.Hamiltonian([[1, "Z0"]], o)],
  [
    "Hamiltonian.expectation",
    ["shots", "seed"],
    (o) => q.Hamiltonian.fromString("Z0").expectation(q.State.zero(1), o),
  ],
  [
    "Hamiltonian.groundState",
    ["k", "tol", "maxIter", "seed", "locking", "krylovDim", "backend"],
    (o) => q.Hamiltonian.fromString("Z0 + 0.5 X0").groundState(o),
  ],
  [
    "lanczos",
    ["k", "tol", "maxIter", "krylovDim", "seed", "start", "locking"],
    (o) => q.lanczos((x, y) => y.set(x), 2, o),
  ],
  // qinfo
  ["purity", DENSITY, (o) => q.purity(MIXED, o)],
  ["concurrence", DENSITY, (o) => q.concurrence(MIXED2, o)],
  ["stateFidelity", DENSITY, (o) => q.stateFidelity(MIXED, MIXED, o)],
  ["traceDistance", DENSITY, (o) => q.traceDistance(MIXED, MIXED, o)],
  ["partialTrace", DENSITY, (o) => q.partialTrace(MIXED2, [1], o)],
  ["reducedState", DENSITY, (o) => q.reducedState(MIXED2, [0], o)],
  ["partialTraceContiguous", DENSITY, (o) => q.partialTraceContiguous(MIXED2, 2, 2, "B", o)],
  ["vonNeumannEntropy", ENTROPY, (o) => q.vonNeumannEntropy(MIXED, o)],
  ["relativeEntropy", ENTROPY, (o) => q.relativeEntropy(MIXED, MIXED, o)],
  ["negativity", ["qubitsB", "densityTol"], (o) => q.negativity(MIXED2, o)],
  ["logarithmicNegativity", ["qubitsB", "densityTol"], (o) => q.logarithmicNegativity(MIXED2, o)],
  ["isPpt", ["qubitsB", "densityTol", "tol"], (o) => q.isPpt(MIXED2, o)],
  ["renyiEntropy", ENTROPY, (o) => q.renyiEntropy(MIXED, 2, o)],
  ["mutualInformation", ENTROPY, (o) => q.mutualInformation(MIXED2, [0], o)],
  ["stateFidelitySquared", DENSITY, (o) => q.stateFidelitySquared(MIXED, MIXED, o)],
  ["partialTranspose", DENSITY, (o) => q.partialTranspose(MIXED2, [1], o)],
  ["permuteSystems", ["dims", "densityTol"], (o) => q.permuteSystems(MIXED2, [1, 0], o)],
  ["isChoi", ["tol", "inputDim"], (o) => q.isChoi(MIXED2, o)],
  ["subsystemDecomposition", ["tol"], (o) => q.subsystemDecomposition(MIXED2, 2, 2, o)],
  ["randomHermitian", ["seed"], (o) => q.randomHermitian(1, o)],
  ["haarOrthogonal", ["seed"], (o) => q.haarOrthogonal(1, o)],
  ["randomUnitaryWithHermitianBlock", ["seed"], (o) => q.randomUnitaryWithHermitianBlock(1, o)],
  ["randomOrthogonalProjection", ["seed", "rank"], (o) => q.randomOrthogonalProjection(1, o)],
  ["randomChannel", ["seed", "rank"], (o) => q.randomChannel(1, o)],
  ["randomKrausUnitary", ["seed", "count"], (o) => q.randomKrausUnitary(1, o)],
  [
    "diamondNorm",
    ["tol", "maxIter", "inputDim"],
    (o) => q.qinfo.diamondNorm([q.qinfo.qftMatrix(1)], [q.qinfo.qftMatrix(1)], o),
  ],
  [
    "solveSdp",
    ["tol", "maxIter"],
    (o) =>
      q.qinfo.solveSdp(
        { blocks: [1], c: [Float64Array.of(1)], a: [[Float64Array.of(1)]], b: Float64Array.of(1) },
        o,
      ),
  ],
  ["isDensityMatrix", ["qubits"], (o) => q.isDensityMatrix(MIXED, 1e-8, o)],
  ["randomUnitary", ["seed"], (o) => q.randomUnitary(1, o)],
  ["randomStateVector", ["seed"], (o) => q.randomStateVector(1, o)],
  ["randomDensityOperator", ["seed", "rank"], (o) => q.randomDensityOperator(1, o)],
  ["groverOperator", ["nQubits", "statePrep"], (o) => q.groverOperator([1], o), { nQubits: 2 }],
  ["pauliDecomposition", ["tol"], (o) => q.pauliDecomposition(MIXED, o)],
  ["hamiltonianFromMatrix", ["tol"], (o) => q.hamiltonianFromMatrix(MIXED, o)],
  ["randomHamiltonian", ["seed", "nTerms", "maxWeight", "scale"], (o) => q.randomHamiltonian(2, o)],
  ["schmidtDecomposition", ["tol"], (o) => q.schmidtDecomposition(q.State.bell(), [0], o)],
  // qml
  [
    "iqpEncoding",
    ["qubitsIdx", "pairs", "depth", "features"],
    (o) => q.iqpEncoding(new q.Circuit(2), o),
  ],
  ["basisEncoding", ["qubitsIdx"], (o) => q.basisEncoding(new q.Circuit(2), o)],
  ["amplitudeEncoding", STATE, (o) => q.amplitudeEncoding([1, 0], 1, o)],
  ["finiteDifferences", ["h"], (o) => q.finiteDifferences(o)],
  ["QuantumLayer", ["input", "state"], (o) => new q.QuantumLayer(circuit(), "Z0", o)],
  ["shotsExpectation", ["shots", "seed"], (o) => q.shotsExpectation(q.State.zero(1), "Z0", o)],
  [
    "shotsGradient",
    ["shots", "seed", "data", "state", "weights", "wantData"],
    (o) => q.shotsGradient(circuit(), "Z0", o),
  ],
  ["expecValShots", ["shots", "seed", "data", "state"], (o) => q.expecValShots(circuit(), "Z0", o)],
  [
    "quantumFisher",
    ["state", "data", "blockDiagonal", "onStats"],
    (o) => q.quantumFisher(circuit(), o),
  ],
  [
    "fubiniStudyMetric",
    ["state", "data", "blockDiagonal"],
    (o) => q.fubiniStudyMetric(circuit(), o),
  ],
  ["classicalFisher", ["state", "data"], (o) => q.classicalFisher(circuit(), o)],
  [
    "effectiveQuantumDimension",
    ["state", "data", "samples", "tol", "seed"],
    (o) => q.effectiveQuantumDimension(circuit(), o),
  ],
  [
    "effectiveDimension",
    ["state", "data", "sampleSizes", "parameterSamples", "gamma", "seed", "progress"],
    (o) => q.effectiveDimension(circuit(), o as unknown as q.EffectiveDimensionOptions),
    { sampleSizes: [1000], parameterSamples: 2 },
  ],
  [
    "gradientVariance",
    ["qubits", "depths", "samples", "parameter", "seed", "progress"],
    (o) =>
      q.gradientVariance(
        (n) => circuit(n),
        (psi) => q.expecVal(psi, "Z0"),
        o as unknown as q.GradientVarianceOptions,
      ),
    { qubits: [1], samples: 2 },
  ],
  [
    "QNG",
    ["lr", "regularization", "blockDiagonal", "state", "data"],
    (o) => new q.QNG(circuit(), o),
  ],
  // chemistry
  ["Molecule", ["charge", "multiplicity", "basis", "name"], (o) => new q.Molecule(H2.atoms, o)],
  [
    "Molecule.fromGeometry",
    ["basis", "charge", "multiplicity", "units", "name"],
    (o) => q.Molecule.fromGeometry("H 0 0 0; H 0 0 0.74", o),
  ],
  [
    "Molecule.fromXYZ",
    ["basis", "charge", "multiplicity", "units", "name"],
    (o) => q.Molecule.fromXYZ("2\nh2\nH 0 0 0\nH 0 0 0.74\n", o),
  ],
  [
    "Molecule.fromName",
    ["basis", "charge", "multiplicity", "units", "name"],
    (o) => q.Molecule.fromName("h2", o),
  ],
  ["Molecule.with", ["charge", "multiplicity", "basis", "name"], (o) => H2.with(o)],
  ["parseGbs", ["pure"], (o) => q.parseGbs(GBS, "mine", o)],
  ["BasisSet", ["pure"], (o) => new q.BasisSet(H2, "sto-3g", o)],
  ["computeIntegrals", ["basis", "pure", "screening"], (o) => q.computeIntegrals(H2, o)],
  [
    "runSCF",
    [
      "reference",
      "maxIterations",
      "energyTolerance",
      "gradientTolerance",
      "diis",
      "diisSize",
      "guess",
      "followInstabilities",
      "initialCoefficients",
      "breakSymmetry",
      "allowUnconverged",
      "integrals",
      "basis",
      "linearDependenceTolerance",
    ],
    (o) => q.runSCF(H2, o),
  ],
  ["scfGradient", ["scf", "result"], (o) => q.scfGradient(H2, o)],
  [
    "finiteDifferenceGradient",
    ["step", "onProgress"],
    (o) => q.finiteDifferenceGradient(H2, (m) => m.nuclearRepulsion(), o),
  ],
  [
    "groundStateGradient",
    ["solver", "numerical", "step", "onProgress"],
    (o) => q.groundStateGradient(H2, o),
    { solver: { method: "fci" } },
  ],
  [
    "optimizeGeometry",
    ["gradient", "scf", "maxForce", "maxSteps", "maxStepLength", "allowUnconverged", "onStep"],
    (o) => q.optimizeGeometry(H2, o),
  ],
  [
    "fci",
    ["nAlpha", "nBeta", "nRoots", "tol", "maxIter"],
    (o) => q.fci(INTS, o as never),
    { nAlpha: 1, nBeta: 1 },
  ],
  [
    "writeFcidump",
    ["nElectrons", "ms2", "orbitalSymmetries", "isym", "tol"],
    (o) => q.writeFcidump(INTS, o as never),
    { nElectrons: 2 },
  ],
  ["lowestEigenvalue", ["nRoots", "tol"], (o) => q.lowestEigenvalue(PROBLEM.qubitOperator, o)],
  [
    "taper",
    ["sector", "referenceBits", "symmetries"],
    (o) => q.taper(PROBLEM.qubitOperator, o),
    { referenceBits: PROBLEM.hartreeFockBits },
  ],
  ["rdmsFromFCI", ["twoBody"], (o) => q.rdmsFromFCI(q.fci(INTS, { nAlpha: 1, nBeta: 1 }), 2, o)],
  ["rdmsFromState", ["twoBody"], (o) => q.rdmsFromState(q.hartreeFockState(PROBLEM), PROBLEM, o)],
  [
    "activeSpace",
    ["nCore", "nActiveOrbitals", "nElectrons", "nActiveElectrons"],
    (o) => q.activeSpace(INTS, o),
  ],
  [
    "activeSpaceProblem",
    PROBLEM_KEYS.filter((k) => k !== "mapping" && k !== "taper"),
    (o) => q.activeSpaceProblem(H2, o),
  ],
  ["electronicProblem", PROBLEM_KEYS, (o) => q.electronicProblem(H2, o)],
  [
    "GroundStateSolver",
    [
      ...PROBLEM_KEYS,
      "method",
      "ansatz",
      "initial",
      "depth",
      "rotation",
      "entangler",
      "seed",
      "optimizer",
      "lr",
      "maxIterations",
      "tolerance",
      "gradientTolerance",
      "penalty",
      "fci",
      "callback",
      "progress",
      "shadow",
    ],
    (o) => new q.GroundStateSolver(o),
  ],
  [
    "vqe",
    [
      ...PROBLEM_KEYS,
      "method",
      "ansatz",
      "initial",
      "depth",
      "rotation",
      "entangler",
      "seed",
    ].concat(
      ["optimizer", "lr", "maxIterations", "tolerance", "gradientTolerance", "penalty", "fci"],
      ["callback", "progress", "shadow"],
    ),
    (o) => q.vqe(H2, o),
    { method: "fci" },
  ], // variational algorithms (constructors only check: nothing trains here)
  ["VQE", [...LOOP, "initialState"], (o) => new q.VQE("Z0", circuit(1), o)],
  ["SSVQE", [...LOOP, "k", "weights"], (o) => new q.SSVQE("Z0", circuit(1), o)],
  ["VQD", [...LOOP, "k", "beta"], (o) => new q.VQD("Z0", () => circuit(1), o)],
  ["QCBM", [...LOOP, "bandwidths"], (o) => new q.QCBM([0.5, 0.5], circuit(1), o)],
  ["VQSD", LOOP, (o) => new q.VQSD(q.DensityMatrix.zero(1), circuit(1), o)],
  ["VQLS", LOOP, (o) => new q.VQLS("1 + 0.5 X0", q.State.zero(1), circuit(1), o)],
  [
    "QGAN",
    ["rounds", "lr", "discriminatorIterations", "onRound"],
    (o) => new q.QGAN(q.State.zero(1), circuit(2), circuit(2), o),
  ],
  ["QuantumAutoencoder", LOOP, (o) => new q.QuantumAutoencoder(q.State.zero(2), circuit(2), 1, o)],
  [
    "VQSVD",
    [...LOOP, "rank", "weights"],
    (o) => new q.VQSVD(new Float64Array([1, 0, 0, 0, 0, 0, 2, 0]), circuit(1), circuit(1), o),
  ],
  ["UCCSD", [...PROBLEM_KEYS, "initial", "singles", "doubles", "steps"], (o) => new q.UCCSD(H2, o)],
  ["UpCCGSD", [...PROBLEM_KEYS, "k", "flavour", "seed"], (o) => new q.UpCCGSD(H2, o)],
  [
    "adaptVQE",
    [...PROBLEM_KEYS, "pool", "poolSpan", "gradientThreshold", "maxOperators", "fci", "progress"],
    (o) => q.adaptVQE(H2, o),
  ],
  [
    "HardwareEfficient",
    [...PROBLEM_KEYS, "depth", "rotation", "entangler", "seed", "initScale"],
    (o) => new q.HardwareEfficient(PROBLEM, o),
  ],
  [
    "spinConservingExcitations",
    ["singles", "doubles"],
    (o) => q.spinConservingExcitations(2, 1, 1, o),
  ],
  ["jordanWigner", ["nModes", "order"], (o) => q.jordanWigner(FOP, o)],
  ["bravyiKitaev", ["nModes", "order"], (o) => q.bravyiKitaev(FOP, o)],
  ["parity", ["nModes", "order"], (o) => q.parity(FOP, o)],
  [
    "parityReduced",
    ["nAlpha", "nBeta", "nModes"],
    (o) => q.parityReduced(FOP, o as never),
    { nAlpha: 1, nBeta: 1 },
  ],
  [
    "qubitHamiltonian",
    ["mapping", "order", "twoQubitReduction", "nAlpha", "nBeta", "tol"],
    (o) => q.qubitHamiltonian(INTS, o),
  ],
  ["molecularHamiltonian", ["tol"], (o) => q.molecularHamiltonian(INTS, o)],
  [
    "sectorGroundState",
    ["nAlpha", "nBeta", "nElectrons", "encoding", "nRoots", "tol"],
    (o) => q.sectorGroundState(PROBLEM.qubitOperator, o as never),
    { nAlpha: 1, nBeta: 1 },
  ],
  // io and backends
  ["parseQasm", ["strict"], (o) => q.parseQasm(QASM, o)],
  ["circuitFromQasm", ["strict"], (o) => q.circuitFromQasm(QASM, o)],
  ["toQasm", ["nQubits", "measure"], (o) => q.toQasm([{ gate: "h", qubits: [0], params: [] }], o)],
  ["circuitToQasm", ["measure"], (o) => q.circuitToQasm(circuit(), o)],
  ["CpuBackend", ["wasm", "threads"], (o) => new q.CpuBackend(o)],
  ["MpsBackend", ["maxBondDimension", "cutoff"], (o) => new q.MpsBackend(o)],
  // algorithms: learning
  [
    "fit",
    [...FIT_KEYS],
    (o) => q.fit(new q.Linear(1, 2, { seed: 1 }), LEARN_DATA, o),
    { epochs: 1 },
  ],
  [
    "fit: earlyStopping",
    ["patience", "minDelta", "restoreBest"],
    (o) =>
      q.fit(new q.Linear(1, 2, { seed: 1 }), LEARN_DATA, { epochs: 1, earlyStopping: o as never }),
    { patience: 1 },
  ],
  ["datasets.make", ["nClasses", "classNames"], (o) => q.datasets.make([[0], [1]], [0, 1], o)],
  ["datasets.circle", ["seed", "rng", "noise", "radius"], (o) => q.datasets.circle(4, o)],
  ["datasets.moons", ["seed", "rng", "noise"], (o) => q.datasets.moons(4, o)],
  ["datasets.xor", ["seed", "rng", "noise"], (o) => q.datasets.xor(4, o)],
  [
    "datasets.trainTestSplit",
    ["testFraction", "stratify", "seed", "rng"],
    (o) => q.datasets.trainTestSplit(LEARN_DATA, o),
  ],
  [
    "addEncoding",
    ["features", "depth", "scale"],
    (o) => q.datasets.addEncoding(new q.Circuit(2), "angle", o),
  ],
  [
    "VariationalClassifier",
    ["nQubits", "nFeatures", "nClasses", "layers", "encoding", "scale", "seed"],
    (o) => new q.VariationalClassifier(o as never),
    { nQubits: 1, nFeatures: 1 },
  ],
  [
    "VSQL",
    ["nQubits", "nFeatures", "shadowQubits", "depth", "nClasses", "seed"],
    (o) => new q.VSQL(o as never),
    { nQubits: 2, nFeatures: 2 },
  ],
  [
    "QuantumKernel",
    ["nQubits", "featureMap", "depth", "scale", "kind", "gamma", "rowBlock"],
    (o) => new q.QuantumKernel(o),
    { nQubits: 1 },
  ],
  ["SVM", ["C", "kernel", "gamma", "tol", "maxIter"], (o) => new q.SVM(o)],
];

// biome-ignore lint/suspicious/noExplicitAny: calls with arbitrary arguments, as plain JS makes them
type AnyFn = (...args: any[]) => unknown;
/** [where, the most arguments it takes, the call, valid leading arguments]. */
export type PositionalCall = [string, number, AnyFn, unknown[]];

const method =
  (make: () => object, name: string): AnyFn =>
  (...args) =>
    (make() as Record<string, AnyFn>)[name]!(...args);
const c3 = () => new q.Circuit(3, { seed: 1 });
const x = () => q.tensor([1], { requiresGrad: true });

const GATES: [string, q.QubitsIdx][] = [
  ...["h", "s", "sdg", "t", "tdg", "x", "y", "z", "p", "rx", "ry", "rz", "u3"].map(
    (g): [string, q.QubitsIdx] => [g, 0],
  ),
  ...["cnot", "cx", "cy", "cz", "swap", "iswap", "ms", "cp", "crx", "cry", "crz", "cu"].map(
    (g): [string, q.QubitsIdx] => [g, [[0, 1]]],
  ),
  ...["rxx", "ryy", "rzz", "universalTwoQubits"].map((g): [string, q.QubitsIdx] => [g, [[0, 1]]]),
  ...["cswap", "ccx", "toffoli", "universalThreeQubits"].map((g): [string, q.QubitsIdx] => [
    g,
    [[0, 1, 2]],
  ]),
];
const TEMPLATE_METHODS = [
  "superpositionLayer",
  "weakSuperpositionLayer",
  "linearEntangledLayer",
  "realEntangledLayer",
  "complexEntangledLayer",
  "realBlockLayer",
  "complexBlockLayer",
  "angleEncoding",
];
const CHANNELS: [string, unknown][] = [
  ["bitFlip", 0.1],
  ["phaseFlip", 0.1],
  ["bitPhaseFlip", 0.1],
  ["amplitudeDamping", 0.1],
  ["generalizedAmplitudeDamping", [0.1, 0.5]],
  ["phaseDamping", 0.1],
  ["depolarizing", 0.1],
  ["pauliChannel", [0.1, 0, 0]],
  ["resetChannel", [0.1, 0]],
  ["thermalRelaxation", [100, 80, 1]],
];

export const POSITIONAL_CALLS: PositionalCall[] = [
  // every Circuit builder method
  ["Circuit", 2, (...a) => new q.Circuit(...(a as [number])), [2]],
  ...GATES.map((g): PositionalCall => [`Circuit.${g[0]}`, 2, method(c3, g[0]), [g[1]]]),
  ["Circuit.pauliRotation", 2, method(c3, "pauliRotation"), ["X0 Y1"]],
  [
    "Circuit.oracle",
    3,
    method(c3, "oracle"),
    [
      [
        [0, 1],
        [1, 0],
      ],
      0,
    ],
  ],
  [
    "Circuit.controlOracle",
    3,
    method(c3, "controlOracle"),
    [
      [
        [0, 1],
        [1, 0],
      ],
      [0, 1],
    ],
  ],
  ...TEMPLATE_METHODS.map((t): PositionalCall => [`Circuit.${t}`, 1, method(c3, t), []]),
  ["Circuit.qaoaLayer", 2, method(c3, "qaoaLayer"), [[[0, 1]]]],
  ...CHANNELS.map((ch): PositionalCall => [`Circuit.${ch[0]}`, 2, method(c3, ch[0]), [ch[1], 0]]),
  ["Circuit.generalizedDepolarizing", 2, method(c3, "generalizedDepolarizing"), [0.1, [[0, 1]]]],
  [
    "Circuit.mixedUnitary",
    3,
    method(c3, "mixedUnitary"),
    [
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
      [1],
      0,
    ],
  ],
  ["Circuit.channel", 3, method(c3, "channel"), [q.depolarizing(0.1), 0]],
  ["Circuit.addOperation", 4, method(c3, "addOperation"), [q.getGate("h"), [0]]],
  ["Circuit.extend", 1, method(c3, "extend"), [new q.Circuit(3)]],
  ["Circuit.append", 1, method(c3, "append"), [new q.Circuit(3)]],
  ["Circuit.inverse", 0, method(c3, "inverse"), []],
  ["Circuit.unitary", 0, method(c3, "unitary"), []],
  ["Circuit.gateCounts", 0, method(c3, "gateCounts"), []],
  ["Circuit.forward", 3, method(c3, "forward"), []],
  ["Circuit.measure", 2, method(c3, "measure"), [0]],
  ["Circuit.reset", 1, method(c3, "reset"), [0]],
  ["Circuit.postselect", 2, method(c3, "postselect"), [0, 0]],
  ["Circuit.declareBits", 1, method(c3, "declareBits"), [2]],
  [
    "Circuit.cond",
    3,
    (...a) => new q.Circuit(2).measure(0).cond(...(a as [number[], number, () => void])),
    [[0], 1, () => undefined],
  ],
  ["Circuit.forwardDensity", 3, method(c3, "forwardDensity"), []],
  // other common calls
  ["tensor", 2, q.tensor, [[1, 2]]],
  ["zeros", 2, q.zeros, [[2]]],
  ["randn", 2, q.randn, [[2]]],
  ["Parameter", 3, (...a) => new q.Parameter(...(a as [number[]])), [[0.5]]],
  ["Linear", 3, (...a) => new q.Linear(...(a as [number, number])), [2, 1]],
  ["Adam", 2, (...a) => new q.Adam(...(a as [q.Tensor[]])), [[x()]]],
  ["SGD", 2, (...a) => new q.SGD(...(a as [q.Tensor[]])), [[x()]]],
  ["QNG", 2, (...a) => new q.QNG(...(a as [q.Circuit])), [circuit()]],
  ["quantumFisher", 2, q.quantumFisher, [circuit()]],
  ["classicalFisher", 2, q.classicalFisher, [circuit()]],
  ["effectiveDimension", 2, q.effectiveDimension, [circuit(), { sampleSizes: [1000] }]],
  ["mseLoss", 3, q.mseLoss, [q.tensor([1]), q.tensor([1])]],
  ["State.zero", 2, q.State.zero, [1]],
  ["State.bell", 2, q.State.bell, []],
  ["State.random", 2, q.State.random, [2]],
  ["State.fromAmplitudes", 2, q.State.fromAmplitudes, [[1, 0]]],
  ["State.measure", 2, method(q.State.bell, "measure"), [10]],
  ["State.expecVal", 2, method(q.State.bell, "expecVal"), [q.Hamiltonian.fromString("Z0")]],
  ["State.probabilities", 1, method(q.State.bell, "probabilities"), []],
  ["State.innerProduct", 1, method(q.State.bell, "innerProduct"), [q.State.bell()]],
  ["DensityMatrix.zero", 2, q.DensityMatrix.zero, [1]],
  ["DensityMatrix.fromMatrix", 2, q.DensityMatrix.fromMatrix, [MIXED]],
  [
    "DensityMatrix.expecVal",
    1,
    method(() => q.DensityMatrix.zero(1), "expecVal"),
    [q.Hamiltonian.fromString("Z0")],
  ],
  ["Hamiltonian", 2, (...a) => new q.Hamiltonian(...(a as [q.HamiltonianList])), [[[1, "Z0"]]]],
  ["Hamiltonian.fromString", 1, q.Hamiltonian.fromString, ["Z0"]],
  ["expecVal", 2, q.expecVal, [q.State.zero(1), "Z0"]],
  ["probabilities", 2, q.probabilities, [q.State.zero(1)]],
  ["stateFidelity", 3, q.stateFidelity, [q.State.zero(1), q.State.zero(1)]],
  ["traceDistance", 3, q.traceDistance, [MIXED, MIXED]],
  ["purity", 2, q.purity, [MIXED]],
  ["vonNeumannEntropy", 2, q.vonNeumannEntropy, [MIXED]],
  ["partialTrace", 3, q.partialTrace, [q.State.bell(), [0]]],
  ["renyiEntropy", 3, q.renyiEntropy, [MIXED, 2]],
  ["partialTranspose", 3, q.partialTranspose, [MIXED2, [1]]],
  ["absNorm", 1, q.absNorm, [MIXED]],
  ["dagger", 1, q.dagger, [MIXED]],
  ["directSum", 2, q.directSum, [MIXED, MIXED]],
  ["pauliBasis", 1, q.pauliBasis, [1]],
  ["isProjector", 2, q.isProjector, [MIXED]],
  ["isStateVector", 2, q.isStateVector, [q.State.bell().toArray()]],
  ["blockEncodingHermitian", 2, q.blockEncodingHermitian, [MIXED]],
  ["randomUnitary", 2, q.randomUnitary, [1]],
  ["getGate", 1, q.getGate, ["h"]],
  ["depolarizing", 1, q.depolarizing, [0.1]],
  ["Molecule.fromName", 2, q.Molecule.fromName, ["h2"]],
  ["runSCF", 2, q.runSCF, [H2]],
  ["electronicProblem", 2, q.electronicProblem, [H2]],
  ["fci", 2, q.fci, [q.electronicProblem(H2).integrals, { nAlpha: 1, nBeta: 1 }]],
  ["UCCSD", 2, (...a) => new q.UCCSD(...(a as [q.Molecule])), [H2]],
  ["parseQasm", 2, q.parseQasm, ['OPENQASM 2.0; include "qelib1.inc"; qreg q[1]; h q[0];']],
  ["circuitFromQasm", 2, q.circuitFromQasm, ['OPENQASM 2.0; include "qelib1.inc"; qreg q[1];']],
  ["setBackend", 1, q.setBackend, ["cpu"]],
  ["getBackend", 1, q.getBackend, []],
  ["Rng", 1, (...a) => new q.Rng(...(a as [number])), [1]],
];
