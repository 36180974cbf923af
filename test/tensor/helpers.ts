/** Test helpers: seeded random tensors with domain control, and a gradcheck assertion. */
import fc from "fast-check";
import { expect } from "vitest";
import { Rng } from "../../src/random.js";
import { type GradcheckOptions, gradcheck, Tensor } from "../../src/tensor/index.js";

export interface RandOpts {
  complex?: boolean;
  /** real values in [0.5, 1.5] / complex with re in [0.5, 1.5] (away from log/sqrt branch cuts) */
  positive?: boolean;
  /** |x| >= 0.2 (away from kinks at 0) */
  awayFromZero?: boolean;
}

/** A leaf tensor requiring grad, values from `seed`. */
export function rt(shape: readonly number[], seed: number, opts: RandOpts = {}): Tensor {
  const rng = new Rng(seed);
  let n = 1;
  for (const d of shape) n *= d;
  const w = opts.complex ? 2 : 1;
  const data = new Float64Array(n * w);
  for (let i = 0; i < data.length; i++) {
    let v = rng.uniformIn(-1, 1);
    if (opts.positive && i % w === 0) v = 0.5 + Math.abs(v);
    if (opts.awayFromZero && i % w === 0) v = Math.sign(v || 1) * (0.2 + Math.abs(v));
    data[i] = v;
  }
  return new Tensor(data, shape, opts.complex ? "complex128" : "float64", true);
}

/** Asserts gradcheck passes, showing its message otherwise. */
export function expectGrad(
  fn: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: GradcheckOptions = {},
): void {
  const r = gradcheck(fn, inputs, options);
  expect(r.message).toBe("ok");
  expect(r.ok).toBe(true);
}

/** A random shape of 0..maxDims dims, each 1..3. */
export const shapeArb = (minDims = 0, maxDims = 3): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: 3 }), { minLength: minDims, maxLength: maxDims });

/** A shape and a second shape broadcast-compatible with it (some dims set to 1, leading dims dropped). */
export const broadcastPairArb: fc.Arbitrary<[number[], number[]]> = shapeArb(0, 3).chain((s) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }),
      fc.integer({ min: 0, max: s.length }),
      fc.boolean(),
    )
    .map(([ones, drop, swap]) => {
      const t = s.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
      return (swap ? [t, s] : [s, t]) as [number[], number[]];
    }),
);

/** fast-check settings: few runs, fixed seed (the machine is shared). */
export const fcOpts = { numRuns: 12, seed: 42 };
