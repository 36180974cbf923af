import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import type { ChannelLike, Operation } from "../../../src/quantum/circuit/operation.js";
import { resolveAngles } from "../../../src/quantum/circuit/operation.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { NoiseModel } from "../../../src/quantum/density/noise.js";
import { getChannel } from "../../../src/quantum/density/standard-channels.js";
import { densityExpecVal, randomDensityMatrix } from "../../../src/quantum/density/states.js";
import { dagger, expandOperator, matmul } from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { Adam, noGrad, Parameter, tensor } from "../../../src/tensor/index.js";

/** The 2-qubit H2 Hamiltonian (STO-3G, 0.735 A, parity-reduced); ground energy -1.857275. */
const H2 = Hamiltonian.fromString(
  "-1.052373245772859 + 0.39793742484318045 Z0 - 0.39793742484318045 Z1 - 0.01128010425623538 Z0 Z1 + 0.18093119978423156 X0 X1",
);

/**
 * The independent reference: every gate and Kraus operator expanded to a dense 2^n x 2^n matrix,
 * rho -> sum_k K rho K^dagger by dense products, then tr(H rho).
 */
function denseEnergy(
  ops: readonly Operation[],
  n: number,
  H: Hamiltonian,
  rho0?: Float64Array,
): number {
  const d = 2 ** n;
  let rho = rho0 ?? new Float64Array(2 * d * d);
  if (rho0 === undefined) rho[0] = 1;
  for (const op of ops) {
    const angles = resolveAngles(op, undefined, 0, 1);
    const kraus =
      op.kind === "gate"
        ? [op.adjoint ? dagger(op.gate.matrix(angles)) : op.gate.matrix(angles)]
        : op.kind === "channel"
          ? (op.channel as ChannelLike).kraus(angles)
          : [];
    const next = new Float64Array(rho.length);
    for (const K of kraus) {
      const full = expandOperator(K, op.qubits, n);
      const t = matmul(matmul(full, rho), dagger(full));
      for (let i = 0; i < t.length; i++) next[i] += t[i]!;
    }
    rho = next;
  }
  const hr = matmul(H.matrix(n), rho);
  let tr = 0;
  for (let i = 0; i < d; i++) tr += hr[2 * (i * d + i)]!;
  return tr;
}

/** A noisy hardware-efficient ansatz on 2 qubits with a trainable amplitude-damping gamma. */
function noisyAnsatz(p: number, gamma: Parameter, seed = 3): Circuit {
  const c = new Circuit(2, { seed });
  c.ry("full");
  c.depolarizing(p, "full");
  c.cnot([0, 1]);
  c.amplitudeDamping(gamma, [1]);
  c.generalizedDepolarizing(p / 2, [[0, 1]]);
  c.ry("full");
  c.rz([0]);
  c.phaseDamping(p, [0]);
  return c;
}

/** The operations with each data angle replaced by its value (one feature, scale 1). */
function withData(ops: readonly Operation[], x: Float64Array): Operation[] {
  return ops.map((op) => {
    const a = op.angles[0];
    if (a === undefined || a.kind !== "data") return op;
    return { ...op, angles: [{ kind: "const", value: a.scale * x[a.features[0]!]! }] } as Operation;
  });
}

function fdGrad(f: () => number, values: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    values[i] = v + h;
    const up = f();
    values[i] = v - h;
    const dn = f();
    values[i] = v;
    g[i] = (up - dn) / (2 * h);
  }
  return g;
}

