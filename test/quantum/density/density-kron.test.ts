import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { applyGateDensity, conjugate } from "../../../src/quantum/density/apply.js";
import { getGate } from "../../../src/quantum/gates/table.js";
import { Rng } from "../../../src/random.js";

describe("1-qubit gates on density matrices (one U (x) conj(U) pass)", () => {
  it("matches U on the row qubit then conj(U) on the column qubit, batched and adjoint", () => {
    const be = getBackend("cpu");
    const rng = new Rng(11);
    const n = 3;
    const batch = 2;
    const u3 = getGate("u3");
    for (const adjoint of [false, true]) {
      for (const q of [0, 2]) {
        const theta = new Float64Array(3 * batch).map(() => rng.uniformIn(-3, 3));
        const init = new Float64Array(2 * batch * 4 ** n).map(() => rng.normal());
        const a = be.fromArray(2 * n, batch, init);
        applyGateDensity(be, a, n, u3, [q], theta, adjoint);
        // reference: per batch element, U (or U^dagger) on q, its conjugate on q + n
        const mats = new Float64Array(8 * batch);
        for (let b = 0; b < batch; b++) {
          const u = u3.matrix(theta.subarray(3 * b, 3 * b + 3));
          const m = adjoint
            ? Float64Array.of(u[0]!, -u[1]!, u[4]!, -u[5]!, u[2]!, -u[3]!, u[6]!, -u[7]!)
            : u;
          mats.set(m, 8 * b);
        }
        const r = be.fromArray(2 * n, batch, init);
        be.applyDense(r, [q], mats);
        be.applyDense(r, [q + n], conjugate(mats));
        const x = be.toArray(a);
        const y = be.toArray(r);
        let diff = 0;
        for (let i = 0; i < x.length; i++) diff = Math.max(diff, Math.abs(x[i]! - y[i]!));
        expect(diff).toBeLessThan(1e-12);
        // the gate did something (the comparison can fail)
        let moved = 0;
        for (let i = 0; i < x.length; i++) moved = Math.max(moved, Math.abs(x[i]! - init[i]!));
        expect(moved).toBeGreaterThan(1e-3);
        be.free(a);
        be.free(r);
      }
    }
  });
});
