/**
 * Paddle Quantum's hardware-efficient ansatz: `depth` times a rotation layer on every qubit
 * followed by a linear chain of entanglers (CZ or CNOT on (0,1), (1,2), ...), then one more
 * rotation layer; started from the Hartree-Fock determinant. It does not conserve the particle
 * number, so the solver keeps it in the molecule's sector with a penalty on (N - N0)^2.
 */
import { ArgumentError, describe } from "../../errors.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import type { State } from "../../quantum/state/state.js";
import { toRng } from "../../random.js";
import { Parameter } from "../../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../../validate.js";
import type { Molecule } from "../molecule.js";
import {
  type ElectronicProblem,
  PROBLEM_OPTIONS,
  type ProblemOptions,
  problemFromSource,
} from "../problem.js";
import { hartreeFockState } from "./hf-state.js";
import type { Ansatz } from "./uccsd.js";

/** The single-qubit rotations of one layer. */
export type RotationType = "rx" | "ry" | "rz" | "ryrz" | "u3";

/** Options of {@link HardwareEfficient}. */
export interface HardwareEfficientOptions extends ProblemOptions {
  /** Entangling layers (default 3). */
  depth?: number;
  /** Rotation layer (default "ry": real amplitudes, enough for real Hamiltonians). */
  rotation?: RotationType;
  /** Entangler (default "cnot": from random starts it reached FCI for H2 more often than CZ under the sector penalty). */
  entangler?: "cz" | "cnot";
  /** Seed of the initial angles (default 1). */
  seed?: number;
  /**
   * Initial angles ~ Normal(0, initScale) (default 1). Small angles start next to the
   * Hartree-Fock state, which is a stationary point this ansatz rarely leaves.
   */
  initScale?: number;
}

const ROTATIONS: Record<RotationType, readonly ("rx" | "ry" | "rz" | "u3")[]> = {
  rx: ["rx"],
  ry: ["ry"],
  rz: ["rz"],
  ryrz: ["ry", "rz"],
  u3: ["u3"],
};

const HEA_OPTIONS = mergeKeys(
  PROBLEM_OPTIONS,
  optionKeys<Omit<HardwareEfficientOptions, keyof ProblemOptions>>({
    depth: true,
    rotation: true,
    entangler: true,
    seed: true,
    initScale: true,
  }),
);

/**
 * The hardware-efficient ansatz for a molecule (or a prepared problem).
 * @example
 * const hea = new HardwareEfficient(Molecule.fromName("h2"), { depth: 2, entangler: "cz" });
 * const e = expecVal(hea.forward(), hea.problem.hamiltonian);
 */
export class HardwareEfficient implements Ansatz {
  /** Always "hea". */
  readonly name = "hea";
  /** The molecule's problem: Hamiltonian, mapping, reference. */
  readonly problem: ElectronicProblem;
  /** The parameterized circuit applied to the Hartree-Fock state. */
  readonly circuit: Circuit;
  /** Number of rotation + entangler layers (a final rotation layer follows). */
  readonly depth: number;
  /** The rotation layer kind. */
  readonly rotation: RotationType;
  /** The entangling gate. */
  readonly entangler: "cz" | "cnot";
  /** Always false: HEA states leave the particle-number sector. */
  readonly conservesParticles = false;
  private readonly reference: State;

  constructor(source: Molecule | ElectronicProblem, options: HardwareEfficientOptions = {}) {
    checkArity(arguments.length, 2, "HardwareEfficient");
    checkOptions(options, HEA_OPTIONS, "HardwareEfficient");
    this.problem = problemFromSource(source, options, "HardwareEfficient");
    const depth = options.depth ?? 3;
    if (!Number.isInteger(depth) || depth < 0) {
      throw new ArgumentError(
        `HardwareEfficient: depth must be an integer >= 0, got ${describe(depth)}`,
      );
    }
    const rotation = options.rotation ?? "ry";
    if (!(rotation in ROTATIONS)) {
      throw new ArgumentError(
        `HardwareEfficient: rotation must be one of ${Object.keys(ROTATIONS).join(", ")}, got ${describe(rotation)}`,
      );
    }
    const entangler = options.entangler ?? "cnot";
    if (entangler !== "cz" && entangler !== "cnot") {
      throw new ArgumentError(
        `HardwareEfficient: entangler must be "cz" or "cnot", got ${describe(entangler)}`,
      );
    }
    const scale = options.initScale ?? 1;
    if (!(scale >= 0) || !Number.isFinite(scale)) {
      throw new ArgumentError(
        `HardwareEfficient: initScale must be a number >= 0, got ${describe(scale)}`,
      );
    }
    this.depth = depth;
    this.rotation = rotation;
    this.entangler = entangler;
    const n = this.problem.nQubits;
    const rng = toRng(options.seed ?? 1);
    const c = new Circuit(n, { seed: options.seed ?? 1 });
    const layer = (): void => {
      for (const g of ROTATIONS[rotation]) {
        const k = g === "u3" ? 3 : 1;
        const values = new Float64Array(n * k);
        for (let i = 0; i < values.length; i++) values[i] = scale * rng.normal();
        c[g]("full", { param: new Parameter(values, [1, n, k]) });
      }
    };
    for (let d = 0; d < depth; d++) {
      layer();
      if (n > 1) {
        const pairs = Array.from({ length: n - 1 }, (_, q) => [q, q + 1]);
        if (entangler === "cz") c.cz(pairs);
        else c.cnot(pairs);
      }
    }
    layer();
    this.circuit = c;
    this.reference = hartreeFockState(this.problem);
  }

  /** Number of qubits of the problem. */
  get nQubits(): number {
    return this.problem.nQubits;
  }

  /** Number of rotation angles. */
  get nParameters(): number {
    return this.circuit.parameters().reduce((s, p) => s + p.size, 0);
  }

  /** The trainable angles (the circuit's parameters). */
  parameters(): Parameter[] {
    return this.circuit.parameters();
  }

  /** The circuit applied to the Hartree-Fock state. @example hea.forward().probabilities(); */
  forward(): State {
    return this.circuit.forward(this.reference);
  }
}