describe("noisy VQE on H2", () => {
  it("energies equal the independent dense Kraus computation to 1e-10", () => {
    for (const p of [0, 0.03, 0.2]) {
      const gamma = new Parameter(new Float64Array([0.1]), [1]);
      const c = noisyAnsatz(p, gamma);
      const rho = c.forward(DensityMatrix.zero(2));
      expect(Math.abs(rho.expecVal(H2) - denseEnergy(c.operations, 2, H2))).toBeLessThan(1e-10);
    }
  });

  it("gradients wrt angles and a trainable gamma match finite differences, for any checkpoint interval", () => {
    const gamma = new Parameter(new Float64Array([0.15]), [1]);
    const c = noisyAnsatz(0.05, gamma);
    const energy = () => denseEnergy(c.operations, 2, H2);
    const L = c.operations.length;
    let first: Float64Array[] | undefined;
    for (const every of [1, 2, 3, L]) {
      for (const p of c.parameters()) p.grad = null;
      const loss = densityExpecVal(
        c.forward(DensityMatrix.zero(2), undefined, { checkpointEvery: every }),
        H2,
      );
      loss.backward();
      const grads = c.parameters().map((p) => Float64Array.from(p.grad!.data));
      if (first === undefined) {
        first = grads;
        c.parameters().forEach((p, i) => {
          const fd = fdGrad(energy, p.data);
          for (let j = 0; j < fd.length; j++)
            expect(Math.abs(grads[i]![j]! - fd[j]!)).toBeLessThan(1e-7);
        });
      } else {
        grads.forEach((g, i) => {
          for (let j = 0; j < g.length; j++) expect(g[j]).toBeCloseTo(first![i]![j]!, 13);
        });
      }
    }
    expect(c.parameters()).toContain(gamma);
    expect(Math.abs(gamma.grad!.data[0]!)).toBeGreaterThan(1e-3);
  });

  it("backward memory: ceil(L/k) checkpoints + k segment states + O(1) density matrices", () => {
    const be = getBackend();
    const gamma = new Parameter(new Float64Array([0.2]), [1]);
    const c = new Circuit(3, { seed: 5 });
    for (let l = 0; l < 4; l++) {
      c.ry("full");
      c.cnot("cycle");
      c.amplitudeDamping(gamma, "full");
    }
    const L = c.operations.length; // 36
    for (const k of [3, 6, 12]) {
      be.resetStats();
      const before = be.stats().live;
      const rho = c.forward(DensityMatrix.zero(3), undefined, { checkpointEvery: k });
      densityExpecVal(rho, "Z0 Z1 + X2").backward();
      const peak = be.stats().peakLive - before;
      // output + checkpoints + segment states (k - 1 besides the checkpoint) + cotangent + scratch
      expect(peak).toBeLessThanOrEqual(1 + Math.ceil(L / k) + (k - 1) + 2 + 1);
      expect(peak).toBeGreaterThanOrEqual(Math.ceil(L / k));
    }
  });

  it("every trainable channel parameter and u3/cu angles get correct gradients", () => {
    const c = new Circuit(2, { seed: 9 });
    c.u3("full");
    c.cu([0, 1]);
    c.crx([1, 0]);
    const params: Parameter[] = [];
    const fams = [
      ["bit_flip", [0.1]],
      ["generalized_amplitude_damping", [0.2, 0.7]],
      ["pauli_channel", [0.05, 0.1, 0.02]],
      ["reset", [0.1, 0.05]],
      ["thermal_relaxation", [80, 60, 4]],
    ] as const;
    for (const [name, v] of fams) {
      const p = new Parameter(Float64Array.from(v), [v.length]);
      params.push(p);
      c.channel(getChannel(name), [0], p);
      c.rxx([0, 1]);
    }
    const loss = densityExpecVal(c.forward(DensityMatrix.zero(2)), H2);
    loss.backward();
    for (const p of c.parameters()) {
      const fd = fdGrad(
        () => denseEnergy(c.operations, 2, H2),
        p.data,
        1e-6 * Math.max(1, Math.abs(p.data[0]!)),
      );
      for (let j = 0; j < fd.length; j++)
        expect(Math.abs(p.grad!.data[j]! - fd[j]!)).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(fd[j]!)),
        );
    }
  });

  it("noise-strength gradients at and next to the edge of their range (p = 0, 1e-3; gamma = 0.999)", () => {
    for (const [p, g] of [
      [0, 0.999],
      [1e-3, 0.5],
    ] as const) {
      const pp = new Parameter(Float64Array.of(p), [1]);
      const gg = new Parameter(Float64Array.of(g), [1]);
      const c = new Circuit(2, { seed: 7 });
      c.ry("full");
      c.depolarizing(pp, [0]);
      c.cnot([0, 1]);
      c.amplitudeDamping(gg, [1]);
      c.rx("full");
      densityExpecVal(c.forward(DensityMatrix.zero(2)), H2).backward();
      const energy = () => denseEnergy(c.operations, 2, H2);
      // the energy is linear in the depolarizing p: a forward difference is exact
      const e0 = energy();
      pp.data[0] = p + 1e-6;
      const dp = (energy() - e0) / 1e-6;
      pp.data[0] = p;
      expect(Math.abs(pp.grad!.data[0]! - dp)).toBeLessThan(1e-7);
      const dg = fdGrad(energy, gg.data, 1e-7);
      expect(Math.abs(gg.grad!.data[0]! - dg[0]!)).toBeLessThan(
        1e-6 * Math.max(1, Math.abs(dg[0]!)),
      );
    }
  });

  it("inverted gates (U^dagger) in a noisy circuit get correct gradients", () => {
    const g = new Circuit(2, { seed: 8 });
    g.u3("full");
    g.cry([0, 1]);
    g.rzz([0, 1]);
    const c = g.inverse();
    c.depolarizing(0.1, "full");
    c.extend(g);
    densityExpecVal(c.forward(DensityMatrix.zero(2)), H2).backward();
    for (const p of c.parameters()) {
      const fd = fdGrad(() => denseEnergy(c.operations, 2, H2), p.data);
      for (let j = 0; j < fd.length; j++)
        expect(Math.abs(p.grad!.data[j]! - fd[j]!)).toBeLessThan(1e-7);
    }
  });

  it("gradients for the data and the input density matrix", () => {
    const c = new Circuit(2, { seed: 1 });
    c.angleEncoding({ gate: "rx" });
    c.cnot([0, 1]);
    c.amplitudeDamping(0.3, [0]);
    c.ry("full");
    const x = tensor([[0.3, -0.8]], { requiresGrad: true });
    const rho0 = randomDensityMatrix(2, { seed: 5 });
    rho0.requiresGrad = true;
    densityExpecVal(c.forward(rho0, x), H2).backward();
    const ops = c.operations;
    // data: finite differences of the dense reference with the encoded angles substituted
    const fd = fdGrad(() => denseEnergy(withData(ops, x.data), 2, H2, rho0.matrix()), x.data);
    for (let j = 0; j < 2; j++) expect(Math.abs(x.grad!.data[j]! - fd[j]!)).toBeLessThan(1e-7);
    // input state: the energy is linear in rho, so Re <grad, X> = E(X) - E(0) for a Hermitian X
    const X = randomDensityMatrix(2, { seed: 11 }).matrix();
    const sub = withData(ops, x.data);
    const lin = denseEnergy(sub, 2, H2, X) - denseEnergy(sub, 2, H2, new Float64Array(32));
    let ip = 0;
    const g = rho0.grad!.data;
    for (let i = 0; i < X.length; i += 2) ip += g[i]! * X[i]! + g[i + 1]! * X[i + 1]!;
    expect(ip).toBeCloseTo(lin, 12);
  });

  it("the optimized energy rises with the noise strength", () => {
    const finals: number[] = [];
    for (const p of [0, 0.05, 0.15]) {
      const c = new Circuit(2, { seed: 4 });
      c.ry("full");
      c.cnot([0, 1]);
      c.ry("full");
      c.cnot([0, 1]);
      c.ry("full");
      const noise = new NoiseModel().addChannel(getChannel("depolarizing").bind([p]));
      const opt = new Adam(c.parameters(), { lr: 0.1 });
      for (let i = 0; i < 150; i++) {
        opt.zeroGrad();
        const loss = densityExpecVal(c.forward(DensityMatrix.zero(2), undefined, { noise }), H2);
        loss.backward();
        opt.step();
      }
      finals.push(
        noGrad(() => c.forward(DensityMatrix.zero(2), undefined, { noise }).expecVal(H2)),
      );
    }
    expect(finals[0]!).toBeCloseTo(-1.857275, 4);
    expect(finals[1]!).toBeGreaterThan(finals[0]! + 1e-3);
    expect(finals[2]!).toBeGreaterThan(finals[1]! + 1e-3);
  });
});
