import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { applyDenseGeneric } from "../../../src/backend/cpu/densek.js";
import { classifyMatrix } from "../../../src/backend/cpu/structure.js";
import { Rng } from "../../../src/random.js";
import {
  diagToDense,
  expectClose,
  permToDense,
  placements,
  randomComplex,
  randomPerm,
} from "./helpers.js";

const cpu = new CpuBackend();
const BATCH = 2;

describe("structure detection in applyDense", () => {
  it("classifies diagonal, permutation and dense matrices", () => {
    expect(classifyMatrix(diagToDense(Float64Array.of(1, 0, 0, 1)), 2).kind).toBe("diagonal");
    const p = classifyMatrix(permToDense(Int32Array.of(0, 1, 3, 2)), 4);
    expect(p.kind).toBe("permutation");
    if (p.kind === "permutation") expect(Array.from(p.perm)).toEqual([0, 1, 3, 2]);
    // a phase makes a permutation dense; two ones in one row are no permutation
    expect(
      classifyMatrix(permToDense(Int32Array.of(1, 0), Float64Array.of(1, 0, 0, 1)), 2).kind,
    ).toBe("dense");
    expect(classifyMatrix(Float64Array.of(1, 0, 1, 0, 0, 0, 0, 0), 2).kind).toBe("dense");
  });

  it("structured matrices through applyDense equal the generic dense kernel, every placement for n = 1..5", () => {
    const rng = new Rng(21);
    for (let n = 1; n <= 5; n++) {
      const dim = 1 << n;
      for (const [k, maxC] of [
        [1, 2],
        [2, 1],
        [3, 0],
      ] as const) {
        if (k > n) continue;
        const d = 1 << k;
        for (const { targets, controls } of placements(n, k, maxC)) {
          for (const u of [diagToDense(randomComplex(rng, d)), permToDense(randomPerm(rng, d))]) {
            const psi = randomComplex(rng, BATCH * dim);
            const expected = psi.slice();
            applyDenseGeneric(expected, n, BATCH, targets, controls, u, 0);
            const buf = cpu.fromArray(n, BATCH, psi);
            cpu.applyDense(buf, targets, u, controls);
            expectClose(cpu.toArray(buf), expected, 1e-12, `n=${n} t=${targets} c=${controls}`);
            cpu.free(buf);
          }
        }
      }
    }
  });
});
