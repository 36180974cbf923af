import { describe, expect, it } from "vitest";
import { CpuBackend, type CpuStateBuffer, WASM_MIN_QUBITS } from "../../../src/backend/cpu/cpu.js";
import { wasmAvailable } from "../../../src/backend/cpu/wasm.js";
import { Rng } from "../../../src/random.js";
import { expectClose, placements, randomComplex } from "./helpers.js";

const simd = new CpuBackend({ wasm: "always" });
const js = new CpuBackend({ wasm: "never" });
const BATCH = 2;

/** Runs `op` on the same random state in both backends and compares. */
function same(
  n: number,
  psi: Float64Array,
  op: (be: CpuBackend, buf: CpuStateBuffer) => void,
  what: string,
): void {
  const a = simd.fromArray(n, BATCH, psi);
  const b = js.fromArray(n, BATCH, psi);
  expect(a.wasm, "state in wasm memory").toBeDefined();
  expect(b.wasm).toBeUndefined();
  op(simd, a);
  op(js, b);
  expectClose(simd.toArray(a), js.toArray(b), 1e-12, what);
  simd.free(a);
  js.free(b);
}

describe("WebAssembly SIMD kernels equal the JavaScript kernels", () => {
  it("is available on this Node", () => {
    expect(wasmAvailable()).toBe(true);
  });

  it("dense 1-qubit (real, complex, per-batch), diagonal and phased permutations, every target for n = 1..7", () => {
    const rng = new Rng(31);
    for (let n = 1; n <= 7; n++) {
      const dim = 1 << n;
      for (const { targets } of placements(n, 1, 0)) {
        const psi = randomComplex(rng, BATCH * dim);
        const complexU = randomComplex(rng, 4);
        const realU = complexU.map((v, i) => (i % 2 ? 0 : v));
        const perBatch = randomComplex(rng, 4 * BATCH);
        const diag = randomComplex(rng, 2);
        const diags = randomComplex(rng, 2 * BATCH);
        const t = `n=${n} t=${targets}`;
        same(n, psi, (be, buf) => be.applyDense(buf, targets, complexU), `complex ${t}`);
        same(n, psi, (be, buf) => be.applyDense(buf, targets, realU), `real ${t}`);
        same(n, psi, (be, buf) => be.applyDense(buf, targets, perBatch), `per-batch ${t}`);
        same(n, psi, (be, buf) => be.applyDiagonal(buf, targets, diag), `diagonal ${t}`);
        same(n, psi, (be, buf) => be.applyDiagonal(buf, targets, diags), `per-batch diagonal ${t}`);
        const yPhases = Float64Array.of(0, 1, 0, -1);
        same(
          n,
          psi,
          (be, buf) => be.applyPermutation(buf, targets, Int32Array.of(1, 0), yPhases),
          `Y ${t}`,
        );
      }
    }
  });

  it("controlled dense 1-qubit, every placement with up to 2 controls for n = 2..9", () => {
    const rng = new Rng(33);
    for (let n = 2; n <= 9; n++) {
      const dim = 1 << n;
      // all placements up to n = 7; at n = 8, 9 (long ranges) a sample of them
      const all = placements(n, 1, 2).filter((pl) => pl.controls.length > 0);
      const chosen = n <= 7 ? all : all.filter((_, i) => i % 7 === 0);
      for (const { targets, controls } of chosen) {
        const psi = randomComplex(rng, BATCH * dim);
        const u = randomComplex(rng, 4);
        const real = u.map((v, i) => (i % 2 ? 0 : v));
        const t = `n=${n} t=${targets} c=${controls}`;
        same(n, psi, (be, buf) => be.applyDense(buf, targets, u, controls), `complex ${t}`);
        same(n, psi, (be, buf) => be.applyDense(buf, targets, real, controls), `real ${t}`);
      }
    }
  });

  it("dense 2-qubit (shared, per-batch) and iSWAP-like phased permutations, every ordered pair for n = 2..6", () => {
    const rng = new Rng(35);
    for (let n = 2; n <= 6; n++) {
      const dim = 1 << n;
      for (const { targets } of placements(n, 2, 0)) {
        const psi = randomComplex(rng, BATCH * dim);
        const u = randomComplex(rng, 16);
        const us = randomComplex(rng, 16 * BATCH);
        const phases = randomComplex(rng, 4);
        const t = `n=${n} t=${targets}`;
        same(n, psi, (be, buf) => be.applyDense(buf, targets, u), `dense2 ${t}`);
        same(n, psi, (be, buf) => be.applyDense(buf, targets, us), `per-batch dense2 ${t}`);
        same(
          n,
          psi,
          (be, buf) => be.applyPermutation(buf, targets, Int32Array.of(0, 2, 1, 3), phases),
          `phased ${t}`,
        );
      }
    }
  });

  it("swaps (X, CNOT, SWAP, Toffoli, CSWAP), every placement for n = 1..6", () => {
    const rng = new Rng(32);
    for (let n = 1; n <= 6; n++) {
      const dim = 1 << n;
      for (const [k, perm, maxC] of [
        [1, Int32Array.of(1, 0), 2],
        [2, Int32Array.of(0, 2, 1, 3), 1],
      ] as const) {
        if (k > n) continue;
        for (const { targets, controls } of placements(n, k, maxC)) {
          const psi = randomComplex(rng, BATCH * dim);
          same(
            n,
            psi,
            (be, buf) => be.applyPermutation(buf, targets, perm, undefined, controls),
            `n=${n} t=${targets} c=${controls}`,
          );
        }
      }
    }
  });

  it("a random sequence of every kernel kind at n = 13 agrees between wasm and plain buffers", () => {
    const rng = new Rng(34);
    const n = 13;
    const auto = new CpuBackend();
    const psi = randomComplex(rng, BATCH << n);
    const a = auto.fromArray(n, BATCH, psi);
    const b = js.fromArray(n, BATCH, psi);
    expect(a.wasm).toBeDefined();
    const pick = (k: number): number[] => rng.shuffle([...Array(n).keys()]).slice(0, k);
    for (let step = 0; step < 120; step++) {
      const kind = rng.int(6);
      const k = 1 + rng.int(2);
      const qs = pick(k + rng.int(3));
      const targets = qs.slice(0, k);
      const controls = qs.slice(k);
      for (const [be, buf] of [
        [auto, a],
        [js, b],
      ] as const) {
        const r = new Rng(1000 + step); // the same random matrices for both
        const d = 1 << k;
        if (kind === 0) be.applyDense(buf, targets, randomComplex(r, d * d), controls);
        else if (kind === 1)
          be.applyDense(
            buf,
            targets,
            randomComplex(r, d * d).map((v, i) => (i % 2 ? 0 : v)),
          );
        else if (kind === 2) be.applyDiagonal(buf, targets, randomComplex(r, d), controls);
        else if (kind === 3)
          be.applyPermutation(buf, [targets[0]!], Int32Array.of(1, 0), undefined, controls);
        else if (kind === 4)
          be.applyPauliRotation(
            buf,
            { qubits: targets, letters: targets.map(() => "Y") },
            Float64Array.of(0.7),
          );
        else be.scale(buf, Float64Array.of(1 / Math.sqrt(be.normSquared(buf)[0]!), 0));
      }
    }
    const want = js.toArray(b);
    const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(scale).toBeGreaterThan(1e-6); // not a vanished state
    expectClose(auto.toArray(a), want, 1e-10 * scale, "after 120 random operations");
  });

  it("auto mode puts only states of at least WASM_MIN_QUBITS qubits in wasm memory", () => {
    const auto = new CpuBackend();
    const small = auto.zeros(WASM_MIN_QUBITS - 1);
    const large = auto.zeros(WASM_MIN_QUBITS);
    expect(small.wasm).toBeUndefined();
    expect(large.wasm).toBeDefined();
    expect(auto.clone(large).wasm).toBeDefined();
    expect(() => new CpuBackend({ wasm: "sometimes" as "auto" })).toThrow(/options.wasm/);
  });
});
