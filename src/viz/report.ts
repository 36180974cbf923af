/**
 * Self-contained HTML reports: a title, text, tables and plotly.js figures. plotly.js is inlined
 * so a report opens offline, years later, from a file on disk: the cartesian bundle (about
 * 1.5 MB, traces bar, box, contour, heatmap, histogram, histogram2d, image, pie, scatter,
 * violin), not the full 4.8 MB one; 3D, map and WebGL traces (`scatter3d`, `scattergl`, ...) are
 * not in it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ArgumentError, describe } from "../errors.js";

/** One plotly.js figure: traces and a layout, exactly as `Plotly.newPlot` takes them. */
export interface Figure {
  readonly data: readonly Record<string, unknown>[];
  readonly layout?: Record<string, unknown>;
}

/** A table: a header row and rows of cells (numbers are printed as given). */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** One section of a report. Every part is optional; they render in the order text, pre, table, figures. */
export interface Section {
  readonly heading?: string;
  /** Paragraphs of plain text (HTML-escaped). */
  readonly text?: string | readonly string[];
  /** Preformatted text (a circuit drawing, a log), shown in a monospace block after the text. */
  readonly pre?: string;
  readonly table?: Table;
  readonly figures?: readonly Figure[];
}

/** A whole report. */
export interface Report {
  readonly title: string;
  readonly sections: readonly Section[];
  /** Numbers that go into the page as JSON too (machine-readable, next to the plots). */
  readonly data?: unknown;
}

/**
 * The trace types of the inlined cartesian plotly.js bundle; a figure with any other type would
 * render as an empty box, so `renderReport` refuses it.
 */
export const REPORT_TRACE_TYPES: readonly string[] = [
  "bar",
  "box",
  "contour",
  "heatmap",
  "histogram",
  "histogram2d",
  "histogram2dcontour",
  "image",
  "pie",
  "scatter",
  "scatterternary",
  "violin",
];

let plotlySource: string | undefined;

/** The minified cartesian plotly.js bundle, read once. */
function plotly(): string {
  if (plotlySource === undefined) {
    const require = createRequire(import.meta.url);
    plotlySource = readFileSync(require.resolve("plotly.js-cartesian-dist-min"), "utf8");
  }
  return plotlySource;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Throws unless every trace of figure `k` has a type the inlined bundle draws (default scatter). */
function checkTraceTypes(f: Figure, k: number): void {
  if (!Array.isArray(f?.data)) {
    throw new ArgumentError(
      `renderReport: figure ${k}: expected { data: trace[] }, got ${describe(f)}`,
    );
  }
  f.data.forEach((trace, i) => {
    const type = trace.type ?? "scatter";
    if (typeof type !== "string" || !REPORT_TRACE_TYPES.includes(type)) {
      throw new ArgumentError(
        `renderReport: figure ${k}, trace ${i}: type ${describe(type)} is not in the inlined plotly.js cartesian bundle (${REPORT_TRACE_TYPES.join(", ")})`,
      );
    }
  });
}

/** JSON safe to place inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * Renders a report as one HTML page with plotly.js inlined.
 * @example
 * const html = renderReport({
 *   title: "VQE on H2",
 *   sections: [{ heading: "Convergence", figures: [{ data: [{ y: [1, 0.5, 0.2], type: "scatter" }] }] }],
 * });
 */
export function renderReport(report: Report): string {
  if (typeof report?.title !== "string" || !Array.isArray(report.sections)) {
    throw new ArgumentError("renderReport: expected { title: string, sections: Section[] }");
  }
  const figures: Figure[] = [];
  const body: string[] = [`<h1>${escapeHtml(report.title)}</h1>`];
  for (const section of report.sections) {
    if (section.heading) body.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    const paragraphs: readonly string[] =
      section.text === undefined
        ? []
        : typeof section.text === "string"
          ? [section.text]
          : section.text;
    for (const p of paragraphs) body.push(`<p>${escapeHtml(p)}</p>`);
    if (section.pre !== undefined) body.push(`<pre>${escapeHtml(section.pre)}</pre>`);
    const table: Table | undefined = section.table;
    if (table) {
      const head = table.columns.map((c: string) => `<th>${escapeHtml(c)}</th>`).join("");
      const rows = table.rows
        .map(
          (r) =>
            `<tr>${r.map((c: string | number) => `<td>${escapeHtml(String(c))}</td>`).join("")}</tr>`,
        )
        .join("\n");
      body.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
    }
    for (const f of section.figures ?? []) {
      checkTraceTypes(f, figures.length);
      body.push(`<div class="figure" id="figure-${figures.length}"></div>`);
      figures.push(f);
    }
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; }
.figure { width: 100%; height: 420px; }
</style>
<script>${plotly()}</script>
</head><body>
${body.join("\n")}
<script id="qoar-figures" type="application/json">${scriptJson(figures)}</script>
<script id="qoar-data" type="application/json">${scriptJson(report.data ?? null)}</script>
<script>
const figures = JSON.parse(document.getElementById("qoar-figures").textContent);
figures.forEach((f, i) => Plotly.newPlot("figure-" + i, f.data, f.layout || {}, { responsive: true }));
</script>
</body></html>
`;
}

/**
 * Writes `renderReport(report)` to `path`.
 * @example
 * writeReport("out/vqe-h2.html", { title: "VQE on H2", sections: [] });
 */
export function writeReport(path: string, report: Report): void {
  writeFileSync(path, renderReport(report));
}
