/**
 * The standard channels, with Paddle Quantum's Kraus forms, as parametric families (for circuits
 * with trainable noise strengths: `getChannel("amplitude_damping")`) and as bound factories
 * (`amplitudeDamping(0.1)`).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { PAULI_I, PAULI_X, PAULI_Y, PAULI_Z } from "../gates/table.js";
import { eighHermitian, isUnitary, kron } from "../linalg.js";
import { Channel, type ChannelParamSpec } from "./channels.js";
import { type MatrixInput, toInterleaved } from "./density.js";

const PROB = (name: string): ChannelParamSpec => ({ name, min: 0, max: 1 });
const POS = (name: string): ChannelParamSpec => ({ name, min: Number.MIN_VALUE, max: Infinity });

function scaled(m: Float64Array, s: number): Float64Array {
  const out = new Float64Array(m.length);
  for (let i = 0; i < m.length; i++) out[i] = s * m[i]!;
  return out;
}

/** A real 2x2 matrix [[a, b], [c, d]] interleaved. */
function m2(a: number, b: number, c: number, d: number): Float64Array {
  return Float64Array.of(a, 0, b, 0, c, 0, d, 0);
}

function pauliFlip(name: string, P: Float64Array): Channel {
  return new Channel(name, 1, [PROB("p")], ([p]) => [
    scaled(PAULI_I, Math.sqrt(1 - p!)),
    scaled(P, Math.sqrt(p!)),
  ]);
}

/** All n-qubit Pauli products, identity first. */
function paulis(n: number): Float64Array[] {
  let out = [PAULI_I, PAULI_X, PAULI_Y, PAULI_Z];
  for (let k = 1; k < n; k++)
    out = out.flatMap((a) => [PAULI_I, PAULI_X, PAULI_Y, PAULI_Z].map((b) => kron(a, b)));
  return out;
}

function generalizedDepolarizingFamily(n: number): Channel {
  const basis = paulis(n);
  const m = basis.length;
  return new Channel(`generalized_depolarizing_${n}`, n, [PROB("p")], ([p]) => [
    scaled(basis[0]!, Math.sqrt(1 - ((m - 1) * p!) / m)),
    ...basis.slice(1).map((P) => scaled(P, Math.sqrt(p! / m))),
  ]);
}

/** Every parametric family by name. */
const FAMILIES = new Map<string, Channel>();
function register(c: Channel): Channel {
  FAMILIES.set(c.name, c);
  return c;
}

register(pauliFlip("bit_flip", PAULI_X));
register(pauliFlip("phase_flip", PAULI_Z));
register(pauliFlip("bit_phase_flip", PAULI_Y));
register(
  new Channel("amplitude_damping", 1, [PROB("gamma")], ([g]) => [
    m2(1, 0, 0, Math.sqrt(1 - g!)),
    m2(0, Math.sqrt(g!), 0, 0),
  ]),
);
register(
  new Channel("generalized_amplitude_damping", 1, [PROB("gamma"), PROB("p")], ([g, p]) => {
    const a = Math.sqrt(p!);
    const b = Math.sqrt(1 - p!);
    return [
      m2(a, 0, 0, a * Math.sqrt(1 - g!)),
      m2(0, a * Math.sqrt(g!), 0, 0),
      m2(b * Math.sqrt(1 - g!), 0, 0, b),
      m2(0, 0, b * Math.sqrt(g!), 0),
    ];
  }),
);
register(
  new Channel("phase_damping", 1, [PROB("gamma")], ([g]) => [
    m2(1, 0, 0, Math.sqrt(1 - g!)),
    m2(0, 0, 0, Math.sqrt(g!)),
  ]),
);
register(
  new Channel("depolarizing", 1, [PROB("p")], ([p]) => [
    scaled(PAULI_I, Math.sqrt(1 - (3 * p!) / 4)),
    scaled(PAULI_X, Math.sqrt(p! / 4)),
    scaled(PAULI_Y, Math.sqrt(p! / 4)),
    scaled(PAULI_Z, Math.sqrt(p! / 4)),
  ]),
);
for (let n = 1; n <= 3; n++) register(generalizedDepolarizingFamily(n));
register(
  new Channel(
    "pauli_channel",
    1,
    [PROB("px"), PROB("py"), PROB("pz")],
    ([x, y, z]) => [
      scaled(PAULI_I, Math.sqrt(Math.max(0, 1 - x! - y! - z!))),
      scaled(PAULI_X, Math.sqrt(x!)),
      scaled(PAULI_Y, Math.sqrt(y!)),
      scaled(PAULI_Z, Math.sqrt(z!)),
    ],
    ([x, y, z]) =>
      x! + y! + z! > 1 + 1e-12 ? `px + py + pz = ${x! + y! + z!} must be <= 1` : undefined,
  ),
);
register(
  new Channel(
    "reset",
    1,
    [PROB("p0"), PROB("p1")],
    ([p0, p1]) => {
      const a = Math.sqrt(p0!);
      const b = Math.sqrt(p1!);
      return [
        m2(a, 0, 0, 0),
        m2(0, a, 0, 0),
        m2(0, 0, b, 0),
        m2(0, 0, 0, b),
        scaled(PAULI_I, Math.sqrt(Math.max(0, 1 - p0! - p1!))),
      ];
    },
    ([p0, p1]) => (p0! + p1! > 1 + 1e-12 ? `p0 + p1 = ${p0! + p1!} must be <= 1` : undefined),
  ),
);
register(
  new Channel(
    "thermal_relaxation",
    1,
    [POS("t1"), POS("t2"), { name: "time", min: 0, max: Infinity }],
    ([t1, t2, t]) => {
      // amplitude damping (populations relax as e^{-t/T1}) then phase damping so that the
      // coherences decay as e^{-t/T2}: valid for T2 <= 2 T1
      const g = 1 - Math.exp(-t! / t1!);
      const lam = Math.max(0, 1 - Math.exp(-2 * (t! / t2!) + t! / t1!));
      return [
        m2(1, 0, 0, Math.sqrt((1 - lam) * (1 - g))),
        m2(0, Math.sqrt(g), 0, 0),
        m2(0, 0, 0, Math.sqrt(lam * (1 - g))),
      ];
    },
    ([t1, t2]) =>
      t2! > 2 * t1! * (1 + 1e-12) ? `T2 = ${t2} must be <= 2 T1 = ${2 * t1!}` : undefined,
  ),
);

