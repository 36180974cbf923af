/**
 * Variational quantum state diagonalization (LaRose et al. 2019): train U so that U rho U^†
 * is diagonal; its diagonal is then rho's spectrum. The loss tr(U rho U^† H) for the diagonal
 * H = sum_j c_j Z_j with c_j = -2^(n-1-j) / 2^n (entries -(2^n - 1)/2^n + 2x/2^n, increasing
 * in the basis index x) is smallest, by the rearrangement inequality, when U rho U^† is diagonal
 * with its eigenvalues in decreasing order.
 */
import { ArgumentError, describe } from "../errors.js";
import { expecVal } from "../qml/expecval.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { flatParameters } from "../qml/vqe.js";
import { DensityMatrix } from "../quantum/density/density.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { noGrad } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { checkSizedAnsatz, type SizedAnsatz } from "./basis-inputs.js";

/** Options of {@link VQSD}: the optimizer and stopping rules. */
export type VQSDOptions = VariationalLoopOptions;

/** What {@link VQSD.run} returns. */
export interface VQSDResult extends VariationalLoopResult {
  /** The diagonal of U rho U^† at the final parameters: the eigenvalues, decreasing. */
  eigenvalues: number[];
  /** The final parameters, flattened. */
  parameters: number[];
}

/** The diagonal loss observable on n qubits: entries increasing with the basis index. */
function orderingHamiltonian(n: number): Hamiltonian {
  const terms: [number, string][] = [];
  for (let j = 0; j < n; j++) terms.push([-(2 ** (n - 1 - j)) / 2 ** n, `Z${j}`]);
  return new Hamiltonian(terms, { nQubits: n });
}

/**
 * VQSD: the spectrum of a density matrix from a circuit that diagonalizes it.
 * @example
 * const c = new Circuit(2, { seed: 1 });
 * c.universalTwoQubits([0, 1]);
 * const { eigenvalues } = new VQSD(rho, c).run(); // rho a 2-qubit DensityMatrix
 */
export class VQSD {
  /** The diagonal observable of the loss. */
  readonly hamiltonian: Hamiltonian;

  /**
   * @param rho - The density matrix to diagonalize.
   * @param ansatz - The circuit U on rho's qubits, trained in place.
   * @param options - The optimizer and stopping rules.
   */
  constructor(
    readonly rho: DensityMatrix,
    readonly ansatz: SizedAnsatz,
    readonly options: VQSDOptions = {},
  ) {
    checkArity(arguments.length, 3, "VQSD");
    if (!(rho instanceof DensityMatrix)) {
      throw new ArgumentError(`VQSD: rho must be a DensityMatrix, got ${describe(rho)}`);
    }
    checkSizedAnsatz(ansatz, "VQSD");
    if (ansatz.nQubits !== rho.nQubits) {
      throw new ArgumentError(
        `VQSD: the ansatz acts on ${ansatz.nQubits} qubits, rho has ${rho.nQubits}`,
      );
    }
    checkOptions(options, VARIATIONAL_LOOP_OPTIONS, "VQSD");
    loopSettings(options, "VQSD");
    this.hamiltonian = orderingHamiltonian(rho.nQubits);
  }

  /**
   * Trains U; returns the diagonal of U rho U^†.
   * @example
   * const { eigenvalues, converged } = vqsd.run();
   */
  run(): VQSDResult {
    checkArity(arguments.length, 0, "VQSD.run");
    const params = this.ansatz.parameters();
    const loop = minimizeVariational(
      params,
      () => expecVal(this.ansatz.forward(this.rho), this.hamiltonian),
      this.options,
      "VQSD",
    );
    const out = noGrad(() => this.ansatz.forward(this.rho));
    const eigenvalues = Array.from(out.probabilities());
    return { ...loop, eigenvalues, parameters: flatParameters(params) };
  }
}
