import { describe, expect, it } from "vitest";
import { expecVal } from "../../src/qml/expecval.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { Adam, LBFGS } from "../../src/tensor/index.js";
import { loadReference } from "../reference/load.js";

const ref = loadReference("h2-sto3g-0.735-integrals.json") as {
  e_fci: number;
  jw_interleaved: { pauli_coefficients: Record<string, number> };
};
const H = new Hamiltonian(
  Object.entries(ref.jw_interleaved.pauli_coefficients).map(
    ([k, v]) => [v, k.split(" ").join(", ")] as [number, string],
  ),
  { nQubits: 4 },
);

function ansatz(seed: number): Circuit {
  const c = new Circuit(4, { seed });
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  return c;
}

describe("VQE on H2 (STO-3G, 0.735 A, Jordan-Wigner)", () => {
  it("reaches the FCI energy to 1e-6 with Adam", () => {
    const c = ansatz(7);
    const opt = new Adam(c.parameters(), { lr: 0.1 });
    let e = 0;
    for (let i = 0; i < 400; i++) {
      opt.zeroGrad();
      const loss = expecVal(c.forward(), H);
      loss.backward();
      opt.step();
      e = loss.item();
    }
    expect(Math.abs(e - ref.e_fci)).toBeLessThan(1e-6);
  });

  it("reaches the FCI energy to 1e-6 with L-BFGS", () => {
    const c = ansatz(3);
    const opt = new LBFGS(c.parameters(), { lr: 1, maxIter: 200, lineSearchFn: "strong_wolfe" });
    const closure = (): number => {
      opt.zeroGrad();
      const loss = expecVal(c.forward(), H);
      loss.backward();
      return loss.item();
    };
    for (let i = 0; i < 5; i++) opt.step(closure);
    expect(Math.abs(closure() - ref.e_fci)).toBeLessThan(1e-6);
  });
});
