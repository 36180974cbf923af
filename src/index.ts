/**
 * qoar's public API. Tensor ops with generic names (sum, max, slice, ...) are exported from the
 * `tensor` namespace object and by name; everything else by name.
 */

export type { SizedAnsatz } from "./algorithms/basis-inputs.js";
export type { OperatorLike } from "./algorithms/dense-operator.js";
export {
  type AmplitudeEstimate,
  type AmplitudeEstimationOptions,
  amplitudeEstimation,
  type MLAmplitudeEstimationOptions,
  mlAmplitudeEstimation,
} from "./algorithms/finance/amplitude-estimation.js";
export {
  type StockData,
  type StockDataOptions,
  simulateStockData,
} from "./algorithms/finance/market-data.js";
export {
  blackScholesCall,
  type CallPrice,
  type CallPricingOptions,
  europeanCallCircuit,
  logNormalDistribution,
  type OptionMarket,
  type PriceDistribution,
  priceEuropeanCall,
} from "./algorithms/finance/option-pricing.js";
export { type PortfolioOptions, portfolioHamiltonian } from "./algorithms/finance/portfolio.js";
export { freeEnergy } from "./algorithms/gibbs.js";
export { type GraphEdge, type RandomGraphOptions, randomRegularGraph } from "./algorithms/graph.js";
export * from "./algorithms/learning.js";
export {
  decodeColoring,
  decodeTour,
  graphColoringHamiltonian,
  maxCutHamiltonian,
  type PenaltyOptions,
  quboHamiltonian,
  tspHamiltonian,
} from "./algorithms/qaoa/ising.js";
export { cvar, gibbsObjective } from "./algorithms/qaoa/objectives.js";
export {
  QAOA,
  type QAOAOptimizeOptions,
  type QAOAOptions,
  type QAOASolution,
} from "./algorithms/qaoa/qaoa.js";
export { QCBM, type QCBMOptions, type QCBMResult } from "./algorithms/qcbm.js";
export { QGAN, type QGANOptions, type QGANResult } from "./algorithms/qgan.js";
export {
  QuantumAutoencoder,
  type QuantumAutoencoderOptions,
  type QuantumAutoencoderResult,
} from "./algorithms/quantum-autoencoder.js";
export { SSVQE, type SSVQEOptions, type SSVQEResult } from "./algorithms/ssvqe.js";
export { VQD, type VQDOptions, type VQDResult } from "./algorithms/vqd.js";
export { VQLS, type VQLSOptions, type VQLSResult } from "./algorithms/vqls.js";
export { VQSD, type VQSDOptions, type VQSDResult } from "./algorithms/vqsd.js";
export { VQSVD, type VQSVDOptions, type VQSVDResult } from "./algorithms/vqsvd.js";
export {
  type AdjointStepSpec,
  type AllocationStats,
  type Backend,
  type GpuDeviceInfo,
  getBackend,
  type InitWebGpuOptions,
  initWebGpu,
  knownBackends,
  type LikelyOutcome,
  listBackends,
  MpsBackend,
  type MpsBackendOptions,
  type MpsStateBuffer,
  type PauliLetter,
  type PauliString,
  type PauliTerm,
  registerBackend,
  type StateBuffer,
  setBackend,
  WebGpuBackend,
  type WebGpuBackendOptions,
  type WebGpuLayout,
  WebGpuStateBuffer,
} from "./backend/backend.js";
export type { CpuStateBuffer } from "./backend/cpu/buffer.js";
export { CpuBackend } from "./backend/cpu/cpu.js";
export {
  type ActiveSpace,
  type ActiveSpaceOptions,
  activeSpace,
  type MatrixLike as RealMatrixLike,
  type MOIntegrals,
  transformToMO,
} from "./chem/active-space.js";
export {
  type AdaptRound,
  type AdaptVQEOptions,
  type AdaptVQEResult,
  adaptVQE,
} from "./chem/adapt-vqe.js";
export * from "./chem/ansatz/index.js";
export {
  BasisSet,
  type BasisSetData,
  basisNames,
  parseGbs,
  type Shell,
  type ShellSpec,
} from "./chem/basis.js";
export { type FCIOptions, type FCIResult, fci } from "./chem/fci.js";
export {
  type Fcidump,
  type FcidumpWriteOptions,
  parseFcidump,
  writeFcidump,
} from "./chem/fcidump.js";
export {
  type Coefficient,
  FermionOperator,
  type FermionTerm,
  type LadderOp,
  molecularHamiltonian,
  numberOperator,
  s2Operator,
  szOperator,
} from "./chem/fermion.js";
export {
  type EnergyFunction,
  type FiniteDifferenceOptions,
  finiteDifferenceGradient,
} from "./chem/gradient/finite-difference.js";
export { coordinatesOf, withCoordinates } from "./chem/gradient/geometry.js";
export {
  type GroundStateGradient,
  type GroundStateGradientOptions,
  groundStateGradient,
} from "./chem/gradient/groundstate-gradient.js";
export {
  type GradientFunction,
  type OptimizationResult,
  type OptimizationStep,
  type OptimizeOptions,
  optimizeGeometry,
} from "./chem/gradient/optimize.js";
export {
  type NuclearGradient,
  type SCFGradient,
  type SCFGradientOptions,
  scfGradient,
} from "./chem/gradient/scf-gradient.js";
export {
  GroundStateSolver,
  type GroundStateSolverOptions,
  type GroundStateSolverResult,
  type VQEIteration,
  vqe,
} from "./chem/groundstate.js";
export {
  type FermiHubbardOptions,
  fermiHubbard,
  fermiHubbardOperator,
} from "./chem/hubbard.js";
export {
  type AOIntegrals,
  computeIntegrals,
  eriIndex,
  type IntegralOptions,
} from "./chem/integrals/index.js";
export { JKBuilder, type JKMode, type JKOptions, type JKResult } from "./chem/integrals/jk.js";
export {
  bravyiKitaev,
  jordanWigner,
  type MappingName,
  type MappingOptions,
  parity,
  parityReduced,
  type QubitEncoding,
  type QubitHamiltonianOptions,
  QubitOperator,
  qubitHamiltonian,
} from "./chem/mappings.js";
export {
  type Atom,
  type AtomSpec,
  BOHR_IN_ANGSTROM,
  Molecule,
  type MoleculeOptions,
} from "./chem/molecule.js";
export {
  type ActiveSpaceProblem,
  activeSpaceProblem,
  type ElectronicProblem,
  electronicProblem,
  type ProblemOptions,
  parseMapping,
  type QubitMapping,
} from "./chem/problem.js";
export { formatQubitOperator, parseQubitOperator } from "./chem/qubit-operator-text.js";
export {
  correlatedDipole,
  type NaturalOrbitals,
  naturalOrbitals,
  type RdmOptions,
  type ReducedDensityMatrices,
  rdmEnergy,
  rdmsFromFCI,
  rdmsFromState,
  spatialOneRdm,
} from "./chem/rdm.js";
export type { StabilityOptions, StabilityResult } from "./chem/scf/stability.js";
export {
  type Dipole,
  type Reference,
  rhfStability,
  runSCF,
  type SCFIterationInfo,
  type SCFOptions,
  type SCFResult,
} from "./chem/scf.js";
export {
  type HamiltonianLike as SectorHamiltonianLike,
  type LowestEigenvalueOptions,
  lowestEigenvalue,
  type SectorOptions,
  type SectorResult,
  sectorGroundState,
} from "./chem/sector.js";
export { shadowEnergy } from "./chem/shadow-energy.js";
export {
  findZ2Symmetries,
  type Tapering,
  type TaperOptions,
  taper,
  taperProblem,
  type Z2Symmetry,
} from "./chem/tapering.js";
export { Complex, type ComplexLike, complexParts, isComplexLike } from "./complex.js";
export * from "./errors.js";
export {
  EXPRESSION_CONSTANTS,
  EXPRESSION_FUNCTIONS,
  type ExpressionResult,
  evaluateExpression,
  tryEvaluateExpression,
} from "./expression.js";
export { circuitFromQasm, circuitToQasm, type QasmCircuit } from "./io/circuit-qasm.js";
export {
  canExport,
  type LoweredOp,
  type LoweredProgram,
  type LoweredStep,
  lowerProgram,
  type Measurement,
  type ParseQasmOptions,
  parseQasm,
  programToQasm,
  QASM_MAX_CLBITS,
  QASM_MAX_QUBITS,
  type QasmBarrierOp,
  QasmError,
  type QasmGateOp,
  type QasmIfOp,
  type QasmMeasureOp,
  type QasmOp,
  type QasmProgram,
  type QasmRegister,
  type QasmResetOp,
  type QasmWarning,
  type SourcePos,
  type StepsToQasmOptions,
  stepsToQasm,
  type ToQasmOptions,
  toQasm,
} from "./io/qasm/index.js";
/** The quantum-information toolbox (fidelities, entropies, partial traces, random states, ...). */
export * as qinfo from "./qinfo/index.js";
export {
  absNorm,
  averageGateFidelity,
  blockEncodingHermitian,
  ClassicalShadow,
  type ClassicalShadowOptions,
  classicalShadow,
  concurrence,
  dagger,
  diamondNorm,
  diamondNormUnitaryDifference,
  directSum,
  gateFidelity,
  groverOperator,
  haarOrthogonal,
  hamiltonianFromMatrix,
  isChoi,
  isDensityMatrix,
  isPositive,
  isPpt,
  isProjector,
  isStateVector,
  logarithmicNegativity,
  mutualInformation,
  negativity,
  nKron,
  partialTrace,
  partialTraceContiguous,
  partialTranspose,
  pauliBasis,
  pauliComponentsMatrix,
  pauliDecomposition,
  permuteSystems,
  purity,
  qftMatrix,
  randomChannel,
  randomDensityOperator,
  randomHamiltonian,
  randomHermitian,
  randomKrausUnitary,
  randomOrthogonalProjection,
  randomStateVector,
  randomUnitary,
  randomUnitaryWithHermitianBlock,
  reducedState,
  relativeEntropy,
  renyiEntropy,
  type ShadowEnsemble,
  type ShadowEstimate,
  type ShadowEstimateOptions,
  type ShadowObservable,
  type ShadowSampling,
  schmidtDecomposition,
  stateFidelity,
  stateFidelitySquared,
  subsystemDecomposition,
  tensorState,
  traceDistance,
  vonNeumannEntropy,
} from "./qinfo/index.js";
export {
  amplitudeEncoding,
  basisEncoding,
  type IqpEncodingOptions,
  iqpEncoding,
} from "./qml/encoding.js";
export { expecVal, expecValAsync } from "./qml/expecval.js";
export { finiteDifferences } from "./qml/finitediff.js";
export {
  classicalFisher,
  type EffectiveDimensionOptions,
  type EffectiveDimensionResult,
  effectiveDimension,
} from "./qml/fisher/classical-fisher.js";
export {
  type EffectiveQuantumDimensionOptions,
  effectiveQuantumDimension,
  fubiniStudyMetric,
  type QuantumFisherOptions,
  quantumFisher,
} from "./qml/fisher/quantum-fisher.js";
export type { FisherInputOptions } from "./qml/fisher/sweep-input.js";
export {
  type DecayFit,
  type GradientVarianceEntry,
  type GradientVarianceOptions,
  type GradientVarianceResult,
  gradientVariance,
} from "./qml/gradtool.js";
export {
  expecVals,
  type HamiltonianLike,
  QuantumLayer,
  type QuantumLayerOptions,
} from "./qml/layer.js";
export { applyOnQubits } from "./qml/locc/local-circuit.js";
export {
  type LoccMeasureOptions,
  LoccNet,
  type LoccStatus,
  probabilityWeighted,
  type QubitRef,
  successProbability,
} from "./qml/locc/locc-net.js";
export { targetOverlap } from "./qml/locc/overlap.js";
export {
  type OutcomeBranch,
  type ProjectOutcomeOptions,
  projectOutcome,
} from "./qml/locc/projection.js";
export { reduceDensity } from "./qml/locc/reduce.js";
export { probabilities } from "./qml/losses.js";
export {
  gateExponents,
  gateFrequencies,
  gateShiftRule,
  parameterShift,
  type ShiftKind,
  type ShiftRule,
  shiftRule,
} from "./qml/paramshift.js";
export { QNG, type QNGOptions } from "./qml/qng.js";
export {
  type RotationAxis,
  Rotoselect,
  type RotoselectCost,
  type RotoselectOptions,
} from "./qml/rotoselect.js";
export {
  Rotosolve,
  type RotosolveOptions,
  type SinusoidMinimum,
  sinusoidMinimum,
} from "./qml/rotosolve.js";
export { type ExpecValShadowOptions, expecValShadow } from "./qml/shadow-expecval.js";
export {
  expecValShots,
  type ShotsGradientResult,
  type ShotsOptions,
  shotsExpectation,
  shotsGradient,
} from "./qml/shots.js";
export type {
  VariationalLoopOptions,
  VariationalLoopResult,
} from "./qml/variational-loop.js";
export {
  type VariationalAnsatz,
  VQE,
  type VQEOptions,
  type VQEResult,
} from "./qml/vqe.js";
export {
  type Block,
  type ChannelParam,
  Circuit,
  type CircuitOptions,
  type ForwardOptions,
  type GateOptions,
  type GradientMethod,
  type GradientMethodFn,
  type MeasureCallOptions,
  type ParamGateOptions,
  registerGradientMethod,
  type TemplateOptions,
} from "./quantum/circuit/circuit.js";
export {
  type AngleJSON,
  type BlockJSON,
  type ChannelLookup,
  type ChannelOperationJSON,
  CIRCUIT_JSON_FORMAT,
  CIRCUIT_JSON_VERSION,
  type CircuitJSON,
  type CondOperationJSON,
  circuitFromJSON,
  circuitToJSON,
  type GateOperationJSON,
  type MeasureOperationJSON,
  type OperationJSON,
  type ParameterJSON,
  type ProjectionOperationJSON,
} from "./quantum/circuit/circuit-json.js";
export {
  DEFAULT_MAX_BRANCHES,
  type DynamicRunOptions,
} from "./quantum/circuit/dynamic.js";
export type {
  AngleSource,
  ChannelLike,
  ChannelOperation,
  CondOperation,
  DynamicOperation,
  GateOperation,
  MeasureOperation,
  Operation,
  PostselectOperation,
  ResetOperation,
  StaticOperation,
} from "./quantum/circuit/operation.js";
export { formatQubitsIdx, type QubitsIdx } from "./quantum/circuit/qubits-idx.js";
export {
  Channel,
  type ChannelParamSpec,
  choiToKraus,
  type KrausBuilder,
  krausToChoi,
  krausToStinespring,
  stinespringToKraus,
} from "./quantum/density/channels.js";
export {
  DensityMatrix,
  type DensityMeasureOptions,
  type MatrixInput,
  pauliSumMatrix,
} from "./quantum/density/density.js";
export {
  type ConfusionMatrix,
  NoiseModel,
  type NoiseModelJSON,
  type NoiseRule,
  NoisyRun,
  type ReadoutConvention,
} from "./quantum/density/noise.js";
export {
  type DensityCircuit,
  type DensityForwardOptions,
  type DensityRunOptions,
  runDensity,
} from "./quantum/density/run.js";
export {
  amplitudeDamping,
  bitFlip,
  bitPhaseFlip,
  CHANNEL_NAMES,
  depolarizing,
  generalizedAmplitudeDamping,
  generalizedDepolarizing,
  getChannel,
  mixedUnitary,
  pauliChannel,
  phaseDamping,
  phaseFlip,
  replacement,
  resetChannel,
  thermalRelaxation,
} from "./quantum/density/standard-channels.js";
export {
  bellDiagonalState,
  type CollapseOptions,
  type CollapseResult,
  collapse,
  densityExpecVal,
  densityExpecValAsync,
  densityFromTensor,
  isotropicState,
  mixture,
  randomDensityMatrix,
  rState,
  sState,
} from "./quantum/density/states.js";
export { type ApplyOptions, applyGate, applyMatrix } from "./quantum/gates/apply.js";
export { DOUBLE_EXCITATION, SINGLE_EXCITATION } from "./quantum/gates/givens.js";
export {
  type ControlledSpec,
  controlOracleGate,
  GATE_NAMES,
  GATES,
  type GateEntry,
  type GateFactor,
  type GateStructure,
  type GlobalPhase,
  getGate,
  type MatrixLike,
  oracleGate,
  type PermutationSpec,
  pauliRotationGate,
} from "./quantum/gates/table.js";
export type { AngleShift, GradientRequest, GradientResult } from "./quantum/gradients/adjoint.js";
export type { DerivativeSweepStats } from "./quantum/gradients/derivative-states.js";
export type { ComplexPair } from "./quantum/linalg.js";
export {
  dagger as denseDagger,
  expmHermitian,
  fromRows,
  matmul as denseMatmul,
} from "./quantum/linalg.js";
export {
  evolutionOperator,
  infidelity,
  krylovEvolve,
  operatorDistance,
  stateDistance,
} from "./quantum/operators/evolution.js";
export type {
  EvolutionInfo,
  EvolutionTime,
  EvolveOptions,
} from "./quantum/operators/evolve.js";
export {
  type GroundStateOptions,
  type GroundStateResult,
  Hamiltonian,
  type HamiltonianList,
  type SparseMatrix,
} from "./quantum/operators/hamiltonian.js";
export {
  type LanczosOptions,
  type LanczosResult,
  lanczos,
  type MatVec,
} from "./quantum/operators/lanczos.js";
export {
  chainLattice,
  customLattice,
  gridLattice,
  type Lattice,
  type LatticeLike,
  ringLattice,
} from "./quantum/operators/lattice.js";
export { groupQubitWiseCommuting, parsePauli } from "./quantum/operators/pauli.js";
export { type QdriftOptions, qdriftCircuit } from "./quantum/operators/qdrift.js";
export {
  type HeisenbergOptions,
  heisenberg,
  heisenbergXXZ,
  type IsingOptions,
  transverseFieldIsing,
  type XXZOptions,
  type XYZ,
} from "./quantum/operators/spin-models.js";
export { type TridiagonalEigen, tridiagonalEigen } from "./quantum/operators/tridiagonal.js";
export {
  type FormulaFactor,
  productFormula,
  type TrotterGrouping,
  type TrotterOptions,
  trotterCircuit,
  trotterFragments,
} from "./quantum/operators/trotter.js";
export type { Branches } from "./quantum/state/branches.js";
export type { Counts } from "./quantum/state/measure.js";
export {
  type AmplitudesLike,
  type ExpecValOptions,
  type MeasureOptions,
  type PauliSum,
  State,
  type StateOptions,
} from "./quantum/state/state.js";
export * from "./random.js";
export * from "./tensor/index.js";
export * as tensorOps from "./tensor/index.js";
export { gradientVarianceFigure } from "./viz/gradient-variance.js";
// types only: viz/report.ts itself reads node:fs, so the browser-safe entry exports no values from it
export type { Figure, Report, Section, Table } from "./viz/report.js";
