import { describe, expect, it } from "vitest";
import { ArgumentError, QoarError } from "../../../src/errors.js";
import {
  controlOracleGate,
  factorProduct,
  GATE_NAMES,
  GATES,
  type GateEntry,
  getGate,
  hasGate,
  oracleGate,
  PAULI_X,
  PAULI_Y,
  PAULI_Z,
  pauliRotationGate,
} from "../../../src/quantum/gates/table.js";
import {
  controlledMatrix,
  expandOperator,
  expmHermitian,
  fromRows,
  identity,
  isHermitian,
  isUnitary,
  kron,
  matmul,
  maxAbsDiff,
  scaleMatrix,
} from "../../../src/quantum/linalg.js";
import { Rng } from "../../../src/random.js";

const rng = new Rng(2024);
const angles = (k: number): number[] =>
  Array.from({ length: k }, () => rng.uniformIn(-Math.PI, Math.PI));

const CUSTOM: GateEntry[] = [
  pauliRotationGate("XYZ"),
  pauliRotationGate("ZZ"),
  pauliRotationGate(["Y"]),
  oracleGate(getGate("iswap").matrix()),
  controlOracleGate(getGate("u3").matrix([0.3, 0.2, -0.4])),
];

describe("gate table contract", () => {
  for (const g of [...GATES, ...CUSTOM]) {
    describe(`${g.name}${g.pauliRotation ? `(${g.pauliRotation.join("")})` : ""}`, () => {
      it("is unitary and of the declared size", () => {
        for (let trial = 0; trial < 3; trial++) {
          const m = g.matrix(angles(g.nParams));
          expect(m.length).toBe(2 * 4 ** g.nQubits);
          expect(isUnitary(m, 1e-12)).toBe(true);
        }
      });

      it("has the declared structure", () => {
        const t = angles(g.nParams);
        const m = g.matrix(t);
        const d = 2 ** g.nQubits;
        const nz = (i: number, j: number) =>
          m[2 * (i * d + j)] !== 0 || m[2 * (i * d + j) + 1] !== 0;
        if (g.structure === "diagonal") {
          for (let i = 0; i < d; i++)
            for (let j = 0; j < d; j++) if (i !== j) expect(nz(i, j)).toBe(false);
          const diag = g.diagonal!(t);
          for (let i = 0; i < d; i++) {
            expect(diag[2 * i]).toBe(m[2 * (i * d + i)]);
            expect(diag[2 * i + 1]).toBe(m[2 * (i * d + i) + 1]);
          }
        }
        if (g.structure === "permutation") {
          expect(g.nParams).toBe(0);
          const { perm, phases } = g.permutation!;
          for (let j = 0; j < d; j++) {
            let count = 0;
            for (let i = 0; i < d; i++) if (nz(i, j)) count++;
            expect(count).toBe(1);
            expect(nz(perm[j]!, j)).toBe(true);
            const ph = phases ? [phases[2 * j]!, phases[2 * j + 1]!] : [1, 0];
            expect(m[2 * (perm[j]! * d + j)]).toBe(ph[0]);
            expect(m[2 * (perm[j]! * d + j) + 1]).toBe(ph[1]);
          }
        }
      });

      if (g.controlled) {
        it("equals its controlled target", () => {
          const t = angles(g.nParams);
          const { nControls, target } = g.controlled!;
          expect(target.nQubits + nControls).toBe(g.nQubits);
          expect(target.nParams).toBe(g.nParams);
          expect(
            maxAbsDiff(g.matrix(t), controlledMatrix(target.matrix(t), nControls)),
          ).toBeLessThan(1e-15);
        });
      }

      if (g.nParams === 1) {
        it("has a generator: matrix(t) = exp(-i t G / 2)", () => {
          expect(g.generator).toBeDefined();
          expect(isHermitian(g.generator!)).toBe(true);
          for (const t of [0.37, -1.9, 3.0]) {
            expect(
              maxAbsDiff(g.matrix([t]), expmHermitian(g.generator!, [0, -t / 2])),
            ).toBeLessThan(1e-13);
          }
        });
      }

      if (g.nParams > 1) {
        it("factors multiply (with the global phase) to the matrix", () => {
          expect(g.factors).toBeDefined();
          for (const f of g.factors!) {
            expect(f.gate.nParams).toBe(f.param === undefined ? 0 : 1);
            if (f.param !== undefined) expect(f.gate.generator).toBeDefined();
          }
          // independent product: every factor expanded with kron-based placement
          const t = angles(g.nParams);
          let u = identity(2 ** g.nQubits);
          for (const f of g.factors!) {
            const a = f.param === undefined ? [] : [f.scale * t[f.param]! + f.offset];
            u = matmul(expandOperator(f.gate.matrix(a), f.qubits, g.nQubits), u);
          }
          let phi = g.globalPhase?.offset ?? 0;
          g.globalPhase?.coefficients.forEach((c, j) => {
            phi += c * t[j]!;
          });
          u = scaleMatrix(u, [Math.cos(phi), Math.sin(phi)]);
          expect(maxAbsDiff(u, g.matrix(t))).toBeLessThan(1e-12);
          expect(
            maxAbsDiff(factorProduct(g.nQubits, g.factors!, g.globalPhase, t), g.matrix(t)),
          ).toBeLessThan(1e-12);
        });
      }

      it("rejects wrong parameter counts and NaN angles", () => {
        expect(() => g.matrix(angles(g.nParams + 1))).toThrow(ArgumentError);
        if (g.nParams > 0) {
          const t = angles(g.nParams);
          t[0] = Number.NaN;
          expect(() => g.matrix(t)).toThrow(/theta\[0\]/);
        }
      });
    });
  }
});

