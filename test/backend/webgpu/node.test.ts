/**
 * WebGPU pieces that run in Node without a GPU: the state layout, registry messages, device
 * errors (with fake GPU objects), the generated WGSL's cache keys, and the adjoint sweep of
 * pauli-circuit.ts on the cpu backend against finite differences.
 */
import { describe, expect, it } from "vitest";
import { getBackend, setBackend } from "../../../src/backend/backend.js";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { acquireDevice } from "../../../src/backend/webgpu/device.js";
import type { GpuDevice } from "../../../src/backend/webgpu/gpu-types.js";
import { chunkIndex, makeLayout } from "../../../src/backend/webgpu/layout.js";
import { type CircuitStep, energyAndGradient } from "../../../src/backend/webgpu/pauli-circuit.js";
import { kernelKey, makeKernel } from "../../../src/backend/webgpu/shaders.js";
import { GPU_MAX_QUBITS, WebGpuBackend } from "../../../src/backend/webgpu/webgpu.js";
import { ArgumentError, BackendError, ResourceError } from "../../../src/errors.js";
import { Rng } from "../../../src/random.js";

describe("layout", () => {
  it("keeps whole states per chunk up to the limit, batch elements spread over chunks", () => {
    const l = makeLayout(3, 5, 4);
    expect(l.localQubits).toBe(3);
    expect(l.chunks.map((c) => [c.batch0, c.count])).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
  });

  it("splits a state by its highest qubits beyond the limit", () => {
    const l = makeLayout(6, 2, 4);
    expect(l.slices).toBe(4);
    expect(l.chunks).toHaveLength(8);
    const c = l.chunks[chunkIndex(l, 1, 3)]!;
    expect([c.batch0, c.high, c.highBase]).toEqual([1, 3, 3 * 16]);
  });
});

describe("registry and device errors", () => {
  it("says how to create the webgpu backend before initWebGpu", () => {
    expect(() => setBackend("webgpu")).toThrow(BackendError);
    expect(() => setBackend("webgpu")).toThrow(/initWebGpu/);
    expect(() => getBackend("webgpu")).toThrow(/initWebGpu/);
  });

  it("reports a missing adapter as a BackendError", async () => {
    const gpu = { requestAdapter: async () => null };
    await expect(acquireDevice({ gpu })).rejects.toThrow(/found no GPU adapter/);
  });

  it("reports a failing requestAdapter as a BackendError", async () => {
    const gpu = {
      requestAdapter: async () => {
        throw new Error("boom");
      },
    };
    await expect(acquireDevice({ gpu })).rejects.toBeInstanceOf(BackendError);
  });
});

