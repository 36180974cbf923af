import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import {
  COHORT_BUFFERS,
  checkFits,
  formatBytes,
  MAX_QUBITS,
  memoryLimitFromEnv,
  parseBytes,
} from "../../../src/backend/cpu/buffer.js";
import { CpuBackend, type CpuStateBuffer } from "../../../src/backend/cpu/cpu.js";
import { ArgumentError, ResourceError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";

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

  it("says n, the bytes needed and the limit when it refuses a state", () => {
    const cpu = new CpuBackend();
    expect(() => cpu.zeros(40)).toThrow(
      /^cpu backend: a state of 40 qubits needs 16.00 TiB \(2\^40 amplitudes x 16 bytes\), more than its largest state, 29 qubits \(8.00 GiB; its kernels index with 32-bit integers\)$/,
    );
    expect(() => cpu.zeros(28, 100)).toThrow(
      /^cpu backend: 100 states of 28 qubits need 400.00 GiB \(100 x 2\^28 amplitudes x 16 bytes\), more than the largest Float64Array \(32.00 GiB, 4294967296 floats\)$/,
    );
    // sizes past any unit: a power of two
    expect(() => cpu.zeros(2000)).toThrow(/a state of 2000 qubits needs 2\^2004 bytes/);
    expect(() => checkFits(1, 1, 16)).toThrow(
      /needs 32 bytes .* more than its memory limit of 16 bytes/,
    );
    expect(cpu.stats().allocated).toBe(0);
    expect(formatBytes(1536 * 2 ** 20)).toBe("1.50 GiB");
  });

  it("a Circuit(40) run fails fast with that ResourceError, not a RangeError or an out-of-memory", () => {
    const c = new Circuit(40);
    c.h(0);
    const t0 = performance.now();
    let err: unknown;
    try {
      c.forward();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResourceError);
    expect((err as Error).message).toMatch(/a state of 40 qubits needs 16.00 TiB/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("keeps to its memoryLimit (option or QOAR_MEMORY_LIMIT), refusing before it allocates", () => {
    const cpu = new CpuBackend({ memoryLimit: 2 ** 20 });
    expect(cpu.memoryLimit).toBe(2 ** 20);
    cpu.free(cpu.zeros(16)); // 2^16 x 16 bytes = the limit
    expect(() => cpu.zeros(17)).toThrow(
      /^cpu backend: a state of 17 qubits needs 2.00 MiB \(2\^17 amplitudes x 16 bytes\), more than its memory limit of 1.00 MiB \(CpuBackend's memoryLimit option, QOAR_MEMORY_LIMIT\)$/,
    );
    expect(() => cpu.fromArray(15, 3, new Float64Array(2 * 3 * 2 ** 15))).toThrow(
      /3 states of 15 qubits need 1.50 MiB/,
    );
    // the adjoint's pair is one allocation
    const psi = cpu.zeros(16);
    expect(() => cpu.clonePair(psi, new Float64Array(2 ** 17))).toThrow(/2 states of 16 qubits/);
    expect(cpu.stats().allocated).toBe(2);
    for (const bad of [0, -1, Number.NaN, "1GiB"]) {
      expect(() => new CpuBackend({ memoryLimit: bad as number })).toThrow(
        /options.memoryLimit must be a positive number of bytes/,
      );
    }
    const saved = process.env.QOAR_MEMORY_LIMIT;
    try {
      process.env.QOAR_MEMORY_LIMIT = "512KiB";
      expect(new CpuBackend().memoryLimit).toBe(2 ** 19);
      expect(() => new CpuBackend().zeros(16)).toThrow(/memory limit of 512.*QOAR_MEMORY_LIMIT/);
      process.env.QOAR_MEMORY_LIMIT = "lots";
      expect(() => memoryLimitFromEnv()).toThrow(/QOAR_MEMORY_LIMIT must be a byte count/);
    } finally {
      if (saved === undefined) delete process.env.QOAR_MEMORY_LIMIT;
      else process.env.QOAR_MEMORY_LIMIT = saved;
    }
    expect(memoryLimitFromEnv()).toBe(
      saved === undefined ? Number.POSITIVE_INFINITY : parseBytes(saved, "x"),
    );
  });

  it("reads byte counts with units", () => {
    expect(parseBytes("1073741824", "x")).toBe(2 ** 30);
    expect(parseBytes("8GiB", "x")).toBe(8 * 2 ** 30);
    expect(parseBytes("512 MiB", "x")).toBe(2 ** 29);
    expect(parseBytes("1.5G", "x")).toBe(1.5 * 2 ** 30);
    expect(parseBytes("2tb", "x")).toBe(2 * 2 ** 40);
    expect(parseBytes("1e9", "x")).toBe(1e9);
    for (const bad of ["", "0", "-1", "GiB", "1 PiB", "1.5.2G"]) {
      expect(() => parseBytes(bad, "QOAR_MEMORY_LIMIT"), bad).toThrow(ArgumentError);
    }
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
