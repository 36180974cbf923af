/**
 * Pauli strings: parsing ("Z0, Z1", "Z0 Z1", "X2Y3", Paddle's lowercase "z0,z1", "I" for the
 * identity), a canonical form (factors sorted by qubit), products with phases, commutation tests
 * and grouping into qubit-wise commuting sets (one measurement basis per set).
 */
import type { PauliLetter, PauliString } from "../../backend/backend.js";
import { ArgumentError, describe, ParseError } from "../../errors.js";

export type { PauliLetter, PauliString } from "../../backend/backend.js";

/** The identity string (no factors). */
export const IDENTITY_PAULI: PauliString = Object.freeze({
  qubits: Object.freeze([]),
  letters: Object.freeze([]),
});

/** Result of scanning Pauli factors inside a longer text. */
export interface PauliScan {
  /** The Pauli string read. */
  pauli: PauliString;
  /** Index just after the last character consumed. */
  end: number;
}

/**
 * Reads Pauli factors (`X0`, `y3`, `I`, separated by spaces or commas) starting at `pos` and
 * stops at the first character that cannot continue a factor list. For parsers of larger
 * grammars (Hamiltonians). Throws `ParseError` naming the text and position.
 * @example
 * scanPauli("0.5 Z0 Z1 - X2", 4); // { pauli: Z0 Z1, end: 9 }
 */
export function scanPauli(text: string, pos: number): PauliScan {
  const qubits: number[] = [];
  const letters: PauliLetter[] = [];
  let i = pos;
  let sawFactor = false;
  let end = pos;
  for (;;) {
    let j = i;
    while (
      j < text.length &&
      (text[j] === " " || text[j] === "\t" || (sawFactor && text[j] === ","))
    )
      j++;
    const ch = text[j];
    if (ch === undefined || !/[XYZIxyzi]/.test(ch)) break;
    const letter = ch.toUpperCase();
    let k = j + 1;
    while (k < text.length && text[k]! >= "0" && text[k]! <= "9") k++;
    if (k === j + 1) {
      if (letter !== "I") {
        throw new ParseError(
          `Pauli string ${JSON.stringify(text)}: ${letter} at position ${j} needs a qubit index (e.g. ${letter}0)`,
        );
      }
    } else if (letter !== "I") {
      const q = Number(text.slice(j + 1, k));
      if (qubits.includes(q)) {
        throw new ParseError(
          `Pauli string ${JSON.stringify(text)}: qubit ${q} appears twice (position ${j})`,
        );
      }
      qubits.push(q);
      letters.push(letter as PauliLetter);
    }
    if (k < text.length && /[A-Za-z_]/.test(text[k]!) && !/[XYZIxyzi]/.test(text[k]!)) {
      throw new ParseError(
        `Pauli string ${JSON.stringify(text)}: unexpected character ${JSON.stringify(text[k])} at position ${k}`,
      );
    }
    sawFactor = true;
    i = k;
    end = k;
  }
  return { pauli: canonicalPauli({ qubits, letters }), end: sawFactor ? end : pos };
}

/**
 * Parses one Pauli string; the whole text must be factors (or "I" / empty for the identity).
 * @example
 * parsePauli("Z0, Z1");  // { qubits: [0, 1], letters: ["Z", "Z"] }
 * parsePauli("X2Y3");    // { qubits: [2, 3], letters: ["X", "Y"] }
 */
export function parsePauli(text: string): PauliString {
  // no arity check: `strings.map(parsePauli)` is the documented idiom (map passes index, array)
  if (typeof text !== "string")
    throw new ParseError(`Pauli string: expected text, got ${describe(text)}`);
  if (text.trim() === "") return IDENTITY_PAULI;
  const { pauli, end } = scanPauli(text, 0);
  let j = end;
  while (j < text.length && /[\s,]/.test(text[j]!)) j++;
  if (j === text.length && text.slice(end).includes(",")) {
    throw new ParseError(
      `Pauli string ${JSON.stringify(text)}: trailing comma at position ${text.indexOf(",", end)}`,
    );
  }
  if (j < text.length) {
    throw new ParseError(
      `Pauli string ${JSON.stringify(text)}: unexpected character ${JSON.stringify(text[j])} at position ${j} (expected factors like X0, Y1, Z2)`,
    );
  }
  return pauli;
}

