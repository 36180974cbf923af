import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const dir = mkdtempSync(join(tmpdir(), "qoar-chem-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JSON blocks a report embeds next to its plots. */
function embedded(html: string, id: string): unknown {
  const m = new RegExp(`<script id="${id}" type="application/json">([\\s\\S]*?)</script>`).exec(
    html,
  );
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe("qoar chem (end to end; needs `npm run build`)", () => {
  it("ground-state --json gives HF > VQE = FCI for H2, progress on stderr", () => {
    const r = qoar("chem", "ground-state", "--molecule", "h2", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number>;
    expect(out.nQubits).toBe(4);
    expect(out.hfEnergy).toBeCloseTo(-1.116998996739, 8); // Psi4 RHF
    expect(out.fciEnergy).toBeCloseTo(-1.137306035753, 8); // Psi4 FCI
    expect(Math.abs(out.vqeEnergy! - out.fciEnergy!)).toBeLessThan(1e-6);
    expect(r.stderr).toMatch(/VQE/);
  });

  it("method fci with an active space, and the text output", () => {
    const r = qoar(
      "chem",
      "ground-state",
      "--molecule",
      "lih",
      "--active-electrons",
      "2",
      "--active-orbitals",
      "3",
      "--method",
      "fci",
      "--quiet",
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/6 qubits/);
    expect(r.stdout).toMatch(/FCI\s+-7\.8/);
    expect(r.stderr).toBe("");
  });

  it("exits with status 2 and one line on an unknown molecule, basis or malformed input", () => {
    const r = qoar("chem", "ground-state", "--molecule", "unobtainium");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/unobtainium.*h2/);
    expect(qoar("chem", "scf", "--molecule", "h2", "--basis", "nope").status).toBe(2);
    expect(qoar("chem", "ground-state", "--geometry", "H 0 0 0; Xq 0 0 1").status).toBe(2);
    expect(qoar("chem", "ground-state", "--molecule", "h2", "--mapping", "xyz").status).toBe(2);
    const bad = join(dir, "bad.xyz");
    writeFileSync(bad, "2\nbroken\nH 0 0 0\nH 0 0 zz\n");
    const xyz = qoar("chem", "scf", "--xyz", bad);
    expect(xyz.status).toBe(2);
    expect(xyz.stderr).toMatch(/line 4/);
    expect(qoar("chem", "scf", "--molecule", "h2", "--bogus").status).toBe(2);
    const scf = qoar("chem", "scf", "--molecule", "n2", "--max-iterations", "2");
    expect(scf.status).toBe(2);
    expect(scf.stderr).toMatch(/not converged.*last energy change/);
  });

  it("ground-state --report writes an HTML page with the convergence data", () => {
    const file = join(dir, "h2.html");
    const r = qoar(
      "chem",
      "ground-state",
      "--molecule",
      "heh+",
      "--report",
      file,
      "--quiet",
      "--json",
    );
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout) as { history: number[] };
    const html = readFileSync(file, "utf8");
    expect(html).toMatch(/Plotly/);
    const figures = embedded(html, "qoar-figures") as { data: { y: number[] }[] }[];
    expect(figures[0]!.data[0]!.y).toEqual(res.history);
  });

  it("curve --report plots HF, VQE and FCI against R", () => {
    const file = join(dir, "curve.html");
    const r = qoar(
      "chem",
      "curve",
      "--molecule",
      "h2",
      "--from",
      "0.5",
      "--to",
      "2.5",
      "--steps",
      "3",
      "--report",
      file,
      "--json",
      "--quiet",
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      points: { r: number; hf: number; vqe: number; fci: number }[];
    };
    expect(out.points.map((p) => p.r)).toEqual([0.5, 1.5, 2.5]);
    // Psi4 at 0.5, 1.5 and 2.5 A
    expect(out.points[0]!.fci).toBeCloseTo(-1.055159794688, 7);
    expect(out.points[1]!.hf).toBeCloseTo(-0.910873554382, 7);
    expect(out.points[2]!.vqe).toBeCloseTo(-0.936054919944, 6);
    const figures = embedded(readFileSync(file, "utf8"), "qoar-figures") as {
      data: { name: string; y: number[] }[];
    }[];
    expect(figures[0]!.data.map((t) => t.name)).toEqual(["HF", "VQE", "FCI"]);
    expect(figures[0]!.data[2]!.y[0]).toBeCloseTo(out.points[0]!.fci, 12);
  });

  it("hamiltonian and scf print their results", () => {
    const h = JSON.parse(
      qoar("chem", "hamiltonian", "--molecule", "h2", "--mapping", "parity-reduced", "--json")
        .stdout,
    );
    expect(h.nQubits).toBe(2);
    expect(h.nTerms).toBe(h.terms.length);
    const s = JSON.parse(qoar("chem", "scf", "--molecule", "h2o", "--json").stdout);
    expect(s.energy).toBeCloseTo(-74.963023138527, 6);
    expect(s.occupations.filter((o: number) => o === 2)).toHaveLength(5);
    expect(qoar("chem", "ground-state", "--help").stdout).toMatch(/Examples:/);
  });
});
