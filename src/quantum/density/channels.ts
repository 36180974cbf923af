/**
 * Quantum channels: a `Channel` is a named family of completely positive trace-preserving maps on
 * k qubits, given by Kraus operators that depend on `nParams` real parameters (noise strengths,
 * which a circuit may train). Conversions between the three representations:
 *
 * - Kraus: rho -> sum_k K_k rho K_k^dagger;
 * - Choi: J = sum_ij |i><j| (x) E(|i><j|) (input factor first), so J = sum_k |K_k>><<K_k| with
 *   |K>> = sum_i |i> (x) K|i>;
 * - Stinespring: the isometry V = sum_k K_k (x) |k>_env (output first, environment last).
 *
 * The standard channels (bit flip ... thermal relaxation) live in `density/standard-channels.ts`.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { checkArity } from "../../validate.js";
import type { ChannelLike } from "../circuit/operation.js";
import { eighHermitian } from "../linalg.js";
import { superoperator } from "./apply.js";

/** The range of one channel parameter (inclusive). */
export interface ChannelParamSpec {
  /** Parameter name, e.g. "p" or "gamma". */
  readonly name: string;
  /** Smallest allowed value. */
  readonly min: number;
  /** Largest allowed value. */
  readonly max: number;
}

/** Builds Kraus operators from validated parameters. */
export type KrausBuilder = (params: Float64Array) => Float64Array[];

/**
 * Completeness tolerance: the largest allowed |entry| of sum K^dagger K - I.
 * @example
 * COMPLETENESS_TOL; // 1e-10
 */
export const COMPLETENESS_TOL = 1e-10;

/**
 * A parameterized CPTP map on `nQubits` qubits, defined by its Kraus operators.
 * @example
 * const ad = getChannel("amplitude_damping"); // a family: ad.kraus([0.1])
 * const fixed = ad.bind([0.1]);              // a channel with no free parameters
 */
export class Channel implements ChannelLike {
  readonly name: string;
  readonly nQubits: number;
  /** The free parameters' names and ranges; empty once bound. */
  readonly params: readonly ChannelParamSpec[];
  /** Values bound by `bind` (listed for display and JSON); empty for a parametric family. */
  readonly bound: readonly number[];
  private readonly build: KrausBuilder;
  private readonly extraCheck: ((p: Float64Array) => string | undefined) | undefined;

