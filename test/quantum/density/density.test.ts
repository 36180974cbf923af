import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { ArgumentError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { applyGateDensity } from "../../../src/quantum/density/apply.js";
import { DensityMatrix, pauliSumMatrix } from "../../../src/quantum/density/density.js";
import {
  bellDiagonalState,
  collapse,
  isotropicState,
  mixture,
  randomDensityMatrix,
  rState,
  sState,
} from "../../../src/quantum/density/states.js";
import { GATES } from "../../../src/quantum/gates/table.js";
import { dagger, eighHermitian, matmul } from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";
import { tensor } from "../../../src/tensor/index.js";

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** |psi><psi| from amplitudes, batch-major. */
function outer(amps: Float64Array, dim: number, batch: number): Float64Array {
  const out = new Float64Array(2 * dim * dim * batch);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++) {
        const ar = amps[2 * (b * dim + i)]!;
        const ai = amps[2 * (b * dim + i) + 1]!;
        const br = amps[2 * (b * dim + j)]!;
        const bi = -amps[2 * (b * dim + j) + 1]!;
        out[2 * (b * dim * dim + i * dim + j)] = ar * br - ai * bi;
        out[2 * (b * dim * dim + i * dim + j) + 1] = ar * bi + ai * br;
      }
  return out;
}

/** A random circuit using every gate of the table (random qubits and angles). */
function everyGateCircuit(n: number, rng: Rng): Circuit {
  const c = new Circuit(n, { seed: 5 });
  for (const g of GATES) {
    const qs = rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, g.nQubits);
    const angles = Array.from({ length: g.nParams }, () => ({
      kind: "const" as const,
      value: rng.uniform() * 6 - 3,
    }));
    c.addOperation(g, qs, angles);
  }
  return c;
}

describe("noiseless circuits: density matrix = |psi><psi|", () => {
  it("every gate of the table, forward and inverse, from a random state (1e-12)", () => {
    const rng = new Rng(11);
    const n = 4;
    for (let trial = 0; trial < 2; trial++) {
      const c = everyGateCircuit(n, rng);
      for (const circuit of [c, c.inverse()]) {
        const psi0 = State.random(n, { seed: 3 + trial });
        const psi = circuit.forward(psi0);
        const rho = circuit.forward(DensityMatrix.fromState(psi0));
        expect(rho).toBeInstanceOf(DensityMatrix);
        expect(maxDiff(rho.toArray(), outer(psi.toArray(), 2 ** n, 1))).toBeLessThan(1e-12);
      }
    }
  });

  it("batched data encoding, and a State input converted to |psi><psi|", () => {
    const c = new Circuit(3, { seed: 2 });
    c.angleEncoding({ gate: "ry" });
    c.cnot("cycle");
    c.u3("full");
    c.rzz([0, 2]);
    const x = tensor([
      [0.1, 0.2, 0.3],
      [1.1, -0.4, 2.0],
    ]);
    const psi = c.forward(undefined, x);
    const rho = c.forward(State.zero(3), x, {});
    expect(rho.batch).toBe(2);
    expect(maxDiff(rho.toArray(), outer(psi.toArray(), 8, 2))).toBeLessThan(1e-12);
  });

  it("the fused 1-qubit path equals the row/column path (controlled and batched matrices)", () => {
    const be = getBackend();
    const rng = new Rng(4);
    const rho = randomDensityMatrix(3, { seed: 9, batch: 2 });
    const a = be.clone(rho.buffer);
    const u3 = GATES.find((g) => g.name === "u3")!;
    const cu = GATES.find((g) => g.name === "cu")!;
    const p = Float64Array.from({ length: 6 }, () => rng.uniform() * 3);
    applyGateDensity(be, a, 3, u3, [1], p);
    applyGateDensity(be, a, 3, cu, [2, 0], p);
    // reference: dense U rho U^dagger on the matrices
    const arr = rho.toArray();
    const out = be.toArray(a);
    for (let b = 0; b < 2; b++) {
      const th = p.subarray(3 * b, 3 * b + 3);
      const c = new Circuit(3);
      c.addOperation(
        u3,
        [1],
        [...th].map((value) => ({ kind: "const", value })),
      );
      c.addOperation(
        cu,
        [2, 0],
        [...th].map((value) => ({ kind: "const", value })),
      );
      const U = c.unitary();
      const m = arr.slice(128 * b, 128 * (b + 1));
      const ref = matmul(matmul(U, m), dagger(U));
      expect(maxDiff(out.slice(128 * b, 128 * (b + 1)), ref)).toBeLessThan(1e-12);
    }
  });

  it("a density circuit option makes forward() return density matrices", () => {
    const c = new Circuit(2, { density: true });
    c.h(0);
    c.cnot([0, 1]);
    const rho = c.forward() as unknown as DensityMatrix;
    expect(rho).toBeInstanceOf(DensityMatrix);
    expect([...rho.probabilities()]).toEqual([0.5, 0, 0, 0.5].map((v) => expect.closeTo(v, 14)));
  });
});

