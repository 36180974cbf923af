/**
 * How `State` and `DensityMatrix` print (`toString()`, and `console.log` through Node's inspect
 * hook): the shape and backend, the autograd role, and the leading amplitudes or matrix entries.
 * Printing never throws and never blocks: on an asynchronous backend (webgpu), whose synchronous
 * read throws, the values are left out, and so they are for a buffer too large to copy for a look.
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import type { GradNode } from "../../tensor/autograd.js";
import { formatComplex, leadingValues } from "../../tensor/format.js";
import { asyncReader } from "./async-reads.js";

/** Most complex values copied out of a buffer for printing (16 MiB). */
const MAX_PRINTED_READ = 2 ** 20;

/** What the printout needs from a `State` or a `DensityMatrix`. */
export interface Printable {
  readonly backend: Backend;
  readonly buffer: StateBuffer;
  readonly nQubits: number;
  readonly batch: number;
  readonly requiresGrad: boolean;
  readonly gradFn: GradNode | null;
}

/**
 * `kind(nQubits=.., batch=.., backend=..[, requiresGrad | gradFn=..]) [values]`, the values
 * nested by `shape` (batch elements, then amplitudes or matrix rows), complex, 4 digits.
 * @example
 * describeState("State", State.bell(), [4]);
 * // "State(nQubits=2, batch=1, backend=cpu) [0.7071+0i, 0, 0, 0.7071+0i]"
 */
export function describeState(kind: string, s: Printable, shape: readonly number[]): string {
  const header = [`nQubits=${s.nQubits}`, `batch=${s.batch}`, `backend=${s.backend.name}`];
  if (s.gradFn !== null) header.push(`gradFn=${s.gradFn.name}`);
  else if (s.requiresGrad) header.push("requiresGrad");
  return `${kind}(${header.join(", ")}) ${values(s, shape)}`;
}

function values(s: Printable, shape: readonly number[]): string {
  const count = shape.reduce((a, b) => a * b, 1);
  if (asyncReader(s.backend) !== undefined)
    return "[values on the device: read them with toArrayAsync()]";
  if (count > MAX_PRINTED_READ) return `[${count} values, not read for printing]`;
  let data: Float64Array;
  try {
    data = s.backend.toArray(s.buffer);
  } catch (e) {
    return `[not readable: ${e instanceof Error ? e.message : String(e)}]`;
  }
  return leadingValues(shape, (i) => formatComplex(data[2 * i]!, data[2 * i + 1]!));
}
