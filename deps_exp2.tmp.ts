import * as z from "zod/mini";
const s = z.strictObject({ a: z.number().check(z.int(), z.nonnegative()), b: z.array(z.union([z.number(), z.string()])) });
console.log(s.safeParse({ a: 1, b: [1] }).success);