describe("DensityMatrix constructors", () => {
  it("completely mixed, Bell diagonal, isotropic, r and s states are valid states", () => {
    const states = [
      DensityMatrix.completelyMixed(2),
      bellDiagonalState([0.1, 0.2, 0.3, 0.4]),
      isotropicState(2, 0.3),
      isotropicState(4, 0.6),
      rState(0.3),
      sState(0.7),
    ];
    for (const s of states) expect(s.isValid(1e-12)).toBe(true);
    expect(DensityMatrix.completelyMixed(3).purity()[0]).toBeCloseTo(1 / 8, 14);
  });

  it("Bell diagonal state has the Bell-basis populations it was given", () => {
    const probs = [0.1, 0.2, 0.3, 0.4] as const;
    const rho = bellDiagonalState(probs);
    const kinds = ["phi+", "psi+", "phi-", "psi-"] as const;
    kinds.forEach((k, i) => {
      const bell = DensityMatrix.fromState(State.bell(k));
      // tr(rho |B><B|) = sum conj(rho_ij) B_ij
      let f = 0;
      const a = rho.toArray();
      const b = bell.toArray();
      for (let t = 0; t < a.length; t += 2) f += a[t]! * b[t]! + a[t + 1]! * b[t + 1]!;
      expect(f).toBeCloseTo(probs[i]!, 14);
    });
  });

  it("r and s states are Paddle's mixtures with |Psi+> and |11>, |Phi+> and |00>", () => {
    const p = 0.3;
    const r = mixture([State.bell("psi+"), State.basis(2, "11")], [p, 1 - p]);
    const s = mixture([State.bell("phi+"), State.basis(2, "00")], [p, 1 - p]);
    expect(maxDiff(rState(p).toArray(), r.toArray())).toBeLessThan(1e-15);
    expect(maxDiff(sState(p).toArray(), s.toArray())).toBeLessThan(1e-15);
  });

  it("isotropic state purity: p^2 + (1 - p^2)/d", () => {
    const p = 0.4;
    const d = 4;
    expect(isotropicState(2, p).purity()[0]).toBeCloseTo(p * p + (1 - p * p) / d, 14);
  });

  it("random density matrices: rank, trace 1, PSD, seeded", () => {
    for (const rank of [1, 2, 4]) {
      const rho = randomDensityMatrix(2, { rank, seed: 21 });
      const ev = eighHermitian(rho.matrix()).values;
      expect([...ev].filter((v) => v > 1e-10).length).toBe(rank);
      expect(rho.isValid(1e-12)).toBe(true);
    }
    expect(randomDensityMatrix(2, { seed: 5 }).toArray()).toEqual(
      randomDensityMatrix(2, { seed: 5 }).toArray(),
    );
    expect(() => randomDensityMatrix(2, { rank: 5 })).toThrow(ArgumentError);
  });

  it("mixture of |0> and |1> is I/2; invalid probabilities throw", () => {
    const m = mixture([State.zero(1), State.basis(1, 1)], [0.5, 0.5]);
    expect(maxDiff(m.toArray(), DensityMatrix.completelyMixed(1).toArray())).toBeLessThan(1e-15);
    expect(() => mixture([State.zero(1)], [0.9])).toThrow(ArgumentError);
    expect(() =>
      DensityMatrix.fromMatrix([
        [0.5, 0.1],
        [0.3, 0.5],
      ]),
    ).toThrow(ArgumentError);
    expect(() => bellDiagonalState([0.5, 0.5, 0.5, -0.5])).toThrow(ArgumentError);
  });
});