  /**
   * A channel family; `check` returns an error text for parameter combinations outside the
   * domain (beyond the per-parameter ranges).
   * @example
   * const flip = new Channel("flip", 1, [{ name: "p", min: 0, max: 1 }], ([p]) => [...]);
   */
  constructor(
    name: string,
    nQubits: number,
    params: readonly ChannelParamSpec[],
    build: KrausBuilder,
    check?: (p: Float64Array) => string | undefined,
    bound: readonly number[] = [],
  ) {
    if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > 4)
      throw new ArgumentError(`Channel ${name}: nQubits ${describe(nQubits)} must be in [1, 4]`);
    this.name = name;
    this.nQubits = nQubits;
    this.params = params;
    this.build = build;
    this.extraCheck = check;
    this.bound = bound;
  }

  /** Number of free parameters. @example depolarizing(0.1).nParams; // 0 */
  get nParams(): number {
    return this.params.length;
  }

  /**
   * The Kraus operators (interleaved complex 2^k x 2^k) for `params`; validates the parameters
   * (finite, in range) and the completeness relation sum K^dagger K = I (1e-10).
   * @example
   * getChannel("bit_flip").kraus([0.1]); // [sqrt(0.9) I, sqrt(0.1) X]
   */
  kraus(params: ArrayLike<number> = []): Float64Array[] {
    checkArity(arguments.length, 1, `${this.name}.kraus`);
    const p = this.checkParams(params);
    const ops = this.build(p);
    checkCompleteness(ops, 2 ** this.nQubits, `${this.name}(${[...p].join(", ")})`);
    return ops;
  }

  /**
   * The channel with its parameters fixed: a 0-parameter channel of the same name.
   * @example
   * const dep = getChannel("depolarizing").bind([0.1]);
   */
  bind(params: ArrayLike<number>): Channel {
    checkArity(arguments.length, 1, `${this.name}.bind`);
    const p = this.checkParams(params);
    const ops = this.kraus(p);
    return new Channel(this.name, this.nQubits, [], () => ops, undefined, [...p]);
  }

  /**
   * sum_k K (x) conj(K): the 4^k x 4^k matrix acting on vec(rho) (row-major).
   * @example
   * bitFlip(0.1).superoperator();
   */
  superoperator(params: ArrayLike<number> = []): Float64Array {
    checkArity(arguments.length, 1, `${this.name}.superoperator`);
    return superoperator(this.kraus(params));
  }

  /**
   * The Choi matrix (input factor first).
   * @example
   * amplitudeDamping(0.3).choi();
   */
  choi(params: ArrayLike<number> = []): Float64Array {
    checkArity(arguments.length, 1, `${this.name}.choi`);
    return krausToChoi(this.kraus(params));
  }

  /**
   * The Stinespring isometry V = sum_k K_k (x) |k> (d * r x d, output first).
   * @example
   * depolarizing(0.2).stinespring(); // 8 x 2
   */
  stinespring(params: ArrayLike<number> = []): Float64Array {
    checkArity(arguments.length, 1, `${this.name}.stinespring`);
    return krausToStinespring(this.kraus(params));
  }

  /**
   * d S / d params[j] of the superoperator S = sum_k K (x) conj(K), by a 4-point central
   * difference (5-point one-sided next to the edges of the parameter's domain), with the step
   * kept below 1/200 of the distance to the edge. S is smooth where the Kraus operators are not
   * (sqrt(p) at p = 0), and linear in p for the Pauli-type channels, so the stencil is accurate to
   * ~1e-12. For trainable noise strengths.
   * @example
   * getChannel("amplitude_damping").superoperatorDerivative([0.3], 0);
   */
  superoperatorDerivative(params: ArrayLike<number>, j: number): Float64Array {
    const p = this.checkParams(params);
    const spec = this.params[j];
    if (spec === undefined)
      throw new ArgumentError(`${this.name}: no parameter ${describe(j)} (it has ${this.nParams})`);
    const x = p[j]!;
    const inDomain = (v: number): boolean => {
      if (!(v >= spec.min && v <= spec.max)) return false;
      const q = Float64Array.from(p);
      q[j] = v;
      return this.extraCheck?.(q) === undefined;
    };
    const at = (v: number): Float64Array => {
      const q = Float64Array.from(p);
      q[j] = v;
      return superoperator(this.build(q));
    };
    const h0 = 1e-3 * Math.max(1, Math.abs(x));
    const lo = x - spec.min;
    const hi = spec.max - x;
    const hc = Math.min(h0, Math.min(lo, hi) / 200);
    let stencil: [number, number][];
    let h: number;
    if (hc > 1e-9 * Math.max(1, Math.abs(x)) && inDomain(x - 2 * hc) && inDomain(x + 2 * hc)) {
      h = hc;
      stencil = [
        [-2, 1 / 12],
        [-1, -8 / 12],
        [1, 8 / 12],
        [2, -1 / 12],
      ];
    } else {
      // one-sided, toward the larger side of the domain
      const dir = hi >= lo ? 1 : -1;
      h = dir * Math.min(h0, Math.max(hi, lo) / 200);
      if (!inDomain(x + 4 * h))
        throw new ArgumentError(`${this.name}: cannot differentiate at ${spec.name} = ${x}`);
      stencil = [
        [0, -25 / 12],
        [1, 48 / 12],
        [2, -36 / 12],
        [3, 16 / 12],
        [4, -3 / 12],
      ];
    }
    let out: Float64Array | undefined;
    for (const [m, c] of stencil) {
      const s = at(x + m * h);
      if (out === undefined) out = new Float64Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] += (c / h) * s[i]!;
    }
    return out!;
  }

  /**
   * Validates parameter values (count, finite, range, domain); throws `ArgumentError`.
   * @example
   * getChannel("bit_flip").checkParams([0.1]);
   */
  checkParams(params: ArrayLike<number>): Float64Array {
    if (params === null || typeof params !== "object" || params.length !== this.nParams)
      throw new ArgumentError(
        `${this.name}: expected ${this.nParams} parameter${this.nParams === 1 ? "" : "s"} (${this.params.map((p) => p.name).join(", ")}), got ${describe(params)}`,
      );
    const p = Float64Array.from(params);
    this.params.forEach((spec, i) => {
      const v = p[i]!;
      if (!Number.isFinite(v) || v < spec.min || v > spec.max)
        throw new ArgumentError(
          `${this.name}: ${spec.name} = ${describe(params[i])} must be in [${spec.min}, ${spec.max}]`,
        );
    });
    const msg = this.extraCheck?.(p);
    if (msg !== undefined) throw new ArgumentError(`${this.name}: ${msg}`);
    return p;
  }

  /**
   * A fixed channel from Kraus operators (each 2^k x 2^k, interleaved), checked complete.
   * @example
   * Channel.fromKraus([identity(2)]); // the identity channel
   */
  static fromKraus(kraus: readonly Float64Array[], name = "kraus"): Channel {
    checkArity(arguments.length, 2, "Channel.fromKraus");
    if (
      !Array.isArray(kraus) ||
      kraus.length === 0 ||
      !kraus.every((k) => k instanceof Float64Array)
    )
      throw new ArgumentError(
        `Channel.fromKraus: expected a non-empty list of interleaved Float64Array matrices, got ${describe(kraus)}`,
      );
    const d = Math.round(Math.sqrt(kraus[0]!.length / 2));
    const k = Math.log2(d);
    if (!Number.isInteger(k) || k < 1)
      throw new ShapeError(`Channel.fromKraus: operators must be 2^k x 2^k, got ${d} x ${d}`);
    const ops = kraus.map((K, i) => {
      if (!(K instanceof Float64Array) || K.length !== 2 * d * d)
        throw new ShapeError(`Channel.fromKraus: operator ${i} is not ${d} x ${d} interleaved`);
      return Float64Array.from(K);
    });
    checkCompleteness(ops, d, "Channel.fromKraus");
    return new Channel(name, k, [], () => ops);
  }

  /**
   * A fixed channel from its Choi matrix (4^k x 4^k, input first); checked positive
   * semidefinite and trace preserving.
   * @example
   * Channel.fromChoi(amplitudeDamping(0.2).choi());
   */
  static fromChoi(choi: Float64Array, name = "choi"): Channel {
    checkArity(arguments.length, 2, "Channel.fromChoi");
    return Channel.fromKraus(choiToKraus(choi), name);
  }

  /**
   * A fixed channel from a Stinespring isometry V (d r x d, output first, environment last).
   * @example
   * Channel.fromStinespring(depolarizing(0.2).stinespring(), 2);
   */
  static fromStinespring(v: Float64Array, dIn: number, name = "stinespring"): Channel {
    checkArity(arguments.length, 3, "Channel.fromStinespring");
    return Channel.fromKraus(stinespringToKraus(v, dIn), name);
  }
}

