/** The backend registry: the names it knows and what it says about a name it does not know. */
import { describe, expect, it } from "vitest";
import { getBackend, knownBackends, listBackends, setBackend } from "../../src/backend/backend.js";
import { ArgumentError, BackendError } from "../../src/errors.js";

describe("backend registry", () => {
  it("knows every backend qoar has, cpu, mps and webgpu, before webgpu is initialized", () => {
    expect(listBackends()).toEqual(["cpu", "mps"]);
    expect(knownBackends()).toEqual(["cpu", "mps", "webgpu"]);
  });

  it("names cpu, mps and webgpu when asked for an unknown backend", () => {
    expect(() => getBackend("gpu")).toThrow(BackendError);
    expect(() => getBackend("gpu")).toThrow('unknown backend "gpu"; known: cpu, mps, webgpu');
    expect(() => setBackend("gpu")).toThrow(ArgumentError);
    expect(() => setBackend("gpu")).toThrow(/known: cpu, mps, webgpu$/);
    // webgpu exists but starts asynchronously: the message says how
    expect(() => getBackend("webgpu")).toThrow(/initWebGpu/);
  });
});
