import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { Rng } from "../../../src/random.js";
import { expectClose, randomComplex } from "./helpers.js";

const cpu = new CpuBackend();

describe("reductions", () => {
  it("marginal probabilities equal sums over the full distribution, any qubit subset and order", () => {
    const rng = new Rng(8);
    // n = 18 exercises the two-table (low 16 bits / high bits) lookup
    for (const n of [1, 2, 3, 5, 18]) {
      const batch = n > 10 ? 1 : 3;
      const dim = 1 << n;
      const buf = cpu.fromArray(n, batch, randomComplex(rng, batch * dim));
      const full = cpu.probabilities(buf);
      expect(full.length).toBe(batch * dim);
      const subsets =
        n > 10
          ? [[17], [0], [3, 16, 1], [16, 17]]
          : Array.from({ length: 12 }, () =>
              rng.shuffle([...Array(n).keys()]).slice(0, 1 + rng.int(n)),
            );
      for (const qubits of subsets) {
        const m = qubits.length;
        const expected = new Float64Array(batch << m);
        for (let b = 0; b < batch; b++) {
          for (let i = 0; i < dim; i++) {
            let o = 0;
            for (const q of qubits) o = (o << 1) | ((i >> (n - 1 - q)) & 1);
            expected[(b << m) + o] = expected[(b << m) + o]! + full[b * dim + i]!;
          }
        }
        expectClose(
          cpu.probabilities(buf, qubits),
          expected,
          1e-13 * batch * dim,
          `n=${n} qubits=${qubits}`,
        );
      }
      cpu.free(buf);
    }
  });

  it("probabilities follow the qubit-0-is-most-significant convention", () => {
    // |01>: qubit 1 is 1 -> basis index 1
    const buf = cpu.zeros(2);
    cpu.applyPermutation(buf, [1], Int32Array.of(1, 0));
    expectClose(cpu.probabilities(buf), Float64Array.of(0, 1, 0, 0));
    expectClose(cpu.probabilities(buf, [0]), Float64Array.of(1, 0));
    expectClose(cpu.probabilities(buf, [1]), Float64Array.of(0, 1));
    expectClose(cpu.probabilities(buf, [1, 0]), Float64Array.of(0, 0, 1, 0));
  });

  it("innerProduct, normSquared, scale and axpy agree with direct sums", () => {
    const rng = new Rng(9);
    const n = 4;
    const batch = 3;
    const dim = 16;
    const a = randomComplex(rng, batch * dim);
    const b = randomComplex(rng, batch * dim);
    const A = cpu.fromArray(n, batch, a);
    const B = cpu.fromArray(n, batch, b);
    const ip = cpu.innerProduct(A, B);
    const nn = cpu.normSquared(A);
    for (let k = 0; k < batch; k++) {
      let sr = 0;
      let si = 0;
      let s2 = 0;
      for (let j = 2 * k * dim; j < 2 * (k + 1) * dim; j += 2) {
        sr += a[j]! * b[j]! + a[j + 1]! * b[j + 1]!;
        si += a[j]! * b[j + 1]! - a[j + 1]! * b[j]!;
        s2 += a[j]! ** 2 + a[j + 1]! ** 2;
      }
      expect(ip[2 * k]).toBeCloseTo(sr, 10);
      expect(ip[2 * k + 1]).toBeCloseTo(si, 10);
      expect(nn[k]).toBeCloseTo(s2, 10);
    }
    // <a|a> from innerProduct equals normSquared
    const self = cpu.innerProduct(A, A);
    for (let k = 0; k < batch; k++) expect(self[2 * k]).toBeCloseTo(nn[k]!, 10);

    // scale with one factor and with per-batch factors; axpy with per-batch alphas
    for (const factors of [
      Float64Array.of(0.5, -2),
      randomComplex(rng, batch),
      Float64Array.of(3, 0),
    ]) {
      const S = cpu.clone(A);
      cpu.scale(S, factors);
      const Y = cpu.clone(A);
      cpu.axpy(Y, factors, B);
      const s = cpu.toArray(S);
      const y = cpu.toArray(Y);
      for (let k = 0; k < batch; k++) {
        const f = factors.length === 2 ? 0 : 2 * k;
        const [fr, fi] = [factors[f]!, factors[f + 1]!];
        for (let j = 2 * k * dim; j < 2 * (k + 1) * dim; j += 2) {
          expect(s[j]).toBeCloseTo(fr * a[j]! - fi * a[j + 1]!, 12);
          expect(s[j + 1]).toBeCloseTo(fr * a[j + 1]! + fi * a[j]!, 12);
          expect(y[j]).toBeCloseTo(a[j]! + fr * b[j]! - fi * b[j + 1]!, 12);
          expect(y[j + 1]).toBeCloseTo(a[j + 1]! + fr * b[j + 1]! + fi * b[j]!, 12);
        }
      }
      cpu.free(S);
      cpu.free(Y);
    }
    expect(() => cpu.scale(A, new Float64Array(4))).toThrow(/factors has length 4/);
  });
});
