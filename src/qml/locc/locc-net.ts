/**
 * `LoccNet`: LOCC protocols as trainable networks, after Paddle Quantum's `LoccNet`. Parties own
 * qubits; each party's local operations are trainable `Circuit`s on its own qubits (local
 * indices 0..k-1); measuring splits a protocol into branches (`LoccStatus`: the normalized state,
 * the branch probability as a differentiable tensor, the outcomes so far), and the classical
 * communication is the program choosing, per branch, which local circuit follows. Losses are
 * probability-weighted sums over branches (`probabilityWeighted`), as in Paddle's tutorials;
 * everything is exact density-matrix simulation, differentiable end to end.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { Circuit, type CircuitOptions } from "../../quantum/circuit/circuit.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { kron } from "../../quantum/linalg.js";
import { State } from "../../quantum/state/state.js";
import { add, fromData, mul, type Tensor } from "../../tensor/index.js";
import { Module } from "../../tensor/nn/module.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { applyOnQubits } from "./local-circuit.js";
import { projectOutcome } from "./projection.js";
import { reduceDensity } from "./reduce.js";

/** A qubit by owner: `[party name, index among that party's qubits]`, as in Paddle. */
export type QubitRef = readonly [party: string, index: number];

/** One branch of a protocol. */
export interface LoccStatus {
  /** The normalized state of the branch, on `qubits`. */
  readonly state: DensityMatrix;
  /** The probability of reaching this branch, a differentiable real scalar tensor. */
  readonly probability: Tensor;
  /** Which party qubit each qubit of `state` is (state qubit i is `qubits[i]`). */
  readonly qubits: readonly QubitRef[];
  /** The measurement results on the way here, one bitstring per `measure` call, in order. */
  readonly outcomes: readonly string[];
}

/** A part of the initial state: its matrix and the qubits it sits on. */
interface Piece {
  readonly matrix: Float64Array;
  readonly qubits: QubitRef[];
}

/** Options of `LoccNet.measure`. */
export interface LoccMeasureOptions {
  /** Drop the measured qubits from the branches' states (default false: they stay, collapsed). */
  discard?: boolean;
}

const LOCC_MEASURE_OPTIONS = optionKeys<LoccMeasureOptions>({ discard: true });
/** Branches below this probability are left out of `measure(..., "all")` (they weigh nothing). */
const NEGLIGIBLE = 1e-14;

/**
 * A network of parties, their shared initial state and their trainable local circuits.
 * @example
 * const net = new LoccNet();
 * net.addParty("Alice", 1);
 * net.addParty("Bob", 1);
 * net.setInitialState(State.bell(), [["Alice", 0], ["Bob", 0]]);
 * const a = net.localCircuit("Alice", { seed: 1 });
 * a.ry(0);
 * const branches = net.measure(net.apply(net.initialStatus(), a), [["Alice", 0]]);
 * const loss = probabilityWeighted(branches, (s) => targetOverlap(s.state, State.zero(2)));
 */
export class LoccNet extends Module {
  private readonly partyQubits = new Map<string, number>();
  private readonly pieces: Piece[] = [];
  private readonly owners = new Map<Circuit, string>();
  private circuitCount = 0;

  constructor() {
    checkArity(arguments.length, 0, "LoccNet");
    super();
  }

  /**
   * Adds a party owning `nQubits` qubits; returns their references `[name, 0..nQubits-1]`.
   * @example
   * const alice = net.addParty("Alice", 2); // [["Alice", 0], ["Alice", 1]]
   */
  addParty(name: string, nQubits: number): QubitRef[] {
    checkArity(arguments.length, 2, "LoccNet.addParty");
    if (typeof name !== "string" || name.length === 0)
      throw new ArgumentError(
        `LoccNet.addParty: name must be a non-empty string, got ${describe(name)}`,
      );
    if (this.partyQubits.has(name))
      throw new ArgumentError(`LoccNet.addParty: a party "${name}" exists already`);
    if (!Number.isInteger(nQubits) || nQubits < 1)
      throw new ArgumentError(
        `LoccNet.addParty: nQubits must be a positive integer, got ${describe(nQubits)}`,
      );
    if (this.pieces.length > 0)
      throw new ArgumentError("LoccNet.addParty: add every party before setInitialState");
    this.partyQubits.set(name, nQubits);
    return Array.from({ length: nQubits }, (_, i) => [name, i] as const);
  }

