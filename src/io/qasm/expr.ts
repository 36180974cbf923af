/**
 * Parameter expressions of OpenQASM 2 (`pi/4`, `-theta/2`, `2*sin(x)^2`): a small AST, built by
 * the parser, and its evaluation. Gate bodies keep the AST and evaluate it at each use with the
 * call's parameter values bound.
 */
import { QasmError, type SourcePos } from "./errors.js";

/** The unary functions of OpenQASM 2. */
export const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  ln: Math.log,
  sqrt: Math.sqrt,
};

/** An expression node; every node keeps its source position for error messages. */
export type Expr =
  | { readonly kind: "num"; readonly value: number; readonly pos: SourcePos }
  | { readonly kind: "param"; readonly name: string; readonly pos: SourcePos }
  | { readonly kind: "neg"; readonly arg: Expr; readonly pos: SourcePos }
  | { readonly kind: "call"; readonly fn: string; readonly arg: Expr; readonly pos: SourcePos }
  | {
      readonly kind: "bin";
      readonly op: "+" | "-" | "*" | "/" | "^";
      readonly left: Expr;
      readonly right: Expr;
      readonly pos: SourcePos;
    };

/**
 * Evaluates an expression with the given parameter values (a gate body's formal parameters).
 * Throws `QasmError` on an unbound parameter or a non-finite result.
 * @example
 * evalExpr({ kind: "num", value: 2, pos: { line: 1, column: 1 } }, new Map()); // 2
 */
export function evalExpr(e: Expr, env: ReadonlyMap<string, number>): number {
  const v = evalNode(e, env);
  if (!Number.isFinite(v)) {
    throw new QasmError(e.pos, `expression evaluates to ${v}, expected a finite number`);
  }
  return v;
}

function evalNode(e: Expr, env: ReadonlyMap<string, number>): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "param": {
      const v = env.get(e.name);
      if (v === undefined) throw new QasmError(e.pos, `unknown parameter "${e.name}"`);
      return v;
    }
    case "neg":
      return -evalNode(e.arg, env);
    case "call":
      return FUNCTIONS[e.fn]!(evalNode(e.arg, env));
    case "bin": {
      const a = evalNode(e.left, env);
      const b = evalNode(e.right, env);
      switch (e.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
        case "^":
          return a ** b;
      }
    }
  }
}
