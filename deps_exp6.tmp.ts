import * as z from "zod/mini";
const nonNegInt = z.int({ error: "expected a non-negative integer" }).check(z.nonnegative({ error: "expected a non-negative integer" }));
const real = z.union([z.number(), z.string()], { error: "expected a finite number or a number expression" });
const A = z.strictObject({ kind: z.literal("const"), value: real });
const B = z.strictObject({ kind: z.literal("param"), param: nonNegInt });
const U = z.discriminatedUnion("kind", [A, B], { error: (iss) => `x ${iss.code} ${JSON.stringify(iss)}` });
const root = z.strictObject({ ops: z.array(z.strictObject({ qubits: z.array(nonNegInt), angles: z.array(U) })) }, { error: (iss) => iss.code === "unrecognized_keys" ? `unknown key(s) ${iss.keys}` : undefined });
for (const v of [
  { ops: [{ qubits: [1, -1], angles: [] }] },
  { ops: [{ qubits: [1.5], angles: [] }] },
  { ops: [{ qubits: ["a"], angles: [] }] },
  { ops: [{ qubits: [1], angles: [{ kind: "mystery" }] }] },
  { ops: [{ qubits: [1], angles: [{ kind: "const", value: null }] }] },
  { ops: [{ qubits: [1], angles: [{ kind: "const", value: 1, extra: 2 }] }] },
  { ops: [{ qubits: [1], angles: [] }], zzz: 1 },
  { ops: [{ qubits: [1], angles: [], zzz: 3 }] },
  { ops: 5 },
  5,
]) {
  const r = z.safeParse(root, v);
  console.log(JSON.stringify(v), "=>", r.success ? "ok" : JSON.stringify(r.error.issues));
}
