/**
 * The OpenQASM 2 reader: a recursive-descent parser over `tokenize`'s tokens that checks names
 * and arities as it goes, expands user `gate` definitions at each use (binding their parameters)
 * and broadcasts gates over registers, producing a `QasmProgram` of built-in gates.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { QasmError, type SourcePos } from "./errors.js";
import { type Expr, evalExpr, FUNCTIONS } from "./expr.js";
import type {
  QasmGateOp,
  QasmIfOp,
  QasmMeasureOp,
  QasmOp,
  QasmProgram,
  QasmRegister,
  QasmResetOp,
  QasmWarning,
} from "./ir.js";
import { showToken, type Token, tokenize } from "./lexer.js";
import { BUILTIN_GATES, type BuiltinGate, CORE_GATES } from "./qelib1.js";

/**
 * Qubits a program may declare in all registers together, unless `ParseQasmOptions.maxQubits`
 * says otherwise: far more than a state vector holds (each backend refuses what it cannot hold,
 * with a `ResourceError`), enough for the 100-qubit files a matrix-product-state backend runs.
 */
export const QASM_MAX_QUBITS = 1024;

/**
 * Classical bits a program may declare in all registers together, unless
 * `ParseQasmOptions.maxClbits` says otherwise: four per qubit at the qubit limit (files that
 * measure into a register per round need more bits than qubits).
 */
export const QASM_MAX_CLBITS = 4 * QASM_MAX_QUBITS;

/** Limits that keep hostile input from exhausting time, memory or the call stack. */
export const QASM_LIMITS = {
  /** Operations after expansion and broadcasting. */
  maxOps: 5_000_000,
  /** Nesting of user gate definitions (a gate calling a gate calling ...). */
  maxGateDepth: 200,
  /** Nesting of parentheses and function calls in one parameter expression. */
  maxExprDepth: 100,
  /** Nodes in one parameter expression. */
  maxExprNodes: 2000,
  /** Qubits in all registers together, by default (`QASM_MAX_QUBITS`). */
  maxQubits: QASM_MAX_QUBITS,
  /** Classical bits in all registers together, by default (`QASM_MAX_CLBITS`). */
  maxClbits: QASM_MAX_CLBITS,
  /** The most that the `maxQubits` and `maxClbits` options may allow. */
  maxBits: 1 << 24,
} as const;

const RESERVED = new Set([
  "OPENQASM",
  "include",
  "qreg",
  "creg",
  "gate",
  "opaque",
  "barrier",
  "measure",
  "reset",
  "if",
  "pi",
  "U",
  "CX",
  ...Object.keys(FUNCTIONS),
]);

/** A statement in a gate body: qubit arguments are indices into the gate's formal qubits. */
interface BodyStmt {
  readonly kind: "gate" | "barrier";
  readonly name: string;
  readonly args: readonly number[];
  readonly params: readonly Expr[];
  readonly pos: SourcePos;
}

interface UserGate {
  readonly user: true;
  readonly name: string;
  readonly params: readonly string[];
  readonly nQubits: number;
  readonly nParams: number;
  /** null for `opaque`. */
  readonly body: readonly BodyStmt[] | null;
  readonly depth: number;
  /** How many built-in gates one application expands to (may be huge; checked at use). */
  readonly size: number;
}

type GateInfo = (BuiltinGate & { readonly user?: false }) | UserGate;

/** An argument outside a gate body: one qubit/bit, or a whole register. */
interface Arg {
  readonly reg: QasmRegister;
  /** undefined for the whole register. */
  readonly index: number | undefined;
  readonly pos: SourcePos;
}

type Simple = QasmGateOp | QasmMeasureOp | QasmResetOp;

/** How many qubits and classical bits a program may declare. */
interface BitLimits {
  readonly maxQubits: number;
  readonly maxClbits: number;
}

