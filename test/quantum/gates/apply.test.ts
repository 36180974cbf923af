import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { ArgumentError, ShapeError } from "../../../src/errors.js";
import { applyGate, applyMatrix } from "../../../src/quantum/gates/apply.js";
import {
  controlOracleGate,
  GATES,
  type GateEntry,
  getGate,
  oracleGate,
  pauliRotationGate,
} from "../../../src/quantum/gates/table.js";
import { kron } from "../../../src/quantum/linalg.js";
import { Rng } from "../../../src/random.js";
import { maxDiff, naiveApply, placements, randomStates } from "../helpers.js";

const backend = getBackend("cpu");
const ALL: GateEntry[] = [
  ...GATES,
  pauliRotationGate("XYZ"),
  pauliRotationGate("ZZ"),
  pauliRotationGate("YX"),
  oracleGate(getGate("u3").matrix([0.4, -1.2, 2.1])),
  controlOracleGate(getGate("ryy").matrix([0.9])),
  oracleGate(
    kron(
      getGate("universal_two_qubits").matrix(angles15(1)),
      getGate("cu").matrix([0.1, 0.2, 0.3]),
    ),
  ),
  controlOracleGate(
    getGate("universal_three_qubits").matrix(Array.from({ length: 81 }, (_, i) => Math.sin(i))),
  ),
];

function angles15(seed: number): number[] {
  return Array.from({ length: 15 }, (_, i) => Math.cos(seed + i));
}

/** Runs `entry` on every placement of its qubits in n qubits, batch 3, per-element angles. */
function checkPlacements(
  entry: GateEntry,
  n: number,
  rng: Rng,
  limit = Number.POSITIVE_INFINITY,
): void {
  const batch = 3;
  const places = placements(n, entry.nQubits);
  const chosen = places.length <= limit ? places : rng.shuffle(places).slice(0, limit);
  for (const qubits of chosen) {
    const init = randomStates(n, batch, rng);
    // per-batch-element angles (data encoding), and shared angles
    for (const shared of entry.nParams > 0 ? [false, true] : [true]) {
      const k = entry.nParams;
      const params = new Float64Array(shared ? k : k * batch);
      for (let i = 0; i < params.length; i++) params[i] = rng.uniformIn(-4, 4);
      const buf = backend.fromArray(n, batch, init);
      applyGate(backend, buf, entry, qubits, params);
      const got = backend.toArray(buf);
      const ref = Float64Array.from(init);
      for (let b = 0; b < batch; b++) {
        const theta = shared ? params : params.subarray(b * k, (b + 1) * k);
        naiveApply(ref, n, b, entry.matrix(theta), qubits);
      }
      const err = maxDiff(got, ref);
      if (!(err < 1e-12))
        throw new Error(`${entry.name} on ${qubits} (n=${n}, shared=${shared}): error ${err}`);
      // the adjoint option undoes the gate
      applyGate(backend, buf, entry, qubits, params, { adjoint: true });
      const back = maxDiff(backend.toArray(buf), init);
      if (!(back < 1e-12))
        throw new Error(`${entry.name} adjoint on ${qubits} (n=${n}): error ${back}`);
      backend.free(buf);
    }
  }
}

describe("applyGate dispatch = dense reference", () => {
  for (const entry of ALL) {
    it(`${entry.name}${entry.pauliRotation ? entry.pauliRotation.join("") : ""}: every placement on n <= 4, some on 5-6`, () => {
      const rng = new Rng(entry.name.length * 31 + entry.nQubits);
      for (let n = entry.nQubits; n <= 4; n++) checkPlacements(entry, n, rng);
      checkPlacements(entry, 5, rng, 3);
      checkPlacements(entry, 6, rng, 2);
    });
  }
});

describe("random circuits", () => {
  it("a seeded sequence of 200 gates of all kinds on n = 5 equals a naive simulator to 1e-12", () => {
    const rng = new Rng(77);
    const n = 5;
    const batch = 2;
    const init = randomStates(n, batch, rng);
    const buf = backend.fromArray(n, batch, init);
    const ref = Float64Array.from(init);
    for (let step = 0; step < 200; step++) {
      const entry = ALL[rng.int(ALL.length)]!;
      const qubits = rng.shuffle([0, 1, 2, 3, 4]).slice(0, entry.nQubits);
      const params = Float64Array.from({ length: entry.nParams }, () =>
        rng.uniformIn(-Math.PI, Math.PI),
      );
      applyGate(backend, buf, entry, qubits, params);
      for (let b = 0; b < batch; b++) naiveApply(ref, n, b, entry.matrix(params), qubits);
    }
    expect(maxDiff(backend.toArray(buf), ref)).toBeLessThan(1e-12);
  });

  it("applyMatrix applies raw and controlled matrices", () => {
    const rng = new Rng(4);
    const init = randomStates(3, 1, rng);
    const buf = backend.fromArray(3, 1, init);
    const u = getGate("u3").matrix([0.3, 0.5, 0.7]);
    applyMatrix(backend, buf, [2], u, [0]);
    const ref = Float64Array.from(init);
    naiveApply(ref, 3, 0, getGate("cu").matrix([0.3, 0.5, 0.7]), [0, 2]);
    expect(maxDiff(backend.toArray(buf), ref)).toBeLessThan(1e-13);
    expect(() => applyMatrix(backend, buf, [0, 1], u)).toThrow(ShapeError);
  });
});

describe("applyGate input errors", () => {
  const buf = backend.zeros(3, 2);
  it("rejects bad qubits", () => {
    expect(() => applyGate(backend, buf, getGate("h"), [3])).toThrow(
      /qubits: qubit index 3 is out of range for 3 qubits/,
    );
    expect(() => applyGate(backend, buf, getGate("cnot"), [1, 1])).toThrow(
      /qubits: repeated qubit/,
    );
    expect(() => applyGate(backend, buf, getGate("cnot"), [1])).toThrow(ArgumentError);
    expect(() => applyGate(backend, buf, getGate("h"), [0.5])).toThrow(ArgumentError);
  });
  it("rejects wrong parameter counts and NaN", () => {
    expect(() => applyGate(backend, buf, getGate("rx"), [0])).toThrow(
      /rx: params has 0 values, expected 1/,
    );
    expect(() => applyGate(backend, buf, getGate("u3"), [0], [1, 2, 3, 4])).toThrow(
      /u3: params has 4 values/,
    );
    expect(() => applyGate(backend, buf, getGate("rx"), [0], [Number.NaN])).toThrow(
      /params\[0\] = NaN/,
    );
    expect(() => applyGate(backend, buf, getGate("h"), [0], [1])).toThrow(/takes no parameters/);
  });
});
