import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import { expecVal } from "../../src/qml/expecval.js";
import { expecValShots, shotsExpectation, shotsGradient } from "../../src/qml/shots.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { GATES, pauliRotationGate } from "../../src/quantum/gates/table.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { Rng } from "../../src/random.js";
import { Adam, noGrad, Parameter, tensor } from "../../src/tensor/index.js";

const H = Hamiltonian.fromString("0.5 Z0 Z1 - 0.3 X2 + 0.2 Y0 Y2 + 0.4 X1 + 0.1");

/** Every parameterized gate kind once (own angles), plus a data-encoding layer and a shared angle. */
function allGates(seed: number): Circuit {
  const rng = new Rng(seed);
  const c = new Circuit(3, { seed });
  c.angleEncoding({ gate: "rx" });
  const shared = new Parameter(Float64Array.from([0.7]), [1]);
  for (const g of [...GATES.filter((e) => e.nParams > 0), pauliRotationGate("YXZ")]) {
    const qubits = rng.shuffle([0, 1, 2]).slice(0, g.nQubits);
    const own = new Parameter(
      Float64Array.from({ length: g.nParams }, () => rng.uniformIn(0, 6)),
      [g.nParams],
    );
    c.addOperation(
      g,
      qubits,
      Array.from({ length: g.nParams }, (_, j) =>
        j === 0 && g.nParams > 1
          ? { kind: "param", param: shared, index: 0, scale: 1.5 }
          : { kind: "param", param: own, index: j, scale: 1 },
      ),
    );
    c.cnot([qubits[0]!, (qubits[0]! + 1) % 3]);
  }
  return c;
}

const X = [
  [0.3, -0.8, 1.2],
  [1.1, 0.4, -0.6],
];

describe("expectation-level parameter shift (exact expectations)", () => {
  it("equals the adjoint gradient for every gate kind (two- and four-term rules), params and data", () => {
    const c = allGates(4);
    const x = tensor(X, { requiresGrad: true });
    const w = tensor([1.5, -0.7]);
    expecVal(c.forward(undefined, x), H).mul(w).sum().backward();
    const adjParams = c.parameters().map((p) => Float64Array.from(p.grad!.data));
    const adjData = Float64Array.from(x.grad!.data);

    const res = shotsGradient(c, H, { data: x, weights: [1.5, -0.7], wantData: true });
    const exact = noGrad(() => expecVal(c.forward(undefined, x), H));
    for (let b = 0; b < 2; b++) expect(res.value[b]).toBeCloseTo(exact.data[b]!, 12);
    let worst = 0;
    res.parameters.forEach((g, i) => {
      for (let k = 0; k < g.size; k++)
        worst = Math.max(worst, Math.abs(g.data[k]! - adjParams[i]![k]!));
    });
    for (let k = 0; k < adjData.length; k++)
      worst = Math.max(worst, Math.abs(res.data!.data[k]! - adjData[k]!));
    expect(worst).toBeLessThan(1e-7);
  });

  it("backpropagates through expecValShots to parameters and data", () => {
    const c = allGates(8);
    const x = tensor(X, { requiresGrad: true });
    expecVal(c.forward(undefined, x), H).sum().backward();
    const adj = [...c.parameters().flatMap((p) => Array.from(p.grad!.data)), ...x.grad!.data];
    for (const p of c.parameters()) p.grad = null;
    x.grad = null;
    expecValShots(c, H, { data: x }).sum().backward();
    const ps = [...c.parameters().flatMap((p) => Array.from(p.grad!.data)), ...x.grad!.data];
    expect(ps.length).toBe(adj.length);
    for (let i = 0; i < ps.length; i++) expect(Math.abs(ps[i]! - adj[i]!)).toBeLessThan(1e-7);
  });
});

