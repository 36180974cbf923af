/**
 * A test double of an asynchronous backend: cpu kernels behind the surface webgpu offers (sync
 * readers throw a BackendError, `...Async` readers, deferred inner products, no sync
 * overlapMatrix; with `overlap: true` a deferred overlapMatrixDeferred like webgpu's), so the
 * two-phase code paths run in plain Node.
 */
import type { Backend, PauliString, StateBuffer } from "../../src/backend/backend.js";
import { CpuBackend } from "../../src/backend/cpu/cpu.js";
import { BackendError } from "../../src/errors.js";

/** cpu kernels behind the shape of an asynchronous backend (what webgpu offers). */
export function fakeAsyncBackend(options: { overlap?: boolean } = {}): Backend {
  const cpu = new CpuBackend();
  let deferred: number[] = [];
  const syncReads = new Set([
    "toArray",
    "probabilities",
    "expectationPauliSum",
    "innerProduct",
    "normSquared",
  ]);
  const hidden = new Set(["overlapMatrix", "adjointStep", "clonePair"]);
  const extra: Record<string, unknown> = {
    ...(options.overlap
      ? {
          maxOverlapQubits: 3,
          overlapMatrixDeferred: (a: StateBuffer, b: StateBuffer, qubits: number[]) => {
            const at = deferred.length;
            deferred.push(...cpu.overlapMatrix(a, b, qubits));
            return at;
          },
        }
      : {}),
    toArrayAsync: async (b: StateBuffer) => cpu.toArray(b),
    probabilitiesAsync: async (b: StateBuffer, q?: number[]) => cpu.probabilities(b, q),
    expectationPauliSumAsync: async (b: StateBuffer, t: never) => cpu.expectationPauliSum(b, t),
    normSquaredAsync: async (b: StateBuffer) => cpu.normSquared(b),
    innerProductAsync: async (a: StateBuffer, b: StateBuffer) => cpu.innerProduct(a, b),
    innerProductDeferred: (a: StateBuffer, b: StateBuffer) => {
      const at = deferred.length;
      deferred.push(...cpu.innerProduct(a, b));
      return at;
    },
    pauliInnerDeferred: (a: StateBuffer, pauli: PauliString, b: StateBuffer) => {
      const tmp = cpu.clone(b);
      cpu.applyPauliString(tmp, pauli);
      const at = deferred.length;
      deferred.push(...cpu.innerProduct(a, tmp));
      cpu.free(tmp);
      return at;
    },
    resolveDeferred: async () => {
      const out = Float64Array.from(deferred);
      deferred = [];
      return out;
    },
  };
  return new Proxy(cpu, {
    get(target, prop) {
      if (typeof prop === "string") {
        if (prop in extra) return extra[prop];
        if (hidden.has(prop)) return undefined;
        if (syncReads.has(prop))
          return () => {
            throw new BackendError(`fake-async: ${prop} is async only`);
          };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  }) as Backend;
}
