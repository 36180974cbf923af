/**
 * Fuzzing the public API with wrong-typed arguments: whatever plain JS passes (undefined, a
 * string, NaN, {}, null, ...), qoar throws only QoarError subclasses with a message, never a raw
 * TypeError or RangeError from deep inside.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as q from "../src/index.js";
import { OPTION_CALLS, POSITIONAL_CALLS } from "./api-calls.js";

const WRONG: [string, unknown][] = [
  ["undefined", undefined],
  ["a string", "abc"],
  ["NaN", Number.NaN],
  ["{}", {}],
  ["null", null],
  ["-1", -1],
  ["[]", []],
  ["true", true],
];

// Not argument-taking API: they run callbacks or flip global modes, or are TS-private.
const SKIP = new Set([
  "noGrad",
  "enableGrad",
  "detectAnomaly",
  "setAnomalyDetection",
  "describe",
  "State.fromInterleaved",
  // complex.js's own class, re-exported so users can construct and test for qoar's scalars;
  // its constructor's errors are complex.js's
  "Complex",
]);

/** What a call threw, when it is not a QoarError (undefined when fine). */
async function stray(call: () => unknown): Promise<string | undefined> {
  try {
    const r = call();
    if (r instanceof Promise) await r;
  } catch (e) {
    if (e instanceof q.QoarError && e.message.length > 0) return undefined;
    return `${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`;
  }
  return undefined;
}

