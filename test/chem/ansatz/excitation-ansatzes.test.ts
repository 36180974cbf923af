import { describe, expect, it } from "vitest";
import {
  AdaptAnsatz,
  adaptPool,
  excitationRotations,
  generalizedExcitations,
  generalizedPairedExcitations,
  hartreeFockBitstring,
  UCCSD,
  UpCCGSD,
} from "../../../src/chem/ansatz/index.js";
import { vqe } from "../../../src/chem/groundstate.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { electronicProblem } from "../../../src/chem/problem.js";
import { ArgumentError } from "../../../src/errors.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DOUBLE_EXCITATION, SINGLE_EXCITATION } from "../../../src/quantum/gates/givens.js";
import { maxAbsDiff } from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { fciRecords } from "../qc-reference.js";

const h4fci = fciRecords().find((r) => r.name === "H4 chain d=1.0")!.e_fci!;
const h4 = () => electronicProblem(Molecule.fromName("h4"));

describe("qubit excitations", () => {
  it("are the Givens gates: amplitude t on (from -> to) = angle 2t on qubits (to..., from...)", () => {
    const p = h4();
    const pool = adaptPool(p, "qubit");
    for (const label of ["0->4", "2->6", "0,1->4,5", "0,3->4,7", "1,2->5,6"]) {
      const op = pool.find((o) => o.label === label)!;
      const viaRotations = new AdaptAnsatz(p, [op], [0.7]).forward().toArray() as Float64Array;
      const c = new Circuit(p.nQubits);
      for (let q = 0; q < p.nQubits; q++) if (p.hartreeFockBits[q]) c.x(q);
      const gate = op.excitation.kind === "single" ? SINGLE_EXCITATION : DOUBLE_EXCITATION;
      c.addOperation(
        gate,
        [...op.excitation.to, ...op.excitation.from],
        [{ kind: "const", value: 1.4 }],
      );
      expect(maxAbsDiff(viaRotations, c.forward().toArray() as Float64Array), label).toBeLessThan(
        1e-12,
      );
    }
  });

  it("differ from fermionic ones only by the Z strings, and need Jordan-Wigner", () => {
    const p = h4();
    const ex = { kind: "double" as const, from: [0, 3], to: [4, 7] };
    const f = excitationRotations(p, ex, 0, 1, "fermionic");
    const q = excitationRotations(p, ex, 0, 1, "qubit");
    expect(q).toHaveLength(f.length);
    expect(f.some((s) => s.pauli.letters.includes("Z"))).toBe(true);
    for (const s of q) expect(s.pauli.qubits).toEqual([0, 3, 4, 7]);
    const bk = electronicProblem(Molecule.fromName("h2"), { mapping: "bk" });
    expect(() => excitationRotations(bk, ex, 0, 1, "qubit")).toThrow(/Jordan-Wigner/);
    expect(() => excitationRotations(p, ex, -1, 1, "fermionic")).toThrow(ArgumentError);
  });
});

