import { describe, expect, it } from "vitest";
import { QoarError } from "../../../src/errors.js";
import {
  BUILTIN_GATES,
  CORE_GATES,
  LOWERING,
  lowerGate,
  lowerProgram,
  parseQasm,
  SPEC_U_PHASE,
} from "../../../src/io/qasm/index.js";
import { getGate } from "../../../src/quantum/gates/table.js";
import { expandOperator, identity, matmul } from "../../../src/quantum/linalg.js";
import { Rng } from "../../../src/random.js";
import { dagger, expi, maxDiff, mul, scale } from "../helpers/dense.js";
import { QISKIT_GATES, ry, rz, u3 } from "../helpers/qiskit-gates.js";
import { QOAR_ARITY, QOAR_GATES } from "../helpers/qoar-gates.js";
import { applyMatrix, loweredUnitary, zeroState } from "../helpers/statevector.js";

const ALL = { ...CORE_GATES, ...BUILTIN_GATES };
const QOAR_NAMES = new Set([...Object.keys(QOAR_GATES), "oracle"]);

// A fixed spread of angles, including 0, pi multiples and generic values.
const ANGLES = [
  [0, 0, 0, 0],
  [Math.PI, -Math.PI / 2, Math.PI / 4, 1],
  [0.3, -1.7, 2.9, -0.4],
  [-2.2, 0.9, -0.05, 3.1],
];

describe("lowering table", () => {
  it("covers every built-in gate and nothing else", () => {
    expect(Object.keys(LOWERING).sort()).toEqual(Object.keys(ALL).sort());
    expect(Object.keys(QISKIT_GATES).sort()).toEqual(Object.keys(ALL).sort());
  });

  for (const [name, g] of Object.entries(ALL)) {
    it(`${name}: e^{i phase} * product of qoar gates = Qiskit's matrix, exactly`, () => {
      const qubits = Array.from({ length: g.nQubits }, (_, k) => k);
      for (const a of ANGLES) {
        const params = a.slice(0, g.nParams);
        const low = lowerGate(name, params, qubits);
        for (const op of low.ops) {
          expect(QOAR_NAMES.has(op.gate), op.gate).toBe(true);
          if (op.gate === "oracle") {
            expect(op.matrix!.length).toBe(2 * 4 ** op.qubits.length);
          } else {
            expect([op.qubits.length, op.params.length]).toEqual(QOAR_ARITY[op.gate]);
          }
        }
        const got = loweredUnitary(g.nQubits, low.ops, low.phase);
        expect(maxDiff(got, QISKIT_GATES[name]!(params))).toBeLessThan(1e-12);
      }
    });
  }

  it("maps local qubits onto the given ones (gate on permuted qubits of a larger register)", () => {
    const n = 5;
    for (const [name, g] of Object.entries(ALL)) {
      const qubits = [4, 1, 3, 0, 2].slice(0, g.nQubits);
      const params = ANGLES[2]!.slice(0, g.nParams);
      // a generic input state
      const s0 = zeroState(n);
      for (let i = 0; i < s0.length; i++) s0[i] = Math.sin(1.3 * i + 0.2);
      const a = Float64Array.from(s0);
      applyMatrix(a, n, QISKIT_GATES[name]!(params), qubits);
      const b = Float64Array.from(s0);
      const low = lowerGate(name, params, qubits);
      for (const op of low.ops) {
        const m = op.gate === "oracle" ? op.matrix! : QOAR_GATES[op.gate]!(op.params);
        applyMatrix(b, n, m, op.qubits);
      }
      expect(maxDiff(a, scale(b, expi(low.phase))), name).toBeLessThan(1e-12);
    }
  });

  it("records the OpenQASM 2 paper's U phase: RZ(p) RY(t) RZ(l) = e^{i SPEC_U_PHASE} U3", () => {
    for (const [t, p, l] of ANGLES) {
      const spec = mul(mul(rz(p!), ry(t!)), rz(l!));
      expect(maxDiff(spec, scale(u3(t!, p!, l!), expi(SPEC_U_PHASE(p!, l!))))).toBeLessThan(1e-12);
    }
  });

  it("rejects unknown names, wrong parameters and wrong qubits", () => {
    expect(() => lowerGate("nope", [], [0])).toThrow(QoarError);
    expect(() => lowerGate("toString", [], [0])).toThrow(/not a built-in/);
    expect(() => lowerGate("rx", [], [0])).toThrow(/params \[\] must be 1 finite/);
    expect(() => lowerGate("rx", [Number.NaN], [0])).toThrow(/params \[NaN\]/);
    expect(() => lowerGate("cx", [], [1, 1])).toThrow(/qubits \[1, 1\] must be 2 distinct/);
    expect(() => lowerGate("h", [], [0.5])).toThrow(/qubits \[0.5\]/);
  });
});

