/**
 * Givens (excitation-preserving) rotations used by chemistry ansatzes: a real rotation by theta/2
 * in the plane of two basis states, the identity on every other basis state.
 *
 * - `single_excitation` on qubits (q0, q1): |01> -> cos(t/2)|01> + sin(t/2)|10>,
 *   |10> -> cos(t/2)|10> - sin(t/2)|01>. It moves one excitation between the qubits and keeps
 *   the number of ones; its generator is (Y X - X Y)/2.
 * - `double_excitation` on qubits (q0..q3): the same rotation between |0011> and |1100>, the
 *   move of a pair of excitations from (q2, q3) to (q0, q1), a sum of eight commuting 4-qubit
 *   Pauli strings.
 *
 * Both generators have the spectrum {-1, 0, +1} (sigma_y on the two-state plane, zero elsewhere),
 * so the exact parameter-shift rule for an expectation value has four terms, like a controlled
 * rotation's; the table's rule finder reads it from the generator. They are not named in the
 * gate table (OpenQASM 2 has no such gates); build them into circuits with `addOperation`.
 */
import { defineGate } from "./define.js";
import type { GateEntry } from "./types.js";

/** sigma_y on the plane (a, b) of a 2^k-dimensional space, zero elsewhere (interleaved). */
function planeGenerator(dim: number, a: number, b: number): Float64Array {
  const g = new Float64Array(2 * dim * dim);
  g[2 * (a * dim + b) + 1] = -1; // <a|G|b> = -i
  g[2 * (b * dim + a) + 1] = 1; // <b|G|a> = +i
  return g;
}

/** exp(-i t G / 2) for G = sigma_y on the plane (a, b): the rotation [[c, -s], [s, c]] there. */
function planeRotation(dim: number, a: number, b: number, t: number): Float64Array {
  const m = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) m[2 * (i * dim + i)] = 1;
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  m[2 * (a * dim + a)] = c;
  m[2 * (b * dim + b)] = c;
  m[2 * (a * dim + b)] = -s;
  m[2 * (b * dim + a)] = s;
  return m;
}

function givensGate(
  name: string,
  aliases: string[],
  nQubits: number,
  a: number,
  b: number,
): GateEntry {
  const dim = 1 << nQubits;
  return defineGate({
    name,
    aliases,
    nQubits,
    nParams: 1,
    structure: "dense",
    build: (t) => planeRotation(dim, a, b, t[0]!),
    generator: planeGenerator(dim, a, b),
  });
}

/**
 * The Givens single excitation: a rotation between |01> and |10> of two qubits.
 * @example
 * circuit.addOperation(SINGLE_EXCITATION, [0, 2], [{ kind: "param", param: theta, index: 0, scale: 1 }]);
 */
export const SINGLE_EXCITATION: GateEntry = givensGate(
  "single_excitation",
  ["singleExcitation"],
  2,
  0b01,
  0b10,
);

/**
 * The Givens double excitation: a rotation between |0011> and |1100> of four qubits.
 * @example
 * circuit.addOperation(DOUBLE_EXCITATION, [0, 1, 4, 5], [{ kind: "const", value: 0.2 }]);
 */
export const DOUBLE_EXCITATION: GateEntry = givensGate(
  "double_excitation",
  ["doubleExcitation"],
  4,
  0b0011,
  0b1100,
);
