/**
 * The error of the QASM reader: a `ParseError` that carries the 1-based line and column of the
 * offending token, so the CLI and editors can point at it.
 */
import { ParseError } from "../../errors.js";

/** A position in QASM source text (1-based line and column). */
export interface SourcePos {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/**
 * A malformed or unsupported OpenQASM 2 program. The message starts with `line L, column C:`.
 * @example
 * try { parseQasm("qreg q[2];\nh q[5];"); } catch (e) { (e as QasmError).line; } // 2
 */
export class QasmError extends ParseError {
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column of the offending token. */
  readonly column: number;
  constructor(pos: SourcePos, message: string) {
    // tolerant of a missing position: an error class must not throw while being built
    const line = Number.isInteger(pos?.line) ? pos.line : 0;
    const column = Number.isInteger(pos?.column) ? pos.column : 0;
    super(`QASM line ${line}, column ${column}: ${message}`);
    this.line = line;
    this.column = column;
  }
}
