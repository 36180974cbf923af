import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/errors.js";
import {
  addMatrices,
  controlledMatrix,
  dagger,
  eighHermitian,
  expandOperator,
  expmHermitian,
  fromRows,
  identity,
  isUnitary,
  kron,
  matmul,
  maxAbsDiff,
  scaleMatrix,
} from "../../src/quantum/linalg.js";
import { Rng } from "../../src/random.js";
import { randomHermitian } from "./helpers.js";

const X = fromRows([
  [0, 1],
  [1, 0],
]);
const Z = fromRows([
  [1, 0],
  [0, -1],
]);

/** exp(A) by a Taylor series with scaling and squaring: an independent reference. */
function expmTaylor(a: Float64Array): Float64Array {
  const d = Math.round(Math.sqrt(a.length / 2));
  let norm = 0;
  for (const v of a) norm = Math.max(norm, Math.abs(v));
  const s = Math.max(0, Math.ceil(Math.log2(norm * d + 1)) + 2);
  const b = scaleMatrix(a, [2 ** -s, 0]);
  let term = identity(d);
  let sum = identity(d);
  for (let k = 1; k < 30; k++) {
    term = scaleMatrix(matmul(term, b), [1 / k, 0]);
    sum = addMatrices(sum, term);
  }
  for (let i = 0; i < s; i++) sum = matmul(sum, sum);
  return sum;
}

describe("linalg", () => {
  it("multiplies, transposes and tensors small matrices", () => {
    expect(maxAbsDiff(matmul(X, X), identity(2))).toBe(0);
    expect(maxAbsDiff(matmul(X, Z), scaleMatrix(matmul(Z, X), [-1, 0]))).toBe(0);
    const xz = kron(X, Z);
    // X (x) Z |00> = |10>: column 0 has a 1 in row 2
    expect(xz[2 * (2 * 4 + 0)]).toBe(1);
    const y = fromRows([
      [
        [0, 0],
        [0, -1],
      ],
      [
        [0, 1],
        [0, 0],
      ],
    ]);
    expect(maxAbsDiff(dagger(y), y)).toBe(0);
    expect(() => matmul(X, identity(4))).toThrow(ShapeError);
  });

  it("diagonalizes random Hermitian matrices (d = 1..40)", () => {
    const rng = new Rng(5);
    for (const d of [1, 2, 3, 8, 17, 40]) {
      const h = randomHermitian(d, rng);
      const { values, vectors } = eighHermitian(h);
      expect(isUnitary(vectors, 1e-12)).toBe(true);
      for (let i = 1; i < d; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
      // V diag(lambda) V^dagger = H
      const dmat = new Float64Array(2 * d * d);
      for (let i = 0; i < d; i++) dmat[2 * (i * d + i)] = values[i]!;
      const back = matmul(matmul(vectors, dmat), dagger(vectors));
      expect(maxAbsDiff(back, h)).toBeLessThan(1e-12 * d);
    }
  });

  it("handles degenerate spectra", () => {
    const h = kron(Z, identity(4)); // eigenvalues -1 x4, +1 x4
    const { values, vectors } = eighHermitian(h);
    expect(Array.from(values)).toEqual([-1, -1, -1, -1, 1, 1, 1, 1]);
    expect(isUnitary(vectors, 1e-12)).toBe(true);
  });

  it("exponentiates Hermitian matrices like a Taylor series", () => {
    const rng = new Rng(9);
    for (const d of [2, 4, 8]) {
      const h = randomHermitian(d, rng);
      const t = 0.7;
      const viaEig = expmHermitian(h, [0, -t / 2]);
      const viaTaylor = expmTaylor(scaleMatrix(h, [0, -t / 2]));
      expect(maxAbsDiff(viaEig, viaTaylor)).toBeLessThan(1e-11);
      expect(isUnitary(viaEig, 1e-12)).toBe(true);
    }
  });

  it("expands operators like kron for ordered targets and permutes for others", () => {
    const rng = new Rng(3);
    const a = randomHermitian(2, rng);
    const b = randomHermitian(2, rng);
    const ab = kron(a, b);
    expect(maxAbsDiff(expandOperator(ab, [0, 1], 2), ab)).toBe(0);
    expect(maxAbsDiff(expandOperator(ab, [1, 0], 2), kron(b, a))).toBe(0);
    expect(maxAbsDiff(expandOperator(a, [1], 3), kron(kron(identity(2), a), identity(2)))).toBe(0);
    // controlled X with control 1, target 0 on 2 qubits maps |01> -> |11>
    const cx = expandOperator(controlledMatrix(X, 1), [1, 0], 2);
    expect(cx[2 * (3 * 4 + 1)]).toBe(1);
  });
});
