/** Rotosolve and Rotoselect: exact sinusoid fits, the H2 VQE to the FCI energy, axis selection. */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { expecVal } from "../../src/qml/expecval.js";
import { type RotationAxis, Rotoselect } from "../../src/qml/rotoselect.js";
import { Rotosolve, sinusoidMinimum } from "../../src/qml/rotosolve.js";
import { shotsExpectation } from "../../src/qml/shots.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { Rng } from "../../src/random.js";
import { COBYLA, NelderMead, SPSA } from "../../src/tensor/index.js";
import { H2_FCI, H2_HAMILTONIAN, h2Ansatz } from "./helpers/h2-vqe.js";

const H2 = H2_HAMILTONIAN;
const ansatz = h2Ansatz;

describe("sinusoidMinimum", () => {
  it("recovers the minimum of C + R cos(w (t - t0) - phi) from three values", () => {
    for (const [c, r, phi, w, t0] of [
      [0.3, 1.7, 0.4, 1, 0.2],
      [-1, 0.5, -2.9, 0.5, 1.1],
      [2, 3, 3.1, 2, -0.7],
    ] as const) {
      const f = (t: number) => c + r * Math.cos(w * (t - t0) - phi);
      const s = Math.PI / (2 * w);
      const m = sinusoidMinimum(f(t0), f(t0 + s), f(t0 - s), w);
      expect(m.value).toBeCloseTo(c - r, 12);
      expect(f(t0 + m.offset)).toBeCloseTo(c - r, 12);
      expect(Math.abs(m.offset)).toBeLessThanOrEqual(Math.PI / w + 1e-12);
    }
  });
});

describe("Rotosolve", () => {
  it("each coordinate lands on the fitted minimum: the returned loss is the true loss", () => {
    const c = new Circuit(2, { seed: 4 });
    c.ry("full");
    c.cnot([0, 1]);
    c.rx("full");
    c.rzz([0, 1]);
    const H = "Z0 Z1 + 0.5 X0 - 0.3 Y1 + 0.2 Z0";
    const loss = () => expecVal(c.forward(), H);
    const start = loss().item();
    const opt = new Rotosolve(c);
    const after = opt.step(loss);
    expect(after).toBeCloseTo(loss().item(), 10);
    expect(after).toBeLessThan(start);
    expect(opt.evaluations).toBe(1 + 2 * 5);
  });

  it("reaches the H2 FCI energy to 1e-6 (STO-3G, 0.735 A) on the RY-CNOT ansatz", () => {
    // coordinate descent can stall on the Hartree-Fock saddle (+0.0203 Ha): seeds 2, 3 and 11 of
    // 1..11 do; seed 1 takes 39 sweeps of 24 evaluations
    const c = ansatz(1);
    const opt = new Rotosolve(c, { sweeps: 5 });
    let e = 0;
    for (let k = 0; k < 12 && Math.abs(e - H2_FCI) > 1e-7; k++)
      e = opt.step(() => expecVal(c.forward(), H2));
    expect(Math.abs(expecVal(c.forward(), H2).item() - H2_FCI)).toBeLessThan(1e-6);
  });

  it("with exactLoss false it works on shot estimates: within 0.05 of the exact ground energy", () => {
    const H = Hamiltonian.fromString("Z0 Z1 + 0.7 X0 + 0.4 X1 - 0.2 Z0");
    const c = new Circuit(2, { seed: 5 });
    c.ry("full");
    c.cnot([0, 1]);
    c.ry("full");
    // the exact loss ends 0.022 above after 12 sweeps too: coordinate descent is slow here
    const opt = new Rotosolve(c, { exactLoss: false, sweeps: 12 });
    const shots = new Rng(3);
    opt.step(() => shotsExpectation(c.forward(), H, { shots: 4000, seed: shots })[0]!);
    expect(opt.evaluations).toBe(12 * 3 * 4);
    expect(expecVal(c.forward(), H).item() - H.groundState().energy).toBeLessThan(0.05);
  });

  it("refuses circuits it cannot fit: controlled rotations, shared angles, no parameters", () => {
    const crx = new Circuit(2);
    crx.crx([0, 1]);
    expect(() => new Rotosolve(crx)).toThrow(/entry 0 enters gate crx with frequencies \[0.5, 1\]/);
    const shared = new Circuit(2);
    shared.ry("full", { paramSharing: true });
    expect(() => new Rotosolve(shared)).toThrow(/is read by 2 angles \(ry, ry\)/);
    const none = new Circuit(1);
    none.h(0);
    expect(() => new Rotosolve(none)).toThrow(/no trainable parameters/);
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => new Rotosolve({} as any)).toThrow(ArgumentError);
    expect(() => new Rotosolve(ansatz(1), { sweeps: 0 })).toThrow(
      /sweeps must be a positive integer, got 0/,
    );
  });
});

