/**
 * Variational quantum singular value decomposition (Wang et al. 2021; Paddle Quantum's VQSVD
 * tutorial): two circuits U(α) and V(β) are trained so that Re <j|U^† M V|j>, weighted by
 * decreasing q_j, is as large as possible; at the optimum U|j> and V|j> are the left and right
 * singular vectors of M and the values are its singular values, largest first. Here M is a
 * seeded random complex 4 x 4 matrix and both circuits are general two-qubit gates, trained by
 * the library's `VQSVD`. The headline checks the defining relation M v_j = s_j u_j; the low-rank
 * approximations built from the learned triples are compared with the Eckart-Young bound.
 */
import { Circuit, Rng, VQSVD, type VQSVDResult } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "vqsvd",
  category: "theory",
  summary: "variational SVD: the singular values and vectors of a random 4 x 4 complex matrix",
  seconds: { full: 1, quick: 1 },
  target: { full: "max_j ||M v_j - s_j u_j|| <= 1e-4", quick: "the same as full" },
};

const DIM = 4;

function universal(seed: number): Circuit {
  const c = new Circuit(2, { seed });
  c.universalTwoQubits([0, 1]);
  return c;
}

/** Row-major interleaved complex M times the interleaved vector v. */
function apply(m: Float64Array, v: Float64Array): Float64Array {
  const out = new Float64Array(2 * DIM);
  for (let i = 0; i < DIM; i++) {
    for (let j = 0; j < DIM; j++) {
      const k = 2 * (i * DIM + j);
      out[2 * i] = out[2 * i]! + m[k]! * v[2 * j]! - m[k + 1]! * v[2 * j + 1]!;
      out[2 * i + 1] = out[2 * i + 1]! + m[k]! * v[2 * j + 1]! + m[k + 1]! * v[2 * j]!;
    }
  }
  return out;
}

/** ||M - sum_{j<rank} s_j u_j v_j^†||_F from the learned triples. */
function lowRankError(
  m: Float64Array,
  s: readonly number[],
  u: readonly Float64Array[],
  v: readonly Float64Array[],
  rank: number,
): number {
  let err = 0;
  for (let a = 0; a < DIM; a++) {
    for (let b = 0; b < DIM; b++) {
      let re = m[2 * (a * DIM + b)]!;
      let im = m[2 * (a * DIM + b) + 1]!;
      for (let j = 0; j < rank; j++) {
        // u_a conj(v_b)
        const ur = u[j]![2 * a]!;
        const ui = u[j]![2 * a + 1]!;
        const vr = v[j]![2 * b]!;
        const vi = -v[j]![2 * b + 1]!;
        re -= s[j]! * (ur * vr - ui * vi);
        im -= s[j]! * (ur * vi + ui * vr);
      }
      err += re * re + im * im;
    }
  }
  return Math.sqrt(err);
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run vqsvd` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const rng = new Rng(seed);
  const m = new Float64Array(2 * DIM * DIM);
  for (let i = 0; i < m.length; i++) m[i] = Number(rng.uniformIn(-1, 1).toFixed(4));
  log(`a seeded random complex ${DIM} x ${DIM} matrix M (seed ${seed})`);

  const restarts = options.quick ? 1 : 3;
  let best: { residual: number; residuals: number[]; result: VQSVDResult } | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = new VQSVD(m, universal(seed * 100 + 2 * r), universal(seed * 100 + 2 * r + 1), {
      rank: DIM,
      gradientTolerance: 1e-9,
      tolerance: 1e-15,
      maxIterations: 1000,
    }).run();
    const residuals = result.singularValues.map((s, j) => {
      const mv = apply(m, result.right[j]!);
      let sq = 0;
      for (let i = 0; i < mv.length; i++) sq += (mv[i]! - s * result.left[j]![i]!) ** 2;
      return Math.sqrt(sq);
    });
    const residual = Math.max(...residuals);
    log(
      `start ${r + 1}: s = ${result.singularValues.map((s) => fmt(s)).join(", ")}; max_j ||M v_j - s_j u_j|| = ${fmt(residual, 3)}`,
    );
    if (best === undefined || residual < best.residual) best = { residual, residuals, result };
    progress(r + 1, restarts, `residual ${fmt(residual, 3)}`);
  }
  const { residual, residuals, result } = best!;
  const s = result.singularValues;
  const frobenius = Math.sqrt(m.reduce((acc, x) => acc + x * x, 0));
  const ranks = Array.from({ length: DIM + 1 }, (_, t) => t);
  const approxError = ranks.map((t) => lowRankError(m, s, result.left, result.right, t));
  // Eckart-Young: the best rank-t error is sqrt(sum of the discarded s_j^2)
  const eckartYoung = ranks.map((t) => Math.sqrt(s.slice(t).reduce((acc, x) => acc + x * x, 0)));
  log(`||M||_F = ${fmt(frobenius)}, sqrt(sum s_j^2) = ${fmt(eckartYoung[0]!)}`);
  for (const t of ranks.slice(1, DIM)) {
    log(
      `rank-${t} approximation: error ${fmt(approxError[t]!)}, Eckart-Young ${fmt(eckartYoung[t]!)}`,
    );
  }
  return {
    headline: headline("max_j ||M v_j - s_j u_j||", residual, "<= 1e-4", residual <= 1e-4),
    numbers: {
      matrix: Array.from(m),
      singularValues: s,
      residual,
      frobenius,
      lowRankError: approxError,
      eckartYoung,
    },
    report: {
      title: "Variational SVD of a random 4 x 4 complex matrix",
      sections: [
        {
          heading: "Singular values",
          table: {
            columns: ["j", "s_j", "||M v_j - s_j u_j||"],
            rows: s.map((sj, j) => [j, fmt(sj, 8), fmt(residuals[j]!, 3)]),
          },
          figures: [
            lineFigure(
              "Low-rank approximation from the learned triples",
              "rank t",
              "||M - M_t||_F",
              [
                { name: "VQSVD", x: ranks, y: approxError, mode: "lines+markers" },
                { name: "Eckart-Young", x: ranks, y: eckartYoung, mode: "markers" },
              ],
              { integerX: true },
            ),
          ],
        },
        {
          heading: "Training of the best start",
          figures: [
            lineFigure("Weighted objective", "iteration", "loss (-sum_j q_j s_j)", [
              { name: "loss", y: result.history },
            ]),
          ],
        },
      ],
    },
  };
}
