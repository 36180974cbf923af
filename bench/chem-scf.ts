/**
 * Quantum chemistry, classical half: AO integrals and RHF for water in STO-3G, 6-31G and
 * cc-pVDZ (one thread). Cases: `integrals-<basis>` (one-electron + ERIs), `rhf-<basis>` (SCF on
 * precomputed integrals), `total-<basis>` (both, what a user waits for). `n` is the number of
 * basis functions. Reference point: Psi4 does H2O/cc-pVDZ RHF in about 0.5 s.
 *
 * `process-<molecule>-<basis>`: the whole `qoar chem scf` process (start-up, integrals, SCF,
 * stability analysis, output), one run each, with its peak resident memory, against Psi4 1.3.2's
 * whole-process times on the same inputs (issue 20: benzene D6h, C-C 1.39 A, C-H 1.09 A). The
 * target is ratio <= 3 and peak memory <= 600 MB for benzene, and under 0.5 s for H2O/cc-pVDZ.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { computeIntegrals } from "../src/chem/integrals/index.js";
import { Molecule } from "../src/chem/molecule.js";
import { runSCF } from "../src/chem/scf.js";
import { qoarPackageRoot } from "../src/jobs/environment.js";
import { type BenchSuite, timeIt } from "./harness.js";

const BASES = ["sto-3g", "6-31g", "cc-pvdz"];

/** Benzene, D6h, C-C 1.39 A, C-H 1.09 A, in the xy plane (Angstrom). */
function benzene(): string {
  const atoms: string[] = [];
  for (const [sym, r] of [
    ["C", 1.39],
    ["H", 2.48],
  ] as const) {
    for (let k = 0; k < 6; k++) {
      const a = (Math.PI / 3) * k;
      atoms.push(`${sym} ${(r * Math.cos(a)).toFixed(10)} ${(r * Math.sin(a)).toFixed(10)} 0`);
    }
  }
  return atoms.join("; ");
}

/** Whole-process cases: CLI arguments, Psi4's recorded time (ms), the energy expected. */
const PROCESS_CASES: {
  name: string;
  args: string[];
  psi4_ms?: number;
  energy?: number;
  quick: boolean;
}[] = [
  {
    name: "process-h2o-cc-pvdz",
    args: ["--molecule", "h2o", "--basis", "cc-pvdz"],
    quick: true,
  },
  {
    name: "process-benzene-6-31g*",
    args: ["--geometry", benzene(), "--basis", "6-31g*"],
    psi4_ms: 3600,
    energy: -230.70216370752,
    quick: false,
  },
  {
    name: "process-benzene-cc-pvdz",
    args: ["--geometry", benzene(), "--basis", "cc-pvdz"],
    psi4_ms: 7600,
    quick: false,
  },
];

/**
 * Runs `qoar chem scf <args> --json` in a fresh Node process; returns its wall time, peak RSS
 * and CPU time (reported by the child itself at exit: on a shared machine the CPU time is the
 * steadier number) and parsed output.
 */
function runProcess(args: string[]): {
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  out: { energy: number; nBasis: number; twoElectron: string; iterations: number };
} {
  const bin = join(qoarPackageRoot(), "dist", "bin", "qoar.js");
  const wrapper = [
    `process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("\\nqoar-bench-usage " + u.maxRSS + " " + (u.userCPUTime + u.systemCPUTime) / 1000 + "\\n"); });`,
    `process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...JSON.parse(process.env.QOAR_BENCH_ARGS)];`,
    `await import(${JSON.stringify(pathToFileURL(bin).href)});`,
  ].join("\n");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", wrapper], {
    env: { ...process.env, QOAR_BENCH_ARGS: JSON.stringify(["chem", "scf", ...args, "--json"]) },
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`qoar chem scf ${args.join(" ")} failed: ${r.stderr}`);
  const usage = /qoar-bench-usage (\d+) ([\d.]+)/.exec(r.stderr);
  return {
    ms,
    cpuMs: usage ? Number(usage[2]) : Number.NaN,
    maxRssMB: usage ? Number(usage[1]) / 1024 : Number.NaN,
    out: JSON.parse(r.stdout),
  };
}

export const suite: BenchSuite = {
  name: "chem",
  run(ctx) {
    for (const basis of ctx.quick ? ["sto-3g", "cc-pvdz"] : BASES) {
      const mol = Molecule.fromName("h2o", { basis });
      const ints = computeIntegrals(mol);
      const n = ints.nbf;
      const cases: [string, () => void][] = [
        [`integrals-${basis}`, () => void computeIntegrals(mol)],
        [`rhf-${basis}`, () => void runSCF(mol, { integrals: ints })],
        [`total-${basis}`, () => void runSCF(mol)],
      ];
      for (const [name, fn] of cases) {
        if (!ctx.selected("chem", name)) continue;
        ctx.progress(`chem/${name}`);
        const t = timeIt(fn, { budgetMs: ctx.quick ? 300 : 1000, warmup: 5 });
        ctx.report({
          suite: "chem",
          case: name,
          n,
          threads: 1,
          median_ms: t.median_ms,
          runs: t.runs,
          molecule: "h2o",
        });
      }
    }
    for (const c of PROCESS_CASES) {
      if ((ctx.quick && !c.quick) || !ctx.selected("chem", c.name)) continue;
      ctx.progress(`chem/${c.name}`);
      const { ms, cpuMs, maxRssMB, out } = runProcess(c.args);
      ctx.report({
        suite: "chem",
        case: c.name,
        n: out.nBasis,
        threads: 1,
        median_ms: ms,
        runs: 1,
        ...(c.psi4_ms === undefined
          ? {}
          : { baseline: "psi4-1.3.2-process", baseline_ms: c.psi4_ms }),
        cpu_ms: Math.round(cpuMs),
        peak_rss_mb: Math.round(maxRssMB),
        energy: out.energy,
        ...(c.energy === undefined ? {} : { energy_error: Math.abs(out.energy - c.energy) }),
        iterations: out.iterations,
        two_electron: out.twoElectron,
      });
    }
  },
};
