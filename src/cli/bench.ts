/**
 * `qoar bench [--quick] [--filter text]`: runs the benchmark runner (`dist/bench/run.js`, the
 * same as `npm run bench`) in a child process, so its JSON lines reach stdout untouched and its
 * progress reaches stderr.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { ArgumentError, ResourceError } from "../errors.js";
import { packageRoot } from "./paths.js";

interface BenchOptions {
  quick?: boolean;
  filter?: string;
}

/**
 * The runner's path and arguments for the given options.
 * @example
 * benchCommand({ quick: true, filter: "gate-h" });
 * // { script: ".../dist/bench/run.js", args: ["--quick", "--filter", "gate-h"] }
 */
export function benchCommand(
  options: BenchOptions,
  root = packageRoot(),
): {
  script: string;
  args: string[];
} {
  const script = join(root, "dist", "bench", "run.js");
  if (!existsSync(script)) {
    throw new ResourceError(
      `bench: the benchmark runner ${script} is missing; build it with "npm run build"`,
    );
  }
  const args: string[] = [];
  if (options.quick) args.push("--quick");
  if (options.filter !== undefined) {
    if (options.filter.trim() === "" || options.filter.startsWith("-")) {
      throw new ArgumentError(
        `--filter needs a text to match in "suite/case", got ${JSON.stringify(options.filter)}`,
      );
    }
    args.push("--filter", options.filter);
  }
  return { script, args };
}

/**
 * Registers `qoar bench`.
 * @example
 * registerBench(program); // then: qoar bench --quick --filter statevector
 */
export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("run the benchmarks: one JSON object per line on stdout, progress on stderr")
    .option("--quick", "a small subset (under a minute)")
    .option("--filter <text>", 'only cases whose "suite/case" contains text')
    .addHelpText(
      "after",
      `
Each line: {"suite","case","n","median_ms","runs", and where measured "baseline","baseline_ms","ratio"}.

Examples:
  $ qoar bench --quick
  $ qoar bench --filter statevector/gate-h > results.jsonl`,
    )
    .action(async (opts: BenchOptions) => {
      const { script, args } = benchCommand(opts);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [script, ...args], {
          stdio: ["ignore", "inherit", "inherit"],
        });
        child.on("error", reject);
        child.on("close", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
      });
      // the runner printed its own error on stderr; pass its status on
      if (code !== 0) process.exitCode = code;
    });
}
