/**
 * Small helpers the tutorials share: plot builders for the HTML report and number formatting.
 * Tutorials are programs for readers, so these stay few and obvious.
 */
import type { Figure } from "qoar";
import type { Headline } from "./types.js";

/**
 * A line plot of one or more named series against x (or the step index).
 * @example
 * lineFigure("Energy", "step", "E (Ha)", [{ name: "VQE", y: [-1, -1.1, -1.13] }]);
 */
export function lineFigure(
  title: string,
  xTitle: string,
  yTitle: string,
  series: readonly { name: string; y: readonly number[]; x?: readonly number[]; mode?: string }[],
  options: { logY?: boolean; logX?: boolean; integerX?: boolean } = {},
): Figure {
  return {
    data: series.map((s) => ({
      type: "scatter",
      mode: s.mode ?? "lines",
      name: s.name,
      x: s.x ?? s.y.map((_, i) => i + 1),
      y: s.y,
    })),
    layout: {
      title: { text: title },
      xaxis: {
        title: { text: xTitle },
        ...(options.integerX ? { dtick: 1 } : {}),
        ...(options.logX ? { type: "log" } : {}),
      },
      yaxis: { title: { text: yTitle }, ...(options.logY ? { type: "log" } : {}) },
    },
  };
}

/**
 * A headline: its value, the target text and whether it passed.
 * @example
 * headline("|E - E_FCI|", 3e-8, "<= 1e-6", 3e-8 <= 1e-6);
 */
export function headline(name: string, value: number, target: string, pass: boolean): Headline {
  return { name, value, target, pass };
}

/**
 * A number for a log line: fixed digits, or exponential when tiny.
 * @example fmt(0.000012); // "1.200e-5"
 */
export function fmt(x: number, digits = 6): string {
  if (x !== 0 && Math.abs(x) < 10 ** -(digits - 2)) return x.toExponential(3);
  return x.toFixed(digits);
}
