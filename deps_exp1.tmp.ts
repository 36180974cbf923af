import * as z from "zod";
const s = z.strictObject({ a: z.number().int().nonnegative(), b: z.array(z.union([z.number(), z.string()])) });
console.log(s.safeParse({ a: 1, b: [1] }).success);
