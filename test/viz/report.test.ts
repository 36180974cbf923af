import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { renderReport } from "../../src/viz/report.js";

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