/**
 * A parametric channel family by name: bit_flip, phase_flip, bit_phase_flip (p),
 * amplitude_damping, phase_damping (gamma), generalized_amplitude_damping (gamma, p),
 * depolarizing (p), generalized_depolarizing_1..3 (p), pauli_channel (px, py, pz),
 * reset (p0, p1), thermal_relaxation (t1, t2, time).
 * @example
 * getChannel("depolarizing").kraus([0.1]).length; // 4
 */
export function getChannel(name: string): Channel {
  checkArity(arguments.length, 1, "getChannel");
  const c = FAMILIES.get(name);
  if (c === undefined)
    throw new ArgumentError(
      `getChannel: unknown channel ${describe(name)}; known: ${[...FAMILIES.keys()].join(", ")}`,
    );
  return c;
}

/** The names `getChannel` knows. @example CHANNEL_NAMES.includes("reset"); // true */
export const CHANNEL_NAMES: readonly string[] = Object.freeze([...FAMILIES.keys()]);

/**
 * The generalized (n-qubit) depolarizing family (n = 1..3), one parameter p.
 * @example
 * generalizedDepolarizingChannel(2).kraus([0.1]).length; // 16
 */
export function generalizedDepolarizingChannel(nQubits: number): Channel {
  checkArity(arguments.length, 1, "generalizedDepolarizingChannel");
  if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > 3)
    throw new ArgumentError(
      `generalizedDepolarizing: nQubits ${describe(nQubits)} must be 1, 2 or 3`,
    );
  return getChannel(`generalized_depolarizing_${nQubits}`);
}

