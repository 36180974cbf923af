/** Runs a tutorial in quick mode and checks what every tutorial must deliver. */
import { expect } from "vitest";
import { renderReport } from "../../src/viz/report.js";
import type { Tutorial, TutorialResult } from "../../tutorials/types.js";
import { figureLabelProblems } from "../viz/figure-labels.js";

export interface QuickRun {
  result: TutorialResult;
  lines: string[];
  progressCalls: number;
}

/**
 * Runs `t` with quick: true; asserts the headline passes and the report has figures, each with
 * a title and titled axes.
 */
export async function runQuick(t: Tutorial, seed = 1): Promise<QuickRun> {
  const lines: string[] = [];
  let progressCalls = 0;
  const result = await t.run({
    quick: true,
    seed,
    log: (line) => lines.push(line),
    progress: (step, total) => {
      expect(step).toBeGreaterThanOrEqual(0);
      expect(step).toBeLessThanOrEqual(total);
      progressCalls++;
    },
  });
  expect(lines.length).toBeGreaterThan(0);
  expect(Number.isFinite(result.headline.value)).toBe(true);
  expect(result.headline.pass, `${t.meta.name}: ${JSON.stringify(result.headline)}`).toBe(true);
  const figures = result.report.sections.flatMap((s) => s.figures ?? []);
  expect(figures.length).toBeGreaterThan(0);
  for (const f of figures) expect(f.data.length).toBeGreaterThan(0);
  expect(figureLabelProblems(figures), `${t.meta.name}: figure titles`).toEqual([]);
  const html = renderReport(result.report);
  expect(html).toContain('id="qoar-figures"');
  // numbers must survive JSON (they go to <out>/<name>.json)
  expect(() => JSON.stringify(result.numbers)).not.toThrow();
  return { result, lines, progressCalls };
}
