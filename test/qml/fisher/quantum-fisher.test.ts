import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../src/errors.js";
import {
  effectiveQuantumDimension,
  fubiniStudyMetric,
  quantumFisher,
} from "../../../src/qml/fisher/quantum-fisher.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import type { DerivativeSweepStats } from "../../../src/quantum/gradients/derivative-states.js";
import { State } from "../../../src/quantum/state/state.js";
import { noGrad, tensor } from "../../../src/tensor/index.js";

/** A circuit with every kind of parametrized gate the sweep distinguishes. */
function mixedCircuit(): Circuit {
  const c = new Circuit(3, { seed: 11 });
  c.ry("full");
  c.cnot("linear");
  c.u3([1]);
  c.crx([0, 2]);
  c.rzz([1, 2]);
  c.pauliRotation("X0 Y1 Z2");
  c.universalTwoQubits([0, 1]);
  c.rz("full");
  return c;
}

function amplitudes(c: Circuit): Float64Array {
  return noGrad(() => c.forward().toArray());
}

/** 4 Re(<d_i psi|d_j psi> - <d_i psi|psi><psi|d_j psi>) from central-difference states. */
function finiteDifferenceQfim(c: Circuit, h = 1e-5): Float64Array {
  const params = c.parameters();
  const psi = amplitudes(c);
  const ds: Float64Array[] = [];
  for (const p of params) {
    for (let i = 0; i < p.size; i++) {
      const v = p.data[i]!;
      p.data[i] = v + h;
      const plus = amplitudes(c);
      p.data[i] = v - h;
      const minus = amplitudes(c);
      p.data[i] = v;
      ds.push(plus.map((x, k) => (x - minus[k]!) / (2 * h)));
    }
  }
  const ip = (a: Float64Array, b: Float64Array): [number, number] => {
    let re = 0;
    let im = 0;
    for (let k = 0; k < a.length; k += 2) {
      re += a[k]! * b[k]! + a[k + 1]! * b[k + 1]!;
      im += a[k]! * b[k + 1]! - a[k + 1]! * b[k]!;
    }
    return [re, im];
  };
  const P = ds.length;
  const out = new Float64Array(P * P);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < P; j++) {
      const [gr] = ip(ds[i]!, ds[j]!);
      const [ar, ai] = ip(ds[i]!, psi);
      const [br, bi] = ip(psi, ds[j]!);
      out[i * P + j] = 4 * (gr - (ar * br - ai * bi));
    }
  }
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("quantumFisher", () => {
  it("equals 4 Re(<d_i psi|d_j psi> - <d_i psi|psi><psi|d_j psi>) from finite-difference states to 1e-6", () => {
    const c = mixedCircuit();
    let stats: DerivativeSweepStats | undefined;
    const F = quantumFisher(c, { onStats: (s) => (stats = s) });
    const P = c.parameterCount;
    expect(F.shape).toEqual([P, P]);
    expect(F.dtype).toBe("float64");
    expect(maxDiff(F.data, finiteDifferenceQfim(c))).toBeLessThan(1e-6);
    // at most P + 1 state passes (the bound is 2P)
    expect(stats!.passes).toBeLessThanOrEqual(P + 1);
    expect(stats!.passes).toBeGreaterThan(1);
  });

  it("matches the analytic QFIM of RY(a) RZ(b) on |0>: diag(1, sin^2 a)", () => {
    const c = new Circuit(1);
    c.ry(0, { param: tensor([[[0.7]]], { requiresGrad: true }) });
    c.rz(0, { param: tensor([[[0.2]]], { requiresGrad: true }) });
    const F = quantumFisher(c).data;
    expect(maxDiff(F, [1, 0, 0, Math.sin(0.7) ** 2])).toBeLessThan(1e-12);
    const g = fubiniStudyMetric(c).data;
    expect(maxDiff(g, [0.25, 0, 0, Math.sin(0.7) ** 2 / 4])).toBeLessThan(1e-12);
  });

  it("takes the input state, and a parameter shared by two gates gets the sum of both terms", () => {
    const shared = tensor([[[0.4]]], { requiresGrad: true });
    const c = new Circuit(1);
    c.rx(0, { param: shared });
    c.rx(0, { param: shared });
    // RX(a) RX(a) = RX(2a): F = 4 on |0>
    expect(quantumFisher(c).data[0]).toBeCloseTo(4, 12);
    // on |+>, RX only adds a phase: F = 0
    const plus = State.fromAmplitudes([Math.SQRT1_2, Math.SQRT1_2]);
    expect(Math.abs(quantumFisher(c, { state: plus }).data[0]!)).toBeLessThan(1e-12);
  });

  it("block-diagonal keeps each Parameter's block of the full matrix, in fewer passes", () => {
    const c = mixedCircuit();
    const full = quantumFisher(c).data;
    let fullStats: DerivativeSweepStats | undefined;
    let blockStats: DerivativeSweepStats | undefined;
    quantumFisher(c, { onStats: (s) => (fullStats = s) });
    const block = quantumFisher(c, { blockDiagonal: true, onStats: (s) => (blockStats = s) }).data;
    const P = c.parameterCount;
    const owner: number[] = [];
    c.parameters().forEach((p, k) => {
      for (let i = 0; i < p.size; i++) owner.push(k);
    });
    for (let i = 0; i < P; i++)
      for (let j = 0; j < P; j++) {
        const want = owner[i] === owner[j] ? full[i * P + j]! : 0;
        expect(Math.abs(block[i * P + j]! - want)).toBeLessThan(1e-12);
      }
    expect(blockStats!.passes).toBeLessThan(fullStats!.passes);
  });

  it("the SLD QFIM of a pure density matrix equals the state-vector QFIM", () => {
    const c = mixedCircuit();
    const pure = quantumFisher(c).data;
    const mixed = quantumFisher(c, { state: DensityMatrix.zero(3) }).data;
    expect(maxDiff(pure, mixed)).toBeLessThan(1e-8);
  });

  it("the SLD QFIM of a noisy qubit matches the Bloch-vector formula", () => {
    // F_ij = d_i r . d_j r + (r . d_i r)(r . d_j r) / (1 - |r|^2) for one qubit
    const c = new Circuit(1, { seed: 4 });
    c.ry(0);
    c.amplitudeDamping(0.3, 0);
    c.rz(0);
    c.depolarizing(0.1, 0);
    const bloch = (): number[] => {
      const rho = noGrad(() => c.forward(DensityMatrix.zero(1)).toArray());
      // rho = (I + x X + y Y + z Z) / 2
      return [2 * rho[2]!, -2 * rho[3]!, rho[0]! - rho[6]!];
    };
    const params = c.parameters();
    const h = 1e-5;
    const r = bloch();
    const dr = params.map((p) => {
      const v = p.data[0]!;
      p.data[0] = v + h;
      const up = bloch();
      p.data[0] = v - h;
      const dn = bloch();
      p.data[0] = v;
      return up.map((x, k) => (x - dn[k]!) / (2 * h));
    });
    const dot = (a: number[], b: number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
    const want: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++)
        want.push(dot(dr[i]!, dr[j]!) + (dot(r, dr[i]!) * dot(r, dr[j]!)) / (1 - dot(r, r)));
    const F = quantumFisher(c).data;
    expect(maxDiff(F, want)).toBeLessThan(1e-7);
    expect(F[0]).toBeLessThan(1); // noise lowers it below the pure value 1
  });
});