class Parser {
  private i = 0;
  private readonly gates = new Map<string, GateInfo>(Object.entries(CORE_GATES));
  private readonly qregs: QasmRegister[] = [];
  private readonly cregs: QasmRegister[] = [];
  /** Every register by name (a lookup per argument: no scan over the registers). */
  private readonly registers = new Map<string, { reg: QasmRegister; quantum: boolean }>();
  private readonly ops: QasmOp[] = [];
  private nQubits = 0;
  private nClbits = 0;
  private exprNodes = 0;
  private exprDepth = 0;
  private readonly warnings: QasmWarning[] = [];
  /** Undeclared register names already repaired (one warning each). */
  private readonly repaired = new Map<string, QasmRegister>();

  constructor(
    private readonly toks: Token[],
    private readonly strict: boolean,
    private readonly limits: BitLimits,
  ) {}

  program(): QasmProgram {
    if (this.peek().text === "OPENQASM" && this.peek().kind === "id") this.header();
    while (this.peek().kind !== "eof") this.statement();
    return {
      nQubits: this.nQubits,
      nClbits: this.nClbits,
      qregs: this.qregs,
      cregs: this.cregs,
      ops: this.ops,
      warnings: this.warnings,
    };
  }

  // --- token helpers ----------------------------------------------------------------------------
  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.i++;
    return t;
  }
  private fail(t: Token, expected: string): never {
    throw new QasmError(t, `expected ${expected}, found ${showToken(t)}`);
  }
  private isSym(text: string): boolean {
    const t = this.peek();
    return t.kind === "symbol" && t.text === text;
  }
  private sym(text: string, what = `"${text}"`): Token {
    const t = this.next();
    if (t.kind !== "symbol" || t.text !== text) this.fail(t, what);
    return t;
  }
  private ident(what: string): Token {
    const t = this.next();
    if (t.kind !== "id") this.fail(t, what);
    return t;
  }
  private newName(what: string): Token {
    const t = this.ident(what);
    if (RESERVED.has(t.text))
      throw new QasmError(t, `"${t.text}" is a reserved word, expected ${what}`);
    return t;
  }
  private int(what: string): number {
    const t = this.next();
    if (t.kind !== "int") this.fail(t, what);
    const v = Number(t.text);
    if (!Number.isSafeInteger(v)) throw new QasmError(t, `integer ${t.text} is too large`);
    return v;
  }

  // --- statements -------------------------------------------------------------------------------
  private header(): void {
    this.next();
    const v = this.next();
    if ((v.kind !== "real" && v.kind !== "int") || Math.floor(Number(v.text)) !== 2) {
      this.fail(v, "version 2.0 after OPENQASM");
    }
    this.sym(";");
  }

  private statement(): void {
    const t = this.peek();
    if (t.kind !== "id") this.fail(t, "a statement");
    switch (t.text) {
      case "OPENQASM":
        throw new QasmError(t, "OPENQASM must be the first statement");
      case "include":
        this.include();
        return;
      case "qreg":
      case "creg":
        this.register(t.text === "qreg");
        return;
      case "gate":
      case "opaque":
        this.gateDecl(t.text === "opaque");
        return;
      case "barrier":
        this.barrier();
        return;
      case "if":
        this.conditional();
        return;
      default:
        for (const op of this.qop()) this.push(op);
    }
  }

  private push(op: QasmOp): void {
    if (this.ops.length >= QASM_LIMITS.maxOps) {
      throw new QasmError(
        { line: op.line, column: 1 },
        `program expands to more than ${QASM_LIMITS.maxOps} operations`,
      );
    }
    this.ops.push(op);
  }

  private include(): void {
    this.next();
    const f = this.next();
    if (f.kind !== "string") this.fail(f, 'a file name in quotes, "qelib1.inc"');
    if (f.text !== "qelib1.inc") {
      throw new QasmError(f, `cannot include "${f.text}": only "qelib1.inc" is supported`);
    }
    this.sym(";");
    for (const [name, gate] of Object.entries(BUILTIN_GATES)) {
      const prev = this.gates.get(name);
      if (prev?.user && gate.qelib1) {
        throw new QasmError(f, `qelib1.inc redefines gate "${name}" defined earlier`);
      }
      if (!prev) this.gates.set(name, gate);
    }
  }

  private register(quantum: boolean): void {
    this.next();
    const name = this.newName("a register name");
    if (this.findReg(name.text))
      throw new QasmError(name, `register "${name.text}" is already declared`);
    this.sym("[");
    const sizeTok = this.peek();
    const size = this.int("a register size (a positive integer)");
    if (size < 1)
      throw new QasmError(sizeTok, `register size ${size}, expected a positive integer`);
    this.sym("]");
    this.sym(";");
    const start = quantum ? this.nQubits : this.nClbits;
    this.checkBitLimit(sizeTok, quantum, start + size, `register "${name.text}" of ${size}`);
    this.addRegister({ name: name.text, start, size }, quantum);
  }

  /** Throws when `total` qubits (classical bits) in all exceed the limit; `what` names the cause. */
  private checkBitLimit(at: SourcePos, quantum: boolean, total: number, what: string): void {
    const limit = quantum ? this.limits.maxQubits : this.limits.maxClbits;
    if (total <= limit) return;
    const bits = quantum ? "qubits" : "classical bits";
    const constant = quantum ? "QASM_MAX_QUBITS" : "QASM_MAX_CLBITS";
    const option = quantum ? "maxQubits" : "maxClbits";
    throw new QasmError(
      at,
      `${what} ${bits} makes ${total} ${bits} in all, more than the limit of ${limit} (${constant} = ${quantum ? QASM_MAX_QUBITS : QASM_MAX_CLBITS}; parseQasm's ${option} option changes it)`,
    );
  }

  private addRegister(reg: QasmRegister, quantum: boolean): void {
    this.registers.set(reg.name, { reg, quantum });
    if (quantum) {
      this.qregs.push(reg);
      this.nQubits += reg.size;
    } else {
      this.cregs.push(reg);
      this.nClbits += reg.size;
    }
  }

  private findReg(name: string): { reg: QasmRegister; quantum: boolean } | undefined {
    return this.registers.get(name);
  }

  // --- gate declarations ------------------------------------------------------------------------
  private gateDecl(opaque: boolean): void {
    this.next();
    const name = this.newName("a gate name");
    const prev = this.gates.get(name.text);
    if (prev && (prev.user || prev.qelib1)) {
      throw new QasmError(name, `gate "${name.text}" is already defined`);
    }
    const params: string[] = [];
    if (this.isSym("(")) {
      this.next();
      if (!this.isSym(")")) {
        for (;;) {
          const p = this.newName("a parameter name");
          if (params.includes(p.text)) throw new QasmError(p, `parameter "${p.text}" repeated`);
          params.push(p.text);
          if (!this.isSym(",")) break;
          this.next();
        }
      }
      this.sym(")", '")" or ","');
    }
    const qargs: string[] = [];
    for (;;) {
      const q = this.newName("a qubit argument name");
      if (qargs.includes(q.text) || params.includes(q.text)) {
        throw new QasmError(q, `argument name "${q.text}" repeated`);
      }
      qargs.push(q.text);
      if (!this.isSym(",")) break;
      this.next();
    }
    let body: BodyStmt[] | null = null;
    let depth = 1;
    let size = 0;
    if (opaque) this.sym(";");
    else {
      this.sym("{");
      body = [];
      while (!this.isSym("}")) {
        const s = this.bodyStmt(params, qargs);
        body.push(s);
        const callee = this.gates.get(s.name);
        if (callee?.user) {
          depth = Math.max(depth, callee.depth + 1);
          size += callee.size;
        } else if (s.kind === "gate") size += 1;
      }
      this.next();
    }
    if (depth > QASM_LIMITS.maxGateDepth) {
      throw new QasmError(
        name,
        `gate "${name.text}" nests more than ${QASM_LIMITS.maxGateDepth} gate definitions`,
      );
    }
    this.gates.set(name.text, {
      user: true,
      name: name.text,
      params,
      nParams: params.length,
      nQubits: qargs.length,
      body,
      depth,
      size,
    });
  }

  private bodyStmt(params: string[], qargs: string[]): BodyStmt {
    const t = this.peek();
    if (t.kind !== "id") this.fail(t, 'a gate application or "}"');
    const argList = (): number[] => {
      const out: number[] = [];
      for (;;) {
        const a = this.ident("a qubit argument");
        const k = qargs.indexOf(a.text);
        if (k < 0) throw new QasmError(a, `"${a.text}" is not an argument of this gate`);
        if (this.isSym("["))
          throw new QasmError(this.peek(), "qubit arguments inside a gate body cannot be indexed");
        if (out.includes(k)) throw new QasmError(a, `qubit argument "${a.text}" used twice`);
        out.push(k);
        if (!this.isSym(",")) break;
        this.next();
      }
      this.sym(";", '";" or ","');
      return out;
    };
    if (t.text === "barrier") {
      this.next();
      return { kind: "barrier", name: "barrier", args: argList(), params: [], pos: t };
    }
    if (t.text === "measure" || t.text === "reset" || t.text === "if") {
      throw new QasmError(t, `"${t.text}" is not allowed inside a gate body`);
    }
    const { gate, params: exprs } = this.gateHead(params);
    const args = argList();
    this.checkArity(t, gate, exprs.length, args.length);
    return { kind: "gate", name: t.text, args, params: exprs, pos: t };
  }

  /** Reads `name` or `name(expr, ...)`; returns the gate and the parameter expressions. */
  private gateHead(scope: readonly string[]): { gate: GateInfo; params: Expr[] } {
    const t = this.next();
    const gate = this.gates.get(t.text);
    if (!gate) {
      const hint = BUILTIN_GATES[t.text] ? ' (add include "qelib1.inc";)' : "";
      throw new QasmError(t, `unknown gate "${t.text}"${hint}`);
    }
    const params: Expr[] = [];
    if (this.isSym("(")) {
      this.next();
      if (!this.isSym(")")) {
        for (;;) {
          this.exprNodes = 0;
          this.exprDepth = 0;
          params.push(this.expr(scope));
          if (!this.isSym(",")) break;
          this.next();
        }
      }
      this.sym(")", '")" or ","');
    }
    return { gate, params };
  }

  private checkArity(t: Token, gate: GateInfo, nParams: number, nQubits: number): void {
    if (nParams !== gate.nParams) {
      throw new QasmError(t, `gate "${t.text}" takes ${gate.nParams} parameter(s), got ${nParams}`);
    }
    if (nQubits !== gate.nQubits) {
      throw new QasmError(t, `gate "${t.text}" acts on ${gate.nQubits} qubit(s), got ${nQubits}`);
    }
  }

  // --- expressions ------------------------------------------------------------------------------
  private node<E extends Expr>(e: E): E {
    if (++this.exprNodes > QASM_LIMITS.maxExprNodes) {
      throw new QasmError(e.pos, `expression longer than ${QASM_LIMITS.maxExprNodes} terms`);
    }
    return e;
  }

  private expr(scope: readonly string[]): Expr {
    let left = this.term(scope);
    while (this.isSym("+") || this.isSym("-")) {
      const op = this.next();
      const right = this.term(scope);
      left = this.node({ kind: "bin", op: op.text as "+" | "-", left, right, pos: op });
    }
    return left;
  }

  private term(scope: readonly string[]): Expr {
    let left = this.unary(scope);
    while (this.isSym("*") || this.isSym("/")) {
      const op = this.next();
      const right = this.unary(scope);
      left = this.node({ kind: "bin", op: op.text as "*" | "/", left, right, pos: op });
    }
    return left;
  }

  private unary(scope: readonly string[]): Expr {
    // Every nesting (parentheses, function calls, signs, powers) passes here: bound the recursion.
    if (++this.exprDepth > QASM_LIMITS.maxExprDepth) {
      throw new QasmError(
        this.peek(),
        `expression nested deeper than ${QASM_LIMITS.maxExprDepth} levels`,
      );
    }
    let out: Expr;
    if (this.isSym("-") || this.isSym("+")) {
      const op = this.next();
      const arg = this.unary(scope);
      out = op.text === "-" ? this.node({ kind: "neg", arg, pos: op }) : arg;
    } else {
      out = this.primary(scope);
      if (this.isSym("^")) {
        const op = this.next();
        const right = this.unary(scope);
        out = this.node({ kind: "bin", op: "^", left: out, right, pos: op });
      }
    }
    this.exprDepth--;
    return out;
  }

  private primary(scope: readonly string[]): Expr {
    const t = this.next();
    if (t.kind === "int" || t.kind === "real") {
      return this.node({ kind: "num", value: Number(t.text), pos: t });
    }
    if (t.kind === "symbol" && t.text === "(") {
      const e = this.expr(scope);
      this.sym(")", '")"');
      return e;
    }
    if (t.kind === "id") {
      if (t.text === "pi") return this.node({ kind: "num", value: Math.PI, pos: t });
      if (FUNCTIONS[t.text]) {
        this.sym("(", `"(" after ${t.text}`);
        const arg = this.expr(scope);
        this.sym(")", '")"');
        return this.node({ kind: "call", fn: t.text, arg, pos: t });
      }
      if (scope.includes(t.text)) return this.node({ kind: "param", name: t.text, pos: t });
      throw new QasmError(t, `unknown identifier "${t.text}" in an expression`);
    }
    return this.fail(t, "a number, pi, a parameter, a function or (");
  }

  // --- operations outside gate bodies -----------------------------------------------------------
  private arg(quantum: boolean, inMeasure = false): Arg {
    const t = this.ident(quantum ? "a qubit register" : "a classical register");
    const found =
      this.findReg(t.text) ?? (inMeasure ? this.repairMeasureArg(t, quantum) : undefined);
    if (!found) throw new QasmError(t, `unknown register "${t.text}"`);
    if (found.quantum !== quantum) {
      throw new QasmError(
        t,
        `"${t.text}" is a ${found.quantum ? "qubit" : "classical"} register, expected a ${quantum ? "qubit" : "classical"} one`,
      );
    }
    let index: number | undefined;
    if (this.isSym("[")) {
      this.next();
      const it = this.peek();
      index = this.int("an index");
      if (index >= found.reg.size) {
        throw new QasmError(
          it,
          `index ${index} out of range for register "${t.text}" of size ${found.reg.size}`,
        );
      }
      this.sym("]");
    }
    return { reg: found.reg, index, pos: t };
  }

  /**
   * Lenient reading of `measure` into undeclared registers (QASMBench's vqe_uccsd files end with
   * `measure q[i] -> c[i];` but declare only `qreg reg[n];`): an undeclared qubit register is
   * read as the program's only qubit register, an undeclared classical register is declared
   * with one bit per qubit. Each repair adds one warning; `strict` refuses instead.
   */
  private repairMeasureArg(
    t: Token,
    quantum: boolean,
  ): { reg: QasmRegister; quantum: boolean } | undefined {
    if (this.strict || RESERVED.has(t.text)) return undefined;
    const key = `${quantum ? "q" : "c"}:${t.text}`;
    const known = this.repaired.get(key);
    if (known) return { reg: known, quantum };
    let reg: QasmRegister;
    let message: string;
    if (quantum) {
      if (this.qregs.length !== 1) return undefined;
      reg = this.qregs[0]!;
      message = `measure uses the undeclared qubit register "${t.text}"; read as "${reg.name}", the only qubit register`;
    } else {
      if (this.nQubits < 1) return undefined;
      reg = { name: t.text, start: this.nClbits, size: this.nQubits };
      this.checkBitLimit(
        t,
        false,
        this.nClbits + reg.size,
        `the undeclared register "${t.text}" read as creg ${t.text}[${reg.size}] of ${reg.size}`,
      );
      this.addRegister(reg, false);
      message = `measure writes to the undeclared classical register "${t.text}"; declared as creg ${t.text}[${reg.size}]`;
    }
    this.repaired.set(key, reg);
    this.warnings.push({ line: t.line, column: t.column, message });
    return { reg, quantum };
  }

  private argList(): Arg[] {
    const out = [this.arg(true)];
    while (this.isSym(",")) {
      this.next();
      out.push(this.arg(true));
    }
    this.sym(";", '";" or ","');
    return out;
  }

  /** The broadcast width of some arguments: 1 for single bits, else the common register size. */
  private width(args: Arg[]): number {
    let m = 0;
    for (const a of args) {
      if (a.index !== undefined) continue;
      if (m !== 0 && a.reg.size !== m) {
        throw new QasmError(
          a.pos,
          `register "${a.reg.name}" has size ${a.reg.size}, expected ${m} like the other register arguments`,
        );
      }
      m = a.reg.size;
    }
    return Math.max(m, 1);
  }

  private bit(a: Arg, k: number): number {
    return a.reg.start + (a.index ?? k);
  }

  /** A quantum operation (gate, measure, reset), broadcast over registers. */
  private qop(): Simple[] {
    const t = this.peek();
    if (t.kind !== "id") this.fail(t, "a statement");
    if (t.text === "measure") {
      this.next();
      const q = this.arg(true, true);
      this.sym("->", '"->"');
      const c = this.arg(false, true);
      this.sym(";");
      if (
        (q.index === undefined) !== (c.index === undefined) ||
        (q.index === undefined && q.reg.size !== c.reg.size)
      ) {
        throw new QasmError(
          t,
          "measure needs one qubit and one bit, or two registers of the same size",
        );
      }
      const m = q.index === undefined ? q.reg.size : 1;
      const out: Simple[] = [];
      for (let k = 0; k < m; k++) {
        out.push({ kind: "measure", qubit: this.bit(q, k), clbit: this.bit(c, k), line: t.line });
      }
      return out;
    }
    if (t.text === "reset") {
      this.next();
      const q = this.arg(true);
      this.sym(";");
      const m = q.index === undefined ? q.reg.size : 1;
      const out: Simple[] = [];
      for (let k = 0; k < m; k++) out.push({ kind: "reset", qubit: this.bit(q, k), line: t.line });
      return out;
    }
    if (
      t.text === "gate" ||
      t.text === "opaque" ||
      t.text === "qreg" ||
      t.text === "creg" ||
      t.text === "include"
    ) {
      throw new QasmError(t, `"${t.text}" is not allowed here`);
    }
    const { gate, params: exprs } = this.gateHead([]);
    const args = this.argList();
    this.checkArity(t, gate, exprs.length, args.length);
    const params = exprs.map((e) => evalExpr(e, new Map()));
    const m = this.width(args);
    // refuse an oversized expansion before building any of it
    if (this.ops.length + m * (gate.user ? gate.size : 1) > QASM_LIMITS.maxOps) {
      throw new QasmError(t, `program expands to more than ${QASM_LIMITS.maxOps} operations`);
    }
    const out: Simple[] = [];
    for (let k = 0; k < m; k++) {
      const qubits = args.map((a) => this.bit(a, k));
      for (let j = 1; j < qubits.length; j++) {
        if (qubits.indexOf(qubits[j]!) < j) {
          throw new QasmError(
            args[j]!.pos,
            `qubit ${args[j]!.reg.name}[${qubits[j]! - args[j]!.reg.start}] appears twice in one application of "${t.text}"`,
          );
        }
      }
      this.expand(gate, t.text, params, qubits, t, out);
    }
    return out;
  }

  /** Appends the built-in gates that one application of `gate` stands for. */
  private expand(
    gate: GateInfo,
    name: string,
    params: readonly number[],
    qubits: readonly number[],
    at: Token,
    out: Simple[],
  ): void {
    if (out.length + this.ops.length >= QASM_LIMITS.maxOps) {
      throw new QasmError(at, `program expands to more than ${QASM_LIMITS.maxOps} operations`);
    }
    if (!gate.user) {
      out.push({ kind: "gate", name, qubits, params, line: at.line });
      return;
    }
    if (gate.body === null)
      throw new QasmError(at, `gate "${name}" is opaque: it has no definition to simulate`);
    const env = new Map<string, number>();
    gate.params.forEach((p, k) => {
      env.set(p, params[k]!);
    });
    for (const s of gate.body) {
      if (s.kind === "barrier") continue;
      const callee = this.gates.get(s.name)!;
      const ps = s.params.map((e) => evalExpr(e, env));
      this.expand(
        callee,
        s.name,
        ps,
        s.args.map((k) => qubits[k]!),
        at,
        out,
      );
    }
  }

  private barrier(): void {
    const t = this.next();
    const args = this.argList();
    // each qubit once, in order of appearance: a set, not a search of the list (quadratic)
    const seen = new Set<number>();
    for (const a of args) {
      const m = a.index === undefined ? a.reg.size : 1;
      for (let k = 0; k < m; k++) seen.add(this.bit(a, k));
    }
    this.push({ kind: "barrier", qubits: [...seen], line: t.line });
  }

  private conditional(): void {
    const t = this.next();
    this.sym("(", '"(" after if');
    const c = this.ident("a classical register");
    const found = this.findReg(c.text);
    if (!found || found.quantum) throw new QasmError(c, `"${c.text}" is not a classical register`);
    this.sym("==", '"=="');
    const value = this.int("an integer to compare with");
    this.sym(")");
    const body = this.qop();
    const clbits = Array.from({ length: found.reg.size }, (_, k) => found.reg.start + k);
    for (const op of body) {
      const cond: QasmIfOp = { kind: "if", creg: c.text, clbits, value, op, line: t.line };
      this.push(cond);
    }
  }
}

