/**
 * Argument checks that plain-JS callers need and TypeScript callers get from the compiler:
 * unknown option keys (`{ depht: 2 }`) and extra positional arguments (`c.rx(0, 0.5)`) would
 * otherwise be ignored silently.
 *
 * Each options type keeps its key list next to its interface, made with `optionKeys<T>()`, so the
 * compiler rejects a list that misses a key of the interface or names one it doesn't have:
 * ```ts
 * export interface SGDOptions { lr?: number; momentum?: number }
 * export const SGD_OPTIONS = optionKeys<SGDOptions>({ lr: true, momentum: true });
 * ```
 */
import { ArgumentError, describe } from "./errors.js";

/** The valid keys of one options type, listed once (see `optionKeys`). */
export type OptionKeys = readonly string[];

/**
 * The key list of an options interface `T`, from an object naming every key of `T` exactly once:
 * a missing or an extra key is a compile error.
 * @example
 * const LINEAR_OPTIONS = optionKeys<LinearOptions>({ bias: true, seed: true, rng: true });
 */
export function optionKeys<T>(keys: { readonly [K in keyof Required<T>]: true }): OptionKeys {
  return Object.freeze(Object.keys(keys));
}

/**
 * The options type of parameter `I` of function `F`, for inline options types:
 * `optionKeys<OptionsOf<typeof mitigate, 2>>({ clip: true })` stays in step with the signature.
 */
export type OptionsOf<F extends (...args: never[]) => unknown, I extends number> = NonNullable<
  Parameters<F>[I]
>;

/** `OptionsOf` for a constructor. */
export type ConstructorOptionsOf<
  C extends abstract new (
    ...args: never[]
  ) => unknown,
  I extends number,
> = NonNullable<ConstructorParameters<C>[I]>;

/**
 * Several key lists as one (an options type that extends others).
 * @example
 * const ALL = mergeKeys(TENSOR_OPTIONS, ["seed", "rng"]);
 */
export function mergeKeys(...lists: readonly OptionKeys[]): OptionKeys {
  return Object.freeze([...new Set(lists.flat())]);
}

/** Edit distance of two short strings, a swap of neighbours counting as one edit (for "did you mean"). */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[x.length]![y.length]!;
}

/** The valid key closest to `key`, when it is close enough to be a likely typo. */
function closest(key: string, valid: OptionKeys): string | undefined {
  const norm = (s: string) => s.replace(/[_-]/g, "").toLowerCase();
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const v of valid) {
    const d = norm(v) === norm(key) ? 0 : editDistance(key, v);
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * Checks an options argument: `undefined` or a plain object whose own keys are all in `valid`
 * (values `undefined` are fine). Throws an ArgumentError naming the unknown key and the valid ones.
 * @example
 * checkOptions({ learning_rate: 0.1 }, ["lr", "betas"], "Adam");
 * // ArgumentError: Adam: unknown option 'learning_rate' (did you mean 'lr'?); valid options: lr, betas
 */
export function checkOptions(options: unknown, valid: OptionKeys, where: string): void {
  if (options === undefined) return;
  if (
    options === null ||
    typeof options !== "object" ||
    Array.isArray(options) ||
    ArrayBuffer.isView(options)
  ) {
    const list = valid.length > 0 ? `{ ${valid.join(", ")} }` : "{}";
    throw new ArgumentError(
      `${where}: options must be an object ${list}, got ${describe(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (valid.includes(key)) continue;
    const guess = closest(key, valid);
    const hint = guess === undefined ? "" : ` (did you mean '${guess}'?)`;
    const list = valid.length > 0 ? valid.join(", ") : "none";
    throw new ArgumentError(`${where}: unknown option '${key}'${hint}; valid options: ${list}`);
  }
}

/**
 * Checks that a call got at most `max` positional arguments (pass `arguments.length`, or the
 * length of a rest parameter).
 * @example
 * checkArity(arguments.length, 2, "Circuit.rx"); // c.rx(0, 0.5, 1) throws
 */
export function checkArity(count: number, max: number, where: string): void {
  if (count > max) {
    throw new ArgumentError(
      `${where}: expected at most ${max} argument${max === 1 ? "" : "s"}, got ${count}`,
    );
  }
}
