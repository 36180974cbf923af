/**
 * Dense references for the Hamiltonian-simulation tests: exp(-i t H) from an eigen-decomposition
 * of H's dense matrix. Real symmetric matrices (Heisenberg, Ising: Y Y is real) go through the
 * Householder + QL solver of chem/linalg.ts, fast up to a few hundred rows; complex ones through
 * the Jacobi solver of quantum/linalg.ts (small n only).
 */
import { eigh } from "../../../src/chem/linalg.js";
import { expmHermitian, matvec } from "../../../src/quantum/linalg.js";
import type { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";

/** exp(-i t H) as a dense interleaved matrix on `n` qubits. */
export function denseExpm(h: Hamiltonian, t: number, n = h.nQubits): Float64Array {
  const m = h.matrix(n);
  const d = 2 ** n;
  let real = true;
  for (let i = 1; i < m.length; i += 2) if (m[i] !== 0) real = false;
  if (!real) return expmHermitian(m, [0, -t]);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) a[i] = m[2 * i]!;
  const { values, vectors } = eigh(a, d);
  const u = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const w = vectors[i * d + k]! * vectors[j * d + k]!;
        re += w * Math.cos(t * values[k]!);
        im -= w * Math.sin(t * values[k]!);
      }
      u[2 * (i * d + j)] = re;
      u[2 * (i * d + j) + 1] = im;
    }
  }
  return u;
}

/** exp(-i t H) psi for interleaved amplitudes, through the eigenbasis of H. */
export function denseEvolve(
  h: Hamiltonian,
  t: number,
  psi: Float64Array,
  n = h.nQubits,
): Float64Array {
  const m = h.matrix(n);
  const d = 2 ** n;
  for (let i = 1; i < m.length; i += 2) if (m[i] !== 0) return matvec(denseExpm(h, t, n), psi);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) a[i] = m[2 * i]!;
  const { values, vectors } = eigh(a, d);
  const out = new Float64Array(2 * d);
  for (let k = 0; k < d; k++) {
    let cr = 0;
    let ci = 0;
    for (let i = 0; i < d; i++) {
      cr += vectors[i * d + k]! * psi[2 * i]!;
      ci += vectors[i * d + k]! * psi[2 * i + 1]!;
    }
    const c = Math.cos(t * values[k]!);
    const s = -Math.sin(t * values[k]!);
    const er = c * cr - s * ci;
    const ei = c * ci + s * cr;
    for (let i = 0; i < d; i++) {
      out[2 * i]! += vectors[i * d + k]! * er;
      out[2 * i + 1]! += vectors[i * d + k]! * ei;
    }
  }
  return out;
}

/** ||a - b|| of interleaved vectors. */
export function norm2Diff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/** The open Heisenberg chain XX + YY + ZZ on every bond (unit couplings), built by hand. */
export function heisenbergChainList(n: number): [number, string][] {
  const list: [number, string][] = [];
  for (let i = 0; i + 1 < n; i++) for (const p of "XYZ") list.push([1, `${p}${i} ${p}${i + 1}`]);
  return list;
}