/** Bit flip: (1 - p) rho + p X rho X. @example bitFlip(0.1) */
export function bitFlip(p: number): Channel {
  checkArity(arguments.length, 1, "bitFlip");
  return getChannel("bit_flip").bind([p]);
}
/** Phase flip: (1 - p) rho + p Z rho Z. @example phaseFlip(0.1) */
export function phaseFlip(p: number): Channel {
  checkArity(arguments.length, 1, "phaseFlip");
  return getChannel("phase_flip").bind([p]);
}
/** Bit-phase flip: (1 - p) rho + p Y rho Y. @example bitPhaseFlip(0.1) */
export function bitPhaseFlip(p: number): Channel {
  checkArity(arguments.length, 1, "bitPhaseFlip");
  return getChannel("bit_phase_flip").bind([p]);
}
/** Amplitude damping with decay probability gamma. @example amplitudeDamping(0.2) */
export function amplitudeDamping(gamma: number): Channel {
  checkArity(arguments.length, 1, "amplitudeDamping");
  return getChannel("amplitude_damping").bind([gamma]);
}
/** Generalized amplitude damping (gamma, excited-population parameter p, Paddle's form). @example generalizedAmplitudeDamping(0.2, 0.9) */
export function generalizedAmplitudeDamping(gamma: number, p: number): Channel {
  checkArity(arguments.length, 2, "generalizedAmplitudeDamping");
  return getChannel("generalized_amplitude_damping").bind([gamma, p]);
}
/** Phase damping. @example phaseDamping(0.2) */
export function phaseDamping(gamma: number): Channel {
  checkArity(arguments.length, 1, "phaseDamping");
  return getChannel("phase_damping").bind([gamma]);
}
/** Depolarizing, Paddle's Kraus form: (1 - p) rho + p I/2. @example depolarizing(0.1) */
export function depolarizing(p: number): Channel {
  checkArity(arguments.length, 1, "depolarizing");
  return getChannel("depolarizing").bind([p]);
}
/** n-qubit depolarizing: (1 - p) rho + p I / 2^n. @example generalizedDepolarizing(0.1, 2) */
export function generalizedDepolarizing(p: number, nQubits: number): Channel {
  checkArity(arguments.length, 2, "generalizedDepolarizing");
  return generalizedDepolarizingChannel(nQubits).bind([p]);
}
/** Pauli channel with probabilities of X, Y, Z. @example pauliChannel([0.1, 0.05, 0.02]) */
export function pauliChannel(probs: readonly [number, number, number]): Channel {
  checkArity(arguments.length, 1, "pauliChannel");
  return getChannel("pauli_channel").bind(probs);
}
/** Reset to |0> with probability p0, to |1> with p1. @example resetChannel([0.1, 0]) */
export function resetChannel(probs: readonly [number, number]): Channel {
  checkArity(arguments.length, 1, "resetChannel");
  return getChannel("reset").bind(probs);
}
/**
 * Thermal relaxation for relaxation times T1, T2 (T2 <= 2 T1) over gate time `time`, all in the
 * same unit: populations relax to |0> as e^{-t/T1}, coherences decay as e^{-t/T2}. (Paddle takes
 * T1, T2 in microseconds and the gate time in nanoseconds, and only T2 <= T1: pass time / 1000.)
 * @example
 * thermalRelaxation(100, 80, 0.05); // T1 = 100 us, T2 = 80 us, a 50 ns gate
 */
export function thermalRelaxation(t1: number, t2: number, time: number): Channel {
  checkArity(arguments.length, 3, "thermalRelaxation");
  return getChannel("thermal_relaxation").bind([t1, t2, time]);
}

/**
 * sum_i p_i U_i rho U_i^dagger for unitaries U_i (checked) and probabilities summing to 1.
 * @example
 * mixedUnitary([PAULI_X, PAULI_Z], [0.5, 0.5]);
 */
export function mixedUnitary(unitaries: readonly MatrixInput[], probs: readonly number[]): Channel {
  checkArity(arguments.length, 2, "mixedUnitary");
  if (!Array.isArray(unitaries) || unitaries.length === 0 || unitaries.length !== probs?.length)
    throw new ArgumentError(
      `mixedUnitary: expected as many probabilities as unitaries, got ${describe(probs)}`,
    );
  let sum = 0;
  const ops = unitaries.map((u, i) => {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1))
      throw new ArgumentError(`mixedUnitary: probs[${i}] = ${describe(p)} must be in [0, 1]`);
    sum += p;
    const m = toInterleaved(u, "mixedUnitary");
    if (!isUnitary(m, 1e-10)) throw new ArgumentError(`mixedUnitary: matrix ${i} is not unitary`);
    return scaled(m, Math.sqrt(p));
  });
  if (Math.abs(sum - 1) > 1e-10)
    throw new ArgumentError(`mixedUnitary: probabilities sum to ${sum}, expected 1`);
  return Channel.fromKraus(ops, "mixed_unitary");
}

/**
 * The replacement channel rho -> tr(rho) sigma for a density matrix sigma (2^k x 2^k):
 * Kraus sqrt(l_m) |v_m><j| over sigma's eigenpairs (l_m, v_m) and basis states j.
 * @example
 * replacement([[1, 0], [0, 0]]); // reset to |0>
 */
export function replacement(sigma: MatrixInput): Channel {
  checkArity(arguments.length, 1, "replacement");
  const s = toInterleaved(sigma, "replacement");
  const d = Math.round(Math.sqrt(s.length / 2));
  const { values, vectors } = eighHermitian(s);
  let tr = 0;
  for (const v of values) {
    if (v < -1e-10) throw new ArgumentError(`replacement: sigma has eigenvalue ${v} < 0`);
    tr += v;
  }
  if (Math.abs(tr - 1) > 1e-10)
    throw new ArgumentError(`replacement: sigma has trace ${tr}, expected 1`);
  const ops: Float64Array[] = [];
  for (let m = 0; m < d; m++) {
    const l = values[m]!;
    if (l <= 1e-15) continue;
    for (let j = 0; j < d; j++) {
      const K = new Float64Array(2 * d * d);
      for (let a = 0; a < d; a++) {
        K[2 * (a * d + j)] = Math.sqrt(l) * vectors[2 * (a * d + m)]!;
        K[2 * (a * d + j) + 1] = Math.sqrt(l) * vectors[2 * (a * d + m) + 1]!;
      }
      ops.push(K);
    }
  }
  return Channel.fromKraus(ops, "replacement");
}
