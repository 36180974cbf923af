/**
 * What the mps backend offers beyond the dense kernels, checked against dense results: sampling
 * by sequential conditional probabilities, the most probable outcomes, entanglement entropies,
 * canonical forms, sums and Pauli-sum application; and its refusals.
 */
import { describe, expect, it } from "vitest";
import { MpsBackend } from "../../../src/backend/mps/mps-backend.js";
import { BackendError, ResourceError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { infidelity } from "../../../src/quantum/operators/evolution.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";

const N = 10;

function brickwork(n: number, depth: number, seed: number): Circuit {
  const c = new Circuit(n, { seed });
  for (let d = 0; d < depth; d++) {
    c.u3("full");
    for (let q = d % 2; q + 1 < n; q += 2) c.cnot([[q, q + 1]]);
  }
  return c;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("mps backend: outcomes, entropies and canonical forms against dense results", () => {
  const c = brickwork(N, 4, 7);
  const dense = c.forward(State.zero(N, { backend: "cpu" }));
  const mps = new MpsBackend();

  it("samples with the frequencies of the dense probabilities", () => {
    const s = c.forward(State.zero(N, { backend: mps }));
    const qubits = [4, 1, 7];
    const p = dense.probabilities(qubits);
    const shots = 200_000;
    const counts = s.measure(shots, { qubits, seed: 11 }) as Record<string, number>;
    for (let x = 0; x < p.length; x++) {
      const key = x.toString(2).padStart(3, "0");
      const f = (counts[key] ?? 0) / shots;
      // 5 standard deviations of a binomial frequency
      expect(Math.abs(f - p[x]!)).toBeLessThan(5 * Math.sqrt((p[x]! * (1 - p[x]!)) / shots) + 1e-9);
    }
    expect(s.measure(100, { seed: 4 })).toEqual(s.measure(100, { seed: 4 }));
  });

  it("finds the most probable outcomes in the order of the dense probabilities", () => {
    const s = c.forward(State.zero(N, { backend: mps }));
    const p = dense.probabilities();
    const order = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]!);
    const found = mps.mostProbable(
      s.buffer,
      Array.from({ length: N }, (_, q) => q),
      5,
    );
    expect(found.complete).toBe(true);
    found.outcomes.forEach((o, j) => {
      expect(Number.parseInt(o.bits, 2)).toBe(order[j]);
      expect(o.probability).toBeCloseTo(p[order[j]!]!, 12);
    });
  });

  it("gives the entanglement entropy of every cut from the dense Schmidt spectrum", () => {
    const s = c.forward(State.zero(N, { backend: mps }));
    const h = mps.entanglementEntropies(s.buffer);
    expect(h.length).toBe(N - 1);
    // a Bell pair has ln 2 across its cut; the product state 0
    const bell = new Circuit(4);
    bell.h(1);
    bell.cnot([[1, 2]]);
    const b = bell.forward(State.zero(4, { backend: mps }));
    const hb = mps.entanglementEntropies(b.buffer);
    expect(hb[0]).toBeCloseTo(0, 14);
    expect(hb[1]).toBeCloseTo(Math.log(2), 14);
    expect(hb[2]).toBeCloseTo(0, 14);
    // cut 0 | rest of the brickwork state from its dense 2 x 2^(N-1) reduced matrix
    const a = dense.toArray();
    const half = 2 ** (N - 1);
    let r00 = 0;
    let r11 = 0;
    let r01r = 0;
    let r01i = 0;
    for (let j = 0; j < half; j++) {
      const [xr, xi, yr, yi] = [
        a[2 * j]!,
        a[2 * j + 1]!,
        a[2 * (half + j)]!,
        a[2 * (half + j) + 1]!,
      ];
      r00 += xr * xr + xi * xi;
      r11 += yr * yr + yi * yi;
      r01r += xr * yr + xi * yi;
      r01i += xi * yr - xr * yi;
    }
    const disc = Math.sqrt(((r00 - r11) / 2) ** 2 + r01r ** 2 + r01i ** 2);
    const ev = [(r00 + r11) / 2 + disc, (r00 + r11) / 2 - disc];
    const expected = -ev.reduce((acc, l) => acc + (l > 0 ? l * Math.log(l) : 0), 0);
    expect(h[0]).toBeCloseTo(expected, 12);
  });

  it("keeps the state when the canonical center moves, and matches H|psi> and axpy densely", () => {
    const s = c.forward(State.zero(N, { backend: mps }));
    for (const site of [0, N - 1, 4]) {
      mps.canonicalize(s.buffer, site);
      expect(maxDiff(s.toArray(), dense.toArray())).toBeLessThan(1e-12);
    }
    const H = Hamiltonian.fromString("0.5 Z0 Z1 - 0.3 X2 + 0.7 X3 Y7 Z9 - 0.2");
    const out = mps.zeros(N);
    mps.applyPauliSum(out, s.buffer, H.terms);
    const cpu = dense.backend;
    const ref = cpu.zeros(N);
    cpu.applyPauliSum(ref, dense.buffer, H.terms);
    expect(maxDiff(mps.toArray(out), cpu.toArray(ref))).toBeLessThan(1e-12);
    mps.axpy(out, new Float64Array([0.3, -0.4]), s.buffer);
    cpu.axpy(ref, new Float64Array([0.3, -0.4]), dense.buffer);
    expect(maxDiff(mps.toArray(out), cpu.toArray(ref))).toBeLessThan(1e-12);
    const ip = mps.innerProduct(out, s.buffer);
    const ipRef = cpu.innerProduct(ref, dense.buffer);
    expect(maxDiff(ip, ipRef)).toBeLessThan(1e-12);
  });

  it("applies Pauli rotations on many qubits and round-trips dense states", () => {
    const rng = new Rng(2);
    const amps = new Float64Array(2 << 6).map(() => rng.normal());
    const psi = State.fromAmplitudes(amps, { normalize: true, backend: "cpu" });
    const m = State.fromAmplitudes(amps, { normalize: true, backend: mps });
    expect(maxDiff(m.toArray(), psi.toArray())).toBeLessThan(1e-13);
    const r = new Circuit(6);
    r.pauliRotation("X0 Y2 Z3 X5", { param: 0.7 });
    expect(maxDiff(r.forward(m).toArray(), r.forward(psi).toArray())).toBeLessThan(1e-12);
  });
});

