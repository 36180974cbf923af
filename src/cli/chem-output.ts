/**
 * The text `qoar chem` prints: what was computed (geometry or its source, charge, multiplicity,
 * reference determinant, nuclear repulsion) and the energies, each under its right name: FCI in
 * a reduced orbital space is CASCI(n, m), and a method that did not run has no line.
 */
import type { Dipole } from "../chem/dipole.js";
import type { GroundStateSolverResult } from "../chem/groundstate.js";
import { BOHR_IN_ANGSTROM, type Molecule } from "../chem/molecule.js";

/**
 * "FCI" when every orbital is active, else "CASCI(n, m)" for n electrons in m active orbitals.
 * @example
 * exactLabel({ activeElectrons: 2, activeOrbitals: 3, frozenCore: 1, nMolecularOrbitals: 6 }); // "CASCI(2, 3)"
 */
export function exactLabel(
  r: Pick<
    GroundStateSolverResult,
    "activeElectrons" | "activeOrbitals" | "frozenCore" | "nMolecularOrbitals"
  >,
): string {
  const full = r.frozenCore === 0 && r.activeOrbitals === r.nMolecularOrbitals;
  return full ? "FCI" : `CASCI(${r.activeElectrons}, ${r.activeOrbitals})`;
}

function spinName(multiplicity: number): string {
  const names = ["singlet", "doublet", "triplet", "quartet", "quintet"];
  return names[multiplicity - 1] ?? `2S+1 = ${multiplicity}`;
}

/**
 * The molecule block: name, basis, where it came from, its atoms in Angstrom, charge and
 * multiplicity. Each line starts with a label padded to `width`.
 * @example
 * moleculeLines(Molecule.fromName("h2"), "bundled molecule h2", 13)[0];
 * // "Molecule     h2 (sto-3g), bundled molecule h2"
 */
export function moleculeLines(mol: Molecule, source: string, width: number): string[] {
  const label = (l: string) => l.padEnd(width);
  const coord = (v: number) => (v * BOHR_IN_ANGSTROM).toFixed(6).padStart(12);
  return [
    `${label("Molecule")}${mol.name} (${mol.basis}), ${source}`,
    `${label("Geometry")}Angstrom, ${mol.atoms.length} atoms`,
    ...mol.atoms.map((a) => `  ${a.symbol.padEnd(3)}${coord(a.x)}${coord(a.y)}${coord(a.z)}`),
    `${label("Charge")}${mol.charge}, multiplicity ${mol.multiplicity} (${spinName(mol.multiplicity)})`,
  ];
}

function ha(e: number): string {
  return `${e.toFixed(10)} Ha`;
}

/**
 * What `qoar chem ground-state` prints without --json. Energies are totals (electronic plus
 * nuclear repulsion); the correlation energy is measured from the reference determinant.
 * @example
 * process.stdout.write(groundStateText(vqe(mol), mol, "bundled molecule h2"));
 */
export function groundStateText(r: GroundStateSolverResult, mol: Molecule, source: string): string {
  const exact = exactLabel(r);
  const ref = r.reference.toUpperCase();
  const width = Math.max(13, exact.length + 2);
  const label = (l: string) => l.padEnd(width);
  const lines = moleculeLines(mol, source, width);
  lines.push(
    `${label("Reference")}${ref}, ${r.nMolecularOrbitals} spatial orbitals`,
    `${label("Nuclear rep.")}${ha(r.nuclearRepulsion)} (included in every energy below)`,
    `${label("Qubits")}${r.nQubits} (${r.mapping}${r.taperedFrom === undefined ? "" : `, tapered from ${r.taperedFrom}`})${r.hamiltonianTerms === undefined ? "" : `, ${r.hamiltonianTerms} Pauli terms`}`,
    `${label("Active")}${r.activeElectrons} electrons in ${r.activeOrbitals} orbitals (${r.frozenCore} frozen core): ${exact}`,
    `${label(ref)}${ha(r.hfEnergy)}`,
  );
  if (r.method === "vqe" && r.vqeEnergy !== undefined) {
    lines.push(
      `${label("VQE")}${ha(r.vqeEnergy)}  (${r.ansatz}, ${r.nParameters} parameters, ${r.optimizer}, ${r.iterations} iterations${r.converged ? "" : ", not converged"})`,
    );
  }
  lines.push(
    `${label(exact)}${r.fciEnergy === undefined ? "not computed (--no-fci)" : ha(r.fciEnergy)}`,
  );
  // the correlation energy of the best answer there is, and of VQE beside it
  const best = r.fciEnergy ?? r.vqeEnergy;
  if (best !== undefined) {
    const bestName = r.fciEnergy !== undefined ? exact : "VQE";
    const vqeToo =
      r.method === "vqe" && r.vqeEnergy !== undefined && r.fciEnergy !== undefined
        ? `; VQE ${(r.vqeEnergy - r.hfEnergy).toFixed(10)} Ha`
        : "";
    lines.push(`${label("Correlation")}${ha(best - r.hfEnergy)} (${bestName} - ${ref})${vqeToo}`);
  }
  if (r.method === "vqe" && r.error !== undefined) {
    lines.push(`${label(`VQE - ${exact}`)}${r.error.toExponential(3)} Ha`);
  }
  if (r.dipole !== undefined) {
    lines.push(
      `${label("Dipole")}${dipoleText(r.dipole)}  (${r.method === "vqe" ? "VQE" : exact} state)`,
    );
  }
  if (r.spinSquared !== undefined) lines.push(`${label("<S^2>")}${spinText(r.spinSquared)}`);
  const t = r.timings;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const stages = [
    `SCF ${ms(t.scf)}`,
    `${r.method === "vqe" ? "Hamiltonian" : "integrals"} ${ms(t.hamiltonian)}`,
    ...(r.method === "vqe" ? [`VQE ${ms(t.vqe)}`] : []),
    ...(r.fciEnergy === undefined ? [] : [`${exact} ${ms(t.fci)}`]),
    `total ${ms(t.total)}`,
  ];
  lines.push(`${label("Times")}${stages.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * A dipole for the JSON outputs: `dipole` as [x, y, z] in Debye, `dipoleMagnitude` in Debye,
 * and `dipoleNote` for ions (their dipole depends on the origin).
 * @example dipoleFields(scf.dipole); // { dipole: [0, 0, -1.7253], dipoleMagnitude: 1.7253 }
 */
export function dipoleFields(d: Dipole | undefined): {
  dipole?: [number, number, number];
  dipoleMagnitude?: number;
  dipoleNote?: string;
} {
  if (d === undefined) return {};
  return {
    dipole: d.vectorDebye,
    dipoleMagnitude: d.debye,
    ...(d.note === undefined ? {} : { dipoleNote: d.note }),
  };
}

/**
 * A dipole as one line of text: components and length in Debye, about the origin.
 * @example dipoleText(scf.dipole); // "(0.0000, 0.0000, -1.7253) D, |mu| = 1.7253 D about the origin"
 */
export function dipoleText(d: Dipole): string {
  const v = d.vectorDebye.map((c) => (Math.abs(c) < 5e-5 ? 0 : c).toFixed(4)).join(", ");
  return `(${v}) D, |mu| = ${d.debye.toFixed(4)} D about the origin${d.note === undefined ? "" : " (ion: origin-dependent)"}`;
}

/**
 * <S^2> to 6 decimals, without a "-0.000000" from round-off.
 * @example spinText(-1e-12); // "0.000000"
 */
export function spinText(s2: number): string {
  return (Math.abs(s2) < 5e-7 ? 0 : s2).toFixed(6);
}
