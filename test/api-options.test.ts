/**
 * Every public function that takes an options object rejects unknown keys (a typo such as
 * `{ depht: 2 }` or `{ learning_rate: 0.1 }` from plain JS) with an ArgumentError that names the
 * function, the key and the valid keys; every valid key is still accepted (undefined values too).
 */
import { describe, expect, it } from "vitest";
import * as q from "../src/index.js";
import { OPTION_CALLS } from "./api-calls.js";

const params = () => [new q.Parameter([0.1, 0.2])];

/** Runs a call, awaiting it when it is asynchronous (the measureAsync methods). */
async function run(call: () => unknown): Promise<void> {
  const r = call();
  if (r instanceof Promise) await r;
}

describe("unknown option keys are refused, naming the valid ones", () => {
  it.each(OPTION_CALLS)("%s", async (where, keys, call, base = {}) => {
    const wrong = run(() => call({ ...base, notAnOption: 1 }));
    await expect(wrong).rejects.toThrow(q.ArgumentError);
    await expect(run(() => call({ ...base, notAnOption: 1 }))).rejects.toThrow(
      `${where}: unknown option 'notAnOption'; valid options: ${keys.join(", ")}`,
    );
  });

  it.each(OPTION_CALLS)(
    "%s: every valid key is still accepted (undefined values)",
    async (_where, keys, call, base = {}) => {
      const all = Object.fromEntries(keys.map((k) => [k, undefined]));
      await expect(run(() => call({ ...all, ...base }))).resolves.toBeUndefined();
    },
  );

  it("typos get a suggestion; a number where the options go says so", () => {
    const c = new q.Circuit(2);
    expect(() => c.realEntangledLayer({ depht: 2 } as never)).toThrow(
      "Circuit.realEntangledLayer: unknown option 'depht' (did you mean 'depth'?); valid options: qubitsIdx, depth, param",
    );
    expect(() => new q.Adam(params(), { learning_rate: 0.1 } as never)).toThrow(
      "Adam: unknown option 'learning_rate'; valid options: lr, betas, eps, weightDecay, amsgrad",
    );
    expect(() => c.rx(0, 0.5 as never)).toThrow(
      "Circuit.rx: the second argument is the options object; for a fixed angle pass { param: 0.5 }",
    );
    expect(() => q.zeros([2], "float64" as never)).toThrow(
      'zeros: options must be an object { dtype, requiresGrad }, got "float64"',
    );
  });

  it("initWebGpu refuses unknown keys before looking for a GPU", async () => {
    await expect(q.initWebGpu({ chunk: 4 } as never)).rejects.toThrow(
      "initWebGpu: unknown option 'chunk'",
    );
  });
});
