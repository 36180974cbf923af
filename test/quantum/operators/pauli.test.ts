import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError } from "../../../src/errors.js";
import { matmul, maxAbsDiff, scaleMatrix } from "../../../src/quantum/linalg.js";
import {
  commute,
  groupQubitWiseCommuting,
  makePauli,
  multiplyPaulis,
  parsePauli,
  pauliMatrix,
  pauliToString,
  qubitWiseCommute,
} from "../../../src/quantum/operators/pauli.js";
import { Rng } from "../../../src/random.js";

const LETTERS = ["X", "Y", "Z"] as const;
function randomPauli(n: number, rng: Rng) {
  const qubits: number[] = [];
  const letters: string[] = [];
  for (let q = 0; q < n; q++) {
    const r = rng.int(4);
    if (r < 3) {
      qubits.push(q);
      letters.push(LETTERS[r]!);
    }
  }
  return makePauli(letters, qubits);
}

describe("parsing", () => {
  it("reads the accepted spellings into canonical form", () => {
    const zz = { qubits: [0, 1], letters: ["Z", "Z"] };
    expect(parsePauli("Z0, Z1")).toEqual(zz);
    expect(parsePauli("Z0 Z1")).toEqual(zz);
    expect(parsePauli("z1,z0")).toEqual(zz);
    expect(parsePauli("X2Y3")).toEqual({ qubits: [2, 3], letters: ["X", "Y"] });
    expect(parsePauli("Y12 X3")).toEqual({ qubits: [3, 12], letters: ["X", "Y"] });
    expect(parsePauli("I")).toEqual({ qubits: [], letters: [] });
    expect(parsePauli("")).toEqual({ qubits: [], letters: [] });
    expect(parsePauli("I0 Z1")).toEqual({ qubits: [1], letters: ["Z"] });
    expect(pauliToString(parsePauli("x3, z1"), ", ")).toBe("Z1, X3");
  });

  it("reports malformed strings with the text and position", () => {
    expect(() => parsePauli("Z0, Q1")).toThrow(ParseError);
    expect(() => parsePauli("Z0, Q1")).toThrow(/"Z0, Q1".*position 4/);
    expect(() => parsePauli("X")).toThrow(/needs a qubit index/);
    expect(() => parsePauli("Z0 Z0")).toThrow(/qubit 0 appears twice/);
    expect(() => parsePauli("Z0,")).toThrow(/position 2/);
    expect(() => parsePauli("Z0 Xa")).toThrow(ParseError);
    expect(() => makePauli("XW", [0, 1])).toThrow(ArgumentError);
  });
});

describe("algebra", () => {
  it("products match matrix products, with phases", () => {
    const rng = new Rng(11);
    const n = 3;
    for (let trial = 0; trial < 60; trial++) {
      const a = randomPauli(n, rng);
      const b = randomPauli(n, rng);
      const { phase, pauli } = multiplyPaulis(a, b);
      const ph: [number, number] = [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ][phase] as [number, number];
      const ref = matmul(pauliMatrix(a, n), pauliMatrix(b, n));
      expect(maxAbsDiff(scaleMatrix(pauliMatrix(pauli, n), ph), ref)).toBe(0);
    }
    expect(multiplyPaulis(parsePauli("X0"), parsePauli("Y0"))).toEqual({
      phase: 1,
      pauli: parsePauli("Z0"),
    });
  });

  it("commutation tests agree with matrices", () => {
    const rng = new Rng(12);
    const n = 3;
    for (let trial = 0; trial < 60; trial++) {
      const a = randomPauli(n, rng);
      const b = randomPauli(n, rng);
      const ab = matmul(pauliMatrix(a, n), pauliMatrix(b, n));
      const ba = matmul(pauliMatrix(b, n), pauliMatrix(a, n));
      expect(commute(a, b)).toBe(maxAbsDiff(ab, ba) === 0);
      if (qubitWiseCommute(a, b)) expect(commute(a, b)).toBe(true);
    }
    expect(qubitWiseCommute(parsePauli("X0 X1"), parsePauli("Z0 Z1"))).toBe(false);
    expect(commute(parsePauli("X0 X1"), parsePauli("Z0 Z1"))).toBe(true);
  });

  it("groups into qubit-wise commuting sets covering every string once", () => {
    const rng = new Rng(13);
    const strings = Array.from({ length: 40 }, () => randomPauli(4, rng));
    const groups = groupQubitWiseCommuting(strings);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(strings.map((_, i) => i));
    for (const g of groups) {
      for (const i of g)
        for (const j of g) expect(qubitWiseCommute(strings[i]!, strings[j]!)).toBe(true);
    }
    expect(groups.length).toBeLessThan(strings.length);
    expect(groupQubitWiseCommuting(["Z0", "Z1", "X0"].map(parsePauli))).toEqual([[0, 1], [2]]);
  });
});
