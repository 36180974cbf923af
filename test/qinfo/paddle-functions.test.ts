import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  absNorm,
  blockEncodingHermitian,
  dagger,
  directSum,
  haarOrthogonal,
  isChoi,
  isHermitian,
  isProjector,
  isStateVector,
  isUnitary,
  krausToChoi,
  nKron,
  pauliBasis,
  pauliComponentsMatrix,
  permuteSystems,
  purity,
  randomChannel,
  randomDensityOperator,
  randomHermitian,
  randomKrausUnitary,
  randomOrthogonalProjection,
  randomStateVector,
  randomUnitary,
  randomUnitaryWithHermitianBlock,
  subsystemDecomposition,
  tensorState,
} from "../../src/qinfo/index.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import {
  dagger as daggerMatrix,
  eighHermitian,
  fromRows,
  identity,
  kron,
  matmul,
  maxAbsDiff,
} from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";
import { fromData, gradcheck, randn, type Tensor, trace } from "../../src/tensor/index.js";

/** The d x d block at (row, col) of a D x D interleaved matrix. */
function block(m: Float64Array, D: number, d: number, row: number, col: number): Float64Array {
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      for (const c of [0, 1]) out[2 * (i * d + j) + c] = m[2 * ((row + i) * D + col + j) + c]!;
  return out;
}

const sumKdK = (ops: readonly Float64Array[]) =>
  ops.reduce(
    (acc, k) => acc.map((x, i) => x + matmul(daggerMatrix(k), k)[i]!),
    identity(2).fill(0),
  );

describe("subsystems: permuteSystems, tensorState, nKron, subsystemDecomposition", () => {
  it("permuteSystems reorders the factors of a product state, for qubits and other dimensions", () => {
    const [a, b, c] = [1, 2, 3].map((s) => randomDensityOperator(1, { seed: s }));
    const abc = kron(kron(a!, b!), c!);
    expect(maxAbsDiff(permuteSystems(abc, [2, 0, 1]).data, kron(kron(c!, a!), b!))).toBeLessThan(
      1e-14,
    );
    // a qubit (x) a "qutrit" block: dims [2, 4] of an 8-dimensional space
    const d4 = randomDensityOperator(2, { seed: 4 });
    const swapped = permuteSystems(kron(a!, d4), [1, 0], { dims: [2, 4] });
    expect(maxAbsDiff(swapped.data, kron(d4, a!))).toBeLessThan(1e-14);
    expect(() => permuteSystems(abc, [0, 0, 1])).toThrow(/permutation/);
    expect(() => permuteSystems(abc, [1, 0], { dims: [3, 3] })).toThrow(/dims/);
  });

  it("tensorState of mixed and pure inputs equals the Kronecker product; purity is multiplicative", () => {
    const rho = randomDensityOperator(1, { seed: 5 });
    const bell = State.bell();
    const t = tensorState(bell, rho, DensityMatrix.completelyMixed(1));
    const bellRho = DensityMatrix.fromState(bell).toArray();
    const expected = kron(
      kron(bellRho, rho),
      identity(2).map((x) => x / 2),
    );
    expect(maxAbsDiff(t.data, expected)).toBeLessThan(1e-14);
    expect(purity(t).item()).toBeCloseTo(purity(rho).item() * 0.5, 14);
    // differentiable in a tensor input
    const m = randn([2, 2], { seed: 6, dtype: "complex128" }).requiresGrad_();
    const densityOf = (x: Tensor) => {
      const g = x.matmul(x.conj().transpose());
      return g.div(trace(g).real());
    };
    expect(gradcheck((x) => purity(tensorState(densityOf(x), rho)), [m]).message).toBe("ok");
  });

  it("nKron chains the Kronecker product left to right", () => {
    const [u, v, w] = [7, 8, 9].map((s) => randomUnitary(1, { seed: s }));
    expect(maxAbsDiff(nKron(u!, v!, w!).data, kron(kron(u!, v!), w!))).toBeLessThan(1e-15);
    expect(nKron(u!).shape).toEqual([2, 2]);
    expect(() => nKron()).toThrow(ArgumentError);
  });

  it("subsystemDecomposition: rank 1 for products, and the terms rebuild the matrix", () => {
    const a = randomHermitian(1, { seed: 10 });
    const b = randomHermitian(2, { seed: 11 });
    const norm = (m: Float64Array) => Math.sqrt(m.reduce((s, x) => s + x * x, 0));
    const prod = subsystemDecomposition(kron(a, b), 2, 4);
    expect(prod.coefficients.length).toBe(1);
    expect(prod.coefficients[0]).toBeCloseTo(norm(a) * norm(b), 12);
    const m = randomUnitary(3, { seed: 12 });
    const dec = subsystemDecomposition(m, 2, 4);
    expect(dec.coefficients.length).toBe(4); // min(dimA^2, dimB^2)
    let rebuilt = new Float64Array(m.length);
    dec.coefficients.forEach((s, k) => {
      const term = kron(dec.operatorsA[k]!, dec.operatorsB[k]!);
      rebuilt = rebuilt.map((x, i) => x + s * term[i]!);
    });
    expect(maxAbsDiff(rebuilt, m)).toBeLessThan(1e-12);
    // Hilbert-Schmidt orthonormal factors
    const hs = (x: Float64Array, y: Float64Array) => {
      let re = 0;
      for (let i = 0; i < x.length; i += 2) re += x[i]! * y[i]! + x[i + 1]! * y[i + 1]!;
      return re;
    };
    expect(hs(dec.operatorsA[0]!, dec.operatorsA[1]!)).toBeCloseTo(0, 12);
    expect(hs(dec.operatorsB[1]!, dec.operatorsB[1]!)).toBeCloseTo(1, 12);
    // sum s_k^2 = ||M||_F^2 = d for a unitary
    expect(dec.coefficients.reduce((s, x) => s + x * x, 0)).toBeCloseTo(8, 12);
  });
});

