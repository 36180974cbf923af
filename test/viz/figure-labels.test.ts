/** The figure-label check the tutorial and CLI report tests rely on finds what it should. */
import { describe, expect, it } from "vitest";
import { axisTitle, figureLabelProblems } from "./figure-labels.js";

describe("figureLabelProblems", () => {
  it("accepts titled figures and hidden axes, flags missing and string titles", () => {
    const good = {
      data: [{ y: [1] }],
      layout: {
        title: { text: "Energy" },
        xaxis: { title: { text: "step" } },
        yaxis: { title: { text: "E (Ha)" } },
      },
    };
    const drawing = {
      data: [{ y: [1] }],
      layout: { title: { text: "graph" }, xaxis: { visible: false }, yaxis: { visible: false } },
    };
    expect(figureLabelProblems([good, drawing])).toEqual([]);
    expect(axisTitle(good, "yaxis")).toBe("E (Ha)");
    expect(
      figureLabelProblems([
        { data: [], layout: { title: "t", xaxis: { title: "x" } } },
        { data: [] },
      ]),
    ).toEqual([
      "figure 0: layout.title is a string; plotly.js 3 shows only layout.title.text",
      "figure 0: xaxis.title is a string; plotly.js 3 shows only xaxis.title.text",
      "figure 0: no yaxis title (yaxis.title.text)",
      "figure 1: no title (layout.title.text)",
      "figure 1: no xaxis title (xaxis.title.text)",
      "figure 1: no yaxis title (yaxis.title.text)",
    ]);
  });
});