  /** The parties and their qubit counts, in the order added. @example net.parties; // [["Alice", 2], ["Bob", 1]] */
  get parties(): readonly (readonly [string, number])[] {
    return [...this.partyQubits];
  }

  /** Every qubit of every party. @example net.nQubits */
  get nQubits(): number {
    let n = 0;
    for (const k of this.partyQubits.values()) n += k;
    return n;
  }

  /**
   * Shares `state` among the qubits `qubits` (its qubit i on `qubits[i]`); several calls give a
   * product state, and qubits never named start in |0>. Paddle's `set_init_state`.
   * @example
   * net.setInitialState(isotropicState(2, 0.7), [["Alice", 0], ["Bob", 0]]);
   */
  setInitialState(state: State | DensityMatrix, qubits: readonly QubitRef[]): void {
    checkArity(arguments.length, 2, "LoccNet.setInitialState");
    const piece = checkPiece(this.partyQubits, state, qubits, "LoccNet.setInitialState");
    const taken = this.pieces.flatMap((p) => p.qubits.map(key));
    const clash = piece.qubits.find((r) => taken.includes(key(r)));
    if (clash)
      throw new ArgumentError(
        `LoccNet.setInitialState: qubit ${key(clash)} already holds part of an initial state`,
      );
    this.pieces.push(piece);
  }

  /**
   * The protocol's start: the initial state (probability 1, no outcomes), its qubits ordered as
   * the `setInitialState` calls named them, then the unnamed ones in party order.
   * @example
   * let status = net.initialStatus();
   */
  initialStatus(): LoccStatus {
    checkArity(arguments.length, 0, "LoccNet.initialStatus");
    return buildStatus(this.partyQubits, this.pieces, "LoccNet.initialStatus");
  }

  /**
   * A start with `state` on `qubits` in place of what `setInitialState` put there (every initial
   * state touching `qubits` must lie within them); the rest as in `initialStatus`. Paddle's
   * `reset_state` on the initial status: the same protocol run on another input.
   * @example
   * const other = net.startFrom(State.bell("psi-"), [["Alice", 0], ["Bob", 0]]);
   */
  startFrom(state: State | DensityMatrix, qubits: readonly QubitRef[]): LoccStatus {
    checkArity(arguments.length, 2, "LoccNet.startFrom");
    const piece = checkPiece(this.partyQubits, state, qubits, "LoccNet.startFrom");
    const mine = new Set(piece.qubits.map(key));
    const others = this.pieces.filter((p) => !p.qubits.some((r) => mine.has(key(r))));
    for (const p of this.pieces) {
      const inside = p.qubits.filter((r) => mine.has(key(r))).length;
      if (inside > 0 && inside < p.qubits.length)
        throw new ArgumentError(
          `LoccNet.startFrom: the initial state on ${p.qubits.map(key).join(", ")} is only partly among the qubits given`,
        );
    }
    return buildStatus(this.partyQubits, [...others, piece], "LoccNet.startFrom");
  }

  /**
   * A new trainable circuit of `party` on its own qubits (local indices 0..k-1), registered in
   * the network (listed by `parameters()`). Paddle's `create_ansatz`.
   * @example
   * const c = net.localCircuit("Alice", { seed: 1 });
   * c.u3("full");
   */
  localCircuit(party: string, options: CircuitOptions = {}): Circuit {
    checkArity(arguments.length, 2, "LoccNet.localCircuit");
    const k = this.partyQubits.get(party);
    if (k === undefined)
      throw new ArgumentError(`LoccNet.localCircuit: ${unknownParty(this.partyQubits, party)}`);
    const c = new Circuit(k, options); // checks the options
    this.owners.set(c, party);
    this.registerModule(`${party}.${this.circuitCount++}`, c);
    return c;
  }

  /**
   * Runs a party's local circuit (from `localCircuit`) on that party's qubits of a branch.
   * @example
   * status = net.apply(status, aliceCircuit);
   */
  apply(status: LoccStatus, circuit: Circuit): LoccStatus {
    checkArity(arguments.length, 2, "LoccNet.apply");
    checkStatus(status, "LoccNet.apply");
    const party = circuit instanceof Circuit ? this.owners.get(circuit) : undefined;
    if (party === undefined)
      throw new ArgumentError(
        `LoccNet.apply: circuit must come from this network's localCircuit, got ${describe(circuit)}`,
      );
    const own = Array.from({ length: circuit.nQubits }, (_, i) => [party, i] as const);
    const positions = positionsIn(status, own, "LoccNet.apply");
    return { ...status, state: applyOnQubits(status.state, circuit, positions) };
  }

