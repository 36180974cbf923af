/**
 * `qoar chem gradient` and `qoar chem optimize`: nuclear gradients and geometry optimization
 * for Hartree-Fock and VQE/FCI energies (analytic on RHF orbitals, finite differences with
 * --numerical or where no analytic route exists),
 * with the same molecule flags as `qoar chem scf`. Gradients are printed per atom in
 * Hartree/Bohr in the input frame, geometries in Angstrom.
 */
import type { Command } from "commander";
import type { GradientFunction, OptimizationStep } from "../chem/gradient/optimize.js";
import type { NuclearGradient } from "../chem/gradient/scf-gradient.js";
import { BOHR_IN_ANGSTROM, type Molecule } from "../chem/molecule.js";
import type { Reference, SCFOptions } from "../chem/scf.js";
import { ArgumentError } from "../errors.js";
import {
  addMoleculeOptions,
  int,
  MOLECULE_HELP,
  moleculeFrom,
  num,
  oneOf,
  type SolverFlags,
  solverOptions,
  stderrLog,
} from "./chem.js";
import { moleculeLines } from "./chem-output.js";

interface GeometryFlags extends SolverFlags {
  reference?: string;
  numerical?: boolean;
  step?: string;
  maxSteps?: string;
  maxForce?: string;
}

const METHODS = ["hf", "vqe", "fci"] as const;

function addGradientOptions(cmd: Command): Command {
  return addMoleculeOptions(cmd)
    .option(
      "--method <name>",
      "hf, vqe or fci (analytic; vqe/fci on ROHF orbitals or hea: finite differences)",
      "hf",
    )
    .option("--reference <r>", "hf: rhf, rohf or uhf (default: rhf for singlets, rohf otherwise)")
    .option("--numerical", "finite differences instead of the analytic gradient")
    .option("--step <bohr>", "finite-difference displacement (Bohr)", "0.001")
    .option("--active-electrons <n>", "vqe/fci: active electrons (the rest are frozen core)")
    .option("--active-orbitals <m>", "vqe/fci: active spatial orbitals")
    .option("--mapping <name>", "vqe: jw, bk, parity or parity-reduced", "jw")
    .option("--ansatz <name>", "vqe: uccsd or hea", "uccsd")
    .option("--json", "print one JSON object")
    .option("--quiet", "no progress lines on stderr");
}

/** The energy-and-gradient function the flags ask for, and its name for the output. */
function gradientSource(
  o: GeometryFlags,
  log: (line: string) => void,
): { method: (typeof METHODS)[number]; of: GradientFunction } {
  const method = oneOf(o.method, "--method", METHODS) ?? "hf";
  const reference = oneOf(o.reference, "--reference", ["rhf", "rohf", "uhf"] as const);
  const step = num(o.step, "--step");
  if (step !== undefined && !(step > 0 && step < 0.1))
    throw new ArgumentError(`--step must be a displacement in Bohr in (0, 0.1), got ${o.step}`);
  const fdOptions = {
    ...(step === undefined ? {} : { step }),
    onProgress: (done: number, total: number) => {
      if (done === total || done % Math.max(2, 2 * Math.round(total / 20)) === 0)
        log(`  finite differences: ${done}/${total} displaced energies`);
    },
  };
  if (method !== "hf") {
    if (reference !== undefined)
      log("  (--reference is for --method hf; vqe and fci use RHF/ROHF orbitals)");
    const solver = solverOptions({ ...o, method, fci: method === "fci" }, () => {});
    const { progress: _quiet, ...quiet } = solver;
    return {
      method,
      of: async (m) => {
        const { groundStateGradient } = await import("../chem/gradient/groundstate-gradient.js");
        return groundStateGradient(m, {
          solver: quiet,
          ...fdOptions,
          ...(o.numerical ? { numerical: true } : {}),
        });
      },
    };
  }
  const scf: SCFOptions = {
    ...(reference === undefined ? {} : { reference: reference as Reference }),
    energyTolerance: 1e-12,
    gradientTolerance: 1e-10,
  };
  if (o.numerical) {
    return {
      method,
      of: async (m) => {
        const [{ finiteDifferenceGradient }, { runSCF }] = await Promise.all([
          import("../chem/gradient/finite-difference.js"),
          import("../chem/scf.js"),
        ]);
        return finiteDifferenceGradient(m, (x) => runSCF(x, scf).energy, fdOptions);
      },
    };
  }
  return {
    method,
    of: async (m) => (await import("../chem/gradient/scf-gradient.js")).scfGradient(m, { scf }),
  };
}

function perAtom(g: Float64Array): number[][] {
  return Array.from({ length: g.length / 3 }, (_, k) => [g[3 * k]!, g[3 * k + 1]!, g[3 * k + 2]!]);
}

function geometryJSON(m: Molecule): { symbols: string[]; angstrom: number[][] } {
  return {
    symbols: m.atoms.map((a) => a.symbol),
    angstrom: m.atoms.map((a) => [a.x, a.y, a.z].map((v) => v * BOHR_IN_ANGSTROM)),
  };
}

