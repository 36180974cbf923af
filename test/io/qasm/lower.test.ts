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
import { expi, maxDiff, mul, scale } from "../helpers/dense.js";
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
