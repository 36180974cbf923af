/**
 * VQE on H2 (STO-3G, 0.735 A): molecule -> Hartree-Fock -> MO integrals -> Jordan-Wigner qubit
 * Hamiltonian, then two ansatzes minimized with L-BFGS: a one-parameter unitary coupled-cluster
 * double excitation on the Hartree-Fock state (chemistry's choice) and a hardware-efficient RY-CNOT
 * circuit (no chemistry knowledge). Both reach the FCI energy.
 */
import {
  Circuit,
  expecVal,
  FermionOperator,
  fci,
  Hamiltonian,
  jordanWigner,
  LBFGS,
  Molecule,
  Parameter,
  parsePauli,
  pauliRotationGate,
  qubitHamiltonian,
  runSCF,
  transformToMO,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "vqe-h2",
  category: "chemistry",
  summary: "VQE on H2 (STO-3G, 0.735 A): UCC double excitation and a hardware-efficient ansatz",
  seconds: { full: 3, quick: 2 },
  target: { full: "|E_VQE - E_FCI| <= 1e-6 Ha (E_FCI = -1.137306)", quick: "the same as full" },
};

/** The FCI energy of the issue, rounded to 1e-6 Ha. */
const E_FCI_REFERENCE = -1.137306;

/**
 * exp(theta (T - T^dagger)) for the double excitation T = a+_2 a+_3 a_1 a_0, as Pauli rotations:
 * G = i (T - T^dagger) maps (Jordan-Wigner) to sum_k g_k P_k with commuting P_k, so
 * exp(-i theta G) = prod_k exp(-i (2 g_k theta) P_k / 2), one rotation per string sharing theta.
 */
function uccDouble(theta: Parameter): Circuit {
  const c = new Circuit(4);
  c.x([0, 1]); // Hartree-Fock: spin orbitals 0 (alpha) and 1 (beta) occupied
  const T = FermionOperator.term("2^ 3^ 1 0");
  const G = jordanWigner(T.sub(T.hermitianConjugate()).scale({ re: 0, im: 1 }));
  for (const [g, label] of G.toList()) {
    const p = parsePauli(label);
    c.addOperation(pauliRotationGate(p.letters.join("")), p.qubits, [
      { kind: "param", param: theta, index: 0, scale: 2 * g },
    ]);
  }
  return c;
}

/** Three RY layers with CNOT chains between them: 12 parameters. */
function hardwareEfficient(seed: number): Circuit {
  const c = new Circuit(4, { seed });
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  return c;
}

