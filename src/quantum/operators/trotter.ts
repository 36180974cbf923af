/**
 * Trotter-Suzuki product formulas as circuits. H = sum_k F_k is split into fragments F_k (single
 * terms, commuting sets, or groups the user names), and exp(-i t H) is approximated by `steps`
 * repetitions of a product formula S(t / steps) of exponentials of the fragments:
 *
 *   order 1:   S_1(dt)  = e^(-i F_1 dt) ... e^(-i F_K dt)                       (error O(dt^2) per step)
 *   order 2:   S_2(dt)  = e^(-i F_1 dt/2) ... e^(-i F_K dt/2) e^(-i F_K dt/2) ... e^(-i F_1 dt/2)
 *   order 2k:  S_2k(dt) = S_(2k-2)(p dt)^2 S_(2k-2)((1 - 4p) dt) S_(2k-2)(p dt)^2,  p = 1 / (4 - 4^(1/(2k-1)))
 *
 * (Suzuki's recursive fractal formulas; written in the order the gates run, first gate first).
 * The terms of one fragment commute, so its exponential is exactly the product of its terms'
 * Pauli rotations. Neighbouring exponentials of the same fragment merge into one (the two middle
 * halves of S_2, the halves where steps meet): r steps of order 2 take r (2K - 2) + 1
 * fragment exponentials instead of 2 K r.
 *
 * Identity terms only change the global phase, which the circuit carries exactly
 * (`circuit.globalPhase = -c_I t`), so the circuit's unitary is the product formula itself.
 */
import type { Backend, PauliTerm } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import { Parameter } from "../../tensor/index.js";
import { checkArity, checkOptions } from "../../validate.js";
import { Circuit } from "../circuit/circuit.js";
import type { AngleSource } from "../circuit/operation.js";
import type { PauliSum } from "../state/state.js";
import { hermitianTerms } from "./evolve.js";
import { commute, qubitWiseCommute } from "./pauli.js";
import { circuitWidth, termRotationGate } from "./term-rotation.js";

/**
 * How the terms of H are split into fragments: `"none"` (default): every term its own fragment;
 * `"commuting"`: greedy sets of mutually commuting terms (a nearest-neighbour chain splits into
 * its even and odd bonds); `"qubitwise"`: greedy qubit-wise commuting sets; or explicit groups of
 * term indices (each non-identity term exactly once, the terms of a group commuting).
 */
export type TrotterGrouping = "none" | "commuting" | "qubitwise" | readonly (readonly number[])[];

/** Options of `trotterCircuit`. */
export interface TrotterOptions {
  /** Number of Trotter steps r (default 1); each step is S(t / r). */
  steps?: number;
  /** 1, 2 or any even order 2k (Suzuki's recursion; default 1). */
  order?: number;
  /** How terms are split into fragments (default `"none"`). */
  grouping?: TrotterGrouping;
  /**
   * The order of H's terms (a permutation of 0..nTerms-1): the fragment order for `"none"`, the
   * order the greedy grouping visits terms in. Default: H's own order.
   */
  permutation?: readonly number[];
  /**
   * Make every rotation angle a trainable entry of one `Parameter` (initialized to the product
   * formula's angles), for variational Trotter circuits (default false: fixed angles).
   */
  trainable?: boolean;
  /** Circuit width (default: H's qubit count). */
  nQubits?: number;
  /** The circuit's backend (default: the current backend at each run). */
  backend?: string | Backend;
}

/** The valid keys of `TrotterOptions`. */
export const TROTTER_OPTION_KEYS: readonly string[] = [
  "steps",
  "order",
  "grouping",
  "permutation",
  "trainable",
  "nQubits",
  "backend",
];

/** One factor of a product formula: fragment `fragment` for `fraction` of the time step. */
export interface FormulaFactor {
  /** Index of the fragment. */
  readonly fragment: number;
  /** Its time as a fraction of the step dt (may be negative for orders >= 4). */
  readonly fraction: number;
}

/**
 * The factors of `steps` steps of the product formula of `order` over `nFragments` fragments, in
 * the order they run, with neighbouring factors of the same fragment merged. Fractions are in
 * units of one step; each fragment's fractions sum to `steps`.
 * @example
 * productFormula(2, 2, 1); // [{0, 0.5}, {1, 1}, {0, 0.5}]
 */
