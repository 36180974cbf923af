import { Complex } from "complex.js";
const c: Complex = new Complex(1, 2);
console.log(c.mul(c).toString(), Object.keys(c), c instanceof Complex, "re" in c);
