import { describe, expect, it } from "vitest";
import type { PauliLetter, PauliString, PauliTerm } from "../../../src/backend/backend.js";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { applyDenseGeneric } from "../../../src/backend/cpu/densek.js";
import { ArgumentError } from "../../../src/errors.js";
import { Rng } from "../../../src/random.js";
import { expectClose, randomComplex } from "./helpers.js";

const cpu = new CpuBackend();
const BATCH = 2;
const LETTERS: Record<PauliLetter, number[]> = {
  X: [0, 0, 1, 0, 1, 0, 0, 0],
  Y: [0, 0, 0, -1, 0, 1, 0, 0],
  Z: [1, 0, 0, 0, 0, 0, -1, 0],
};

/** kron of the letters' 2x2 matrices, letters[0] most significant. */
function pauliMatrix(letters: readonly PauliLetter[]): Float64Array {
  let M = Float64Array.of(1, 0);
  let d = 1;
  for (const l of letters) {
    const P = LETTERS[l];
    const out = new Float64Array(2 * 4 * d * d);
    const D = 2 * d;
    for (let r = 0; r < d; r++)
      for (let c = 0; c < d; c++)
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) {
            const mr = M[2 * (r * d + c)]!;
            const mi = M[2 * (r * d + c) + 1]!;
            const pr = P[2 * (2 * a + b)]!;
            const pi = P[2 * (2 * a + b) + 1]!;
            const at = 2 * ((2 * r + a) * D + (2 * c + b));
            out[at] = mr * pr - mi * pi;
            out[at + 1] = mr * pi + mi * pr;
          }
    M = out;
    d = D;
  }
  return M;
}

function randomPauli(rng: Rng, n: number): PauliString {
  const qubits = rng.shuffle([...Array(n).keys()]).slice(0, rng.int(n + 1));
  const letters = qubits.map(() => (["X", "Y", "Z"] as const)[rng.int(3)]!);
  return { qubits, letters };
}

/** P psi through the dense kernel. */
function densePauli(psi: Float64Array, n: number, p: PauliString): Float64Array {
  const out = psi.slice();
  if (p.qubits.length > 0)
    applyDenseGeneric(out, n, BATCH, p.qubits, [], pauliMatrix(p.letters), 0);
  return out;
}

function dot(a: Float64Array, b: Float64Array, dim: number, k: number): [number, number] {
  let sr = 0;
  let si = 0;
  for (let j = 2 * k * dim; j < 2 * (k + 1) * dim; j += 2) {
    sr += a[j]! * b[j]! + a[j + 1]! * b[j + 1]!;
    si += a[j]! * b[j + 1]! - a[j + 1]! * b[j]!;
  }
  return [sr, si];
}

