/**
 * H2 dissociation in STO-3G: Hartree-Fock, UCCSD-VQE and FCI against the bond length. Restricted
 * Hartree-Fock keeps both electrons in one bonding orbital, so it dissociates into a mixture of
 * H + H and H+ + H- and ends far too high; UCCSD from that same reference follows FCI along
 * the whole curve (for two electrons UCCSD is exact).
 */
import { Molecule, vqe } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

export const meta: TutorialMeta = {
  name: "h2-dissociation",
  category: "chemistry",
  summary: "H2 dissociation curve (STO-3G): Hartree-Fock, UCCSD-VQE and FCI from 0.3 to 2.5 A",
  seconds: { full: 3, quick: 1 },
  target: {
    full: "max |E_VQE - E_FCI| <= 1e-6 Ha over 24 bond lengths (0.3 to 2.5 A in steps of 0.1, and 0.735); FCI equals Psi4 at 0.5, 0.735, 1.0, 1.5, 2.5 A to 1e-6",
    quick: "the same on 7 bond lengths",
  },
};

/** Psi4 1.3.2's FCI energies of H2 in STO-3G (the same numbers as test/reference/chem.json). */
const PSI4_FCI: Record<string, number> = {
  "0.5": -1.055159794688,
  "0.735": -1.137306035753,
  "1": -1.101150330133,
  "1.5": -0.998149353358,
  "2.5": -0.936054919944,
};

export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, quick } = options;
  const grid = quick
    ? [0.3, 0.5, 0.735, 1.0, 1.5, 2.0, 2.5]
    : [...Array.from({ length: 23 }, (_, k) => Math.round((0.3 + 0.1 * k) * 10) / 10), 0.735].sort(
        (a, b) => a - b,
      );
  const hf: number[] = [];
  const uccsd: number[] = [];
  const exact: number[] = [];
  grid.forEach((r, k) => {
    const res = vqe(Molecule.fromGeometry(`H 0 0 0; H 0 0 ${r}`, { basis: "sto-3g" }));
    hf.push(res.hfEnergy);
    uccsd.push(res.vqeEnergy!);
    exact.push(res.fciEnergy!);
    progress(k + 1, grid.length, `R = ${r} A`);
  });
  const errors = grid.map((_, k) => Math.abs(uccsd[k]! - exact[k]!));
  const maxErr = Math.max(...errors);
  let psi4Dev = 0;
  grid.forEach((r, k) => {
    const ref = PSI4_FCI[String(r)];
    if (ref !== undefined) psi4Dev = Math.max(psi4Dev, Math.abs(exact[k]! - ref));
  });
  const kMin = exact.indexOf(Math.min(...exact));
  const last = grid.length - 1;
  log(`${grid.length} bond lengths from ${grid[0]} to ${grid[last]} A`);
  log(`FCI minimum on the grid: R = ${grid[kMin]} A, E = ${fmt(exact[kMin]!, 8)} Ha`);
  log(`largest |E_VQE - E_FCI|: ${fmt(maxErr, 3)} Ha; FCI against Psi4: ${fmt(psi4Dev, 3)} Ha`);
  log(
    `at ${grid[last]} A Hartree-Fock is ${fmt(hf[last]! - exact[last]!, 4)} Ha above FCI (the RHF dissociation error); 2 E(H) = -0.933164 Ha in STO-3G`,
  );
  const pass = maxErr <= 1e-6 && psi4Dev <= 1e-6;
  return {
    headline: headline(
      "max |E_VQE - E_FCI| along the curve (Ha)",
      maxErr,
      "<= 1e-6, with FCI = Psi4 to 1e-6",
      pass,
    ),
    numbers: {
      bondLengths: grid,
      hartreeFock: hf,
      vqe: uccsd,
      fci: exact,
      maxError: maxErr,
      psi4Deviation: psi4Dev,
    },
    report: {
      title: "H2 dissociation (STO-3G): Hartree-Fock, UCCSD-VQE and FCI",
      sections: [
        {
          heading: "Potential energy curves",
          text: "VQE with UCCSD (Jordan-Wigner, 4 qubits, 3 amplitudes, L-BFGS from MP2 amplitudes) at every bond length.",
          figures: [
            lineFigure("Energy against bond length", "R (Angstrom)", "E (Ha)", [
              { name: "Hartree-Fock", x: grid, y: hf, mode: "lines+markers" },
              { name: "UCCSD-VQE", x: grid, y: uccsd, mode: "markers" },
              { name: "FCI", x: grid, y: exact, mode: "lines" },
            ]),
            lineFigure(
              "VQE error",
              "R (Angstrom)",
              "|E_VQE - E_FCI| (Ha)",
              [
                {
                  name: "UCCSD-VQE",
                  x: grid,
                  y: errors.map((e) => Math.max(e, 1e-16)),
                  mode: "lines+markers",
                },
              ],
              { logY: true },
            ),
          ],
          table: {
            columns: ["R (A)", "HF (Ha)", "VQE (Ha)", "FCI (Ha)"],
            rows: grid.map((r, k) => [r, fmt(hf[k]!, 8), fmt(uccsd[k]!, 8), fmt(exact[k]!, 8)]),
          },
        },
      ],
    },
  };
}
