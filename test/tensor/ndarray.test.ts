/** `tensor.toNdarray()`: the tensor's values as a scijs ndarray, element by element. */
import { describe, expect, it } from "vitest";
import { randn, tensor } from "../../src/tensor/index.js";

describe("Tensor.toNdarray", () => {
  it("a float64 tensor keeps its shape, row-major, element by element", () => {
    const t = randn([3, 4, 2], { seed: 5 });
    const nd = t.toNdarray();
    expect(nd.shape).toEqual([3, 4, 2]);
    expect(nd.stride).toEqual([8, 2, 1]);
    const nested = t.toArray() as number[][][];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 4; j++)
        for (let k = 0; k < 2; k++) expect(nd.get(i, j, k)).toBe(nested[i]![j]![k]);
  });

  it("a complex128 tensor gets a trailing dimension of 2: real part, imaginary part", () => {
    const z = tensor(
      [
        [
          [1, -1],
          [2, 0.5],
        ],
        [
          [0, 3],
          [-4, 0],
        ],
      ],
      { dtype: "complex128" },
    );
    const nd = z.toNdarray();
    expect(nd.shape).toEqual([2, 2, 2]);
    const nested = z.toArray() as [number, number][][];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        expect(nd.get(i, j, 0)).toBe(nested[i]![j]![0]);
        expect(nd.get(i, j, 1)).toBe(nested[i]![j]![1]);
      }
    expect(nd.get(1, 0, 1)).toBe(3); // element (1, 0) is 0 + 3i
  });

  it("is a copy, and a scalar is a 0-dimensional ndarray", () => {
    const t = tensor([1, 2, 3]);
    const nd = t.toNdarray();
    nd.set(0, 99);
    expect(t.toArray()).toEqual([1, 2, 3]);
    const s = tensor(7).toNdarray();
    expect(s.shape).toEqual([]);
    expect(s.get()).toBe(7);
  });
});
