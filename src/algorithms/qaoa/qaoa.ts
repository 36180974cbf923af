/**
 * QAOA on a diagonal cost Hamiltonian (Z and ZZ terms, e.g. from the builders in ising.ts):
 * p layers of exp(-i gamma H_C) then the RX mixer, from |+>^n. Two parameterizations:
 * "shared", one (gamma, beta) per layer (the circuit's qaoaLayer with the cost's weights), and
 * "per-term", Paddle Quantum's, one angle per ZZ term, per Z term and per mixer qubit in every
 * layer. Objectives: the energy <H_C>, CVaR_alpha or the Gibbs objective.
 */
import { ArgumentError, describe } from "../../errors.js";
import { expecVal } from "../../qml/expecval.js";
import { probabilities } from "../../qml/losses.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import { Hamiltonian } from "../../quantum/operators/hamiltonian.js";
import type { State } from "../../quantum/state/state.js";
import { noGrad, type Tensor } from "../../tensor/index.js";
import { Parameter } from "../../tensor/nn/parameter.js";
import { Adam } from "../../tensor/optim/adaptive.js";
import { LBFGS } from "../../tensor/optim/lbfgs.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { cvar, gibbsObjective } from "./objectives.js";

/** Options of `QAOA`. */
export interface QAOAOptions {
  /** Number of layers p (default 1). */
  depth?: number;
  /** "shared" (one gamma and one beta per layer, the default) or "per-term" (Paddle's). */
  parameters?: "shared" | "per-term";
  /** Starting (gamma, beta) per layer (default a linear ramp, gamma up and beta down). */
  init?: readonly (readonly [number, number])[];
}

const QAOA_OPTIONS = optionKeys<QAOAOptions>({ depth: true, parameters: true, init: true });

/** What `QAOA.optimize` minimizes and how. */
export interface QAOAOptimizeOptions {
  /** "energy" (<H_C>, default), "cvar" or "gibbs". */
  objective?: "energy" | "cvar" | "gibbs";
  /** CVaR's tail fraction in (0, 1] (default 0.25). */
  alpha?: number;
  /** The Gibbs objective's inverse temperature (default 1). */
  eta?: number;
  /** "lbfgs" (default) or "adam". */
  optimizer?: "lbfgs" | "adam";
  /** Iterations (default 100). */
  steps?: number;
  /** Adam's learning rate (default 0.05). */
  lr?: number;
  /** Called after each Adam step (or L-BFGS evaluation) with the objective. */
  onStep?: (step: number, loss: number) => void;
}

const OPTIMIZE_OPTIONS = optionKeys<QAOAOptimizeOptions>({
  objective: true,
  alpha: true,
  eta: true,
  optimizer: true,
  steps: true,
  lr: true,
  onStep: true,
});

/** A decoded bitstring: its cost (the Hamiltonian's diagonal) and probability. */
export interface QAOASolution {
  readonly bits: string;
  readonly cost: number;
  readonly probability: number;
}

/** Splits a diagonal Hamiltonian into ZZ couplings, Z fields and a constant; refuses the rest. */
function isingParts(H: Hamiltonian) {
  const n = H.nQubits;
  const pairs: [number, number][] = [];
  const weights: number[] = [];
  const fields = new Array<number>(n).fill(0);
  let constant = 0;
  for (const t of H.terms) {
    if (t.letters.some((l) => l !== "Z") || t.qubits.length > 2)
      throw new ArgumentError(
        `QAOA: the cost Hamiltonian must hold only Z and ZZ terms, got the term ${t.coefficient} ${t.letters.map((l, i) => `${l}${t.qubits[i]}`).join(" ")}`,
      );
    if (t.qubits.length === 0) constant += t.coefficient;
    else if (t.qubits.length === 1) fields[t.qubits[0]!]! += t.coefficient;
    else {
      pairs.push([t.qubits[0]!, t.qubits[1]!]);
      weights.push(t.coefficient);
    }
  }
  return { n, pairs, weights, fields, constant };
}

/**
 * QAOA for a diagonal cost Hamiltonian (minimized).
 * @example
 * const qaoa = new QAOA(maxCutHamiltonian(randomRegularGraph(8, 3, { seed: 1 })), { depth: 2 });
 * qaoa.optimize();
 * qaoa.approximationRatio(); // <C> / C_max for MaxCut
 * qaoa.best().bits;
 */
export class QAOA {
  readonly hamiltonian: Hamiltonian;
  readonly depth: number;
  readonly parameterization: "shared" | "per-term";
  /** The ansatz (|+>^n then the layers); its parameters are the angles. */
  readonly circuit: Circuit;
  /** The cost of every bitstring (index i = bitstring i, qubit 0 the leftmost bit). */
  readonly costs: Float64Array;

