import { describe, expect, it } from "vitest";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import * as ssvqe from "../../tutorials/ssvqe.js";
import { runQuick } from "./helpers.js";

/** Eigenvalues of a Hermitian 4x4 (interleaved complex) by the real 8x8 embedding and Jacobi. */
function eigenvalues(m: Float64Array, dim: number): number[] {
  const n = 2 * dim;
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      const re = m[2 * (i * dim + j)]!;
      const im = m[2 * (i * dim + j) + 1]!;
      a[i]![j] = re;
      a[i + dim]![j + dim] = re;
      a[i]![j + dim] = -im;
      a[i + dim]![j] = im;
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p]![q]!) < 1e-15) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  // the embedding doubles every eigenvalue
  const ev = a.map((row, i) => row[i]!).sort((x, y) => x - y);
  return ev.filter((_, i) => i % 2 === 0);
}

describe("tutorial ssvqe", () => {
  it("finds the four levels of a random 2-qubit Hamiltonian to 1e-3", async () => {
    const { result } = await runQuick(ssvqe);
    const n = result.numbers as { hamiltonian: [number, string][]; ssvqe: number[] };
    const exact = eigenvalues(new Hamiltonian(n.hamiltonian, { nQubits: 2 }).matrix(), 4);
    for (let k = 0; k < 4; k++) expect(Math.abs(n.ssvqe[k]! - exact[k]!)).toBeLessThan(1e-3);
    expect(exact[0]).toBeLessThan(exact[3]!);
  });
});