/**
 * A validated Pauli string from letters and qubits, in canonical order.
 * @example
 * makePauli("XZ", [3, 1]); // Z1 X3
 */
export function makePauli(
  letters: string | readonly string[],
  qubits: readonly number[],
): PauliString {
  const ls = typeof letters === "string" ? [...letters] : [...letters];
  if (ls.length !== qubits.length) {
    throw new ArgumentError(
      `makePauli: ${ls.length} letters for ${qubits.length} qubits ${describe(qubits)}`,
    );
  }
  for (const l of ls) {
    if (!/^[XYZ]$/.test(l.toUpperCase()))
      throw new ArgumentError(`makePauli: letter ${describe(l)} is not X, Y or Z`);
  }
  for (const q of qubits) {
    if (!Number.isInteger(q) || q < 0)
      throw new ArgumentError(`makePauli: qubit ${describe(q)} is not a non-negative integer`);
  }
  if (new Set(qubits).size !== qubits.length)
    throw new ArgumentError(`makePauli: repeated qubit in ${describe(qubits)}`);
  return canonicalPauli({ qubits, letters: ls.map((l) => l.toUpperCase() as PauliLetter) });
}

/**
 * The same string with factors sorted by qubit (frozen).
 * @example
 * canonicalPauli({ qubits: [2, 0], letters: ["X", "Z"] }); // Z0 X2
 */
export function canonicalPauli(p: PauliString): PauliString {
  const order = p.qubits.map((_, i) => i).sort((a, b) => p.qubits[a]! - p.qubits[b]!);
  return Object.freeze({
    qubits: Object.freeze(order.map((i) => p.qubits[i]!)),
    letters: Object.freeze(order.map((i) => p.letters[i]!)),
  });
}

/**
 * Text form: factors separated by `sep` ("Z0 Z1"), "I" for the identity. Also the map key of
 * canonical strings.
 * @example
 * pauliToString(parsePauli("z1,z0"), ", "); // "Z0, Z1"
 */
export function pauliToString(p: PauliString, sep = " "): string {
  if (p.qubits.length === 0) return "I";
  return p.qubits.map((q, i) => `${p.letters[i]}${q}`).join(sep);
}

/**
 * One more than the largest qubit index (0 for the identity).
 * @example
 * pauliWidth(parsePauli("X3")); // 4
 */
export function pauliWidth(p: PauliString): number {
  let w = 0;
  for (const q of p.qubits) w = Math.max(w, q + 1);
  return w;
}

const CODE: Record<PauliLetter, number> = { X: 1, Y: 2, Z: 3 };
const LETTER: readonly PauliLetter[] = ["X", "X", "Y", "Z"];

/**
 * The product `a b = i^phase * pauli` (`phase` in 0..3).
 * @example
 * multiplyPaulis(parsePauli("X0"), parsePauli("Y0")); // { phase: 1, pauli: Z0 }  (XY = iZ)
 */
export function multiplyPaulis(
  a: PauliString,
  b: PauliString,
): { phase: number; pauli: PauliString } {
  const m = new Map<number, number>();
  for (let i = 0; i < a.qubits.length; i++) m.set(a.qubits[i]!, CODE[a.letters[i]!]);
  let phase = 0;
  for (let i = 0; i < b.qubits.length; i++) {
    const q = b.qubits[i]!;
    const y = CODE[b.letters[i]!];
    const x = m.get(q);
    if (x === undefined) m.set(q, y);
    else if (x === y) m.delete(q);
    else {
      // XY = iZ, YZ = iX, ZX = iY; reversed order gives -i
      phase += (y - x + 3) % 3 === 1 ? 1 : 3;
      m.set(q, 6 - x - y);
    }
  }
  const qubits = [...m.keys()];
  return {
    phase: phase % 4,
    pauli: canonicalPauli({ qubits, letters: qubits.map((q) => LETTER[m.get(q)!]!) }),
  };
}

/**
 * Whether `a` and `b` commute as operators (they anticommute on an odd number of qubits).
 * @example
 * commute(parsePauli("X0 X1"), parsePauli("Z0 Z1")); // true
 */
export function commute(a: PauliString, b: PauliString): boolean {
  let anti = 0;
  for (let i = 0; i < a.qubits.length; i++) {
    const j = b.qubits.indexOf(a.qubits[i]!);
    if (j >= 0 && b.letters[j] !== a.letters[i]) anti++;
  }
  return anti % 2 === 0;
}

