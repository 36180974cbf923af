/**
 * Job kind "circuit.train": a tutorial-style training run, Adam on the expectation value of a
 * Hamiltonian over a parameterized circuit (adjoint gradients), from the circuit's angles or
 * from seeded uniform ones: the unit of seed and hyperparameter sweeps.
 */
import { ArgumentError } from "../../errors.js";
import { expecVal } from "../../qml/expecval.js";
import type { CircuitJSON } from "../../quantum/circuit/circuit-json.js";
import { Hamiltonian } from "../../quantum/operators/hamiltonian.js";
import { Rng } from "../../random.js";
import { Adam } from "../../tensor/optim/adaptive.js";
import type { JobKind } from "../job-kind.js";
import { circuitOfInput } from "./circuit-run.js";
import { finite, integer, onlyKeys, record, text } from "./validate.js";

/** Input of a "circuit.train" job. */
export interface CircuitTrainInput {
  /** The parameterized circuit (`circuit.toJSON()`; its angles are the start unless `seed`). */
  circuit: CircuitJSON;
  /** The loss: <H> for this Pauli sum, e.g. "Z0 Z1 + 0.5 X0". */
  hamiltonian: string;
  /** Adam steps. */
  steps: number;
  /** Learning rate (default 0.1). */
  lr?: number;
  /** When given, start from angles drawn uniformly in [0, 2 pi) with this seed. */
  seed?: number;
}

/** Output of a "circuit.train" job. */
export interface CircuitTrainOutput {
  /** <H> before each step, then after the last one (steps + 1 values). */
  losses: number[];
  /** The last loss. */
  energy: number;
  /** The trained angles, flattened in `circuit.parameters()` order. */
  parameters: number[];
}

/** The "circuit.train" kind. */
export const circuitTrainKind: JobKind<CircuitTrainInput, CircuitTrainOutput> = {
  name: "circuit.train",
  version: 1,
  description: "train a circuit: Adam on <H> with adjoint gradients, optionally from seeded angles",
  validate(input) {
    const i = record(input, "input");
    onlyKeys(i, ["circuit", "hamiltonian", "steps", "lr", "seed"], "input");
    if (i.circuit === null || typeof i.circuit !== "object") {
      throw new ArgumentError(
        `input.circuit must be circuit JSON (circuit.toJSON()), got ${JSON.stringify(i.circuit)}`,
      );
    }
    return {
      circuit: i.circuit as CircuitJSON,
      hamiltonian: text(i.hamiltonian, "input.hamiltonian"),
      steps: integer(i.steps, "input.steps"),
      ...(i.lr === undefined ? {} : { lr: finite(i.lr, "input.lr") }),
      ...(i.seed === undefined ? {} : { seed: integer(i.seed, "input.seed") }),
    };
  },
  run(input) {
    const circuit = circuitOfInput(input.circuit, "input.circuit");
    const h = Hamiltonian.fromString(input.hamiltonian);
    const params = circuit.parameters();
    if (input.seed !== undefined) {
      const rng = new Rng(input.seed);
      for (const p of params)
        for (let k = 0; k < p.data.length; k++) p.data[k] = 2 * Math.PI * rng.uniform();
    }
    const opt = new Adam(params, { lr: input.lr ?? 0.1 });
    const losses: number[] = [];
    for (let s = 0; s < input.steps; s++) {
      opt.zeroGrad();
      const loss = expecVal(circuit.forward(), h);
      losses.push(loss.item());
      loss.backward();
      opt.step();
    }
    losses.push(expecVal(circuit.forward(), h).item());
    return {
      losses,
      energy: losses[losses.length - 1]!,
      parameters: params.flatMap((p) => Array.from(p.data)),
    };
  },
};
