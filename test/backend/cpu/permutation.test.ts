import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { applyDenseGeneric, applyPermutationGeneric } from "../../../src/backend/cpu/densek.js";
import { transposition } from "../../../src/backend/cpu/permutation.js";
import { Rng } from "../../../src/random.js";
import { expectClose, permToDense, placements, randomComplex, randomPerm } from "./helpers.js";

const cpu = new CpuBackend();
const BATCH = 2;
const X = Int32Array.of(1, 0);
const SWAP = Int32Array.of(0, 2, 1, 3);
const CYCLE3 = Int32Array.of(1, 2, 0, 3, 4, 5, 7, 6);

describe("permutation kernels", () => {
  it("detect single transpositions", () => {
    expect(transposition(X)).toEqual([0, 1]);
    expect(transposition(SWAP)).toEqual([1, 2]);
    expect(transposition(Int32Array.of(0, 1, 2, 3))).toBeNull();
    expect(transposition(CYCLE3)).toBeUndefined();
  });

  it("X, CNOT, Toffoli, SWAP, CSWAP, random perms and phased perms equal dense, every placement for n = 1..6", () => {
    const rng = new Rng(5);
    for (let n = 1; n <= 6; n++) {
      const dim = 1 << n;
      for (const [k, maxC] of [
        [1, 3],
        [2, 2],
        [3, 1],
      ] as const) {
        if (k > n) continue;
        const d = 1 << k;
        for (const { targets, controls } of placements(n, k, maxC)) {
          const perms =
            k === 1 ? [X] : k === 2 ? [SWAP, randomPerm(rng, 4)] : [CYCLE3, randomPerm(rng, 8)];
          for (const perm of perms) {
            for (const phases of [undefined, randomComplex(rng, d)]) {
              const psi = randomComplex(rng, BATCH * dim);
              const expected = psi.slice();
              applyDenseGeneric(
                expected,
                n,
                BATCH,
                targets,
                controls,
                permToDense(perm, phases),
                0,
              );
              const generic = psi.slice();
              applyPermutationGeneric(generic, n, BATCH, targets, controls, perm, phases, 0);
              expectClose(generic, expected, 1e-12, `generic n=${n} t=${targets} c=${controls}`);
              const buf = cpu.fromArray(n, BATCH, psi);
              cpu.applyPermutation(buf, targets, perm, phases, controls);
              expectClose(
                cpu.toArray(buf),
                expected,
                1e-12,
                `n=${n} t=${targets} c=${controls} p=${perm}`,
              );
              cpu.free(buf);
            }
          }
        }
      }
    }
  });

  it("uses one phase vector per batch element when given batch of them", () => {
    const rng = new Rng(12);
    const n = 4;
    const dim = 16;
    for (const [targets, controls, perm] of [
      [[1], [], X],
      [[0, 3], [2], SWAP],
      [[3, 1, 0], [], CYCLE3],
    ] as [number[], number[], Int32Array][]) {
      const d = perm.length;
      const phases = randomComplex(rng, BATCH * d);
      const psi = randomComplex(rng, BATCH * dim);
      const buf = cpu.fromArray(n, BATCH, psi);
      cpu.applyPermutation(buf, targets, perm, phases, controls);
      const got = cpu.toArray(buf);
      cpu.free(buf);
      for (let b = 0; b < BATCH; b++) {
        const x = psi.slice(2 * dim * b, 2 * dim * (b + 1));
        const ph = phases.subarray(2 * d * b, 2 * d * (b + 1));
        applyDenseGeneric(x, n, 1, targets, controls, permToDense(perm, ph), 0);
        expectClose(got.slice(2 * dim * b, 2 * dim * (b + 1)), x, 1e-12, `t=${targets} batch ${b}`);
      }
    }
  });

  it("rejects a perm that is not a permutation", () => {
    const buf = cpu.zeros(2);
    expect(() => cpu.applyPermutation(buf, [0], Int32Array.of(0, 0))).toThrow(/not a permutation/);
    expect(() => cpu.applyPermutation(buf, [0], Int32Array.of(0, 1, 2, 3))).toThrow(/length 2/);
    cpu.free(buf);
  });
});
