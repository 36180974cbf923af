/** CpuBackend.linearCombination (one pass) against scale + axpy, batches and aliasing included. */
import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { ArgumentError } from "../../../src/errors.js";
import { Rng } from "../../../src/random.js";

describe("CpuBackend.linearCombination", () => {
  it("equals the chain of axpys, with per-batch complex coefficients and dst among the sources", () => {
    const cpu = new CpuBackend({ threads: 1 });
    const rng = new Rng(4);
    for (const [n, batch] of [
      [3, 1],
      [13, 2], // WebAssembly memory, more than one accumulator chunk
    ] as const) {
      const len = 2 * 2 ** n * batch;
      const srcs = [0, 1, 2].map(() =>
        cpu.fromArray(
          n,
          batch,
          Float64Array.from({ length: len }, () => rng.normal()),
        ),
      );
      const coefs = [
        Float64Array.from({ length: 2 * batch }, () => rng.normal()),
        Float64Array.of(0.5, 0), // shared, real
        Float64Array.from({ length: 2 * batch }, () => rng.normal()),
      ];
      // reference: dst = sum_k c_k src_k by scale + axpy on copies
      const ref = cpu.clone(srcs[0]!);
      cpu.scale(ref, coefs[0]!);
      cpu.axpy(ref, coefs[1]!, srcs[1]!);
      cpu.axpy(ref, coefs[2]!, srcs[2]!);
      const norms = cpu.linearCombination(srcs[0]!, coefs, srcs); // dst = sources[0]
      const got = cpu.toArray(srcs[0]!);
      const want = cpu.toArray(ref);
      let worst = 0;
      for (let i = 0; i < len; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
      expect(worst).toBeLessThan(1e-13);
      const wantNorms = cpu.normSquared(ref);
      for (let b = 0; b < batch; b++) expect(norms[b]).toBeCloseTo(wantNorms[b]!, 10);
    }
  });

  it("rejects mismatched coefficient and source lists, shapes and coefficient lengths", () => {
    const cpu = new CpuBackend({ threads: 1 });
    const a = cpu.zeros(2);
    const b = cpu.zeros(3);
    expect(() => cpu.linearCombination(a, [Float64Array.of(1, 0)], [a, a])).toThrow(ArgumentError);
    expect(() => cpu.linearCombination(a, [Float64Array.of(1, 0)], [b])).toThrow(/differ in shape/);
    expect(() => cpu.linearCombination(a, [Float64Array.of(1)], [a])).toThrow(ArgumentError);
  });
});