describe("state size checks (a fake device: nothing runs on it)", () => {
  /** A device with the given buffer limits that counts the buffers asked of it. */
  function fakeDevice(): { device: GpuDevice; buffers: number[] } {
    const buffers: number[] = [];
    const device = {
      limits: { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 },
      createBuffer: (d: { size: number }) => {
        buffers.push(d.size);
        return { size: d.size, destroy() {} };
      },
    } as unknown as GpuDevice;
    return { device, buffers };
  }
  const info = {
    source: "given",
    vendor: "",
    architecture: "",
    description: "fake",
    isFallbackAdapter: true,
  } as const;

  it("refuses a state over 31 qubits with n, the bytes needed and the limit, before allocating", () => {
    const { device, buffers } = fakeDevice();
    const gpu = new WebGpuBackend(device, info);
    const before = buffers.length; // the parameter arena
    expect(() => gpu.zeros(40)).toThrow(ResourceError);
    expect(() => gpu.zeros(40)).toThrow(
      /webgpu backend: a state of 40 qubits needs 8.00 TiB \(2\^40 amplitudes x 8 bytes\), more than its largest state, 31 qubits \(16.00 GiB/,
    );
    expect(GPU_MAX_QUBITS).toBe(31);
    expect(buffers.length).toBe(before);
    expect(() => gpu.zeros(-1)).toThrow(ArgumentError);
  });

  it("refuses what its memoryLimit option does not allow, also in fromArray", () => {
    const { device, buffers } = fakeDevice();
    const gpu = new WebGpuBackend(device, info, { memoryLimit: 2 ** 20 });
    const before = buffers.length;
    expect(() => gpu.zeros(18)).toThrow(
      /a state of 18 qubits needs 2.00 MiB \(2\^18 amplitudes x 8 bytes\), more than its memory limit of 1.00 MiB/,
    );
    expect(() => gpu.fromArray(10, 300, new Float64Array(2 * 300 * 1024))).toThrow(
      /300 states of 10 qubits need 2.34 MiB \(300 x 2\^10 amplitudes x 8 bytes\)/,
    );
    expect(buffers.length).toBe(before);
    expect(() => new WebGpuBackend(device, info, { memoryLimit: 0 })).toThrow(
      /options.memoryLimit must be a positive number of bytes, got 0/,
    );
  });
});

describe("shaders", () => {
  it("generates one program per kernel kind and size, keyed", () => {
    expect(kernelKey({ kind: "dense", k: 2 })).toBe("dense:2");
    const d1 = makeKernel({ kind: "dense", k: 1 });
    const d3 = makeKernel({ kind: "dense", k: 3 });
    expect(d1.code).not.toBe(d3.code);
    expect(d3.code).toContain("array<vec2<f32>, 8>");
    expect(makeKernel({ kind: "pauli", op: "apply", mode: "twin" }).bindings).toEqual(["rw", "rw"]);
    expect(makeKernel({ kind: "reduce", body: "expect", twin: true }).bindings).toEqual([
      "tm",
      "r",
      "r",
      "out",
    ]);
  });
});

describe("energyAndGradient (the deferred-read adjoint sweep)", () => {
  it("matches central finite differences on the cpu backend", async () => {
    const cpu = new CpuBackend();
    const rng = new Rng(3);
    const n = 4;
    const steps: CircuitStep[] = [];
    let p = 0;
    for (let layer = 0; layer < 3; layer++) {
      for (let q = 0; q < n; q++) {
        steps.push({ kind: "rotation", pauli: { qubits: [q], letters: ["Y"] }, param: p++ });
        steps.push({ kind: "rotation", pauli: { qubits: [q], letters: ["Z"] }, param: p++ });
      }
      for (let q = 0; q + 1 < n; q++) {
        steps.push({
          kind: "permutation",
          targets: [q + 1],
          perm: Int32Array.of(1, 0),
          controls: [q],
        });
      }
      steps.push({ kind: "rotation", pauli: { qubits: [0, 2], letters: ["X", "Y"] }, param: p++ });
    }
    const params = new Float64Array(p).map(() => rng.uniform() * 6);
    const terms = [
      { qubits: [0, 1], letters: ["Z", "Z"] as ("Z" | "X" | "Y")[], coefficient: 0.7 },
      { qubits: [2], letters: ["X"] as ("Z" | "X" | "Y")[], coefficient: -0.4 },
      { qubits: [1, 3], letters: ["Y", "Y"] as ("Z" | "X" | "Y")[], coefficient: 0.25 },
    ];
    const { energy, gradient } = await energyAndGradient(cpu, n, steps, params, terms);
    const h = 1e-6;
    for (let i = 0; i < p; i++) {
      const plus = params.slice();
      plus[i] += h;
      const minus = params.slice();
      minus[i] -= h;
      const ep = (await energyAndGradient(cpu, n, steps, plus, terms)).energy;
      const em = (await energyAndGradient(cpu, n, steps, minus, terms)).energy;
      expect(gradient[i]).toBeCloseTo((ep - em) / (2 * h), 6);
    }
    expect(Math.abs(energy)).toBeLessThanOrEqual(0.7 + 0.4 + 0.25);
  });
});
