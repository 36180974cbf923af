/**
 * The command line: one commander program; each command group lives in its own file.
 * Errors: a `QoarError` prints one line on stderr and exits with status 2 (stack with --debug).
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { QoarError } from "../errors.js";
import { registerBench } from "./bench.js";
import { registerChem } from "./chem.js";
import { packageRoot } from "./paths.js";
import { registerRun } from "./run.js";
import { registerTutorial } from "./tutorial.js";
import { registerWorker } from "./worker.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Builds the program (exported for tests).
 * @example
 * buildProgram().helpInformation(); // the top-level --help text
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name("qoar")
    .description("qoar: quantum machine learning in TypeScript — circuits, tutorials, chemistry")
    .version(version(), "-V, --version")
    .option("--debug", "print stack traces on errors")
    .addHelpText(
      "after",
      `
Examples:
  $ qoar run circuits/bell.qasm --shots 1000 --seed 1
  $ qoar tutorial list
  $ qoar tutorial run vqe-h2
  $ qoar chem ground-state --molecule h2
  $ qoar worker --queue redis://127.0.0.1:6379

Numeric flags take numbers or numeric expressions: --shots 2^10, --from "0.74 / 2", --tolerance 1e-8
(pi, e, tau, + - * / ^, sqrt, exp, log, sin, cos, ...; no variables).`,
    );
  registerRun(program);
  registerBench(program);
  registerChem(program);
  registerTutorial(program);
  registerWorker(program);
  for (const command of allCommands(program)) {
    // a bad flag ends in main()'s handler (exit status 2), not in process.exit(1)
    command.exitOverride();
    command.configureOutput({ outputError: (text, write) => write(oneLineError(text, command)) });
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** "qoar chem ground-state": the words that run `command`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * Commander's error ("error: unknown option '--shot'\n(Did you mean --shots?)") as one line
 * with the way to the command's help, instead of the whole help text.
 */
function oneLineError(text: string, command: Command): string {
  const message = text
    .replace(/^error: /, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ")
    .replace(/\.$/, "");
  return `qoar: ${message}; see ${commandPath(command)} --help\n`;
}

/**
 * Runs the CLI on `argv` (process.argv form) and returns the exit status.
 * @example
 * process.exitCode = await main(["node", "qoar", "run", "circuits/bell.qasm"]);
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv);
    // a command may set process.exitCode (e.g. 1: a tutorial missed its target)
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof QoarError) {
      process.stderr.write(`qoar: ${err.message}\n`);
      if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
      return 2;
    }
    throw err;
  }
}
