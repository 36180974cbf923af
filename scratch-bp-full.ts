import * as b from "./tutorials/barren-plateaus.js";
const t0 = Date.now();
const r = await b.run({ quick: false, seed: 1, log: (l) => console.log(l), progress: () => {} });
console.log(Date.now() - t0, "ms", JSON.stringify(r.headline));