/**
 * Throws `ArgumentError` unless sum K^dagger K = I within `COMPLETENESS_TOL`.
 * @example
 * checkCompleteness([identity(2)], 2, "mine");
 */
export function checkCompleteness(ops: readonly Float64Array[], d: number, where: string): void {
  const s = new Float64Array(2 * d * d);
  for (const K of ops) {
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let re = 0;
        let im = 0;
        for (let a = 0; a < d; a++) {
          // conj(K[a, i]) K[a, j]
          const xr = K[2 * (a * d + i)]!;
          const xi = -K[2 * (a * d + i) + 1]!;
          const yr = K[2 * (a * d + j)]!;
          const yi = K[2 * (a * d + j) + 1]!;
          re += xr * yr - xi * yi;
          im += xr * yi + xi * yr;
        }
        s[2 * (i * d + j)] += re;
        s[2 * (i * d + j) + 1] += im;
      }
  }
  let err = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      err = Math.max(
        err,
        Math.abs(s[2 * (i * d + j)]! - (i === j ? 1 : 0)),
        Math.abs(s[2 * (i * d + j) + 1]!),
      );
    }
  if (!(err <= COMPLETENESS_TOL))
    throw new ArgumentError(
      `${where}: the Kraus operators are not trace preserving (|sum K^dagger K - I| = ${err.toExponential(2)} > ${COMPLETENESS_TOL})`,
    );
}

/**
 * The Choi matrix sum_k |K_k>><<K_k| (input first) of Kraus operators.
 * @example
 * krausToChoi([identity(2)]); // |Phi>><<Phi| unnormalized
 */
export function krausToChoi(kraus: readonly Float64Array[]): Float64Array {
  checkArity(arguments.length, 1, "krausToChoi");
  if (!Array.isArray(kraus) || kraus.length === 0 || !kraus.every((k) => k instanceof Float64Array))
    throw new ArgumentError(
      `krausToChoi: expected a non-empty list of interleaved Float64Array matrices, got ${describe(kraus)}`,
    );
  const d = Math.round(Math.sqrt(kraus[0]!.length / 2));
  const D = d * d;
  const out = new Float64Array(2 * D * D);
  const v = new Float64Array(2 * D);
  for (const K of kraus) {
    // |K>> at index i * d + a = K[a, i]
    for (let i = 0; i < d; i++)
      for (let a = 0; a < d; a++) {
        v[2 * (i * d + a)] = K[2 * (a * d + i)]!;
        v[2 * (i * d + a) + 1] = K[2 * (a * d + i) + 1]!;
      }
    for (let r = 0; r < D; r++)
      for (let c = 0; c < D; c++) {
        const ar = v[2 * r]!;
        const ai = v[2 * r + 1]!;
        const br = v[2 * c]!;
        const bi = -v[2 * c + 1]!;
        out[2 * (r * D + c)] += ar * br - ai * bi;
        out[2 * (r * D + c) + 1] += ar * bi + ai * br;
      }
  }
  return out;
}

/**
 * Kraus operators from a Choi matrix (eigenvectors with eigenvalue > 1e-12 times the largest);
 * throws `ArgumentError` if the Choi matrix is not Hermitian positive semidefinite (1e-10).
 * @example
 * choiToKraus(krausToChoi(ops));
 */
