/**
 * Numeric expressions where a user writes one real number: an angle `"pi/4"` in circuit JSON, a
 * bond length `--from "0.5*1.4"` on the command line. They are read by a mathjs instance made
 * with only the constants, operators and functions below (mathjs's number-only build), and a
 * whitelist walk of the parsed tree refuses anything else: names other than the constants (no
 * variables), assignments, matrices, units, strings, and results that are not finite real
 * numbers (`1/0`, `sqrt(-1)`).
 *
 * mathjs is loaded on the first expression, not imported: its entry builds every mathjs function
 * when imported (about a second on a busy machine, four times qoar's own load time), which
 * `import "qoar"` and every `qoar` command would pay. It is required through
 * `process.getBuiltinModule` (Node >= 20.16), so the library still bundles for browsers; there,
 * expressions throw a `ResourceError` that says to write the number itself.
 */
import type * as Mathjs from "mathjs/number";
import type { MathNode } from "mathjs/number";
import { ArgumentError, describe, ResourceError } from "./errors.js";

type MathInstance = ReturnType<typeof Mathjs.create>;

let math: MathInstance | undefined;

/** The restricted mathjs instance, made on first use. */
function mathjs(): MathInstance {
  if (math !== undefined) return math;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== "function") {
    throw new ResourceError(
      "numeric expressions load mathjs on first use and need Node (>= 20.16, with " +
        "process.getBuiltinModule); here, write the number itself (e.g. 0.7853981633974483 for pi/4)",
    );
  }
  const { createRequire } = proc.getBuiltinModule("node:module") as {
    createRequire(from: string): (id: string) => unknown;
  };
  const m = createRequire(import.meta.url)("mathjs/number") as typeof Mathjs;
  math = m.create({
    parseDependencies: m.parseDependencies,
    piDependencies: m.piDependencies,
    eDependencies: m.eDependencies,
    tauDependencies: m.tauDependencies,
    addDependencies: m.addDependencies,
    subtractDependencies: m.subtractDependencies,
    multiplyDependencies: m.multiplyDependencies,
    divideDependencies: m.divideDependencies,
    powDependencies: m.powDependencies,
    unaryMinusDependencies: m.unaryMinusDependencies,
    unaryPlusDependencies: m.unaryPlusDependencies,
    absDependencies: m.absDependencies,
    sqrtDependencies: m.sqrtDependencies,
    cbrtDependencies: m.cbrtDependencies,
    expDependencies: m.expDependencies,
    logDependencies: m.logDependencies,
    log2Dependencies: m.log2Dependencies,
    log10Dependencies: m.log10Dependencies,
    sinDependencies: m.sinDependencies,
    cosDependencies: m.cosDependencies,
    tanDependencies: m.tanDependencies,
    asinDependencies: m.asinDependencies,
    acosDependencies: m.acosDependencies,
    atanDependencies: m.atanDependencies,
    atan2Dependencies: m.atan2Dependencies,
    sinhDependencies: m.sinhDependencies,
    coshDependencies: m.coshDependencies,
    tanhDependencies: m.tanhDependencies,
  });
  return math;
}

/** The names an expression may use as values. */
export const EXPRESSION_CONSTANTS: readonly string[] = ["pi", "e", "tau"];

/** The functions an expression may call (`log(x)` is natural, `log(x, b)` to base b). */
export const EXPRESSION_FUNCTIONS: readonly string[] = [
  "abs",
  "sqrt",
  "cbrt",
  "exp",
  "log",
  "log2",
  "log10",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "atan2",
  "sinh",
  "cosh",
  "tanh",
];

/** mathjs's names for `+ - * / ^` and the signs. */
const OPERATORS = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
]);