  constructor(hamiltonian: Hamiltonian, options: QAOAOptions = {}) {
    checkArity(arguments.length, 2, "QAOA");
    checkOptions(options, QAOA_OPTIONS, "QAOA");
    if (!(hamiltonian instanceof Hamiltonian))
      throw new ArgumentError(
        `QAOA: hamiltonian must be a Hamiltonian, got ${describe(hamiltonian)}`,
      );
    const depth = options.depth ?? 1;
    if (!Number.isInteger(depth) || depth < 1)
      throw new ArgumentError(`QAOA: depth must be a positive integer, got ${describe(depth)}`);
    const kind = options.parameters ?? "shared";
    if (kind !== "shared" && kind !== "per-term")
      throw new ArgumentError(
        `QAOA: parameters must be "shared" or "per-term", got ${describe(kind)}`,
      );
    const parts = isingParts(hamiltonian);
    if (parts.n > 24) throw new ArgumentError(`QAOA: ${parts.n} qubits is too many (at most 24)`);
    const init = options.init ?? rampAngles(depth);
    if (
      !Array.isArray(init) ||
      init.length !== depth ||
      !init.every((a) => Array.isArray(a) && a.length === 2 && a.every(Number.isFinite))
    )
      throw new ArgumentError(
        `QAOA: init must be ${depth} finite [gamma, beta] pairs, got ${describe(init)}`,
      );
    this.hamiltonian = hamiltonian;
    this.depth = depth;
    this.parameterization = kind;
    this.costs = diagonalCosts(parts);
    this.circuit = kind === "shared" ? sharedCircuit(parts, init) : perTermCircuit(parts, init);
  }

  /** The QAOA state at the current angles. @example qaoa.state().measure(100, { seed: 1 }) */
  state(): State {
    checkArity(arguments.length, 0, "QAOA.state");
    return this.circuit.forward();
  }

  /**
   * The objective at the current angles, a scalar tensor to backpropagate.
   * @example qaoa.loss({ objective: "cvar", alpha: 0.1 }).backward()
   */
  loss(options: Pick<QAOAOptimizeOptions, "objective" | "alpha" | "eta"> = {}): Tensor {
    checkArity(arguments.length, 1, "QAOA.loss");
    checkOptions(options, LOSS_OPTIONS, "QAOA.loss");
    const objective = options.objective ?? "energy";
    const psi = this.circuit.forward();
    if (objective === "energy") return expecVal(psi, this.hamiltonian);
    if (objective === "cvar") return cvar(probabilities(psi), this.costs, options.alpha ?? 0.25);
    if (objective === "gibbs")
      return gibbsObjective(probabilities(psi), this.costs, options.eta ?? 1);
    throw new ArgumentError(
      `QAOA.loss: objective must be "energy", "cvar" or "gibbs", got ${describe(objective)}`,
    );
  }

  /**
   * Minimizes the objective over the angles; returns the final objective and its history.
   * @example
   * const { loss } = qaoa.optimize({ objective: "gibbs", eta: 2 });
   */
  optimize(options: QAOAOptimizeOptions = {}): { loss: number; history: number[] } {
    checkArity(arguments.length, 1, "QAOA.optimize");
    checkOptions(options, OPTIMIZE_OPTIONS, "QAOA.optimize");
    const steps = options.steps ?? 100;
    if (!Number.isInteger(steps) || steps < 1)
      throw new ArgumentError(
        `QAOA.optimize: steps must be a positive integer, got ${describe(steps)}`,
      );
    if (options.onStep !== undefined && typeof options.onStep !== "function")
      throw new ArgumentError(
        `QAOA.optimize: onStep must be a function, got ${describe(options.onStep)}`,
      );
    const which = { objective: options.objective, alpha: options.alpha, eta: options.eta };
    this.loss(which); // validates the objective before any step
    const history: number[] = [];
    const params = this.circuit.parameters();
    const evaluate = (opt: { zeroGrad(): void }): number => {
      opt.zeroGrad();
      const l = this.loss(which);
      l.backward();
      const v = l.item();
      history.push(v);
      options.onStep?.(history.length, v);
      return v;
    };
    const name = options.optimizer ?? "lbfgs";
    if (name === "lbfgs") {
      const opt = new LBFGS(params, { lr: 1, maxIter: steps, lineSearchFn: "strong_wolfe" });
      opt.step(() => evaluate(opt));
    } else if (name === "adam") {
      const opt = new Adam(params, { lr: options.lr ?? 0.05 });
      for (let s = 0; s < steps; s++) {
        evaluate(opt);
        opt.step();
      }
    } else {
      throw new ArgumentError(
        `QAOA.optimize: optimizer must be "lbfgs" or "adam", got ${describe(name)}`,
      );
    }
    return { loss: noGrad(() => this.loss(which).item()), history };
  }

  /** The exact energy <H_C> at the current angles. @example qaoa.expectation() */
  expectation(): number {
    checkArity(arguments.length, 0, "QAOA.expectation");
    return noGrad(() => expecVal(this.circuit.forward(), this.hamiltonian).item());
  }

  /** The outcome probabilities (index = bitstring). @example qaoa.probabilities()[0] */
  probabilities(): Float64Array {
    checkArity(arguments.length, 0, "QAOA.probabilities");
    return Float64Array.from(noGrad(() => probabilities(this.circuit.forward())).data);
  }

