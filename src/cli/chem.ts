/**
 * `qoar chem ...`: ground-state energies (VQE or FCI), dissociation curves, qubit Hamiltonians
 * and the SCF alone, from a bundled molecule, an XYZ file or an inline geometry. Results go to
 * stdout (text or --json), progress lines to stderr, reports to an HTML file with plotly plots.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import type { GroundStateSolverOptions, GroundStateSolverResult } from "../chem/groundstate.js";
import { type Atom, BOHR_IN_ANGSTROM, Molecule } from "../chem/molecule.js";
import type { Reference, SCFIterationInfo } from "../chem/scf.js";
import { ArgumentError } from "../errors.js";
import type { solveGroundStates } from "../jobs/ground-states.js";
import type { Figure } from "../viz/report.js";
import { registerChemGeometry } from "./chem-geometry.js";
import {
  dipoleFields,
  dipoleText,
  exactLabel,
  groundStateText,
  moleculeLines,
  spinText,
} from "./chem-output.js";
import { integerFlag, realFlag } from "./numbers.js";
import { checkWritableFile } from "./output-path.js";

/** The molecule flags every `qoar chem` command shares. */
export interface MoleculeFlags {
  molecule?: string;
  geometry?: string;
  xyz?: string;
  basis?: string;
  charge?: string;
  multiplicity?: string;
  units?: string;
}

/** The ground-state solver flags (ground-state, curve). */
export interface SolverFlags extends MoleculeFlags {
  activeElectrons?: string;
  activeOrbitals?: string;
  mapping?: string;
  ansatz?: string;
  method?: string;
  optimizer?: string;
  maxIterations?: string;
  tolerance?: string;
  depth?: string;
  seed?: string;
  fci?: boolean;
  json?: boolean;
  report?: string;
  quiet?: boolean;
}

/** SCF runs print per-iteration progress on stderr once they have taken this long. */
const PROGRESS_AFTER_S = 2;

/**
 * The SCF progress printer: silent for the first PROGRESS_AFTER_S seconds, then the iterations
 * so far and every later one on stderr, one line each, as Psi4 prints them.
 */
function scfProgress(): (info: SCFIterationInfo) => void {
  const pending: string[] = [];
  let printing = false;
  return (info) => {
    const line = `  @SCF iter ${String(info.iteration).padStart(3)}: ${info.energy.toFixed(10).padStart(18)}  ${info.energyChange.toExponential(3).padStart(11)}  ${info.diisError.toExponential(3).padStart(10)}  ${info.seconds.toFixed(1).padStart(7)} s  (${info.twoElectron}${info.twoElectron === "direct" ? `, ${info.quartets} quartets` : ""})`;
    if (printing) {
      process.stderr.write(`${line}\n`);
      return;
    }
    pending.push(line);
    if (info.seconds >= PROGRESS_AFTER_S) {
      printing = true;
      process.stderr.write(
        `  SCF iterations:        total energy (Ha)    change   DIIS error     time\n${pending.join("\n")}\n`,
      );
    }
  };
}

/** An integer flag, at least `min`. */
export function int(text: string | undefined, name: string, min = 0): number | undefined {
  return integerFlag(text, name, min);
}

/** A real-number flag. */
export function num(text: string | undefined, name: string): number | undefined {
  return realFlag(text, name);
}

/** A flag with a fixed set of values. */
export function oneOf<T extends string>(
  text: string | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new ArgumentError(
      `${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(text)}`,
    );
  }
  return text as T;
}

/** A molecule and where it came from, for the output ("bundled molecule h2", "XYZ file a.xyz"). */
interface SourcedMolecule {
  molecule: Molecule;
  source: string;
}

