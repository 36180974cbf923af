/**
 * Exact time evolution: State.evolve / DensityMatrix.evolve (Krylov exponential on the Pauli sum)
 * against dense matrix exponentials, its error estimate and time stepping, its gradients in the
 * state and in t, the error helpers, and the bad inputs the issue lists.
 */
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  BackendError,
  ConvergenceError,
  ResourceError,
  ShapeError,
} from "../../../src/errors.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { dagger, matmul, maxAbsDiff } from "../../../src/quantum/linalg.js";
import {
  evolutionOperator,
  infidelity,
  krylovEvolve,
  operatorDistance,
  stateDistance,
} from "../../../src/quantum/operators/evolution.js";
import { liouvillianTerms } from "../../../src/quantum/operators/evolve.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";
import { fromData, gradcheck, noGrad, tensor } from "../../../src/tensor/index.js";
import { denseEvolve, denseExpm, heisenbergChainList, norm2Diff } from "./dense-reference.js";

const heisenbergChain = (n: number) => new Hamiltonian(heisenbergChainList(n));

/** A random Hamiltonian with complex matrix elements (Y factors) and an identity term. */
function randomHamiltonian(n: number, nTerms: number, seed: number): Hamiltonian {
  const rng = new Rng(seed);
  const list: [number, string][] = [[0.3, "I"]];
  for (let t = 0; t < nTerms; t++) {
    const parts: string[] = [];
    for (let q = 0; q < n; q++) {
      const r = rng.int(4);
      if (r < 3) parts.push(`${"XYZ"[r]}${q}`);
    }
    if (parts.length > 0) list.push([rng.uniformIn(-1, 1), parts.join(" ")]);
  }
  return new Hamiltonian(list, { nQubits: n });
}

