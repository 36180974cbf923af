/**
 * Job kind "chem.ground-state": one chemistry single point, `vqe(molecule, options)` (VQE or
 * FCI, with the HF and FCI references), the unit of a dissociation curve or a geometry scan.
 * The molecule travels as its atoms in Bohr (exact through JSON), so a worker builds the very
 * Molecule the producer had and the energies agree bit for bit with a local run.
 */
import {
  type GroundStateSolverOptions,
  type GroundStateSolverResult,
  vqe,
} from "../../chem/groundstate.js";
import { Molecule } from "../../chem/molecule.js";
import { ArgumentError } from "../../errors.js";
import type { JobKind } from "../job-kind.js";
import { finite, flag, integer, oneOf, onlyKeys, record, text } from "./validate.js";

/** The molecule of a job: atoms in Bohr and what the Molecule constructor takes besides. */
export interface MoleculeJobData {
  name: string;
  basis: string;
  charge: number;
  multiplicity: number;
  atoms: { symbol: string; Z: number; x: number; y: number; z: number }[];
}

/** The solver options a job can carry: the JSON subset of `GroundStateSolverOptions`. */
export type GroundStateJobSolver = Pick<
  GroundStateSolverOptions,
  | "method"
  | "initial"
  | "depth"
  | "rotation"
  | "entangler"
  | "seed"
  | "optimizer"
  | "lr"
  | "maxIterations"
  | "tolerance"
  | "gradientTolerance"
  | "penalty"
  | "fci"
  | "activeElectrons"
  | "activeOrbitals"
> & { ansatz?: "uccsd" | "hea"; mapping?: string };

/** Input of a "chem.ground-state" job. */
export interface GroundStateJobInput {
  molecule: MoleculeJobData;
  solver: GroundStateJobSolver;
}

const NUMBER_OPTIONS = ["lr", "tolerance", "gradientTolerance", "penalty"] as const;
const INTEGER_OPTIONS = ["depth", "seed", "maxIterations", "activeElectrons"] as const;
const SOLVER_KEYS = [
  "method",
  "ansatz",
  "mapping",
  "initial",
  "rotation",
  "entangler",
  "optimizer",
  "fci",
  "activeOrbitals",
  ...NUMBER_OPTIONS,
  ...INTEGER_OPTIONS,
] as const;

/**
 * The job input for `vqe(molecule, options)`: callbacks and progress are dropped (they cannot
 * travel); a ready Ansatz object cannot either (name it: "uccsd" or "hea").
 * @example
 * const input = groundStateJobInput(Molecule.fromName("h2"), { fci: true });
 */
export function groundStateJobInput(
  molecule: Molecule,
  options: GroundStateSolverOptions = {},
): GroundStateJobInput {
  if (!(molecule instanceof Molecule)) {
    throw new ArgumentError("groundStateJobInput: molecule must be a Molecule");
  }
  if (typeof options.ansatz === "object") {
    throw new ArgumentError(
      'groundStateJobInput: options.ansatz must be "uccsd" or "hea" for a job (an Ansatz object cannot be sent to a worker)',
    );
  }
  if (options.mapping !== undefined && typeof options.mapping !== "string") {
    throw new ArgumentError(
      "groundStateJobInput: options.mapping must be a mapping name for a job",
    );
  }
  if (options.scf !== undefined || options.scfResult !== undefined) {
    throw new ArgumentError(
      "groundStateJobInput: options.scf and options.scfResult cannot be sent to a worker",
    );
  }
  const solver: Record<string, unknown> = {};
  for (const key of SOLVER_KEYS) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined) solver[key] = v;
  }
  return {
    molecule: {
      name: molecule.name,
      basis: molecule.basis,
      charge: molecule.charge,
      multiplicity: molecule.multiplicity,
      atoms: molecule.atoms.map((a) => ({ symbol: a.symbol, Z: a.Z, x: a.x, y: a.y, z: a.z })),
    },
    solver: solver as GroundStateJobSolver,
  };
}