describe("ADAPT pool screening", () => {
  it("gives each pool operator's dE/dt at t = 0, as central differences of the grown ansatz do", () => {
    const p = h4();
    const pool = adaptPool(p);
    // a non-trivial current state: two operators at arbitrary amplitudes
    const current = new AdaptAnsatz(p, [pool[40]!, pool[3]!], [0.21, -0.13]);
    const g = current.poolGradients(pool);
    expect(g).toHaveLength(pool.length);
    const energy = (extra: number, t: number) => {
      const a = new AdaptAnsatz(p, [...current.operators, pool[extra]!], [0.21, -0.13, t]);
      return expecVal(a.forward(), p.hamiltonian).item();
    };
    const h = 1e-5;
    let checked = 0;
    for (let i = 0; i < pool.length; i++) {
      const fd = (energy(i, h) - energy(i, -h)) / (2 * h);
      expect(Math.abs(g[i]! - fd), pool[i]!.label).toBeLessThan(1e-8);
      if (Math.abs(fd) > 1e-3) checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("counts generalized excitations (H2: 2 singles, 2 doubles; H4: 12 singles, 78 doubles)", () => {
    expect(generalizedExcitations(2).map((e) => e.kind)).toEqual([
      "single",
      "single",
      "double",
      "double",
    ]);
    const ex = generalizedExcitations(4);
    expect(ex.filter((e) => e.kind === "single")).toHaveLength(12);
    // alpha-alpha and beta-beta: 3 each (a pair and its complement); alpha-beta: 16 x 9 / 2 = 72
    expect(ex.filter((e) => e.kind === "double")).toHaveLength(78);
    expect(adaptPool(h4(), "fermionic", "hf")).toHaveLength(26);
    expect(() => adaptPool(h4(), "fermionic", "all" as "hf")).toThrow(ArgumentError);
  });
});

describe("k-UpCCGSD", () => {
  it("has 3 n(n-1)/2 amplitudes per layer and reaches Psi4's FCI of H4 with k = 2", () => {
    expect(generalizedPairedExcitations(4)).toHaveLength(18);
    const a = new UpCCGSD(Molecule.fromName("h4"), { k: 2, seed: 1 });
    expect(a.nParameters).toBe(36);
    expect(a.theta.shape).toEqual([2, 18]);
    const r = vqe(a.problem.molecule, { ansatz: a, tolerance: 1e-12, gradientTolerance: 1e-8 });
    expect(Math.abs(r.energy - h4fci)).toBeLessThan(1e-6);
    // one layer is not enough: a real gap to FCI
    const one = new UpCCGSD(a.problem, { k: 1, seed: 1 });
    const r1 = vqe(a.problem.molecule, { ansatz: one, tolerance: 1e-12, gradientTolerance: 1e-8 });
    expect(r1.energy - h4fci).toBeGreaterThan(1e-3);
  });

  it("its Circuit form agrees with the fast path, and it validates its options", () => {
    const a = new UpCCGSD(Molecule.fromName("h2"), { k: 2, seed: 3, flavour: "qubit" });
    const fast = a.forward().toArray() as Float64Array;
    expect(maxAbsDiff(fast, a.circuit().forward().toArray() as Float64Array)).toBeLessThan(1e-12);
    const mol = Molecule.fromName("h2");
    expect(() => new UpCCGSD(mol, { k: 0 })).toThrow(/k must be/);
    expect(() => new UpCCGSD(mol, { seed: 0.5 })).toThrow(/seed/);
    expect(() => new UpCCGSD(mol, { layers: 2 } as never)).toThrow(/k/);
  });
});

describe("Trotterized UCCSD", () => {
  it("approaches exp(sum_k t_k A_k) |HF> at first order in 1/steps (Krylov exponential as the yardstick)", () => {
    const p = electronicProblem(Molecule.fromName("lih"), {
      activeElectrons: 2,
      activeOrbitals: 3,
    });
    const base = new UCCSD(p, { initial: "zero" });
    const theta = base.theta.data.map((_, k) => 0.3 * Math.sin(k + 1));
    // the exact unitary: exp(-i H_eff) with H_eff = sum over rotations of (scale theta / 2) P
    const terms = base.steps.map(
      (s) =>
        [
          (s.scale * theta[s.param]!) / 2,
          s.pauli.letters.map((l, i) => `${l}${s.pauli.qubits[i]}`).join(", "),
        ] as [number, string],
    );
    const exact = State.basis(p.nQubits, hartreeFockBitstring(p))
      .evolve(new Hamiltonian(terms, { nQubits: p.nQubits }), 1)
      .toArray() as Float64Array;
    const errors = [1, 2, 4, 8].map((steps) => {
      const a = new UCCSD(p, { initial: "zero", steps });
      a.theta.data.set(theta);
      expect(a.steps).toHaveLength(steps * base.steps.length);
      return maxAbsDiff(a.forward().toArray() as Float64Array, exact);
    });
    expect(errors[0]!).toBeGreaterThan(1e-4);
    for (let i = 1; i < errors.length; i++) {
      const ratio = errors[i - 1]! / errors[i]!;
      expect(ratio).toBeGreaterThan(1.6);
      expect(ratio).toBeLessThan(2.5);
    }
    expect(() => new UCCSD(p, { steps: 0 })).toThrow(/steps must be/);
  });
});
