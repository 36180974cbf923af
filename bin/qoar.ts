#!/usr/bin/env node
/** The `qoar` command line: a thin entry that hands over to src/cli. */
import { main } from "../src/cli/main.js";

// `qoar ... | head` closes the pipe early: that is not an error
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`qoar: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
