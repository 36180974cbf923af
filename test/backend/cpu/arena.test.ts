import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";

describe("WebAssembly memories of state buffers", () => {
  it("reuse the memory of an explicitly freed state of the same size, zeroed", () => {
    const be = new CpuBackend({ threads: 1 });
    const a = be.zeros(12);
    a.data.fill(3);
    const arena = a.wasm!.arena;
    be.free(a);
    const b = be.zeros(12);
    expect(b.wasm!.arena).toBe(arena);
    expect(b.data.every((v, i) => v === (i === 0 ? 1 : 0))).toBe(true);
    // a different size gets a memory of its own
    const c = be.zeros(13);
    expect(c.wasm!.arena).not.toBe(arena);
    be.free(b);
    be.free(c);
  });

  it("keep a pair's memory until both buffers are freed", () => {
    const be = new CpuBackend({ threads: 1 });
    const src = be.zeros(12);
    const [p, l] = be.clonePair(src, new Float64Array(2 << 12).fill(0.5));
    const arena = p.wasm!.arena;
    expect(l.wasm!.arena).toBe(arena);
    expect(l.data[7]).toBe(0.5);
    expect(p.data[0]).toBe(1);
    be.free(p);
    const x = be.zeros(12); // a single-buffer size: not the pair's memory
    expect(x.wasm!.arena).not.toBe(arena);
    be.free(l);
    const [q] = be.clonePair(src, new Float64Array(2 << 12));
    expect(q.wasm!.arena).toBe(arena);
    expect(q.data[0]).toBe(1);
    for (const buf of [x, q, src]) be.free(buf);
  });
});
