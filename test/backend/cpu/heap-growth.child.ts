/**
 * Child process of buffer-heap.test.ts, run as `node --expose-gc --single-threaded --import tsx`:
 * a synchronous VQE loop (small circuit, expecVal, backward, Adam step) that drops the forward
 * state of every step without `free`, measured with the heap after full collections; then the
 * allocation statistics once the event loop has turned. Prints one JSON line.
 */
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { Adam } from "../../../src/tensor/index.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");

const WARMUP = 10_000;
const STEPS = 10_000;
const ROUNDS = 5;

const backend = new CpuBackend({ threads: 1 });
const circuit = new Circuit(3, { seed: 1, backend });
circuit.ry("full").cnot("linear").rz("full");
const H = Hamiltonian.fromString("Z0 Z1 + 0.5 X2");
const opt = new Adam(circuit.parameters(), { lr: 0.01 });
const step = () => {
  opt.zeroGrad();
  expecVal(circuit.forward(), H).backward(); // the forward State is dropped, never freed
  opt.step();
};

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

/** Resolves after the event loop has turned twice, so finalization callbacks have run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc!();
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const liveBefore = backend.stats().live;
for (let i = 0; i < WARMUP; i++) step();
const growth: number[] = [];
let heap = heapAfterGc();
const t0 = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < STEPS; i++) step();
  const now = heapAfterGc();
  growth.push(now - heap);
  heap = now;
}
const msPerRound = (performance.now() - t0) / ROUNDS;
const liveAfterLoop = backend.stats().live;
await settle();
const liveSettled = backend.stats().live;

// One buffer kept alive while 1000 small ones are dropped: its cohort keeps at most
// COHORT_BUFFERS - 1 of them counted. A dropped buffer over 1 MiB has a cohort of its own.
const kept = backend.zeros(2);
for (let i = 0; i < 1000; i++) backend.zeros(2);
backend.zeros(17); // 2 MiB, dropped
await settle();
const liveWithKept = backend.stats().live;
backend.free(kept);
await settle();
const liveEnd = backend.stats().live;

process.stdout.write(
  `${JSON.stringify({ growth, msPerRound, liveBefore, liveAfterLoop, liveSettled, liveWithKept, liveEnd })}\n`,
);
