import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { Rng } from "../../../src/random.js";
import { expectClose, randomComplex } from "./helpers.js";

/** <a|A|b> for A = E_ij (the matrix unit on `qubits`), by brute force over basis indices. */
function reference(a: Float64Array, b: Float64Array, n: number, batch: number, qubits: number[]) {
  const k = qubits.length;
  const d = 1 << k;
  const dim = 1 << n;
  const out = new Float64Array(2 * d * d * batch);
  for (let e = 0; e < batch; e++) {
    for (let x = 0; x < dim; x++) {
      let i = 0;
      for (const q of qubits) i = (i << 1) | ((x >> (n - 1 - q)) & 1);
      for (let j = 0; j < d; j++) {
        // y: x with the block bits replaced by j
        let y = x;
        qubits.forEach((q, t) => {
          const bit = (j >> (k - 1 - t)) & 1;
          const pos = n - 1 - q;
          y = (y & ~(1 << pos)) | (bit << pos);
        });
        const ar = a[2 * (e * dim + x)]!;
        const ai = a[2 * (e * dim + x) + 1]!;
        const br = b[2 * (e * dim + y)]!;
        const bi = b[2 * (e * dim + y) + 1]!;
        const w = 2 * (e * d * d + i * d + j);
        out[w] += ar * br + ai * bi;
        out[w + 1] += ar * bi - ai * br;
      }
    }
  }
  return out;
}

describe("overlapMatrix", () => {
  for (const wasm of ["never", "always"] as const) {
    it(`equals the brute-force sums for k = 1..3 (wasm ${wasm})`, () => {
      const be = new CpuBackend({ wasm });
      const rng = new Rng(8);
      for (const n of [3, 5, 7]) {
        for (const qubits of [[0], [n - 1], [1], [2, 0], [n - 1, 1], [0, 2, 1]]) {
          const batch = 2;
          const a = randomComplex(rng, batch << n);
          const b = randomComplex(rng, batch << n);
          // a pair in one memory (the SIMD kernel) and two separate buffers (the JS loops)
          const [x, y] = be.clonePair(be.fromArray(n, batch, a), b);
          const [u, v] = [be.fromArray(n, batch, a), be.fromArray(n, batch, b)];
          expectClose(be.overlapMatrix(u, v, qubits), reference(a, b, n, batch, qubits), 1e-12);
          be.free(u);
          be.free(v);
          expectClose(
            be.overlapMatrix(x, y, qubits),
            reference(a, b, n, batch, qubits),
            1e-12,
            `n=${n} q=${qubits}`,
          );
          be.free(x);
          be.free(y);
        }
      }
    });
  }

  it("adjointStep equals overlapMatrix then applyDense on both (JS, SIMD, two threads)", () => {
    const rng = new Rng(9);
    const ref = new CpuBackend({ wasm: "never", threads: 1 });
    for (const [be, n] of [
      [new CpuBackend({ wasm: "never", threads: 1 }), 5],
      [new CpuBackend({ wasm: "always", threads: 1 }), 5],
      [new CpuBackend({ wasm: "always", threads: 2 }), 17],
    ] as const) {
      for (const q of [0, 2, n - 1]) {
        const batch = 2;
        const p = randomComplex(rng, batch << n);
        const l = randomComplex(rng, batch << n);
        const v = randomComplex(rng, 4);
        const [x, y] = be.clonePair(be.fromArray(n, batch, p), l);
        if (be.threads === 2) expect(x.wasm?.arena).toBe(y.wasm?.arena);
        const [rx, ry] = [ref.fromArray(n, batch, p), ref.fromArray(n, batch, l)];
        const m = be.adjointStep(x, y, [q], v);
        const rm = ref.overlapMatrix(ry, rx, [q]);
        ref.applyDense(rx, [q], v);
        ref.applyDense(ry, [q], v);
        const what = `n=${n} q=${q} wasm=${x.wasm !== undefined} threads=${x.wasm?.threads}`;
        expectClose(m, rm, 1e-9, `overlap ${what}`);
        expectClose(be.toArray(x), ref.toArray(rx), 1e-12, `psi ${what}`);
        expectClose(be.toArray(y), ref.toArray(ry), 1e-12, `lam ${what}`);
        for (const b of [x, y]) be.free(b);
        for (const b of [rx, ry]) ref.free(b);
      }
    }
  });

  it("checks its arguments", () => {
    const be = new CpuBackend();
    const a = be.zeros(3);
    const b = be.zeros(2);
    expect(() => be.overlapMatrix(a, b, [0])).toThrow(/shape/);
    expect(() => be.overlapMatrix(a, a, [0, 0])).toThrow(/twice/);
    expect(() => be.overlapMatrix(a, a, [])).toThrow(/targets/);
    expect(() => be.adjointStep(a, a, [0], new Float64Array(3))).toThrow(/matrix/);
  });
});
