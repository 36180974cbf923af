import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { applyDenseGeneric } from "../../../src/backend/cpu/densek.js";
import { Rng } from "../../../src/random.js";
import { expectClose, fullMatrix, matVec, placements, randomComplex } from "./helpers.js";

const cpu = new CpuBackend();
const BATCH = 2;

describe("generic dense k-qubit kernel", () => {
  it("equals the naive full 2^n x 2^n matrix for every placement (n <= 4, k <= 3, controls <= 2)", () => {
    const rng = new Rng(1);
    for (let n = 1; n <= 4; n++) {
      for (let k = 1; k <= Math.min(3, n); k++) {
        for (const { targets, controls } of placements(n, k, 2)) {
          const d = 1 << k;
          const dim = 1 << n;
          const psi = randomComplex(rng, BATCH * dim);
          const u = randomComplex(rng, d * d);
          const expected = matVec(fullMatrix(n, targets, controls, u), psi, dim, BATCH);
          const got = psi.slice();
          applyDenseGeneric(got, n, BATCH, targets, controls, u, 0);
          expectClose(got, expected, 1e-12, `n=${n} t=${targets} c=${controls}`);
        }
      }
    }
  });

  it("uses one matrix per batch element when given batch matrices", () => {
    const rng = new Rng(2);
    const n = 3;
    const dim = 8;
    const targets = [2, 0];
    const us = randomComplex(rng, BATCH * 16);
    const psi = randomComplex(rng, BATCH * dim);
    const got = psi.slice();
    applyDenseGeneric(got, n, BATCH, targets, [], us, 32);
    for (let b = 0; b < BATCH; b++) {
      const u = us.subarray(32 * b, 32 * (b + 1));
      const x = psi.slice(2 * dim * b, 2 * dim * (b + 1));
      const y = matVec(fullMatrix(n, targets, [], u), x, dim, 1);
      expectClose(got.slice(2 * dim * b, 2 * dim * (b + 1)), y, 1e-12, `batch ${b}`);
    }
  });
});

describe("specialized dense kernels equal the generic one", () => {
  for (const [k, maxC] of [
    [1, 3],
    [2, 2],
    [3, 1],
  ] as const) {
    it(`k = ${k} with up to ${maxC} controls, every placement for n = 1..6, shared and per-batch matrices`, () => {
      const rng = new Rng(10 + k);
      let cases = 0;
      for (let n = k; n <= 6; n++) {
        const dim = 1 << n;
        const d = 1 << k;
        for (const { targets, controls } of placements(n, k, maxC)) {
          for (const perBatch of [false, true]) {
            const u = randomComplex(rng, (perBatch ? BATCH : 1) * d * d);
            const psi = randomComplex(rng, BATCH * dim);
            const expected = psi.slice();
            applyDenseGeneric(expected, n, BATCH, targets, controls, u, perBatch ? 2 * d * d : 0);
            const buf = cpu.fromArray(n, BATCH, psi);
            cpu.applyDense(buf, targets, u, controls);
            expectClose(cpu.toArray(buf), expected, 1e-12, `n=${n} t=${targets} c=${controls}`);
            cpu.free(buf);
            cases++;
          }
        }
      }
      expect(cases).toBeGreaterThan(50);
    });
  }
});
