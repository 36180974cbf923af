/**
 * The H2 VQE fixture several suites share: the Jordan-Wigner Hamiltonian of H2 (STO-3G, 0.735 A)
 * from the Psi4 reference, its FCI energy, and a 4-qubit RY/CNOT ansatz with 12 angles.
 */
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { loadReference } from "../../reference/load.js";

const ref = loadReference("h2-sto3g-0.735-integrals.json") as {
  e_fci: number;
  jw_interleaved: { pauli_coefficients: Record<string, number> };
};

/** The reference FCI energy (Hartree, electronic + nuclear as in the reference file). */
export const H2_FCI = ref.e_fci;

/** The 4-qubit Jordan-Wigner Hamiltonian (interleaved spin orbitals). */
export const H2_HAMILTONIAN = new Hamiltonian(
  Object.entries(ref.jw_interleaved.pauli_coefficients).map(
    ([k, v]) => [v, k.split(" ").join(", ")] as [number, string],
  ),
  { nQubits: 4 },
);

/** Three RY layers with CNOT chains between them, seeded angles. */
export function h2Ansatz(seed: number): Circuit {
  const c = new Circuit(4, { seed });
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  return c;
}
