/**
 * Seeded pseudo-random numbers. Every random thing in qoar takes a seed and draws from this
 * generator, so the same seed gives the same numbers on every backend and thread count.
 *
 * The generator is xoshiro128** (32-bit state words, fast in JavaScript) seeded through
 * splitmix32; doubles take 53 bits from two draws.
 */
import { ArgumentError, describe } from "./errors.js";
import { checkArity } from "./validate.js";

/**
 * A seeded random-number generator (xoshiro128**); equal seeds give equal streams.
 * @example
 * const rng = new Rng(42);
 * rng.uniform(); // in [0, 1)
 * rng.normal(); // standard normal
 * rng.int(6); // integer in [0, 6)
 * rng.shuffle([1, 2, 3]); // shuffled in place
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  /**
   * @param seed any finite number; equal seeds give equal streams.
   * @example
   * const rng = new Rng(42);
   * rng.uniform(); // a number in [0, 1)
   */
  constructor(seed: number = Date.now()) {
    checkArity(arguments.length, 1, "Rng");
    if (!Number.isFinite(seed))
      throw new ArgumentError(`seed must be a finite number, got ${describe(seed)}`);
    // splitmix32 over the seed's two 32-bit halves spreads any seed over the whole state.
    let x = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0)
      throw new ArgumentError(`int(n) needs a positive integer n, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** A standard normal draw (Box-Muller, the spare value kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles an array in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    if (!Array.isArray(items))
      throw new ArgumentError(`Rng.shuffle: expected an array, got ${describe(items)}`);
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * The generator of `{ rng, seed }` options: `rng` (which must be an Rng) if given, else a new one
 * from `seed`.
 * @example
 * rngOption(options.rng, options.seed, "Linear");
 */
export function rngOption(rng: unknown, seed: number | undefined, where: string): Rng {
  if (rng === undefined) return toRng(seed);
  if (rng instanceof Rng) return rng;
  throw new ArgumentError(`${where}: rng must be an Rng, got ${describe(rng)}`);
}

/**
 * Returns `rng` if given, else a new generator from `seed` (or from the clock when neither).
 * @example
 * const a = toRng(7); // new Rng(7)
 * toRng(a) === a; // true
 */
export function toRng(seedOrRng?: number | Rng): Rng {
  if (seedOrRng !== undefined && typeof seedOrRng !== "number" && !(seedOrRng instanceof Rng)) {
    throw new ArgumentError(`seed must be a number or an Rng, got ${describe(seedOrRng)}`);
  }
  return seedOrRng instanceof Rng ? seedOrRng : new Rng(seedOrRng);
}
