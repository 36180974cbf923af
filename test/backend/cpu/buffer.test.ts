import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { COHORT_BUFFERS, MAX_QUBITS } from "../../../src/backend/cpu/buffer.js";
import { CpuBackend, type CpuStateBuffer } from "../../../src/backend/cpu/cpu.js";
import { ArgumentError, ResourceError } from "../../../src/errors.js";

describe("cpu buffers", () => {
  it("is registered as the cpu backend", () => {
    expect(getBackend("cpu")).toBeInstanceOf(CpuBackend);
  });

  it("zeros holds |0...0> for every batch element; fromArray/toArray/clone/copyInto copy", () => {
    const cpu = new CpuBackend();
    const z = cpu.zeros(2, 3);
    expect(Array.from(cpu.toArray(z))).toEqual([
      1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
    ]);
    const src = Float64Array.from({ length: 8 }, (_, i) => i);
    const a = cpu.fromArray(2, 1, src);
    src[0] = 99; // the buffer holds a copy
    expect(cpu.toArray(a)[0]).toBe(0);
    const c = cpu.clone(a);
    (a as CpuStateBuffer).data[1] = -1;
    expect(cpu.toArray(c)[1]).toBe(1);
    cpu.copyInto(c, a);
    expect(cpu.toArray(c)[1]).toBe(-1);
    expect(() => cpu.copyInto(z, a)).toThrow(/differ in shape/);
    expect(() => cpu.fromArray(2, 1, new Float64Array(7))).toThrow(/length 8/);
  });

  it("counts allocations, live buffers, peak and live bytes", () => {
    const cpu = new CpuBackend();
    const a = cpu.zeros(3, 2);
    const b = cpu.clone(a);
    expect(cpu.stats()).toEqual({ allocated: 2, live: 2, peakLive: 2, liveBytes: 2 * 16 * 2 * 8 });
    cpu.free(a);
    const c = cpu.fromArray(1, 1, new Float64Array(4));
    expect(cpu.stats()).toEqual({ allocated: 3, live: 2, peakLive: 2, liveBytes: 256 + 32 });
    cpu.resetStats();
    expect(cpu.stats()).toEqual({ allocated: 0, live: 2, peakLive: 2, liveBytes: 288 });
    cpu.free(b);
    cpu.free(c);
    expect(cpu.stats()).toEqual({ allocated: 0, live: 0, peakLive: 2, liveBytes: 0 });
    expect(() => cpu.free(a)).toThrow(/already freed/);
    expect(() => cpu.normSquared(a)).toThrow(ArgumentError);
  });

  it("counts exactly across cohorts (hundreds of buffers, small and over 1 MiB)", () => {
    const cpu = new CpuBackend({ wasm: "never" });
    const small = Array.from({ length: 3 * COHORT_BUFFERS + 5 }, () => cpu.zeros(2));
    const big = [cpu.zeros(17), cpu.zeros(17)]; // 2 MiB each: a cohort of their own
    expect(cpu.stats()).toEqual({
      allocated: small.length + 2,
      live: small.length + 2,
      peakLive: small.length + 2,
      liveBytes: small.length * 64 + 2 * 2 ** 21,
    });
    for (const b of [...small, ...big]) cpu.free(b);
    expect(cpu.stats().live).toBe(0);
    expect(cpu.stats().liveBytes).toBe(0);
  });

  it("free updates the counters of the backend that allocated the buffer", () => {
    const a = new CpuBackend();
    const b = new CpuBackend();
    const buf = a.zeros(2);
    b.free(buf);
    expect(a.stats().live).toBe(0);
    expect(a.stats().liveBytes).toBe(0);
    expect(b.stats()).toEqual({ allocated: 0, live: 0, peakLive: 0, liveBytes: 0 });
  });

  it("refuses states that cannot fit with a ResourceError, before allocating", () => {
    const cpu = new CpuBackend();
    expect(() => cpu.zeros(MAX_QUBITS + 1)).toThrow(ResourceError);
    expect(() => cpu.zeros(29, 100)).toThrow(ResourceError); // 2^35 floats > typed-array limit
    expect(() => cpu.zeros(28, 32)).toThrow(/need 128.00 GiB/); // the message says how much
    expect(() => cpu.zeros(40)).toThrow(/40 qubits/);
    expect(cpu.stats().allocated).toBe(0);
    expect(() => cpu.zeros(-1)).toThrow(ArgumentError);
    expect(() => cpu.zeros(2, 0)).toThrow(/batch/);
  });

  it("validates qubit indices and names the argument", () => {
    const cpu = new CpuBackend();
    const buf = cpu.zeros(3);
    const x = Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0);
    expect(() => cpu.applyDense(buf, [3], x)).toThrow(
      /targets \[3\] holds 3; expected integers in \[0, 2\]/,
    );
    expect(() => cpu.applyDense(buf, [0.5], x)).toThrow(ArgumentError);
    expect(() => cpu.applyDense(buf, [0], x, [-1])).toThrow(/controls \[-1\]/);
    expect(() => cpu.applyDense(buf, [1], x, [1])).toThrow(/qubit 1 appears twice/);
    expect(() => cpu.applyDense(buf, [1, 1], new Float64Array(32))).toThrow(
      /qubit 1 appears twice in targets/,
    );
    expect(() => cpu.applyDense(buf, [], x)).toThrow(/non-empty/);
    expect(() => cpu.applyDense(buf, [0], new Float64Array(6))).toThrow(/matrix has length 6/);
    expect(() => cpu.probabilities(buf, [0, 0])).toThrow(/appears twice/);
  });
});
