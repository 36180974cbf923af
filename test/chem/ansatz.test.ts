import { describe, expect, it } from "vitest";
import {
  HardwareEfficient,
  hartreeFockBitstring,
  hartreeFockState,
  runRotationProgram,
  spinConservingExcitations,
  UCCSD,
} from "../../src/chem/ansatz/index.js";
import { Molecule } from "../../src/chem/molecule.js";
import { electronicProblem, parseMapping } from "../../src/chem/problem.js";
import { ArgumentError } from "../../src/errors.js";
import { expecVal } from "../../src/qml/expecval.js";
import { Rng } from "../../src/random.js";
import { Parameter } from "../../src/tensor/index.js";

const MAPPINGS = ["jw", "bk", "parity", "parity-reduced"] as const;

describe("Hartree-Fock reference states", () => {
  for (const m of MAPPINGS) {
    it(`<HF|H|HF> equals the SCF energy under ${m} (LiH, 12 or 10 qubits)`, () => {
      const p = electronicProblem(Molecule.fromName("lih"), { mapping: m });
      expect(p.nQubits).toBe(m === "parity-reduced" ? 10 : 12);
      const e = p.hamiltonian.expectation(hartreeFockState(p));
      expect(e).toBeCloseTo(p.scf.energy, 9);
    });
  }

  it("encodes H2's determinant as the textbook bitstrings", () => {
    const bits = (m: string) =>
      hartreeFockBitstring(electronicProblem(Molecule.fromName("h2"), { mapping: m }));
    expect(bits("jw")).toBe("1100");
    expect(bits("parity")).toBe("1000"); // prefix parities 1, 0, 0, 0
    expect(bits("bk")).toBe("1000"); // BK qubit 1 stores n0 + n1 = 0, qubit 3 the total
    expect(bits("parity-reduced")).toBe("10");
  });

  it("keeps the frozen-core energy in the active-space reference", () => {
    const p = electronicProblem(Molecule.fromName("lih"), {
      activeElectrons: 2,
      activeOrbitals: 3,
    });
    expect(p.nQubits).toBe(6);
    expect(p.hamiltonian.expectation(hartreeFockState(p))).toBeCloseTo(p.scf.energy, 9);
  });

  it("rejects unknown mappings and impossible active spaces", () => {
    expect(() => parseMapping("xyz")).toThrow(ArgumentError);
    const mol = Molecule.fromName("lih");
    expect(() => electronicProblem(mol, { activeElectrons: 3 })).toThrow(ArgumentError);
    expect(() => electronicProblem(mol, { activeElectrons: 2, activeOrbitals: 9 })).toThrow(
      ArgumentError,
    );
  });
});

