/**
 * Measurement outcomes of a matrix product state without its dense vector. With the center on
 * site 0 every other site is a right isometry, so the probability of a prefix of outcomes on the
 * measured qubits is the trace of a small environment matrix E carried from the left:
 * E <- sum_s A_s^dagger E A_s over a site that is not measured, E <- A_s^dagger E A_s for the
 * outcome s of a measured one. Marginals, seeded samples (each prefix's count split by a binomial
 * draw) and the most probable outcomes (best-first: a prefix's probability bounds every
 * completion of it) are three walks of that one tree.
 */
import type { Rng } from "../../random.js";
import { type Mps, transfer } from "./mps.js";

/** An open prefix: its environment on the bond right of `site - 1`, its weight and outcomes. */
interface Prefix {
  readonly env: Float64Array;
  /** The next site to contract. */
  readonly site: number;
  /** The outcomes so far, in the order of the sorted measured qubits. */
  readonly bits: number[];
  readonly weight: number;
}

const PROJECT: readonly Float64Array[] = [
  new Float64Array([1, 0, 0, 0, 0, 0, 0, 0]),
  new Float64Array([0, 0, 0, 0, 0, 0, 1, 0]),
];

/** Walks the measured qubits (sorted): `children` of a prefix end on the next measured site. */
class OutcomeTree {
  readonly sorted: number[];

  constructor(
    private readonly psi: Mps,
    qubits: readonly number[],
  ) {
    psi.moveCenter(0);
    this.sorted = [...qubits].sort((a, b) => a - b);
  }

  root(): Prefix {
    return { env: new Float64Array([1, 0]), site: 0, bits: [], weight: this.psi.norm2() };
  }

  /** The two prefixes one measured qubit longer (sites up to and including it contracted). */
  children(p: Prefix): [Prefix, Prefix] {
    const q = this.sorted[p.bits.length]!;
    let env = p.env;
    for (let k = p.site; k < q; k++) env = this.step(env, k, null);
    return [0, 1].map((s) => {
      const e = this.step(env, q, PROJECT[s]!);
      return { env: e, site: q + 1, bits: [...p.bits, s], weight: trace(e, this.psi.dims[q + 1]!) };
    }) as [Prefix, Prefix];
  }

  private step(env: Float64Array, k: number, op: Float64Array | null): Float64Array {
    const a = this.psi.sites[k]!;
    const dl = this.psi.dims[k]!;
    const dr = this.psi.dims[k + 1]!;
    return transfer(env, a, dl, dr, a, dl, dr, op);
  }
}

function trace(e: Float64Array, d: number): number {
  let t = 0;
  for (let j = 0; j < d; j++) t += e[2 * (j * d + j)]!;
  return Math.max(t, 0);
}

/** The outcome index of `bits` (sorted qubit order) with qubits[0] the most significant bit. */
function indexOf(
  bits: readonly number[],
  sorted: readonly number[],
  qubits: readonly number[],
): number {
  let x = 0;
  for (let i = 0; i < qubits.length; i++) {
    x = x * 2 + bits[sorted.indexOf(qubits[i]!)]!;
  }
  return x;
}

/** The bitstring of `bits` (sorted qubit order) written in the order of `qubits`. */
function bitstringOf(
  bits: readonly number[],
  sorted: readonly number[],
  qubits: readonly number[],
): string {
  let out = "";
  for (const q of qubits) out += bits[sorted.indexOf(q)] === 1 ? "1" : "0";
  return out;
}

/** The 2^k probabilities of the outcomes of `qubits` (qubits[0] the most significant bit). * @example
 * marginalProbabilities(Mps.zero(3), [2, 0]); // [1, 0, 0, 0]
 */
