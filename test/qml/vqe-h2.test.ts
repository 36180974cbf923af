import { describe, expect, it } from "vitest";
import { expecVal } from "../../src/qml/expecval.js";
import { Adam, LBFGS } from "../../src/tensor/index.js";
import { H2_FCI, H2_HAMILTONIAN, h2Ansatz } from "./helpers/h2-vqe.js";

const H = H2_HAMILTONIAN;
const ansatz = h2Ansatz;

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
    expect(Math.abs(e - H2_FCI)).toBeLessThan(1e-6);
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
    expect(Math.abs(closure() - H2_FCI)).toBeLessThan(1e-6);
  });
});