describe("shot estimates", () => {
  const small = () => {
    const c = new Circuit(2, { seed: 3 });
    c.ry("full").cnot([0, 1]).rx("full").crz([1, 0]);
    return c;
  };
  const H2 = Hamiltonian.fromString("Z0 Z1 + 0.5 X0 - 0.8 Y1 + 0.3 X0 X1");

  it("estimate <H> within the sampling error, reproducibly", () => {
    const c = small();
    const psi = noGrad(() => c.forward());
    const exact = psi.expecVal(H2);
    const shots = 4000;
    const a = shotsExpectation(psi, H2, { shots, seed: 1 })[0]!;
    const b = shotsExpectation(psi, H2, { shots, seed: 1 })[0]!;
    expect(a).toBe(b);
    // each group's estimate has variance <= (sum of its |coefficients|)^2 / shots
    const sigma = H2.terms.reduce((s, t) => s + Math.abs(t.coefficient), 0) / Math.sqrt(shots);
    expect(Math.abs(a - exact)).toBeLessThan(5 * sigma);
    expect(Math.abs(a - exact)).toBeGreaterThan(0); // it is a sample, not the exact value
  });

  it("give a parameter-shift gradient close to the exact one", () => {
    const c = small();
    const exact = shotsGradient(c, H2);
    const shots = 20000;
    const noisy = shotsGradient(c, H2, { shots, seed: 2 });
    const sigma = H2.terms.reduce((s, t) => s + Math.abs(t.coefficient), 0) / Math.sqrt(shots);
    exact.parameters.forEach((g, i) => {
      for (let k = 0; k < g.size; k++) {
        // crz's four-term rule sums |c| over 2 shifts x 2 signs: below 1.1 sigma per parameter
        expect(Math.abs(noisy.parameters[i]!.data[k]! - g.data[k]!)).toBeLessThan(6 * sigma);
      }
    });
  });

  it("train a circuit with Adam on sampled gradients (hardware-like VQE)", () => {
    const c = new Circuit(2, { seed: 11 });
    c.ry("full").cnot([0, 1]).ry("full");
    const HH = Hamiltonian.fromString("Z0 Z1 + 0.5 X0");
    const ground = -Math.sqrt(1.25);
    const opt = new Adam(c.parameters(), { lr: 0.1 });
    const rng = new Rng(5);
    for (let i = 0; i < 80; i++) {
      opt.zeroGrad();
      expecValShots(c, HH, { shots: 500, seed: rng }).backward();
      opt.step();
    }
    const e = noGrad(() => expecVal(c.forward(), HH).item());
    expect(e - ground).toBeLessThan(0.05);
  });

  it("with 1e12 shots per group: the exact value to 1e-5 and gradients to 1e-4, in milliseconds", () => {
    const c = small();
    const psi = noGrad(() => c.forward());
    const exact = psi.expecVal(H2);
    const t0 = performance.now();
    const est = shotsExpectation(psi, H2, { shots: 1e12, seed: 4 })[0]!;
    expect(performance.now() - t0).toBeLessThan(200); // counts are one multinomial draw per group
    expect(Math.abs(est - exact)).toBeLessThan(1e-5); // sigma is about 2.6e-6
    const reference = shotsGradient(c, H2);
    const sampled = shotsGradient(c, H2, { shots: 1e12, seed: 6 });
    reference.parameters.forEach((g, i) => {
      for (let k = 0; k < g.size; k++)
        expect(Math.abs(sampled.parameters[i]!.data[k]! - g.data[k]!)).toBeLessThan(1e-4);
    });
  });

  it("validate their inputs", () => {
    const c = small();
    expect(() => shotsGradient(c, H2, { shots: 0 })).toThrow(ArgumentError);
    expect(() => shotsGradient(c, H2, { shots: 2 ** 53 })).toThrow(/up to 2\^53 - 1/);
    expect(() => shotsGradient(c, "Z5")).toThrow(/acts on 6 qubits/);
    const enc = new Circuit(2);
    enc.angleEncoding();
    expect(() => shotsGradient(enc, "Z0")).toThrow(ShapeError);
    expect(() => shotsGradient(c, H2, { weights: [1, 2] })).toThrow(ShapeError);
  });
});
