/**
 * The mps backend against the dense cpu backend on random shallow circuits of 16 qubits, with no
 * truncation: amplitudes, expectation values and adjoint gradients agree to 1e-10.
 */
import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { MpsBackend } from "../../../src/backend/mps/mps-backend.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";

const N = 16;

/** Random rotations on every qubit, then 2-qubit gates on random pairs (some far apart). */
function randomCircuit(seed: number, layers: number): Circuit {
  const rng = new Rng(seed);
  const c = new Circuit(N, { seed });
  const two = ["cnot", "cz", "rzz", "crx", "rxx", "swap", "cry"] as const;
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < N; q++) {
      const g = rng.int(4);
      if (g === 0) c.rx(q);
      else if (g === 1) c.ry(q);
      else if (g === 2) c.rz(q);
      else c.u3(q);
    }
    for (let k = 0; k < N / 2; k++) {
      const a = rng.int(N);
      const b = (a + 1 + rng.int(3)) % N;
      c[two[rng.int(two.length)]!]([[a, b]]);
    }
  }
  return c;
}

const H = Hamiltonian.fromString(
  "0.5 Z0 Z1 - 0.3 X2 + 0.7 X3 Y7 Z9 + 0.2 Y15 - 1.1 Z4 Z12 + 0.4 X5 X6 + 0.9 Y0 Y15 - 0.25",
);

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("mps backend against cpu (16 qubits, no truncation)", () => {
  it("gives the same amplitudes, probabilities of chosen qubits and norms", () => {
    for (const seed of [1, 2]) {
      const c = randomCircuit(seed, 3);
      const dense = c.forward(State.zero(N, { backend: "cpu" }));
      const mps = c.forward(State.zero(N, { backend: "mps" }));
      expect(maxDiff(mps.toArray(), dense.toArray())).toBeLessThan(1e-10);
      expect(maxDiff(mps.probabilities([3, 0, 9]), dense.probabilities([3, 0, 9]))).toBeLessThan(
        1e-12,
      );
      expect(mps.normSquared()[0]).toBeCloseTo(1, 12);
      const x = "0110100111010010";
      const a = mps.amplitude(x);
      const b = dense.amplitude(x);
      expect(Math.hypot(a.re - b.re, a.im - b.im)).toBeLessThan(1e-12);
      expect(mps.amplitude(BigInt(`0b${x}`)).re).toBeCloseTo(a.re, 15);
      expect(mps.truncationError[0]).toBe(0);
    }
  });

  it("gives the same expectation values and adjoint gradients", () => {
    for (const seed of [3, 4]) {
      const c = randomCircuit(seed, 2);
      const grads: Float64Array[][] = [];
      const values: number[] = [];
      for (const backend of ["cpu", "mps"]) {
        for (const p of c.parameters()) p.grad = null;
        const loss = expecVal(c.forward(State.zero(N, { backend })), H);
        values.push(loss.item());
        loss.backward();
        grads.push(c.parameters().map((p) => Float64Array.from(p.grad!.data)));
      }
      expect(Math.abs(values[1]! - values[0]!)).toBeLessThan(1e-10);
      grads[0]!.forEach((g, i) => {
        expect(maxDiff(grads[1]![i]!, g)).toBeLessThan(1e-10);
      });
    }
  });

  it("runs circuits built for it: a circuit with backend mps fuses to 2-qubit blocks", () => {
    const c = randomCircuit(5, 2);
    const dense = c.forward().toArray();
    const onMps = new Circuit(N, { backend: "mps" });
    onMps.extend(c);
    expect(maxDiff(onMps.forward().toArray(), dense)).toBeLessThan(1e-10);
    expect(getBackend("mps").name).toBe("mps");
  });

  it("truncates to maxBondDimension and reports the dropped weight", () => {
    const c = randomCircuit(6, 4);
    const exact = c.forward(State.zero(N, { backend: "cpu" }));
    const small = new MpsBackend({ maxBondDimension: 4 });
    const s = c.forward(State.zero(N, { backend: small }));
    expect(Math.max(...small.bondDimensions(s.buffer))).toBeLessThanOrEqual(4);
    const err = s.truncationError[0]!;
    expect(err).toBeGreaterThan(1e-4);
    // the infidelity is of the order of the accumulated dropped weight
    const ip = s.clone();
    const overlap = exact.toArray();
    const approx = ip.toArray();
    let re = 0;
    let im = 0;
    for (let i = 0; i < overlap.length; i += 2) {
      re += overlap[i]! * approx[i]! + overlap[i + 1]! * approx[i + 1]!;
      im += overlap[i]! * approx[i + 1]! - overlap[i + 1]! * approx[i]!;
    }
    const infidelity = 1 - (re * re + im * im);
    expect(infidelity).toBeGreaterThan(0);
    expect(infidelity).toBeLessThan(2 * err);
  });
});
