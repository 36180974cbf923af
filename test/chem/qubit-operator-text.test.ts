import { describe, expect, it } from "vitest";
import { FermionOperator, molecularHamiltonian } from "../../src/chem/fermion.js";
import { jordanWigner, QubitOperator } from "../../src/chem/mappings.js";
import { Molecule } from "../../src/chem/molecule.js";
import { activeSpaceProblem } from "../../src/chem/problem.js";
import { formatQubitOperator, parseQubitOperator } from "../../src/chem/qubit-operator-text.js";
import { ArgumentError, ParseError } from "../../src/errors.js";

/** Largest coefficient difference of two operators. */
function distance(a: QubitOperator, b: QubitOperator): number {
  const d = a.add(b.multiply(QubitOperator.fromList([[-1, "I"]], b.nQubits)));
  return Math.max(0, ...d.pauliTerms(0).map((t) => Math.hypot(t.re, t.im)));
}

describe("OpenFermion QubitOperator text", () => {
  it("reads OpenFermion's print of jordan_wigner(a†_3 a_1) = qoar's jordanWigner", () => {
    // str(jordan_wigner(FermionOperator("3^ 1"))) in OpenFermion
    const text =
      "(0.25+0j) [X1 Z2 X3] +\n-0.25j [X1 Z2 Y3] +\n0.25j [Y1 Z2 X3] +\n(0.25+0j) [Y1 Z2 Y3]";
    const op = parseQubitOperator(text);
    expect(op.nQubits).toBe(4);
    expect(distance(op, jordanWigner(FermionOperator.term("3^ 1"), { nModes: 4 }))).toBeLessThan(
      1e-15,
    );
  });

  it("round-trips the H2 Hamiltonian (real) and a complex operator exactly", () => {
    const p = activeSpaceProblem(Molecule.fromGeometry("H 0 0 0; H 0 0 0.735"));
    const H = jordanWigner(molecularHamiltonian(p.integrals));
    const text = formatQubitOperator(H);
    expect(text.split(" +\n")).toHaveLength(H.simplified(0).nTerms);
    expect(text).toMatch(/^-?\d.*\[\] \+\n/); // the identity term first, as "[]"
    expect(distance(parseQubitOperator(text), H)).toBe(0);
    const A = jordanWigner(FermionOperator.term("2^ 0", { re: 0.3, im: -0.7 }));
    expect(formatQubitOperator(A)).toContain("j)");
    expect(distance(parseQubitOperator(formatQubitOperator(A)), A)).toBe(0);
  });

  it("reads the constructor's forms: '-' between terms, a bare coefficient-free term, nQubits", () => {
    const op = parseQubitOperator("[Z0] - 0.5 [X1 Y2]\n+ 1e-3 []", 5);
    expect(op.nQubits).toBe(5);
    const want = QubitOperator.fromList(
      [
        [1, "Z0"],
        [-0.5, "X1, Y2"],
        [1e-3, "I"],
      ],
      5,
    );
    expect(distance(op, want)).toBeLessThan(1e-15);
    expect(formatQubitOperator(QubitOperator.fromList([[1, "Z0"]]))).toBe("1.0 [Z0]");
    expect(formatQubitOperator(new QubitOperator(2))).toBe("0");
  });

  it("refuses bad text with the term it is in", () => {
    expect(() => parseQubitOperator("0.5 [X0 W1]")).toThrow(/term 1 .*bad Pauli factor "W1"/);
    expect(() => parseQubitOperator("0.5 [X0 Z0]")).toThrow(/qubit 0 appears twice/);
    expect(() => parseQubitOperator("0.5 [X0] 0.3 [Z1]")).toThrow(
      /expected "\+" or "-" before term 2/,
    );
    expect(() => parseQubitOperator("abc [X0]")).toThrow(/bad coefficient "abc"/);
    expect(() => parseQubitOperator("0.5 [X0] + junk")).toThrow(/unexpected text "\+ junk"/);
    expect(() => parseQubitOperator("X0 Y1")).toThrow(ParseError);
    expect(() => parseQubitOperator("0.5 [X3]", 2)).toThrow(/qubit 3 is out of range/);
    expect(() => parseQubitOperator(5 as never)).toThrow(ArgumentError);
    expect(() => formatQubitOperator("x" as never)).toThrow(ArgumentError);
  });
});
