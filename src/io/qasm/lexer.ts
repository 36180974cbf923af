/**
 * The OpenQASM 2 lexer: source text to tokens, each with its line and column. Comments (`//` to
 * the end of the line, and `/* ... *\/`) and whitespace are dropped.
 */
import { QasmError, type SourcePos } from "./errors.js";

/** The kinds of token; `symbol` covers punctuation and operators. */
export type TokenKind = "id" | "real" | "int" | "string" | "symbol" | "eof";

/** One token: its kind, its text (a string's text is without the quotes) and its position. */
export interface Token extends SourcePos {
  /** Token category. */
  readonly kind: TokenKind;
  /** Source text (strings without their quotes). */
  readonly text: string;
}

// Longest first, so "->" and "==" win over "-" and "=".
const SYMBOLS = ["->", "==", ";", ",", "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "^"];

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdPart = (c: string) => isIdStart(c) || isDigit(c);

/**
 * Shows a token in an error message.
 * @example
 * showToken(tokenize("h")[0]!); // '"h"'
 */
export function showToken(t: Token): string {
  return t.kind === "eof" ? "end of input" : JSON.stringify(t.text);
}

/**
 * Splits OpenQASM 2 source into tokens; the last token is `eof`.
 * @example
 * tokenize("h q[0];").map((t) => t.text); // ["h", "q", "[", "0", "]", ";", ""]
 */
export function tokenize(src: string): Token[] {
  if (typeof src !== "string") {
    throw new QasmError({ line: 1, column: 1 }, `source must be a string, got ${typeof src}`);
  }
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\uFEFF") {
      i++;
      continue;
    }
    const pos = { line, column: i - lineStart + 1 };
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) throw new QasmError(pos, "unterminated comment: expected */");
      for (let j = i; j < end; j++) {
        if (src[j] === "\n") {
          line++;
          lineStart = j + 1;
        }
      }
      i = end + 2;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdPart(src[j]!)) j++;
      out.push({ kind: "id", text: src.slice(i, j), ...pos });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(src[i + 1] ?? ""))) {
      let j = i;
      while (j < n && isDigit(src[j]!)) j++;
      let kind: TokenKind = "int";
      if (src[j] === ".") {
        kind = "real";
        j++;
        while (j < n && isDigit(src[j]!)) j++;
      }
      if (src[j] === "e" || src[j] === "E") {
        let k = j + 1;
        if (src[k] === "+" || src[k] === "-") k++;
        if (isDigit(src[k] ?? "")) {
          kind = "real";
          j = k;
          while (j < n && isDigit(src[j]!)) j++;
        }
      }
      out.push({ kind, text: src.slice(i, j), ...pos });
      i = j;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      const nl = src.indexOf("\n", i + 1);
      if (end < 0 || (nl >= 0 && nl < end))
        throw new QasmError(pos, 'unterminated string: expected "');
      out.push({ kind: "string", text: src.slice(i + 1, end), ...pos });
      i = end + 1;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (sym === undefined) {
      throw new QasmError(pos, `unexpected character ${JSON.stringify(c)}`);
    }
    out.push({ kind: "symbol", text: sym, ...pos });
    i += sym.length;
  }
  out.push({ kind: "eof", text: "", line, column: n - lineStart + 1 });
  return out;
}
