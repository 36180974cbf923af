/**
 * A test helper: what is missing from a report's figures. Every figure needs a title and a title
 * on each visible axis, written as `{ text }` objects: plotly.js 3 dropped the string shorthand
 * (`title: "E"`), so a string title is not shown at all.
 */
import type { Figure, Report } from "../../src/viz/report.js";

function titleText(title: unknown): string | undefined {
  if (typeof title !== "object" || title === null) return undefined;
  const text = (title as { text?: unknown }).text;
  return typeof text === "string" && text.trim() !== "" ? text : undefined;
}

/** One line per missing or unusable title, naming the figure by its index and title. */
export function figureLabelProblems(figures: readonly Figure[]): string[] {
  const problems: string[] = [];
  figures.forEach((f, i) => {
    const layout = (f.layout ?? {}) as Record<string, unknown>;
    const title = titleText(layout.title);
    const name = `figure ${i}${title === undefined ? "" : ` "${title}"`}`;
    if (title === undefined) {
      problems.push(
        typeof layout.title === "string"
          ? `${name}: layout.title is a string; plotly.js 3 shows only layout.title.text`
          : `${name}: no title (layout.title.text)`,
      );
    }
    for (const axis of ["xaxis", "yaxis"]) {
      const a = (layout[axis] ?? {}) as Record<string, unknown>;
      if (a.visible === false) continue; // a drawing (a graph's nodes) has no axes to name
      if (titleText(a.title) === undefined) {
        problems.push(
          typeof a.title === "string"
            ? `${name}: ${axis}.title is a string; plotly.js 3 shows only ${axis}.title.text`
            : `${name}: no ${axis} title (${axis}.title.text)`,
        );
      }
    }
  });
  return problems;
}

/** Every figure of a report, section by section. */
export function reportFigures(report: Report): Figure[] {
  return report.sections.flatMap((s) => [...(s.figures ?? [])]);
}

/** The text of a figure's axis title ("" when there is none). */
export function axisTitle(figure: Figure, axis: "xaxis" | "yaxis"): string {
  const a = (figure.layout?.[axis] ?? {}) as Record<string, unknown>;
  return titleText(a.title) ?? "";
}