describe("mps backend: fidelities between matrix product states at 60 qubits", () => {
  it("gives 1 - |<GHZ|0...0>|^2 = 1/2 and the overlap of a GHZ state with a rotated copy", () => {
    const n = 60;
    const ghz = new Circuit(n, { backend: "mps" });
    ghz.h(0);
    for (let q = 0; q + 1 < n; q++) ghz.cnot([[q, q + 1]]);
    const g = ghz.forward();
    expect(infidelity(g, State.zero(n, { backend: "mps" }))).toBeCloseTo(0.5, 12);
    // RY(t) on qubit 30 of a GHZ state: <GHZ|RY|GHZ> = cos(t/2), so 1 - F = sin^2(t/2)
    const t = 0.8;
    const r = new Circuit(n, { backend: "mps" });
    r.ry(30, { param: t });
    expect(infidelity(g, r.forward(g))).toBeCloseTo(Math.sin(t / 2) ** 2, 12);
  });
});

describe("mps backend: bad input", () => {
  it("refuses bond dimensions below 1 and cutoffs outside [0, 1)", () => {
    for (const maxBondDimension of [0, -1, 2.5, Number.NaN]) {
      expect(() => new MpsBackend({ maxBondDimension })).toThrow(
        /maxBondDimension must be an integer >= 1/,
      );
    }
    for (const cutoff of [-0.1, 1, 2, Number.NaN]) {
      expect(() => new MpsBackend({ cutoff })).toThrow(/cutoff must be in \[0, 1\)/);
    }
    // @ts-expect-error an unknown option names the valid ones
    expect(() => new MpsBackend({ maxBond: 4 })).toThrow(/maxBondDimension/);
  });

  it("refuses gates on more than 2 qubits by name and points to the dense backend", () => {
    const c = new Circuit(3, { backend: "mps" });
    c.ccx([[0, 1, 2]]);
    expect(() => c.forward()).toThrow(BackendError);
    expect(() => c.forward()).toThrow(/at most 2 qubits.*backend: "cpu"/);
  });

  it("refuses the full state vector and all probabilities above 30 qubits, pointing to marginals", () => {
    const s = State.zero(40, { backend: "mps" });
    expect(() => s.toArray()).toThrow(ResourceError);
    expect(() => s.probabilities()).toThrow(/marginals/);
    expect(s.probabilities([0, 39])[0]).toBe(1);
    expect(() => State.zero(60, { backend: "mps" }).amplitude(3)).toThrow(/a number cannot index/);
    expect(State.zero(60, { backend: "mps" }).amplitude(0n).re).toBe(1);
  });
});

describe("mps backend: the bounded search and argument checks of its own readers", () => {
  it("says when the search for likely outcomes stopped at its bound, and refuses bad arguments", () => {
    const mps = new MpsBackend();
    const c = new Circuit(12, { backend: mps });
    c.h("full"); // 4096 equally likely outcomes
    const s = c.forward();
    const all = Array.from({ length: 12 }, (_, q) => q);
    const cut = mps.mostProbable(s.buffer, all, 100, { maxExpansions: 20 });
    expect(cut.complete).toBe(false);
    const found = mps.mostProbable(s.buffer, all, 3);
    expect(found.complete).toBe(true);
    for (const o of found.outcomes) expect(o.probability).toBeCloseTo(1 / 4096, 15);
    expect(() => mps.mostProbable(s.buffer, [0, 0], 1)).toThrow(/distinct integers/);
    expect(() => mps.mostProbable(s.buffer, all, 0)).toThrow(/k must be a positive integer/);
    expect(() => mps.amplitudeOf(s.buffer, new Uint8Array(3))).toThrow(/Uint8Array of 12/);
    expect(() => mps.canonicalize(s.buffer, 12)).toThrow(/site must be an integer/);
    expect(() => mps.sampleCounts(s.buffer, all, 0, new Rng(1))).toThrow(/shots/);
  });
});