/** L-BFGS with strong Wolfe line search; returns the energy of every closure evaluation. */
function minimize(
  c: Circuit,
  H: Hamiltonian,
  rounds: number,
  report: (i: number, e: number) => void,
): number[] {
  const opt = new LBFGS(c.parameters(), { lr: 1, maxIter: 100, lineSearchFn: "strong_wolfe" });
  const trace: number[] = [];
  const closure = (): number => {
    opt.zeroGrad();
    const loss = expecVal(c.forward(), H);
    loss.backward();
    const e = loss.item();
    trace.push(e);
    return e;
  };
  for (let r = 0; r < rounds; r++) {
    opt.step(closure);
    report(r + 1, trace[trace.length - 1]!);
  }
  return trace;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run vqe-h2` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;

  // 1. The qubit Hamiltonian from the molecule.
  const mol = Molecule.fromGeometry("H 0 0 0; H 0 0 0.735", { basis: "sto-3g" });
  const hf = runSCF(mol);
  const mo = transformToMO(hf.integrals.hCore, hf.integrals.eri, hf.coefficients, hf.eNuc);
  const H = new Hamiltonian(qubitHamiltonian(mo).toList(), { nQubits: 4 });
  const eFci = fci(mo, { nAlpha: 1, nBeta: 1, tol: 1e-9 }).energy;
  const eExact = H.groundState({ seed }).energy;
  log(`Hartree-Fock energy: ${fmt(hf.energy)} Ha`);
  log(`Jordan-Wigner Hamiltonian: ${H.nTerms} Pauli terms on 4 qubits`);
  log(`FCI energy: ${fmt(eFci, 8)} Ha (Lanczos on the qubit Hamiltonian: ${fmt(eExact, 8)})`);

  // 2. UCC double excitation: one parameter.
  const theta = new Parameter(new Float64Array(1), [1]);
  const ucc = uccDouble(theta);
  log(
    `UCC ansatz: X on qubits 0 and 1 (Hartree-Fock), then ${ucc.gateCount - 2} Pauli rotations sharing one angle`,
  );
  const uccTrace = minimize(ucc, H, 2, (i, e) => progress(i, 2, `E = ${fmt(e, 8)}`));
  const eUcc = uccTrace[uccTrace.length - 1]!;
  log(
    `UCC: E = ${fmt(eUcc, 8)} Ha at theta = ${fmt(theta.data[0]!)}, |E - E_FCI| = ${fmt(Math.abs(eUcc - eFci), 3)}`,
  );

  // 3. Hardware-efficient: RY layers and CNOT chains, random start.
  const hea = hardwareEfficient(seed);
  const rounds = options.quick ? 3 : 5;
  const heaTrace = minimize(hea, H, rounds, (i, e) => progress(i, rounds, `E = ${fmt(e, 8)}`));
  const eHea = heaTrace[heaTrace.length - 1]!;
  log(
    `hardware-efficient (${hea.parameterCount} parameters): E = ${fmt(eHea, 8)} Ha, |E - E_FCI| = ${fmt(Math.abs(eHea - eFci), 3)}`,
  );

  const errUcc = Math.abs(eUcc - eFci);
  const fciOk = Math.abs(eFci - E_FCI_REFERENCE) <= 1e-6;
  log(`E_FCI vs the reference -1.137306: ${fmt(Math.abs(eFci - E_FCI_REFERENCE), 3)}`);
  const errors = (t: number[]) => t.map((e) => Math.max(Math.abs(e - eFci), 1e-16));
  return {
    headline: headline(
      "|E_VQE - E_FCI| (UCC, Ha)",
      errUcc,
      "<= 1e-6, with E_FCI = -1.137306 to 1e-6",
      errUcc <= 1e-6 && fciOk,
    ),
    numbers: {
      hartreeFock: hf.energy,
      fci: eFci,
      lanczos: eExact,
      pauliTerms: H.nTerms,
      ucc: { energy: eUcc, theta: theta.data[0], evaluations: uccTrace.length, error: errUcc },
      hardwareEfficient: {
        energy: eHea,
        parameters: hea.parameterCount,
        evaluations: heaTrace.length,
        error: Math.abs(eHea - eFci),
      },
    },
    report: {
      title: "VQE on H2 (STO-3G, 0.735 A)",
      sections: [
        {
          heading: "The Hamiltonian",
          text: `Hartree-Fock ${fmt(hf.energy)} Ha; Jordan-Wigner qubit Hamiltonian with ${H.nTerms} Pauli terms; FCI ${fmt(eFci, 8)} Ha.`,
          table: {
            columns: ["method", "energy (Ha)", "|E - E_FCI|"],
            rows: [
              ["Hartree-Fock", fmt(hf.energy, 8), fmt(hf.energy - eFci, 3)],
              ["VQE, UCC double (1 parameter)", fmt(eUcc, 8), fmt(errUcc, 3)],
              [
                `VQE, hardware-efficient (${hea.parameterCount})`,
                fmt(eHea, 8),
                fmt(Math.abs(eHea - eFci), 3),
              ],
              ["FCI", fmt(eFci, 8), "0"],
            ],
          },
        },
        {
          heading: "Convergence (L-BFGS, every energy evaluation)",
          figures: [
            lineFigure("Energy", "evaluation", "E (Ha)", [
              { name: "UCC", y: uccTrace },
              { name: "hardware-efficient", y: heaTrace },
            ]),
            lineFigure(
              "Error against FCI",
              "evaluation",
              "|E - E_FCI| (Ha)",
              [
                { name: "UCC", y: errors(uccTrace) },
                { name: "hardware-efficient", y: errors(heaTrace) },
              ],
              { logY: true },
            ),
          ],
        },
      ],
    },
  };
}
