/**
 * Nuclear gradients and geometry optimization (one thread).
 *
 * `rhf-gradient-h2o-6-31g*`: the analytic RHF gradient of water in 6-31G* given the converged
 * SCF (derivative integrals and their contraction), against the SCF itself (integrals and
 * iterations, `baseline: "scf"`); the target is ratio <= 2.
 * `optimize-<molecule>-<method>-<basis>`: one geometry optimization from a distorted start,
 * wall and CPU time (on a shared machine the CPU time is the steadier number), steps and
 * gradient evaluations; the target for the 12-atom benzene in STO-3G is under 30 s.
 * `fci-gradient-<molecule>-sto-3g`: the analytic FCI gradient (SCF, FCI, RDMs, Z-vector,
 * derivative integrals) against the FCI energy alone (SCF, transform, FCI; `baseline: "fci"`),
 * with the finite-difference gradient's time and the largest difference between the two.
 */
import { groundStateGradient } from "../src/chem/gradient/groundstate-gradient.js";
import { type GradientFunction, optimizeGeometry } from "../src/chem/gradient/optimize.js";
import { scfGradient } from "../src/chem/gradient/scf-gradient.js";
import { vqe } from "../src/chem/groundstate.js";
import { Molecule } from "../src/chem/molecule.js";
import { runSCF } from "../src/chem/scf.js";
import { type BenchSuite, timeIt, timeItAsync } from "./harness.js";

/** Benzene squeezed and puckered away from D6h (C-C 1.42 A, C-H 1.12 A, +-0.05 A out of plane). */
function distortedBenzene(): string {
  const atoms: string[] = [];
  for (const [sym, r] of [
    ["C", 1.42],
    ["H", 2.54],
  ] as const) {
    for (let k = 0; k < 6; k++) {
      const a = (Math.PI / 3) * k;
      const z = (k % 2 === 0 ? 1 : -1) * 0.05;
      atoms.push(`${sym} ${(r * Math.cos(a)).toFixed(10)} ${(r * Math.sin(a)).toFixed(10)} ${z}`);
    }
  }
  return atoms.join("; ");
}

const OPTIMIZATIONS: {
  name: string;
  geometry: string;
  basis: string;
  quick: boolean;
  gradient?: GradientFunction;
}[] = [
  {
    name: "optimize-h2o-rhf-6-31g*",
    geometry: "O 0 0 0.13; H 0 0.80 -0.45; H 0 -0.74 -0.50",
    basis: "6-31g*",
    quick: true,
  },
  {
    name: "optimize-benzene-rhf-sto-3g",
    geometry: distortedBenzene(),
    basis: "sto-3g",
    quick: false,
  },
  {
    name: "optimize-lih-fci-sto-3g",
    geometry: "Li 0 0 0; H 0 0 1.75",
    basis: "sto-3g",
    quick: false,
    gradient: (m) => groundStateGradient(m, { solver: { method: "fci" } }),
  },
];

/** Full-space FCI gradients: the analytic one against the energy and against finite differences. */
const FCI_GRADIENTS = [
  { name: "fci-gradient-lih-sto-3g", geometry: "Li 0 0 0; H 0.1 0 1.5949", quick: true },
  {
    name: "fci-gradient-h2o-sto-3g",
    geometry: "O 0 0 0.12; H 0.1 0.76 -0.47; H 0 -0.76 -0.5",
    quick: false,
  },
];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export const suite: BenchSuite = {
  name: "chem-gradient",
  async run(ctx) {
    if (ctx.selected("chem-gradient", "rhf-gradient-h2o-6-31g*")) {
      ctx.progress("chem-gradient/rhf-gradient-h2o-6-31g*");
      const mol = Molecule.fromName("h2o", { basis: "6-31g*" });
      const tight = { energyTolerance: 1e-12, gradientTolerance: 1e-10 };
      const scf = runSCF(mol, tight);
      const budgetMs = ctx.quick ? 500 : 2000;
      const s = timeIt(() => void runSCF(mol, tight), { budgetMs, warmup: 3 });
      const g = timeIt(() => void scfGradient(mol, { result: scf }), { budgetMs, warmup: 3 });
      ctx.report({
        suite: "chem-gradient",
        case: "rhf-gradient-h2o-6-31g*",
        n: scf.nbf,
        threads: 1,
        median_ms: g.median_ms,
        runs: g.runs,
        baseline: "scf",
        baseline_ms: s.median_ms,
        ratio: g.median_ms / s.median_ms,
      });
    }
    for (const c of FCI_GRADIENTS) {
      if ((ctx.quick && !c.quick) || !ctx.selected("chem-gradient", c.name)) continue;
      ctx.progress(`chem-gradient/${c.name}`);
      const mol = Molecule.fromGeometry(c.geometry, { basis: "sto-3g" });
      const solver = { method: "fci" } as const;
      const tight = { energyTolerance: 1e-12, gradientTolerance: 1e-10 };
      const e = timeIt(() => void vqe(mol, { method: "fci", scf: tight }), {
        budgetMs: ctx.quick ? 500 : 3000,
      });
      let analytic: Float64Array | undefined;
      const g = await timeItAsync(
        async () => {
          analytic = (await groundStateGradient(mol, { solver })).gradient;
        },
        { runs: ctx.quick ? 3 : 5 },
      );
      const t0 = performance.now();
      const fd = await groundStateGradient(mol, { solver, numerical: true });
      const fdMs = performance.now() - t0;
      ctx.report({
        suite: "chem-gradient",
        case: c.name,
        n: mol.atoms.length,
        threads: 1,
        median_ms: g.median_ms,
        runs: g.runs,
        baseline: "fci",
        baseline_ms: e.median_ms,
        ratio: g.median_ms / e.median_ms,
        finite_difference_ms: fdMs,
        max_difference: fd.gradient.reduce(
          (m, v, i) => Math.max(m, Math.abs(v - analytic![i]!)),
          0,
        ),
      });
    }
    for (const c of OPTIMIZATIONS) {
      if ((ctx.quick && !c.quick) || !ctx.selected("chem-gradient", c.name)) continue;
      ctx.progress(`chem-gradient/${c.name}`);
      const mol = Molecule.fromGeometry(c.geometry, { basis: c.basis });
      const t0 = performance.now();
      const c0 = cpuMs();
      const r = await optimizeGeometry(
        mol,
        c.gradient === undefined ? {} : { gradient: c.gradient },
      );
      ctx.report({
        suite: "chem-gradient",
        case: c.name,
        n: mol.atoms.length,
        threads: 1,
        median_ms: performance.now() - t0,
        runs: 1,
        cpu_ms: Math.round(cpuMs() - c0),
        steps: r.steps,
        evaluations: r.evaluations,
        energy: r.energy,
        max_force: r.gradient.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
        gradient_method: r.method,
      });
    }
  },
};