describe("matrix helpers: dagger, directSum, absNorm, pauliBasis", () => {
  it("dagger matches the matrix conjugate transpose; directSum is block diagonal", () => {
    const u = randomUnitary(2, { seed: 13 });
    expect(maxAbsDiff(dagger(u).data, daggerMatrix(u))).toBe(0);
    const h = randomHermitian(1, { seed: 14 });
    const s = directSum(u, h);
    expect(s.shape).toEqual([6, 6]);
    expect(maxAbsDiff(block(s.data, 6, 4, 0, 0), u)).toBe(0);
    expect(maxAbsDiff(block(s.data, 6, 2, 4, 4), h)).toBe(0);
    expect(maxAbsDiff(block(s.data, 6, 2, 0, 4), new Float64Array(8))).toBe(0);
  });

  it("absNorm is the sum of singular values: |eigenvalues| for Hermitian, d for unitaries; differentiable", () => {
    const h = randomHermitian(2, { seed: 15 });
    const l = eighHermitian(h).values;
    expect(absNorm(h).item()).toBeCloseTo(
      l.reduce((s, x) => s + Math.abs(x), 0),
      12,
    );
    expect(absNorm(randomUnitary(2, { seed: 16 })).item()).toBeCloseTo(4, 12);
    const m = randn([3, 3], { seed: 17, dtype: "complex128" }).requiresGrad_();
    expect(gradcheck((x) => absNorm(x), [m]).message).toBe("ok");
  });

  it("pauliBasis is orthonormal, in I < X < Y < Z order, and its elements are the Pauli matrices / sqrt(d)", () => {
    const basis = pauliBasis(2);
    expect(basis.length).toBe(16);
    expect(basis.slice(0, 4).map((e) => e.pauli)).toEqual(["", "X1", "Y1", "Z1"]);
    for (let j = 0; j < 16; j += 5) {
      for (let k = 0; k < 16; k++) {
        const tr = matmul(daggerMatrix(basis[j]!.matrix), basis[k]!.matrix);
        let re = 0;
        for (let i = 0; i < 4; i++) re += tr[2 * (i * 4 + i)]!;
        expect(re).toBeCloseTo(j === k ? 1 : 0, 14);
      }
    }
    for (const e of basis) {
      const direct = pauliComponentsMatrix([{ coefficient: [0.5, 0], pauli: e.pauli }], 2);
      expect(maxAbsDiff(e.matrix, direct)).toBeLessThan(1e-15);
    }
  });
});

