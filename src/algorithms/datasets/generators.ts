/**
 * Seeded toy datasets in the plane: circle (inside/outside a circle in the square, as Paddle
 * Quantum's classifier tutorial draws it), two moons and XOR quadrants.
 */
import { ArgumentError, describe } from "../../errors.js";
import { type Rng, rngOption } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { type Dataset, makeDataset } from "./dataset.js";

/** Options of the generators. */
export interface GeneratorOptions {
  /** Seed of the draws (same seed, same points). */
  seed?: number;
  /** A generator to draw from instead of `seed`. */
  rng?: Rng;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
}

/** Options of {@link circle}. */
export interface CircleOptions extends GeneratorOptions {
  /** Radius of the class-1 disc (default sqrt(2 / pi): half the square's area). */
  radius?: number;
}

const GENERATOR_OPTIONS = optionKeys<GeneratorOptions>({ seed: true, rng: true, noise: true });
const CIRCLE_OPTIONS = optionKeys<CircleOptions>({
  seed: true,
  rng: true,
  noise: true,
  radius: true,
});

function start(
  n: number,
  options: GeneratorOptions,
  valid: readonly string[],
  where: string,
): { rng: Rng; noise: number } {
  checkOptions(options, valid, where);
  if (!Number.isInteger(n) || n < 1)
    throw new ArgumentError(`${where}: n must be a positive integer, got ${describe(n)}`);
  const noise = options.noise ?? 0;
  if (typeof noise !== "number" || !(noise >= 0) || !Number.isFinite(noise))
    throw new ArgumentError(`${where}: noise must be a finite number >= 0, got ${describe(noise)}`);
  return { rng: rngOption(options.rng, options.seed, where), noise };
}

/**
 * Points uniform in [-1, 1]^2, class 1 inside the circle of `radius` around the origin.
 * @example
 * const d = datasets.circle(200, { seed: 1 });
 */
export function circle(n: number, options: CircleOptions = {}): Dataset {
  checkArity(arguments.length, 2, "datasets.circle");
  const { rng, noise } = start(n, options, CIRCLE_OPTIONS, "datasets.circle");
  const r = options.radius ?? Math.sqrt(2 / Math.PI);
  if (typeof r !== "number" || !(r > 0) || !Number.isFinite(r))
    throw new ArgumentError(
      `datasets.circle: radius must be a positive number, got ${describe(r)}`,
    );
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.uniformIn(-1, 1);
    const b = rng.uniformIn(-1, 1);
    y.push(a * a + b * b < r * r ? 1 : 0);
    x.push([a + noise * rng.normal(), b + noise * rng.normal()]);
  }
  return makeDataset(x, y, { nClasses: 2 });
}

/**
 * Two interleaved half circles (scikit-learn's `make_moons` shape): class 0 the upper moon
 * around (0, 0), class 1 the lower one around (1, 0.5); sample i alternates the class.
 * @example
 * const d = datasets.moons(200, { noise: 0.1, seed: 1 });
 */
export function moons(n: number, options: GeneratorOptions = {}): Dataset {
  checkArity(arguments.length, 2, "datasets.moons");
  const { rng, noise } = start(n, options, GENERATOR_OPTIONS, "datasets.moons");
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const t = Math.PI * rng.uniform();
    const p = cls === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    x.push([p[0]! + noise * rng.normal(), p[1]! + noise * rng.normal()]);
    y.push(cls);
  }
  return makeDataset(x, y, { nClasses: 2 });
}

/**
 * XOR quadrants: points uniform in [-1, 1]^2, class 1 where the coordinates' signs differ.
 * @example
 * const d = datasets.xor(100, { seed: 3 });
 */
export function xor(n: number, options: GeneratorOptions = {}): Dataset {
  checkArity(arguments.length, 2, "datasets.xor");
  const { rng, noise } = start(n, options, GENERATOR_OPTIONS, "datasets.xor");
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.uniformIn(-1, 1);
    const b = rng.uniformIn(-1, 1);
    y.push(a * b < 0 ? 1 : 0);
    x.push([a + noise * rng.normal(), b + noise * rng.normal()]);
  }
  return makeDataset(x, y, { nClasses: 2 });
}