export function productFormula(nFragments: number, order: number, steps: number): FormulaFactor[] {
  checkOrder(order, "productFormula");
  checkSteps(steps, "productFormula");
  if (!Number.isInteger(nFragments) || nFragments < 0) {
    throw new ArgumentError(
      `productFormula: nFragments must be a non-negative integer, got ${describe(nFragments)}`,
    );
  }
  const one: FormulaFactor[] = [];
  suzuki(nFragments, order, 1, one);
  const out: { fragment: number; fraction: number }[] = [];
  for (let s = 0; s < steps; s++) {
    for (const f of one) {
      const last = out[out.length - 1];
      if (last !== undefined && last.fragment === f.fragment) last.fraction += f.fraction;
      else out.push({ ...f });
    }
  }
  return out;
}

/** Appends the factors of S_order(scale) to `out` (unmerged). */
function suzuki(k: number, order: number, scale: number, out: FormulaFactor[]): void {
  if (order === 1) {
    for (let f = 0; f < k; f++) out.push({ fragment: f, fraction: scale });
  } else if (order === 2) {
    for (let f = 0; f < k; f++) out.push({ fragment: f, fraction: scale / 2 });
    for (let f = k - 1; f >= 0; f--) out.push({ fragment: f, fraction: scale / 2 });
  } else {
    const p = 1 / (4 - 4 ** (1 / (order - 1)));
    for (const w of [p, p, 1 - 4 * p, p, p]) suzuki(k, order - 2, w * scale, out);
  }
}

/**
 * The fragments of `terms` (indices, identity and zero terms left out) for a grouping.
 * @example
 * trotterFragments(Hamiltonian.fromString("X0 X1 + Z1 Z2 + X2 X3").terms, "commuting"); // [[0, 2], [1]]
 */
export function trotterFragments(
  terms: readonly PauliTerm[],
  grouping: TrotterGrouping = "none",
  permutation?: readonly number[],
): number[][] {
  const fn = "trotterCircuit";
  checkArity(arguments.length, 3, "trotterFragments");
  if (!Array.isArray(terms))
    throw new ArgumentError(
      `trotterFragments: terms must be an array of Pauli terms (hamiltonian.terms), got ${describe(terms)}`,
    );
  const active = (i: number): boolean => terms[i]!.qubits.length > 0 && terms[i]!.coefficient !== 0;
  let order = terms.map((_, i) => i);
  if (permutation !== undefined) {
    if (Array.isArray(grouping)) {
      throw new ArgumentError(
        `${fn}: options.permutation orders the terms for a named grouping; with explicit groups, list the terms in the groups in the order wanted`,
      );
    }
    order = checkPermutation(permutation, terms.length, fn);
  }
  if (Array.isArray(grouping)) return checkGroups(grouping, terms, active, fn);
  if (grouping === "none") return order.filter(active).map((i) => [i]);
  if (grouping !== "commuting" && grouping !== "qubitwise") {
    throw new ArgumentError(
      `${fn}: options.grouping must be "none", "commuting", "qubitwise" or an array of term-index groups, got ${describe(grouping)}`,
    );
  }
  const fits = grouping === "commuting" ? commute : qubitWiseCommute;
  const groups: number[][] = [];
  for (const i of order) {
    if (!active(i)) continue;
    const g = groups.find((members) => members.every((j) => fits(terms[i]!, terms[j]!)));
    if (g === undefined) groups.push([i]);
    else g.push(i);
  }
  return groups;
}

/**
 * A circuit of Pauli rotations approximating exp(-i t H) by a Trotter-Suzuki product formula
 * (see the module comment): `steps` steps of order 1, 2 or 2k, terms split into fragments by
 * `grouping` in the order of `permutation`. A plain `Circuit` (adjoint gradients, QASM export,
 * fusion and every backend apply); with `trainable: true` its angles form one `Parameter` (one
 * entry per rotation, starting at the formula's angles). Throws an `ArgumentError` for a
 * non-Hermitian H, a non-finite t, steps < 1 or an order other than 1 or an even number.
 * @example
 * const H = heisenberg(chainLattice(6));
 * const c = trotterCircuit(H, 1, { steps: 20, order: 2 });
 * const psi = c.forward(State.basis(6, "010101"));
 */
