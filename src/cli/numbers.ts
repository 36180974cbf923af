/**
 * Numbers from command-line flags. Each may be a numeric expression (`--from "0.74*2"`,
 * `--tolerance 1e-8`, `--shots 2^10`), read by `evaluateExpression` (mathjs, no variables);
 * what is not a finite real number is an ArgumentError naming the flag and the text.
 */
import { ArgumentError } from "../errors.js";
import { evaluateExpression } from "../expression.js";

/**
 * The real number a flag's text gives, or undefined when the flag is absent.
 * @example
 * realFlag("pi/4", "--angle"); // 0.7853981633974483
 */
export function realFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  return evaluateExpression(text, flag);
}

/**
 * The integer (>= `min`) a flag's text gives, or undefined when the flag is absent;
 * `expected` words the requirement in the error ("a positive integer").
 * @example
 * integerFlag("2^10", "--shots", 1); // 1024
 */
export function integerFlag(
  text: string | undefined,
  flag: string,
  min: number,
  expected = `an integer >= ${min}`,
): number | undefined {
  const v = realFlag(text, flag);
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < min)
    throw new ArgumentError(`${flag} must be ${expected}, got ${JSON.stringify(text)}`);
  return v;
}
