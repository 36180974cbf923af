/**
 * An excitation as Pauli rotations: its anti-Hermitian generator T - T† mapped to qubits,
 * A = i Σ_k c_k P_k with real c_k and commuting strings, so exp(θ A) is exactly the product of
 * exp(-i (-2 c_k θ) P_k / 2). Every excitation ansatz (UCCSD, k-UpCCGSD, ADAPT-VQE) builds its
 * rotation program through this one function.
 *
 * Two flavours: "fermionic" keeps the mapping's parity strings (the true fermionic excitation);
 * "qubit" (Jordan-Wigner only) drops the Z strings between the excited qubits, which leaves the
 * qubit excitation of Yordanov et al. (the Givens rotations of `quantum/gates/givens.ts`):
 * cheaper circuits, the same particle-number and Sz sector.
 */
import type { PauliLetter, PauliString } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import { pauliRotationGate } from "../../quantum/gates/table.js";
import type { State } from "../../quantum/state/state.js";
import type { Parameter } from "../../tensor/index.js";
import { checkArity } from "../../validate.js";
import type { ElectronicProblem } from "../problem.js";
import { type Excitation, excitationGenerator } from "./excitations.js";
import { prepareHartreeFock } from "./hf-state.js";
import { type PauliRotationStep, runRotationProgram } from "./rotation-program.js";

/** Fermionic excitations (parity strings kept) or qubit excitations (Z strings dropped). */
export type ExcitationFlavour = "fermionic" | "qubit";

/** Label "X0, Y1, Z3" as a PauliString. */
function parseLabel(label: string): { qubits: number[]; letters: PauliLetter[] } {
  const qubits: number[] = [];
  const letters: PauliLetter[] = [];
  for (const part of label.split(", ")) {
    letters.push(part[0] as PauliLetter);
    qubits.push(Number(part.slice(1)));
  }
  return { qubits, letters };
}

/** The string without its Z letters (the Jordan-Wigner parity string of an excitation). */
function withoutZ(p: PauliString): PauliString {
  const qubits: number[] = [];
  const letters: PauliLetter[] = [];
  p.letters.forEach((l, i) => {
    if (l === "Z") return;
    qubits.push(p.qubits[i]!);
    letters.push(l);
  });
  return { qubits, letters };
}

/**
 * The rotations of exp(scale θ[param] (T - T†)) for one excitation under the problem's mapping.
 * @example
 * const steps = excitationRotations(problem, { kind: "single", from: [0], to: [2] }, 0);
 */
export function excitationRotations(
  problem: ElectronicProblem,
  excitation: Excitation,
  param: number,
  scale = 1,
  flavour: ExcitationFlavour = "fermionic",
): PauliRotationStep[] {
  checkArity(arguments.length, 5, "excitationRotations");
  if (problem === null || typeof problem !== "object" || typeof problem.map !== "function")
    throw new ArgumentError(
      `excitationRotations: problem must be an ElectronicProblem (electronicProblem(molecule)), got ${describe(problem)}`,
    );
  if (!Number.isInteger(param) || param < 0)
    throw new ArgumentError(
      `excitationRotations: param must be a parameter index (integer >= 0), got ${describe(param)}`,
    );
  if (typeof scale !== "number" || !Number.isFinite(scale))
    throw new ArgumentError(
      `excitationRotations: scale must be a finite number, got ${describe(scale)}`,
    );
  if (flavour !== "fermionic" && flavour !== "qubit")
    throw new ArgumentError(
      `excitation flavour must be "fermionic" or "qubit", got ${describe(flavour)}`,
    );
  if (flavour === "qubit" && problem.mapping !== "jordan-wigner")
    throw new ArgumentError(
      `qubit excitations need the Jordan-Wigner mapping (qubit = spin orbital), got ${describe(problem.mapping)}`,
    );
  const steps: PauliRotationStep[] = [];
  for (const t of problem.map(excitationGenerator(excitation)).pauliTerms(1e-12)) {
    if (Math.abs(t.re) > 1e-10) {
      throw new ArgumentError(
        `the mapped generator of ${JSON.stringify(excitation)} has a real part on ${t.label}; it is not anti-Hermitian`,
      );
    }
    if (t.label === "I") continue;
    const pauli = parseLabel(t.label);
    steps.push({
      pauli: flavour === "qubit" ? withoutZ(pauli) : pauli,
      param,
      scale: -2 * t.im * scale,
    });
  }
  return steps;
}

/**
 * A rotation program as a `Circuit`: X gates for the Hartree-Fock reference, then one
 * `pauli_rotation` gate per step reading `theta[step.param]` times its scale.
 * @example
 * const c = rotationCircuit(problem, ansatz.steps, ansatz.theta);
 */
export function rotationCircuit(
  problem: ElectronicProblem,
  steps: readonly PauliRotationStep[],
  theta: Parameter,
): Circuit {
  checkArity(arguments.length, 3, "rotationCircuit");
  if (problem === null || typeof problem !== "object" || !Array.isArray(steps))
    throw new ArgumentError(
      `rotationCircuit: expected (problem, steps, theta), got ${describe(problem)}, ${describe(steps)}`,
    );
  const c = new Circuit(problem.nQubits);
  prepareHartreeFock(c, problem);
  for (const s of steps) {
    c.addOperation(pauliRotationGate(s.pauli.letters), s.pauli.qubits, [
      { kind: "param", param: theta, index: s.param, scale: s.scale },
    ]);
  }
  return c;
}

/**
 * What UCCSD and k-UpCCGSD share: a Hartree-Fock reference and Pauli rotations that read one
 * amplitude tensor, run on the backend's Pauli kernels (`forward`, with an adjoint backward into
 * `theta`) or written as a `Circuit` (`circuit`).
 */
export abstract class RotationProgramAnsatz {
  /** The molecule's problem: Hamiltonian, mapping, reference. */
  abstract readonly problem: ElectronicProblem;
  /** The Pauli rotations in order of application; `param` indexes the flattened `theta`. */
  abstract readonly steps: readonly PauliRotationStep[];
  /** The trainable amplitudes. */
  abstract readonly theta: Parameter;

  /** Number of qubits (the problem's). */
  get nQubits(): number {
    return this.problem.nQubits;
  }

  /** The trainable amplitudes. @example new Adam(ansatz.parameters(), { lr: 0.05 }); */
  parameters(): Parameter[] {
    return [this.theta];
  }

  /**
   * The ansatz state, simulated on the backend's Pauli kernels (no dense generators), with an
   * adjoint backward into `theta`.
   * @example const e = expecVal(ansatz.forward(), ansatz.problem.hamiltonian);
   */
  forward(): State {
    return runRotationProgram(this.nQubits, this.problem.hartreeFockBits, this.steps, this.theta);
  }

  /**
   * The same ansatz as a `Circuit` (X gates for the reference, then one `pauli_rotation` gate per
   * string, sharing `theta`), for drawing, export and the generic circuit tools. Pauli rotations
   * run on bit-mask kernels in both directions, so this works at any size; `forward()` is the
   * leaner path (its own gradient, no autograd graph).
   * @example console.log(new UCCSD(Molecule.fromName("h2")).circuit().toString());
   */
  circuit(): Circuit {
    return rotationCircuit(this.problem, this.steps, this.theta);
  }
}