/** The molecule named by --molecule, --geometry or --xyz (exactly one). */
export function moleculeFrom(o: MoleculeFlags): SourcedMolecule {
  const given = [o.molecule, o.geometry, o.xyz].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new ArgumentError(
      `give exactly one of --molecule <name>, --geometry "<atoms>" or --xyz <file> (bundled molecules: ${Molecule.list().join(", ")})`,
    );
  }
  const units = oneOf(o.units, "--units", ["angstrom", "bohr"] as const);
  const opts = {
    ...(o.basis === undefined ? {} : { basis: o.basis }),
    ...(o.charge === undefined ? {} : { charge: num(o.charge, "--charge")! }),
    ...(o.multiplicity === undefined
      ? {}
      : { multiplicity: int(o.multiplicity, "--multiplicity", 1)! }),
    ...(units === undefined ? {} : { units }),
  };
  const unitName = units ?? "angstrom";
  if (o.molecule !== undefined) {
    return {
      molecule: Molecule.fromName(o.molecule, opts),
      source: `bundled molecule ${o.molecule}`,
    };
  }
  if (o.geometry !== undefined) {
    return {
      molecule: Molecule.fromGeometry(o.geometry, opts),
      source: `--geometry (${unitName})`,
    };
  }
  let text: string;
  try {
    text = readFileSync(o.xyz!, "utf8");
  } catch {
    throw new ArgumentError(`cannot read the XYZ file ${JSON.stringify(o.xyz)}`);
  }
  const molecule = Molecule.fromXYZ(text, {
    name: o.xyz!.replace(/^.*[/\\]/, "").replace(/\.xyz$/i, ""),
    ...opts,
  });
  return { molecule, source: `XYZ file ${o.xyz} (${unitName})` };
}

/** The solver options the solver flags ask for. */
export function solverOptions(
  o: SolverFlags,
  log: (line: string) => void,
): GroundStateSolverOptions {
  const ae = int(o.activeElectrons, "--active-electrons");
  const ao = int(o.activeOrbitals, "--active-orbitals", 1);
  const method = oneOf(o.method, "--method", ["vqe", "fci"] as const);
  const ansatz = oneOf(o.ansatz, "--ansatz", ["uccsd", "hea"] as const);
  const optimizer = oneOf(o.optimizer, "--optimizer", ["lbfgs", "adam"] as const);
  const maxIterations = int(o.maxIterations, "--max-iterations", 1);
  const tolerance = num(o.tolerance, "--tolerance");
  const depth = int(o.depth, "--depth", 0);
  const seed = int(o.seed, "--seed");
  return {
    ...(ae === undefined ? {} : { activeElectrons: ae }),
    ...(ao === undefined ? {} : { activeOrbitals: ao }),
    ...(o.mapping === undefined ? {} : { mapping: o.mapping }),
    ...(method === undefined ? {} : { method }),
    ...(ansatz === undefined ? {} : { ansatz }),
    ...(optimizer === undefined ? {} : { optimizer }),
    ...(maxIterations === undefined ? {} : { maxIterations }),
    ...(tolerance === undefined ? {} : { tolerance }),
    ...(depth === undefined ? {} : { depth }),
    ...(seed === undefined ? {} : { seed }),
    fci: o.fci !== false,
    progress: log,
  };
}

/** Progress lines to stderr unless --quiet. */
export function stderrLog(o: { quiet?: boolean }): (line: string) => void {
  return o.quiet ? () => {} : (line) => process.stderr.write(`${line}\n`);
}