function maxForce(g: Float64Array): number {
  return g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function gradientLines(m: Molecule, g: NuclearGradient): string[] {
  return [
    `Gradient     ${g.method}, Hartree/Bohr (input frame), largest ${maxForce(g.gradient).toExponential(3)}`,
    ...m.atoms.map(
      (a, k) =>
        `  ${a.symbol.padEnd(2)} ${String(k).padStart(3)}  ${[0, 1, 2]
          .map((c) => g.gradient[3 * k + c]!.toFixed(10).padStart(15))
          .join("")}`,
    ),
  ];
}

function methodLabel(method: string, g: NuclearGradient): string {
  return `${method.toUpperCase()}, ${g.method} gradient`;
}

/**
 * Registers `qoar chem gradient` and `qoar chem optimize` on the `chem` command.
 * @example
 * registerChemGeometry(program.command("chem"));
 */
export function registerChemGeometry(chem: Command): void {
  addGradientOptions(
    chem
      .command("gradient")
      .description("the nuclear gradient dE/dR (Hartree/Bohr) of HF, VQE or FCI"),
  )
    .addHelpText(
      "after",
      `${MOLECULE_HELP}
HF gradients (RHF, ROHF, UHF) are analytic; so are FCI and UCCSD-VQE gradients on RHF
orbitals (relaxed densities with the orbital response). --numerical, ROHF orbitals and the
hea ansatz take central finite differences of the whole calculation (6N + 1 energies); the
output labels which (gradientMethod).

Examples:
  $ qoar chem gradient --molecule h2o --basis 6-31g*
  $ qoar chem gradient --molecule ch2 --reference uhf --json
  $ qoar chem gradient --molecule lih --method fci --json
  $ qoar chem gradient --molecule lih --method fci --numerical --json`,
    )
    .action(async (o: GeometryFlags) => {
      const log = stderrLog(o);
      const { molecule: mol, source } = moleculeFrom(o);
      const { method, of } = gradientSource(o, log);
      const t0 = performance.now();
      const g = await of(mol);
      const time = performance.now() - t0;
      const out = {
        molecule: mol.name,
        basis: mol.basis,
        source,
        charge: mol.charge,
        multiplicity: mol.multiplicity,
        method,
        gradientMethod: g.method,
        energy: g.energy,
        gradient: perAtom(g.gradient),
        maxForce: maxForce(g.gradient),
        geometry: geometryJSON(mol),
        time_ms: time,
      };
      if (o.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const lines = [
        ...moleculeLines(mol, source, 13),
        `${"Method".padEnd(13)}${methodLabel(method, g)} (${time.toFixed(0)} ms)`,
        `${"Energy".padEnd(13)}${g.energy.toFixed(10)} Ha`,
        ...gradientLines(mol, g),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  addGradientOptions(
    chem
      .command("optimize")
      .description("geometry optimization (BFGS) for HF, VQE or FCI energies"),
  )
    .option("--max-steps <n>", "most optimization steps", "100")
    .option(
      "--max-force <f>",
      "converged below this largest gradient component (Hartree/Bohr)",
      "1.5e-5",
    )
    .addHelpText(
      "after",
      `${MOLECULE_HELP}
BFGS in Cartesian coordinates from Lindh's model Hessian, with a trust radius and a
backtracking line search; one line per step on stderr. A run that does not converge in
--max-steps exits with status 2 and prints the last geometry and force.

Examples:
  $ qoar chem optimize --molecule h2o
  $ qoar chem optimize --molecule nh3 --basis 6-31g* --json
  $ qoar chem optimize --molecule h2 --method fci`,
    )
    .action(async (o: GeometryFlags) => {
      const log = stderrLog(o);
      const { molecule: mol, source } = moleculeFrom(o);
      const { method, of } = gradientSource(o, log);
      const { optimizeGeometry } = await import("../chem/gradient/optimize.js");
      const t0 = performance.now();
      const r = await optimizeGeometry(mol, {
        gradient: of,
        maxSteps: int(o.maxSteps, "--max-steps", 1)!,
        maxForce: num(o.maxForce, "--max-force")!,
        onStep: (s: OptimizationStep) =>
          log(
            `  step ${String(s.step).padStart(3)}: E = ${s.energy.toFixed(10)} Ha, largest force ${s.maxForce.toExponential(3)} Ha/Bohr, step ${s.stepLength.toFixed(4)} Bohr`,
          ),
      });
      const time = performance.now() - t0;
      const out = {
        molecule: mol.name,
        basis: mol.basis,
        source,
        charge: mol.charge,
        multiplicity: mol.multiplicity,
        method,
        gradientMethod: r.method,
        converged: r.converged,
        steps: r.steps,
        evaluations: r.evaluations,
        energy: r.energy,
        gradient: perAtom(r.gradient),
        maxForce: maxForce(r.gradient),
        geometry: geometryJSON(r.molecule),
        initialGeometry: geometryJSON(mol),
        history: r.history,
        time_ms: time,
      };
      if (o.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const lines = [
        ...moleculeLines(r.molecule, `optimized from ${source}`, 13),
        `${"Method".padEnd(13)}${methodLabel(method, r)}`,
        `${"Converged".padEnd(13)}${r.steps} steps, ${r.evaluations} gradients, ${time.toFixed(0)} ms`,
        `${"Energy".padEnd(13)}${r.energy.toFixed(10)} Ha (start ${r.history[0]!.energy.toFixed(10)})`,
        ...gradientLines(r.molecule, r),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
