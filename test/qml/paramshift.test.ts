import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { stateFidelity, traceDistance } from "../../src/qinfo/index.js";
import { iqpEncoding } from "../../src/qml/encoding.js";
import { expecVal } from "../../src/qml/expecval.js";
import { probabilities } from "../../src/qml/losses.js";
import {
  gateExponents,
  gateShiftRule,
  parameterShift,
  shiftRule,
} from "../../src/qml/paramshift.js";
import { Circuit, type GradientMethod } from "../../src/quantum/circuit/circuit.js";
import type { AngleSource } from "../../src/quantum/circuit/operation.js";
import { GATES, getGate, pauliRotationGate } from "../../src/quantum/gates/table.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { State } from "../../src/quantum/state/state.js";
import { Rng } from "../../src/random.js";
import {
  crossEntropy,
  gradcheck,
  LBFGS,
  Linear,
  Parameter,
  type Tensor,
  tensor,
} from "../../src/tensor/index.js";
import { loadReference } from "../reference/load.js";

const PARAM_GATES = [
  ...GATES.filter((g) => g.nParams > 0),
  pauliRotationGate("XYZ"),
  pauliRotationGate("ZZ"),
];

/** A seeded random circuit on 3 qubits with every parameterized gate kind, shared parameters,
 * data angles (angle + IQP encodings and data-driven gates), fixed gates and inverted gates. */
function randomCircuit(seed: number, gates = PARAM_GATES): Circuit {
  const rng = new Rng(seed);
  const c = new Circuit(3, { seed });
  c.angleEncoding({ gate: "ry" }); // features 0..2
  iqpEncoding(c, { depth: 1 }); // features 3..5: RZ(x_i), RZZ(x_i x_j)
  const shared = new Parameter(Float64Array.from([rng.uniformIn(0, 6), rng.uniformIn(0, 6)]), [2]);
  const order = rng.shuffle([...gates]);
  for (const g of order) {
    const qubits = rng.shuffle([0, 1, 2]).slice(0, g.nQubits);
    const own = new Parameter(
      Float64Array.from({ length: g.nParams }, () => rng.uniformIn(0, 2 * Math.PI)),
      [g.nParams],
    );
    const angles: AngleSource[] = Array.from({ length: g.nParams }, (_, j) => {
      const r = rng.uniform();
      if (r < 0.15) return { kind: "param", param: shared, index: rng.int(2), scale: 0.7 };
      if (r < 0.25) return { kind: "data", features: [rng.int(6)], scale: 1.3 };
      if (r < 0.3) return { kind: "const", value: rng.uniformIn(-1, 1) };
      return { kind: "param", param: own, index: j, scale: 1 };
    });
    c.addOperation(g, qubits, angles);
    if (rng.uniform() < 0.5) c.cnot([qubits[0]!, (qubits[0]! + 1) % 3]);
  }
  c.rx("full", { paramSharing: true, depth: 2 }); // one angle for all three qubits per layer
  const sub = new Circuit(3, { seed: seed + 1 });
  sub.cry([0, 1]).u3(2).cu([2, 0]);
  c.extend(sub.inverse()); // adjoint operations
  return c;
}

const H = "0.5 Z0 Z1 - 0.3 X2 + 0.2 Y0 Y2 + 0.4 X1";
// universal_three_qubits (81 angles) is costly to re-simulate: the first case covers it
const LIGHT_GATES = PARAM_GATES.filter((g) => g.name !== "universal_three_qubits");
const METHODS: GradientMethod[] = ["adjoint", "parameter-shift", "finite-diff"];

function xData(): Tensor {
  return tensor(
    [
      [0.1, -0.4, 0.9, 0.3, 1.1, -0.2],
      [1.2, 0.3, -0.7, -0.5, 0.2, 0.8],
      [-0.6, 0.5, 0.4, 0.9, -1.0, 0.1],
    ],
    { requiresGrad: true },
  );
}

/** Gradients of every parameter and of the data under `method`, for a loss of the output. */
function gradients(
  c: Circuit,
  method: GradientMethod,
  loss: (psi: State) => Tensor,
): { params: number[]; data: number[] } {
  c.gradMethod = method;
  for (const p of c.parameters()) p.grad = null;
  const x = xData();
  loss(c.forward(undefined, x)).backward();
  return {
    params: c.parameters().flatMap((p) => Array.from(p.grad!.data)),
    data: Array.from(x.grad!.data),
  };
}