async function groundStateReport(
  path: string,
  r: GroundStateSolverResult,
  mol: Molecule,
  source: string,
): Promise<void> {
  const exact = exactLabel(r);
  const ref = r.reference.toUpperCase();
  const it = r.history.map((_, i) => i + 1);
  const level = (name: string, e: number) => ({
    x: [1, Math.max(1, it.length)],
    y: [e, e],
    type: "scatter",
    mode: "lines",
    name,
  });
  const figures: Figure[] = [
    {
      data: [
        { x: it, y: r.history, type: "scatter", mode: "lines+markers", name: "VQE" },
        ...(r.fciEnergy === undefined ? [] : [level(exact, r.fciEnergy)]),
        level(ref, r.hfEnergy),
      ],
      layout: {
        title: { text: "VQE convergence" },
        xaxis: { title: { text: "iteration" } },
        yaxis: { title: { text: "total energy (Ha)" } },
      },
    },
  ];
  if (r.fciEnergy !== undefined && r.history.length > 0) {
    figures.push({
      data: [
        {
          x: it,
          y: r.history.map((e) => Math.max(Math.abs(e - r.fciEnergy!), 1e-16)),
          type: "scatter",
          mode: "lines+markers",
          name: `|E - E_${exact}|`,
        },
      ],
      layout: {
        title: { text: `Error against ${exact}` },
        xaxis: { title: { text: "iteration" } },
        yaxis: { title: { text: `|E_VQE - E_${exact}| (Ha)` }, type: "log" },
      },
    });
  }
  const row = (name: string, e: number | undefined): [string, string, string][] =>
    e === undefined ? [] : [[name, e.toFixed(10), (e - r.hfEnergy).toFixed(10)]];
  const { writeReport } = await import("../viz/report.js");
  writeReport(path, {
    title: `Ground state of ${r.molecule} (${r.basis})`,
    sections: [
      {
        heading: "The molecule",
        pre: moleculeLines(mol, source, 13).join("\n"),
        text: `${ref} reference, nuclear repulsion ${r.nuclearRepulsion.toFixed(10)} Ha (included in every energy). ${r.nQubits} qubits (${r.mapping}), ${r.hamiltonianTerms ?? "-"} Pauli terms; ${r.activeElectrons} active electrons in ${r.activeOrbitals} of ${r.nMolecularOrbitals} orbitals (${r.frozenCore} frozen core): ${exact}.`,
      },
      {
        heading: "Energies",
        table: {
          columns: ["method", "total energy (Ha)", `correlation energy (Ha, from ${ref})`],
          rows: [
            ...row(ref, r.hfEnergy),
            ...(r.method === "vqe" ? row("VQE", r.vqeEnergy) : []),
            ...row(exact, r.fciEnergy),
          ],
        },
      },
      ...(r.method === "vqe" ? [{ heading: "Convergence", figures }] : []),
    ],
    data: r,
  });
}

/** One bond length of `chem curve`: total energies in Hartree. */
interface CurvePoint {
  r: number;
  nuclearRepulsion: number;
  hf: number;
  vqe?: number;
  fci?: number;
  error?: number;
  converged: boolean;
}

/** The names of a curve's columns: the reference determinant, FCI or CASCI(n, m), which ran. */
interface CurveLabels {
  reference: string;
  exact: string;
  vqe: boolean;
  fci: boolean;
}

const CURVE_GEOMETRY_NOTE =
  "every coordinate scaled about atom 0 so that atoms 0 and 1 are R apart; the atoms above are the input";

function curveText(
  mol: Molecule,
  source: string,
  points: readonly CurvePoint[],
  labels: CurveLabels,
): string {
  const head = [
    ...moleculeLines(mol, source, 13),
    `${"Curve".padEnd(13)}${CURVE_GEOMETRY_NOTE}`,
    `${"Reference".padEnd(13)}${labels.reference}; total energies in Ha (nuclear repulsion included)`,
  ];
  const columns: (readonly [string, (p: CurvePoint) => number | undefined])[] = [
    ["E_nuc (Ha)", (p) => p.nuclearRepulsion],
    [`${labels.reference} (Ha)`, (p) => p.hf],
    ...(labels.vqe ? [["VQE (Ha)", (p: CurvePoint) => p.vqe] as const] : []),
    ...(labels.fci
      ? [
          [`${labels.exact} (Ha)`, (p: CurvePoint) => p.fci] as const,
          [
            "E_corr (Ha)",
            (p: CurvePoint) => (p.fci === undefined ? undefined : p.fci - p.hf),
          ] as const,
        ]
      : []),
  ];
  const w = Math.max(14, ...columns.map(([c]) => c.length));
  const header = `${"R (A)".padStart(8)}${columns.map(([c]) => `  ${c.padStart(w)}`).join("")}`;
  const rows = points.map(
    (p) =>
      `${p.r.toFixed(4).padStart(8)}${columns.map(([, f]) => `  ${(f(p)?.toFixed(8) ?? "-").padStart(w)}`).join("")}`,
  );
  return `${[...head, header, ...rows].join("\n")}\n`;
}

