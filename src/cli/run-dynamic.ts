/**
 * `qoar run` for circuits with mid-circuit measurements, resets and `if`: the distribution of the
 * classical register (every classical bit, bit 0 leftmost), exact from the branch mixture where
 * the branch count allows or sampled with `--shots`, and with `--state` the reduced state of the
 * qubits no mid-circuit measurement or reset touches (the mixture over the branches).
 */
import { ResourceError } from "../errors.js";
import type { Measurement } from "../io/qasm/index.js";
import { reducedFromVector } from "../qinfo/partial-trace.js";
import type { Circuit } from "../quantum/circuit/circuit.js";
import { sampleCounts } from "../quantum/state/measure.js";
import type { State } from "../quantum/state/state.js";
import { Rng } from "../random.js";
import { topK } from "./top-k.js";

/** Kept qubits up to which `--state` prints the reduced density matrix (else Bloch vectors only). */
const MAX_MATRIX_QUBITS = 6;

/**
 * Runs `circuit` as a dynamic circuit: exact branch mixture, or `shots` trajectories.
 * @example
 * const psi = runDynamic(circuit, { shots: 100, seed: 1 });
 */
export function runDynamic(
  circuit: Circuit,
  o: { shots: number | undefined; seed: number },
): State {
  try {
    return circuit.forward(
      undefined,
      undefined,
      o.shots === undefined ? { maxBranches: 1024 } : { shots: o.shots, seed: o.seed },
    );
  } catch (e) {
    if (e instanceof ResourceError && o.shots === undefined)
      throw new ResourceError(`${e.message.split(";")[0]}; sample them with --shots N`);
    throw e;
  }
}

/** The classical bits of branch k with the final measurements' outcome j written in. */
function keyOf(
  record: readonly number[],
  finals: readonly Measurement[],
  j: number,
  nClbits: number,
): string {
  const bits = Array.from({ length: nClbits }, (_, b) => record[b] ?? 0);
  const m = finals.length;
  finals.forEach((f, t) => {
    bits[f.clbit] = (j >> (m - 1 - t)) & 1;
  });
  return bits.join("");
}

/** Per branch, the (unnormalized) probabilities of the final measurements' outcomes. */
function finalProbabilities(psi: State, finals: readonly Measurement[]): Float64Array {
  if (finals.length > 0)
    return psi.backend.probabilities(
      psi.buffer,
      finals.map((f) => f.qubit),
    );
  return psi.backend.normSquared(psi.buffer);
}

/**
 * The exact distribution of the classical register: the `top` most likely strings (p > zero)
 * and how many more there are.
 * @example
 * exactRegister(psi, finals, 3, 32, 1e-12); // { probabilities: { "001": 0.25, ... }, omitted: 0 }
 */
export function exactRegister(
  psi: State,
  finals: readonly Measurement[],
  nClbits: number,
  top: number,
  zero: number,
): { probabilities: Record<string, number>; omitted: number } {
  const records = psi.branches!.records;
  const dim = 2 ** finals.length;
  const probs = finalProbabilities(psi, finals);
  // branches whose records agree outside the bits the final measurements overwrite add up
  // (as do those a reset split without writing a bit)
  const overwritten = new Set(finals.map((f) => f.clbit));
  const groups = new Map<string, number[]>();
  records.forEach((r, k) => {
    const key = r.map((v, b) => (overwritten.has(b) ? 0 : v)).join("");
    groups.set(key, [...(groups.get(key) ?? []), k]);
  });
  const found: [string, number][] = [];
  let count = 0;
  for (const ks of groups.values()) {
    const sum = new Float64Array(dim);
    for (const k of ks) for (let j = 0; j < dim; j++) sum[j] += probs[k * dim + j]!;
    const best = topK(sum, top, { threshold: zero });
    count += best.count;
    best.indices.forEach((j, i) => {
      found.push([keyOf(records[ks[0]!]!, finals, j, nClbits), best.weights[i]!]);
    });
  }
  found.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = found.slice(0, top);
  return { probabilities: Object.fromEntries(kept), omitted: count - kept.length };
}

/**
 * Counts of the classical register over the run's shots: each branch's shots sample its final
 * measurements (one multinomial draw per branch).
 * @example
 * sampledRegister(psi, finals, 3, 1); // { "001": 2503, ... }
 */
export function sampledRegister(
  psi: State,
  finals: readonly Measurement[],
  nClbits: number,
  seed: number,
): Record<string, number> {
  const br = psi.branches!;
  const dim = 2 ** finals.length;
  const probs = finalProbabilities(psi, finals);
  const rng = new Rng(seed + 1); // a stream apart from the trajectories'
  const out: Record<string, number> = {};
  br.records.forEach((r, k) => {
    const c = sampleCounts(probs, br.counts![k]!, rng, k * dim, dim);
    c.forEach((v, j) => {
      if (v === 0) return;
      const key = keyOf(r, finals, j, nClbits);
      out[key] = (out[key] ?? 0) + v;
    });
  });
  return out;
}

/**
 * The reduced state of the qubits no measure or reset touches: Bloch vectors per qubit and, up
 * to 6 qubits, the density matrix (rows of [re, im]), summed over the branches.
 * @example
 * reducedOfBranches(psi, circuit); // { qubits: [2], bloch: { "2": [x, y, z] }, matrix: [...] }
 */
export function reducedOfBranches(
  psi: State,
  circuit: Circuit,
): { qubits: number[]; bloch: Record<string, [number, number, number]>; matrix?: number[][][] } {
  const n = circuit.nQubits;
  const touched = new Set<number>();
  for (const op of circuit.operations)
    if (op.kind === "measure" || op.kind === "reset" || op.kind === "postselect")
      touched.add(op.qubits[0]);
  const keep = Array.from({ length: n }, (_, q) => q).filter((q) => !touched.has(q));
  const a = psi.toArray();
  const size = 2 << n;
  const bloch: Record<string, [number, number, number]> = {};
  for (const q of keep) {
    const rho = sumOverBranches(a, size, psi.batch, (v) => reducedFromVector(v, n, [q]));
    // rho = (I + x X + y Y + z Z) / 2: x = 2 Re rho01, y = -2 Im rho01, z = rho00 - rho11
    bloch[String(q)] = [2 * rho[2]!, -2 * rho[3]!, rho[0]! - rho[6]!];
  }
  if (keep.length === 0 || keep.length > MAX_MATRIX_QUBITS) return { qubits: keep, bloch };
  const rho = sumOverBranches(a, size, psi.batch, (v) => reducedFromVector(v, n, keep));
  const d = 2 ** keep.length;
  const matrix = Array.from({ length: d }, (_, r) =>
    Array.from({ length: d }, (_, c) => [rho[2 * (r * d + c)]!, rho[2 * (r * d + c) + 1]!]),
  );
  return { qubits: keep, bloch, matrix };
}

function sumOverBranches(
  a: Float64Array,
  size: number,
  batch: number,
  one: (v: Float64Array) => Float64Array,
): Float64Array {
  let sum: Float64Array | undefined;
  for (let e = 0; e < batch; e++) {
    const r = one(a.subarray(e * size, (e + 1) * size));
    if (sum === undefined) sum = r;
    else for (let i = 0; i < r.length; i++) sum[i] += r[i]!;
  }
  return sum!;
}
