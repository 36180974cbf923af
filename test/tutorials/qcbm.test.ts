import { describe, expect, it } from "vitest";
import * as qcbm from "../../tutorials/qcbm.js";
import { runQuick } from "./helpers.js";

/** MMD^2 with the library's default kernel mixture (bandwidths 0.25 and 4), summed directly. */
function mmdDirect(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let x = 0; x < p.length; x++) {
    for (let y = 0; y < p.length; y++) {
      const k = (Math.exp(-((x - y) ** 2) / 0.5) + Math.exp(-((x - y) ** 2) / 8)) / 2;
      s += (p[x]! - q[x]!) * k * (p[y]! - q[y]!);
    }
  }
  return s;
}

describe("tutorial qcbm", () => {
  it("learns the discretized Gaussian: a distribution close to the target in TV and MMD", async () => {
    const { result } = await runQuick(qcbm);
    const n = result.numbers as { target: number[]; learned: number[]; mmd: number };
    // the target is the normalized Gaussian exp(-(x - 3.5)^2 / 4.5)
    const g = n.target.map((_, x) => Math.exp(-((x - 3.5) ** 2) / 4.5));
    const z = g.reduce((a, b) => a + b, 0);
    for (let x = 0; x < 8; x++) expect(n.target[x]!).toBeCloseTo(g[x]! / z, 12);
    expect(n.learned.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    let tv = 0;
    for (let x = 0; x < 8; x++) tv += Math.abs(n.learned[x]! - n.target[x]!) / 2;
    expect(tv).toBeLessThan(1e-4);
    expect(n.mmd).toBeCloseTo(mmdDirect(n.learned, n.target), 10);
  });
});
