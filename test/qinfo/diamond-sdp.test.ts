import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  diamondNorm,
  diamondNormUnitaryDifference,
  eigvalsHermitian,
  krausToChoi,
  randomChannel,
  randomHermitian,
  randomUnitary,
  solveSdp,
} from "../../src/qinfo/index.js";
import {
  amplitudeDamping,
  depolarizing,
  pauliChannel,
} from "../../src/quantum/density/standard-channels.js";
import { identity } from "../../src/quantum/linalg.js";
import { Rng } from "../../src/random.js";

/** A random probability vector of length 4 (I, X, Y, Z weights). */
function simplex(rng: Rng): [number, number, number, number] {
  const w = [0, 1, 2, 3].map(() => -Math.log(1 - rng.uniform()));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s) as [number, number, number, number];
}

describe("solveSdp", () => {
  it("min <C, X> over density matrices is the smallest eigenvalue of C (both objectives, gap < 1e-10)", () => {
    const h = randomHermitian(2, { seed: 1 });
    // the real part of a random Hermitian matrix is real symmetric
    const n = 4;
    const c = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) c[i] = h[2 * i]!;
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const sol = solveSdp({ blocks: [n], c: [c], a: [[eye]], b: Float64Array.of(1) });
    const cc = new Float64Array(2 * n * n);
    for (let i = 0; i < n * n; i++) cc[2 * i] = c[i]!;
    const lowest = eigvalsHermitian(cc)[0]!;
    expect(sol.converged).toBe(true);
    expect(sol.gap).toBeLessThan(1e-10);
    expect(Math.abs(sol.primalObjective - lowest)).toBeLessThan(1e-9);
    expect(Math.abs(sol.dualObjective - lowest)).toBeLessThan(1e-9);
  });
});

describe("diamond norm of general channel differences (Watrous's SDP)", () => {
  it("Pauli channels: ||Phi_p - Phi_q|| = sum_i |p_i - q_i| to 1e-7, primal-dual gap < 1e-8", () => {
    const rng = new Rng(2);
    for (let trial = 0; trial < 4; trial++) {
      const p = simplex(rng);
      const q = simplex(rng);
      const a = pauliChannel([p[1], p[2], p[3]]).kraus();
      const b = pauliChannel([q[1], q[2], q[3]]).kraus();
      const r = diamondNorm(a, b);
      const exact = p.reduce((s, x, i) => s + Math.abs(x - q[i]!), 0);
      expect(Math.abs(r.value - exact)).toBeLessThan(1e-7);
      expect(r.gap).toBeLessThan(1e-8);
      expect(r.upperBound).toBeGreaterThanOrEqual(r.value - 1e-12);
    }
  });

  it("depolarizing vs identity is 3p/2 (Paddle's (1 - p) rho + p I/2); Choi and Kraus inputs agree", () => {
    for (const p of [0.01, 0.2, 0.9]) {
      const r = diamondNorm(depolarizing(p).kraus(), [identity(2)]);
      expect(Math.abs(r.value - 1.5 * p)).toBeLessThan(1e-7);
      expect(r.gap).toBeLessThan(1e-8);
      const viaChoi = diamondNorm(depolarizing(p).choi(), krausToChoi([identity(2)]));
      expect(Math.abs(viaChoi.value - r.value)).toBeLessThan(1e-9);
    }
  });

  it("unitary channels agree with the closed form of diamondNormUnitaryDifference", () => {
    for (const seed of [3, 5, 7]) {
      const u = randomUnitary(1, { seed });
      const v = randomUnitary(1, { seed: seed + 1 });
      const r = diamondNorm([u], [v]);
      expect(Math.abs(r.value - diamondNormUnitaryDifference(u, v).value)).toBeLessThan(1e-7);
      expect(r.gap).toBeLessThan(1e-8);
    }
  });

  it("is a metric on random channels: 0 on equal ones, symmetric, within [trace-distance bound, 2]", () => {
    const a = randomChannel(1, { rank: 2, seed: 9 });
    const b = amplitudeDamping(0.3).kraus();
    expect(diamondNorm(a, a).value).toBeLessThan(1e-8);
    const ab = diamondNorm(a, b).value;
    expect(Math.abs(ab - diamondNorm(b, a).value)).toBeLessThan(1e-7);
    expect(ab).toBeGreaterThan(0);
    expect(ab).toBeLessThanOrEqual(2 + 1e-9);
  });

  it("refuses what is not a channel, naming the check", () => {
    expect(() => diamondNorm([identity(2).map((x) => 0.5 * x)], [identity(2)])).toThrow(
      /phi1 is not a channel/,
    );
    expect(() => diamondNorm([identity(2)], "x" as never)).toThrow(ArgumentError);
    expect(() => diamondNorm([identity(2)], [identity(4)])).toThrow(/dimensions/);
  });
});