async function curveReport(
  path: string,
  c: {
    mol: Molecule;
    source: string;
    points: readonly CurvePoint[];
    labels: CurveLabels;
    data: unknown;
  },
): Promise<void> {
  const { mol, points, labels } = c;
  const xs = points.map((p) => p.r);
  const trace = (name: string, ys: (number | undefined)[]) => ({
    x: xs,
    y: ys,
    type: "scatter",
    mode: "lines+markers",
    name,
  });
  const { writeReport } = await import("../viz/report.js");
  writeReport(path, {
    title: `Dissociation curve of ${mol.name} (${mol.basis})`,
    sections: [
      {
        heading: "The molecule",
        pre: moleculeLines(mol, c.source, 13).join("\n"),
        text: `${CURVE_GEOMETRY_NOTE}. ${labels.reference} reference; total energies (nuclear repulsion included).`,
      },
      {
        heading: "Energies against bond length",
        figures: [
          {
            data: [
              trace(
                labels.reference,
                points.map((p) => p.hf),
              ),
              ...(labels.vqe
                ? [
                    trace(
                      "VQE",
                      points.map((p) => p.vqe),
                    ),
                  ]
                : []),
              ...(labels.fci
                ? [
                    trace(
                      labels.exact,
                      points.map((p) => p.fci),
                    ),
                  ]
                : []),
            ],
            layout: {
              title: { text: `${mol.name} (${mol.basis}): total energy against bond length` },
              xaxis: { title: { text: "bond length R (Angstrom)" } },
              yaxis: { title: { text: "total energy (Ha)" } },
            },
          },
        ],
        table: {
          columns: [
            "R (A)",
            "E_nuc (Ha)",
            `${labels.reference} (Ha)`,
            ...(labels.vqe ? ["VQE (Ha)"] : []),
            ...(labels.fci ? [`${labels.exact} (Ha)`] : []),
          ],
          rows: points.map((p) => [
            p.r.toFixed(4),
            p.nuclearRepulsion.toFixed(8),
            p.hf.toFixed(8),
            ...(labels.vqe ? [p.vqe?.toFixed(8) ?? "-"] : []),
            ...(labels.fci ? [p.fci?.toFixed(8) ?? "-"] : []),
          ]),
        },
      },
    ],
    data: c.data,
  });
}

/** The molecule with every coordinate scaled so that atoms 0 and 1 are `r` Angstrom apart. */
function stretched(mol: Molecule, r: number): Molecule {
  const [a, b] = mol.atoms;
  const d = Math.hypot(b!.x - a!.x, b!.y - a!.y, b!.z - a!.z); // Bohr
  const s = r / (d * BOHR_IN_ANGSTROM);
  const atoms: Atom[] = mol.atoms.map((t) => ({
    symbol: t.symbol,
    Z: t.Z,
    x: a!.x + s * (t.x - a!.x),
    y: a!.y + s * (t.y - a!.y),
    z: a!.z + s * (t.z - a!.z),
  }));
  return new Molecule(atoms, {
    charge: mol.charge,
    multiplicity: mol.multiplicity,
    basis: mol.basis,
    name: mol.name,
  });
}

interface CurveFlags {
  from?: string;
  to?: string;
  steps?: string;
  queue?: string;
  workers?: string;
}

/** The curve's points as jobs: here in order, on --workers threads, or on the --queue. */
async function curveSolver(
  o: CurveFlags,
  log: (line: string) => void,
  mol: Molecule,
  steps: number,
  from: number,
  to: number,
  opts: GroundStateSolverOptions,
): Promise<ReturnType<typeof solveGroundStates>> {
  const workers = int(o.workers, "--workers", 1);
  if (o.queue !== undefined && workers !== undefined)
    throw new ArgumentError("give --queue (workers elsewhere) or --workers (local), not both");
  const molecules = Array.from({ length: steps }, (_, k) =>
    stretched(mol, steps === 1 ? from : from + ((to - from) * k) / (steps - 1)),
  );
  const { solveGroundStates } = await import("../jobs/ground-states.js");
  return solveGroundStates(molecules, opts, {
    ...(o.queue === undefined ? {} : { queue: o.queue }),
    ...(workers === undefined ? {} : { workers }),
    onNotice: log,
  });
}

/** The help text on the molecule flags. */
export const MOLECULE_HELP = `
The molecule: --molecule <name> (bundled), --xyz <file> or --geometry "H 0 0 0; H 0 0 0.735"
(Angstrom unless --units bohr). Energies in Hartree.`;

