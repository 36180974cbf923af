import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fci } from "../../src/chem/fci.js";
import { parseFcidump } from "../../src/chem/fcidump.js";
import { QubitOperator } from "../../src/chem/mappings.js";
import { Molecule } from "../../src/chem/molecule.js";
import { parseQubitOperator } from "../../src/chem/qubit-operator-text.js";
import type { Figure } from "../../src/viz/report.js";
import { loadReference } from "../reference/load.js";
import { axisTitle, figureLabelProblems } from "../viz/figure-labels.js";

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

  it("method fci with an active space: labelled CASCI(2, 3), not FCI, and no VQE line", () => {
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
    expect(r.stdout).toMatch(/^Qubits +6 /m);
    expect(r.stdout).toMatch(
      /^Active +2 electrons in 3 orbitals \(1 frozen core\): CASCI\(2, 3\)$/m,
    );
    const casci = Number(/^CASCI\(2, 3\) +(-7\.8\d+) Ha$/m.exec(r.stdout)![1]);
    const rhf = Number(/^RHF +(-7\.8\d+) Ha$/m.exec(r.stdout)![1]);
    expect(casci).toBeLessThan(rhf);
    const corr = Number(/^Correlation +(-0\.\d+) Ha \(CASCI\(2, 3\) - RHF\)$/m.exec(r.stdout)![1]);
    expect(corr).toBeCloseTo(casci - rhf, 9);
    // not FCI (a frozen core and 2 frozen virtuals) and no VQE anywhere, not even a 0 ms timing
    expect(r.stdout).not.toMatch(/FCI|VQE/);
    expect(r.stdout).toMatch(/^Times +SCF \d+ ms, integrals \d+ ms, CASCI\(2, 3\) \d+ ms, total/m);
    expect(r.stderr).toBe("");
    // the same labels on stderr's progress lines
    const loud = qoar(
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
    );
    expect(loud.stderr).toMatch(/^CASCI\(2, 3\) -7\.8/m);
    expect(loud.stderr).not.toMatch(/FCI|VQE/);
  });

  it("ground-state prints the geometry, charge, multiplicity, reference, nuclear repulsion and correlation", () => {
    const r = qoar("chem", "ground-state", "--molecule", "h2", "--quiet");
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^Molecule +h2 \(sto-3g\), bundled molecule h2$/m);
    expect(out).toMatch(/^Geometry +Angstrom, 2 atoms$/m);
    expect(out).toMatch(/^ {2}H +0\.000000 +0\.000000 +0\.735000$/m);
    expect(out).toMatch(/^Charge +0, multiplicity 1 \(singlet\)$/m);
    expect(out).toMatch(/^Reference +RHF, 2 spatial orbitals$/m);
    const eNuc = Number(/^Nuclear rep\. +(\d\.\d+) Ha/m.exec(out)![1]);
    expect(eNuc).toBeCloseTo(Molecule.fromName("h2").nuclearRepulsion(), 9);
    expect(eNuc).toBeCloseTo(0.7199689944, 9); // 1 / (0.735 A in Bohr)
    expect(out).toMatch(/^RHF +-1\.1169989967 Ha$/m); // Psi4 RHF
    expect(out).toMatch(/^FCI +-1\.1373060358 Ha$/m); // Psi4 FCI
    // Psi4: FCI - RHF = -1.137306035753 + 1.116998996739
    expect(out).toMatch(/^Correlation +-0\.0203070390 Ha \(FCI - RHF\); VQE -0\.02030703\d\d Ha$/m);
    // a doublet gets an ROHF reference and says so
    const h3 = qoar(
      "chem",
      "ground-state",
      "--geometry",
      "H 0 0 0; H 0 0 0.9; H 0 0 1.8",
      "--multiplicity",
      "2",
      "--method",
      "fci",
      "--quiet",
    );
    expect(h3.status, h3.stderr).toBe(0);
    expect(h3.stdout).toMatch(/^Molecule +H3 \(sto-3g\), --geometry \(angstrom\)$/m);
    expect(h3.stdout).toMatch(/^Charge +0, multiplicity 2 \(doublet\)$/m);
    expect(h3.stdout).toMatch(/^Reference +ROHF, 3 spatial orbitals$/m);
    expect(h3.stdout).toMatch(/^Correlation +-0\.\d+ Ha \(FCI - ROHF\)$/m);
    const json = JSON.parse(
      qoar("chem", "ground-state", "--molecule", "heh+", "--json", "--quiet").stdout,
    );
    expect(json).toMatchObject({
      charge: 1,
      multiplicity: 1,
      reference: "rhf",
      nMolecularOrbitals: 2,
    });
    expect(json.nuclearRepulsion).toBeCloseTo(Molecule.fromName("heh+").nuclearRepulsion(), 12);
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
    const figures = embedded(html, "qoar-figures") as Figure[];
    expect(figures[0]!.data[0]!.y).toEqual(res.history);
    expect(figures).toHaveLength(2);
    expect(figureLabelProblems(figures)).toEqual([]);
    for (const f of figures) expect(axisTitle(f, "yaxis")).toMatch(/\(Ha\)$/);
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
    const figures = embedded(readFileSync(file, "utf8"), "qoar-figures") as Figure[];
    const traces = figures[0]!.data as { name: string; y: number[] }[];
    expect(traces.map((t) => t.name)).toEqual(["RHF", "VQE", "FCI"]);
    expect(traces[2]!.y[0]).toBeCloseTo(out.points[0]!.fci, 12);
    expect(figureLabelProblems(figures)).toEqual([]);
    expect(axisTitle(figures[0]!, "xaxis")).toBe("bond length R (Angstrom)");
    expect(axisTitle(figures[0]!, "yaxis")).toBe("total energy (Ha)");
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

  it("scf says which two-electron path ran (in-core within --memory) and rejects a bad --memory", () => {
    const text = qoar("chem", "scf", "--molecule", "h2o", "--basis", "6-31g", "--memory", "64");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Integrals {4}in-core, \d+\.\d MiB/);
    const s = JSON.parse(qoar("chem", "scf", "--molecule", "h2o", "--json").stdout);
    expect(s.twoElectron).toBe("in-core");
    expect(s.twoElectronMiB).toBeGreaterThan(0);
    const bad = qoar("chem", "scf", "--molecule", "h2o", "--memory", "0");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--memory must be an integer >= 1, got "0"/);
  });

  it("scf --df: the density-fitted energy (Psi4's scf_type df); an element the auxiliary basis lacks exits 2", () => {
    const ref = loadReference("df-scf.json")["h2o/cc-pvdz/cc-pvdz-jkfit"];
    const s = JSON.parse(
      qoar("chem", "scf", "--molecule", "h2o", "--basis", "cc-pvdz", "--df", "--json").stdout,
    );
    expect(s.twoElectron).toBe("density-fitting");
    expect(Math.abs(s.energy - ref.df)).toBeLessThan(1e-7);
    const bad = qoar(
      "chem",
      "scf",
      "--molecule",
      "lih",
      "--basis",
      "cc-pvdz",
      "--df",
      "cc-pvdz-jkfit",
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/has no functions for element Li/);
  });

  it("curve --method fci in an active space: CASCI columns, no VQE column, totals with E_nuc", () => {
    const r = qoar(
      "chem",
      "curve",
      "--molecule",
      "lih",
      "--active-electrons",
      "2",
      "--active-orbitals",
      "3",
      "--method",
      "fci",
      "--steps",
      "2",
      "--quiet",
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Reference +RHF; total energies in Ha \(nuclear repulsion included\)$/m,
    );
    const header = r.stdout.split("\n").find((l) => l.trimStart().startsWith("R (A)"))!;
    expect(header.trim().split(/ {2,}/)).toEqual([
      "R (A)",
      "E_nuc (Ha)",
      "RHF (Ha)",
      "CASCI(2, 3) (Ha)",
      "E_corr (Ha)",
    ]);
    expect(r.stdout).not.toMatch(/FCI|VQE/);
    const first = r.stdout.split("\n").find((l) => l.trimStart().startsWith("0.5000"))!;
    const [, eNuc, rhf, casci, corr] = first.trim().split(/\s+/).map(Number);
    expect(eNuc).toBeCloseTo((3 * 1) / (0.5 / 0.52917721067), 7); // Z_Li Z_H / R
    expect(corr).toBeCloseTo(casci! - rhf!, 7);
  });

  it("scf and ground-state --json give the dipole as a vector in Debye (Psi4's) and <S^2>", () => {
    const props = loadReference("properties.json").records as {
      name: string;
      method: string;
      dipole_debye: number[];
    }[];
    const want = (name: string, method: string) =>
      props.find((r) => r.name === name && r.method === method)!.dipole_debye;
    const s = JSON.parse(qoar("chem", "scf", "--molecule", "h2o", "--json").stdout);
    expect(s.dipoleDebye).toBeUndefined();
    expect(s.dipole).toHaveLength(3);
    want("h2o", "scf").forEach((c, k) => {
      expect(Math.abs(s.dipole[k] - c)).toBeLessThan(1e-4);
    });
    expect(s.dipoleMagnitude).toBeCloseTo(Math.hypot(...(s.dipole as number[])), 12);
    expect(s.spinSquared).toBeCloseTo(0, 10);
    expect(s.dipoleNote).toBeUndefined();
    const ion = JSON.parse(qoar("chem", "scf", "--molecule", "heh+", "--json").stdout);
    expect(ion.dipoleNote).toMatch(/depends on the origin/);
    const g = JSON.parse(
      qoar("chem", "ground-state", "--molecule", "lih", "--method", "fci", "--json").stdout,
    );
    want("lih", "fci").forEach((c, k) => {
      expect(Math.abs(g.dipole[k] - c)).toBeLessThan(1e-4);
    });
    expect(g.spinSquared).toBeCloseTo(0, 8);
    const v = JSON.parse(qoar("chem", "ground-state", "--molecule", "h2", "--json").stdout);
    expect(v.dipole).toHaveLength(3);
    expect(v.fciDipole).toHaveLength(3);
    expect(v.spinSquared).toBeCloseTo(0, 8);
  });

  it("hamiltonian --taper: H2 to 1 qubit, LiH 12 -> 8, ground energy in the HF sector = Psi4 FCI", () => {
    const h2 = JSON.parse(
      qoar("chem", "hamiltonian", "--molecule", "h2", "--taper", "--json").stdout,
    );
    expect(h2.nQubits).toBe(1);
    expect(h2.tapering.nQubitsBefore).toBe(4);
    expect(h2.tapering.groundEnergy).toBeCloseTo(-1.137306035753, 9); // Psi4 FCI
    const lih = JSON.parse(
      qoar("chem", "hamiltonian", "--molecule", "lih", "--taper", "--json").stdout,
    );
    expect(lih.tapering.nQubitsBefore).toBe(12);
    expect(lih.nQubits).toBeLessThanOrEqual(8);
    expect(lih.tapering.symmetries).toHaveLength(12 - lih.nQubits);
    expect(lih.tapering.groundEnergy).toBeCloseTo(-7.882403410324, 9); // Psi4 FCI
    const text = qoar("chem", "hamiltonian", "--molecule", "h2", "--taper");
    expect(text.stdout).toMatch(/tapered from 4 qubits by 3 Z2 symmetries/);
    const g = qoar("chem", "ground-state", "--molecule", "h2", "--taper", "--json");
    const out = JSON.parse(g.stdout);
    expect([out.nQubits, out.taperedFrom]).toEqual([1, 4]);
    expect(Math.abs(out.vqeEnergy - out.fciEnergy)).toBeLessThan(1e-8);
  });

  it("hamiltonian --openfermion prints OpenFermion text, --fcidump writes the integrals", () => {
    const file = join(dir, "h2.FCIDUMP");
    const r = qoar("chem", "hamiltonian", "--molecule", "h2", "--openfermion", "--fcidump", file);
    expect(r.status).toBe(0);
    const op = parseQubitOperator(r.stdout);
    const json = JSON.parse(qoar("chem", "hamiltonian", "--molecule", "h2", "--json").stdout);
    const want = QubitOperator.fromList(json.terms, 4);
    const diff = op.add(want.multiply(QubitOperator.fromList([[-1, "I"]], 4)));
    for (const t of diff.pauliTerms(0)) expect(Math.hypot(t.re, t.im)).toBeLessThan(1e-12);
    const d = parseFcidump(readFileSync(file, "utf8"));
    expect([d.integrals.nOrbitals, d.nElectrons, d.ms2]).toEqual([2, 2, 0]);
    expect(fci(d.integrals, { nAlpha: d.nAlpha, nBeta: d.nBeta }).energy).toBeCloseTo(
      -1.137306035753,
      9,
    ); // Psi4 FCI
    const both = qoar("chem", "hamiltonian", "--molecule", "h2", "--openfermion", "--json");
    expect(both.status).toBe(2);
  });
});
