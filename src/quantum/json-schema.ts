/**
 * The building blocks of qoar's JSON input schemas (circuit JSON, noise models), on zod's mini
 * build (tree-shakable: about 18 kB in the browser bundle). Every schema carries its own
 * message, "expected <what>, got <value>", because zod mini ships no English messages; objects
 * are strict, so a misspelt key is an error naming the key and the valid keys; real numbers may
 * be numeric expressions (`"pi/4"`, read by `tryEvaluateExpression`). `parseJsonInput` turns
 * the first problem into a `ParseError` with its exact path, e.g. `operations[1].qubits[0]`.
 */
import * as z from "zod/mini";
import { describe, ParseError } from "../errors.js";
import { tryEvaluateExpression } from "../expression.js";

/** What a schema's error function receives: the issue's code and input, and for some codes more. */
interface IssueInfo {
  readonly code?: string;
  readonly input?: unknown;
  readonly keys?: readonly string[];
  readonly note?: string;
}

/** "got ..." for an error message: the value, or that the field is missing. */
function got(input: unknown): string {
  return input === undefined ? "nothing (the field is missing)" : describe(input);
}

/**
 * A zod error function whose message is `expected <what>, got <value>`.
 * @example
 * z.boolean({ error: expecting("true or false") });
 */
export function expecting(what: string): (issue: IssueInfo) => string {
  return (issue) => `expected ${what}, got ${got(issue.input)}`;
}

/**
 * A strict object schema: unknown keys are an error naming them and the valid keys; a
 * non-object is "expected <what>".
 * @example
 * strictObject({ qubits: z.array(nonNegativeInt) }, "a readout entry");
 */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S, what = "an object") {
  const valid = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue: IssueInfo) => {
      if (issue.code === "unrecognized_keys") {
        const keys = (issue.keys ?? []).map((k) => JSON.stringify(k)).join(", ");
        const s = (issue.keys?.length ?? 0) > 1 ? "s" : "";
        return `unknown key${s} ${keys}; valid keys: ${valid}`;
      }
      return `expected ${what}, got ${got(issue.input)}`;
    },
  });
}

/**
 * A discriminated union on `key` whose unknown discriminator reads "expected one of the values".
 * @example
 * tagged("kind", [gateSchema, channelSchema], ['"gate"', '"channel"']);
 */
export function tagged<
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(key: string, options: T, values: readonly string[]) {
  const list =
    values.length > 1 ? `${values.slice(0, -1).join(", ")} or ${values.at(-1)}` : values[0];
  return z.discriminatedUnion(key, options, {
    error: (issue: IssueInfo) => {
      const input = issue.input;
      if (input === null || typeof input !== "object" || Array.isArray(input))
        return `expected an object, got ${got(input)}`;
      return `expected ${list}, got ${got((input as Record<string, unknown>)[key])}`;
    },
  });
}

/** An integer >= 0. */
export const nonNegativeInt = z
  .int({ error: expecting("a non-negative integer") })
  .check(z.nonnegative({ error: expecting("a non-negative integer") }));

/**
 * An integer in [min, max] (max omitted: no upper bound).
 * @example
 * intIn(1, 30); // nQubits
 */
export function intIn(min: number, max?: number) {
  const what = max === undefined ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  const int = z.int({ error: expecting(what) }).check(z.minimum(min, { error: expecting(what) }));
  return max === undefined ? int : int.check(z.maximum(max, { error: expecting(what) }));
}

/** A non-empty string. */
export const nonEmptyString = z
  .string({ error: expecting("a non-empty string") })
  .check(z.minLength(1, { error: expecting("a non-empty string") }));

/** `true` or `false`. */
export const bool = z.boolean({ error: expecting("true or false") });

const REAL = 'a finite number or a number expression such as "pi/4"';

/** A finite real number, given as a JSON number or as a numeric expression string (`"pi/4"`). */
export const realNumber = z.pipe(
  z.union([z.number(), z.string()], { error: expecting(REAL) }),
  z.transform((v: number | string, ctx) => {
    if (typeof v === "number") {
      if (Number.isFinite(v)) return v;
      ctx.issues.push({
        code: "custom",
        input: v,
        message: `expected ${REAL}, got ${describe(v)}`,
      });
      return z.NEVER;
    }
    const r = tryEvaluateExpression(v);
    if (r.reason === undefined) return r.value;
    ctx.issues.push({
      code: "custom",
      input: v,
      message: `expected ${REAL}, got ${describe(v)} (${r.reason})`,
    });
    return z.NEVER;
  }),
);

/**
 * An array of `item` with a message naming what the array holds.
 * @example
 * arrayOf(nonNegativeInt, "an array of qubit indices");
 */
export function arrayOf<T extends z.core.SomeType>(item: T, what: string) {
  return z.array(item, { error: expecting(what) });
}

/**
 * A zod issue path as qoar writes it: `operations[1].qubits[0]`, `(root)` for the top.
 * @example
 * formatPath(["operations", 1, "qubits", 0]); // "operations[1].qubits[0]"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out === "" ? "(root)" : out;
}

/**
 * `data` checked against `schema`, or a `ParseError` `"<where>: <path>: <message>"` for the first
 * problem found.
 * @example
 * const model = parseJsonInput(noiseModelSchema, data, "NoiseModel.fromJSON");
 */
export function parseJsonInput<T extends z.core.$ZodType>(
  schema: T,
  data: unknown,
  where: string,
): z.output<T> {
  const r = z.safeParse(schema, data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ParseError(`${where}: ${formatPath(issue.path)}: ${issue.message}`);
}
