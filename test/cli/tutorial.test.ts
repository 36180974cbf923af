import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerTutorial } from "../../src/cli/tutorial.js";
import { QoarError } from "../../src/errors.js";
import { tutorials } from "../../tutorials/index.js";
import type { Tutorial } from "../../tutorials/types.js";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });

const out = mkdtempSync(join(tmpdir(), "qoar-tutorial-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("qoar tutorial (end to end; needs `npm run build`)", () => {
  it("lists every registered tutorial with its metadata as JSON", () => {
    const r = qoar("tutorial", "list", "--json");
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as {
      name: string;
      category: string;
      summary: string;
      seconds: { full: number; quick: number };
    }[];
    expect(list.map((t) => t.name)).toEqual(tutorials.map((t) => t.meta.name));
    for (const t of list) {
      expect(t.summary.length).toBeGreaterThan(0);
      expect(t.seconds.quick).toBeLessThanOrEqual(30);
    }
    const text = qoar("tutorial", "list");
    expect(text.status).toBe(0);
    expect(text.stdout.trim().split("\n")).toHaveLength(list.length);
    expect(text.stdout).toMatch(/^quickstart\s+basics/m);
  });

  it("runs quickstart --quick --json: exit 0, parsed JSON, HTML report with its plot data", () => {
    const r = qoar(
      "tutorial",
      "run",
      "quickstart",
      "--quick",
      "--seed",
      "3",
      "--out",
      out,
      "--json",
    );
    expect(r.status).toBe(0);
    const rec = JSON.parse(r.stdout) as {
      name: string;
      quick: boolean;
      seed: number;
      headline: { pass: boolean; value: number };
      numbers: { bellCounts: Record<string, number>; shots: number };
      files: { html: string; json: string };
    };
    expect(rec.name).toBe("quickstart");
    expect(rec.quick).toBe(true);
    expect(rec.seed).toBe(3);
    expect(rec.headline.pass).toBe(true);
    const counts = rec.numbers.bellCounts;
    expect((counts["00"] ?? 0) + (counts["11"] ?? 0)).toBe(rec.numbers.shots);
    expect(rec.files.html).toBe(join(out, "quickstart.html"));
    const html = readFileSync(rec.files.html, "utf8");
    expect(html).toContain("Plotly"); // plotly.js inlined
    const figures = JSON.parse(
      /<script id="qoar-figures" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!,
    ) as { data: { type: string; y: number[] }[] }[];
    expect(figures.length).toBeGreaterThan(0);
    // the Bell counts plot holds the measured counts
    expect(figures[0]!.data[0]!.type).toBe("bar");
    expect(figures[0]!.data[0]!.y.reduce((s, v) => s + v, 0)).toBe(rec.numbers.shots);
    const saved = JSON.parse(readFileSync(rec.files.json, "utf8"));
    expect(saved.headline).toEqual(rec.headline);
    expect(saved.numbers).toEqual(rec.numbers);
  });

  it("prints the results as it goes without --json", () => {
    const r = qoar("tutorial", "run", "quickstart", "--quick", "--out", out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Bell circuit/);
    expect(r.stdout).toMatch(/^PASS: /m);
    expect(r.stdout).toContain(join(out, "quickstart.html"));
  });

  it("exits 2 with the known names on an unknown tutorial, and on a bad seed", () => {
    const r = qoar("tutorial", "run", "no-such-tutorial", "--out", out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-tutorial/);
    expect(r.stderr).toMatch(/quickstart/);
    expect(qoar("tutorial", "run", "quickstart", "--seed", "x", "--out", out).status).toBe(2);
  });
});

describe("the tutorial registry", () => {
  it("lists every tutorial file once, with valid metadata", () => {
    const dir = new URL("../../tutorials/", import.meta.url);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !["index.ts", "types.ts", "common.ts"].includes(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    const names = tutorials.map((t) => t.meta.name);
    expect([...names].sort()).toEqual(files);
    for (const t of tutorials) {
      expect(t.meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.meta.seconds.quick).toBeLessThanOrEqual(30);
      expect(t.meta.target.quick.length).toBeGreaterThan(0);
      expect(typeof t.run).toBe("function");
    }
    const readme = readFileSync(new URL("README.md", dir), "utf8");
    for (const name of names) expect(readme).toContain(`[${name}](${name}.ts)`);
  });
});

describe("qoar tutorial run, in process, on made-up tutorials", () => {
  const fake = (name: string, value: number, fail?: Error): Tutorial => ({
    meta: {
      name,
      category: "basics",
      summary: "test",
      seconds: { full: 1, quick: 1 },
      target: { full: "value <= 1", quick: "value <= 1" },
    },
    run: async ({ progress }) => {
      progress(1, 1);
      if (fail) throw fail;
      return {
        headline: { name: "value", value, target: "<= 1", pass: value <= 1 },
        numbers: { value },
        report: { title: name, sections: [{ figures: [{ data: [{ y: [value] }] }] }] },
      };
    },
  });
  const registry = [fake("good", 0.5), fake("bad", 2), fake("broken", 0, new Error("boom"))];
  const runIt = async (name: string): Promise<number | undefined> => {
    const program = new Command("qoar").exitOverride();
    registerTutorial(program, registry);
    const saved = process.exitCode;
    process.exitCode = undefined;
    try {
      await program.parseAsync(["node", "qoar", "tutorial", "run", name, "--json", "--out", out]);
      return typeof process.exitCode === "number" ? process.exitCode : 0;
    } finally {
      process.exitCode = saved;
    }
  };

  it("sets exit status 0 when the headline passes and 1 when it does not", async () => {
    expect(await runIt("good")).toBe(0);
    expect(await runIt("bad")).toBe(1);
    expect(JSON.parse(readFileSync(join(out, "bad.json"), "utf8")).headline.pass).toBe(false);
  });

  it("turns a tutorial that throws into a QoarError (exit status 2 in the CLI)", async () => {
    await expect(runIt("broken")).rejects.toThrow(QoarError);
    await expect(runIt("broken")).rejects.toThrow(/tutorial broken failed: boom/);
    await expect(runIt("missing")).rejects.toThrow(/known tutorials: good, bad, broken/);
  });
});
