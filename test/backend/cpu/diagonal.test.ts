import { describe, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { applyDenseGeneric, applyDiagonalGeneric } from "../../../src/backend/cpu/densek.js";
import { Rng } from "../../../src/random.js";
import { diagToDense, expectClose, placements, randomComplex } from "./helpers.js";

const cpu = new CpuBackend();
const BATCH = 2;

describe("diagonal kernels", () => {
  it("equal the dense kernel of the diagonal matrix, every placement for n = 1..6", () => {
    const rng = new Rng(3);
    for (let n = 1; n <= 6; n++) {
      const dim = 1 << n;
      for (const [k, maxC] of [
        [1, 2],
        [2, 1],
        [3, 0],
      ] as const) {
        if (k > n) continue;
        const d = 1 << k;
        for (const { targets, controls } of placements(n, k, maxC)) {
          const diag = randomComplex(rng, d);
          // entry 0 exactly 1 (skipped), entry 1 with real part 1 and a phase (not skipped),
          // entry 2 real (the real-scale path)
          diag[0] = 1;
          diag[1] = 0;
          diag[2] = 1;
          if (d > 2) diag[5] = 0;
          const psi = randomComplex(rng, BATCH * dim);
          const expected = psi.slice();
          applyDenseGeneric(expected, n, BATCH, targets, controls, diagToDense(diag), 0);
          const generic = psi.slice();
          applyDiagonalGeneric(generic, n, BATCH, targets, controls, diag, 0);
          expectClose(generic, expected, 1e-12, `generic n=${n} t=${targets} c=${controls}`);
          const buf = cpu.fromArray(n, BATCH, psi);
          cpu.applyDiagonal(buf, targets, diag, controls);
          expectClose(cpu.toArray(buf), expected, 1e-12, `n=${n} t=${targets} c=${controls}`);
          cpu.free(buf);
        }
      }
    }
  });

  it("uses one diagonal per batch element when given batch of them (any k, with controls)", () => {
    const rng = new Rng(4);
    const n = 4;
    const dim = 16;
    for (const [targets, controls] of [
      [[0], []],
      [[3], []],
      [[2], [0]],
      [[1, 3], []],
      [[3, 0], [2]],
    ] as [number[], number[]][]) {
      const d = 1 << targets.length;
      const diags = randomComplex(rng, BATCH * d);
      const psi = randomComplex(rng, BATCH * dim);
      const buf = cpu.fromArray(n, BATCH, psi);
      cpu.applyDiagonal(buf, targets, diags, controls);
      const got = cpu.toArray(buf);
      cpu.free(buf);
      for (let b = 0; b < BATCH; b++) {
        const x = psi.slice(2 * dim * b, 2 * dim * (b + 1));
        const dg = diags.subarray(2 * d * b, 2 * d * (b + 1));
        applyDenseGeneric(x, n, 1, targets, controls, diagToDense(dg), 0);
        expectClose(
          got.slice(2 * dim * b, 2 * dim * (b + 1)),
          x,
          1e-12,
          `t=${targets} c=${controls} batch ${b}`,
        );
      }
    }
  });
});