/** The unitary of a lowering from qoar's own gate matrices (the library's, not the test helpers'). */
function libraryUnitary(nQubits: number, ops: ReturnType<typeof lowerGate>): Float64Array {
  let u = identity(2 ** nQubits);
  for (const o of ops.ops) {
    const m = o.gate === "oracle" ? o.matrix! : getGate(o.gate).matrix(o.params);
    u = matmul(expandOperator(m, o.qubits, nQubits), u);
  }
  return scale(u, expi(ops.phase));
}

describe("lowering at huge angles", () => {
  const rng = new Rng(1515);
  for (const [name, g] of Object.entries(ALL)) {
    if (g.nParams === 0) continue;
    it(`${name}: the lowered gates stay unitary (1e-14) and equal Qiskit's matrix at angles up to 1e15`, () => {
      const qubits = Array.from({ length: g.nQubits }, (_, k) => k);
      const eye = identity(2 ** g.nQubits);
      for (const magnitude of [1e3, 1e8, 1e12, 1e15]) {
        for (let trial = 0; trial < 4; trial++) {
          // sizes spread over two decades, so sums of angles need rounding
          const params = Array.from(
            { length: g.nParams },
            () => (rng.uniform() < 0.5 ? -1 : 1) * magnitude * 10 ** -rng.uniformIn(0, 2),
          );
          const u = libraryUnitary(g.nQubits, lowerGate(name, params, qubits));
          expect(maxDiff(mul(u, dagger(u)), eye), `${name} ${params}`).toBeLessThan(1e-14);
          // the reference builds e^{i(a+b)} as e^{ia} e^{ib}, exact at any size
          expect(maxDiff(u, QISKIT_GATES[name]!(params)), `${name} ${params}`).toBeLessThan(1e-14);
        }
      }
    });
  }
});

describe("lowerProgram", () => {
  it("sums the phases and keeps final measurements", () => {
    const p = parseQasm(
      'OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; creg c[2]; sx q[0]; sx q[1]; barrier q; measure q -> c;',
    );
    const low = lowerProgram(p);
    expect(low.globalPhase).toBeCloseTo(Math.PI / 2, 14);
    expect(low.ops.map((o) => o.gate)).toEqual(["rx", "rx"]);
    expect(low.measurements).toEqual([
      { qubit: 0, clbit: 0 },
      { qubit: 1, clbit: 1 },
    ]);
    expect(low.nQubits).toBe(2);
    expect(low.nClbits).toBe(2);
  });

  it("keeps the global phase of 100 003 sx gates exact (a running sum would drift)", () => {
    const n = 100_003; // e^{i n pi/4} with n = 3 (mod 8): e^{3 i pi/4}
    const text = `OPENQASM 2.0; include "qelib1.inc"; qreg q[1];\n${"sx q[0];\n".repeat(n)}`;
    const low = lowerProgram(parseQasm(text));
    expect(low.globalPhase).toBeGreaterThan(-Math.PI);
    expect(low.globalPhase).toBeLessThanOrEqual(Math.PI);
    expect(
      maxDiff(Float64Array.from(expi(low.globalPhase)), Float64Array.from(expi((3 * Math.PI) / 4))),
    ).toBeLessThan(1e-14);
  });

  it("refuses reset, if and gates after a measurement, naming the line", () => {
    const head = 'include "qelib1.inc"; qreg q[2]; creg c[2];\n';
    expect(() => lowerProgram(parseQasm(`${head}reset q[0];`))).toThrow(/line 2.*reset/);
    expect(() => lowerProgram(parseQasm(`${head}if (c==1) x q[0];`))).toThrow(/line 2.*if/);
    expect(() => lowerProgram(parseQasm(`${head}measure q[0] -> c[0];\nh q[0];`))).toThrow(
      /line 3.*after it was measured/,
    );
    // a measured qubit may stay measured while others go on
    expect(lowerProgram(parseQasm(`${head}measure q[0] -> c[0];\nh q[1];`)).ops).toHaveLength(1);
  });
});
