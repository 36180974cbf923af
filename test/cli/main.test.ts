/**
 * What every `qoar` command does with a flag it does not know and with `--backend gpu`: one line
 * on stderr with the way to the command's help, exit status 2, nothing run (needs `npm run build`).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 30_000 });

/** Each command with the arguments it needs to get as far as its options. */
const COMMANDS: [name: string, args: string[]][] = [
  ["run", ["run", "circuits/bell.qasm"]],
  ["tutorial run", ["tutorial", "run", "quickstart", "--quick"]],
  ["tutorial list", ["tutorial", "list"]],
  ["chem ground-state", ["chem", "ground-state", "--molecule", "h2"]],
  ["chem curve", ["chem", "curve", "--molecule", "h2"]],
  ["chem hamiltonian", ["chem", "hamiltonian", "--molecule", "h2"]],
  ["chem scf", ["chem", "scf", "--molecule", "h2"]],
  ["bench", ["bench", "--quick"]],
];

describe("qoar: unknown options and unknown backends", () => {
  it.each(COMMANDS)(
    "%s --bogus: one line naming the flag and the --help hint, exit 2",
    (name, args) => {
      const r = qoar(...args, "--bogus");
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`qoar: unknown option '--bogus'; see qoar ${name} --help\n`);
    },
  );

  it("keeps commander's suggestion on the same line", () => {
    const r = qoar("run", "circuits/bell.qasm", "--shot", "3");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "qoar: unknown option '--shot' (Did you mean --shots?); see qoar run --help\n",
    );
    const cmd = qoar("frobnicate");
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toBe("qoar: unknown command 'frobnicate'; see qoar --help\n");
    const missing = qoar("run");
    expect(missing.stderr).toBe("qoar: missing required argument 'file'; see qoar run --help\n");
  });

  it("run --backend gpu names every backend qoar has, cpu and webgpu, before reading the file", () => {
    const r = qoar("run", "no-such-file.qasm", "--backend", "gpu");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('qoar: --backend must be one of cpu, mps, webgpu, got "gpu"\n');
  });

  it.each(COMMANDS.filter(([name]) => name !== "run"))(
    "%s --backend gpu: no such flag there, one line, exit 2",
    (name, args) => {
      const r = qoar(...args, "--backend", "gpu");
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`qoar: unknown option '--backend'; see qoar ${name} --help\n`);
    },
  );
});
