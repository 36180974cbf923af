/**
 * Suite "qinfo": the partial trace of a 12-qubit density matrix (a complex [4096, 4096] tensor,
 * 256 MiB) down to 6 qubits: the forward (`partialTrace`, the d_keep^2 d_traced entries that
 * contribute) and the op's backward alone (a fresh full-size gradient with the cotangent
 * scattered into it, what the node hands to whatever produced rho), against the floor: one in-place pass over a buffer of the same size
 * (a 24-qubit state, `bench/floor.ts`). Target: within 3x the floor. The input is a raw tensor,
 * so `densityTol: Infinity` skips the density-matrix checks (a Cholesky factorization of the
 * whole matrix, which is not what this measures). Single thread, CPU backend.
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { partialTrace, partialTraceOp } from "../src/qinfo/partial-trace.js";
import { Rng } from "../src/random.js";
import { fromData } from "../src/tensor/index.js";
import { floorFor } from "./floor.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "qinfo";

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    const cases = ["partial-trace-12to6", "partial-trace-12to6-backward"].filter((c) =>
      ctx.selected(SUITE, c),
    );
    if (cases.length === 0) return;
    const n = ctx.quick ? 10 : 12;
    const d = 2 ** n;
    const keep = Array.from({ length: n / 2 }, (_, q) => q);
    const traceOut = Array.from({ length: n / 2 }, (_, q) => q + n / 2);
    ctx.progress(`qinfo partial trace n=${n}`);
    const cpu = new CpuBackend({ threads: 1 });
    const floor = floorFor(cpu, 2 * n, 1000);
    const rng = new Rng(1);
    const data = new Float64Array(2 * d * d);
    for (let i = 0; i < data.length; i++) data[i] = rng.normal();
    const rho = fromData(data, [d, d], "complex128");
    rho.requiresGrad = true;
    const opts = { densityTol: Number.POSITIVE_INFINITY };
    // the op itself, below the reshapes of the public function, for its backward alone
    const kIdx = Int32Array.from({ length: 2 ** keep.length }, (_, a) => a * 2 ** traceOut.length);
    const tIdx = Int32Array.from({ length: 2 ** traceOut.length }, (_, e) => e);
    const op = partialTraceOp(rho.reshape([1, d, d]), kIdx, tIdx);
    const cotangent = fromData(new Float64Array(op.data.length).fill(1), op.shape, "complex128");
    // a second yardstick for the backward: a fresh buffer of the same size with every 4 KiB page
    // touched (the page faults any full-size gradient pays before its first write)
    const fresh = timeIt(
      () => {
        const a = new Float64Array(data.length);
        for (let i = 0; i < a.length; i += 512) a[i] = 1;
      },
      { budgetMs: 2000 },
    );
    for (const name of cases) {
      const backward = name.endsWith("backward");
      const t = timeIt(
        backward ? () => op.gradFn!.backward(cotangent) : () => partialTrace(rho, traceOut, opts),
        { budgetMs: 2000 },
      );
      ctx.report({
        suite: SUITE,
        case: name,
        n,
        threads: 1,
        kept: keep.length,
        median_ms: t.median_ms,
        runs: t.runs,
        ...floor,
        fresh_buffer_ms: fresh.median_ms,
      });
    }
  },
};
