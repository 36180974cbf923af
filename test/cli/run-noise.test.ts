import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// runs the TypeScript entry through tsx, so no build is needed
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/qoar.ts", ...args], { encoding: "utf8" });

describe("qoar run --noise", () => {
  it("simulates density matrices under a JSON noise model (channels and readout errors)", () => {
    const dir = mkdtempSync(join(tmpdir(), "qoar-noise-"));
    const model = join(dir, "model.json");
    const p = 0.1;
    writeFileSync(
      model,
      JSON.stringify({
        channels: [{ channel: "depolarizing", params: [p], gates: ["cx"] }],
        readout: [
          {
            qubits: [0],
            matrix: [
              [0.9, 0.2],
              [0.1, 0.8],
            ],
          },
        ],
      }),
    );
    const r = qoar("run", "circuits/bell.qasm", "--noise", model, "--expect", "Z0 Z1", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      probabilities: Record<string, number>;
      expectation: { value: number }[];
    };
    // depolarizing on both qubits after the CNOT: <Z0 Z1> = (1 - p)^2
    expect(out.expectation[0]!.value).toBeCloseTo((1 - p) ** 2, 12);
    // P(00) before readout = (1 + (1-p)^2)/4; qubit 0's confusion mixes 00 and 10
    const p00 = (1 + (1 - p) ** 2) / 4;
    const p10 = (1 - (1 - p) ** 2) / 4;
    expect(out.probabilities["00"]).toBeCloseTo(0.9 * p00 + 0.2 * p10, 12);
    const bad = qoar("run", "circuits/bell.qasm", "--noise", join(dir, "missing.json"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/noise model file/);
  }, 30000);
});