describe("State.evolve (Krylov exponential)", () => {
  it("agrees with a dense matrix exponential to 1e-10 at 8 qubits (Heisenberg chain, Neel start)", () => {
    const H = heisenbergChain(8);
    const psi = State.basis(8, "01010101");
    for (const t of [0.3, 1, 4]) {
      const exact = denseEvolve(H, t, psi.toArray());
      expect(norm2Diff(psi.evolve(H, t).toArray(), exact)).toBeLessThan(1e-10);
    }
    const random = State.random(8, { seed: 5 });
    const exact = denseEvolve(H, 1, random.toArray());
    expect(norm2Diff(random.evolve(H, 1).toArray(), exact)).toBeLessThan(1e-10);
  });

  it("agrees with expmHermitian for complex Hamiltonians with identity terms, forwards and backwards in time", () => {
    const H = randomHamiltonian(4, 10, 3);
    const psi = State.random(4, { seed: 2 });
    for (const t of [0.7, -1.3]) {
      expect(norm2Diff(psi.evolve(H, t).toArray(), denseEvolve(H, t, psi.toArray()))).toBeLessThan(
        1e-11,
      );
    }
    // evolving back returns the start
    expect(norm2Diff(psi.evolve(H, 2).evolve(H, -2).toArray(), psi.toArray())).toBeLessThan(1e-11);
  });

  it("reports an error estimate that bounds the true error and meets tol", () => {
    const H = heisenbergChain(6);
    const psi = State.random(6, { seed: 9 });
    for (const tol of [1e-4, 1e-7, 1e-10]) {
      const { state, info } = krylovEvolve(psi, H, 1.5, { tol });
      const err = norm2Diff(state.toArray(), denseEvolve(H, 1.5, psi.toArray()));
      expect(info.errorEstimate).toBeLessThanOrEqual(tol);
      expect(err).toBeLessThanOrEqual(1.5 * info.errorEstimate + 1e-14);
      expect(info.substeps).toBe(1);
    }
    // a loose tolerance stops the Lanczos basis earlier
    const loose = krylovEvolve(psi, H, 1.5, { tol: 1e-3 }).info.matvecs;
    const tight = krylovEvolve(psi, H, 1.5, { tol: 1e-12 }).info.matvecs;
    expect(loose).toBeLessThan(tight);
  });

  it("splits long times into Krylov steps when the basis is capped, still to tol", () => {
    const H = heisenbergChain(6);
    const psi = State.basis(6, "011010");
    const { state, info } = krylovEvolve(psi, H, 10, { krylovDim: 8, tol: 1e-9 });
    expect(info.substeps).toBeGreaterThan(3);
    expect(info.krylovDim).toBe(8);
    expect(norm2Diff(state.toArray(), denseEvolve(H, 10, psi.toArray()))).toBeLessThan(1e-8);
  });

  it("evolves every batch element with its own Krylov basis", () => {
    const H = randomHamiltonian(3, 6, 11);
    const amps = State.random(3, { seed: 1, batch: 3 }).toArray();
    amps.fill(0, 16, 32); // element 1 is |000>: its Krylov space differs from the others'
    amps[16] = 1;
    const batch = State.fromAmplitudes(amps, { batch: 3 });
    const out = batch.evolve(H, 0.9).toArray();
    for (let b = 0; b < 3; b++) {
      const one = amps.slice(16 * b, 16 * (b + 1));
      expect(norm2Diff(out.slice(16 * b, 16 * (b + 1)), denseEvolve(H, 0.9, one))).toBeLessThan(
        1e-11,
      );
    }
  });

  it("is exact on an invariant subspace smaller than the basis (a 1-qubit H, breakdown)", () => {
    const H = Hamiltonian.fromString("0.5 X0 + 0.2 Z0");
    const psi = State.zero(1);
    const { state, info } = krylovEvolve(psi, H, 3);
    expect(info.matvecs).toBe(2);
    expect(norm2Diff(state.toArray(), denseEvolve(H, 3, psi.toArray()))).toBeLessThan(1e-14);
    // t = 0 and H = constant are exact without any H application
    expect(krylovEvolve(psi, H, 0).info.matvecs).toBe(0);
    const phase = State.zero(1).evolve(Hamiltonian.fromString("2 I"), 0.25).toArray();
    expect(phase[0]).toBeCloseTo(Math.cos(0.5), 14);
    expect(phase[1]).toBeCloseTo(-Math.sin(0.5), 14);
  });

  it("is differentiable in the input state and in t (gradcheck)", () => {
    const H = randomHamiltonian(3, 6, 4);
    const O = Hamiltonian.fromString("Z0 + 0.5 X1 X2");
    const amps = fromData(State.random(3, { seed: 8 }).toArray(), [1, 8], "complex128", {
      requiresGrad: true,
    });
    const t = tensor([0.8], { requiresGrad: true });
    const check = gradcheck(
      (a, time) =>
        State.fromTensor(a!).evolve(H, time!).toTensor().abs().pow(2).mul(O.terms.length),
      [amps, t],
      { eps: 1e-6, atol: 1e-6, rtol: 1e-5 },
    );
    expect(check.message).toBe("ok");
    // d<O>/dt through expecVal's backward, against a central difference of the energy
    const psi0 = State.random(3, { seed: 6 });
    const tt = tensor([0.4], { requiresGrad: true });
    const energy = (time: number) => noGrad(() => psi0.evolve(H, time).expecVal(O));
    const fd = (energy(0.4 + 1e-5) - energy(0.4 - 1e-5)) / 2e-5;
    expecVal(psi0.evolve(H, tt), O).backward();
    expect(tt.grad!.data[0]).toBeCloseTo(fd, 7);
  });
});

