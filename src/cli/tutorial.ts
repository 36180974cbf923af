/**
 * `qoar tutorial list` and `qoar tutorial run <name>`: the runnable tutorials of `tutorials/`.
 * A run prints the tutorial's results as it goes (stdout), a progress bar on training loops
 * (stderr), and writes `<out>/<name>.html` (the report, plotly.js inlined) and `<out>/<name>.json`
 * (headline and numbers). Exit status: 0 when the headline reaches its target, 1 when it does not,
 * 2 on errors (an unknown name, a bad flag, a tutorial that throws).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { Tutorial, TutorialResult } from "../../tutorials/types.js";
import { ArgumentError, QoarError } from "../errors.js";
import { ProgressBar } from "../progress.js";
import { integerFlag } from "./numbers.js";
import { prepareOutputFolder } from "./output-path.js";

interface ListOptions {
  json?: boolean;
}

interface RunOptions {
  quick?: boolean;
  seed?: string;
  out?: string;
  json?: boolean;
}

/** What `qoar tutorial run --json` prints and `<out>/<name>.json` holds. */
export interface TutorialRunRecord {
  /** Tutorial name. */
  name: string;
  /** Whether the quick (smaller) variant ran. */
  quick: boolean;
  /** Seed the tutorial ran with. */
  seed: number;
  /** Wall time in seconds (two decimals). */
  seconds: number;
  /** The headline number, its target and whether it passed. */
  headline: TutorialResult["headline"];
  /** Every number the tutorial reported. */
  numbers: Record<string, unknown>;
  /** Absolute paths of the HTML report and the JSON record. */
  files: { html: string; json: string };
}

function formatSeconds(s: number): string {
  return s < 60 ? `${s} s` : `${Math.round(s / 6) / 10} min`;
}

/**
 * The known tutorial, or an ArgumentError naming the known ones.
 * @example
 * const { tutorials } = await import("../../tutorials/index.js");
 * resolveTutorial("quickstart", tutorials).meta.category; // "basics"
 */
export function resolveTutorial(name: string, registry: readonly Tutorial[]): Tutorial {
  const t = registry.find((x) => x.meta.name === name);
  if (t === undefined) {
    const known = registry.map((x) => x.meta.name).join(", ");
    throw new ArgumentError(`unknown tutorial ${JSON.stringify(name)}; known tutorials: ${known}`);
  }
  return t;
}

/**
 * Runs one tutorial as the CLI does and writes its report and numbers to `outDir`.
 * @example
 * const rec = await runTutorial(resolveTutorial("quickstart", tutorials), { quick: true, seed: 1, outDir: "out" });
 * rec.headline.pass; // true
 */