export function trotterCircuit(h: PauliSum, t: number, options: TrotterOptions = {}): Circuit {
  const fn = "trotterCircuit";
  checkOptions(options, TROTTER_OPTION_KEYS, fn);
  const steps = checkSteps(options.steps ?? 1, fn);
  const order = checkOrder(options.order ?? 1, fn);
  if (typeof t !== "number" || !Number.isFinite(t))
    throw new ArgumentError(`${fn}: t must be a finite number, got ${describe(t)}`);
  if (options.trainable !== undefined && typeof options.trainable !== "boolean") {
    throw new ArgumentError(
      `${fn}: options.trainable must be true or false, got ${describe(options.trainable)}`,
    );
  }
  const terms = hermitianTerms(h, Number.MAX_SAFE_INTEGER, fn);
  const n = circuitWidth(terms, options.nQubits ?? declaredWidth(h), fn);
  const fragments = trotterFragments(terms, options.grouping ?? "none", options.permutation);
  const dt = t / steps;
  const rotations: { term: number; angle: number }[] = [];
  for (const f of productFormula(fragments.length, order, steps)) {
    for (const i of fragments[f.fragment]!) {
      rotations.push({ term: i, angle: 2 * terms[i]!.coefficient * f.fraction * dt });
    }
  }
  const circuit = new Circuit(n, { backend: options.backend });
  const param =
    options.trainable === true
      ? new Parameter(
          Float64Array.from(rotations, (r) => r.angle),
          [rotations.length],
        )
      : undefined;
  rotations.forEach((r, index) => {
    const term = terms[r.term]!;
    const angle: AngleSource =
      param === undefined
        ? { kind: "const", value: r.angle }
        : { kind: "param", param, index, scale: 1 };
    circuit.addOperation(termRotationGate(term), term.qubits, [angle]);
  });
  circuit.globalPhase = -identityWeight(terms) * t;
  return circuit;
}

/**
 * The summed coefficient of the identity terms (their exp(-i c t) is a global phase).
 * @example
 * identityWeight(Hamiltonian.fromString("0.5 I + Z0 - 0.2").terms); // 0.3
 */
export function identityWeight(terms: readonly PauliTerm[]): number {
  let c = 0;
  for (const term of terms) if (term.qubits.length === 0) c += term.coefficient;
  return c;
}

/**
 * A Hamiltonian's declared qubit count (its `nQubits`), when it has one.
 * @example
 * declaredWidth(new Hamiltonian([[1, "Z0"]], { nQubits: 3 })); // 3
 */
export function declaredWidth(h: unknown): number | undefined {
  const n = (h as { nQubits?: unknown }).nQubits;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}

function checkSteps(steps: unknown, fn: string): number {
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 1) {
    throw new ArgumentError(`${fn}: steps must be an integer >= 1, got ${describe(steps)}`);
  }
  return steps;
}

function checkOrder(order: unknown, fn: string): number {
  if (
    typeof order !== "number" ||
    !Number.isInteger(order) ||
    order < 1 ||
    (order > 1 && order % 2 !== 0)
  ) {
    throw new ArgumentError(
      `${fn}: order must be 1, 2 or an even integer (Suzuki's 2k formulas), got ${describe(order)}`,
    );
  }
  return order;
}

function checkPermutation(p: readonly number[], nTerms: number, fn: string): number[] {
  const seen = new Uint8Array(nTerms);
  const ok =
    Array.isArray(p) &&
    p.length === nTerms &&
    p.every((i) => Number.isInteger(i) && i >= 0 && i < nTerms && seen[i]++ === 0);
  if (!ok) {
    throw new ArgumentError(
      `${fn}: options.permutation must list every term index 0..${nTerms - 1} exactly once, got ${describe(p)}`,
    );
  }
  return [...p];
}

function checkGroups(
  groups: readonly (readonly number[])[],
  terms: readonly PauliTerm[],
  active: (i: number) => boolean,
  fn: string,
): number[][] {
  const seen = new Uint8Array(terms.length);
  const out: number[][] = [];
  groups.forEach((g, gi) => {
    if (!Array.isArray(g)) {
      throw new ArgumentError(
        `${fn}: options.grouping[${gi}] must be an array of term indices, got ${describe(g)}`,
      );
    }
    for (const i of g) {
      if (!Number.isInteger(i) || i < 0 || i >= terms.length || seen[i]++ !== 0) {
        throw new ArgumentError(
          `${fn}: options.grouping[${gi}] has ${describe(i)}: each term index 0..${terms.length - 1} may appear once`,
        );
      }
    }
    for (let a = 0; a < g.length; a++) {
      for (let b = a + 1; b < g.length; b++) {
        if (!commute(terms[g[a]!]!, terms[g[b]!]!)) {
          throw new ArgumentError(
            `${fn}: options.grouping[${gi}] has terms ${g[a]} and ${g[b]}, which do not commute; a fragment's terms must commute`,
          );
        }
      }
    }
    const members = g.filter(active);
    if (members.length > 0) out.push(members);
  });
  terms.forEach((_, i) => {
    if (active(i) && seen[i] === 0) {
      throw new ArgumentError(`${fn}: options.grouping leaves out term ${i}`);
    }
  });
  return out;
}
