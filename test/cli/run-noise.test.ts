import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circuitFromQasm } from "../../src/io/circuit-qasm.js";
import { NoiseModel } from "../../src/quantum/density/noise.js";

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
            // rows: true 0 reads 0 with 0.9, true 1 reads 0 with 0.2 (the default "row" convention)
            matrix: [
              [0.9, 0.1],
              [0.2, 0.8],
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

  it("runs the README's example with the shipped circuits/noise.json: the library's numbers", () => {
    const r = qoar("run", "circuits/bell.qasm", "--noise", "circuits/noise.json", "--json");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { probabilities: Record<string, number> };
    const noise = NoiseModel.fromJSON(readFileSync("circuits/noise.json", "utf8"));
    const { circuit, measurements } = circuitFromQasm(readFileSync("circuits/bell.qasm", "utf8"));
    const qubits = [...measurements].sort((a, b) => a.clbit - b.clbit).map((m) => m.qubit);
    const p = noise.simulate(circuit).probabilities(qubits);
    for (const [bits, value] of Object.entries(out.probabilities))
      expect(value).toBeCloseTo(p[Number.parseInt(bits, 2)]!, 14);
    expect(Object.keys(out.probabilities).sort()).toEqual(["00", "01", "10", "11"]);
  }, 30000);

  it("exits 2 with one line naming the problem for a model it cannot apply", () => {
    const dir = mkdtempSync(join(tmpdir(), "qoar-noise-"));
    const cases: [unknown, RegExp][] = [
      [{ rules: 5 }, /unknown key "rules"; valid keys: channels, readout/],
      [{ channel: [] }, /unknown key "channel"; valid keys: channels, readout/],
      [
        { channels: [{ channel: "depolarizing", params: [0.1], gates: ["cnto"] }] },
        /channels\[0\]\.gates\[0\]: unknown gate "cnto"/,
      ],
      [
        { channels: [{ channel: "depolarizing", params: [0.1], qubits: [4] }] },
        /channels\[0\] \(depolarizing on qubits \[4\]\) names qubit 4, but the circuit has 2 qubits/,
      ],
      [
        {
          readout: [
            {
              qubits: [0],
              matrix: [
                [0.9, 0.2],
                [0.1, 0.8],
              ],
            },
          ],
        },
        /readout\[0\]\.matrix: row 0 sums to 1\.1, expected 1 \(convention "row"/,
      ],
    ];
    for (const [model, message] of cases) {
      const file = join(dir, "model.json");
      writeFileSync(file, JSON.stringify(model));
      const r = qoar("run", "circuits/bell.qasm", "--noise", file);
      expect(r.status, JSON.stringify(model)).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  }, 60000);
});
