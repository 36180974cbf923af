import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { State } from "../../../src/quantum/state/state.js";
import { fakeAsyncBackend } from "../fake-async.js";

describe("printing states (toString and console.log)", () => {
  it("a State shows qubits, batch, backend and its leading amplitudes", () => {
    const bell = State.bell();
    expect(String(bell)).toBe(
      "State(nQubits=2, batch=1, backend=cpu) [0.7071+0i, 0, 0, 0.7071+0i]",
    );
    expect(inspect(bell)).toBe(String(bell)); // not the backend buffer's fields
    expect(inspect({ psi: bell })).toContain(`psi: ${String(bell)}`); // inside other objects too
    expect(String(State.zero(1, { batch: 3 }))).toBe(
      "State(nQubits=1, batch=3, backend=cpu) [[1+0i, 0], [1+0i, 0], [1+0i, 0]]",
    );
  });

  it("shows at most 8 values, then ...", () => {
    const s = State.fromAmplitudes(new Array<number>(16).fill(0.25));
    expect(String(s)).toBe(
      "State(nQubits=4, batch=1, backend=cpu) [0.25+0i, 0.25+0i, 0.25+0i, 0.25+0i, 0.25+0i, 0.25+0i, 0.25+0i, 0.25+0i, ...]",
    );
  });

  it("names the autograd role of a circuit's output", () => {
    const c = new Circuit(1, { seed: 2 });
    c.ry(0);
    expect(String(c.forward())).toMatch(/^State\(nQubits=1, batch=1, backend=cpu, gradFn=\w+\) \[/);
  });

  it("a DensityMatrix shows rho row by row", () => {
    expect(String(DensityMatrix.zero(1))).toBe(
      "DensityMatrix(nQubits=1, batch=1, backend=cpu) [[1+0i, 0], [0, 0]]",
    );
    const rho = DensityMatrix.fromState(State.bell());
    expect(inspect(rho)).toBe(
      "DensityMatrix(nQubits=2, batch=1, backend=cpu) [[0.5+0i, 0, 0, 0.5+0i], [0, 0, 0, 0], ...]",
    );
  });

  it("never throws: no values on an asynchronous backend, nor from a freed buffer", () => {
    const backend = fakeAsyncBackend();
    const s = State.zero(2, { backend });
    expect(() => backend.toArray(s.buffer)).toThrow(); // its synchronous read throws
    expect(String(s)).toBe(
      "State(nQubits=2, batch=1, backend=cpu) [values on the device: read them with toArrayAsync()]",
    );
    expect(inspect(DensityMatrix.zero(1, { backend }))).toMatch(/\[values on the device/);
    const freed = State.bell();
    freed.free();
    expect(String(freed)).toMatch(/^State\(nQubits=2, batch=1, backend=cpu\) \[not readable: /);
  });

  it("does not copy a large state just to print it", () => {
    const big = State.zero(21);
    expect(String(big)).toBe(
      "State(nQubits=21, batch=1, backend=cpu) [2097152 values, not read for printing]",
    );
    big.free();
  });
});
