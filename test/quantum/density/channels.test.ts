import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { ArgumentError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { applyKrausSum, applySuperoperator } from "../../../src/quantum/density/apply.js";
import {
  Channel,
  choiToKraus,
  krausToChoi,
  krausToStinespring,
  stinespringToKraus,
} from "../../../src/quantum/density/channels.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import {
  amplitudeDamping,
  bitFlip,
  bitPhaseFlip,
  CHANNEL_NAMES,
  depolarizing,
  generalizedAmplitudeDamping,
  generalizedDepolarizing,
  getChannel,
  mixedUnitary,
  pauliChannel,
  phaseDamping,
  phaseFlip,
  replacement,
  resetChannel,
  thermalRelaxation,
} from "../../../src/quantum/density/standard-channels.js";
import { randomDensityMatrix } from "../../../src/quantum/density/states.js";
import { PAULI_X, PAULI_Z } from "../../../src/quantum/gates/table.js";
import { dagger, eighHermitian, fromRows, matmul } from "../../../src/quantum/linalg.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Valid random parameters for a family. */
function randomParams(c: Channel, rng: Rng): number[] {
  if (c.name === "pauli_channel") return [0.1, 0.2, 0.3].map((v) => v * rng.uniform() * 1.5);
  if (c.name === "reset") return [0.4 * rng.uniform(), 0.4 * rng.uniform()];
  if (c.name === "thermal_relaxation") {
    const t1 = 50 + 50 * rng.uniform();
    return [t1, t1 * 1.9 * rng.uniform() + 1, 5 * rng.uniform()];
  }
  return c.params.map(() => rng.uniform());
}

/** sum_k K rho K^dagger with dense matrix products (the reference). */
function krausDense(kraus: readonly Float64Array[], rho: Float64Array): Float64Array {
  const out = new Float64Array(rho.length);
  for (const K of kraus) {
    const t = matmul(matmul(K, rho), dagger(K));
    for (let i = 0; i < t.length; i++) out[i] += t[i]!;
  }
  return out;
}

function applyTo(ch: Channel, rho: DensityMatrix, params: number[] = []): Float64Array {
  const out = rho.clone();
  applySuperoperator(
    getBackend(),
    out.buffer,
    rho.nQubits,
    [...Array(ch.nQubits).keys()],
    ch.superoperator(params),
  );
  return out.matrix();
}

const PLUS = () => DensityMatrix.fromState(State.fromAmplitudes([Math.SQRT1_2, Math.SQRT1_2]));
const ZERO = () => DensityMatrix.zero(1);
const ONE = () => DensityMatrix.fromState(State.basis(1, 1));
const m = (rows: number[][]) => fromRows(rows);

describe("every channel family", () => {
  const rng = new Rng(17);
  for (const name of CHANNEL_NAMES) {
    it(`${name}: trace preserving, completely positive, superoperator = Kraus sum, round trips`, () => {
      const ch = getChannel(name);
      for (let trial = 0; trial < 3; trial++) {
        const p = randomParams(ch, rng);
        const K = ch.kraus(p);
        const d = 2 ** ch.nQubits;
        // Choi: PSD with partial trace over the output = I (trace preservation)
        const J = ch.choi(p);
        const ev = eighHermitian(J).values;
        expect(Math.min(...ev)).toBeGreaterThan(-1e-12);
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let a = 0; a < d; a++) s += J[2 * ((i * d + a) * d * d + j * d + a)]!;
            expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
          }
        // on a random state: trace 1, positive, equal to the dense Kraus sum
        const rho = randomDensityMatrix(ch.nQubits, { seed: trial + 1 });
        const out = applyTo(ch, rho, p);
        expect(maxDiff(out, krausDense(K, rho.matrix()))).toBeLessThan(1e-13);
        const outRho = DensityMatrix.fromMatrix(out);
        expect(outRho.isValid(1e-12)).toBe(true);
        // Kraus -> Choi -> Kraus and Kraus -> Stinespring -> Kraus give the same map
        expect(maxDiff(krausToChoi(choiToKraus(J)), J)).toBeLessThan(1e-12);
        const V = krausToStinespring(K);
        expect(maxDiff(krausToChoi(stinespringToKraus(V, d)), J)).toBeLessThan(1e-13);
        // Choi -> Stinespring via Kraus, and back to a channel
        const fromChoi = Channel.fromChoi(J);
        expect(maxDiff(applyTo(fromChoi, rho), out)).toBeLessThan(1e-12);
        const fromSt = Channel.fromStinespring(krausToStinespring(choiToKraus(J)), d);
        expect(maxDiff(applyTo(fromSt, rho), out)).toBeLessThan(1e-12);
      }
    });
  }
});