  /**
   * (E_max - <E>) / (E_max - E_min) over all bitstrings: for MaxCut (E_max = 0) this is <C> / C_max.
   * @example qaoa.approximationRatio(); // 1 when all mass sits on optimal cuts
   */
  approximationRatio(): number {
    checkArity(arguments.length, 0, "QAOA.approximationRatio");
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const c of this.costs) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
    return hi === lo ? 1 : (hi - this.expectation()) / (hi - lo);
  }

  /**
   * The best bitstring: the lowest-cost one among `shots` seeded samples, or without `shots` the
   * most probable one.
   * @example qaoa.best({ shots: 1000, seed: 1 }).bits
   */
  best(options: { shots?: number; seed?: number } = {}): QAOASolution {
    checkArity(arguments.length, 1, "QAOA.best");
    checkOptions(options, BEST_OPTIONS, "QAOA.best");
    const p = this.probabilities();
    const n = this.hamiltonian.nQubits;
    let pick = 0;
    if (options.shots === undefined) {
      for (let i = 1; i < p.length; i++) if (p[i]! > p[pick]!) pick = i;
    } else {
      const counts = this.circuit
        .forward()
        .measure(options.shots, { seed: options.seed }) as Record<string, number>;
      let bestCost = Number.POSITIVE_INFINITY;
      for (const bits of Object.keys(counts)) {
        const i = Number.parseInt(bits, 2);
        if (this.costs[i]! < bestCost) {
          bestCost = this.costs[i]!;
          pick = i;
        }
      }
    }
    return {
      bits: pick.toString(2).padStart(n, "0"),
      cost: this.costs[pick]!,
      probability: p[pick]!,
    };
  }

  /** The exact optimum by enumeration (lowest cost; the first such bitstring). @example qaoa.bruteForce().cost */
  bruteForce(): { bits: string; cost: number } {
    checkArity(arguments.length, 0, "QAOA.bruteForce");
    let pick = 0;
    for (let i = 1; i < this.costs.length; i++) if (this.costs[i]! < this.costs[pick]!) pick = i;
    return {
      bits: pick.toString(2).padStart(this.hamiltonian.nQubits, "0"),
      cost: this.costs[pick]!,
    };
  }
}

const LOSS_OPTIONS = optionKeys<Pick<QAOAOptimizeOptions, "objective" | "alpha" | "eta">>({
  objective: true,
  alpha: true,
  eta: true,
});
const BEST_OPTIONS = optionKeys<{ shots?: number; seed?: number }>({ shots: true, seed: true });

type IsingParts = ReturnType<typeof isingParts>;

/** A linear ramp, |gamma| up and |beta| down (annealing-like; the signs suit a cost to minimize). */
function rampAngles(depth: number): [number, number][] {
  return Array.from({ length: depth }, (_, k) => {
    const s = (k + 0.5) / depth;
    return [0.8 * s, -0.8 * (1 - s)];
  });
}

function diagonalCosts(parts: IsingParts): Float64Array {
  const { n, pairs, weights, fields, constant } = parts;
  const out = new Float64Array(2 ** n);
  for (let i = 0; i < out.length; i++) {
    const z = (q: number) => 1 - 2 * ((i >> (n - 1 - q)) & 1);
    let e = constant;
    for (let q = 0; q < n; q++) if (fields[q] !== 0) e += fields[q]! * z(q);
    pairs.forEach(([a, b], k) => {
      e += weights[k]! * z(a) * z(b);
    });
    out[i] = e;
  }
  return out;
}

function sharedCircuit(parts: IsingParts, init: readonly (readonly [number, number])[]): Circuit {
  const c = new Circuit(parts.n);
  c.superpositionLayer();
  const param = new Parameter(Float64Array.from(init.flat()), [init.length, 2]);
  c.qaoaLayer(parts.pairs, {
    depth: init.length,
    param,
    weights: parts.weights,
    fields: parts.fields,
  });
  return c;
}

/** One angle per cost term and per mixer qubit in each layer, started at the shared angles. */
function perTermCircuit(parts: IsingParts, init: readonly (readonly [number, number])[]): Circuit {
  const { n, pairs, weights, fields } = parts;
  const c = new Circuit(n);
  c.superpositionLayer();
  const fieldQubits = fields.flatMap((h, q) => (h === 0 ? [] : [q]));
  for (const [gamma, beta] of init) {
    if (pairs.length > 0) {
      const angles = Float64Array.from(weights, (w) => 2 * gamma * w);
      c.rzz(pairs, { param: new Parameter(angles, [1, pairs.length, 1]) });
    }
    if (fieldQubits.length > 0) {
      const angles = Float64Array.from(fieldQubits, (q) => 2 * gamma * fields[q]!);
      c.rz(fieldQubits, { param: new Parameter(angles, [1, fieldQubits.length, 1]) });
    }
    c.rx("full", { param: new Parameter(new Float64Array(n).fill(2 * beta), [1, n, 1]) });
  }
  return c;
}