  /**
   * Measures `qubits` (any parties', each locally) in the Z basis: one branch per outcome in
   * `outcomes` (bitstrings, character i for `qubits[i]`; "all" = every outcome of nonzero
   * probability), each with its probability multiplied in and its outcome appended. A listed
   * outcome of probability 0 is an `ArgumentError`.
   * @example
   * const branches = net.measure(status, [["Alice", 0], ["Alice", 1]]); // up to 4 branches
   */
  measure(
    status: LoccStatus,
    qubits: readonly QubitRef[],
    outcomes: readonly string[] | "all" = "all",
    options: LoccMeasureOptions = {},
  ): LoccStatus[] {
    checkArity(arguments.length, 4, "LoccNet.measure");
    checkOptions(options, LOCC_MEASURE_OPTIONS, "LoccNet.measure");
    checkStatus(status, "LoccNet.measure");
    const refs = checkRefs(this.partyQubits, qubits, "LoccNet.measure: qubits");
    const positions = positionsIn(status, refs, "LoccNet.measure");
    const k = positions.length;
    if (k === 0) throw new ArgumentError("LoccNet.measure: qubits must name at least one qubit");
    let list: string[];
    if (outcomes === "all") {
      const probs = status.state.probabilities(positions);
      list = [];
      for (let o = 0; o < 2 ** k; o++)
        if (probs[o]! > NEGLIGIBLE) list.push(o.toString(2).padStart(k, "0"));
    } else {
      if (!Array.isArray(outcomes) || outcomes.length === 0)
        throw new ArgumentError(
          `LoccNet.measure: outcomes must be "all" or a non-empty array of bitstrings, got ${describe(outcomes)}`,
        );
      list = [...outcomes];
    }
    const discard = options.discard === true;
    const kept = discard
      ? status.qubits.filter((_, i) => !positions.includes(i))
      : [...status.qubits];
    return list.map((outcome) => {
      const branch = projectOutcome(status.state, positions, outcome, { discard });
      return {
        state: branch.state,
        probability: mul(status.probability, branch.probability),
        qubits: kept,
        outcomes: [...status.outcomes, outcome],
      };
    });
  }

  /**
   * The branch reduced to `keep` (in that order), the other qubits traced out; same probability.
   * Paddle's `partial_state`.
   * @example
   * const pair = net.partialState(status, [["Alice", 0], ["Bob", 0]]);
   */
  partialState(status: LoccStatus, keep: readonly QubitRef[]): LoccStatus {
    checkArity(arguments.length, 2, "LoccNet.partialState");
    checkStatus(status, "LoccNet.partialState");
    const refs = checkRefs(this.partyQubits, keep, "LoccNet.partialState: keep");
    const positions = positionsIn(status, refs, "LoccNet.partialState");
    return { ...status, state: reduceDensity(status.state, positions), qubits: refs };
  }
}

function unknownParty(parties: ReadonlyMap<string, number>, party: unknown): string {
  return `unknown party ${describe(party)}; the parties are ${[...parties.keys()].map((p) => `"${p}"`).join(", ") || "none yet"}`;
}

/** Checks party qubit references: known party, index in range, no repeats. */
function checkRefs(
  parties: ReadonlyMap<string, number>,
  qubits: readonly QubitRef[],
  where: string,
): QubitRef[] {
  if (!Array.isArray(qubits))
    throw new ArgumentError(`${where}: expected [party, index] pairs, got ${describe(qubits)}`);
  const out: QubitRef[] = [];
  for (const given of qubits as readonly unknown[]) {
    if (!Array.isArray(given) || given.length !== 2)
      throw new ArgumentError(`${where}: expected a [party, index] pair, got ${describe(given)}`);
    const r = given as unknown as QubitRef;
    const k = parties.get(r[0]);
    if (k === undefined) throw new ArgumentError(`${where}: ${unknownParty(parties, r[0])}`);
    if (!Number.isInteger(r[1]) || r[1] < 0 || r[1] >= k)
      throw new ArgumentError(
        `${where}: ${describe(r[1])} is not a qubit of "${r[0]}" (it has ${k}: 0..${k - 1})`,
      );
    if (out.some((q) => key(q) === key(r)))
      throw new ArgumentError(`${where}: qubit ${key(r)} is named twice`);
    out.push([r[0], r[1]]);
  }
  return out;
}