describe("effectiveQuantumDimension", () => {
  it("is the QFIM rank: 1 for RZ RY on |0>, 2 for RY RZ, and the parameters are restored", () => {
    const a = new Circuit(1, { seed: 1 });
    a.rz(0);
    a.ry(0);
    const before = a.parameters().map((p) => p.data[0]);
    expect(effectiveQuantumDimension(a, { seed: 2 })).toBe(1);
    expect(a.parameters().map((p) => p.data[0])).toEqual(before);
    const b = new Circuit(1, { seed: 1 });
    b.ry(0);
    b.rz(0);
    expect(effectiveQuantumDimension(b, { seed: 2, samples: 2 })).toBe(2);
  });
});

describe("bad input", () => {
  it("refuses a circuit without parameters, non-circuits, bad states, data and options", () => {
    const empty = new Circuit(2);
    empty.h(0);
    expect(() => quantumFisher(empty)).toThrow(ArgumentError);
    expect(() => quantumFisher(empty)).toThrow(/no trainable parameters/);
    expect(() => quantumFisher({} as Circuit)).toThrow(/circuit must be a Circuit/);
    const c = new Circuit(2, { seed: 1 });
    c.ry("full");
    expect(() => quantumFisher(c, { state: State.zero(3) })).toThrow(ShapeError);
    expect(() => quantumFisher(c, { state: "zero" as unknown as State })).toThrow(ArgumentError);
    expect(() => quantumFisher(c, { blockDiagonal: 1 as unknown as boolean })).toThrow(
      /blockDiagonal must be a boolean/,
    );
    expect(() => quantumFisher(c, { blokDiagonal: true } as never)).toThrow(/blockDiagonal/);
    expect(() => effectiveQuantumDimension(c, { samples: 0 })).toThrow(/samples must be/);
    const enc = new Circuit(2, { seed: 1 });
    enc.angleEncoding({ gate: "ry" });
    enc.rz("full");
    expect(() => quantumFisher(enc)).toThrow(/pass options.data/);
    expect(() =>
      quantumFisher(enc, {
        data: tensor([
          [0.1, 0.2],
          [0.3, 0.4],
        ]),
      }),
    ).toThrow(/one row/);
    expect(quantumFisher(enc, { data: tensor([[0.1, 0.2]]) }).shape).toEqual([2, 2]);
  });
});