export function marginalProbabilities(psi: Mps, qubits: readonly number[]): Float64Array {
  const tree = new OutcomeTree(psi, qubits);
  const out = new Float64Array(2 ** qubits.length);
  if (qubits.length === 0) return out;
  let level = [tree.root()];
  for (let d = 0; d < qubits.length; d++) {
    const next: Prefix[] = [];
    for (const p of level) {
      if (p.weight === 0) continue;
      next.push(...tree.children(p));
    }
    level = next;
  }
  for (const p of level) out[indexOf(p.bits, tree.sorted, qubits)] = p.weight;
  return out;
}

/**
 * `shots` seeded samples of `qubits`, as counts keyed by bitstring (in the order of `qubits`):
 * a prefix's count is split between its two children by one binomial draw, so the work grows
 * with the distinct outcomes, not with the shots.
 * @example
 * sampleOutcomes(Mps.zero(2), [0, 1], 100, new Rng(1)); // { "00": 100 }
 */
export function sampleOutcomes(
  psi: Mps,
  qubits: readonly number[],
  shots: number,
  rng: Rng,
): Record<string, number> {
  const tree = new OutcomeTree(psi, qubits);
  const counts: Record<string, number> = {};
  const walk = (p: Prefix, count: number): void => {
    if (p.bits.length === qubits.length) {
      counts[bitstringOf(p.bits, tree.sorted, qubits)] = count;
      return;
    }
    const [c0, c1] = tree.children(p);
    const total = c0.weight + c1.weight;
    const p0 = total > 0 ? Math.min(1, c0.weight / total) : 0.5;
    const n0 = rng.binomial(count, p0);
    if (n0 > 0) walk(c0, n0);
    if (count - n0 > 0) walk(c1, count - n0);
  };
  walk(tree.root(), shots);
  return counts;
}

/** One of the most probable outcomes. */
export interface LikelyOutcome {
  /** The outcome, in the order of the measured qubits. */
  readonly bits: string;
  readonly probability: number;
}

/**
 * The `k` most probable outcomes of `qubits`, most probable first, with probability above
 * `threshold`, by best-first search: the open prefix of largest probability is expanded next,
 * and a complete outcome popped is as probable as any not yet found. At most `maxExpansions`
 * prefixes are expanded (the search is then cut short; `complete` says whether it finished).
 * @example
 * mostProbableOutcomes(Mps.zero(2), [0, 1], 1, 0, 1000).outcomes; // [{ bits: "00", probability: 1 }]
 */
export function mostProbableOutcomes(
  psi: Mps,
  qubits: readonly number[],
  k: number,
  threshold: number,
  maxExpansions: number,
): { outcomes: LikelyOutcome[]; complete: boolean } {
  const tree = new OutcomeTree(psi, qubits);
  const heap = new MaxHeap();
  heap.push(tree.root());
  const outcomes: LikelyOutcome[] = [];
  let expansions = 0;
  while (outcomes.length < k && heap.size > 0) {
    const p = heap.pop()!;
    if (!(p.weight > threshold)) break;
    if (p.bits.length === qubits.length) {
      outcomes.push({ bits: bitstringOf(p.bits, tree.sorted, qubits), probability: p.weight });
      continue;
    }
    if (expansions++ >= maxExpansions) return { outcomes, complete: false };
    for (const c of tree.children(p)) if (c.weight > threshold) heap.push(c);
  }
  return { outcomes, complete: true };
}

/** A binary max-heap of prefixes by weight. */
class MaxHeap {
  private readonly items: Prefix[] = [];

  get size(): number {
    return this.items.length;
  }

  push(p: Prefix): void {
    const a = this.items;
    a.push(p);
    let c = a.length - 1;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (a[parent]!.weight >= a[c]!.weight) break;
      [a[parent], a[c]] = [a[c]!, a[parent]!];
      c = parent;
    }
  }

  pop(): Prefix | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < a.length && a[l]!.weight > a[m]!.weight) m = l;
        if (r < a.length && a[r]!.weight > a[m]!.weight) m = r;
        if (m === c) break;
        [a[m], a[c]] = [a[c]!, a[m]!];
        c = m;
      }
    }
    return top;
  }
}
