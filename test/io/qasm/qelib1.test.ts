/**
 * A second, independent check of the test's reference matrices (helpers/qiskit-gates.ts): the
 * gate bodies of qelib1.inc (as the OpenQASM 2 paper lists them, rewritten on one line each
 * under a `q_` prefix), expanded by the parser and multiplied out, give the same matrices up to
 * a global phase. Also checks every builtin's arity against the table.
 */
import { describe, expect, it } from "vitest";
import { BUILTIN_GATES, parseQasm, type QasmProgram } from "../../../src/io/qasm/index.js";
import { type CMat, diffUpToPhase } from "../helpers/dense.js";
import { QISKIT_GATES } from "../helpers/qiskit-gates.js";
import { runProgram } from "../helpers/statevector.js";

const BODIES = `
gate q_x a { u3(pi,0,pi) a; }
gate q_y a { u3(pi,pi/2,pi/2) a; }
gate q_z a { u1(pi) a; }
gate q_h a { u2(0,pi) a; }
gate q_s a { u1(pi/2) a; }
gate q_sdg a { u1(-pi/2) a; }
gate q_t a { u1(pi/4) a; }
gate q_tdg a { u1(-pi/4) a; }
gate q_sx a { sdg a; h a; sdg a; }
gate q_sxdg a { s a; h a; s a; }
gate q_rx(t) a { u3(t,-pi/2,pi/2) a; }
gate q_ry(t) a { u3(t,0,0) a; }
gate q_rz(t) a { u1(t) a; }
gate q_u2(p,l) a { U(pi/2,p,l) a; }
gate q_cz a,b { h b; cx a,b; h b; }
gate q_cy a,b { sdg b; cx a,b; s b; }
gate q_swap a,b { cx a,b; cx b,a; cx a,b; }
gate q_ch a,b { h b; sdg b; cx a,b; h b; t b; cx a,b; t b; h b; s b; x b; s a; }
gate q_ccx a,b,c { h c; cx b,c; tdg c; cx a,c; t c; cx b,c; tdg c; cx a,c; t b; t c; h c; cx a,b; t a; tdg b; cx a,b; }
gate q_cswap a,b,c { cx c,b; ccx a,b,c; cx c,b; }
gate q_crx(t) a,b { u1(pi/2) b; cx a,b; u3(-t/2,0,0) b; cx a,b; u3(t/2,-pi/2,0) b; }
gate q_cry(t) a,b { u3(t/2,0,0) b; cx a,b; u3(-t/2,0,0) b; cx a,b; }
gate q_crz(t) a,b { u1(t/2) b; cx a,b; u1(-t/2) b; cx a,b; }
gate q_cu1(t) a,b { u1(t/2) a; cx a,b; u1(-t/2) b; cx a,b; u1(t/2) b; }
gate q_cu3(t,p,l) c,d { u1((l+p)/2) c; u1((l-p)/2) d; cx c,d; u3(-t/2,0,-(p+l)/2) d; cx c,d; u3(t/2,p,0) d; }
gate q_cu(t,p,l,g) c,d { p(g) c; cu3(t,p,l) c,d; }
gate q_csx a,b { h b; cu1(pi/2) a,b; h b; }
gate q_rxx(t) a,b { u3(pi/2,t,0) a; h b; cx a,b; u1(-t) b; cx a,b; h b; u2(-pi,pi-t) a; }
gate q_rzz(t) a,b { cx a,b; u1(t) b; cx a,b; }
gate q_ryy(t) a,b { rx(pi/2) a; rx(pi/2) b; cx a,b; rz(t) b; cx a,b; rx(-pi/2) a; rx(-pi/2) b; }
gate q_rzx(t) a,b { h b; cx a,b; rz(t) b; cx a,b; h b; }
gate q_ecr a,b { rzx(pi/4) a,b; x a; rzx(-pi/4) a,b; }
gate q_iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }
gate q_dcx a,b { cx a,b; cx b,a; }
gate q_r(t,f) a { u3(t,f-pi/2,-f+pi/2) a; }
gate q_rccx a,b,c { u2(0,pi) c; u1(pi/4) c; cx b,c; u1(-pi/4) c; cx a,c; u1(pi/4) c; cx b,c; u1(-pi/4) c; u2(0,pi) c; }
gate q_rc3x a,b,c,d { u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; }
gate q_c3x a,b,c,d { h d; cu1(pi/4) a,d; h d; cx a,b; h d; cu1(-pi/4) b,d; h d; cx a,b; h d; cu1(pi/4) b,d; h d; cx b,c; h d; cu1(-pi/4) c,d; h d; cx a,c; h d; cu1(pi/4) c,d; h d; cx b,c; h d; cu1(-pi/4) c,d; h d; cx a,c; h d; cu1(pi/4) c,d; h d; }
gate q_c3sqrtx a,b,c,d { h d; cu1(pi/8) a,d; h d; cx a,b; h d; cu1(-pi/8) b,d; h d; cx a,b; h d; cu1(pi/8) b,d; h d; cx b,c; h d; cu1(-pi/8) c,d; h d; cx a,c; h d; cu1(pi/8) c,d; h d; cx b,c; h d; cu1(-pi/8) c,d; h d; cx a,c; h d; cu1(pi/8) c,d; h d; }
`;

/** The unitary of a gate applied to qubits 0..k-1 of a k-qubit program, column by column. */
function unitaryOf(k: number, call: string): CMat {
  const d = 1 << k;
  const u = new Float64Array(2 * d * d);
  const p: QasmProgram = parseQasm(`include "qelib1.inc";\n${BODIES}\nqreg q[${k}];\n${call}`);
  for (let c = 0; c < d; c++) {
    // prepare |c> with X gates, then run; X's are applied by the reference simulator too
    const prep = Array.from({ length: k }, (_, b) => ((c >> (k - 1 - b)) & 1 ? b : -1)).filter(
      (b) => b >= 0,
    );
    const ops = [
      ...prep.map((b) => ({ kind: "gate" as const, name: "x", qubits: [b], params: [], line: 0 })),
      ...p.ops,
    ];
    const [br] = runProgram(p, ops);
    for (let r = 0; r < d; r++) {
      u[2 * (r * d + c)] = br!.state[2 * r]!;
      u[2 * (r * d + c) + 1] = br!.state[2 * r + 1]!;
    }
  }
  return u;
}

const PARAMS = [0.37, -1.21, 2.05, 0.66];

describe("reference matrices agree with the qelib1.inc gate bodies", () => {
  const defined = [...BODIES.matchAll(/gate q_(\w+)/g)].map((m) => m[1]!);
  it("covers most built-in gates", () => {
    expect(defined.length).toBeGreaterThanOrEqual(38);
  });
  for (const name of defined) {
    it(name, () => {
      const g = BUILTIN_GATES[name]!;
      const ps = PARAMS.slice(0, g.nParams);
      const args = Array.from({ length: g.nQubits }, (_, k) => `q[${k}]`).join(",");
      const call = `q_${name}${ps.length ? `(${ps.join(",")})` : ""} ${args};`;
      const got = unitaryOf(g.nQubits, call);
      expect(diffUpToPhase(got, QISKIT_GATES[name]!(ps))).toBeLessThan(1e-12);
    });
  }
});
