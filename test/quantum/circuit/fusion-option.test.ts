import { describe, expect, it } from "vitest";
import type { Backend } from "../../../src/backend/backend.js";
import { getBackend } from "../../../src/backend/backend.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { fuseOperations, leftMultiply } from "../../../src/quantum/circuit/fusion.js";
import type { GateOperation } from "../../../src/quantum/circuit/operation.js";
import { getGate } from "../../../src/quantum/gates/table.js";
import { Rng } from "../../../src/random.js";
import { tensor } from "../../../src/tensor/index.js";

/** The cpu backend, counting calls per method (and the steps inside `adjointSteps` calls). */
function countingBackend(): { be: Backend; counts: Map<string, number> } {
  const cpu = getBackend("cpu");
  const counts = new Map<string, number>();
  const be = new Proxy(cpu, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
        if (key === "adjointSteps") {
          const steps = args[2] as readonly unknown[];
          counts.set("adjointStepsSteps", (counts.get("adjointStepsSteps") ?? 0) + steps.length);
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { be, counts };
}

/** A re-uploading circuit: data angles, shared angles, fixed gates. */
function build(n: number, fusion: number | undefined, be: Backend): Circuit {
  const c = new Circuit(
    n,
    fusion === undefined ? { seed: 3, backend: be } : { seed: 3, backend: be, fusion },
  );
  for (let l = 0; l < 2; l++) {
    c.angleEncoding({ gate: "ry" });
    c.u3("full");
    c.rz("full");
    c.cnot("cycle");
    c.h(0);
  }
  return c;
}

function runCase(n: number, fusion: number | undefined) {
  const { be, counts } = countingBackend();
  const c = build(n, fusion, be);
  const rng = new Rng(5);
  const x = tensor(
    Array.from({ length: 3 }, () => Array.from({ length: 2 * n }, () => rng.uniformIn(-1, 1))),
    { requiresGrad: true },
  );
  const psi = c.forward(undefined, x);
  const amps = psi.toArray();
  expecVal(psi, "Z0 Z1 + 0.4 X0").sum().backward();
  return {
    amps,
    params: c.parameters().flatMap((p) => Array.from(p.grad!.data)),
    data: Array.from(x.grad!.data),
    counts,
  };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("CircuitOptions.fusion", () => {
  it("gives the same states and gradients with fusion off, 1, 2 and the default", () => {
    const saved = process.env.QOAR_FUSION;
    delete process.env.QOAR_FUSION;
    try {
      for (const n of [2, 3]) {
        const off = runCase(n, 0);
        for (const f of [undefined, 1, 2]) {
          const on = runCase(n, f);
          expect(maxDiff(on.amps, off.amps)).toBeLessThan(1e-12);
          expect(maxDiff(on.params, off.params)).toBeLessThan(1e-12);
          expect(maxDiff(on.data, off.data)).toBeLessThan(1e-12);
        }
        // the option reaches the forward run and the gradient: fused runs call fewer kernels
        const on = runCase(n, 2);
        const calls = (r: typeof on) =>
          (r.counts.get("applyDense") ?? 0) + (r.counts.get("applyDiagonal") ?? 0);
        expect(calls(on)).toBeLessThan(calls(off));
        const sweeps = (r: typeof on) =>
          (r.counts.get("overlapMatrix") ?? 0) +
          (r.counts.get("adjointStep") ?? 0) +
          (r.counts.get("adjointStepsSteps") ?? 0);
        expect(sweeps(on)).toBeLessThan(sweeps(off));
        // the gradient is not trivially zero (the comparisons above can fail)
        expect(Math.max(...off.params.map(Math.abs))).toBeGreaterThan(1e-3);
      }
    } finally {
      if (saved === undefined) delete process.env.QOAR_FUSION;
      else process.env.QOAR_FUSION = saved;
    }
  });

  it("rejects a bad fusion option", () => {
    expect(() => new Circuit(2, { fusion: 7 })).toThrow(/fusion/);
    expect(() => new Circuit(2, { fusion: 1.5 })).toThrow(/fusion/);
  });
});

describe("fusion of per-batch and shared angles", () => {
  const ops = (): GateOperation[] => [
    {
      kind: "gate",
      gate: getGate("ry"),
      qubits: [0],
      angles: [{ kind: "data", features: [0], scale: 1 }],
      adjoint: false,
      block: 0,
    },
    {
      kind: "gate",
      gate: getGate("rz"),
      qubits: [0],
      angles: [{ kind: "const", value: 0.3 }],
      adjoint: false,
      block: 1,
    },
    { kind: "gate", gate: getGate("h"), qubits: [0], angles: [], adjoint: false, block: 2 },
  ];

  it("keeps data and trainable angles apart on small registers only", () => {
    // small: RY(data) alone, RZ(theta) and H together
    expect(fuseOperations(ops(), 2, 2).blocks.map((b) => b.ops)).toEqual([[0], [1, 2]]);
    expect(fuseOperations(ops(), 12, 2).blocks.map((b) => b.ops)).toEqual([[0, 1, 2]]);
    expect(fuseOperations(ops(), 2, 2, { ignoreCost: true }).blocks.length).toBe(1);
  });
});

describe("leftMultiply", () => {
  it("matches the backend's dense kernel on the columns, for 1-, 2- and 3-qubit gates", () => {
    const be = getBackend("cpu");
    const rng = new Rng(8);
    const k = 4;
    const d = 1 << k;
    for (const pos of [[0], [3], [2], [0, 3], [3, 1], [2, 0, 3]]) {
      const gd = 1 << pos.length;
      const g = new Float64Array(2 * gd * gd).map(() => rng.normal());
      const m = new Float64Array(2 * d * d).map(() => rng.normal());
      // column j of m as batch element j of a k-qubit state
      const cols = new Float64Array(2 * d * d);
      for (let r = 0; r < d; r++)
        for (let j = 0; j < d; j++) {
          cols[2 * (j * d + r)] = m[2 * (r * d + j)]!;
          cols[2 * (j * d + r) + 1] = m[2 * (r * d + j) + 1]!;
        }
      const buf = be.fromArray(k, d, cols);
      be.applyDense(buf, pos, g);
      const ref = be.toArray(buf);
      be.free(buf);
      leftMultiply(m, k, g, pos, new Float64Array(2 * d));
      let diff = 0;
      for (let r = 0; r < d; r++)
        for (let j = 0; j < d; j++) {
          diff = Math.max(diff, Math.abs(m[2 * (r * d + j)]! - ref[2 * (j * d + r)]!));
          diff = Math.max(diff, Math.abs(m[2 * (r * d + j) + 1]! - ref[2 * (j * d + r) + 1]!));
        }
      expect(diff).toBeLessThan(1e-12);
    }
  });
});