describe("known actions on |0>, |1>, |+>", () => {
  it("bit, phase and bit-phase flips", () => {
    expect(
      maxDiff(
        applyTo(bitFlip(0.3), ZERO()),
        m([
          [0.7, 0],
          [0, 0.3],
        ]),
      ),
    ).toBeLessThan(1e-15);
    // phase flip shrinks the coherence of |+> by (1 - 2p)
    expect(
      maxDiff(
        applyTo(phaseFlip(0.3), PLUS()),
        m([
          [0.5, 0.2],
          [0.2, 0.5],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxDiff(
        applyTo(bitPhaseFlip(0.3), ONE()),
        m([
          [0.3, 0],
          [0, 0.7],
        ]),
      ),
    ).toBeLessThan(1e-15);
    // Y flips |+> to |->: the coherence becomes 0.5 (1 - 2p)
    expect(
      maxDiff(
        applyTo(bitPhaseFlip(0.25), PLUS()),
        m([
          [0.5, 0.25],
          [0.25, 0.5],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });

  it("amplitude and phase damping", () => {
    const g = 0.3;
    expect(
      maxDiff(
        applyTo(amplitudeDamping(g), ONE()),
        m([
          [g, 0],
          [0, 1 - g],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(maxDiff(applyTo(amplitudeDamping(g), ZERO()), ZERO().matrix())).toBeLessThan(1e-15);
    const c = 0.5 * Math.sqrt(1 - g);
    expect(
      maxDiff(
        applyTo(amplitudeDamping(g), PLUS()),
        m([
          [0.5 + 0.5 * g, c],
          [c, 0.5 - 0.5 * g],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxDiff(
        applyTo(phaseDamping(g), PLUS()),
        m([
          [0.5, c],
          [c, 0.5],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(maxDiff(applyTo(phaseDamping(g), ONE()), ONE().matrix())).toBeLessThan(1e-15);
  });

  it("generalized amplitude damping relaxes toward diag(p, 1 - p)", () => {
    const g = 0.4;
    const p = 0.8;
    // |1>: with prob p decays to |0> with gamma; |0> excites with (1 - p) gamma
    expect(
      maxDiff(
        applyTo(generalizedAmplitudeDamping(g, p), ONE()),
        m([
          [p * g, 0],
          [0, 1 - p * g],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxDiff(
        applyTo(generalizedAmplitudeDamping(g, p), ZERO()),
        m([
          [1 - (1 - p) * g, 0],
          [0, (1 - p) * g],
        ]),
      ),
    ).toBeLessThan(1e-15);
    // gamma = 1 maps everything to the fixed point diag(p, 1 - p)
    expect(
      maxDiff(
        applyTo(generalizedAmplitudeDamping(1, p), PLUS()),
        m([
          [p, 0],
          [0, 1 - p],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });

  it("depolarizing (Paddle's form) and the generalized depolarizing channel", () => {
    const p = 0.2;
    expect(
      maxDiff(
        applyTo(depolarizing(p), ZERO()),
        m([
          [1 - p / 2, 0],
          [0, p / 2],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxDiff(
        applyTo(depolarizing(p), PLUS()),
        m([
          [0.5, 0.5 * (1 - p)],
          [0.5 * (1 - p), 0.5],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(maxDiff(depolarizing(p).choi(), generalizedDepolarizing(p, 1).choi())).toBeLessThan(
      1e-15,
    );
    // 2 qubits: (1 - p) rho + p I/4
    const rho = DensityMatrix.fromState(State.bell());
    const out = applyTo(generalizedDepolarizing(p, 2), rho);
    const ref = rho
      .matrix()
      .map((v, i) => (1 - p) * v + (i % 2 === 0 && (i / 2) % 5 === 0 ? p / 4 : 0));
    expect(maxDiff(out, ref)).toBeLessThan(1e-15);
  });

  it("Pauli channel, reset, mixed unitary and replacement", () => {
    expect(
      maxDiff(
        applyTo(pauliChannel([0.1, 0.2, 0.3]), ZERO()),
        m([
          [0.7, 0],
          [0, 0.3],
        ]),
      ),
    ).toBeLessThan(1e-15);
    // reset: with p0 to |0>, with p1 to |1>, else unchanged
    expect(
      maxDiff(
        applyTo(resetChannel([0.2, 0.3]), PLUS()),
        m([
          [0.2 + 0.25, 0.25],
          [0.25, 0.3 + 0.25],
        ]),
      ),
    ).toBeLessThan(1e-15);
    const mu = mixedUnitary([PAULI_X, PAULI_Z], [0.25, 0.75]);
    expect(maxDiff(mu.choi(), pauliChannel([0.25, 0, 0.75]).choi())).toBeLessThan(1e-15);
    const sigma = [
      [0.7, 0.1],
      [0.1, 0.3],
    ];
    expect(maxDiff(applyTo(replacement(sigma), PLUS()), m(sigma))).toBeLessThan(1e-14);
    expect(maxDiff(applyTo(replacement(sigma), ONE()), m(sigma))).toBeLessThan(1e-14);
  });

  it("thermal relaxation: populations decay as e^{-t/T1}, coherences as e^{-t/T2}; Paddle's Kraus form for T2 <= T1", () => {
    const [t1, t2, t] = [100, 70, 12];
    const e1 = Math.exp(-t / t1);
    const e2 = Math.exp(-t / t2);
    expect(
      maxDiff(
        applyTo(thermalRelaxation(t1, t2, t), ONE()),
        m([
          [1 - e1, 0],
          [0, e1],
        ]),
      ),
    ).toBeLessThan(1e-15);
    expect(
      maxDiff(
        applyTo(thermalRelaxation(t1, t2, t), PLUS()),
        m([
          [1 - e1 / 2, e2 / 2],
          [e2 / 2, e1 / 2],
        ]),
      ),
    ).toBeLessThan(1e-15);
    const pReset = 1 - e1;
    const pZ = ((1 - pReset) * (1 - Math.exp(-t / t2) * Math.exp(t / t1))) / 2;
    const pI = 1 - pReset - pZ;
    const paddle = Channel.fromKraus([
      m([
        [Math.sqrt(pI), 0],
        [0, Math.sqrt(pI)],
      ]),
      m([
        [Math.sqrt(pZ), 0],
        [0, -Math.sqrt(pZ)],
      ]),
      m([
        [Math.sqrt(pReset), 0],
        [0, 0],
      ]),
      m([
        [0, Math.sqrt(pReset)],
        [0, 0],
      ]),
    ]);
    expect(maxDiff(paddle.choi(), thermalRelaxation(t1, t2, t).choi())).toBeLessThan(1e-15);
    // T2 up to 2 T1 is allowed; beyond is an error
    expect(thermalRelaxation(100, 199, 5).kraus().length).toBe(3);
    expect(() => thermalRelaxation(100, 201, 5)).toThrow(ArgumentError);
  });
});

describe("superoperator pass vs Kraus sum", () => {
  it("one dense pass equals the textbook sum of K rho K^dagger on a 3-qubit register", () => {
    const be = getBackend();
    const rho = randomDensityMatrix(3, { seed: 4, batch: 2 });
    for (const [ch, qs] of [
      [depolarizing(0.3), [1]],
      [generalizedDepolarizing(0.2, 2), [2, 0]],
      [amplitudeDamping(0.4), [0]],
    ] as const) {
      const a = be.clone(rho.buffer);
      const b = be.clone(rho.buffer);
      applySuperoperator(be, a, 3, qs, ch.superoperator());
      applyKrausSum(be, b, 3, qs, ch.kraus());
      expect(maxDiff(be.toArray(a), be.toArray(b))).toBeLessThan(1e-14);
    }
  });
});

describe("superoperator derivatives (trainable noise strengths)", () => {
  it("are exact for linear channels and accurate next to the domain edges", () => {
    const dep = getChannel("depolarizing");
    const slope = dep.superoperator([1]).map((v, i) => v - dep.superoperator([0])[i]!);
    for (const p of [0, 1e-3, 0.5, 1])
      expect(maxDiff(dep.superoperatorDerivative([p], 0), slope)).toBeLessThan(1e-10);
    // amplitude damping: S has gamma at (00,11), 1 - gamma at (11,11), sqrt(1 - gamma) on the coherences
    const ad = getChannel("amplitude_damping");
    for (const g of [0, 1e-4, 0.5, 0.999]) {
      const ref = new Float64Array(32);
      ref[2 * (0 * 4 + 3)] = 1;
      ref[2 * (3 * 4 + 3)] = -1;
      ref[2 * (1 * 4 + 1)] = -0.5 / Math.sqrt(1 - g);
      ref[2 * (2 * 4 + 2)] = -0.5 / Math.sqrt(1 - g);
      expect(maxDiff(ad.superoperatorDerivative([g], 0), ref)).toBeLessThan(
        1e-9 / Math.sqrt(1 - g),
      );
    }
  });
});

describe("Circuit channel builders", () => {
  it("each builder applies its channel on every qubit of qubitsIdx (Paddle's signatures)", () => {
    const cases: [(c: Circuit) => void, Channel][] = [
      [(c) => c.bitFlip(0.1, "full"), bitFlip(0.1)],
      [(c) => c.phaseFlip(0.2, "full"), phaseFlip(0.2)],
      [(c) => c.bitPhaseFlip(0.3, "full"), bitPhaseFlip(0.3)],
      [(c) => c.amplitudeDamping(0.4, "full"), amplitudeDamping(0.4)],
      [
        (c) => c.generalizedAmplitudeDamping([0.4, 0.3], "full"),
        generalizedAmplitudeDamping(0.4, 0.3),
      ],
      [(c) => c.phaseDamping(0.5, "full"), phaseDamping(0.5)],
      [(c) => c.depolarizing(0.6, "full"), depolarizing(0.6)],
      [(c) => c.pauliChannel([0.1, 0.2, 0.3], "full"), pauliChannel([0.1, 0.2, 0.3])],
      [(c) => c.resetChannel([0.2, 0.1], "full"), resetChannel([0.2, 0.1])],
      [(c) => c.thermalRelaxation([50, 40, 3], "full"), thermalRelaxation(50, 40, 3)],
      [
        (c) => c.mixedUnitary([PAULI_X, PAULI_Z], [0.3, 0.7], "full"),
        mixedUnitary([PAULI_X, PAULI_Z], [0.3, 0.7]),
      ],
    ];
    const be = getBackend();
    const rho = randomDensityMatrix(2, { seed: 12 });
    for (const [build, ch] of cases) {
      const c = new Circuit(2);
      build(c);
      const out = c.forward(rho);
      const ref = rho.clone();
      applySuperoperator(be, ref.buffer, 2, [0], ch.superoperator());
      applySuperoperator(be, ref.buffer, 2, [1], ch.superoperator());
      expect(maxDiff(out.toArray(), ref.toArray())).toBeLessThan(1e-14);
    }
    const c2 = new Circuit(3);
    c2.generalizedDepolarizing(0.3, [[2, 0]]);
    const r3 = randomDensityMatrix(3, { seed: 2 });
    const ref = r3.clone();
    applySuperoperator(be, ref.buffer, 3, [2, 0], generalizedDepolarizing(0.3, 2).superoperator());
    expect(maxDiff(c2.forward(r3).toArray(), ref.toArray())).toBeLessThan(1e-14);
    expect(() => new Circuit(1).bitFlip(2, 0)).toThrow(ArgumentError);
  });
});

describe("validation", () => {
  it("probabilities out of range, non-complete Kraus sets and non-CP Choi matrices throw ArgumentError", () => {
    expect(() => bitFlip(1.5)).toThrow(/p = 1.5 must be in \[0, 1\]/);
    expect(() => depolarizing(-0.1)).toThrow(ArgumentError);
    expect(() => pauliChannel([0.5, 0.4, 0.3])).toThrow(/must be <= 1/);
    expect(() => resetChannel([0.7, 0.6])).toThrow(ArgumentError);
    expect(() => getChannel("bit_flip").kraus([Number.NaN])).toThrow(ArgumentError);
    expect(() =>
      Channel.fromKraus([
        m([
          [1, 0],
          [0, 0.9],
        ]),
      ]),
    ).toThrow(/not trace preserving/);
    // the transpose map's Choi matrix (the swap) has eigenvalue -1
    const swap = m([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(() => Channel.fromChoi(swap)).toThrow(/not completely positive/);
    expect(() =>
      mixedUnitary(
        [
          m([
            [1, 1],
            [0, 1],
          ]),
        ],
        [1],
      ),
    ).toThrow(/not unitary/);
    expect(() => getChannel("nope")).toThrow(ArgumentError);
  });

  it("a channel on a state-vector run says to use a density matrix", () => {
    const c = new Circuit(1);
    c.h(0);
    c.depolarizing(0.1, 0);
    expect(() => c.forward(State.zero(1))).toThrow(/density matrix/);
    // the same circuit on a density matrix works
    const rho = c.forward(DensityMatrix.zero(1));
    expect(rho.trace()[0]).toBeCloseTo(1, 15);
  });
});
