/**
 * What `qoar run <file>` does once its flags are parsed (src/cli/run.ts registers the command and
 * loads this file on use): simulate the circuit and print counts, probabilities, amplitudes,
 * expectation values or the drawing.
 */
import { readFileSync } from "node:fs";
import { type Backend, initWebGpu, knownBackends } from "../backend/backend.js";
import { ArgumentError, BackendError } from "../errors.js";
import type { Measurement } from "../io/qasm/index.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { NoiseModel, NoisyRun } from "../quantum/density/noise.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { asyncReader } from "../quantum/state/async-reads.js";
import type { State } from "../quantum/state/state.js";
import { loadCircuitFile } from "./load-circuit.js";
import { DEFAULT_TOP, type RunOptions } from "./run.js";
import { exactRegister, reducedOfBranches, runDynamic, sampledRegister } from "./run-dynamic.js";
import { topK } from "./top-k.js";

/** The most --top may ask for: listing is one string per outcome, so it must stay bounded. */
const MAX_TOP = 2 ** 20;
/** Listings skip probabilities, and amplitudes of modulus, at or below this. */
const ZERO = 1e-12;

import { integerFlag, realFlag } from "./numbers.js";

function positiveInt(text: string | undefined, name: string): number | undefined {
  return integerFlag(text, name, 1, "a positive integer up to 2^53 - 1");
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

/** `--backend`: one of the backends qoar has (whether or not it can start here). */
function backendName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const known = knownBackends();
  if (!known.includes(text)) {
    throw new ArgumentError(
      `--backend must be one of ${known.join(", ")}, got ${JSON.stringify(text)}`,
    );
  }
  return text;
}

function bitstring(index: number, width: number): string {
  return index.toString(2).padStart(width, "0");
}

/** `qoar run <file>`: flags first, then the circuit file, the simulation and the listing. */
export async function runCommand(file: string, opts: RunOptions): Promise<void> {
  // flags first: a bad one fails at once, before any file is read or state simulated
  const backend = backendName(opts.backend);
  if (backend === "mps" && opts.noise !== undefined)
    throw new ArgumentError(
      "--noise simulates density matrices; the mps backend holds pure states (use --backend cpu)",
    );
  const shots = positiveInt(opts.shots, "--shots");
  const seed = realFlag(opts.seed ?? "1", "--seed")!;
  const top = positiveInt(opts.top, "--top") ?? DEFAULT_TOP;
  if (top > MAX_TOP)
    throw new ArgumentError(`--top must be at most 2^20 = ${MAX_TOP}, got ${opts.top}`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ArgumentError(`cannot read the circuit file ${JSON.stringify(file)}`);
  }
  const loaded = file.endsWith(".json")
    ? loadJsonCircuit(text, backend)
    : loadCircuitFile(file, text, backend);
  const { circuit, measuredQubits } = loaded;
  const finals = "measurements" in loaded ? loaded.measurements : [];
  const nClbits = "nClbits" in loaded ? loaded.nClbits : 0;
  for (const w of "warnings" in loaded ? loaded.warnings : [])
    process.stderr.write(`qoar: warning: ${w}\n`);
  const n = circuit.nQubits;
  const gpu = backend === "webgpu" ? await startWebGpu() : undefined;
  try {
    if (circuit.isDynamic)
      runDynamicAndPrint(file, circuit, finals, opts, { shots, seed, top, n, nClbits });
    else await runAndPrint(file, circuit, measuredQubits, opts, { shots, seed, top, n });
  } finally {
    gpu?.destroy();
  }
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
  const likely = pure === undefined ? undefined : likelyOutcomes(pure, qubits, top);
  if (shots !== undefined) {
    result.shots = shots;
    result.counts = await psi.measureAsync(shots, { qubits, seed });
  } else if (likely !== undefined) {
    // mps: a best-first search over outcome prefixes, no table of 2^n probabilities
    result.outcomes = 2 ** qubits.length;
    result.probabilities = Object.fromEntries(likely.outcomes.map((o) => [o.bits, o.probability]));
    if (!likely.complete) result.searchCutShort = true;
  } else {
    // one streaming pass: 2^n strings would not fit in the heap at n = 26
    const best = topK(await psi.probabilitiesAsync(qubits), top, { threshold: ZERO });
    result.outcomes = 2 ** qubits.length;
    result.probabilities = Object.fromEntries(
      best.indices.map((i, j) => [bitstring(i, qubits.length), best.weights[j]!]),
    );
    if (best.count > best.indices.length) result.omitted = best.count - best.indices.length;
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
    // |amplitude| > 1e-12, the k largest (--top), as for the probabilities
    const best = topK(a, top, { complex: true, threshold: ZERO ** 2 });
    const amps: Record<string, [number, number]> = {};
    for (const i of best.indices) amps[bitstring(i, n)] = [a[2 * i]!, a[2 * i + 1]!];
    result.state = amps;
    if (best.count > best.indices.length) result.stateOmitted = best.count - best.indices.length;
  }
  if (opts.draw) result.drawing = circuit.toString();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  printRun(result);
}

