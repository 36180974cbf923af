/**
 * A molecule's energy in a given state estimated from a classical shadow, with a confidence
 * interval: the measurement budget of a chemistry calculation. The problem's qubit Hamiltonian
 * includes the constant (nuclear repulsion and frozen-core energy), so the estimate is the total
 * energy in Hartree.
 */
import { ArgumentError, describe } from "../errors.js";
import type { ShadowEstimate } from "../qinfo/shadow/shadow.js";
import { type ExpecValShadowOptions, expecValShadow } from "../qml/shadow-expecval.js";
import { State } from "../quantum/state/state.js";
import { checkArity } from "../validate.js";
import type { ElectronicProblem } from "./problem.js";

/**
 * The shadow estimate of <psi|H|psi> for the problem's qubit Hamiltonian (Hartree).
 * @example
 * const problem = electronicProblem(Molecule.fromName("h2"));
 * const psi = problem.hamiltonian.groundState().state;
 * shadowEnergy(problem, psi, { snapshots: 10000, seed: 1, sampling: "lbcs" }).confidenceInterval;
 */
export function shadowEnergy(
  problem: ElectronicProblem,
  state: State,
  options: ExpecValShadowOptions,
): ShadowEstimate {
  checkArity(arguments.length, 3, "shadowEnergy");
  if (
    problem === null ||
    typeof problem !== "object" ||
    typeof problem.nQubits !== "number" ||
    !problem.hamiltonian
  )
    throw new ArgumentError(
      `shadowEnergy: problem must be an electronic problem (electronicProblem(...)), got ${describe(problem)}`,
    );
  if (!(state instanceof State) || state.nQubits !== problem.nQubits)
    throw new ArgumentError(
      `shadowEnergy: state must be a State of the problem's ${problem.nQubits} qubits, got ${
        state instanceof State ? `${state.nQubits} qubits` : describe(state)
      }`,
    );
  return expecValShadow(state, problem.hamiltonian, options);
}