/** Where each reference sits in the branch's state. */
function positionsIn(status: LoccStatus, refs: readonly QubitRef[], where: string): number[] {
  return refs.map((r) => {
    const i = status.qubits.findIndex((q) => key(q) === key(r));
    if (i < 0)
      throw new ArgumentError(
        `${where}: qubit ${key(r)} is not in this branch (measured with discard, or traced out)`,
      );
    return i;
  });
}

/** A checked initial-state piece: its matrix and its qubits. */
function checkPiece(
  parties: ReadonlyMap<string, number>,
  state: State | DensityMatrix,
  qubits: readonly QubitRef[],
  where: string,
): Piece {
  if (!(state instanceof State) && !(state instanceof DensityMatrix))
    throw new ArgumentError(
      `${where}: state must be a State or a DensityMatrix, got ${describe(state)}`,
    );
  if (state.batch !== 1)
    throw new ShapeError(`${where}: state has batch ${state.batch}, expected 1`);
  const refs = checkRefs(parties, qubits, `${where}: qubits`);
  if (refs.length !== state.nQubits)
    throw new ShapeError(
      `${where}: the state has ${state.nQubits} qubits but ${refs.length} are named`,
    );
  const rho = state instanceof State ? DensityMatrix.fromState(state) : state;
  return { matrix: rho.matrix(0), qubits: refs };
}

/** The product of `pieces`, then |0> on every qubit they leave out (in party order). */
function buildStatus(
  parties: ReadonlyMap<string, number>,
  pieces: readonly Piece[],
  where: string,
): LoccStatus {
  if (parties.size === 0) throw new ArgumentError(`${where}: add a party first (addParty)`);
  const named = pieces.flatMap((p) => p.qubits);
  const unnamed: QubitRef[] = [];
  for (const [name, k] of parties)
    for (let i = 0; i < k; i++)
      if (!named.some((r) => r[0] === name && r[1] === i)) unnamed.push([name, i]);
  let matrix: Float64Array = new Float64Array([1, 0]);
  for (const p of pieces) matrix = kron(matrix, p.matrix);
  for (let i = 0; i < unnamed.length; i++)
    matrix = kron(matrix, new Float64Array([1, 0, 0, 0, 0, 0, 0, 0]));
  return {
    state: DensityMatrix.fromMatrix(matrix, { check: false }),
    probability: fromData(new Float64Array([1]), [], "float64"),
    qubits: [...named, ...unnamed],
    outcomes: [],
  };
}

function key(r: QubitRef): string {
  return `${r[0]}[${r[1]}]`;
}

function checkStatus(status: LoccStatus, where: string): void {
  if (
    status === null ||
    typeof status !== "object" ||
    !(status.state instanceof DensityMatrix) ||
    !Array.isArray(status.qubits)
  )
    throw new ArgumentError(
      `${where}: status must be a LoccStatus (from initialStatus, apply or measure), got ${describe(status)}`,
    );
}

/**
 * sum over branches of probability * value(branch): Paddle's probability-weighted LOCC loss
 * (e.g. `value = 1 - fidelity` gives the average infidelity of the protocol).
 * @example
 * const loss = probabilityWeighted(branches, (s) => targetOverlap(s.state, target).neg().add(1));
 */
export function probabilityWeighted(
  statuses: readonly LoccStatus[],
  value: (status: LoccStatus) => Tensor,
): Tensor {
  checkArity(arguments.length, 2, "probabilityWeighted");
  checkStatuses(statuses, "probabilityWeighted");
  if (typeof value !== "function")
    throw new ArgumentError(
      `probabilityWeighted: value must be a function, got ${describe(value)}`,
    );
  return statuses.map((s) => mul(s.probability, value(s))).reduce((a, b) => add(a, b));
}

/**
 * sum of the branches' probabilities (the success probability of the branches kept).
 * @example
 * successProbability(net.measure(status, [["Alice", 1]], ["0"])).item();
 */
export function successProbability(statuses: readonly LoccStatus[]): Tensor {
  checkArity(arguments.length, 1, "successProbability");
  checkStatuses(statuses, "successProbability");
  return statuses.map((s) => s.probability).reduce((a, b) => add(a, b));
}

function checkStatuses(statuses: readonly LoccStatus[], where: string): void {
  if (!Array.isArray(statuses) || statuses.length === 0)
    throw new ArgumentError(
      `${where}: expected a non-empty array of LoccStatus branches, got ${describe(statuses)}`,
    );
  for (const s of statuses) checkStatus(s, where);
}