describe("DensityMatrix.evolve", () => {
  it("equals U rho U^dagger for a mixed state (complex H, 3 qubits)", () => {
    const H = randomHamiltonian(3, 8, 21);
    const a = State.random(3, { seed: 1 });
    const b = State.random(3, { seed: 2 });
    const ra = DensityMatrix.fromState(a).matrix();
    const rb = DensityMatrix.fromState(b).matrix();
    const mixed = ra.map((v, i) => 0.3 * v + 0.7 * rb[i]!);
    const rho = DensityMatrix.fromMatrix(mixed);
    const U = denseExpm(H, 1.1);
    const expected = matmul(matmul(U, mixed), dagger(U));
    expect(maxAbsDiff(rho.evolve(H, 1.1).matrix(), expected)).toBeLessThan(1e-11);
  });

  it("keeps a pure state pure and matches State.evolve", () => {
    const H = heisenbergChain(3);
    const psi = State.basis(3, "010");
    const rho = DensityMatrix.fromState(psi).evolve(H, 0.6);
    const direct = DensityMatrix.fromState(psi.evolve(H, 0.6)).matrix();
    expect(maxAbsDiff(rho.matrix(), direct)).toBeLessThan(1e-11);
    expect(rho.purity()[0]).toBeCloseTo(1, 12);
  });

  it("builds the Liouvillian H (x) I - I (x) conj(H) with the signs of conj(Y) = -Y", () => {
    const L = liouvillianTerms(Hamiltonian.fromString("2 I + 0.5 Y0 + Z0 Y1 Y2").terms, 3);
    expect(L.map((t) => [t.coefficient, t.qubits.join(""), t.letters.join("")])).toEqual([
      [0.5, "0", "Y"],
      [0.5, "3", "Y"],
      [1, "012", "ZYY"],
      [-1, "345", "ZYY"],
    ]);
  });

  it("is differentiable in rho and in t", () => {
    const H = randomHamiltonian(2, 5, 7);
    const O = Hamiltonian.fromString("Z0 Z1 + 0.3 Y0");
    const rho0 = DensityMatrix.fromState(State.random(2, { seed: 3 }));
    rho0.requiresGrad = true;
    const t = tensor([0.5], { requiresGrad: true });
    const rho = rho0.evolve(H, t);
    const tr = rho.toTensor();
    // L = tr(O rho) written with the tensor's entries: sum_ij O_ji rho_ij
    const Om = O.matrix(2);
    const weights = tensor(
      Array.from({ length: 16 }, (_, k) => {
        const i = Math.floor(k / 4);
        const j = k % 4;
        return [Om[2 * (j * 4 + i)]!, -Om[2 * (j * 4 + i) + 1]!];
      }),
      { dtype: "complex128" },
    ).reshape([1, 4, 4]);
    const loss = tr.mul(weights.conj()).sum().real();
    loss.backward();
    const f = (time: number) => noGrad(() => rho0.evolve(H, time).expecVal(O));
    expect(loss.data[0]).toBeCloseTo(f(0.5), 10);
    expect(t.grad!.data[0]).toBeCloseTo((f(0.5 + 1e-5) - f(0.5 - 1e-5)) / 2e-5, 7);
    // the state gradient: d/drho tr(O U rho U^dagger) = U^dagger O U, stored conjugated per the convention
    expect(rho0.grad).not.toBeNull();
    const U = denseExpm(H, 0.5);
    const G = matmul(matmul(dagger(U), Om), U);
    const g = rho0.grad!.data;
    let worst = 0;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        // dL/d rho_ij = G_ji, stored as conj: (re, -im) of G_ji
        worst = Math.max(
          worst,
          Math.abs(g[2 * (i * 4 + j)]! - G[2 * (j * 4 + i)]!),
          Math.abs(g[2 * (i * 4 + j) + 1]! + G[2 * (j * 4 + i) + 1]!),
        );
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });
});

describe("evolution error helpers", () => {
  it("stateDistance ignores a global phase and stays accurate for tiny distances", () => {
    const psi = State.random(3, { seed: 4 });
    const phased = State.fromAmplitudes(
      psi
        .toArray()
        .map((_, i, a) =>
          i % 2 === 0
            ? Math.cos(1.1) * a[i]! - Math.sin(1.1) * a[i + 1]!
            : Math.sin(1.1) * a[i - 1]! + Math.cos(1.1) * a[i]!,
        ),
    );
    expect(stateDistance(psi, phased)).toBeLessThan(1e-15);
    // |0> against cos e |0> + sin e |1> for e = 1e-9: distance 2 sin(e/2), infidelity sin^2 e = 1e-18
    const e = 1e-9;
    const s1 = State.zero(3);
    const tilted = new Float64Array(16);
    tilted[0] = Math.cos(e);
    tilted[2] = Math.sin(e);
    const s2 = State.fromAmplitudes(tilted);
    expect(stateDistance(s1, s2) / (2 * Math.sin(e / 2))).toBeCloseTo(1, 6);
    expect(infidelity(s1, s2) / Math.sin(e) ** 2).toBeCloseTo(1, 6);
    expect(infidelity(State.zero(2), State.basis(2, 3))).toBe(1);
  });

  it("operatorDistance is the largest singular value of U - V (dense and Lanczos paths)", () => {
    // diag phases: ||diag(e^{i a_k}) - I|| = max_k |e^{i a_k} - 1|
    for (const d of [8, 128]) {
      const u = new Float64Array(2 * d * d);
      const id = new Float64Array(2 * d * d);
      let worst = 0;
      for (let k = 0; k < d; k++) {
        const a = 0.001 * ((k * 37) % d);
        u[2 * (k * d + k)] = Math.cos(a);
        u[2 * (k * d + k) + 1] = Math.sin(a);
        id[2 * (k * d + k)] = 1;
        worst = Math.max(worst, 2 * Math.sin(a / 2));
      }
      expect(operatorDistance(u, id) / worst).toBeCloseTo(1, 9);
    }
    expect(() => operatorDistance(new Float64Array(8), new Float64Array(32))).toThrow(ShapeError);
  });

  it("evolutionOperator equals the dense exponential and is unitary", () => {
    const H = randomHamiltonian(3, 7, 13);
    const U = evolutionOperator(H, 0.8);
    expect(maxAbsDiff(U, denseExpm(H, 0.8))).toBeLessThan(1e-11);
    const X = evolutionOperator(Hamiltonian.fromString("X0"), Math.PI / 2, { nQubits: 2 });
    // exp(-i pi/2 X) (x) I = -i X (x) I
    expect(X[2 * 2 + 1]).toBeCloseTo(-1, 12);
    expect(() => evolutionOperator(Hamiltonian.fromString("Z12"), 1)).toThrow(ResourceError);
  });
});

