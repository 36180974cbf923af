import { describe, expect, it } from "vitest";
import {
  averageGateFidelity,
  concurrence,
  gateFidelity,
  logarithmicNegativity,
  mutualInformation,
  negativity,
  partialTrace,
  partialTranspose,
  purity,
  randomDensityOperator,
  randomUnitary,
  reducedState,
  relativeEntropy,
  renyiEntropy,
  stateFidelity,
  stateFidelitySquared,
  tensorState,
  traceDistance,
  vonNeumannEntropy,
} from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { densityFromTensor } from "../../src/quantum/density/states.js";
import { dagger, matmul } from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";
import { fromData, gradcheck, noGrad, randn, type Tensor, trace } from "../../src/tensor/index.js";

/** rho = M M^dagger / tr(M M^dagger), a density matrix that is a smooth function of M. */
function densityOf(m: Tensor): Tensor {
  const g = m.matmul(m.conj().transpose());
  return g.div(trace(g).real());
}

/** A complex leaf M with M M^dagger / tr = U diag(p) U^dagger (p sums to 1). */
function leafWithSpectrum(p: readonly number[], seed: number): Tensor {
  const d = p.length;
  const u = randomUnitary(Math.log2(d), { seed });
  const diag = new Float64Array(2 * d * d);
  p.forEach((x, i) => {
    diag[2 * (i * d + i)] = Math.sqrt(x);
  });
  return fromData(matmul(u, diag), [d, d], "complex128").requiresGrad_();
}

function randomLeaf(d: number, seed: number): Tensor {
  return randn([d, d], { seed, dtype: "complex128" }).requiresGrad_();
}

/** The noisy 4-qubit circuit of the acceptance check. */
function noisyCircuit(): Circuit {
  const c = new Circuit(4, { seed: 3 });
  c.ry("full");
  c.cnot("cycle");
  c.rz("full");
  c.depolarizing(0.05, "full");
  c.rx([0, 2]);
  c.amplitudeDamping(0.1, [1]);
  return c;
}

/** max |autograd - central differences| over every circuit parameter of loss(). */
function circuitGradientError(c: Circuit, loss: () => Tensor, h = 1e-5): number {
  for (const p of c.parameters()) p.grad = null;
  loss().backward();
  let worst = 0;
  for (const p of c.parameters()) {
    for (let i = 0; i < p.size; i++) {
      const x = p.data[i]!;
      p.data[i] = x + h;
      const up = noGrad(loss).item();
      p.data[i] = x - h;
      const down = noGrad(loss).item();
      p.data[i] = x;
      worst = Math.max(worst, Math.abs(p.grad!.data[i]! - (up - down) / (2 * h)));
    }
  }
  return worst;
}