describe("gate conventions (Paddle Quantum)", () => {
  const c = Math.cos(0.35);
  const s = Math.sin(0.35);
  it("RX, RY, RZ, P match their closed forms", () => {
    expect(
      maxAbsDiff(
        getGate("rx").matrix([0.7]),
        fromRows([
          [
            [c, 0],
            [0, -s],
          ],
          [
            [0, -s],
            [c, 0],
          ],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxAbsDiff(
        getGate("ry").matrix([0.7]),
        fromRows([
          [c, -s],
          [s, c],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxAbsDiff(
        getGate("rz").matrix([0.7]),
        fromRows([
          [[c, -s], 0],
          [0, [c, s]],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxAbsDiff(
        getGate("p").matrix([0.7]),
        fromRows([
          [1, 0],
          [0, [Math.cos(0.7), Math.sin(0.7)]],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });

  it("U3(t, p, l) = [[cos t/2, -e^{il} sin t/2], [e^{ip} sin t/2, e^{i(p+l)} cos t/2]]", () => {
    const [t, p, l] = [0.7, 1.1, -0.4];
    const e = (a: number): [number, number] => [Math.cos(a), Math.sin(a)];
    const ref = fromRows([
      [c, [-e(l)[0] * s, -e(l)[1] * s]],
      [
        [e(p)[0] * s, e(p)[1] * s],
        [e(p + l)[0] * c, e(p + l)[1] * c],
      ],
    ]);
    expect(maxAbsDiff(getGate("u3").matrix([t, p, l]), ref)).toBeLessThan(1e-15);
    // U3(t, -pi/2, pi/2) = RX(t)
    expect(
      maxAbsDiff(getGate("u3").matrix([t, -Math.PI / 2, Math.PI / 2]), getGate("rx").matrix([t])),
    ).toBeLessThan(1e-15);
  });

  it("MS = RXX(-pi/2) = (I + i X(x)X) / sqrt 2", () => {
    const ref = scaleMatrix(
      matmul(identity(4), identity(4)).map(
        (v, i) => v + [0, 1][i % 2]! * kron(PAULI_X, PAULI_X)[i - (i % 2)]!,
      ),
      [Math.SQRT1_2, 0],
    );
    expect(maxAbsDiff(getGate("ms").matrix(), ref)).toBeLessThan(1e-15);
  });

  it("two-qubit gates put the first qubit on the most significant bit", () => {
    const cnot = getGate("cx").matrix();
    expect(cnot[2 * (3 * 4 + 2)]).toBe(1); // |10> -> |11>
    expect(getGate("cp").matrix([0.7])[2 * 15 + 1]).toBeCloseTo(Math.sin(0.7), 15);
    expect(maxAbsDiff(getGate("rzz").generator!, kron(PAULI_Z, PAULI_Z))).toBe(0);
    expect(maxAbsDiff(getGate("ryy").generator!, kron(PAULI_Y, PAULI_Y))).toBe(0);
    expect(maxAbsDiff(getGate("toffoli").matrix(), controlledMatrix(PAULI_X, 2))).toBe(0);
    expect(getGate("iswap").matrix()[2 * (1 * 4 + 2) + 1]).toBe(1);
  });

  it("universal gates follow Paddle's circuits (built here from table matrices)", () => {
    const t = angles(15);
    const gate = (name: string, a: number[] = []) => getGate(name).matrix(a);
    const seq: [Float64Array, number[]][] = [
      [gate("u3", t.slice(0, 3)), [0]],
      [gate("u3", t.slice(3, 6)), [1]],
      [gate("cnot"), [1, 0]],
      [gate("rz", [t[6]!]), [0]],
      [gate("ry", [t[7]!]), [1]],
      [gate("cnot"), [0, 1]],
      [gate("ry", [t[8]!]), [1]],
      [gate("cnot"), [1, 0]],
      [gate("u3", t.slice(9, 12)), [0]],
      [gate("u3", t.slice(12, 15)), [1]],
    ];
    let u = identity(4);
    for (const [m, q] of seq) u = matmul(expandOperator(m, q, 2), u);
    expect(maxAbsDiff(getGate("universal_two_qubits").matrix(t), u)).toBeLessThan(1e-13);
    expect(getGate("universalThreeQubits").nParams).toBe(81);
  });
});

describe("lookup and custom gates", () => {
  it("finds gates by name and alias", () => {
    expect(getGate("cx")).toBe(getGate("cnot"));
    expect(getGate("toffoli")).toBe(getGate("ccx"));
    expect(hasGate("universal_two_qubits")).toBe(true);
    expect(GATE_NAMES).toContain("iswap");
    expect(() => getGate("nope")).toThrow(/unknown gate "nope"/);
    expect(Object.isFrozen(getGate("h"))).toBe(true);
  });

  it("builds Pauli rotations for any string", () => {
    const g = pauliRotationGate("xy");
    expect(g).toBe(pauliRotationGate("XY"));
    expect(maxAbsDiff(g.generator!, kron(PAULI_X, PAULI_Y))).toBe(0);
    expect(pauliRotationGate("ZZZ").structure).toBe("diagonal");
    expect(() => pauliRotationGate("XQ")).toThrow(ArgumentError);
  });

  it("checks oracles for unitarity and shape", () => {
    expect(() =>
      oracleGate([
        [1, 1],
        [0, 1],
      ]),
    ).toThrow(/oracle: matrix.*not unitary/);
    expect(() =>
      oracleGate([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow(ArgumentError);
    expect(() => oracleGate([[1, 0], [0]])).toThrow(QoarError);
    const u = oracleGate(
      [
        [0, 1],
        [1, 0],
      ],
      "myX",
    );
    expect(u.name).toBe("myX");
    const cu = controlOracleGate([
      [0, 1],
      [1, 0],
    ]);
    expect(maxAbsDiff(cu.matrix(), getGate("cnot").matrix())).toBe(0);
    // nearly unitary within 1e-8 passes
    expect(() => oracleGate(new Float64Array([1 + 1e-10, 0, 0, 0, 0, 0, 1, 0]))).not.toThrow();
  });
});