/** Options of `parseQasm`. */
export interface ParseQasmOptions {
  /**
   * Refuse what the default lenient reading repairs (a `measure` into an undeclared register
   * where the intent is clear); each repair is otherwise listed in `program.warnings`.
   */
  strict?: boolean;
  /**
   * Qubits allowed in all registers together: default `QASM_MAX_QUBITS` (1024), at most
   * `QASM_LIMITS.maxBits`. Raise it to read larger programs that are converted or inspected,
   * not simulated.
   */
  maxQubits?: number;
  /** Classical bits allowed in all registers together: default `QASM_MAX_CLBITS` (4096), at most `QASM_LIMITS.maxBits`. */
  maxClbits?: number;
}

function bitLimit(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (
    !Number.isInteger(value) ||
    (value as number) < 1 ||
    (value as number) > QASM_LIMITS.maxBits
  ) {
    throw new ArgumentError(
      `parseQasm: options.${name} must be an integer in [1, ${QASM_LIMITS.maxBits}], got ${describe(value)}`,
    );
  }
  return value as number;
}

/** The keys of `ParseQasmOptions`. */
export const PARSE_QASM_OPTIONS = optionKeys<ParseQasmOptions>({
  strict: true,
  maxQubits: true,
  maxClbits: true,
});

/**
 * Parses OpenQASM 2 source into a `QasmProgram`. `include "qelib1.inc";` is built in (no file is
 * read); user gates are expanded; registers are laid out in declaration order. Throws `QasmError`
 * (a `ParseError`) with the line and column on any malformed or unsupported input. Repairs
 * where the intent is clear (see `ParseQasmOptions.strict`) are listed in `warnings`. A program
 * declares at most `QASM_MAX_QUBITS` (1024) qubits and `QASM_MAX_CLBITS` (4096) classical bits
 * unless the options say otherwise; the `QasmError` names the register and the limit.
 * @example
 * const p = parseQasm('OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; h q[0]; cx q[0], q[1];');
 * p.ops.length; // 2
 * p.warnings; // []
 */
export function parseQasm(text: string, options: ParseQasmOptions = {}): QasmProgram {
  if (typeof text !== "string") {
    throw new ArgumentError(
      `parseQasm: text must be a string of OpenQASM 2 source, got ${describe(text)}`,
    );
  }
  checkArity(arguments.length, 2, "parseQasm");
  checkOptions(options, PARSE_QASM_OPTIONS, "parseQasm");
  const limits = {
    maxQubits: bitLimit(options.maxQubits, "maxQubits", QASM_MAX_QUBITS),
    maxClbits: bitLimit(options.maxClbits, "maxClbits", QASM_MAX_CLBITS),
  };
  return new Parser(tokenize(text), options.strict === true, limits).program();
}
