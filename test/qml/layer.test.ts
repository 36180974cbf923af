import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { expecVal } from "../../src/qml/expecval.js";
import { expecVals, QuantumLayer } from "../../src/qml/layer.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { State } from "../../src/quantum/state/state.js";
import { Rng } from "../../src/random.js";
import {
  Adam,
  argmax,
  crossEntropy,
  gradcheck,
  Linear,
  noGrad,
  Sequential,
  Tanh,
  tensor,
} from "../../src/tensor/index.js";

function encoderCircuit(n: number, seed: number, layers = 1): Circuit {
  const c = new Circuit(n, { seed });
  c.angleEncoding({ gate: "ry", scale: Math.PI });
  for (let l = 0; l < layers; l++) c.ry("full").cnot("cycle");
  c.ry("full");
  return c;
}

describe("expecVals", () => {
  it("matches expecVal per observable, and its gradient passes gradcheck", () => {
    const rng = new Rng(3);
    const amps = Array.from({ length: 2 }, () =>
      Array.from({ length: 8 }, () => ({ re: rng.normal(), im: rng.normal() })),
    );
    const z = tensor(amps, { dtype: "complex128", requiresGrad: true });
    const obs = ["Z0 Z1", "0.5 X2 - Y0", "Z2"];
    const e = noGrad(() => expecVals(State.fromTensor(z), obs));
    expect(e.shape).toEqual([2, 3]);
    obs.forEach((h, k) => {
      const want = noGrad(() => expecVal(State.fromTensor(z), h));
      for (let b = 0; b < 2; b++) expect(e.data[b * 3 + k]).toBeCloseTo(want.data[b]!, 12);
    });
    const w = tensor([
      [1, -2, 0.5],
      [3, 0.3, -1],
    ]);
    const res = gradcheck((t) => expecVals(State.fromTensor(t), obs).mul(w).sum(), [z]);
    expect(res.ok, res.message).toBe(true);
  });
});

describe("QuantumLayer", () => {
  it("maps [B, features] to [B, nObservables] and exposes the circuit's parameters", () => {
    const c = encoderCircuit(2, 1);
    const layer = new QuantumLayer(c, ["Z0", "Z1", "X0 X1"]);
    expect(layer.parameters()).toEqual(c.parameters());
    const x = tensor([
      [0.1, 0.5],
      [1.0, -0.3],
    ]);
    const y = noGrad(() => layer.forward(x));
    expect(y.shape).toEqual([2, 3]);
    const psi = noGrad(() => c.forward(undefined, x));
    const z1 = noGrad(() => expecVal(psi, "Z1"));
    expect(y.data[1]).toBeCloseTo(z1.data[0]!, 12);
    expect(y.data[4]).toBeCloseTo(z1.data[1]!, 12);
    expect(noGrad(() => layer.forward(tensor([0.1, 0.5]))).shape).toEqual([3]);
    // a single Pauli list is one observable
    expect(new QuantumLayer(c, [[1, "Z0"]]).outFeatures).toBe(1);
  });

  it("trains inside Sequential: gradients reach the input through the circuit (gradcheck)", () => {
    const c = encoderCircuit(2, 2);
    const net = new Sequential(
      new Linear(3, 2, { seed: 1 }),
      new Tanh(),
      new QuantumLayer(c, ["Z0", "Z1 X0"]),
      new Linear(2, 1, { seed: 2 }),
    );
    expect(net.parameters()).toHaveLength(2 + c.parameters().length + 2);
    const x = tensor(
      [
        [0.2, -0.4, 0.9],
        [1.1, 0.3, -0.5],
      ],
      { requiresGrad: true },
    );
    const res = gradcheck((t) => net.forward(t).sum(), [x]);
    expect(res.ok, res.message).toBe(true);
  });

  it("takes amplitude-encoded input", () => {
    const c = new Circuit(2, { seed: 5 });
    c.u3("full").cnot([0, 1]);
    const layer = new QuantumLayer(c, "Z0 + X1", { input: "amplitude" });
    const x = tensor(
      [
        [0.5, -1.0, 2.0],
        [1.0, 1.0, 0.0],
      ],
      { requiresGrad: true },
    );
    const res = gradcheck((t) => layer.forward(t).sum(), [x]);
    expect(res.ok, res.message).toBe(true);
    expect(() => new QuantumLayer(encoderCircuit(2, 1), "Z0", { input: "amplitude" })).toThrow(
      ArgumentError,
    );
    expect(() => new QuantumLayer(c, "Z3")).toThrow(/acts on 4 qubits/);
  });
});

/** sklearn's make_moons: two interleaved half circles, Gaussian noise, shuffled. */
function moons(n: number, noise: number, rng: Rng): { x: [number, number]; y: number }[] {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const pts: { x: [number, number]; y: number }[] = [];
  for (let i = 0; i < nOut; i++) {
    const t = (Math.PI * i) / (nOut - 1);
    pts.push({ x: [Math.cos(t), Math.sin(t)], y: 0 });
  }
  for (let i = 0; i < nIn; i++) {
    const t = (Math.PI * i) / (nIn - 1);
    pts.push({ x: [1 - Math.cos(t), 0.5 - Math.sin(t)], y: 1 });
  }
  for (const p of pts) {
    p.x[0] += noise * rng.normal();
    p.x[1] += noise * rng.normal();
  }
  return rng.shuffle(pts);
}

describe("hybrid classifier on two moons", () => {
  it("Sequential(Linear, Tanh, QuantumLayer, Linear) reaches >= 95% mean test accuracy over 5 seeds", () => {
    const accuracies: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const rng = new Rng(seed);
      const data = moons(200, 0.1, rng);
      const train = data.slice(0, 140);
      const test = data.slice(140);
      const c = encoderCircuit(3, seed, 2);
      const net = new Sequential(
        new Linear(2, 3, { seed: 7 * seed }),
        new Tanh(),
        new QuantumLayer(c, ["Z0", "Z1", "Z2"]),
        new Linear(3, 2, { seed: 13 * seed }),
      );
      const opt = new Adam(net.parameters(), { lr: 0.05 });
      const xs = tensor(train.map((p) => p.x));
      const ys = train.map((p) => p.y);
      let first = 0;
      let last = 0;
      for (let epoch = 0; epoch < 150; epoch++) {
        opt.zeroGrad();
        const loss = crossEntropy(net.forward(xs), ys); // the whole batch is one simulation
        loss.backward();
        opt.step();
        if (epoch === 0) first = loss.item();
        last = loss.item();
      }
      expect(last).toBeLessThan(first);
      const pred = noGrad(() => argmax(net.forward(tensor(test.map((p) => p.x))), 1));
      accuracies.push(pred.filter((v, i) => v === test[i]!.y).length / test.length);
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });
});
