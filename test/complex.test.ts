/**
 * complex.js's `Complex` as qoar's complex scalar: accepted wherever a user passes one complex
 * number (tensor operands and creation, amplitudes, matrix entries, fermion coefficients), and
 * given back by `complexItem()`.
 */
import { describe, expect, it } from "vitest";
import { FermionOperator } from "../src/chem/fermion.js";
import { Complex, complexParts, isComplexLike } from "../src/complex.js";
import { ArgumentError, DtypeError } from "../src/errors.js";
import { DensityMatrix } from "../src/quantum/density/density.js";
import { oracleGate } from "../src/quantum/gates/custom.js";
import { getGate } from "../src/quantum/gates/table.js";
import { State } from "../src/quantum/state/state.js";
import { abs, sum, tensor, where } from "../src/tensor/index.js";

const i = new Complex(0, 1);

describe("Complex scalars as tensor operands", () => {
  it("t.mul(Complex) and t.add({ re, im }) give the analytic values, complex128", () => {
    const t = tensor([1, -2]);
    expect(t.mul(i).toArray()).toEqual([
      [0, 1],
      [-0, -2],
    ]);
    const z = tensor([[3, 4]], { dtype: "complex128" }); // 3 + 4i
    // (3 + 4i)(1 - 2i) = 11 - 2i; (3 + 4i) / (1 - 2i) = -1 + 2i
    expect(z.mul(new Complex(1, -2)).toArray()).toEqual([[11, -2]]);
    const q = z.div({ re: 1, im: -2 }).toArray() as number[][];
    expect(q[0]![0]).toBeCloseTo(-1, 15);
    expect(q[0]![1]).toBeCloseTo(2, 15);
    expect(t.add({ re: 1, im: -1 }).dtype).toBe("complex128");
    expect(where(tensor([1, 0]), i, 0).toArray()).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });

  it("gradients flow through a complex scalar factor: d|c x|^2/dx = 2 |c|^2 x", () => {
    const x = tensor([0.5, -1.5], { requiresGrad: true });
    const c = new Complex(0.6, -0.8).mul(2); // |c| = 2
    sum(abs(x.mul(c)).pow(2)).backward();
    expect(Array.from(x.grad!.data)).toEqual(
      [2 * 4 * 0.5, 2 * 4 * -1.5].map((v) => expect.closeTo(v, 13)),
    );
  });

  it("tensor() takes Complex leaves and complexItem() gives one back", () => {
    expect(tensor(new Complex(1, 2)).toArray()).toEqual([1, 2]);
    expect(tensor([new Complex(1, 2), { re: 3, im: 0 }]).toArray()).toEqual([
      [1, 2],
      [3, 0],
    ]);
    const c = tensor([[0, 1]], { dtype: "complex128" })
      .sum()
      .complexItem();
    expect(c).toBeInstanceOf(Complex);
    expect(c.equals(i)).toBe(true);
    expect(tensor([2]).complexItem().equals(2)).toBe(true);
    expect(() => tensor([1, 2]).complexItem()).toThrow(ArgumentError);
  });

  it("an operand that is neither a tensor, a number nor { re, im } is a DtypeError", () => {
    expect(() => tensor([1]).mul({ re: 1 } as never)).toThrow(DtypeError);
    expect(() => tensor([1]).mul("i" as never)).toThrow(/a number or a complex \{ re, im \}/);
  });
});

describe("Complex entries in amplitudes, matrices and coefficients", () => {
  it("State.fromAmplitudes takes Complex entries like [re, im] pairs", () => {
    const a = State.fromAmplitudes([1, i], { normalize: true }).toArray();
    const b = State.fromAmplitudes(
      [
        [1, 0],
        [0, 1],
      ],
      { normalize: true },
    ).toArray();
    expect(a).toEqual(b);
    expect(() => State.fromAmplitudes([1, { re: 1 }] as never)).toThrow(/complex \{ re, im \}/);
  });

  it("matrices take Complex entries: an oracle built with them is Pauli Y, and so is a density matrix entry", () => {
    const minusI = new Complex(0, -1);
    const y = oracleGate([
      [0, minusI],
      [i, 0],
    ]);
    expect(Array.from(y.matrix())).toEqual(Array.from(getGate("y").matrix()));
    const rho = DensityMatrix.fromMatrix([
      [0.5, new Complex(0, -0.5)],
      [new Complex(0, 0.5), 0.5],
    ]); // |+i><+i|
    expect(Array.from(rho.toArray())).toEqual([0.5, 0, 0, -0.5, 0, 0.5, 0.5, 0]);
  });

  it("FermionOperator coefficients take a Complex", () => {
    const t = FermionOperator.term("0^ 1", new Complex(0.5, -0.25)).terms();
    expect(t).toHaveLength(1);
    expect([t[0]!.re, t[0]!.im]).toEqual([0.5, -0.25]);
  });

  it("complexParts and isComplexLike", () => {
    expect(isComplexLike(i)).toBe(true);
    expect(isComplexLike([0, 1])).toBe(false);
    expect(complexParts(i, "c")).toEqual([0, 1]);
    expect(complexParts(2, "c")).toEqual([2, 0]);
    expect(() => complexParts(new Complex(Number.NaN, 0), "c")).toThrow(/c: expected a finite/);
  });
});
