import { describe, expect, it } from "vitest";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";

describe("Circuit.extend", () => {
  it("multiplies the global phases of the two circuits", () => {
    const a = new Circuit(1);
    a.h(0);
    a.globalPhase = 0.3;
    const b = new Circuit(1);
    b.t(0);
    b.globalPhase = 0.5;
    const ab = new Circuit(1).extend(a).extend(b);
    expect(ab.globalPhase).toBeCloseTo(0.8, 15);
    // the composed state equals b applied after a, phases included
    const direct = b.forward(a.forward()).toArray();
    const composed = ab.forward().toArray();
    for (let i = 0; i < direct.length; i++) expect(composed[i]).toBeCloseTo(direct[i]!, 14);
  });
});
