/**
 * The contract every tutorial file follows: `export const meta: TutorialMeta` and
 * `export async function run(options: TutorialOptions): Promise<TutorialResult>`.
 * `qoar tutorial list|run` reads these; CI runs every tutorial with `quick: true` and asserts
 * `result.headline.pass`.
 */
import type { Report } from "qoar";

export interface TutorialMeta {
  /** Kebab-case name used on the command line (`qoar tutorial run vqe-h2`). */
  readonly name: string;
  readonly category:
    | "basics"
    | "chemistry"
    | "optimization"
    | "machine-learning"
    | "noise"
    | "theory";
  /** One line for `qoar tutorial list`. */
  readonly summary: string;
  /** Expected wall time in seconds of the full run and of `--quick` (one thread, this machine class). */
  readonly seconds: { readonly full: number; readonly quick: number };
  /** What the headline number must reach in full and in quick mode (human-readable). */
  readonly target: { readonly full: string; readonly quick: string };
}

export interface TutorialOptions {
  /** Fewer iterations / smaller sizes so the run takes under 30 s (CI). */
  readonly quick: boolean;
  /** Seed for every random choice (default 1). */
  readonly seed: number;
  /** Prints one line of results as the tutorial goes (stdout in the CLI; silent in --json mode). */
  readonly log: (line: string) => void;
  /** Reports training progress (`step` of `total`, with an optional short status). */
  readonly progress: (step: number, total: number, status?: string) => void;
}

/** The one number a tutorial is about, and whether it reached its target. */
export interface Headline {
  readonly name: string;
  readonly value: number;
  /** The target it is compared with, as text (e.g. "|E - E_FCI| <= 1e-6"). */
  readonly target: string;
  readonly pass: boolean;
}

export interface TutorialResult {
  readonly headline: Headline;
  /** Every number worth keeping (written to `<out>/<name>.json`). */
  readonly numbers: Record<string, unknown>;
  /** The HTML report (written to `<out>/<name>.html`). */
  readonly report: Report;
}

/** A tutorial module. */
export interface Tutorial {
  readonly meta: TutorialMeta;
  run(options: TutorialOptions): Promise<TutorialResult>;
}
