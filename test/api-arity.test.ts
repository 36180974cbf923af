/**
 * Extra positional arguments are an error (plain JS would otherwise drop them silently, as in
 * `c.rx(0, 0.5)` meant as an angle): every Circuit builder method and the other common calls
 * accept their documented arguments (trailing ones `undefined`) and refuse one more.
 */
import { describe, expect, it } from "vitest";
import * as q from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: calls with arbitrary arguments, as plain JS makes them
type AnyFn = (...args: any[]) => unknown;
/** [where, the most arguments it takes, the call, valid leading arguments]. */
type Row = [string, number, AnyFn, unknown[]];

const method =
  (make: () => object, name: string): AnyFn =>
  (...args) =>
    (make() as Record<string, AnyFn>)[name]!(...args);
const c3 = () => new q.Circuit(3, { seed: 1 });
const H2 = q.Molecule.fromName("h2");
const MIXED = new Float64Array([0.5, 0, 0, 0, 0, 0, 0.5, 0]);
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
const TEMPLATES = [
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

const ROWS: Row[] = [
  // every Circuit builder method
  ["Circuit", 2, (...a) => new q.Circuit(...(a as [number])), [2]],
  ...GATES.map((g): Row => [`Circuit.${g[0]}`, 2, method(c3, g[0]), [g[1]]]),
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
  ...TEMPLATES.map((t): Row => [`Circuit.${t}`, 1, method(c3, t), []]),
  ["Circuit.qaoaLayer", 2, method(c3, "qaoaLayer"), [[[0, 1]]]],
  ...CHANNELS.map((ch): Row => [`Circuit.${ch[0]}`, 2, method(c3, ch[0]), [ch[1], 0]]),
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
  ["Circuit.forwardDensity", 3, method(c3, "forwardDensity"), []],
  // other common calls
  ["tensor", 2, q.tensor, [[1, 2]]],
  ["zeros", 2, q.zeros, [[2]]],
  ["randn", 2, q.randn, [[2]]],
  ["Parameter", 3, (...a) => new q.Parameter(...(a as [number[]])), [[0.5]]],
  ["Linear", 3, (...a) => new q.Linear(...(a as [number, number])), [2, 1]],
  ["Adam", 2, (...a) => new q.Adam(...(a as [q.Tensor[]])), [[x()]]],
  ["SGD", 2, (...a) => new q.SGD(...(a as [q.Tensor[]])), [[x()]]],
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

describe("extra positional arguments are refused", () => {
  it.each(ROWS)("%s takes at most %i arguments", (where, max, call, leading) => {
    const args = [...leading, ...Array(max - leading.length).fill(undefined)];
    expect(() => call(...args)).not.toThrow();
    expect(() => call(...args, 0.5)).toThrow(q.ArgumentError);
    expect(() => call(...args, 0.5)).toThrow(
      `${where}: expected at most ${max} argument${max === 1 ? "" : "s"}, got ${max + 1}`,
    );
  });

  it("c.rx(0, 0.5) with a number for the angle names the fix", () => {
    expect(() => new q.Circuit(1).rx(0, 0.5 as never)).toThrow(/pass \{ param: 0.5 \}/);
    // @ts-expect-error: a third argument, as plain JS may pass
    expect(() => new q.Circuit(1).rx(0, {}, 0.5)).toThrow(
      "Circuit.rx: expected at most 2 arguments, got 3",
    );
  });
});