export async function runTutorial(
  tutorial: Tutorial,
  options: { quick: boolean; seed: number; outDir: string; quiet?: boolean },
): Promise<TutorialRunRecord> {
  const name = tutorial.meta.name;
  const bar = new ProgressBar({ label: name });
  const log = options.quiet
    ? () => {}
    : (line: string) => {
        bar.clear();
        process.stdout.write(`${line}\n`);
      };
  const t0 = performance.now();
  let result: TutorialResult;
  try {
    result = await tutorial.run({
      quick: options.quick,
      seed: options.seed,
      log,
      progress: (step, total, status) => bar.update(step, total, status),
    });
  } catch (err) {
    bar.done();
    if (err instanceof QoarError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new QoarError(`tutorial ${name} failed: ${msg}`);
  }
  bar.done();
  const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
  mkdirSync(options.outDir, { recursive: true });
  const html = resolve(join(options.outDir, `${name}.html`));
  const json = resolve(join(options.outDir, `${name}.json`));
  const record: TutorialRunRecord = {
    name,
    quick: options.quick,
    seed: options.seed,
    seconds,
    headline: result.headline,
    numbers: result.numbers,
    files: { html, json },
  };
  const { writeReport } = await import("../viz/report.js");
  writeReport(html, { ...result.report, data: result.report.data ?? record.numbers });
  writeFileSync(json, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/**
 * Registers `qoar tutorial list|run` on `program`; `registry` defaults to every tutorial of
 * `tutorials/index.ts`, loaded when a tutorial command runs (tests pass their own).
 * @example
 * registerTutorial(new Command("qoar"));
 */
export function registerTutorial(program: Command, registry?: readonly Tutorial[]): void {
  const known = async (): Promise<readonly Tutorial[]> =>
    registry ?? (await import("../../tutorials/index.js")).tutorials;
  const group = program
    .command("tutorial")
    .description("list and run the tutorials (each writes an HTML report with plots)")
    .addHelpText(
      "after",
      `
Examples:
  $ qoar tutorial list
  $ qoar tutorial run quickstart
  $ qoar tutorial run vqe-h2 --quick --out reports --json`,
    );

  group
    .command("list")
    .description("list the tutorials: name, category, summary, expected run time")
    .option("--json", "print a JSON array")
    .addHelpText("after", "\nExamples:\n  $ qoar tutorial list\n  $ qoar tutorial list --json")
    .action(async (opts: ListOptions) => {
      const list = await known();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list.map((t) => t.meta))}\n`);
        return;
      }
      const rows = list.map((t) => [
        t.meta.name,
        t.meta.category,
        `${formatSeconds(t.meta.seconds.full)} (quick ${formatSeconds(t.meta.seconds.quick)})`,
        t.meta.summary,
      ]);
      const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
      for (const r of rows) {
        const cells = r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell));
        process.stdout.write(`${cells.join("  ")}\n`);
      }
    });

  group
    .command("run <name>")
    .description("run one tutorial; exit 0 if its headline number reaches the target, 1 if not")
    .option("--quick", "smaller sizes and fewer iterations (under 30 s)")
    .option("--seed <s>", "seed of every random choice", "1")
    .option("--out <dir>", "folder for <name>.html and <name>.json", "qoar-output")
    .option("--json", "print one JSON object (headline, numbers, files) instead of the log")
    .addHelpText(
      "after",
      `
Examples:
  $ qoar tutorial run quickstart
  $ qoar tutorial run qaoa-maxcut --quick --seed 3 --out reports
  $ qoar tutorial run vqe-h2 --json`,
    )
    .action(async (name: string, opts: RunOptions) => {
      const tutorial = resolveTutorial(name, await known());
      const seed = integerFlag(opts.seed ?? "1", "--seed", Number.MIN_SAFE_INTEGER, "an integer")!;
      const quick = opts.quick === true;
      const json = opts.json === true;
      const outDir = opts.out ?? "qoar-output";
      // before the run: an unwritable --out fails now, in one line, not after minutes
      prepareOutputFolder("--out", outDir, [
        `${tutorial.meta.name}.html`,
        `${tutorial.meta.name}.json`,
      ]);
      if (!json) {
        const m = tutorial.meta;
        process.stdout.write(
          `${m.name} (${m.category}${quick ? ", quick" : ""}, seed ${seed}): ${m.summary}\n`,
        );
      }
      const rec = await runTutorial(tutorial, {
        quick,
        seed,
        outDir,
        quiet: json,
      });
      const h = rec.headline;
      if (json) {
        process.stdout.write(`${JSON.stringify(rec)}\n`);
      } else {
        process.stdout.write(
          `\n${h.pass ? "PASS" : "FAIL"}: ${h.name} = ${h.value} (target ${h.target}) in ${rec.seconds} s\n` +
            `report: ${rec.files.html}\nnumbers: ${rec.files.json}\n`,
        );
      }
      if (!h.pass) {
        process.stderr.write(
          `qoar: tutorial ${rec.name}: the headline ${h.name} = ${h.value} did not reach ${h.target}\n`,
        );
        process.exitCode = 1;
      }
    });
}
