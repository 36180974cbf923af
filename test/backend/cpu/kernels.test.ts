import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODULE_PATH, moduleSource, WAT_PATH } from "../../../scripts/build-kernels.js";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { KERNEL_NAMES } from "../../../src/backend/cpu/pool.js";
import { wasmModule } from "../../../src/backend/cpu/wasm.js";

/** The slice of the WebAssembly API used here (the project's lib has no DOM types). */
const WA = (
  globalThis as unknown as {
    WebAssembly: {
      Module: {
        exports(m: object): { name: string }[];
        imports(m: object): { module: string; name: string; kind: string }[];
      };
    };
  }
).WebAssembly;

describe("the WebAssembly kernels are built from kernels.wat", () => {
  it("module.ts is exactly kernels.wat assembled by wabt (plain and shared modules)", async () => {
    const wanted = await moduleSource(readFileSync(WAT_PATH, "utf8"));
    expect(readFileSync(MODULE_PATH, "utf8"), "stale: run npm run build:kernels").toBe(wanted);
  });

  it("the module exports exactly the kernels the thread pool dispatches", () => {
    const exports = WA.Module.exports(wasmModule(false)!).map((e) => e.name);
    expect(exports.sort()).toEqual([...KERNEL_NAMES].sort());
    expect(WA.Module.imports(wasmModule(true)!)).toEqual([
      { module: "env", name: "mem", kind: "memory" },
    ]);
  });

  it("floorPass negates every float of its range and nothing else, on one and two threads", () => {
    for (const threads of [1, 2]) {
      const cpu = new CpuBackend({ threads, wasm: "always" });
      const n = 18; // above the threads' split size (2^17 amplitudes)
      const buf = cpu.zeros(n);
      const k = buf.wasm!;
      const d = buf.data;
      for (let i = 0; i < d.length; i++) d[i] = i + 1;
      k.floorPass(64, d.length * 8 - 64);
      expect([d[0], d[7], d[8], d[d.length - 9], d[d.length - 8]]).toEqual([
        1,
        8,
        -9,
        -(d.length - 8),
        d.length - 7,
      ]);
      let wrong = 0;
      for (let i = 8; i < d.length - 8; i++) if (d[i] !== -(i + 1)) wrong++;
      expect(wrong, `threads=${threads}`).toBe(0);
      cpu.free(buf);
    }
  });
});