type AnyFn = (...args: unknown[]) => unknown;
const isClass = (f: unknown) =>
  typeof f === "function" && /^class[\s{]/.test(Function.prototype.toString.call(f));

/** Every function and class exported by src/index.ts and its qinfo namespace, with statics. */
function publicCallables(): [string, (args: unknown[]) => unknown][] {
  const out: [string, (args: unknown[]) => unknown][] = [];
  const add = (name: string, f: unknown) => {
    if (typeof f !== "function" || SKIP.has(name)) return;
    const ctor = isClass(f);
    out.push([
      name,
      (args) =>
        ctor ? new (f as new (...a: unknown[]) => unknown)(...args) : (f as AnyFn)(...args),
    ]);
    if (!ctor) return;
    for (const s of Object.getOwnPropertyNames(f)) {
      const m = (f as unknown as Record<string, unknown>)[s];
      if (typeof m === "function" && !SKIP.has(`${name}.${s}`))
        out.push([`${name}.${s}`, (args) => (m as AnyFn).apply(f, args)]);
    }
  };
  for (const [k, v] of Object.entries(q)) add(k, v);
  for (const [k, v] of Object.entries(q.qinfo)) add(`qinfo.${k}`, v);
  for (const [k, v] of Object.entries(q.datasets)) add(`datasets.${k}`, v);
  return out;
}

describe("wrong-typed arguments throw only QoarError subclasses", () => {
  it("every export of the public API, called with 0 to 3 wrong-typed arguments", async () => {
    const found: string[] = [];
    const callables = publicCallables();
    expect(callables.length).toBeGreaterThan(250);
    for (const [name, call] of callables) {
      for (let n = 0; n <= 3; n++) {
        for (const [what, v] of n === 0 ? WRONG.slice(0, 1) : WRONG) {
          const err = await stray(() => call(Array(n).fill(v)));
          if (err !== undefined) found.push(`${name}(${n} x ${what}): ${err}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("each argument of the Circuit builders and the common calls replaced by a wrong-typed value", async () => {
    const found: string[] = [];
    for (const [where, max, call, leading] of POSITIONAL_CALLS) {
      for (let i = 0; i < max; i++) {
        for (const [what, v] of WRONG) {
          const args = [...leading, ...Array(max - leading.length).fill(undefined)];
          args[i] = v;
          const err = await stray(() => call(...args));
          if (err !== undefined) found.push(`${where}: argument ${i} = ${what}: ${err}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("each option of every options-taking call set to a wrong-typed value", async () => {
    const found: string[] = [];
    for (const [where, keys, call, base = {}] of OPTION_CALLS) {
      for (const key of keys) {
        for (const [what, v] of WRONG) {
          const err = await stray(() => call({ ...base, [key]: v }));
          if (err !== undefined) found.push(`${where}: { ${key}: ${what} }: ${err}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("every public method of the main classes, called with 0 to 2 wrong-typed arguments", async () => {
    const H2 = q.Molecule.fromName("h2");
    const grad = () => q.tensor([1], { requiresGrad: true });
    const makers: [string, () => object][] = [
      [
        "Tensor",
        () =>
          q.tensor(
            [
              [1, 2],
              [3, 4],
            ],
            { requiresGrad: true },
          ),
      ],
      ["Circuit", () => new q.Circuit(2, { seed: 1 }).ry("full")],
      ["State", () => q.State.bell()],
      ["DensityMatrix", () => q.DensityMatrix.fromState(q.State.bell())],
      ["Hamiltonian", () => q.Hamiltonian.fromString("Z0 Z1 + 0.5 X0")],
      ["Molecule", () => H2],
      ["NoiseModel", () => new q.NoiseModel()],
      ["NoisyRun", () => new q.NoisyRun(q.DensityMatrix.zero(1), new q.NoiseModel())],
      ["FermionOperator", () => q.FermionOperator.term("1^ 0", 0.5)],
      ["QubitOperator", () => q.QubitOperator.fromList([[1, "Z0"]])],
      ["Channel", () => q.getChannel("depolarizing")],
      ["Adam", () => new q.Adam([grad()])],
      ["LBFGS", () => new q.LBFGS([grad()])],
      ["QNG", () => new q.QNG(new q.Circuit(1, { seed: 1 }).ry(0))],
      ["SPSA", () => new q.SPSA([grad()], { seed: 1 })],
      ["NelderMead", () => new q.NelderMead([grad()])],
      ["COBYLA", () => new q.COBYLA([grad()])],
      ["Rotosolve", () => new q.Rotosolve(new q.Circuit(1, { seed: 1 }).ry(0))],
      ["Rotoselect", () => new q.Rotoselect([0.1], ["x"])],
      ["SVM", () => new q.SVM({ kernel: "linear" }).fit(q.tensor([[0], [1]]), [0, 1])],
      ["QuantumKernel", () => new q.QuantumKernel({ nQubits: 1, featureMap: "angle" })],
      [
        "VariationalClassifier",
        () => new q.VariationalClassifier({ nQubits: 1, nFeatures: 1, layers: 1, seed: 1 }),
      ],
      ["VSQL", () => new q.VSQL({ nQubits: 2, nFeatures: 2, seed: 1 })],
      ["ClassicalShadow", () => q.classicalShadow(q.State.bell(), 4, { seed: 1 })],
      ["StepLR", () => new q.StepLR(new q.SGD([grad()]), 2)],
      ["Linear", () => new q.Linear(2, 1, { seed: 1 })],
      ["Sequential", () => new q.Sequential(new q.Linear(2, 1, { seed: 1 }))],
      ["QuantumLayer", () => new q.QuantumLayer(new q.Circuit(1).ry(0), "Z0")],
      ["UCCSD", () => new q.UCCSD(H2)],
      ["UpCCGSD", () => new q.UpCCGSD(H2, { k: 1 })],
      [
        "AdaptAnsatz",
        () => {
          const p = q.electronicProblem(H2);
          return new q.AdaptAnsatz(p, q.adaptPool(p).slice(0, 1), [0.1]);
        },
      ],
      ["BasisSet", () => new q.BasisSet(H2)],
      ["Rng", () => new q.Rng(1)],
      ["QAOA", () => new q.QAOA(q.maxCutHamiltonian([[0, 1]]))],
      ["CpuBackend", () => new q.CpuBackend({ threads: 1 })],
      [
        "LoccNet",
        () => {
          const net = new q.LoccNet();
          net.addParty("A", 1);
          net.addParty("B", 1);
          net.setInitialState(q.State.bell(), [
            ["A", 0],
            ["B", 0],
          ]);
          return net;
        },
      ],
    ];
    // TS-private or protected (not public API), and the ones that release or differentiate
    const notPublic = new Set(
      (
        "template ownParameter angleSources run fixed param adoptParameter countsOf rotatedTo " +
        "sampledExpectation sampledExpectationAsync shotGroups outcomeQubits mapQubits " +
        "accumulate label update addGrad setParams flatGrad flatParams lrAt ownParams " +
        "allocate allocateMany constructor free backward backwardAsync"
      ).split(" "),
    );
    const found: string[] = [];
    for (const [cls, make] of makers) {
      const names = new Set<string>();
      for (
        let p = Object.getPrototypeOf(make());
        p && p !== Object.prototype;
        p = Object.getPrototypeOf(p)
      ) {
        for (const n of Object.getOwnPropertyNames(p)) {
          const d = Object.getOwnPropertyDescriptor(p, n)!;
          if (typeof d.value === "function" && !notPublic.has(n)) names.add(n);
        }
      }
      for (const m of names) {
        for (let n = 0; n <= 2; n++) {
          for (const [what, v] of n === 0 ? WRONG.slice(0, 1) : WRONG) {
            const obj = make() as Record<string, AnyFn>;
            const err = await stray(() => obj[m]!(...Array(n).fill(v)));
            if (err !== undefined) found.push(`${cls}.${m}(${n} x ${what}): ${err}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("random mixtures of wrong values over every position (fast-check)", async () => {
    const junk = fc.oneof(
      fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, true, "", {}, []),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -3, max: 6 }),
      fc.double({ min: -4, max: 4 }),
      fc.array(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string({ maxLength: 3 })), {
        maxLength: 4,
      }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 5 }), {
        maxKeys: 3,
        noNullPrototype: true,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: POSITIONAL_CALLS.length - 1 }),
        fc.array(junk, { maxLength: 4 }),
        async (row, args) => {
          const [where, , call] = POSITIONAL_CALLS[row]!;
          const err = await stray(() => call(...args));
          if (err !== undefined) throw new Error(`${where}(${JSON.stringify(args)}): ${err}`);
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });

  it("the issue's examples: param: 'abc' and fci() without options", () => {
    const H2 = q.Molecule.fromName("h2");
    const ints = q.electronicProblem(H2).integrals;
    expect(() => new q.Circuit(1).ry(0, { param: "abc" as never })).toThrow(
      'ry: param must be a number, an array of numbers, a tensor or a Parameter, got "abc"',
    );
    expect(() => (q.fci as AnyFn)(ints)).toThrow(
      "fci: options { nAlpha, nBeta } are required (the electron counts)",
    );
    expect(() => (q.fci as AnyFn)()).toThrow(q.ArgumentError);
  });
});