/**
 * Whether `a` and `b` commute qubit by qubit (same letter wherever both act), so one product
 * basis measures both.
 * @example
 * qubitWiseCommute(parsePauli("X0 Z1"), parsePauli("X0")); // true
 */
export function qubitWiseCommute(a: PauliString, b: PauliString): boolean {
  for (let i = 0; i < a.qubits.length; i++) {
    const j = b.qubits.indexOf(a.qubits[i]!);
    if (j >= 0 && b.letters[j] !== a.letters[i]) return false;
  }
  return true;
}

/**
 * Greedy grouping into qubit-wise commuting sets (heaviest strings first, first fitting group).
 * Returns index groups into `strings`; the identity joins the first group.
 * @example
 * groupQubitWiseCommuting(["Z0", "Z1", "X0"].map(parsePauli)); // [[0, 1], [2]]
 */
export function groupQubitWiseCommuting(strings: readonly PauliString[]): number[][] {
  const bad = Array.isArray(strings)
    ? strings.findIndex((p) => !Array.isArray((p as Partial<PauliString> | null)?.qubits))
    : -2;
  if (bad !== -1) {
    throw new ArgumentError(
      `groupQubitWiseCommuting: strings must be an array of Pauli strings (parsePauli), got ${describe(bad === -2 ? strings : strings[bad])}`,
    );
  }
  const order = strings
    .map((_, i) => i)
    .sort((a, b) => strings[b]!.qubits.length - strings[a]!.qubits.length || a - b);
  const groups: { members: number[]; basis: Map<number, PauliLetter> }[] = [];
  for (const i of order) {
    const p = strings[i]!;
    let placed = false;
    for (const g of groups) {
      let fits = true;
      for (let k = 0; k < p.qubits.length && fits; k++) {
        const l = g.basis.get(p.qubits[k]!);
        if (l !== undefined && l !== p.letters[k]) fits = false;
      }
      if (fits) {
        g.members.push(i);
        for (let k = 0; k < p.qubits.length; k++) g.basis.set(p.qubits[k]!, p.letters[k]!);
        placed = true;
        break;
      }
    }
    if (!placed) {
      groups.push({ members: [i], basis: new Map(p.qubits.map((q, k) => [q, p.letters[k]!])) });
    }
  }
  return groups.map((g) => g.members.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/**
 * Bit masks of a Pauli string on `nQubits` qubits (qubit q is bit n-1-q of a basis index):
 * P|j> = i^nY (-1)^popcount(j & zMask) |j ^ xMask>, where `zMask` covers Y and Z factors.
 * @example
 * pauliMasks(parsePauli("X0 Z1"), 2); // { xMask: 2, zMask: 1, nY: 0 }
 */
export function pauliMasks(
  p: PauliString,
  nQubits: number,
): { xMask: number; zMask: number; nY: number } {
  let xMask = 0;
  let zMask = 0;
  let nY = 0;
  for (let i = 0; i < p.qubits.length; i++) {
    const q = p.qubits[i]!;
    if (q >= nQubits)
      throw new ArgumentError(`pauliMasks: qubit ${q} out of range for ${nQubits} qubits`);
    const bit = 1 << (nQubits - 1 - q);
    const l = p.letters[i]!;
    if (l === "X" || l === "Y") xMask |= bit;
    if (l === "Z" || l === "Y") zMask |= bit;
    if (l === "Y") nY++;
  }
  return { xMask, zMask, nY };
}

/**
 * The dense matrix of a Pauli string on `nQubits` qubits (interleaved complex), for tests and
 * small operators.
 * @example
 * pauliMatrix(parsePauli("Y0"), 1); // [[0, -i], [i, 0]]
 */
export function pauliMatrix(p: PauliString, nQubits: number): Float64Array {
  const { xMask, zMask, nY } = pauliMasks(p, nQubits);
  const d = 1 << nQubits;
  const out = new Float64Array(2 * d * d);
  const base = [
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ][nY % 4]!;
  for (let j = 0; j < d; j++) {
    const sign = popcount(j & zMask) % 2 === 0 ? 1 : -1;
    const i = j ^ xMask;
    out[2 * (i * d + j)] = sign * base[0]!;
    out[2 * (i * d + j) + 1] = sign * base[1]!;
  }
  return out;
}

/**
 * The number of set bits of a 32-bit integer.
 * @example
 * popcount(7); // 3
 */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
