import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { Rng } from "../../../src/random.js";
import { expectClose, placements, randomComplex } from "./helpers.js";

const simd = new CpuBackend({ wasm: "always", threads: 1 });
const js = new CpuBackend({ wasm: "never" });

/** Applies `matrix` on `targets` to the same state in both backends and compares. */
function compare(
  be: CpuBackend,
  n: number,
  batch: number,
  targets: number[],
  matrix: Float64Array,
  psi: Float64Array,
  what: string,
): void {
  const a = be.fromArray(n, batch, psi);
  const b = js.fromArray(n, batch, psi);
  expect(a.wasm, "state in wasm memory").toBeDefined();
  be.applyDense(a, targets, matrix);
  js.applyDense(b, targets, matrix);
  expectClose(be.toArray(a), js.toArray(b), 1e-12, what);
  be.free(a);
  js.free(b);
}

describe("the SIMD dense k-qubit kernel (densek) equals the generic JavaScript kernel", () => {
  it("k = 3, 4, 5: every ordered placement for k = 3 at n = 5, samples for k = 4, 5 at n = 7, shared and per-batch matrices", () => {
    const rng = new Rng(5);
    for (const [k, n, step] of [
      [3, 5, 1],
      [4, 7, 37],
      [5, 7, 101],
    ] as const) {
      const d = 1 << k;
      const all = placements(n, k, 0);
      for (let p = 0; p < all.length; p += step) {
        const { targets } = all[p]!;
        const psi = randomComplex(rng, 2 << n);
        compare(simd, n, 2, targets, randomComplex(rng, d * d), psi, `k=${k} t=${targets}`);
        const perBatch = randomComplex(rng, 2 * d * d);
        compare(simd, n, 2, targets, perBatch, psi, `per-batch k=${k} t=${targets}`);
      }
    }
  });

  it("splits across two threads on an 18-qubit state (k = 3 and 4, high and low targets)", () => {
    const two = new CpuBackend({ wasm: "always", threads: 2 });
    const rng = new Rng(8);
    const n = 18;
    for (const targets of [
      [0, 5, 17],
      [17, 16, 1, 9],
    ]) {
      const d = 1 << targets.length;
      compare(
        two,
        n,
        1,
        targets,
        randomComplex(rng, d * d),
        randomComplex(rng, 1 << n),
        `t=${targets}`,
      );
    }
  });
});