/** Adds the molecule flags to a command. */
export function addMoleculeOptions(cmd: Command): Command {
  return cmd
    .option(
      "--molecule <name>",
      "a bundled molecule (h2, heh+, lih, beh2, h2o, nh3, n2, h4, h6, ...)",
    )
    .option("--geometry <atoms>", 'inline atoms, e.g. "H 0 0 0; H 0 0 0.735"')
    .option("--xyz <file>", "an XYZ file")
    .option(
      "--basis <name>",
      "basis set (sto-3g, 3-21g, 6-31g, 6-31g*, cc-pvdz, 6-311g**, aug-cc-pvdz, def2-svp, cc-pvtz)",
      "sto-3g",
    )
    .option("--charge <q>", "total charge")
    .option("--multiplicity <m>", "spin multiplicity 2S+1")
    .option("--units <u>", "units of --geometry/--xyz: angstrom or bohr");
}

function addSolverOptions(cmd: Command): Command {
  return cmd
    .option("--active-electrons <n>", "active electrons (the rest are frozen core)")
    .option("--active-orbitals <m>", "active spatial orbitals")
    .option("--mapping <name>", "jw, bk, parity or parity-reduced", "jw")
    .option("--ansatz <name>", "uccsd or hea", "uccsd")
    .option("--method <name>", "vqe or fci", "vqe")
    .option("--optimizer <name>", "lbfgs or adam", "lbfgs")
    .option("--max-iterations <n>", "optimizer iteration cap")
    .option("--tolerance <e>", "energy change that counts as converged (Ha)")
    .option("--depth <d>", "HEA depth")
    .option("--seed <s>", "seed of random initial angles (HEA)", "1")
    .option("--no-fci", "skip the FCI reference")
    .option("--json", "print one JSON object")
    .option("--report <file>", "write an HTML report with plots")
    .option("--quiet", "no progress lines on stderr");
}

/**
 * Registers `qoar chem` and its subcommands on `program`.
 * @example
 * const program = new Command("qoar");
 * registerChem(program);
 * program.parse(["node", "qoar", "chem", "scf", "--molecule", "h2"]);
 */
