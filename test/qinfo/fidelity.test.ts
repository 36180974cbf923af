import { describe, expect, it } from "vitest";
import * as qoar from "../../src/index.js";
import { stateFidelity, traceDistance } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { State } from "../../src/quantum/state/state.js";
import { gradcheck, randn, tensor } from "../../src/tensor/index.js";

/** The qubit density matrix (I + a . sigma) / 2 of a Bloch vector a (|a| <= 1). */
function bloch([x, y, z]: readonly number[]): Float64Array {
  return new Float64Array([(1 + z!) / 2, 0, x! / 2, -y! / 2, x! / 2, y! / 2, (1 - z!) / 2, 0]);
}
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe("stateFidelity and traceDistance: one name, one meaning", () => {
  it("the top-level names and the qinfo names are the same functions", () => {
    expect(qoar.stateFidelity).toBe(qoar.qinfo.stateFidelity);
    expect(qoar.traceDistance).toBe(qoar.qinfo.traceDistance);
  });

  it("pure states through both old paths give |<a|b>| and sqrt(1 - |<a|b>|^2)", () => {
    const a = State.random(3, { seed: 11 });
    const b = State.random(3, { seed: 12 });
    const ip = a.innerProduct(b);
    const overlap = Math.hypot(ip[0]!, ip[1]!);
    for (const f of [qoar.stateFidelity, qoar.qinfo.stateFidelity]) {
      expect(f(a, b).item()).toBeCloseTo(overlap, 14);
      // the matrix path (DensityMatrix, raw matrix) gives the same value
      expect(f(DensityMatrix.fromState(a), b).item()).toBeCloseTo(overlap, 7);
    }
    for (const t of [qoar.traceDistance, qoar.qinfo.traceDistance]) {
      expect(t(a, b).item()).toBeCloseTo(Math.sqrt(1 - overlap ** 2), 14);
      expect(t(DensityMatrix.fromState(a), DensityMatrix.fromState(b)).item()).toBeCloseTo(
        Math.sqrt(1 - overlap ** 2),
        10,
      );
    }
  });

  it("mixed qubits: F^2 = tr(r s) + 2 sqrt(det r det s) and T = |a - b| / 2 in Bloch vectors", () => {
    const pairs: [number[], number[]][] = [
      [
        [0.3, -0.2, 0.5],
        [-0.1, 0.6, 0.2],
      ],
      [
        [0, 0, 0],
        [0.8, 0, 0.1],
      ],
      [
        [0.6, 0, 0.8], // pure
        [0.2, 0.3, -0.4],
      ],
    ];
    for (const [a, b] of pairs) {
      const trRS = (1 + dot(a, b)) / 2;
      const detR = (1 - dot(a, a)) / 4;
      const detS = (1 - dot(b, b)) / 4;
      const f = Math.sqrt(trRS + 2 * Math.sqrt(detR * detS));
      const diff = a.map((v, i) => v - b[i]!);
      const t = Math.sqrt(dot(diff, diff)) / 2;
      expect(stateFidelity(bloch(a), bloch(b)).item()).toBeCloseTo(f, 9);
      expect(traceDistance(bloch(a), bloch(b)).item()).toBeCloseTo(t, 12);
      // a complex128 tensor is the same matrix
      const asTensor = qoar.fromData(bloch(a), [2, 2], "complex128");
      expect(stateFidelity(asTensor, DensityMatrix.fromMatrix(bloch(b))).item()).toBeCloseTo(f, 9);
    }
  });

  it("batched pure states broadcast a batch-1 target, one value per element", () => {
    const c = new Circuit(2, { seed: 3 });
    c.ry("full");
    const batch = c.forward(undefined, undefined).kron(State.zero(1, { batch: 3 }));
    const target = State.random(3, { seed: 2 });
    const fid = stateFidelity(batch, target);
    expect(fid.shape).toEqual([3]);
    const one = stateFidelity(c.forward().kron(State.zero(1)), target).item();
    for (const v of fid.data) expect(v).toBeCloseTo(one, 14);
  });

  it("the fused pure-state backward matches finite differences, unnormalized amplitudes included", () => {
    const a = randn([1, 4], { seed: 5, dtype: "complex128" }).mul(0.7);
    const b = randn([1, 4], { seed: 6, dtype: "complex128" }).mul(0.4);
    a.requiresGrad = true;
    b.requiresGrad = true;
    const fid = (x: qoar.Tensor, y: qoar.Tensor) =>
      stateFidelity(State.fromTensor(x), State.fromTensor(y));
    const dist = (x: qoar.Tensor, y: qoar.Tensor) =>
      traceDistance(State.fromTensor(x), State.fromTensor(y));
    expect(gradcheck(fid, [a, b]).message).toBe("ok");
    expect(gradcheck(dist, [a, b]).message).toBe("ok");
  });

  it("circuit parameters get the adjoint gradient of both losses (vs central differences)", () => {
    const c = new Circuit(3, { seed: 9 });
    c.ry("full");
    c.cnot("cycle");
    c.rx("full");
    const target = State.random(3, { seed: 10 });
    const loss = () =>
      stateFidelity(c.forward(), target).add(traceDistance(c.forward(), target).mul(0.5));
    for (const p of c.parameters()) p.grad = null;
    loss().backward();
    const h = 1e-6;
    for (const p of c.parameters()) {
      for (let i = 0; i < p.size; i++) {
        const x = p.data[i]!;
        p.data[i] = x + h;
        const up = qoar.noGrad(loss).item();
        p.data[i] = x - h;
        const down = qoar.noGrad(loss).item();
        p.data[i] = x;
        expect(p.grad!.data[i]).toBeCloseTo((up - down) / (2 * h), 6);
      }
    }
  });

  it("a density-matrix circuit output gets the gradient of both losses (vs central differences)", () => {
    const c = new Circuit(1, { seed: 1 });
    c.ry(0);
    c.depolarizing(0.1, 0);
    const target = bloch([0.3, -0.2, 0.5]);
    for (const measure of [stateFidelity, traceDistance]) {
      const loss = () => measure(c.forward(DensityMatrix.zero(1)), target);
      for (const p of c.parameters()) p.grad = null;
      loss().backward();
      const p = c.parameters()[0]!;
      const x = p.data[0]!;
      const h = 1e-6;
      p.data[0] = x + h;
      const up = qoar.noGrad(loss).item();
      p.data[0] = x - h;
      const down = qoar.noGrad(loss).item();
      p.data[0] = x;
      expect(p.grad!.data[0]).toBeCloseTo((up - down) / (2 * h), 7);
    }
    // a plain tensor without requiresGrad builds no graph
    expect(
      stateFidelity(
        tensor([
          [1, 0],
          [0, 0],
        ]),
        bloch([0, 0, 1]),
      ).requiresGrad,
    ).toBe(false);
  });
});
