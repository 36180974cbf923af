import { describe, expect, it } from "vitest";
import * as autoencoder from "../../tutorials/quantum-autoencoder.js";
import { runQuick } from "./helpers.js";

describe("tutorial quantum-autoencoder", () => {
  it("reconstructs unseen states of the family with mean fidelity >= 0.85", async () => {
    const { result } = await runQuick(autoencoder);
    const n = result.numbers as { meanFidelity: number; fidelities: number[] };
    expect(n.meanFidelity).toBeGreaterThanOrEqual(0.85);
    for (const f of n.fidelities) expect(f).toBeLessThanOrEqual(1 + 1e-12);
  });
});