describe("checks: isChoi, isStateVector, isProjector", () => {
  it("isChoi accepts channels and refuses non-trace-preserving or non-CP maps", () => {
    expect(isChoi(krausToChoi(randomChannel(1, { rank: 4, seed: 18 })))).toBe(true);
    expect(isChoi(krausToChoi(randomKrausUnitary(2, { count: 3, seed: 19 })))).toBe(true);
    expect(isChoi(krausToChoi([identity(2).map((x) => x * 0.9)]))).toBe(false);
    // the transpose map is positive but not completely positive: its Choi matrix is SWAP
    const swap = fromRows([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(isChoi(swap)).toBe(false);
    expect(() => isChoi(identity(8))).toThrow(/inputDim/);
    expect(isChoi(krausToChoi(randomChannel(1, { seed: 28 })), { inputDim: 2 })).toBe(true);
  });

  it("isStateVector and isProjector", () => {
    expect(isStateVector(randomStateVector(3, { seed: 20 }))).toBe(true);
    expect(isStateVector(randomStateVector(3, { seed: 20 }).map((x) => 2 * x))).toBe(false);
    expect(isStateVector(new Float64Array(6))).toBe(false);
    expect(isStateVector(State.random(2, { seed: 1, batch: 3 }))).toBe(true);
    expect(isStateVector(fromData(new Float64Array([0.6, 0, 0, 0.8]), [2], "complex128"))).toBe(
      true,
    );
    const p = randomOrthogonalProjection(3, { rank: 3, seed: 21 });
    expect(isProjector(p)).toBe(true);
    let tr = 0;
    for (let i = 0; i < 8; i++) tr += p[2 * (i * 8 + i)]!;
    expect(tr).toBeCloseTo(3, 12);
    expect(isProjector(randomHermitian(2, { seed: 22 }))).toBe(false);
  });
});

describe("random operators", () => {
  it("randomChannel and randomKrausUnitary are complete; each Kraus unitary is sqrt(p) U", () => {
    for (const rank of [1, 2, 4]) {
      const ops = randomChannel(1, { rank, seed: 23 });
      expect(ops.length).toBe(rank);
      expect(maxAbsDiff(sumKdK(ops), identity(2))).toBeLessThan(1e-12);
    }
    const ku = randomKrausUnitary(1, { count: 3, seed: 24 });
    expect(maxAbsDiff(sumKdK(ku), identity(2))).toBeLessThan(1e-12);
    for (const k of ku) {
      const p = matmul(daggerMatrix(k), k)[0]!;
      expect(isUnitary(k.map((x) => x / Math.sqrt(p)))).toBe(true);
    }
    expect(() => randomChannel(1, { rank: 3 })).toThrow(/power of two/);
  });

  it("randomHermitian, haarOrthogonal, projections and the Hermitian block encodings", () => {
    expect(isHermitian(randomHermitian(3, { seed: 25 }))).toBe(true);
    const o = haarOrthogonal(3, { seed: 26 });
    expect(isUnitary(o)).toBe(true);
    expect(o.every((x, i) => i % 2 === 0 || x === 0)).toBe(true);
    const h = fromRows([
      [0.5, 0.2],
      [0.2, -0.3],
    ]);
    const w = blockEncodingHermitian(h);
    expect(isUnitary(w)).toBe(true);
    expect(maxAbsDiff(block(w, 4, 2, 0, 0), h)).toBe(0);
    expect(() => blockEncodingHermitian(h.map((x) => 3 * x))).toThrow(/spectral norm/);
    const r = randomUnitaryWithHermitianBlock(2, { seed: 27 });
    expect(isUnitary(r)).toBe(true);
    expect(isHermitian(block(r, 8, 4, 0, 0))).toBe(true);
  });
});
