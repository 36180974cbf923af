/**
 * Pauli sums on matrix product states: H|psi> through the matrix product operator of H, and
 * <psi|H|psi> term by term with the center walked once from left to right.
 *
 * The MPO is the usual automaton: at every cut a bond state "nothing placed yet" (0), "term
 * finished" (1), and one channel per term that straddles the cut. A term starts on its first qubit
 * (0 -> channel, carrying the coefficient), passes through (identity or its letter) and ends on its
 * last qubit (channel -> 1); a nearest-neighbour Hamiltonian has bond dimension 3.
 */
import type { PauliLetter, PauliTerm } from "../backend.js";
import { Mps } from "./mps.js";

const PAULI: Record<PauliLetter | "I", Float64Array> = {
  I: new Float64Array([1, 0, 0, 0, 0, 0, 1, 0]),
  X: new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]),
  Y: new Float64Array([0, 0, 0, -1, 0, 1, 0, 0]),
  Z: new Float64Array([1, 0, 0, 0, 0, 0, -1, 0]),
};

/** The 2 x 2 matrix of a Pauli letter (interleaved, row-major). * @example
 * pauliMatrix("X"); // [0, 0, 1, 0, 1, 0, 0, 0]
 */
export function pauliMatrix(letter: PauliLetter): Float64Array {
  return PAULI[letter];
}

/** A term's operator on each of its sites lo..hi (null = identity), and that span. * @example
 * termSpan({ qubits: [3, 1], letters: ["Z", "X"], coefficient: 1 }); // lo 1, hi 3, ops [X, null, Z]
 */
export function termSpan(term: PauliTerm): {
  lo: number;
  hi: number;
  ops: (Float64Array | null)[];
} {
  const lo = Math.min(...term.qubits);
  const hi = Math.max(...term.qubits);
  const ops: (Float64Array | null)[] = new Array(hi - lo + 1).fill(null);
  term.qubits.forEach((q, i) => {
    ops[q - lo] = PAULI[term.letters[i]!];
  });
  return { lo, hi, ops };
}

/** One MPO site: W[wl, s', s, wr] interleaved complex, with its bond dimensions. */
interface MpoSite {
  readonly w: Float64Array;
  readonly left: number;
  readonly right: number;
}

/** The MPO of sum_j c_j P_j on n qubits (identity terms included). * @example
 * const mpo = pauliSumMpo(4, Hamiltonian.fromString("Z0 Z1 + X2").terms);
 */
export function pauliSumMpo(n: number, terms: readonly PauliTerm[]): MpoSite[] {
  const spans = terms.map((t) =>
    t.qubits.length === 0 ? { lo: 0, hi: 0, ops: [PAULI.I] } : termSpan(t),
  );
  // bond states at cut k (left of site k): [0, 1, channels...]; cut 0 has only 0, cut n only 1
  const channels: number[][] = [];
  for (let k = 0; k <= n; k++) {
    const list: number[] = [];
    if (k > 0 && k < n)
      spans.forEach((s, t) => {
        s.lo < k && s.hi >= k && list.push(t);
      });
    channels.push(list);
  }
  const stateIndex = (k: number, state: "0" | "1" | number): number => {
    if (k === 0) return state === "0" ? 0 : -1;
    if (k === n) return state === "1" ? 0 : -1;
    if (state === "0") return 0;
    if (state === "1") return 1;
    const c = channels[k]!.indexOf(state);
    return c < 0 ? -1 : 2 + c;
  };
  const width = (k: number): number => (k === 0 || k === n ? 1 : 2 + channels[k]!.length);
  const sites: MpoSite[] = [];
  for (let k = 0; k < n; k++) {
    const left = width(k);
    const right = width(k + 1);
    const w = new Float64Array(2 * left * 4 * right);
    const put = (l: number, r: number, op: Float64Array, cr: number): void => {
      if (l < 0 || r < 0) return;
      for (let s = 0; s < 2; s++) {
        for (let t = 0; t < 2; t++) {
          const o = 2 * (((l * 2 + s) * 2 + t) * right + r);
          w[o]! += cr * op[2 * (s * 2 + t)]!;
          w[o + 1]! += cr * op[2 * (s * 2 + t) + 1]!;
        }
      }
    };
    put(stateIndex(k, "0"), stateIndex(k + 1, "0"), PAULI.I, 1);
    put(stateIndex(k, "1"), stateIndex(k + 1, "1"), PAULI.I, 1);
    spans.forEach((s, t) => {
      if (k < s.lo || k > s.hi) return;
      const op = s.ops[k - s.lo] ?? PAULI.I;
      const c = k === s.lo ? terms[t]!.coefficient : 1;
      const from = k === s.lo ? stateIndex(k, "0") : stateIndex(k, t);
      const to = k === s.hi ? stateIndex(k + 1, "1") : stateIndex(k + 1, t);
      put(from, to, op, c);
    });
    sites.push({ w, left, right });
  }
  return sites;
}

/** The exact MPS of W|psi> (bond dimensions multiplied; canonical form unknown). * @example
 * const hpsi = applyMpo(pauliSumMpo(n, terms), psi); // then hpsi.compress(limits)
 */
export function applyMpo(mpo: readonly MpoSite[], psi: Mps): Mps {
  const n = psi.n;
  const sites: Float64Array[] = [];
  const dims = [1];
  for (let k = 0; k < n; k++) {
    const { w, left, right } = mpo[k]!;
    const a = psi.sites[k]!;
    const dl = psi.dims[k]!;
    const dr = psi.dims[k + 1]!;
    const nl = left * dl;
    const nr = right * dr;
    const out = new Float64Array(2 * nl * 2 * nr);
    for (let wl = 0; wl < left; wl++) {
      for (let wr = 0; wr < right; wr++) {
        for (let s = 0; s < 2; s++) {
          for (let t = 0; t < 2; t++) {
            const wo = 2 * (((wl * 2 + s) * 2 + t) * right + wr);
            const xr = w[wo]!;
            const xi = w[wo + 1]!;
            if (xr === 0 && xi === 0) continue;
            for (let l = 0; l < dl; l++) {
              const ao = 2 * (l * 2 + t) * dr;
              const oo = 2 * (((wl * dl + l) * 2 + s) * nr + wr * dr);
              for (let r = 0; r < dr; r++) {
                const ar = a[ao + 2 * r]!;
                const ai = a[ao + 2 * r + 1]!;
                out[oo + 2 * r]! += xr * ar - xi * ai;
                out[oo + 2 * r + 1]! += xr * ai + xi * ar;
              }
            }
          }
        }
      }
    }
    sites.push(out);
    dims.push(nr);
  }
  const m = new Mps(sites, dims, -1);
  m.truncationError = psi.truncationError;
  return m;
}

/**
 * <psi|H|psi> (real part; H Hermitian) for a Pauli sum: terms sorted by their first qubit, the
 * center moved once across the chain, each term contracted over its own span only.
 * @example
 * expectationPauliSum(Mps.zero(2), Hamiltonian.fromString("Z0 + Z1").terms); // 2
 */
export function expectationPauliSum(psi: Mps, terms: readonly PauliTerm[]): number {
  let total = 0;
  const spans = terms
    .map((t, i) => ({ i, ...(t.qubits.length === 0 ? { lo: -1, hi: -1, ops: [] } : termSpan(t)) }))
    .sort((a, b) => a.lo - b.lo);
  for (const s of spans) {
    const c = terms[s.i]!.coefficient;
    if (s.lo < 0) total += c * psi.norm2();
    else total += c * psi.localExpectation(s.lo, s.hi, s.ops)[0];
  }
  return total;
}
