import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadReference } from "../reference/load.js";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const scfRef = loadReference("scf-gradients.json");
const fciRef = loadReference("fci-gradients.json");

function maxDiff(a: readonly number[], b: readonly number[]): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

describe("qoar chem gradient / optimize (end to end; needs `npm run build`)", () => {
  it("gradient --json: Psi4's RHF/6-31G* gradient of H2O per atom in Ha/Bohr, geometry in Angstrom", () => {
    const r = qoar("chem", "gradient", "--molecule", "h2o", "--basis", "6-31g*", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const ref = scfRef.gradients.find(
      (g: { molecule: string; basis: string }) => g.molecule === "h2o" && g.basis === "6-31g*",
    );
    expect(out.gradientMethod).toBe("analytic");
    expect(out.energy).toBeCloseTo(ref.energy, 8);
    expect(out.gradient).toHaveLength(3);
    expect(maxDiff(out.gradient.flat(), ref.gradient.flat())).toBeLessThan(1e-7);
    expect(out.geometry.symbols).toEqual(["O", "H", "H"]);
    expect(
      maxDiff(
        out.geometry.angstrom.flat(),
        [0, 0, 0.1173, 0, 0.7572, -0.4692, 0, -0.7572, -0.4692],
      ),
    ).toBeLessThan(1e-12);
  });

  it("gradient --method fci is analytic and matches Psi4's FCI gradient of LiH; --numerical agrees, labelled", () => {
    const run = (...extra: string[]) => {
      const r = qoar(
        "chem",
        "gradient",
        "--molecule",
        "lih",
        "--method",
        "fci",
        "--json",
        "--quiet",
        ...extra,
      );
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout);
    };
    const out = run();
    expect(out.method).toBe("fci");
    expect(out.gradientMethod).toBe("analytic");
    expect(maxDiff(out.gradient.flat(), fciRef.fci_gradients[0].gradient.flat())).toBeLessThan(
      1e-6,
    );
    const fd = run("--numerical");
    expect(fd.gradientMethod).toBe("finite-difference");
    expect(maxDiff(fd.gradient.flat(), out.gradient.flat())).toBeLessThan(1e-6);
  });

  it("optimize --json converges HF/STO-3G hydrogen fluoride to Psi4's bond length", () => {
    const r = qoar("chem", "optimize", "--molecule", "hf", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const ref = scfRef.optimized.find((o: { molecule: string }) => o.molecule === "hf");
    expect(out.converged).toBe(true);
    expect(out.maxForce).toBeLessThan(1.5e-5);
    const [f, h] = out.geometry.angstrom;
    const [rf, rh] = ref.geometry_angstrom;
    const bond = Math.hypot(h[0] - f[0], h[1] - f[1], h[2] - f[2]);
    expect(Math.abs(bond - Math.hypot(rh[0] - rf[0], rh[1] - rf[1], rh[2] - rf[2]))).toBeLessThan(
      1e-4,
    );
    expect(Math.abs(out.energy - ref.energy)).toBeLessThan(1e-7);
    expect(r.stderr).toMatch(/step +1: E = /);
  });

  it("bad input: one line, exit 2", () => {
    const cases: [string[], RegExp][] = [
      [
        ["gradient", "--molecule", "h2", "--method", "ccsd"],
        /--method must be one of hf, vqe, fci/,
      ],
      [
        ["gradient", "--geometry", "Rb 0 0 0; H 0 0 2", "--basis", "6-31g"],
        /no functions for element Rb/,
      ],
      [["gradient", "--molecule", "h2", "--step", "-1"], /--step must be/],
      [
        ["optimize", "--molecule", "h2o", "--max-steps", "1", "--quiet"],
        /not converged in 1 steps.*largest force.*last geometry \(Angstrom\): O /,
      ],
    ];
    for (const [args, message] of cases) {
      const r = qoar("chem", ...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