/** Why `node` is not a plain numeric expression (its first offending part), or undefined. */
function refusal(node: MathNode): string | undefined {
  let why: string | undefined;
  node.traverse((n, _path, parent) => {
    if (why !== undefined) return;
    switch (n.type) {
      case "ConstantNode":
        if (typeof (n as MathNode & { value: unknown }).value !== "number")
          why = `${n.toString()} is not a number`;
        return;
      case "ParenthesisNode":
        return;
      case "OperatorNode": {
        const op = n as MathNode & { fn: string; op: string };
        if (!OPERATORS.has(op.fn)) why = `the operator ${JSON.stringify(op.op)} is not allowed`;
        return;
      }
      case "FunctionNode": {
        const fn = (n as MathNode & { fn: MathNode & { name?: string } }).fn;
        if (fn.type !== "SymbolNode" || !EXPRESSION_FUNCTIONS.includes(fn.name ?? ""))
          why = `unknown function ${JSON.stringify(fn.toString())} (functions: ${EXPRESSION_FUNCTIONS.join(", ")})`;
        return;
      }
      case "SymbolNode": {
        const name = (n as MathNode & { name: string }).name;
        const called =
          parent?.type === "FunctionNode" && (parent as MathNode & { fn: MathNode }).fn === n;
        if (!called && !EXPRESSION_CONSTANTS.includes(name))
          why = `unknown name ${JSON.stringify(name)} (names: ${EXPRESSION_CONSTANTS.join(", ")})`;
        return;
      }
      default:
        why = `${JSON.stringify(n.toString())} (${n.type}) is not part of a numeric expression`;
    }
  });
  return why;
}

/** What `tryEvaluateExpression` gives: the value, or the reason there is none. */
export type ExpressionResult =
  | {
      /** The expression's finite real value. */
      value: number;
      /** Absent when there is a value. */
      reason?: undefined;
    }
  | {
      /** Absent when there is no value. */
      value?: undefined;
      /** Why the expression has no finite real value (parser message, refused part, ...). */
      reason: string;
    };

/** A decimal literal such as `1000`, `-0.735` or `1e-3`, which `Number()` reads exactly as mathjs would. */
const PLAIN_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * The value of a numeric expression, or why it has none: the parser's complaint, the first part
 * outside the allowed constants, operators and functions, or a result that is not a finite real.
 * Throws only `ResourceError`, where mathjs cannot be loaded (a browser).
 * @example
 * tryEvaluateExpression("pi/4"); // { value: 0.7853981633974483 }
 * tryEvaluateExpression("2*theta"); // { reason: 'unknown name "theta" (names: pi, e, tau)' }
 */
export function tryEvaluateExpression(expression: string): ExpressionResult {
  if (typeof expression !== "string") return { reason: `${describe(expression)} is not text` };
  if (expression.trim() === "") return { reason: "it is empty" };
  // a plain decimal number needs no parser: most flags (--seed 1, --shots 1000) are one, and
  // loading mathjs costs most of a second at CLI start
  if (PLAIN_NUMBER.test(expression)) return { value: Number(expression) };
  const parser = mathjs(); // a ResourceError without Node, not a reason about the expression
  let node: MathNode;
  try {
    node = parser.parse(expression);
  } catch (e) {
    return { reason: (e as Error).message };
  }
  const why = refusal(node);
  if (why !== undefined) return { reason: why };
  let value: unknown;
  try {
    value = node.compile().evaluate({});
  } catch (e) {
    return { reason: (e as Error).message };
  }
  if (typeof value !== "number" || !Number.isFinite(value))
    return { reason: `its value ${describe(value)} is not a finite real number` };
  return { value };
}

/**
 * A finite real number from a number or a numeric expression such as `"pi/4"`, `"-3*pi/8"`,
 * `"2 * asin(sqrt(0.3))"` or `"1e-3"`: the constants pi, e and tau, `+ - * / ^`, parentheses and
 * the functions of {@link EXPRESSION_FUNCTIONS}; no variables. Throws `ArgumentError` naming
 * `name` and the expression otherwise.
 * @example
 * evaluateExpression("-3*pi/8"); // -1.1780972450961724
 * evaluateExpression("pi/x", "--from"); // throws ArgumentError: --from: "pi/x" is not a finite real number (unknown name "x" ...)
 */
export function evaluateExpression(expression: string | number, name = "expression"): number {
  if (typeof expression === "number") {
    if (Number.isFinite(expression)) return expression;
    throw new ArgumentError(`${name}: expected a finite real number, got ${describe(expression)}`);
  }
  const r = tryEvaluateExpression(expression);
  if (r.reason !== undefined)
    throw new ArgumentError(
      `${name}: ${describe(expression)} is not a finite real number (${r.reason})`,
    );
  return r.value;
}
