import { describe, expect, it } from "vitest";
import { ProgressBar } from "../src/progress.js";

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 80, write: (s: string) => chunks.push(s) } };
};

/**
 * What a terminal shows after `text`: carriage return, newline and the escape sequences the bar
 * uses (cursor to column, erase in line, save/restore cursor; line-wrap and cursor-visibility
 * modes are ignored). Any other escape sequence fails the test.
 */
function screen(text: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const put = (ch: string) => {
    const l = lines[row]!.padEnd(col);
    lines[row] = l.slice(0, col) + ch + l.slice(col + 1);
    col++;
  };
  for (let i = 0; i < text.length; ) {
    const rest = text.slice(i);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it parses terminal escape sequences
    const csi = /^\x1b\[(\??)(\d*)([A-Za-z])/.exec(rest);
    if (csi) {
      const [all, priv, num, cmd] = csi;
      if (priv === "?") {
        expect(["7l", "7h", "25l", "25h"]).toContain(`${num}${cmd}`);
      } else if (cmd === "G") col = Number(num || 1) - 1;
      else if (cmd === "K") {
        const mode = Number(num || 0);
        const l = lines[row]!;
        lines[row] =
          mode === 0 ? l.slice(0, col) : mode === 1 ? " ".repeat(col) + l.slice(col) : "";
      } else throw new Error(`unexpected escape sequence ${JSON.stringify(all)}`);
      i += all.length;
    } else if (rest.startsWith("\x1b7")) {
      saved = { row, col };
      i += 2;
    } else if (rest.startsWith("\x1b8")) {
      ({ row, col } = saved);
      i += 2;
    } else if (rest[0] === "\r") {
      col = 0;
      i++;
    } else if (rest[0] === "\n") {
      row++;
      col = 0;
      if (lines.length <= row) lines.push("");
      i++;
    } else {
      expect(rest[0]).not.toBe("\x1b");
      put(rest[0]!);
      i++;
    }
  }
  return lines.map((l) => l.trimEnd());
}

const tick = (ms = 3) => new Promise((r) => setTimeout(r, ms));

describe("ProgressBar", () => {
  it("prints a plain line every 10% when not a terminal", () => {
    const { chunks, stream } = sink(false);
    const bar = new ProgressBar({ stream, label: "t" });
    for (let i = 1; i <= 200; i++) bar.update(i, 200, "s");
    bar.done();
    expect(chunks).toHaveLength(11); // 0%, 10%, ..., 100%
    expect(chunks.every((c) => c.endsWith("\n") && !c.includes("\r"))).toBe(true);
    expect(chunks[10]).toMatch(/^t \[#+\] 100% 200\/200 s\n$/);
  });

  it("redraws one line in a terminal (cli-progress) and ends it when the loop finishes", async () => {
    const { chunks, stream } = sink(true);
    const bar = new ProgressBar({ stream, intervalMs: 0, width: 10 });
    bar.update(1, 4);
    await tick();
    bar.update(2, 4, "E = -1.1");
    await tick();
    // one line, redrawn in place: no newline yet
    expect(screen(chunks.join(""))).toEqual(["[#####-----]  50% 2/4 E = -1.1"]);
    const drawsOfStep = (k: number) => chunks.filter((c) => c.includes(` ${k}/4`)).length;
    expect(drawsOfStep(1)).toBeGreaterThan(0);
    expect(drawsOfStep(2)).toBeGreaterThan(0);
    bar.update(3, 4);
    await tick();
    bar.update(4, 4, "done");
    expect(screen(chunks.join(""))).toEqual(["[##########] 100% 4/4 done", ""]);
    // the finished bar's timer is stopped: nothing more is drawn
    const n = chunks.length;
    await tick(10);
    expect(chunks.length).toBe(n);
  });

  it("erases its line on clear() so other output can be printed, and draws again on the next update", async () => {
    const { chunks, stream } = sink(true);
    const bar = new ProgressBar({ stream, label: "fit", intervalMs: 0, width: 4 });
    bar.update(1, 4);
    await tick();
    bar.clear();
    stream.write("a log line\n"); // what runTutorial prints (on stdout, the same terminal)
    bar.update(2, 4);
    await tick();
    expect(screen(chunks.join(""))).toEqual(["a log line", "fit [##--]  50% 2/4"]);
    // a smaller step starts a new loop: the old loop's line stays, the new one is drawn below
    bar.update(1, 8);
    await tick();
    expect(screen(chunks.join(""))).toEqual([
      "a log line",
      "fit [##--]  50% 2/4",
      "fit [#---]  12% 1/8",
    ]);
    bar.done();
    expect(screen(chunks.join("")).at(-1)).toBe("");
  });

  it("draws at most about once per intervalMs in a busy synchronous loop", () => {
    const { chunks, stream } = sink(true);
    const bar = new ProgressBar({ stream, intervalMs: 50 });
    const t0 = Date.now();
    let i = 0;
    while (Date.now() - t0 < 120) bar.update(++i % 1_000_000, 1_000_000);
    const draws = chunks.filter((c) => /\d+\/1000000/.test(c)).length;
    expect(i).toBeGreaterThan(1000);
    expect(draws).toBeGreaterThanOrEqual(1);
    expect(draws).toBeLessThanOrEqual(4); // 120 ms / 50 ms, plus the first draw
    bar.done();
  });

  it("draws in place on any stream when tty: true forces it", async () => {
    const { chunks, stream } = sink(false);
    const bar = new ProgressBar({ stream, tty: true, intervalMs: 0, width: 4 });
    bar.update(1, 2);
    await tick();
    expect(screen(chunks.join(""))).toEqual(["[##--]  50% 1/2"]);
    bar.update(2, 2);
    expect(screen(chunks.join(""))).toEqual(["[####] 100% 2/2", ""]);
  });
});