export function registerChem(program: Command): void {
  const chem = program
    .command("chem")
    .description(
      "quantum chemistry: ground states by VQE or FCI, curves, qubit Hamiltonians, SCF, gradients, geometry optimization",
    )
    .addHelpText(
      "after",
      `
Examples:
  $ qoar chem ground-state --molecule h2
  $ qoar chem ground-state --molecule lih --active-electrons 2 --active-orbitals 3 --report lih.html
  $ qoar chem curve --molecule h2 --from 0.5 --to 2.5 --steps 11
  $ qoar chem hamiltonian --molecule h2 --mapping bk
  $ qoar chem scf --molecule h2o --basis 6-31g
  $ qoar chem gradient --molecule h2o --basis 6-31g*
  $ qoar chem optimize --molecule nh3`,
    );

  addSolverOptions(
    addMoleculeOptions(
      chem.command("ground-state").description("HF, VQE and FCI energies of a molecule"),
    ),
  )
    .addHelpText(
      "after",
      `${MOLECULE_HELP}

Examples:
  $ qoar chem ground-state --molecule h2
  $ qoar chem ground-state --molecule lih --mapping parity-reduced --json
  $ qoar chem ground-state --geometry "He 0 0 0; H 0 0 0.772" --charge 1 --ansatz hea
  $ qoar chem ground-state --molecule n2 --method fci`,
    )
    .option("--taper", "taper the qubit Hamiltonian by its Z2 symmetries (Hartree-Fock sector)")
    .action(async (o: SolverFlags & { taper?: boolean }) => {
      const log = stderrLog(o);
      const { molecule: mol, source } = moleculeFrom(o);
      if (o.report) checkWritableFile("--report", o.report);
      const { vqe } = await import("../chem/groundstate.js");
      const r = vqe(mol, { ...solverOptions(o, log), ...(o.taper ? { taper: true } : {}) });
      if (o.report) {
        await groundStateReport(o.report, r, mol, source);
        log(`report written to ${o.report}`);
      }
      const json = {
        ...r,
        ...dipoleFields(r.dipole),
        ...(r.fciDipole === undefined ? {} : { fciDipole: r.fciDipole.vectorDebye }),
        source,
        charge: mol.charge,
        multiplicity: mol.multiplicity,
      };
      process.stdout.write(o.json ? `${JSON.stringify(json)}\n` : groundStateText(r, mol, source));
    });

  addSolverOptions(
    addMoleculeOptions(
      chem
        .command("curve")
        .description("a dissociation curve: HF, VQE and FCI energies against the bond length"),
    ),
  )
    .option("--from <r>", "first bond length (Angstrom)", "0.5")
    .option("--to <r>", "last bond length (Angstrom)", "2.5")
    .option("--steps <n>", "number of points", "11")
    .option("--queue <url>", "run the points as jobs on redis://HOST:PORT[/DB] (see qoar worker)")
    .option("--workers <n>", "run the points on n local threads (without --queue)")
    .addHelpText(
      "after",
      `${MOLECULE_HELP}
The bond length is the distance of atoms 0 and 1; every coordinate is scaled about atom 0 to
reach it (a diatomic's bond, a chain's uniform spacing, a symmetric stretch).

Examples:
  $ qoar chem curve --molecule h2 --from 0.5 --to 2.5 --steps 11 --report h2-curve.html
  $ qoar chem curve --molecule lih --active-electrons 2 --active-orbitals 3 --method fci --json
  $ qoar chem curve --molecule lih --steps 11 --queue redis://127.0.0.1:6379`,
    )
    .action(async (o: SolverFlags & CurveFlags) => {
      const log = stderrLog(o);
      const { molecule: mol, source } = moleculeFrom(o);
      if (mol.atoms.length < 2)
        throw new ArgumentError("chem curve: the molecule needs at least 2 atoms");
      const from = num(o.from, "--from")!;
      const to = num(o.to, "--to")!;
      const steps = int(o.steps, "--steps", 1)!;
      if (!(from > 0) || !(to > 0)) {
        throw new ArgumentError(
          `--from and --to must be positive bond lengths, got ${from} and ${to}`,
        );
      }
      const opts = solverOptions(o, () => {});
      if (o.report) checkWritableFile("--report", o.report);
      const solved = await curveSolver(o, log, mol, steps, from, to, opts);
      const points: CurvePoint[] = [];
      let last: GroundStateSolverResult | undefined;
      for (let k = 0; k < steps; k++) {
        const r = steps === 1 ? from : from + ((to - from) * k) / (steps - 1);
        const res = await solved.result(k);
        last = res;
        points.push({
          r,
          nuclearRepulsion: res.nuclearRepulsion,
          hf: res.hfEnergy,
          ...(res.vqeEnergy === undefined ? {} : { vqe: res.vqeEnergy }),
          ...(res.fciEnergy === undefined ? {} : { fci: res.fciEnergy }),
          ...(res.error === undefined ? {} : { error: res.error }),
          converged: res.converged,
        });
        const name = res.method === "vqe" ? "VQE" : exactLabel(res);
        log(
          `R = ${r.toFixed(4)} A: ${res.reference.toUpperCase()} ${res.hfEnergy.toFixed(8)}  ${name} ${res.energy.toFixed(8)}`,
        );
      }
      await solved.close();
      const labels = {
        reference: last!.reference.toUpperCase(),
        exact: exactLabel(last!),
        vqe: points.some((p) => p.vqe !== undefined),
        fci: points.some((p) => p.fci !== undefined),
      };
      const result = {
        molecule: mol.name,
        basis: mol.basis,
        source,
        charge: mol.charge,
        multiplicity: mol.multiplicity,
        reference: last!.reference,
        mapping: opts.mapping ?? "jw",
        exactMethod: labels.exact,
        points,
      };
      if (o.report) {
        await curveReport(o.report, { mol, source, points, labels, data: result });
        log(`report written to ${o.report}`);
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(curveText(mol, source, points, labels));
    });

  addMoleculeOptions(
    chem.command("hamiltonian").description("the qubit Hamiltonian: Pauli terms and count"),
  )
    .option("--active-electrons <n>", "active electrons")
    .option("--active-orbitals <m>", "active spatial orbitals")
    .option("--mapping <name>", "jw, bk, parity or parity-reduced", "jw")
    .option(
      "--taper",
      "taper off one qubit per Z2 symmetry, in the Hartree-Fock sector (prints the ground energy there)",
    )
    .option("--openfermion", "print the operator as OpenFermion QubitOperator text")
    .option("--fcidump <file>", "also write the active-space integrals as an FCIDUMP file")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      `${MOLECULE_HELP}

Examples:
  $ qoar chem hamiltonian --molecule h2 --mapping jw
  $ qoar chem hamiltonian --molecule lih --taper --json
  $ qoar chem hamiltonian --molecule h2o --openfermion --fcidump h2o.FCIDUMP
  $ qoar chem hamiltonian --molecule lih --active-electrons 2 --active-orbitals 3 --mapping parity-reduced --json`,
    )
    .action(
      async (o: SolverFlags & { taper?: boolean; openfermion?: boolean; fcidump?: string }) => {
        const { molecule: mol } = moleculeFrom(o);
        if (o.fcidump !== undefined) checkWritableFile("--fcidump", o.fcidump);
        if (o.openfermion && o.json)
          throw new ArgumentError("give --openfermion or --json, not both");
        const ae = int(o.activeElectrons, "--active-electrons");
        const ao = int(o.activeOrbitals, "--active-orbitals", 1);
        const [
          { electronicProblem },
          { writeFcidump },
          { formatQubitOperator },
          { lowestEigenvalue },
        ] = await Promise.all([
          import("../chem/problem.js"),
          import("../chem/fcidump.js"),
          import("../chem/qubit-operator-text.js"),
          import("../chem/sector.js"),
        ]);
        const p = electronicProblem(mol, {
          ...(o.mapping === undefined ? {} : { mapping: o.mapping }),
          ...(ae === undefined ? {} : { activeElectrons: ae }),
          ...(ao === undefined ? {} : { activeOrbitals: ao }),
          ...(o.taper ? { taper: true } : {}),
        });
        if (o.fcidump !== undefined) {
          const fcidump = writeFcidump(p.integrals, {
            nElectrons: p.nAlpha + p.nBeta,
            ms2: p.nAlpha - p.nBeta,
          });
          writeFileSync(o.fcidump, fcidump);
        }
        if (o.openfermion) {
          process.stdout.write(`${formatQubitOperator(p.qubitOperator, 1e-12)}\n`);
          return;
        }
        const terms = p.qubitOperator.toList();
        const t = p.tapering;
        const tapered =
          t === undefined
            ? undefined
            : {
                nQubitsBefore: t.nQubits,
                symmetries: t.symmetries.map((s) => s.label),
                taperedQubits: t.symmetries.map((s) => s.pivot),
                sector: [...t.sector],
                groundEnergy: lowestEigenvalue(p.qubitOperator, { tol: 1e-8 }).energy,
              };
        if (o.json) {
          process.stdout.write(
            `${JSON.stringify({ molecule: mol.name, basis: mol.basis, mapping: p.mapping, nQubits: p.nQubits, nTerms: terms.length, hfEnergy: p.scf.energy, ...(tapered === undefined ? {} : { tapering: tapered }), terms })}\n`,
          );
          return;
        }
        const lines = terms.map(([c, l]) => `${c >= 0 ? " " : ""}${c.toFixed(12)}  ${l}`);
        const taperLines =
          tapered === undefined
            ? []
            : [
                `tapered from ${tapered.nQubitsBefore} qubits by ${tapered.symmetries.length} Z2 symmetries (${tapered.symmetries.join("; ")}) in the Hartree-Fock sector (${tapered.sector.join(", ")})`,
                `ground energy in that sector: ${tapered.groundEnergy.toFixed(10)} Ha`,
              ];
        process.stdout.write(
          `${[`${mol.name} (${mol.basis}), ${p.mapping}: ${p.nQubits} qubits, ${terms.length} terms`, ...taperLines, ...lines].join("\n")}\n`,
        );
      },
    );

  addMoleculeOptions(
    chem
      .command("scf")
      .description("Hartree-Fock alone: energy, orbital energies, charges, dipole"),
  )
    .option("--reference <r>", "rhf, rohf or uhf (default: rhf for singlets, rohf otherwise)")
    .option("--guess <g>", "initial guess: sad, core or gwh", "sad")
    .option("--max-iterations <n>", "SCF iteration cap", "100")
    .option(
      "--memory <MiB>",
      "memory budget for stored two-electron integrals; above it the SCF runs integral-direct",
      "1024",
    )
    .option(
      "--df [auxiliary]",
      "density fitting (RI-J/K): cc-pvdz-jkfit for cc-pvdz, else def2-universal-jkfit, or the one named",
    )
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      `${MOLECULE_HELP}
Runs longer than ${PROGRESS_AFTER_S} s print one line per iteration on stderr (energy, change, DIIS
error, time). The two-electron integrals are kept in memory while they fit --memory, else
every Fock build recomputes them (direct SCF); the output says which ran.

Examples:
  $ qoar chem scf --molecule h2o
  $ qoar chem scf --molecule ch2 --reference uhf --json
  $ qoar chem scf --xyz mol.xyz --basis cc-pvdz`,
    )
    .action(
      async (
        o: MoleculeFlags & {
          reference?: string;
          guess?: string;
          maxIterations?: string;
          memory?: string;
          df?: boolean | string;
          json?: boolean;
        },
      ) => {
        const memory = int(o.memory, "--memory", 1)!;
        const { molecule: mol, source } = moleculeFrom(o);
        const reference = oneOf(o.reference, "--reference", ["rhf", "rohf", "uhf"] as const);
        const guess = oneOf(o.guess, "--guess", ["sad", "core", "gwh"] as const);
        const { runSCF } = await import("../chem/scf.js");
        const t0 = performance.now();
        const r = runSCF(mol, {
          ...(reference === undefined ? {} : { reference: reference as Reference }),
          ...(guess === undefined ? {} : { guess }),
          maxIterations: int(o.maxIterations, "--max-iterations", 1)!,
          memoryBudget: memory * 2 ** 20,
          ...(o.df === undefined ? {} : { densityFitting: o.df }),
          onIteration: scfProgress(),
        });
        const time = performance.now() - t0;
        const occ = (p: number) => (p < r.nBeta ? 2 : p < r.nAlpha ? 1 : 0);
        const out = {
          molecule: mol.name,
          basis: mol.basis,
          source,
          charge: mol.charge,
          multiplicity: mol.multiplicity,
          reference: r.reference,
          energy: r.energy,
          nuclearRepulsion: r.eNuc,
          iterations: r.iterations,
          converged: r.converged,
          nBasis: r.nbf,
          orbitalEnergies: [...r.orbitalEnergies],
          occupations: [...r.orbitalEnergies].map((_, p) => occ(p)),
          mullikenCharges: [...r.mullikenCharges],
          ...dipoleFields(r.dipole),
          spinSquared: r.spinSquared,
          twoElectron: r.twoElectron,
          twoElectronMiB: r.twoElectronBytes / 2 ** 20,
          time_ms: time,
        };
        if (o.json) {
          process.stdout.write(`${JSON.stringify(out)}\n`);
          return;
        }
        const lines = [
          ...moleculeLines(mol, source, 13),
          `${"Reference".padEnd(13)}${r.reference.toUpperCase()}, ${r.nbf} basis functions`,
          `${"Integrals".padEnd(13)}${
            r.twoElectron === "direct"
              ? `integral-direct (stored ones would exceed --memory ${memory} MiB)`
              : `${r.twoElectron}, ${(r.twoElectronBytes / 2 ** 20).toFixed(1)} MiB`
          }`,
          `${"Energy".padEnd(13)}${r.energy.toFixed(10)} Ha  (total; ${r.iterations} iterations, ${time.toFixed(0)} ms)`,
          `${"Nuclear rep.".padEnd(13)}${r.eNuc.toFixed(10)} Ha`,
          `${"Dipole".padEnd(13)}${dipoleText(r.dipole)}`,
          `${"<S^2>".padEnd(13)}${spinText(r.spinSquared)}`,
          `${"Orbitals".padEnd(13)}energy (Ha), occupation:`,
          ...out.orbitalEnergies.map(
            (e, p) =>
              `  ${String(p).padStart(3)}  ${e.toFixed(6).padStart(12)}  ${out.occupations[p]}`,
          ),
          "Mulliken charges:",
          ...mol.atoms.map(
            (a, k) =>
              `  ${a.symbol.padEnd(2)} ${String(k).padStart(3)}  ${r.mullikenCharges[k]!.toFixed(4)}`,
          ),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      },
    );
  registerChemGeometry(chem);
}
