import { tensor, Complex } from "./src/index.js";
const t = tensor([[1, 2], [3, 4]]);
const a = t.toNdarray();
console.log(a.shape, a.stride, a.get(1, 0), a.dtype);
const c = tensor([[[1, 2], [3, 4]]], { dtype: "complex128" });
const b = c.toNdarray(); console.log(b.shape, b.get(0, 1, 0), b.get(0, 1, 1));
console.log(t.mul(new Complex(0, 1)).toArray(), t.add({ re: 1, im: -1 }).dtype);
console.log(tensor(new Complex(1, 2)).toArray(), tensor([new Complex(1, 2), { re: 3, im: 0 }]).toArray());
console.log(tensor(5).toNdarray().shape, tensor(5).toNdarray().get());