function expectClose(a: number[], b: number[], tol: number): void {
  expect(b.length).toBe(a.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThan(tol);
}

function checkAllMethods(c: Circuit, loss: (psi: State) => Tensor): void {
  const [adj, ps, fd] = METHODS.map((m) => gradients(c, m, loss));
  // a test that can fail: the gradient is far from zero
  expect(Math.max(...adj!.params.map(Math.abs))).toBeGreaterThan(1e-3);
  expectClose(adj!.params, ps!.params, 1e-7);
  expectClose(adj!.data, ps!.data, 1e-7);
  expectClose(adj!.params, fd!.params, 1e-7);
  expectClose(adj!.data, fd!.data, 1e-7);
}

describe("shift rules", () => {
  it("are the standard two- and four-term rules for expectation values", () => {
    for (const name of ["rx", "ry", "rz", "rxx", "ryy", "rzz"]) {
      const r = gateShiftRule(getGate(name), 0, "expectation");
      expect(r.shifts).toHaveLength(1);
      expect(r.shifts[0]).toBeCloseTo(Math.PI / 2, 12);
      expect(r.coefficients[0]).toBeCloseTo(0.5, 12);
    }
    const s2 = Math.SQRT2;
    for (const name of ["crx", "cry", "crz"]) {
      const r = gateShiftRule(getGate(name), 0, "expectation");
      expect(r.shifts).toHaveLength(2);
      expect(r.shifts[0]).toBeCloseTo(Math.PI / 2, 12);
      expect(r.shifts[1]).toBeCloseTo((3 * Math.PI) / 2, 12);
      expect(r.coefficients[0]).toBeCloseTo((s2 + 1) / (4 * s2), 12);
      expect(r.coefficients[1]).toBeCloseTo(-(s2 - 1) / (4 * s2), 12);
    }
    // the linear (state) functional of RX has frequency 1/2: shift pi, coefficient 1/4
    const st = gateShiftRule(getGate("rx"), 0, "state");
    expect(st.shifts[0]).toBeCloseTo(Math.PI, 12);
    expect(st.coefficients[0]).toBeCloseTo(0.25, 12);
  });

  it("reads exponents from generators and factors (u3's phase included)", () => {
    expect(gateExponents(getGate("rx"), 0)).toEqual([-0.5, 0.5]);
    const cp = gateExponents(getGate("cp"), 0);
    expect(cp).toEqual([0, 1]);
    // u3 = e^{i(p+l)/2} RZ(p) RY(t) RZ(l): phi has exponents 1/2 -+ 1/2
    expect(gateExponents(getGate("u3"), 1)).toEqual([0, 1]);
    // cu's lambda: controlled RZ(l) and P(l/2) on the control commute into diag(1, 1, 1, e^{il})
    expect(gateExponents(getGate("cu"), 2)).toEqual([0, 1]);
    expect(gateShiftRule(getGate("cu"), 2, "expectation").shifts).toHaveLength(1);
    expect(() => gateExponents(getGate("rx"), 1)).toThrow(ArgumentError);
  });

  it("differentiate random trigonometric polynomials exactly", () => {
    const rng = new Rng(5);
    for (const freqs of [[1], [0.5], [0.5, 1], [0.5, 1, 1.5], [1, 3], [2]]) {
      const rule = shiftRule(freqs);
      const a = freqs.map(() => rng.normal());
      const b = freqs.map(() => rng.normal());
      const f = (t: number) =>
        freqs.reduce((s, w, k) => s + a[k]! * Math.cos(w * t) + b[k]! * Math.sin(w * t), 0.3);
      const df = (t: number) =>
        freqs.reduce((s, w, k) => s - a[k]! * w * Math.sin(w * t) + b[k]! * w * Math.cos(w * t), 0);
      const t = rng.uniformIn(-3, 3);
      let est = 0;
      rule.shifts.forEach((x, mu) => {
        est += rule.coefficients[mu]! * (f(t + x) - f(t - x));
      });
      expect(Math.abs(est - df(t))).toBeLessThan(1e-12);
    }
    expect(() => shiftRule([0])).toThrow(ArgumentError);
    expect(() => shiftRule([1, Math.SQRT2])).toThrow(/common base/);
  });
});

describe("parameter shift = adjoint = finite differences", () => {
  it("covers every parameterized gate, shared parameters, inverses and batched encodings", () => {
    const c = randomCircuit(11);
    const names = new Set(c.operations.map((op) => (op.kind === "gate" ? op.gate.name : "")));
    for (const g of PARAM_GATES) expect(names.has(g.name)).toBe(true);
    checkAllMethods(c, (psi) => expecVal(psi, H).sum());
  });

  it("agrees for a second seed with fidelity and trace-distance losses", () => {
    const c = randomCircuit(23, LIGHT_GATES);
    const target = State.random(3, { seed: 4 });
    checkAllMethods(c, (psi) =>
      stateFidelity(psi, target).sum().add(traceDistance(psi, target).mul(0.5).sum()),
    );
  });

  it("agrees for probabilities -> Linear -> cross-entropy", () => {
    const c = randomCircuit(31, LIGHT_GATES);
    const head = new Linear(4, 3, { seed: 2 });
    const labels = [0, 2, 1];
    checkAllMethods(c, (psi) => crossEntropy(head.forward(probabilities(psi, [0, 2])), labels));
  });

  it("selects methods by name or function and rejects unknown names", () => {
    const c = new Circuit(2, { seed: 1 });
    c.ry("full").cnot([0, 1]).crz([0, 1]);
    const run = (m: GradientMethod) => {
      c.gradMethod = m;
      for (const p of c.parameters()) p.grad = null;
      expecVal(c.forward(), "Z0 X1").backward();
      return c.parameters().flatMap((p) => Array.from(p.grad!.data));
    };
    expectClose(run("adjoint"), run(parameterShift()), 1e-10);
    c.gradMethod = "bogus" as GradientMethod;
    expect(() => c.forward()).toThrow(/unknown gradient method/);
  });
});

describe("gradient with respect to the input state", () => {
  const build = () => {
    const c = new Circuit(2, { seed: 3 });
    c.u3("full").crx([0, 1]).rzz([0, 1]).cu([1, 0]);
    return c;
  };
  for (const method of ["adjoint", "parameter-shift"] as const) {
    it(`passes gradcheck with ${method}`, () => {
      const c = build();
      c.gradMethod = method;
      const rng = new Rng(9);
      const amps = Array.from({ length: 2 }, () =>
        Array.from({ length: 4 }, () => ({ re: rng.normal(), im: rng.normal() })),
      );
      const z = tensor(amps, { dtype: "complex128", requiresGrad: true });
      const res = gradcheck(
        (t) => expecVal(c.forward(State.fromTensor(t)), "Z0 + 0.5 X1 Y0").sum(),
        [z],
        { atol: 1e-6 },
      );
      expect(res.ok, res.message).toBe(true);
    });
  }
});

describe("batched inputs", () => {
  it("a batch-1 input state broadcast over batched data gets the same gradient from every method", () => {
    const c = new Circuit(3, { seed: 6 });
    c.angleEncoding({ gate: "rx" }).cry("cycle").u3("full");
    iqpEncoding(c, { qubitsIdx: [0, 2] });
    c.crz([2, 1]);
    const grads = (method: GradientMethod) => {
      c.gradMethod = method;
      const psi0 = State.random(3, { seed: 2 });
      psi0.requiresGrad = true;
      const x = tensor(
        [
          [0.4, -0.2, 1.0, 0.3, -0.9],
          [1.3, 0.6, -0.4, 0.8, 0.2],
          [-0.5, 0.9, 0.1, -1.1, 0.7],
        ],
        { requiresGrad: true },
      );
      for (const p of c.parameters()) p.grad = null;
      expecVal(c.forward(psi0, x), H).sum().backward();
      return [
        ...Array.from(psi0.grad!.data),
        ...x.grad!.data,
        ...c.parameters().flatMap((p) => Array.from(p.grad!.data)),
      ];
    };
    const adj = grads("adjoint");
    expect(adj.length).toBe(16 + 15 + c.parameterCount);
    expectClose(adj, grads("parameter-shift"), 1e-7);
  });
});

describe("VQE on H2 with parameter-shift gradients", () => {
  it("reaches the FCI energy -1.137306 Ha to 1e-6 with L-BFGS", () => {
    const ref = loadReference("h2-sto3g-0.735-integrals.json") as {
      e_fci: number;
      jw_interleaved: { pauli_coefficients: Record<string, number> };
    };
    const H2 = new Hamiltonian(
      Object.entries(ref.jw_interleaved.pauli_coefficients).map(
        ([k, v]) => [v, k.split(" ").join(", ")] as [number, string],
      ),
      { nQubits: 4 },
    );
    const c = new Circuit(4, { seed: 3 });
    c.ry("full").cnot("linear").ry("full").cnot("linear").ry("full");
    c.gradMethod = "parameter-shift";
    const opt = new LBFGS(c.parameters(), { lr: 1, maxIter: 200, lineSearchFn: "strong_wolfe" });
    const closure = (): number => {
      opt.zeroGrad();
      const loss = expecVal(c.forward(), H2);
      loss.backward();
      return loss.item();
    };
    for (let i = 0; i < 5; i++) opt.step(closure);
    expect(ref.e_fci).toBeCloseTo(-1.137306, 5);
    expect(Math.abs(closure() - ref.e_fci)).toBeLessThan(1e-6);
  });
});