describe("evolution: bad input", () => {
  const H = heisenbergChain(3);
  const psi = State.basis(3, "010");

  it("rejects a non-Hermitian H (complex coefficients)", () => {
    expect(() => new Hamiltonian([[[1, 1] as unknown as number, "X0"]])).toThrow(ArgumentError);
    const complexTerms = {
      terms: [{ coefficient: { re: 1, im: 0.5 }, qubits: [0], letters: ["X"] }],
    };
    expect(() => psi.evolve(complexTerms as never, 1)).toThrow(/not Hermitian/);
    expect(() => DensityMatrix.fromState(psi).evolve(complexTerms as never, 1)).toThrow(
      ArgumentError,
    );
  });

  it("rejects t that is not finite", () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, "1" as unknown as number]) {
      expect(() => psi.evolve(H, t)).toThrow(ArgumentError);
    }
    expect(() => psi.evolve(H, tensor([Number.NaN]))).toThrow(/finite/);
    expect(() => psi.evolve(H, tensor([1, 2]))).toThrow(/one-element/);
  });

  it("rejects terms on qubits beyond the state", () => {
    expect(() => psi.evolve(Hamiltonian.fromString("Z0 Z3"), 1)).toThrow(
      /acts on qubit 3, but the state has 3 qubits/,
    );
    expect(() => DensityMatrix.zero(2).evolve(H, 1)).toThrow(ArgumentError);
  });

  it("rejects unknown and invalid options, naming the valid keys", () => {
    expect(() => psi.evolve(H, 1, { tolerance: 1e-3 } as never)).toThrow(
      /unknown option 'tolerance'(?: \(did you mean '[^']+'\?\))?; valid options: tol, krylovDim, maxMatvecs/,
    );
    expect(() => psi.evolve(H, 1, { tol: 0 })).toThrow(ArgumentError);
    expect(() => psi.evolve(H, 1, { krylovDim: 1 })).toThrow(ArgumentError);
    expect(() => evolutionOperator(H, 1, { steps: 2 } as never)).toThrow(/nQubits/);
  });

  it("throws a ConvergenceError when maxMatvecs is too small", () => {
    const random = State.random(3, { seed: 1 });
    expect(() => random.evolve(H, 5, { maxMatvecs: 3, krylovDim: 2 })).toThrow(ConvergenceError);
  });

  it("refuses asynchronous backends with a BackendError naming the way out", () => {
    const fake = Object.create(psi.backend) as Record<string, unknown>;
    for (const m of [
      "toArrayAsync",
      "probabilitiesAsync",
      "expectationPauliSumAsync",
      "normSquaredAsync",
      "innerProductAsync",
      "innerProductDeferred",
      "resolveDeferred",
    ])
      fake[m] = () => undefined;
    const s = new State(psi.buffer, fake as never);
    expect(() => s.evolve(H, 1)).toThrow(BackendError);
  });
});

describe("the Krylov exponential's vector operations", () => {
  it("gives the same result without the backend's one-pass linearCombination (scale + axpy fallback)", () => {
    const H = randomHamiltonian(4, 9, 17);
    const psi = State.random(4, { seed: 3, batch: 2 });
    const plain = Object.create(psi.backend) as Record<string, unknown>;
    plain.linearCombination = undefined;
    const s = new State(psi.buffer, plain as never);
    const fast = psi.evolve(H, 1.7).toArray();
    const slow = s.evolve(H, 1.7).toArray();
    expect(norm2Diff(fast, slow)).toBeLessThan(1e-12);
    expect(
      norm2Diff(fast.slice(0, 32), denseEvolve(H, 1.7, psi.toArray().slice(0, 32))),
    ).toBeLessThan(1e-11);
  });
});
