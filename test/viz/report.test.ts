import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { REPORT_TRACE_TYPES, renderReport } from "../../src/viz/report.js";

describe("renderReport", () => {
  const html = renderReport({
    title: "A <test> report",
    sections: [
      {
        heading: "Energies",
        text: "x < y & z",
        table: { columns: ["R", "E"], rows: [[0.7, -1.13]] },
        figures: [{ data: [{ x: [1, 2], y: [3, 4], type: "scatter" }], layout: { title: "t" } }],
      },
    ],
    data: { energy: -1.137, note: "</script>" },
  });

  it("inlines plotly and escapes text", () => {
    expect(html).toContain("<title>A &lt;test&gt; report</title>");
    expect(html).toContain("x &lt; y &amp; z");
    expect(html.length).toBeGreaterThan(1_000_000); // plotly.js is inside, no network needed
    // the cartesian bundle (about 1.5 MB), not the full 4.8 MB one
    expect(html.length).toBeLessThan(2_000_000);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it("embeds the figures and the data as parseable JSON", () => {
    const figs = /<script id="qoar-figures" type="application\/json">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(figs![1]!)).toEqual([
      { data: [{ x: [1, 2], y: [3, 4], type: "scatter" }], layout: { title: "t" } },
    ]);
    const data = /<script id="qoar-data" type="application\/json">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(data![1]!)).toEqual({ energy: -1.137, note: "</script>" });
    expect(html).toContain('<div class="figure" id="figure-0">');
  });

  it("rejects a malformed report", () => {
    expect(() => renderReport({} as never)).toThrow(ArgumentError);
  });
});

describe("renderReport pre blocks", () => {
  it("keeps preformatted text in a <pre> block, escaped", () => {
    const html = renderReport({ title: "t", sections: [{ pre: "q0: -H-\nq1: -X- <" }] });
    expect(html).toContain("<pre>q0: -H-\nq1: -X- &lt;</pre>");
  });
});

describe("renderReport trace types (the inlined cartesian plotly.js bundle)", () => {
  const html = renderReport({ title: "t", sections: [] });

  it("inlines a bundle that registers every trace type reports may use", () => {
    // each plotly trace module registers itself as {moduleType:"trace",name:"<type>",...}
    for (const type of REPORT_TRACE_TYPES) {
      expect(html, type).toMatch(new RegExp(`moduleType:"trace",name:"${type}"`));
    }
    expect(REPORT_TRACE_TYPES).toEqual(
      expect.arrayContaining(["scatter", "bar", "heatmap", "histogram"]),
    );
  });

  it("refuses a trace type the bundle lacks, naming the figure, the trace and the type", () => {
    const fig = { data: [{ y: [1] }, { z: [[1]], type: "surface" }] };
    expect(() => renderReport({ title: "t", sections: [{ figures: [fig] }] })).toThrow(
      /figure 0, trace 1: type "surface" is not in the inlined plotly.js cartesian bundle/,
    );
    // no type means scatter, which the bundle has
    expect(() =>
      renderReport({ title: "t", sections: [{ figures: [{ data: [{ y: [1] }] }] }] }),
    ).not.toThrow();
  });
});