describe("Rotoselect", () => {
  it("picks the axes the analytic minimum needs: -X0 - Y1 is -2 with RY on qubit 0 and RX on qubit 1", () => {
    const cost = (t: Float64Array, axes: readonly RotationAxis[]) => {
      const c = new Circuit(2);
      axes.forEach((a, q) => {
        c[`r${a}`](q, { param: t[q]! });
      });
      return expecVal(c.forward(), "-1 X0 - 1 Y1").item();
    };
    const opt = new Rotoselect([0.3, -0.2], ["z", "z"]);
    const loss = opt.step(cost);
    expect(opt.axes).toEqual(["y", "x"]);
    expect(loss).toBeCloseTo(-2, 10);
    expect(cost(opt.angles, opt.axes)).toBeCloseTo(-2, 10);
    expect(opt.angles[0]!).toBeCloseTo(Math.PI / 2, 10); // RY(t)|0>: <X> = sin t
    expect(opt.angles[1]!).toBeCloseTo(-Math.PI / 2, 10); // RX(t)|0>: <Y> = -sin t
    expect(opt.evaluations).toBe(2 * 3 * 3);
  });

  it("refuses bad axes and costs", () => {
    expect(() => new Rotoselect([0.1], ["w" as RotationAxis])).toThrow(
      /axes must be a non-empty array of "x", "y", "z"/,
    );
    expect(() => new Rotoselect([0.1, 0.2], ["x"])).toThrow(
      /axes has 1 entries, expected one per angle \(2\)/,
    );
    expect(() => new Rotoselect([], [])).toThrow(/angles is empty/);
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => new Rotoselect([0.1], ["x"]).step((() => "a") as any)).toThrow(
      /cost must return a number/,
    );
  });
});

describe("gradient-free optimizers on a VQE", () => {
  it("NelderMead and COBYLA reach the ground energy of a 2-qubit Hamiltonian (exact diagonalization)", () => {
    const H = Hamiltonian.fromString("Z0 Z1 + 0.7 X0 + 0.4 X1 - 0.2 Z0");
    const exact = H.groundState().energy;
    for (const make of [
      (c: Circuit) =>
        new NelderMead(c.parameters(), {
          initialStep: 0.5,
          xatol: 1e-9,
          fatol: 1e-12,
          maxIter: 5000,
          maxEval: 8000,
        }),
      (c: Circuit) => new COBYLA(c.parameters(), { rhoBeg: 0.5, rhoEnd: 1e-8, maxEval: 8000 }),
    ]) {
      const c = new Circuit(2, { seed: 2 });
      c.ry("full");
      c.cnot([0, 1]);
      c.ry("full");
      const r = make(c).step(() => expecVal(c.forward(), H));
      expect(r.loss).toBeCloseTo(exact, 6);
    }
  });

  it("SPSA on shot estimates (1000 shots per group) comes within 0.02 of the exact ground energy", () => {
    const H = Hamiltonian.fromString("Z0 Z1 + 0.7 X0 + 0.4 X1 - 0.2 Z0");
    const exact = H.groundState().energy;
    const c = new Circuit(2, { seed: 5 });
    c.ry("full");
    c.cnot([0, 1]);
    c.ry("full");
    const opt = new SPSA(c.parameters(), {
      lr: 1,
      perturbation: 0.2,
      stabilityConstant: 30,
      seed: 1,
    });
    const shots = new Rng(11);
    for (let k = 0; k < 300; k++)
      opt.step(() => shotsExpectation(c.forward(), H, { shots: 1000, seed: shots })[0]!);
    expect(opt.evaluations).toBe(600);
    expect(expecVal(c.forward(), H).item() - exact).toBeLessThan(0.02);
  });
});
