import { create, parseDependencies, piDependencies } from "mathjs/number";
const m = create({ parseDependencies, piDependencies });
const n: number = m.parse("pi").compile().evaluate();
console.log(n);