/** What a backend that finds likely outcomes without a dense vector (mps) offers. */
interface LikelyOutcomeSearch {
  mostProbable(
    buf: State["buffer"],
    qubits: readonly number[],
    k: number,
    options: { threshold?: number },
  ): { outcomes: { bits: string; probability: number }[]; complete: boolean };
}

/** The `top` most probable outcomes by the backend's own search, where it has one (mps). */
function likelyOutcomes(psi: State, qubits: readonly number[], top: number) {
  const search = psi.backend as Partial<LikelyOutcomeSearch>;
  if (typeof search.mostProbable !== "function") return undefined;
  return search.mostProbable(psi.buffer, qubits, top, { threshold: ZERO });
}

/**
 * A circuit with mid-circuit measurements, resets or `if`: the classical register's distribution
 * (bit 0 leftmost), exact or `--shots` sampled; `--state` prints the reduced state of the qubits
 * no measurement or reset touches.
 */
function runDynamicAndPrint(
  file: string,
  circuit: Circuit,
  finals: readonly Measurement[],
  opts: RunOptions,
  o: { shots: number | undefined; seed: number; top: number; n: number; nClbits: number },
): void {
  if (opts.noise !== undefined)
    throw new ArgumentError(
      "--noise: circuits with mid-circuit measurements, resets or if run on state vectors here; drop --noise",
    );
  const t0 = performance.now();
  const psi = runDynamic(circuit, o);
  const simMs = performance.now() - t0;
  const nClbits = Math.max(o.nClbits, circuit.nBits);
  const result: Record<string, unknown> = {
    file,
    nQubits: o.n,
    gates: circuit.gateCount,
    depth: circuit.depth,
    simulation_ms: Number(simMs.toFixed(3)),
    branches: psi.batch,
    clbits: nClbits,
  };
  if (o.shots !== undefined) {
    result.shots = o.shots;
    result.counts = sampledRegister(psi, finals, nClbits, o.seed);
  } else {
    const r = exactRegister(psi, finals, nClbits, o.top, ZERO);
    result.outcomes = 2 ** nClbits;
    result.probabilities = r.probabilities;
    if (r.omitted > 0) result.omitted = r.omitted;
  }
  if (opts.expect) {
    result.expectation = opts.expect.map((h) => ({
      hamiltonian: h,
      value: psi.expecVal(Hamiltonian.fromString(h)),
    }));
  }
  if (opts.state) result.reducedState = reducedOfBranches(psi, circuit);
  if (opts.draw) result.drawing = circuit.toString();
  psi.free();
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
    // JS objects list integer-like keys ("10") first: sort again for display
    const probs = Object.entries(r.probabilities as Record<string, number>).sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    out.push(
      r.omitted
        ? `probabilities (showing the ${probs.length} most likely of 2^${Math.log2(r.outcomes as number)} outcomes):`
        : "probabilities:",
    );
    // 2^-26 would print as 0.000000: small values get significant digits instead
    for (const [k, v] of probs)
      out.push(`  ${k}  ${v >= 1e-4 ? v.toFixed(6) : v.toExponential(4)}`);
    if (r.omitted) out.push(`  ... ${r.omitted} more with p > 1e-12 (use --top k)`);
    if (r.searchCutShort) out.push("  (the search for likely outcomes stopped at its bound)");
  }
  if (r.state) {
    const amps = Object.entries(r.state as Record<string, [number, number]>).sort(
      (a, b) => b[1][0] ** 2 + b[1][1] ** 2 - a[1][0] ** 2 - a[1][1] ** 2 || (a[0] < b[0] ? -1 : 1),
    );
    out.push(
      r.stateOmitted
        ? `amplitudes (showing the ${amps.length} largest of 2^${r.nQubits}):`
        : "amplitudes:",
    );
    for (const [k, [re, im]] of amps) {
      out.push(`  |${k}>  ${re.toFixed(6)} ${im < 0 ? "-" : "+"} ${Math.abs(im).toFixed(6)}i`);
    }
    if (r.stateOmitted) out.push(`  ... ${r.stateOmitted} more with |a| > 1e-12 (use --top k)`);
  }
  if (r.reducedState) {
    const rs = r.reducedState as {
      qubits: number[];
      bloch: Record<string, [number, number, number]>;
      matrix?: number[][][];
    };
    out.push(
      `reduced state of qubits ${rs.qubits.join(", ") || "(none)"} (not measured or reset):`,
    );
    for (const [q, [x, y, z]] of Object.entries(rs.bloch))
      out.push(`  q[${q}] Bloch vector (${x.toFixed(6)}, ${y.toFixed(6)}, ${z.toFixed(6)})`);
    for (const row of rs.matrix ?? [])
      out.push(
        `  ${row.map(([re, im]) => `${re.toFixed(6)}${im < 0 ? "-" : "+"}${Math.abs(im).toFixed(6)}i`).join("  ")}`,
      );
  }
  if (r.expectation) {
    for (const e of r.expectation as { hamiltonian: string; value: number }[])
      out.push(`<${e.hamiltonian}> = ${e.value.toPrecision(12)}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
