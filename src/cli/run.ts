/**
 * `qoar run <file>`: simulate a circuit from an OpenQASM 2 file (or qoar's circuit JSON) and print
 * counts, probabilities, amplitudes, expectation values or the drawing.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { type Backend, initWebGpu } from "../backend/backend.js";
import { ArgumentError, BackendError } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { NoiseModel, NoisyRun } from "../quantum/density/noise.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { asyncReader } from "../quantum/state/async-reads.js";
import type { State } from "../quantum/state/state.js";
import { loadCircuitFile } from "./load-circuit.js";

interface RunOptions {
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

function positiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 1)
    throw new ArgumentError(
      `${name} must be a positive integer up to 2^53 - 1, got ${JSON.stringify(text)}`,
    );
  return v;
}

/** Reads `--noise model.json` (NoiseModel.fromJSON); --state has no meaning for mixed states. */
function readNoiseModel(path: string, state: boolean | undefined): NoiseModel {
  if (state)
    throw new ArgumentError("--state prints amplitudes of a pure state; drop it with --noise");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ArgumentError(`cannot read the noise model file ${JSON.stringify(path)}`);
  }
  return NoiseModel.fromJSON(text);
}

/**
 * `--backend webgpu`: finds a GPU (Dawn in Node) and registers the backend; without an adapter,
 * a one-line BackendError (exit status 2). Returns the backend to release after the run.
 */
async function startWebGpu(): Promise<Backend & { destroy(): void }> {
  try {
    return await initWebGpu();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new BackendError(
      `--backend webgpu: no WebGPU device (${why.replace(/\s+/g, " ").trim()}); use --backend cpu`,
    );
  }
}

function bitstring(index: number, width: number): string {
  return index.toString(2).padStart(width, "0");
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
    .option("--backend <name>", "simulation backend: cpu (default) or webgpu (needs a GPU adapter)")
    .option("--state", "print the final state's amplitudes")
    .option(
      "--expect <hamiltonian...>",
      'expectation value of a Pauli sum, e.g. "0.5 Z0 Z1 - 0.3 X1"',
    )
    .option("--draw", "print the circuit drawing")
    .option("--top <k>", "print at most k outcomes (default 32)", "32")
    .option("--json", "print one JSON object")
    .option("--noise <model.json>", "simulate density matrices under a noise model (JSON)")
    .addHelpText(
      "after",
      `
Bitstrings show qubit 0 leftmost. With measurements in the file, counts cover the measured qubits,
ordered by classical bit (bit 0 leftmost).

Examples:
  $ qoar run circuits/bell.qasm --shots 1000 --seed 7
  $ qoar run circuits/ghz.qasm --expect "Z0 Z1" --draw
  $ qoar run circuits/qft-4.qasm --state --json
  $ qoar run trained.json --expect "Z0 Z1"   (a file written by circuit.toJSON())
  $ qoar run circuits/qft-4.qasm --backend webgpu --shots 100   (float32 kernels on a GPU)`,
    )
    .action(async (file: string, opts: RunOptions) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        throw new ArgumentError(`cannot read the circuit file ${JSON.stringify(file)}`);
      }
      const loaded = file.endsWith(".json")
        ? loadJsonCircuit(text, opts.backend)
        : loadCircuitFile(file, text, opts.backend);
      const { circuit, measuredQubits } = loaded;
      for (const w of "warnings" in loaded ? loaded.warnings : [])
        process.stderr.write(`qoar: warning: ${w}\n`);
      const shots = positiveInt(opts.shots, "--shots");
      const seed = Number(opts.seed ?? "1");
      if (!Number.isFinite(seed))
        throw new ArgumentError(`--seed must be a number, got ${JSON.stringify(opts.seed)}`);
      const top = positiveInt(opts.top, "--top") ?? 32;
      const n = circuit.nQubits;
      const gpu = opts.backend === "webgpu" ? await startWebGpu() : undefined;
      try {
        await runAndPrint(file, circuit, measuredQubits, opts, { shots, seed, top, n });
      } finally {
        gpu?.destroy();
      }
    });
}