function validateMolecule(value: unknown): MoleculeJobData {
  const m = record(value, "input.molecule");
  onlyKeys(m, ["name", "basis", "charge", "multiplicity", "atoms"], "input.molecule");
  if (!Array.isArray(m.atoms) || m.atoms.length === 0) {
    throw new ArgumentError(
      `input.molecule.atoms must be a non-empty array of { symbol, Z, x, y, z } (Bohr), got ${JSON.stringify(m.atoms)}`,
    );
  }
  const atoms = m.atoms.map((a, i) => {
    const what = `input.molecule.atoms[${i}]`;
    const atom = record(a, what);
    onlyKeys(atom, ["symbol", "Z", "x", "y", "z"], what);
    return {
      symbol: text(atom.symbol, `${what}.symbol`),
      Z: integer(atom.Z, `${what}.Z`, 1),
      x: finite(atom.x, `${what}.x`),
      y: finite(atom.y, `${what}.y`),
      z: finite(atom.z, `${what}.z`),
    };
  });
  return {
    name: text(m.name ?? "molecule", "input.molecule.name"),
    basis: text(m.basis ?? "sto-3g", "input.molecule.basis"),
    charge: finite(m.charge ?? 0, "input.molecule.charge"),
    multiplicity: integer(m.multiplicity ?? 1, "input.molecule.multiplicity", 1),
    atoms,
  };
}

function validateSolver(value: unknown): GroundStateJobSolver {
  const s = record(value ?? {}, "input.solver");
  onlyKeys(s, SOLVER_KEYS, "input.solver");
  const out: Record<string, unknown> = {};
  for (const key of NUMBER_OPTIONS) {
    if (s[key] !== undefined) out[key] = finite(s[key], `input.solver.${key}`);
  }
  for (const key of INTEGER_OPTIONS) {
    if (s[key] !== undefined) out[key] = integer(s[key], `input.solver.${key}`);
  }
  if (s.activeOrbitals !== undefined)
    out.activeOrbitals = integer(s.activeOrbitals, "input.solver.activeOrbitals", 1);
  if (s.method !== undefined) out.method = oneOf(s.method, "input.solver.method", ["vqe", "fci"]);
  if (s.ansatz !== undefined) out.ansatz = oneOf(s.ansatz, "input.solver.ansatz", ["uccsd", "hea"]);
  if (s.optimizer !== undefined)
    out.optimizer = oneOf(s.optimizer, "input.solver.optimizer", ["lbfgs", "adam"]);
  if (s.initial !== undefined)
    out.initial = oneOf(s.initial, "input.solver.initial", ["mp2", "zero"]);
  if (s.rotation !== undefined)
    out.rotation = oneOf(s.rotation, "input.solver.rotation", ["rx", "ry", "rz", "ryrz", "u3"]);
  if (s.entangler !== undefined)
    out.entangler = oneOf(s.entangler, "input.solver.entangler", ["cz", "cnot"]);
  if (s.mapping !== undefined) out.mapping = text(s.mapping, "input.solver.mapping");
  if (s.fci !== undefined) out.fci = flag(s.fci, "input.solver.fci");
  return out as GroundStateJobSolver;
}

/** The "chem.ground-state" kind. */
export const groundStateKind: JobKind<GroundStateJobInput, GroundStateSolverResult> = {
  name: "chem.ground-state",
  version: 1,
  description: "one chemistry single point: HF, VQE (UCCSD or HEA) or FCI energies of a molecule",
  validate(input) {
    const i = record(input, "input");
    onlyKeys(i, ["molecule", "solver"], "input");
    return { molecule: validateMolecule(i.molecule), solver: validateSolver(i.solver) };
  },
  run({ molecule, solver }) {
    const mol = new Molecule(molecule.atoms, {
      charge: molecule.charge,
      multiplicity: molecule.multiplicity,
      basis: molecule.basis,
      name: molecule.name,
    });
    return vqe(mol, solver);
  },
};
