import { describe, it } from "vitest";
import type { PauliLetter, PauliTerm } from "../../../src/backend/backend.js";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { Rng } from "../../../src/random.js";
import { expectClose, randomComplex } from "./helpers.js";

describe("Z-only Pauli sums (one pass with the low/high/mixed split)", () => {
  it("applyPauliSum and expectationPauliSum equal term-by-term sums at n = 10 and 13", () => {
    const be = new CpuBackend({ wasm: "never" });
    const rng = new Rng(12);
    for (const n of [10, 13]) {
      const terms: PauliTerm[] = [];
      // single Z on every qubit (low and high), ZZ across the chunk boundary (mixed), and an X term
      for (let q = 0; q < n; q++)
        terms.push({ qubits: [q], letters: ["Z"], coefficient: rng.normal() });
      for (const [a, b] of [
        [0, n - 1],
        [2, n - 3],
        [n - 2, n - 1],
        [0, 1],
      ]) {
        terms.push({ qubits: [a!, b!], letters: ["Z", "Z"], coefficient: rng.normal() });
      }
      terms.push({ qubits: [1, n - 1], letters: ["X", "Z"] as PauliLetter[], coefficient: 0.7 });
      const psi = be.fromArray(n, 2, randomComplex(rng, 2 << n));
      const out = be.zeros(n, 2);
      be.applyPauliSum(out, psi, terms);
      const ref = new Float64Array(4 << n);
      for (const t of terms) {
        const tmp = be.clone(psi);
        be.applyPauliString(tmp, t, [t.coefficient, 0]);
        const a = be.toArray(tmp);
        for (let i = 0; i < a.length; i++) ref[i] += a[i]!;
        be.free(tmp);
      }
      expectClose(be.toArray(out), ref, 1e-11, `H psi n=${n}`);
      const e = be.expectationPauliSum(psi, terms);
      const ip = be.innerProduct(psi, out);
      expectClose(e, Float64Array.of(ip[0]!, ip[2]!), 1e-10, `<H> n=${n}`);
      be.free(psi);
      be.free(out);
    }
  });
});