/** Simulates and prints; the readers are async so that asynchronous backends (webgpu) work. */
async function runAndPrint(
  file: string,
  circuit: Circuit,
  measuredQubits: number[] | undefined,
  opts: RunOptions,
  o: { shots: number | undefined; seed: number; top: number; n: number },
): Promise<void> {
  const { shots, seed, top, n } = o;
  const t0 = performance.now();
  const noise = opts.noise === undefined ? undefined : readNoiseModel(opts.noise, opts.state);
  const psi: State | NoisyRun = noise ? noise.simulate(circuit) : circuit.forward();
  const pure = psi instanceof NoisyRun ? undefined : psi;
  // asynchronous backends run when read: time the first read-back too
  if (psi instanceof NoisyRun) {
    if (asyncReader(psi.rho.backend) !== undefined) await psi.rho.traceAsync();
  } else if (asyncReader(psi.backend) !== undefined) await psi.normSquaredAsync();
  const simMs = performance.now() - t0;
  const qubits = measuredQubits ?? Array.from({ length: n }, (_, q) => q);
  const result: Record<string, unknown> = {
    file,
    nQubits: n,
    gates: circuit.gateCount,
    depth: circuit.depth,
    simulation_ms: Number(simMs.toFixed(3)),
  };
  const backend = (psi instanceof NoisyRun ? psi.rho : psi).backend as Backend & {
    info?: { description?: string; architecture?: string; vendor?: string };
  };
  if (backend.name !== "cpu") {
    result.backend = backend.name;
    const i = backend.info;
    if (i !== undefined)
      result.device = [i.vendor, i.architecture, i.description].filter(Boolean).join(" ");
  }
  if (shots !== undefined) {
    result.shots = shots;
    result.counts = await psi.measureAsync(shots, { qubits, seed });
  } else {
    const probs = await psi.probabilitiesAsync(qubits);
    const entries: [string, number][] = [];
    probs.forEach((p, i) => {
      if (p > 1e-12) entries.push([bitstring(i, qubits.length), p]);
    });
    entries.sort((a, b) => b[1] - a[1]);
    result.probabilities = Object.fromEntries(entries.slice(0, top));
    if (entries.length > top) result.omitted = entries.length - top;
  }
  if (opts.expect) {
    const values: { hamiltonian: string; value: number }[] = [];
    for (const h of opts.expect) {
      const H = Hamiltonian.fromString(h);
      const value =
        psi instanceof NoisyRun
          ? await psi.expecValAsync(H)
          : (await psi.expecValBatchAsync(H))[0]!;
      values.push({ hamiltonian: h, value });
    }
    result.expectation = values;
  }
  if (opts.state && pure !== undefined) {
    const a = await pure.toArrayAsync();
    const amps: Record<string, [number, number]> = {};
    for (let i = 0; i < a.length / 2; i++) {
      if (Math.hypot(a[2 * i]!, a[2 * i + 1]!) > 1e-12)
        amps[bitstring(i, n)] = [a[2 * i]!, a[2 * i + 1]!];
    }
    result.state = amps;
  }
  if (opts.draw) result.drawing = circuit.toString();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  printRun(result);
}

/**
 * Reads qoar's circuit JSON (`circuit.toJSON()`, docs/circuit-json.md) for `qoar run`; the file
 * has no measurements, so all qubits are read out.
 * @example
 * const { circuit } = loadJsonCircuit(readFileSync("trained.json", "utf8"));
 */
export function loadJsonCircuit(
  text: string,
  backend?: string,
): { circuit: Circuit; measuredQubits: undefined } {
  const saved = Circuit.fromJSON(text);
  if (backend === undefined) return { circuit: saved, measuredQubits: undefined };
  // the same operations and parameters on the chosen backend
  const circuit = new Circuit(saved.nQubits, { backend });
  circuit.extend(saved);
  circuit.globalPhase = saved.globalPhase;
  return { circuit, measuredQubits: undefined };
}

function printRun(r: Record<string, unknown>): void {
  const out: string[] = [];
  const on = r.backend === undefined ? "" : ` on ${r.backend}${r.device ? ` (${r.device})` : ""}`;
  out.push(
    `${r.file}: ${r.nQubits} qubits, ${r.gates} gates, depth ${r.depth} (simulated in ${r.simulation_ms} ms${on})`,
  );
  if (r.drawing) out.push("", String(r.drawing), "");
  if (r.counts) {
    out.push(`counts (${r.shots} shots):`);
    const entries = Object.entries(r.counts as Record<string, number>).sort((a, b) => b[1] - a[1]);
    for (const [k, v] of entries) out.push(`  ${k}  ${v}`);
  }
  if (r.probabilities) {
    out.push("probabilities:");
    // JS objects list integer-like keys ("1010") first: sort again for display
    const probs = Object.entries(r.probabilities as Record<string, number>).sort(
      (a, b) => b[1] - a[1],
    );
    for (const [k, v] of probs) out.push(`  ${k}  ${v.toFixed(6)}`);
    if (r.omitted) out.push(`  ... ${r.omitted} more (use --top)`);
  }
  if (r.state) {
    out.push("amplitudes:");
    for (const [k, [re, im]] of Object.entries(r.state as Record<string, [number, number]>)) {
      out.push(`  |${k}>  ${re.toFixed(6)} ${im < 0 ? "-" : "+"} ${Math.abs(im).toFixed(6)}i`);
    }
  }
  if (r.expectation) {
    for (const e of r.expectation as { hamiltonian: string; value: number }[])
      out.push(`<${e.hamiltonian}> = ${e.value.toPrecision(12)}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
