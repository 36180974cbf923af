import { describe, expect, it } from "vitest";
import { CpuBackend, type CpuStateBuffer } from "../../../src/backend/cpu/cpu.js";
import { defaultThreads } from "../../../src/backend/cpu/pool.js";
import { Rng } from "../../../src/random.js";
import { expectClose, randomComplex } from "./helpers.js";

// n = 17: 2 MiB per state, above THREAD_MIN_BYTES, so kernels split across 2 threads
const N = 17;
const two = new CpuBackend({ threads: 2 });
const one = new CpuBackend({ threads: 1 });

function same(
  batch: number,
  psi: Float64Array,
  op: (be: CpuBackend, buf: CpuStateBuffer) => void,
  what: string,
): void {
  const a = two.fromArray(N, batch, psi);
  const b = one.fromArray(N, batch, psi);
  expect(a.wasm?.threads, "a threaded buffer").toBe(2);
  expect(b.wasm?.threads).toBe(1);
  op(two, a);
  op(one, b);
  expectClose(two.toArray(a), one.toArray(b), 1e-12, what);
  two.free(a);
  one.free(b);
}

describe("worker threads over the shared arena", () => {
  it("QOAR_THREADS sets the default (vitest.config.ts sets 1)", () => {
    expect(defaultThreads()).toBe(1);
    expect(new CpuBackend().threads).toBe(1);
    expect(() => new CpuBackend({ threads: 0 })).toThrow(/threads/);
  });

  it("split 1-qubit kernels equal the single-thread ones for every target", () => {
    const rng = new Rng(41);
    for (const batch of [1, 2]) {
      const psi = randomComplex(rng, batch << N);
      for (const t of [0, 1, 5, N - 2, N - 1]) {
        const u = randomComplex(rng, 4);
        const real = u.map((v, i) => (i % 2 ? 0 : v));
        const diag = randomComplex(rng, 2);
        same(batch, psi, (be, buf) => be.applyDense(buf, [t], u), `complex t=${t} b=${batch}`);
        same(batch, psi, (be, buf) => be.applyDense(buf, [t], real), `real t=${t} b=${batch}`);
        same(batch, psi, (be, buf) => be.applyDiagonal(buf, [t], diag), `diag t=${t} b=${batch}`);
      }
    }
  });

  it("split swaps (CNOT, SWAP) and dense 2-qubit kernels equal the single-thread ones", () => {
    const rng = new Rng(42);
    const psi = randomComplex(rng, 2 << N);
    const x = Int32Array.of(1, 0);
    for (const [c, t] of [
      [0, 1],
      [1, 0],
      [N - 2, N - 1],
      [3, 9],
      [N - 1, 0],
    ] as const) {
      same(
        2,
        psi,
        (be, buf) => be.applyPermutation(buf, [t], x, undefined, [c]),
        `cnot ${c}->${t}`,
      );
      const m = randomComplex(rng, 16);
      same(2, psi, (be, buf) => be.applyDense(buf, [c, t], m), `dense2 ${c},${t}`);
    }
  });

  it("batches of small states: shared matrices sweep the batch on two threads, per-batch ones per element", () => {
    const rng = new Rng(44);
    const n = 8;
    const batch = 1024; // 2^18 amplitudes: split across threads
    const js = new CpuBackend({ wasm: "never", threads: 1 });
    const psi = randomComplex(rng, batch << n);
    const a = two.fromArray(n, batch, psi);
    const b = js.fromArray(n, batch, psi);
    expect(a.wasm?.threads).toBe(2);
    for (const t of [0, 3, n - 1]) {
      const u = randomComplex(rng, 4);
      const perBatch = randomComplex(rng, 4 * batch);
      const diag = randomComplex(rng, 2);
      const m2 = randomComplex(rng, 16);
      const m2s = randomComplex(rng, 16 * batch);
      const diags = randomComplex(rng, 2 * batch);
      const realPerBatch = perBatch.map((v, i) => (i % 2 ? 0 : v));
      for (const be of [two, js]) {
        const buf = be === two ? a : b;
        be.applyDense(buf, [t], u);
        be.applyDense(buf, [t], perBatch);
        be.applyDense(buf, [t], realPerBatch);
        be.applyDiagonal(buf, [t], diags);
        be.applyDense(buf, [(t + 1) % n, t], m2s);
        be.applyDiagonal(buf, [t], diag);
        be.applyDense(buf, [t, (t + 2) % n], m2);
        be.applyPermutation(buf, [t], Int32Array.of(1, 0), undefined, [(t + 1) % n]);
      }
    }
    expectClose(two.toArray(a), js.toArray(b), 1e-11, "batched small states");
    two.free(a);
    js.free(b);
  });

  it("split overlap matrices equal the single-thread ones", () => {
    const rng = new Rng(43);
    const a = randomComplex(rng, 2 << N);
    const b = randomComplex(rng, 2 << N);
    for (const q of [0, 1, 8, N - 1]) {
      const get = (be: CpuBackend): Float64Array => {
        const [x, y] = be.clonePair(be.fromArray(N, 2, a), b);
        const m = be.overlapMatrix(x, y, [q]);
        be.free(x);
        be.free(y);
        return m;
      };
      expectClose(get(two), get(one), 1e-9, `overlap q=${q}`);
    }
  });
});
