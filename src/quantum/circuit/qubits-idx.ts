/**
 * Paddle Quantum's `qubitsIdx` argument: which qubits each copy of a gate acts on.
 *
 * - `'full'`: every qubit (1-qubit gates); `'even'` / `'odd'`: qubits 0, 2, 4, ... / 1, 3, 5, ...
 *   (for k-qubit gates: the blocks [0..k-1], [2..], ... / [1..k], [3..], ...)
 * - `'cycle'`: k consecutive qubits starting at every qubit, wrapping around: [0,1], [1,2], ...,
 *   [n-1, 0] for k = 2 (multi-qubit gates)
 * - `'linear'`: k consecutive qubits without wrapping: [0,1], ..., [n-2, n-1]
 * - a number: one qubit (1-qubit gates); `number[]`: several qubits (1-qubit gates) or one group
 *   (k-qubit gates); `number[][]`: several groups.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { checkQubitIndices } from "../gates/apply.js";

/** The qubit-index specification accepted by every gate call. */
export type QubitsIdx =
  | "full"
  | "even"
  | "odd"
  | "cycle"
  | "linear"
  | number
  | readonly number[]
  | readonly (readonly number[])[];

/**
 * Expands `spec` into one qubit group per gate copy, validated against `nQubits`.
 * @example
 * formatQubitsIdx("cycle", 3, 2); // [[0, 1], [1, 2], [2, 0]]
 * formatQubitsIdx("full", 3, 1);  // [[0], [1], [2]]
 */
export function formatQubitsIdx(
  spec: QubitsIdx,
  nQubits: number,
  nActed: number,
  argName = "qubitsIdx",
): number[][] {
  checkArity(arguments.length, 4, "formatQubitsIdx");
  let groups: number[][];
  if (typeof spec === "string") {
    groups = namedGroups(spec, nQubits, nActed, argName);
  } else if (typeof spec === "number") {
    if (nActed !== 1) {
      throw new ArgumentError(
        `${argName}: a ${nActed}-qubit gate needs ${nActed} qubit indices, got ${spec}`,
      );
    }
    groups = [[spec]];
  } else if (Array.isArray(spec) && spec.every((x) => typeof x === "number")) {
    const flat = spec as readonly number[];
    if (nActed === 1) groups = flat.map((q) => [q]);
    else if (flat.length === nActed) groups = [[...flat]];
    else {
      throw new ArgumentError(
        `${argName}: a ${nActed}-qubit gate needs groups of ${nActed} qubits, got ${describe(spec)}`,
      );
    }
  } else if (Array.isArray(spec) && spec.every((g) => Array.isArray(g))) {
    groups = (spec as readonly (readonly number[])[]).map((g) => [...g]);
    for (const g of groups) {
      if (g.length !== nActed) {
        throw new ArgumentError(
          `${argName}: a ${nActed}-qubit gate needs groups of ${nActed} qubits, got ${describe(g)}`,
        );
      }
    }
  } else {
    throw new ArgumentError(
      `${argName}: expected 'full', 'even', 'odd', 'cycle', 'linear', a number or arrays of numbers, got ${describe(spec)}`,
    );
  }
  for (const g of groups) checkQubitIndices(g, nQubits, argName);
  if (nActed === 1) {
    const seen = new Set<number>();
    for (const [q] of groups) {
      if (seen.has(q!))
        throw new ArgumentError(`${argName}: qubit ${q} is repeated in ${describe(spec)}`);
      seen.add(q!);
    }
  }
  return groups;
}

function namedGroups(spec: string, n: number, k: number, argName: string): number[][] {
  const block = (start: number): number[] => Array.from({ length: k }, (_, j) => start + j);
  switch (spec) {
    case "full":
      if (k !== 1)
        throw new ArgumentError(
          `${argName}: 'full' is for 1-qubit gates; use 'cycle' or 'linear' for a ${k}-qubit gate`,
        );
      return Array.from({ length: n }, (_, q) => [q]);
    case "even":
    case "odd": {
      const groups: number[][] = [];
      for (let s = spec === "even" ? 0 : 1; s + k <= n; s += k === 1 ? 2 : k) groups.push(block(s));
      return groups;
    }
    case "linear": {
      if (k > n)
        throw new ArgumentError(
          `${argName}: 'linear' needs at least ${k} qubits, the circuit has ${n}`,
        );
      return Array.from({ length: n - k + 1 }, (_, s) => block(s));
    }
    case "cycle": {
      if (k === 1) return Array.from({ length: n }, (_, q) => [q]);
      if (k > n)
        throw new ArgumentError(
          `${argName}: 'cycle' needs at least ${k} qubits, the circuit has ${n}`,
        );
      return Array.from({ length: n }, (_, s) => Array.from({ length: k }, (_, j) => (s + j) % n));
    }
    default:
      throw new ArgumentError(
        `${argName}: unknown name ${JSON.stringify(spec)}; expected 'full', 'even', 'odd', 'cycle' or 'linear'`,
      );
  }
}
