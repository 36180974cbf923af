import { describe, expect, it } from "vitest";
import { getBackend } from "../../src/backend/backend.js";
import { ArgumentError, ParseError, QoarError } from "../../src/errors.js";
import { applyGate } from "../../src/quantum/gates/apply.js";
import { getGate, oracleGate } from "../../src/quantum/gates/table.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { parsePauli } from "../../src/quantum/operators/pauli.js";
import { State } from "../../src/quantum/state/state.js";

/** Runs `f`, expects a QoarError subclass `cls` whose message contains every fragment. */
function expectError(f: () => unknown, cls: typeof QoarError, ...fragments: string[]): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(cls);
  expect(caught).toBeInstanceOf(QoarError);
  for (const frag of fragments) expect((caught as Error).message).toContain(frag);
}

describe("bad input names the argument and the value", () => {
  const be = getBackend("cpu");
  const buf = be.zeros(3);
  it("qubit index out of range or repeated", () => {
    expectError(
      () => applyGate(be, buf, getGate("x"), [5]),
      ArgumentError,
      "qubits",
      "5",
      "3 qubits",
    );
    expectError(
      () => applyGate(be, buf, getGate("swap"), [2, 2]),
      ArgumentError,
      "qubits",
      "repeated",
      "[2, 2]",
    );
    expectError(() => State.zero(2).probabilities([0, 0]), ArgumentError, "qubits", "repeated");
  });
  it("wrong parameter count", () => {
    expectError(
      () => applyGate(be, buf, getGate("cu"), [0, 1], [1, 2]),
      ArgumentError,
      "cu",
      "params",
      "2 values",
      "expected 3",
    );
    expectError(() => getGate("rx").matrix([]), ArgumentError, "rx", "theta", "0 values");
  });
  it("NaN angle", () => {
    expectError(
      () => applyGate(be, buf, getGate("ry"), [0], [Number.NaN]),
      ArgumentError,
      "ry",
      "params[0]",
      "NaN",
    );
    expectError(
      () => getGate("u3").matrix([0, Number.POSITIVE_INFINITY, 0]),
      ArgumentError,
      "theta[1]",
      "Infinity",
    );
  });
  it("non-unitary oracle", () => {
    expectError(
      () =>
        oracleGate([
          [1, 0],
          [0, 2],
        ]),
      ArgumentError,
      "oracle: matrix",
      "not unitary",
    );
  });
  it("malformed Pauli strings and Hamiltonians", () => {
    expectError(() => parsePauli("Z0 W1"), ParseError, '"Z0 W1"', "position 3");
    expectError(() => Hamiltonian.fromString("0.5 Z0 + * X1"), ParseError, "position 9");
    expectError(() => new Hamiltonian([[1, "Z0 Z1 Z0"]]), ParseError, "qubit 0 appears twice");
  });
});
