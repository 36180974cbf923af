/**
 * The plot of a barren-plateau analysis (`gradientVariance`): gradient variance on a log axis
 * against the qubit count (one series per depth, with its fitted a b^-n line) or against the
 * depth (one series per qubit count).
 */
import { ArgumentError, describe } from "../errors.js";
import type { GradientVarianceResult } from "../qml/gradtool.js";
import type { Figure } from "./report.js";

/**
 * A plotly figure of `result` against `x` = "qubits" (default) or "depth".
 * @example
 * const fig = gradientVarianceFigure(gradientVariance(build, cost, { qubits: [2, 4, 6] }));
 * writeReport("bp.html", { title: "Barren plateaus", sections: [{ figures: [fig] }] });
 */
export function gradientVarianceFigure(
  result: GradientVarianceResult,
  x: "qubits" | "depth" = "qubits",
): Figure {
  if (result === null || typeof result !== "object" || !Array.isArray(result.entries))
    throw new ArgumentError(
      `gradientVarianceFigure: result must be what gradientVariance returns, got ${describe(result)}`,
    );
  if (x !== "qubits" && x !== "depth")
    throw new ArgumentError(
      `gradientVarianceFigure: x must be "qubits" or "depth", got ${describe(x)}`,
    );
  const seriesKey = x === "qubits" ? "depth" : "qubits";
  const keys = [...new Set(result.entries.map((e) => e[seriesKey]))];
  const data: Record<string, unknown>[] = [];
  for (const k of keys) {
    const row = result.entries.filter((e) => e[seriesKey] === k);
    data.push({
      type: "scatter",
      mode: "markers+lines",
      name: `${seriesKey} ${k}`,
      x: row.map((e) => e[x]),
      y: row.map((e) => e.variance),
    });
    const fit = x === "qubits" ? result.fits.find((f) => f.depth === k) : undefined;
    if (fit !== undefined) {
      data.push({
        type: "scatter",
        mode: "lines",
        name: `fit ${fit.base.toFixed(3)}^-n (depth ${k})`,
        x: row.map((e) => e.qubits),
        y: row.map((e) => fit.prefactor * fit.base ** -e.qubits),
        line: { dash: "dash" },
      });
    }
  }
  return {
    data,
    layout: {
      title: { text: `Gradient variance vs ${x === "qubits" ? "qubit count" : "depth"}` },
      xaxis: { title: { text: x === "qubits" ? "qubits n" : "depth" } },
      yaxis: { title: { text: "Var[dC/dtheta]" }, type: "log" },
    },
  };
}