describe("DensityMatrix readouts", () => {
  it("expectation values equal <psi|H|psi> for pure states and are linear in mixtures", () => {
    const H = Hamiltonian.fromString("0.5 Z0 Z1 - 0.3 X2 + 0.1 Y0 Y2 + 0.7 X0 Y1 Z2 - 0.2");
    const a = State.random(3, { seed: 1 });
    const b = State.random(3, { seed: 2 });
    const ea = a.expecVal(H);
    const eb = b.expecVal(H);
    expect(DensityMatrix.fromState(a).expecVal(H)).toBeCloseTo(ea, 13);
    expect(mixture([a, b], [0.3, 0.7]).expecVal(H)).toBeCloseTo(0.3 * ea + 0.7 * eb, 13);
    // against the dense matrix: tr(H rho)
    const rho = randomDensityMatrix(3, { seed: 8 });
    const Hm = pauliSumMatrix(H.terms, 3);
    const prod = matmul(Hm, rho.matrix());
    let tr = 0;
    for (let i = 0; i < 8; i++) tr += prod[2 * (i * 8 + i)]!;
    expect(rho.expecVal(H)).toBeCloseTo(tr, 13);
    expect(maxDiff(Hm, H.matrix(3))).toBeLessThan(1e-15);
  });

  it("partial trace: Bell pair gives I/2; GHZ gives a classical mixture; product states factor", () => {
    const bell = DensityMatrix.fromState(State.bell());
    expect(
      maxDiff(bell.partialTrace([1]).toArray(), DensityMatrix.completelyMixed(1).toArray()),
    ).toBeLessThan(1e-15);
    const ghz = DensityMatrix.fromState(State.ghz(3)).partialTrace([0, 2]);
    expect([...ghz.toArray()]).toEqual(
      [0.5, 0, 0, 0, 0, 0, 0.5, 0].map((v) => expect.closeTo(v, 15)),
    );
    // rho_A (x) rho_B with A on qubits {1}, B on {0, 2}: tracing B returns rho_A
    const a = State.random(1, { seed: 4 });
    const b = State.random(2, { seed: 6 });
    const prod = DensityMatrix.fromState(a.kron(b)); // qubit 0 = a, qubits 1, 2 = b
    expect(
      maxDiff(prod.partialTrace([1, 2]).toArray(), DensityMatrix.fromState(a).toArray()),
    ).toBeLessThan(1e-14);
    expect(
      maxDiff(prod.reduce([1, 2]).toArray(), DensityMatrix.fromState(b).toArray()),
    ).toBeLessThan(1e-14);
    // reduce with reordered qubits swaps the factors
    const swapped = prod.reduce([2, 1]);
    const bs = new Circuit(2);
    bs.swap([0, 1]);
    expect(
      maxDiff(swapped.toArray(), DensityMatrix.fromState(bs.forward(b)).toArray()),
    ).toBeLessThan(1e-14);
  });

  it("probabilities, marginals, purity and seeded sampling", () => {
    const rho = mixture([State.basis(2, "01"), State.bell()], [0.5, 0.5]);
    expect([...rho.probabilities()]).toEqual(
      [0.25, 0.5, 0, 0.25].map((v) => expect.closeTo(v, 15)),
    );
    expect([...rho.probabilities([1])]).toEqual([0.25, 0.75].map((v) => expect.closeTo(v, 15)));
    // purity of a 50/50 mixture of orthogonal pure states
    expect(rho.purity()[0]).toBeCloseTo(0.5, 15);
    const c1 = rho.measure(2000, { seed: 3 });
    expect(rho.measure(2000, { seed: 3 })).toEqual(c1);
    const counts = c1 as Record<string, number>;
    expect(counts["10"]).toBeUndefined();
    expect(Math.abs(counts["01"]! / 2000 - 0.5)).toBeLessThan(0.05);
  });

  it("measure(1e12) is one multinomial draw: milliseconds, exact total; 2^53 shots are refused", () => {
    const rho = mixture([State.basis(2, "01"), State.bell()], [0.5, 0.5]);
    const t0 = performance.now();
    const counts = rho.measure(1e12, { seed: 5 }) as Record<string, number>;
    expect(performance.now() - t0).toBeLessThan(200); // was a RangeError
    expect(counts["10"]).toBeUndefined();
    expect(counts["00"]! + counts["01"]! + counts["11"]!).toBe(1e12);
    const sd = Math.sqrt(1e12 * 0.25 * 0.75);
    expect(Math.abs(counts["00"]! - 2.5e11)).toBeLessThan(6 * sd);
    expect(() => rho.measure(2 ** 53)).toThrow(ArgumentError);
    expect(() => rho.measure(-2)).toThrow(/shots: expected a positive integer up to 2\^53 - 1/);
  });
});

describe("collapse (mid-circuit measurement)", () => {
  it("a chosen outcome on a Bell pair leaves |11> (both kinds), with probability 1/2", () => {
    const r1 = collapse(State.bell(), [0], { outcome: 1 });
    expect(r1.probabilities[0]).toBeCloseTo(0.5, 15);
    expect([...r1.state.probabilities()]).toEqual([0, 0, 0, 1].map((v) => expect.closeTo(v, 15)));
    const r2 = collapse(DensityMatrix.fromState(State.bell()), [1], { outcome: "1" });
    expect(
      maxDiff(r2.state.toArray(), DensityMatrix.fromState(State.basis(2, "11")).toArray()),
    ).toBeLessThan(1e-15);
  });

  it("sampled outcomes are seeded, and a mixed state collapses to the projected, renormalized state", () => {
    const rho = randomDensityMatrix(3, { seed: 2, batch: 3 });
    const a = collapse(rho, [2, 0], { seed: 7 });
    const b = collapse(rho, [2, 0], { seed: 7 });
    expect(a.outcomes).toEqual(b.outcomes);
    for (let e = 0; e < 3; e++) {
      const post = a.state.probabilities([2, 0]);
      expect(post[4 * e + a.outcomes[e]!]).toBeCloseTo(1, 13);
      expect(a.state.trace()[e]).toBeCloseTo(1, 13);
      expect(a.probabilities[e]).toBeCloseTo(
        rho.probabilities([2, 0])[4 * e + a.outcomes[e]!]!,
        14,
      );
    }
    expect(() => collapse(State.zero(1), [0], { outcome: 1 })).toThrow(ArgumentError);
  });
});
