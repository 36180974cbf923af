/**
 * `State.amplitude` (one amplitude as a complex.js `Complex`) and `State.toNdarray` (the
 * amplitudes as a scijs ndarray [batch, 2^n, 2]), checked against known amplitudes and against
 * `toArray()` element by element.
 */
import { describe, expect, it } from "vitest";
import { Complex } from "../../../src/complex.js";
import { ArgumentError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { State } from "../../../src/quantum/state/state.js";

const s = Math.SQRT1_2;

/** A seeded random circuit on 3 qubits run on a batch of 2 random input states. */
function randomRun(): State {
  const c = new Circuit(3, { seed: 42 });
  c.ry("full");
  c.rz("full");
  c.cnot("cycle");
  c.u3("full");
  c.cry([0, 2]);
  return c.forward(State.random(3, { batch: 2, seed: 9 }));
}

describe("State.amplitude", () => {
  it("gives the Bell states' amplitudes by bitstring and by index", () => {
    const phi = State.bell("phi+");
    expect(phi.amplitude("00")).toBeInstanceOf(Complex);
    expect(phi.amplitude("00").equals(s, 0)).toBe(true);
    expect(phi.amplitude("01").equals(0, 0)).toBe(true);
    expect(phi.amplitude("11").equals(s, 0)).toBe(true);
    expect(phi.amplitude(3).equals(phi.amplitude("11"))).toBe(true);
    const psi = State.bell("psi-"); // (|01> - |10>)/sqrt 2
    expect(psi.amplitude("01").re).toBeCloseTo(s, 15);
    expect(psi.amplitude("10").re).toBeCloseTo(-s, 15);
    // qubit 0 is the leftmost bit and the most significant bit of the index
    expect(State.basis(2, "10").amplitude("10").equals(1, 0)).toBe(true);
    expect(State.basis(2, "10").amplitude(2).equals(1, 0)).toBe(true);
    // a complex amplitude: (|0> + i|1>)/sqrt 2
    const plusI = State.fromAmplitudes([1, new Complex(0, 1)], { normalize: true });
    expect(plusI.amplitude("1").im).toBeCloseTo(s, 15);
    expect(plusI.amplitude("1").abs() ** 2).toBeCloseTo(0.5, 15);
  });

  it("equals toArray() for every basis state and batch element of a seeded random circuit", async () => {
    const psi = randomRun();
    const a = psi.toArray();
    const dim = 8;
    for (let b = 0; b < 2; b++) {
      for (let k = 0; k < dim; k++) {
        const bits = k.toString(2).padStart(3, "0");
        const z = psi.amplitude(bits, b);
        expect([z.re, z.im]).toEqual([a[2 * (b * dim + k)], a[2 * (b * dim + k) + 1]]);
        expect(psi.amplitude(k, b).equals(z)).toBe(true);
      }
    }
    expect((await psi.amplitudeAsync("101", 1)).equals(psi.amplitude("101", 1))).toBe(true);
  });

  it("refuses bad bitstrings, indices and batch indices", () => {
    const psi = randomRun();
    expect(() => psi.amplitude("01")).toThrow(ArgumentError);
    expect(() => psi.amplitude("01")).toThrow(/bitstring "01" must have 3 characters 0 or 1/);
    expect(() => psi.amplitude("0a1")).toThrow(ArgumentError);
    expect(() => psi.amplitude(8)).toThrow(/basis index in \[0, 7\], got 8/);
    expect(() => psi.amplitude(1.5)).toThrow(ArgumentError);
    expect(() => psi.amplitude("000", 2)).toThrow(/batch index 2 out of range \[0, 1\]/);
  });
});

describe("State.toNdarray", () => {
  it("is an ndarray [batch, 2^n, 2] (re, im trailing) equal to toArray() element by element", () => {
    const psi = randomRun();
    const nd = psi.toNdarray();
    const a = psi.toArray();
    expect(nd.shape).toEqual([2, 8, 2]);
    expect(nd.dimension).toBe(3);
    for (let b = 0; b < 2; b++)
      for (let k = 0; k < 8; k++)
        for (let part = 0; part < 2; part++)
          expect(nd.get(b, k, part)).toBe(a[2 * (b * 8 + k) + part]);
    // it is a copy: writing to it leaves the state alone
    nd.set(0, 0, 0, 123);
    expect(psi.toArray()[0]).toBe(a[0]);
  });

  it("puts the Bell state's amplitudes where the docs say", () => {
    const nd = State.bell().toNdarray();
    expect(nd.get(0, 3, 0)).toBeCloseTo(s, 15);
    expect(nd.get(0, 1, 0)).toBe(0);
    expect(nd.get(0, 3, 1)).toBe(0);
  });
});