describe("UCCSD", () => {
  it("counts spin-conserving excitations (LiH: 16 singles, 76 doubles)", () => {
    const ex = spinConservingExcitations(6, 2, 2);
    expect(ex.filter((e) => e.kind === "single")).toHaveLength(16);
    expect(ex.filter((e) => e.kind === "double")).toHaveLength(76);
    expect(new UCCSD(Molecule.fromName("h2")).nParameters).toBe(3);
  });

  it("MP2 amplitudes give the closed-shell MP2 energy (a second formula, over spatial orbitals)", () => {
    const a = new UCCSD(Molecule.fromName("h2o"), { mapping: "jw" });
    const { scf } = a.problem;
    const ints = a.problem.integrals;
    const n = ints.nOrbitals;
    const no = scf.nAlpha;
    const eps = scf.orbitalEnergies;
    const E = (p: number, q: number, r: number, s: number) =>
      ints.eri[((p * n + q) * n + r) * n + s]!;
    let e2 = 0;
    for (let i = 0; i < no; i++)
      for (let j = 0; j < no; j++)
        for (let x = no; x < n; x++)
          for (let y = no; y < n; y++) {
            const iajb = E(i, x, j, y);
            e2 += (iajb * (2 * iajb - E(i, y, j, x))) / (eps[i]! + eps[j]! - eps[x]! - eps[y]!);
          }
    expect(a.mp2Energy).toBeCloseTo(e2, 9);
    expect(e2).toBeLessThan(-0.01);
  });

  it("MP2 amplitudes lower the energy below Hartree-Fock; zero amplitudes give it exactly", () => {
    const mol = Molecule.fromName("h4");
    const zero = new UCCSD(mol, { initial: "zero" });
    const H = zero.problem.hamiltonian;
    expect(H.expectation(zero.forward())).toBeCloseTo(zero.problem.scf.energy, 10);
    const mp2 = new UCCSD(mol);
    expect(H.expectation(mp2.forward())).toBeLessThan(zero.problem.scf.energy - 0.01);
  });

  for (const m of MAPPINGS) {
    it(`gradients match central finite differences (H4, ${m})`, () => {
      const a = new UCCSD(Molecule.fromName("h4"), { mapping: m });
      const H = a.problem.hamiltonian;
      const th = a.theta;
      th.grad = null;
      expecVal(a.forward(), H).backward();
      const g = Float64Array.from(th.grad!.data);
      const h = 1e-5;
      for (const k of [0, 3, 11, a.nParameters - 1]) {
        const v = th.data[k]!;
        th.data[k] = v + h;
        const ep = H.expectation(a.forward());
        th.data[k] = v - h;
        const em = H.expectation(a.forward());
        th.data[k] = v;
        expect(g[k]).toBeCloseTo((ep - em) / (2 * h), 7);
      }
    });
  }

  it("its Circuit form gives the same state as the fast path (gate-table Pauli rotations)", () => {
    const a = new UCCSD(Molecule.fromName("heh+"), { mapping: "bk" });
    a.theta.data.set([0.1, -0.2, 0.3]);
    const fast = a.forward().toArray();
    const slow = a.circuit().forward().toArray();
    for (let i = 0; i < fast.length; i++) expect(slow[i]).toBeCloseTo(fast[i]!, 12);
    expect(a.circuit().parameters()).toContain(a.theta);
  });

  it("its Circuit form at 12 qubits (LiH) gives the fast path's energy and adjoint gradient", () => {
    const a = new UCCSD(Molecule.fromName("lih"));
    const rng = new Rng(3);
    for (let i = 0; i < a.nParameters; i++) a.theta.data[i] = 0.05 * rng.normal();
    const H = a.problem.hamiltonian;
    a.theta.grad = null;
    expecVal(a.forward(), H).backward();
    const fast = Float64Array.from(a.theta.grad!.data);
    a.theta.grad = null;
    const c = a.circuit();
    const e = expecVal(c.forward(), H);
    e.backward();
    expect(e.item()).toBeCloseTo(H.expectation(a.forward()), 12);
    const slow = a.theta.grad!.data;
    for (let k = 0; k < fast.length; k++) expect(slow[k]).toBeCloseTo(fast[k]!, 10);
  });

  it("runRotationProgram validates its inputs", () => {
    const t = new Parameter(new Float64Array([Number.NaN]), [1]);
    const step = { pauli: { qubits: [0, 1], letters: ["X", "Y"] as const }, param: 0, scale: 1 };
    expect(() => runRotationProgram(2, [1, 0], [step], t)).toThrow(ArgumentError);
    expect(() =>
      runRotationProgram(2, [1], [step], new Parameter(new Float64Array(1), [1])),
    ).toThrow(ArgumentError);
  });
});

describe("HardwareEfficient", () => {
  it("has Paddle's layout: (depth + 1) rotation layers and depth entangling chains", () => {
    const a = new HardwareEfficient(Molecule.fromName("h2"), {
      depth: 2,
      rotation: "ryrz",
      entangler: "cz",
    });
    expect(a.nParameters).toBe(3 * 4 * 2);
    expect(a.circuit.gateCounts().cz).toBe(2 * 3);
    const b = new HardwareEfficient(a.problem, { depth: 1, entangler: "cnot", initScale: 0 });
    // zero angles: CNOT(0,1) flips qubit 1, the later CNOTs see 0 controls: |1100> -> |1000>
    const probs = b.forward().probabilities();
    expect(probs[0b1000]).toBeCloseTo(1, 12);
    expect(() => new HardwareEfficient(a.problem, { rotation: "rq" as "ry" })).toThrow(
      ArgumentError,
    );
    expect(() => new HardwareEfficient(a.problem, { entangler: "swap" as "cz" })).toThrow(
      ArgumentError,
    );
  });
});