export function choiToKraus(choi: Float64Array): Float64Array[] {
  checkArity(arguments.length, 1, "choiToKraus");
  if (!(choi instanceof Float64Array))
    throw new ArgumentError(
      `choiToKraus: expected an interleaved Float64Array matrix, got ${describe(choi)}`,
    );
  const D = Math.round(Math.sqrt(choi.length / 2));
  const d = Math.round(Math.sqrt(D));
  if (!(choi instanceof Float64Array) || 2 * D * D !== choi.length || d * d !== D)
    throw new ShapeError(
      `choiToKraus: expected a d^2 x d^2 interleaved matrix, got length ${choi?.length}`,
    );
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      const e =
        Math.abs(choi[2 * (i * D + j)]! - choi[2 * (j * D + i)]!) +
        Math.abs(choi[2 * (i * D + j) + 1]! + choi[2 * (j * D + i) + 1]!);
      if (!(e <= 1e-10))
        throw new ArgumentError(`choiToKraus: the Choi matrix is not Hermitian at (${i}, ${j})`);
    }
  const { values, vectors } = eighHermitian(choi);
  const top = Math.max(...values);
  const out: Float64Array[] = [];
  for (let c = 0; c < D; c++) {
    const lam = values[c]!;
    if (lam < -1e-10)
      throw new ArgumentError(
        `choiToKraus: the Choi matrix has eigenvalue ${lam.toExponential(3)}; the map is not completely positive`,
      );
    if (lam <= 1e-12 * Math.max(top, 1)) continue;
    const s = Math.sqrt(lam);
    const K = new Float64Array(2 * d * d);
    for (let i = 0; i < d; i++)
      for (let a = 0; a < d; a++) {
        const r = i * d + a;
        K[2 * (a * d + i)] = s * vectors[2 * (r * D + c)]!;
        K[2 * (a * d + i) + 1] = s * vectors[2 * (r * D + c) + 1]!;
      }
    out.push(K);
  }
  return out;
}

/**
 * The Stinespring isometry V = sum_k K_k (x) |k> as a (d r) x d interleaved matrix (row a r + k).
 * @example
 * krausToStinespring([identity(2)]); // identity(2)
 */
export function krausToStinespring(kraus: readonly Float64Array[]): Float64Array {
  checkArity(arguments.length, 1, "krausToStinespring");
  if (!Array.isArray(kraus) || kraus.length === 0 || !kraus.every((k) => k instanceof Float64Array))
    throw new ArgumentError(
      `krausToStinespring: expected a non-empty list of interleaved Float64Array matrices, got ${describe(kraus)}`,
    );
  const d = Math.round(Math.sqrt(kraus[0]!.length / 2));
  const r = kraus.length;
  const out = new Float64Array(2 * d * r * d);
  kraus.forEach((K, k) => {
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) {
        out[2 * ((a * r + k) * d + b)] = K[2 * (a * d + b)]!;
        out[2 * ((a * r + k) * d + b) + 1] = K[2 * (a * d + b) + 1]!;
      }
  });
  return out;
}

/**
 * Kraus operators K_k[a, b] = V[a r + k, b] of a Stinespring isometry with input dimension `dIn`
 * (output dimension dIn as well); checks V^dagger V = I through completeness.
 * @example
 * stinespringToKraus(v, 2);
 */
export function stinespringToKraus(v: Float64Array, dIn: number): Float64Array[] {
  checkArity(arguments.length, 2, "stinespringToKraus");
  if (!(v instanceof Float64Array))
    throw new ArgumentError(
      `stinespringToKraus: expected an interleaved Float64Array matrix, got ${describe(v)}`,
    );
  if (!Number.isInteger(dIn) || dIn < 2)
    throw new ArgumentError(`stinespringToKraus: dIn ${describe(dIn)} must be an integer >= 2`);
  const rows = v.length / 2 / dIn;
  const r = rows / dIn;
  if (!(v instanceof Float64Array) || !Number.isInteger(r) || r < 1)
    throw new ShapeError(
      `stinespringToKraus: V has ${v?.length / 2} entries, expected (${dIn} r) x ${dIn}`,
    );
  const ops: Float64Array[] = [];
  for (let k = 0; k < r; k++) {
    const K = new Float64Array(2 * dIn * dIn);
    for (let a = 0; a < dIn; a++)
      for (let b = 0; b < dIn; b++) {
        K[2 * (a * dIn + b)] = v[2 * ((a * r + k) * dIn + b)]!;
        K[2 * (a * dIn + b) + 1] = v[2 * ((a * r + k) * dIn + b) + 1]!;
      }
    ops.push(K);
  }
  checkCompleteness(ops, dIn, "stinespringToKraus (V is not an isometry)");
  return ops;
}
