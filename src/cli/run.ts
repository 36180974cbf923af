/**
 * `qoar run <file>`: simulate a circuit from an OpenQASM 2 file (or qoar's circuit JSON) and print
 * counts, probabilities, amplitudes, expectation values or the drawing. This file holds the
 * command's flags and help; the simulation lives in run-action.ts, loaded when the command runs.
 */
import type { Command } from "commander";

/** How many outcomes (and amplitudes) `qoar run` lists without --top. */
export const DEFAULT_TOP = 32;

/** The flags of `qoar run`, as commander parses them. */
export interface RunOptions {
  shots?: string;
  seed?: string;
  backend?: string;
  state?: boolean;
  expect?: string[];
  draw?: boolean;
  json?: boolean;
  top?: string;
  noise?: string;
}

/**
 * Registers `qoar run`.
 * @example
 * const program = new Command();
 * registerRun(program); // qoar run circuits/bell.qasm --shots 1000
 */
export function registerRun(program: Command): void {
  program
    .command("run <file>")
    .description(
      "simulate a circuit (.qasm or .json) and print counts, probabilities or amplitudes",
    )
    .option("--shots <n>", "sample n measurement outcomes (default: exact probabilities)")
    .option("--seed <s>", "seed of the sampler", "1")
    .option(
      "--backend <name>",
      "simulation backend: cpu (default), mps (matrix product states: 50-100 qubits of low entanglement) or webgpu (needs a GPU adapter)",
    )
    .option("--state", "print the final state's amplitudes")
    .option(
      "--expect <hamiltonian...>",
      'expectation value of a Pauli sum, e.g. "0.5 Z0 Z1 - 0.3 X1"',
    )
    .option("--draw", "print the circuit drawing")
    .option(
      "--top <k>",
      `list the k most likely outcomes (with --state: the k largest amplitudes), at most 2^20`,
      String(DEFAULT_TOP),
    )
    .option("--json", "print one JSON object")
    .option(
      "--noise <model.json>",
      "simulate density matrices under a noise model (JSON, see below and docs/noise-json.md)",
    )
    .addHelpText(
      "after",
      `
Bitstrings show qubit 0 leftmost. With measurements in the file, counts cover the measured qubits,
ordered by classical bit (bit 0 leftmost). Files with mid-circuit measure, reset or
"if (c == v)" (c[0] the least significant bit of v) print the whole classical register (bit 0
leftmost), exact over the branches (up to 1024) or sampled with --shots; --state prints the
reduced state of the qubits no measure or reset touches. Exact probabilities list the ${DEFAULT_TOP} most likely
outcomes unless --top says otherwise (a 26-qubit state has 2^26 of them).

Examples:
  $ qoar run circuits/bell.qasm --shots 1000 --seed 7
  $ qoar run circuits/ghz.qasm --expect "Z0 Z1" --draw
  $ qoar run circuits/qft-4.qasm --state --json
  $ qoar run trained.json --expect "Z0 Z1"   (a file written by circuit.toJSON())
  $ qoar run circuits/qft-4.qasm --backend webgpu --shots 100   (float32 kernels on a GPU)
  $ qoar run circuits/bell.qasm --noise circuits/noise.json --shots 1000

A noise model (--noise, e.g. circuits/noise.json) is JSON with two optional lists:
  "channels": rules {"channel": "depolarizing", "params": [0.01], "gates": ["cx"], "qubits": [0]}
    (a catalogue channel with its parameters, or "kraus": [[[re, im], ...], ...] for a custom one),
    inserted after every matching gate (all gates / all qubits when "gates" / "qubits" is omitted);
  "readout": {"qubits": [0, 1] or "all", "matrix": [[P(0|0), P(1|0)], [P(0|1), P(1|1)]],
    "convention": "row"} (row t: what true state t reads as; "column" for the transpose).
Unknown keys, gate names and channels, and qubits the circuit lacks are errors.`,
    )
    .action(async (file: string, opts: RunOptions) => {
      // loaded here: the simulator is not loaded for other commands
      const { runCommand } = await import("./run-action.js");
      await runCommand(file, opts);
    });
}
