/**
 * Job kind "circuit.run": simulate a circuit (qoar's circuit JSON or OpenQASM 2 text) from
 * |0...0> and return expectation values of Pauli sums, the probabilities, or seeded shot
 * counts: the unit of shot batches and of statistics over many random circuits.
 */
import { ArgumentError } from "../../errors.js";
import { circuitFromQasm } from "../../io/circuit-qasm.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import type { CircuitJSON } from "../../quantum/circuit/circuit-json.js";
import { Hamiltonian } from "../../quantum/operators/hamiltonian.js";
import type { Counts } from "../../quantum/state/measure.js";
import { State } from "../../quantum/state/state.js";
import type { JobKind } from "../job-kind.js";
import { integer, onlyKeys, record, text } from "./validate.js";

/** Input of a "circuit.run" job. */
export interface CircuitRunInput {
  /** The circuit: `circuit.toJSON()` data or OpenQASM 2 source text. */
  circuit: CircuitJSON | string;
  /** Pauli sums to measure exactly, e.g. "0.5 Z0 Z1 - 0.3 X2". */
  observables?: string[];
  /** Sample this many shots (with `seed`) instead of returning probabilities. */
  shots?: number;
  /** Seed of the shots (default 1). */
  seed?: number;
  /** Return the 2^n probabilities (default true when no shots are asked for). */
  probabilities?: boolean;
}

/** Output of a "circuit.run" job. */
export interface CircuitRunOutput {
  nQubits: number;
  /** One exact expectation value per observable. */
  expectations: number[];
  /** Probabilities of the basis states (qubit 0 = most significant bit). */
  probabilities?: number[];
  /** Seeded shot counts by bitstring. */
  counts?: Counts;
}

/**
 * The circuit of a job input, from circuit JSON or QASM text.
 * @example
 * circuitOfInput("OPENQASM 2.0; qreg q[1]; h q[0];", "input.circuit").nQubits; // 1
 */
export function circuitOfInput(value: unknown, what: string): Circuit {
  if (typeof value === "string") return circuitFromQasm(value).circuit;
  if (value !== null && typeof value === "object") return Circuit.fromJSON(value);
  throw new ArgumentError(
    `${what} must be circuit JSON (circuit.toJSON()) or OpenQASM 2 text, got ${JSON.stringify(value)}`,
  );
}

/**
 * The final state of a circuit that must be pure (a noisy circuit would give a density matrix).
 * @example
 * pureState(circuit, "input.circuit").probabilities();
 */
export function pureState(circuit: Circuit, what: string): State {
  const out = circuit.forward();
  if (!(out instanceof State)) {
    throw new ArgumentError(`${what} has noise channels; this job kind runs pure-state circuits`);
  }
  return out;
}

/** The "circuit.run" kind. */
export const circuitRunKind: JobKind<CircuitRunInput, CircuitRunOutput> = {
  name: "circuit.run",
  version: 1,
  description: "simulate a circuit: expectation values, probabilities or seeded shot counts",
  validate(input) {
    const i = record(input, "input");
    onlyKeys(i, ["circuit", "observables", "shots", "seed", "probabilities"], "input");
    if (i.circuit === undefined) throw new ArgumentError("input.circuit is missing");
    const out: CircuitRunInput = { circuit: i.circuit as CircuitJSON | string };
    if (i.observables !== undefined) {
      if (!Array.isArray(i.observables)) {
        throw new ArgumentError(
          `input.observables must be an array of Pauli-sum strings, got ${JSON.stringify(i.observables)}`,
        );
      }
      out.observables = i.observables.map((o, k) => text(o, `input.observables[${k}]`));
    }
    if (i.shots !== undefined) out.shots = integer(i.shots, "input.shots", 1);
    if (i.seed !== undefined) out.seed = integer(i.seed, "input.seed");
    if (i.probabilities !== undefined) out.probabilities = i.probabilities === true;
    return out;
  },
  run(input) {
    const circuit = circuitOfInput(input.circuit, "input.circuit");
    const state = pureState(circuit, "input.circuit");
    const expectations = (input.observables ?? []).map((o) =>
      state.expecVal(Hamiltonian.fromString(o)),
    );
    const out: CircuitRunOutput = { nQubits: state.nQubits, expectations };
    if (input.shots !== undefined) {
      out.counts = state.measure(input.shots, { seed: input.seed ?? 1 }) as Counts;
    }
    if (input.probabilities ?? input.shots === undefined) {
      out.probabilities = Array.from(state.probabilities());
    }
    state.free();
    return out;
  },
};
