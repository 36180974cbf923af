import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import {
  partialTrace,
  partialTraceContiguous,
  partialTranspose,
  pureDensity,
  randomDensityOperator,
  randomStateVector,
  reducedState,
} from "../../src/qinfo/index.js";
import { expandOperator, fromRows, identity, kron, maxAbsDiff } from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";

const half = (m: Float64Array): Float64Array => m.map((x) => x / 2);

describe("partial trace", () => {
  it("of one qubit of a Bell pair is I/2, on both sides and from a State or a matrix", () => {
    const bell = State.bell();
    const rho = pureDensity(bell.toArray());
    for (const q of [0, 1]) {
      expect(maxAbsDiff(reducedState(bell, [q]).data, half(identity(2)))).toBeLessThan(1e-14);
      expect(maxAbsDiff(reducedState(rho, [q]).data, half(identity(2)))).toBeLessThan(1e-14);
    }
    expect(maxAbsDiff(partialTraceContiguous(rho, 2, 2, "A").data, half(identity(2)))).toBeLessThan(
      1e-14,
    );
  });

  it("of a tensor product returns the factors (contiguous and by qubit list)", () => {
    const a = randomDensityOperator(1, { seed: 1 });
    const b = randomDensityOperator(2, { seed: 2 });
    const ab = kron(a, b);
    expect(maxAbsDiff(partialTraceContiguous(ab, 2, 4, "B").data, a)).toBeLessThan(1e-14);
    expect(maxAbsDiff(partialTraceContiguous(ab, 2, 4, "A").data, b)).toBeLessThan(1e-14);
    expect(maxAbsDiff(partialTrace(ab, [1, 2]).data, a)).toBeLessThan(1e-14);
    expect(maxAbsDiff(partialTrace(ab, [0]).data, b)).toBeLessThan(1e-14);
  });

  it("on a non-contiguous subset matches a permuted tensor product", () => {
    // rho = a (q0) x b (q1) x c (q2); tracing q1 leaves a x c; keep [2, 0] gives c x a.
    const [a, b, c] = [3, 4, 5].map((s) => randomDensityOperator(1, { seed: s }));
    const abc = kron(kron(a!, b!), c!);
    expect(maxAbsDiff(partialTrace(abc, [1]).data, kron(a!, c!))).toBeLessThan(1e-14);
    expect(maxAbsDiff(reducedState(abc, [2, 0]).data, kron(c!, a!))).toBeLessThan(1e-14);
  });

  it("from amplitudes equals the trace of the full density matrix on random states", () => {
    const psi = State.fromAmplitudes(randomStateVector(4, { seed: 9 }));
    const rho = pureDensity(psi.toArray());
    for (const keep of [[0], [3, 1], [0, 2, 3], [1, 2]]) {
      expect(maxAbsDiff(reducedState(psi, keep).data, reducedState(rho, keep).data)).toBeLessThan(
        1e-14,
      );
    }
  });

  it("validates its arguments", () => {
    const rho = randomDensityOperator(2, { seed: 1 });
    expect(() => partialTrace(rho, [2]).data).toThrow(ArgumentError);
    expect(() => partialTrace(rho, [0, 0]).data).toThrow(/repeated/);
    expect(() => partialTraceContiguous(rho, 2, 3, "A").data).toThrow(ShapeError);
    expect(() => partialTraceContiguous(rho, 2, 2, "C" as "A").data).toThrow(/traceOut/);
    expect(() => reducedState(new Float64Array(6), [0]).data).toThrow(ShapeError);
  });
});

describe("partial transpose", () => {
  it("of the Bell state |phi+><phi+| on qubit 1 is SWAP / 2", () => {
    const swap = fromRows([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    const rho = pureDensity(State.bell().toArray());
    expect(maxAbsDiff(partialTranspose(rho, [1]).data, half(swap))).toBeLessThan(1e-15);
    expect(maxAbsDiff(partialTranspose(rho, [0]).data, half(swap))).toBeLessThan(1e-15);
  });

  it("transposes exactly the factor of a product operator", () => {
    const a = randomDensityOperator(1, { seed: 7 });
    const b = fromRows([
      [1, [0, 2]],
      [[3, 1], 4],
    ]);
    const bt = fromRows([
      [1, [3, 1]],
      [[0, 2], 4],
    ]);
    expect(maxAbsDiff(partialTranspose(kron(a, b), [1]).data, kron(a, bt))).toBeLessThan(1e-15);
    // transposing every qubit is the full transpose: T(X on q0, 2 qubits) = itself
    const x = expandOperator(
      fromRows([
        [0, 1],
        [1, 0],
      ]),
      [0],
      2,
    );
    expect(maxAbsDiff(partialTranspose(x, [0, 1]).data, x)).toBe(0);
  });
});