describe("Pauli kernels equal dense kernels of the Pauli matrices", () => {
  it("applyPauliString, applyPauliRotation and expectationPauli on random strings, n = 1..6", () => {
    const rng = new Rng(6);
    for (let n = 1; n <= 6; n++) {
      const dim = 1 << n;
      for (let rep = 0; rep < 30; rep++) {
        const p = randomPauli(rng, n);
        const psi = randomComplex(rng, BATCH * dim);
        const Ppsi = densePauli(psi, n, p);
        // c P psi
        const c: [number, number] = [rng.normal(), rng.normal()];
        const buf = cpu.fromArray(n, BATCH, psi);
        cpu.applyPauliString(buf, p, c);
        const expected = new Float64Array(psi.length);
        for (let j = 0; j < psi.length; j += 2) {
          expected[j] = c[0] * Ppsi[j]! - c[1] * Ppsi[j + 1]!;
          expected[j + 1] = c[0] * Ppsi[j + 1]! + c[1] * Ppsi[j]!;
        }
        expectClose(cpu.toArray(buf), expected, 1e-12, `apply n=${n} ${p.letters}${p.qubits}`);
        // exp(-i theta/2 P) psi = cos psi - i sin P psi, per-batch angles
        const thetas = Float64Array.from({ length: BATCH }, () => rng.normal() * 3);
        cpu.copyInto(buf, cpu.fromArray(n, BATCH, psi));
        cpu.applyPauliRotation(buf, p, thetas);
        for (let b = 0; b < BATCH; b++) {
          const co = Math.cos(thetas[b]! / 2);
          const si = Math.sin(thetas[b]! / 2);
          for (let j = 2 * b * dim; j < 2 * (b + 1) * dim; j += 2) {
            expected[j] = co * psi[j]! + si * Ppsi[j + 1]!;
            expected[j + 1] = co * psi[j + 1]! - si * Ppsi[j]!;
          }
        }
        expectClose(cpu.toArray(buf), expected, 1e-12, `rotation n=${n} ${p.letters}${p.qubits}`);
        // <psi|P|psi>
        cpu.copyInto(buf, cpu.fromArray(n, BATCH, psi));
        const ev = cpu.expectationPauli(buf, p);
        for (let b = 0; b < BATCH; b++) {
          const [re, im] = dot(psi, Ppsi, dim, b);
          expect(Math.abs(im)).toBeLessThan(1e-10);
          expect(ev[b]).toBeCloseTo(re, 10);
        }
      }
    }
  });

  it("applyPauliSum and expectationPauliSum equal sums over terms", () => {
    const rng = new Rng(7);
    for (let n = 1; n <= 6; n++) {
      const dim = 1 << n;
      const terms: PauliTerm[] = Array.from({ length: 6 }, () => ({
        ...randomPauli(rng, n),
        coefficient: rng.normal(),
      }));
      // terms sharing an x mask (grouped in one pass): X/Y on qubit 0 with different Z parts,
      // Z-only terms and the identity
      const shared: [PauliLetter[], PauliLetter[]][] = [
        [["X"], ["Z"]],
        [["Y"], ["Z"]],
        [["Y"], []],
        [["X"], []],
        [["Z"], ["Z"]],
        [[], ["Z"]],
        [[], []],
      ];
      for (const [first, second] of shared) {
        const qubits: number[] = [];
        const letters: PauliLetter[] = [];
        if (first.length) {
          qubits.push(0);
          letters.push(first[0]!);
        }
        if (second.length && n > 1) {
          qubits.push(1);
          letters.push(second[0]!);
        }
        terms.push({ qubits, letters, coefficient: rng.normal() });
      }
      const psi = randomComplex(rng, BATCH * dim);
      const expected = new Float64Array(psi.length);
      for (const t of terms) {
        const Ppsi = densePauli(psi, n, t);
        for (let j = 0; j < psi.length; j++) expected[j] = expected[j]! + t.coefficient * Ppsi[j]!;
      }
      const buf = cpu.fromArray(n, BATCH, psi);
      const out = cpu.zeros(n, BATCH);
      cpu.applyPauliSum(out, buf, terms);
      expectClose(cpu.toArray(out), expected, 1e-12, `sum n=${n}`);
      const ev = cpu.expectationPauliSum(buf, terms);
      for (let b = 0; b < BATCH; b++) expect(ev[b]).toBeCloseTo(dot(psi, expected, dim, b)[0], 10);
      expect(() => cpu.applyPauliSum(buf, buf, terms)).toThrow(ArgumentError);
    }
  });

  it("expectationPauliSum equals sums of <psi|P psi> from applyPauliString at n = 13 (multi-chunk paths)", () => {
    const rng = new Rng(11);
    const n = 13;
    const psi = cpu.fromArray(n, 2, randomComplex(rng, 2 << n));
    const terms: PauliTerm[] = [];
    for (let t = 0; t < 12; t++) terms.push({ ...randomPauli(rng, n), coefficient: rng.normal() });
    // x on a high bit (qubit 0), on bit 0 (qubit 12) and shared x masks with different z
    for (const letters of [
      ["X", "Z"],
      ["Y", "Z"],
      ["X", "I"],
      ["Z", "Z"],
      ["Z", "I"],
      ["Y", "Y"],
    ]) {
      for (const [qa, qb] of [
        [0, 12],
        [12, 3],
        [2, 9],
      ] as const) {
        const qubits: number[] = [];
        const ls: PauliLetter[] = [];
        letters.forEach((l, i) => {
          if (l !== "I") {
            qubits.push(i === 0 ? qa : qb);
            ls.push(l as PauliLetter);
          }
        });
        terms.push({ qubits, letters: ls, coefficient: rng.normal() });
      }
    }
    const expected = new Float64Array(2);
    for (const t of terms) {
      const phi = cpu.clone(psi);
      cpu.applyPauliString(phi, t);
      const ip = cpu.innerProduct(psi, phi);
      for (let b = 0; b < 2; b++) expected[b] = expected[b]! + t.coefficient * ip[2 * b]!;
      cpu.free(phi);
    }
    // H psi, term by term through applyPauliString + axpy
    const acc = cpu.zeros(n, 2);
    cpu.scale(acc, Float64Array.of(0, 0));
    for (const t of terms) {
      const phi = cpu.clone(psi);
      cpu.applyPauliString(phi, t);
      cpu.axpy(acc, Float64Array.of(t.coefficient, 0), phi);
      cpu.free(phi);
    }
    const Hpsi = cpu.zeros(n, 2);
    cpu.applyPauliSum(Hpsi, psi, terms);
    expectClose(cpu.toArray(Hpsi), cpu.toArray(acc), 1e-10, "H psi at n = 13");
    const got = cpu.expectationPauliSum(psi, terms);
    for (let b = 0; b < 2; b++) expect(got[b]).toBeCloseTo(expected[b]!, 8);
    // one string at a time too
    for (const t of terms.slice(0, 6)) {
      const one = cpu.expectationPauli(psi, t);
      const sum = cpu.expectationPauliSum(psi, [{ ...t, coefficient: 1 }]);
      expect(one[0]).toBeCloseTo(sum[0]!, 10);
    }
  });

  it("rejects bad Pauli strings with the argument named", () => {
    const buf = cpu.zeros(2);
    expect(() => cpu.expectationPauli(buf, { qubits: [2], letters: ["Z"] })).toThrow(
      /pauli qubits.*\[0, 1\]/,
    );
    expect(() => cpu.expectationPauli(buf, { qubits: [0, 0], letters: ["Z", "X"] })).toThrow(
      /repeat qubit 0/,
    );
    expect(() => cpu.expectationPauli(buf, { qubits: [0], letters: ["W" as PauliLetter] })).toThrow(
      /letter "W"/,
    );
    expect(() => cpu.expectationPauli(buf, { qubits: [0, 1], letters: ["Z"] })).toThrow(/letters/);
  });
});
