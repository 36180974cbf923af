/**
 * OpenFermion's `QubitOperator` text: `str(op)` prints one `coefficient [P0 P1 ...]` per term
 * joined by ` +` and a newline, e.g. `0.5 [X0 Y1] +\n-0.25j [Z2] +\n(1+0j) []`, with Python
 * coefficients (floats, `2j`, `(0.1-0.2j)`) and `[]` for the identity; OpenFermion's
 * `QubitOperator("...")` reads the same sums back. Qubit indices are OpenFermion's: qubit q is
 * mode q under its mappings, which is qoar's qubit q too.
 */
import { ArgumentError, describe, ParseError } from "../errors.js";
import { checkArity } from "../validate.js";
import { QubitOperator } from "./mappings.js";

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const COMPLEX_RE = new RegExp(
  String.raw`^\(?\s*(${NUMBER})?\s*(?:([-+]\s*(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)[jJ])?\s*\)?$`,
);
const IMAG_RE = new RegExp(String.raw`^\(?\s*(${NUMBER})[jJ]\s*\)?$`);

/** A Python-printed number: `0.5`, `-2`, `1e-3`, `0.25j`, `(0.1-0.2j)`, `(-0-0.5j)`. */
function parseCoefficient(text: string, where: string): [number, number] {
  const t = text.trim();
  const imag = IMAG_RE.exec(t);
  if (imag !== null) return [0, Number(imag[1])];
  const m = COMPLEX_RE.exec(t);
  if (m === null || (m[1] === undefined && m[2] === undefined)) {
    throw new ParseError(
      `${where}: bad coefficient ${JSON.stringify(text)}; expected like 0.5, 0.25j or (0.1-0.2j)`,
    );
  }
  return [
    m[1] === undefined ? 0 : Number(m[1]),
    m[2] === undefined ? 0 : Number(m[2].replace(/\s+/g, "")),
  ];
}

/**
 * Reads OpenFermion `QubitOperator` text (its `str()` output or the string its constructor
 * takes) into a `QubitOperator`; `nQubits` defaults to one more than the largest index.
 * @example
 * const H = parseQubitOperator("-0.0971 [] +\n0.1712 [Z0] +\n0.0453 [X0 X1 Y2 Y3]");
 * H.nQubits; // 4
 */
export function parseQubitOperator(text: string, nQubits?: number): QubitOperator {
  checkArity(arguments.length, 2, "parseQubitOperator");
  if (typeof text !== "string")
    throw new ArgumentError(`parseQubitOperator: text must be a string, got ${describe(text)}`);
  if (nQubits !== undefined && (!Number.isInteger(nQubits) || nQubits < 0)) {
    throw new ArgumentError(
      `parseQubitOperator: nQubits must be an integer >= 0, got ${describe(nQubits)}`,
    );
  }
  const terms: { re: number; im: number; ops: [number, "X" | "Y" | "Z"][] }[] = [];
  const termRe = /([^[\]]*)\[([^\]]*)\]/g;
  let last = 0;
  let maxQubit = -1;
  for (const m of text.matchAll(termRe)) {
    const gap = text.slice(last, m.index);
    last = m.index! + m[0].length;
    let coefText = `${gap}${m[1]}`.trim();
    // terms are joined by "+" (or "-"): take the joining sign off the coefficient
    let sign = 1;
    if (terms.length > 0) {
      if (coefText.startsWith("-")) sign = -1;
      else if (!coefText.startsWith("+")) {
        throw new ParseError(
          `parseQubitOperator: expected "+" or "-" before term ${terms.length + 1} ([${m[2]}])`,
        );
      }
      coefText = coefText.slice(1).trim();
    }
    const where = `parseQubitOperator: term ${terms.length + 1} ([${m[2]}])`;
    const [cr, ci] = coefText === "" ? [1, 0] : parseCoefficient(coefText, where);
    const [re, im] = [sign * cr, sign * ci];
    const ops: [number, "X" | "Y" | "Z"][] = [];
    const seen = new Set<number>();
    for (const tok of m[2]!.trim().split(/\s+/)) {
      if (tok === "") continue;
      const p = /^([XYZ])(\d+)$/.exec(tok);
      if (p === null)
        throw new ParseError(
          `${where}: bad Pauli factor ${JSON.stringify(tok)}; expected like X0, Y3, Z12`,
        );
      const q = Number(p[2]);
      if (seen.has(q)) throw new ParseError(`${where}: qubit ${q} appears twice`);
      seen.add(q);
      maxQubit = Math.max(maxQubit, q);
      ops.push([q, p[1] as "X" | "Y" | "Z"]);
    }
    terms.push({ re, im, ops });
  }
  if (text.slice(last).trim() !== "") {
    throw new ParseError(
      `parseQubitOperator: unexpected text ${JSON.stringify(text.slice(last).trim().slice(0, 40))} after the last term`,
    );
  }
  if (terms.length === 0 && text.trim() !== "" && text.trim() !== "0") {
    throw new ParseError(
      `parseQubitOperator: no "coefficient [P0 P1 ...]" terms in ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  const n = nQubits ?? maxQubit + 1;
  if (maxQubit >= n) {
    throw new ArgumentError(
      `parseQubitOperator: qubit ${maxQubit} is out of range for nQubits = ${n}`,
    );
  }
  const out = new QubitOperator(n);
  const words = Math.max(1, Math.ceil(n / 32));
  for (const t of terms) {
    const x = new Uint32Array(words);
    const z = new Uint32Array(words);
    let nY = 0;
    for (const [q, l] of t.ops) {
      if (l !== "Z") x[q >>> 5]! |= 1 << (q & 31);
      if (l !== "X") z[q >>> 5]! |= 1 << (q & 31);
      if (l === "Y") nY++;
    }
    // P = i^nY X^x Z^z: fold the phase into the coefficient
    let [re, im] = [t.re, t.im];
    for (let k = 0; k < (nY & 3); k++) [re, im] = [-im, re];
    out.addXZ(x, z, re, im);
  }
  return out.simplified(0);
}

function pythonNumber(v: number): string {
  const s = String(v);
  return /[.e]/.test(s) || !Number.isFinite(v) ? s : `${s}.0`;
}

/**
 * A `QubitOperator` as OpenFermion prints it: `coefficient [X0 Y1]` per term (sorted by label,
 * `[]` for the identity) joined by ` +\n`; real coefficients as plain numbers, complex ones as
 * `(re+imj)`. Terms with |coefficient| <= tol are left out.
 * @example formatQubitOperator(QubitOperator.fromList([[0.5, "Z0, Z1"]])); // "0.5 [Z0 Z1]"
 */
export function formatQubitOperator(op: QubitOperator, tol = 0): string {
  checkArity(arguments.length, 2, "formatQubitOperator");
  if (!(op instanceof QubitOperator))
    throw new ArgumentError(`formatQubitOperator: expected a QubitOperator, got ${describe(op)}`);
  if (typeof tol !== "number" || !(tol >= 0))
    throw new ArgumentError(`formatQubitOperator: tol must be a number >= 0, got ${describe(tol)}`);
  const lines = op.pauliTerms(tol).map(({ re, im, label }) => {
    const ops = label === "I" ? "" : label.replace(/, /g, " ");
    const c =
      im === 0
        ? pythonNumber(re)
        : re === 0
          ? `${pythonNumber(im)}j`
          : `(${pythonNumber(re)}${im < 0 ? "-" : "+"}${pythonNumber(Math.abs(im))}j)`;
    return `${c} [${ops}]`;
  });
  return lines.length === 0 ? "0" : lines.join(" +\n");
}