describe("gradients of the qinfo measures", () => {
  it("fidelity of a noisy 4-qubit circuit's output and a fixed mixed target equals central differences to 1e-6", () => {
    const c = noisyCircuit();
    const target = randomDensityOperator(4, { seed: 5 });
    const rho = () => c.forward(DensityMatrix.zero(4));
    const f = stateFidelity(rho(), target).item();
    expect(f).toBeGreaterThan(0);
    expect(f).toBeLessThan(1);
    expect(circuitGradientError(c, () => stateFidelity(rho(), target))).toBeLessThan(1e-6);
    expect(circuitGradientError(c, () => stateFidelitySquared(rho(), target))).toBeLessThan(1e-6);
  });

  it("trace distance, purity and entropy of the noisy output follow the density-matrix reverse sweep", () => {
    const c = noisyCircuit();
    const target = randomDensityOperator(4, { seed: 6 });
    const rho = () => c.forward(DensityMatrix.zero(4));
    expect(circuitGradientError(c, () => traceDistance(rho(), target))).toBeLessThan(1e-6);
    expect(circuitGradientError(c, () => purity(rho()))).toBeLessThan(1e-6);
    expect(circuitGradientError(c, () => vonNeumannEntropy(rho()))).toBeLessThan(1e-6);
  });

  it("entropy at a degenerate spectrum: the gradient is finite and matches finite differences", () => {
    // spectrum (0.4, 0.2, 0.2, 0.2): a threefold strictly positive degenerate eigenvalue
    const m = leafWithSpectrum([0.4, 0.2, 0.2, 0.2], 11);
    const spectrum = [0.4, 0.2, 0.2, 0.2];
    const exact = -spectrum.reduce((s, p) => s + p * Math.log2(p), 0);
    expect(vonNeumannEntropy(densityOf(m)).item()).toBeCloseTo(exact, 12);
    const r = gradcheck((x) => vonNeumannEntropy(densityOf(x)), [m], { atol: 1e-7, rtol: 1e-6 });
    expect(r.message).toBe("ok");
    vonNeumannEntropy(densityOf(m)).backward();
    expect(Array.from(m.grad!.data).every(Number.isFinite)).toBe(true);
    // Renyi entropies too
    for (const alpha of [0.5, 2, 3]) {
      expect(gradcheck((x) => renyiEntropy(densityOf(x), alpha), [m]).message).toBe("ok");
    }
  });

  it("fidelity, trace distance and relative entropy at degenerate states match finite differences", () => {
    const a = leafWithSpectrum([0.55, 0.2, 0.125, 0.125], 21);
    const b = leafWithSpectrum([0.25, 0.25, 0.25, 0.25], 22); // sigma = I / 4, fully degenerate
    const opts = { atol: 1e-7, rtol: 1e-6 };
    const fid = (x: Tensor, y: Tensor) => stateFidelity(densityOf(x), densityOf(y));
    const dist = (x: Tensor, y: Tensor) => traceDistance(densityOf(x), densityOf(y));
    const rel = (x: Tensor, y: Tensor) => relativeEntropy(densityOf(x), densityOf(y));
    expect(gradcheck(fid, [a, b], opts).message).toBe("ok");
    expect(gradcheck(dist, [a, b], opts).message).toBe("ok");
    expect(gradcheck(rel, [a, b], opts).message).toBe("ok");
    // closed form: D(rho || I/d) = log2 d - S(rho)
    const s = vonNeumannEntropy(densityOf(a)).item();
    expect(rel(a, b).item()).toBeCloseTo(2 - s, 12);
  });

  it("partial trace, partial transpose and the entanglement measures match finite differences", () => {
    const m = randomLeaf(4, 31);
    const m3 = randomLeaf(8, 32);
    const checks: [string, (x: Tensor) => Tensor, Tensor][] = [
      ["partialTrace", (x) => partialTrace(densityOf(x), [1, 2]).abs().sum(), m3],
      ["reducedState", (x) => reducedState(densityOf(x), [2, 0]).real().sum(), m3],
      ["partialTranspose", (x) => partialTranspose(densityOf(x), [1]).imag().sum(), m],
      ["negativity", (x) => negativity(densityOf(x)), m],
      ["logarithmicNegativity", (x) => logarithmicNegativity(densityOf(x)), m],
      ["concurrence", (x) => concurrence(densityOf(x)), m],
      ["mutualInformation", (x) => mutualInformation(densityOf(x), [0]), m3],
    ];
    for (const [name, fn, leaf] of checks) {
      // the random state must be entangled for the clipped measures to have a gradient
      if (name !== "partialTrace" && name !== "reducedState" && name !== "partialTranspose") {
        expect(fn(leaf).item(), name).toBeGreaterThan(0);
      }
      expect(gradcheck(fn, [leaf]).message, name).toBe("ok");
    }
  });

  it("reduced states of a State backpropagate through its amplitudes", () => {
    const c = new Circuit(3, { seed: 4 });
    c.ry("full");
    c.cnot("linear");
    c.ry("full");
    const loss = () => vonNeumannEntropy(reducedState(c.forward(), [0, 2]));
    expect(loss().item()).toBeGreaterThan(0);
    expect(circuitGradientError(c, loss)).toBeLessThan(1e-6);
    // and the value agrees with the density-matrix route
    const rhoAll = DensityMatrix.fromState(c.forward());
    expect(loss().item()).toBeCloseTo(vonNeumannEntropy(reducedState(rhoAll, [0, 2])).item(), 10);
  });

  it("closed forms: Renyi entropies of I/d, mutual information of a Bell pair, F^2 of pure states", () => {
    expect(renyiEntropy(DensityMatrix.completelyMixed(2), 2).item()).toBeCloseTo(2, 12);
    expect(renyiEntropy(DensityMatrix.completelyMixed(3), 0.5).item()).toBeCloseTo(3, 12);
    expect(mutualInformation(State.bell(), [0]).item()).toBeCloseTo(2, 12);
    const a = State.random(2, { seed: 1 });
    const b = State.random(2, { seed: 2 });
    const f = stateFidelity(a, b).item();
    expect(stateFidelitySquared(a, b).item()).toBeCloseTo(f * f, 14);
    expect(stateFidelitySquared(DensityMatrix.fromState(a), b).item()).toBeCloseTo(f * f, 8);
    // a unitary rotation leaves the spectrum and hence every entropy unchanged
    const rho = randomDensityOperator(2, { seed: 3 });
    const u = randomUnitary(2, { seed: 4 });
    const rotated = matmul(matmul(u, rho), dagger(u));
    expect(renyiEntropy(rotated, 2, { densityTol: 1e-7 }).item()).toBeCloseTo(
      renyiEntropy(rho, 2).item(),
      10,
    );
  });

  it("subgradients where no derivative exists: trace distance of equal states has gradient 0 (sign(0) = 0)", () => {
    const m = randomLeaf(4, 41);
    const rho = densityOf(m);
    const fixed = Float64Array.from(noGrad(() => densityOf(m)).data);
    const t = traceDistance(rho, fromData(fixed, [4, 4], "complex128"), { densityTol: 1e-8 });
    expect(t.item()).toBeLessThan(1e-12);
    t.backward();
    expect(Math.max(...Array.from(m.grad!.data, Math.abs))).toBe(0);
  });

  it("batched density matrices give one value per element, each equal to the unbatched one", () => {
    const a = randomDensityOperator(2, { seed: 51 });
    const b = randomDensityOperator(2, { seed: 52 });
    const both = fromData(Float64Array.of(...a, ...b), [2, 4, 4], "complex128");
    const target = randomDensityOperator(2, { seed: 53 });
    for (const f of [
      (x: Float64Array | Tensor) => stateFidelity(x, target),
      (x: Float64Array | Tensor) => vonNeumannEntropy(x),
      (x: Float64Array | Tensor) => negativity(x),
    ]) {
      const batched = f(both);
      expect(batched.shape).toEqual([2]);
      expect(batched.data[0]).toBeCloseTo(f(a).item(), 12);
      expect(batched.data[1]).toBeCloseTo(f(b).item(), 12);
    }
    expect(reducedState(both, [1]).shape).toEqual([2, 2, 2]);
  });

  it("gradients reach input states: a State and a DensityMatrix made from tensors, through a noisy circuit", () => {
    const c = new Circuit(2, { seed: 8 });
    c.ry("full");
    c.cnot([0, 1]);
    c.depolarizing(0.1, "full");
    const target = randomDensityOperator(2, { seed: 61 });
    const amps = randn([1, 4], { seed: 62, dtype: "complex128" }).requiresGrad_();
    const viaState = (x: Tensor) => {
      const psi = State.fromTensor(x.div(x.abs().square().sum().sqrt()));
      // |psi><psi| as a tensor in the graph of psi, then a DensityMatrix on the backend
      const rho = densityFromTensor(tensorState(psi).reshape([1, 4, 4]));
      return stateFidelity(c.forward(rho), target);
    };
    expect(gradcheck(viaState, [amps], { atol: 1e-6, rtol: 1e-5 }).message).toBe("ok");
    const m = randomLeaf(4, 63);
    const viaDensity = (x: Tensor) =>
      vonNeumannEntropy(c.forward(densityFromTensor(densityOf(x).reshape([1, 4, 4]))));
    expect(gradcheck(viaDensity, [m], { atol: 1e-6, rtol: 1e-5 }).message).toBe("ok");
  });

  it("gate fidelities of tensor gates match finite differences and the closed forms", () => {
    const u = randomUnitary(2, { seed: 71 });
    const v = randn([4, 4], { seed: 72, dtype: "complex128" }).requiresGrad_();
    expect(gradcheck((x) => gateFidelity(u, x), [v]).message).toBe("ok");
    expect(gradcheck((x) => averageGateFidelity(u, x), [v]).message).toBe("ok");
    expect(gateFidelity(u, u).item()).toBeCloseTo(1, 14);
    expect(averageGateFidelity(u, u).item()).toBeCloseTo(1, 14);
  });
});
