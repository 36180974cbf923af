/**
 * Seeded pseudo-random numbers. Every random thing in qoar takes a seed and draws from this
 * generator, so the same seed gives the same numbers on every backend and thread count.
 *
 * The generator is xoshiro128** (32-bit state words, fast in JavaScript) seeded through
 * splitmix32; doubles take 53 bits from two draws. Without a seed the 128-bit state comes from
 * the platform's cryptographic source (`crypto.getRandomValues`, in Node 20 and browsers), so
 * unseeded generators made in a tight loop never repeat each other (a clock in milliseconds did).
 */
import { sampleBinomial } from "./binomial.js";
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
   * @param seed any finite number; equal seeds give equal streams. Omitted: 128 bits from
   *   `crypto.getRandomValues` (a different stream every time).
   * @example
   * const rng = new Rng(42);
   * rng.uniform(); // a number in [0, 1)
   * new Rng().uniform(); // unseeded: differs from run to run
   */
  constructor(seed?: number) {
    checkArity(arguments.length, 1, "Rng");
    let words: Uint32Array;
    if (seed === undefined) {
      words = entropyWords();
    } else {
      if (typeof seed !== "number" || !Number.isFinite(seed))
        throw new ArgumentError(`seed must be a finite number, got ${describe(seed)}`);
      // splitmix32 over the seed's two 32-bit halves spreads any seed over the whole state.
      let x = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0;
      words = new Uint32Array(4);
      for (let i = 0; i < 4; i++) {
        x = (x + 0x9e3779b9) >>> 0;
        words[i] = mix32(x);
      }
    }
    this.s0 = words[0]!;
    this.s1 = words[1]!;
    this.s2 = words[2]!;
    this.s3 = words[3]!;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * A new generator seeded from the next 128 bits of this one (which advances by four words):
   * an independent stream for a sub-task, reproducible from this generator's seed.
   * @example
   * const parent = new Rng(1);
   * const child = parent.split(); // parent moved on by 4 words; child has its own stream
   */
  split(): Rng {
    return this.splitInto(new Rng(0));
  }

  /**
   * Like `split`, reusing `target` (no allocation): `target` restarts from the next 128 bits of
   * this stream, each word passed through splitmix32's finalizer so it is not a linear function
   * of this generator's state.
   * @example
   * const scratch = new Rng(0);
   * rng.splitInto(scratch).uniform();
   */
  splitInto(target: Rng): Rng {
    if (!(target instanceof Rng))
      throw new ArgumentError(`Rng.splitInto: target must be an Rng, got ${describe(target)}`);
    target.s0 = mix32(this.nextUint32());
    target.s1 = mix32(this.nextUint32());
    target.s2 = mix32(this.nextUint32());
    target.s3 = mix32(this.nextUint32());
    if ((target.s0 | target.s1 | target.s2 | target.s3) === 0) target.s0 = 1;
    target.spareNormal = undefined;
    return target;
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

  /**
   * An exact binomial draw: the number of successes in `n` independent trials of probability
   * `p` (`n` a non-negative integer up to 2^53 - 1). The cost does not grow with `n`:
   * inversion when n min(p, 1-p) < 10, else Hörmann's transformed rejection (see binomial.ts).
   * @example
   * new Rng(1).binomial(1e12, 0.25); // about 2.5e11, within a few times 4.3e5
   */
  binomial(n: number, p: number): number {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new ArgumentError(
        `binomial: n must be an integer in [0, 2^53 - 1], got ${describe(n)}`,
      );
    if (!(p >= 0 && p <= 1))
      throw new ArgumentError(`binomial: p must be in [0, 1], got ${describe(p)}`);
    return sampleBinomial(this, n, p);
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

/** splitmix32's output function: a bijective scramble of a 32-bit word. */
function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The minimal Web Crypto surface used here (Node 20's globalThis.crypto and browsers). */
interface EntropySource {
  getRandomValues(array: Uint32Array): Uint32Array;
}

/** Four words from the platform's cryptographic source, for unseeded generators. */
function entropyWords(): Uint32Array {
  const source = (globalThis as { crypto?: Partial<EntropySource> }).crypto;
  if (typeof source?.getRandomValues !== "function") {
    throw new ArgumentError(
      "Rng: no seed given, and this platform has no crypto.getRandomValues to draw one from; pass a seed",
    );
  }
  return source.getRandomValues(new Uint32Array(4));
}

/**
 * The generator of `{ rng, seed }` options: `rng` (which must be an Rng) if given, else a new one
 * from `seed` (unseeded, from the platform's cryptographic source, when neither).
 * @example
 * rngOption(options.rng, options.seed, "Linear");
 */
export function rngOption(rng: unknown, seed: number | undefined, where: string): Rng {
  if (rng === undefined) return toRng(seed);
  if (rng instanceof Rng) return rng;
  throw new ArgumentError(`${where}: rng must be an Rng, got ${describe(rng)}`);
}

/**
 * Returns `rng` if given, else a new generator from `seed` (unseeded, from the platform's
 * cryptographic source, when neither).
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
