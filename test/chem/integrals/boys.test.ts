import { describe, expect, it } from "vitest";
import { BOYS_MAX_M, boys, boysValue } from "../../../src/chem/integrals/boys.js";
import { ArgumentError } from "../../../src/errors.js";

/** Gauss-Legendre nodes and weights on [-1, 1] by Newton's method on P_n. */
function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (n * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
}

const GL = gaussLegendre(30);

/** F_m(T) = ∫_0^1 t^{2m} e^{-T t^2} dt by composite Gauss-Legendre (panels ~ one Gaussian width). */
function quadrature(m: number, T: number): number {
  const end = Math.min(1, 14 / Math.sqrt(Math.max(T, 1e-300)));
  const panels = Math.max(4, Math.ceil(end * Math.sqrt(T)));
  let sum = 0;
  let comp = 0;
  for (let k = 0; k < panels; k++) {
    const a = (end * k) / panels;
    const b = (end * (k + 1)) / panels;
    let part = 0;
    for (let i = 0; i < GL.x.length; i++) {
      const t = (a + b) / 2 + ((b - a) / 2) * GL.x[i]!;
      part += ((b - a) / 2) * GL.w[i]! * t ** (2 * m) * Math.exp(-T * t * t);
    }
    const y = part - comp;
    const s = sum + y;
    comp = s - sum - y;
    sum = s;
  }
  return sum;
}

describe("Boys function", () => {
  it("matches numerical quadrature to 1e-14 relative over all orders and arguments", () => {
    const ts = [
      0, 1e-12, 1e-6, 0.01, 0.024, 0.026, 0.3, 1, 2.5, 7.77, 15, 29.99, 33.3, 45, 59.97, 59.99, 60,
      61, 80, 200, 1e4,
    ];
    let worst = 0;
    for (const T of ts) {
      for (let m = 0; m <= BOYS_MAX_M; m++) {
        const ref = quadrature(m, T);
        worst = Math.max(worst, Math.abs(boysValue(m, T) - ref) / ref);
      }
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it("has the closed forms F_m(0) = 1/(2m+1) and F_0(T) = sqrt(pi/T) erf(sqrt T) / 2", () => {
    const out = new Float64Array(BOYS_MAX_M + 1);
    boys(BOYS_MAX_M, 0, out);
    for (let m = 0; m <= BOYS_MAX_M; m++) expect(out[m]).toBeCloseTo(1 / (2 * m + 1), 15);
    // erf(1) = 0.8427007929497149
    expect(Math.abs(boysValue(0, 1) - 0.5 * Math.sqrt(Math.PI) * 0.8427007929497149)).toBeLessThan(
      1e-15,
    );
  });

  it("fills all lower orders consistently with the recursion", () => {
    const out = new Float64Array(9);
    for (const T of [0.7, 12.3, 75]) {
      boys(8, T, out);
      for (let m = 0; m < 8; m++) {
        const lhs = out[m]!;
        const rhs = (2 * T * out[m + 1]! + Math.exp(-T)) / (2 * m + 1);
        expect(Math.abs(lhs - rhs) / lhs).toBeLessThan(1e-14);
      }
    }
  });

  it("validates its arguments", () => {
    expect(() => boysValue(-1, 1)).toThrow(ArgumentError);
    expect(() => boysValue(BOYS_MAX_M + 1, 1)).toThrow(ArgumentError);
    expect(() => boysValue(0, -1)).toThrow(ArgumentError);
    expect(() => boysValue(0, Number.NaN)).toThrow(ArgumentError);
  });
});
