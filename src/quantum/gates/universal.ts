/**
 * Paddle Quantum's universal two- and three-qubit gates, defined by their decompositions into
 * one-parameter and fixed factors (the circuits of Paddle's `universal2_gate` and
 * `universal3_gate`), so the matrix and the gradient both come from the same factor list.
 *
 * universal_two_qubits (15 parameters): U3(t0..2) on q0, U3(t3..5) on q1, CNOT(1,0), RZ(t6) q0,
 * RY(t7) q1, CNOT(0,1), RY(t8) q1, CNOT(1,0), U3(t9..11) q0, U3(t12..14) q1.
 *
 * universal_three_qubits (81 parameters): psi = theta[0..60) as 4 x 15, phi = theta[60..81) as
 * 7 x 3; U2(psi0) on (0,1), U3(phi0) on 2, block U(phi1), U2(psi1), U3(phi2), block V(phi3),
 * U2(psi2), U3(phi4), block U(phi5), U2(psi3), U3(phi6).
 */
import { defineGate, factor } from "./define.js";
import { CNOT, H, RY, RZ, S } from "./standard.js";
import type { GateEntry, GateFactor } from "./types.js";

/** Collects factors and global-phase coefficients while a decomposition is written out. */
class FactorList {
  readonly factors: GateFactor[] = [];
  readonly phase: number[];
  constructor(nParams: number) {
    this.phase = new Array<number>(nParams).fill(0);
  }
  gate(g: GateEntry, qubits: number[], param?: number): this {
    this.factors.push(factor(g, qubits, param));
    return this;
  }
  /** U3(theta[o], theta[o+1], theta[o+2]) = e^{i(p+l)/2} RZ(p) RY(t) RZ(l) on qubit q. */
  u3(q: number, o: number): this {
    this.gate(RZ, [q], o + 2)
      .gate(RY, [q], o)
      .gate(RZ, [q], o + 1);
    this.phase[o + 1]! += 0.5;
    this.phase[o + 2]! += 0.5;
    return this;
  }
  cnot(c: number, t: number): this {
    return this.gate(CNOT, [c, t]);
  }
  /** The universal two-qubit circuit on qubits (a, b) with parameters theta[o..o+15). */
  universal2(a: number, b: number, o: number): this {
    this.u3(a, o)
      .u3(b, o + 3)
      .cnot(b, a);
    this.gate(RZ, [a], o + 6)
      .gate(RY, [b], o + 7)
      .cnot(a, b);
    this.gate(RY, [b], o + 8).cnot(b, a);
    return this.u3(a, o + 9).u3(b, o + 12);
  }
  blockU(o: number): this {
    this.cnot(1, 2)
      .gate(RY, [1], o)
      .cnot(0, 1)
      .gate(RY, [1], o + 1)
      .cnot(0, 1);
    this.cnot(1, 2).gate(H, [2]).cnot(1, 0);
    this.cnot(0, 2)
      .cnot(1, 2)
      .gate(RZ, [2], o + 2)
      .cnot(1, 2)
      .cnot(0, 2);
    return this;
  }
  blockV(o: number): this {
    this.cnot(2, 0).cnot(1, 2).cnot(2, 1);
    this.gate(RY, [2], o)
      .cnot(1, 2)
      .gate(RY, [2], o + 1)
      .cnot(1, 2);
    this.gate(S, [2]).cnot(2, 0).cnot(0, 1).cnot(1, 0);
    this.gate(H, [2])
      .cnot(0, 2)
      .gate(RZ, [2], o + 2)
      .cnot(0, 2);
    return this;
  }
}

const two = new FactorList(15).universal2(0, 1, 0);

/** Paddle Quantum's universal two-qubit gate (15 parameters). */
export const UNIVERSAL_TWO_QUBITS = defineGate({
  name: "universal_two_qubits",
  aliases: ["universalTwoQubits", "universal2"],
  nQubits: 2,
  nParams: 15,
  structure: "dense",
  factors: two.factors,
  globalPhase: { coefficients: two.phase, offset: 0 },
});

const three = new FactorList(81);
for (let block = 0; block < 4; block++) {
  three.universal2(0, 1, 15 * block).u3(2, 60 + 6 * block);
  if (block === 0 || block === 2) three.blockU(63 + 6 * block);
  else if (block === 1) three.blockV(63 + 6 * block);
}

/** Paddle Quantum's universal three-qubit gate (81 parameters). */
export const UNIVERSAL_THREE_QUBITS = defineGate({
  name: "universal_three_qubits",
  aliases: ["universalThreeQubits", "universal3"],
  nQubits: 3,
  nParams: 81,
  structure: "dense",
  factors: three.factors,
  globalPhase: { coefficients: three.phase, offset: 0 },
});
