import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { executeOperations } from "../../../src/quantum/circuit/execute.js";
import {
  blockMatrix,
  fusedProgram,
  fuseOperations,
  fusionFromEnv,
} from "../../../src/quantum/circuit/fusion.js";
import type {
  AngleSource,
  GateOperation,
  Operation,
} from "../../../src/quantum/circuit/operation.js";
import { GATES, getGate } from "../../../src/quantum/gates/table.js";
import { Rng } from "../../../src/random.js";

/** A random circuit over every table gate, some inverted, some reading data features. */
function randomOps(n: number, count: number, rng: Rng, nFeatures = 0): GateOperation[] {
  const gates = GATES.filter((g) => g.nQubits <= n);
  const ops: GateOperation[] = [];
  for (let i = 0; i < count; i++) {
    // bias towards 1-qubit rotations and CNOTs, as real circuits are
    const r = rng.uniform();
    const gate =
      r < 0.3
        ? getGate(["rx", "ry", "rz"][rng.int(3)]!)
        : r < 0.45
          ? getGate("cnot")
          : gates[rng.int(gates.length)]!;
    const qubits = rng.shuffle([...Array(n).keys()]).slice(0, gate.nQubits);
    const angles: AngleSource[] = Array.from({ length: gate.nParams }, () =>
      nFeatures > 0 && rng.uniform() < 0.3
        ? { kind: "data", features: [rng.int(nFeatures)], scale: rng.uniformIn(-2, 2) }
        : { kind: "const", value: rng.uniformIn(-Math.PI, Math.PI) },
    );
    ops.push({ kind: "gate", gate, qubits, angles, adjoint: rng.uniform() < 0.2, block: i });
  }
  return ops;
}

function run(
  n: number,
  ops: readonly Operation[],
  fusion: number,
  batch = 1,
  data?: Float64Array,
  nFeatures = 0,
  shift?: { operation: number; angle: number; delta: number },
): Float64Array {
  const be = getBackend("cpu");
  const rng = new Rng(99);
  const init = new Float64Array(2 * batch * 2 ** n).map(() => rng.normal());
  const buf = be.fromArray(n, batch, init);
  executeOperations(be, buf, ops, { nQubits: n, globalPhase: 0.3, data, nFeatures, fusion, shift });
  const out = be.toArray(buf);
  be.free(buf);
  return out;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("gate fusion", () => {
  it("matches the unfused run on random circuits for every block size", () => {
    const rng = new Rng(1);
    for (let trial = 0; trial < 12; trial++) {
      const n = 2 + (trial % 5);
      const ops = randomOps(n, 40, rng);
      const ref = run(n, ops, 0);
      for (const k of [1, 2, 3]) {
        expect(maxDiff(run(n, ops, k), ref)).toBeLessThan(1e-12);
      }
    }
  });

  it("matches the unfused run with per-batch data angles and a parameter shift", () => {
    const rng = new Rng(2);
    const n = 4;
    const nFeatures = 3;
    const batch = 3;
    const ops = randomOps(n, 50, rng, nFeatures);
    const data = new Float64Array(batch * nFeatures).map(() => rng.uniformIn(-1, 1));
    const idx = ops.findIndex((o) => o.gate.nParams > 0);
    const shift = { operation: idx, angle: 0, delta: 0.4 };
    const ref = run(n, ops, 0, batch, data, nFeatures, shift);
    for (const k of [1, 2, 3]) {
      expect(maxDiff(run(n, ops, k, batch, data, nFeatures, shift), ref)).toBeLessThan(1e-12);
    }
    // the shift is not a no-op (the comparison above can fail)
    expect(maxDiff(run(n, ops, 2, batch, data, nFeatures), ref)).toBeGreaterThan(1e-6);
  });

  it("fuses RY and RZ on a qubit into one block and keeps disjoint gates apart", () => {
    const ry = getGate("ry");
    const rz = getGate("rz");
    const op = (gate: typeof ry, q: number): GateOperation => ({
      kind: "gate",
      gate,
      qubits: [q],
      angles: [{ kind: "const", value: 0.3 }],
      adjoint: false,
      block: 0,
    });
    const ops = [op(ry, 0), op(ry, 1), op(rz, 0), op(rz, 1)];
    const prog = fuseOperations(ops, 2, 2);
    expect(prog.blocks.map((b) => b.ops)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    // the block matrix is RZ * RY
    const m = blockMatrix(prog.blocks[0]!, ops, undefined, 0, 1);
    const c = Math.cos(0.15);
    const s = Math.sin(0.15);
    // RZ RY = [[c e^{-i t/2}, -s e^{-i t/2}], [s e^{i t/2}, c e^{i t/2}]]
    expect(m[0]).toBeCloseTo(c * c, 14);
    expect(m[1]).toBeCloseTo(-c * s, 14);
    expect(m[2]).toBeCloseTo(-s * c, 14);
    expect(m[4]).toBeCloseTo(s * c, 14);
    expect(m[5]).toBeCloseTo(s * s, 14);
  });

  it("caches the plan per ops array and re-plans when the list grows", () => {
    const rng = new Rng(3);
    const ops: Operation[] = randomOps(3, 10, rng);
    const a = fusedProgram(ops, 3, 2);
    expect(fusedProgram(ops, 3, 2)).toBe(a);
    ops.push(...randomOps(3, 5, rng));
    const b = fusedProgram(ops, 3, 2);
    expect(b).not.toBe(a);
    expect(b.blocks.flatMap((x) => x.ops).sort((x, y) => x - y)).toEqual([...ops.keys()]);
  });

  it("rejects a bad fusion setting", () => {
    expect(() => run(2, [], 7)).toThrow(/fusion/);
  });
});

describe("gate fusion without the cost model", () => {
  it("builds exact blocks of up to 3 qubits", () => {
    const rng = new Rng(4);
    const be = getBackend("cpu");
    for (let trial = 0; trial < 8; trial++) {
      const n = 3 + (trial % 3);
      const ops = randomOps(n, 30, rng);
      for (const k of [2, 3]) {
        const prog = fuseOperations(ops, n, k, { ignoreCost: true });
        expect(prog.blocks.length).toBeLessThan(ops.length);
        const init = new Float64Array(2 * 2 ** n).map(() => rng.normal());
        const a = be.fromArray(n, 1, init);
        const b = be.fromArray(n, 1, init);
        executeOperations(be, a, ops, { nQubits: n, globalPhase: 0, nFeatures: 0, fusion: 0 });
        for (const block of prog.blocks) {
          be.applyDense(b, block.qubits, blockMatrix(block, ops, undefined, 0, 1));
        }
        expect(maxDiff(be.toArray(a), be.toArray(b))).toBeLessThan(1e-12);
        be.free(a);
        be.free(b);
      }
    }
  });
});

describe("QOAR_FUSION", () => {
  it("sets the default block size (0 = off; junk = the default 2)", () => {
    const saved = process.env.QOAR_FUSION;
    try {
      process.env.QOAR_FUSION = "0";
      expect(fusionFromEnv()).toBe(0);
      process.env.QOAR_FUSION = "3";
      expect(fusionFromEnv()).toBe(3);
      process.env.QOAR_FUSION = "many";
      expect(fusionFromEnv()).toBe(2);
      delete process.env.QOAR_FUSION;
      expect(fusionFromEnv()).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.QOAR_FUSION;
      else process.env.QOAR_FUSION = saved;
    }
  });
});
