/**
 * Paddle Quantum's layer templates, lowered to gate operations. Each template owns one
 * `Parameter` (shape as in Paddle: [depth, ...]) initialized from the circuit's seeded generator.
 */
import { ArgumentError } from "../../errors.js";
import type { Parameter } from "../../tensor/index.js";
import { getGate } from "../gates/table.js";
import type { AngleSource } from "./operation.js";

/** One gate of a template: its name, qubits and angle sources. */
export interface TemplateGate {
  /** Gate-table name. */
  gate: string;
  /** The circuit qubits it acts on. */
  qubits: number[];
  /** One source per gate parameter. */
  angles: AngleSource[];
}

/**
 * Reads parameter entries in order: `next()` is the source of the next angle.
 * @example
 * const next = paramCursor(theta);
 * next(); // { kind: "param", param: theta, index: 0, scale: 1 }
 * next().index; // 1
 */
export function paramCursor(param: Parameter): () => AngleSource {
  let i = 0;
  return () => ({ kind: "param", param, index: i++, scale: 1 });
}

const fixedAngle = (value: number): AngleSource => ({ kind: "const", value });

function ring(qs: readonly number[]): number[][] {
  return qs.map((q, i) => [q, qs[(i + 1) % qs.length]!]);
}

function chain(qs: readonly number[]): number[][] {
  return qs.slice(0, -1).map((q, i) => [q, qs[i + 1]!]);
}

/**
 * The parameter shape of a template on `nq` qubits.
 * @example
 * templateShape("realEntangled", 3, 2); // [2, 3]
 */
export function templateShape(name: TemplateName, nq: number, depth: number): number[] {
  switch (name) {
    case "superposition":
    case "weakSuperposition":
      return [];
    case "linearEntangled":
      return [depth, nq, 2];
    case "realEntangled":
      return [depth, nq];
    case "complexEntangled":
      return [depth, nq, 3];
    case "realBlock":
      return [depth, nq - 1, 4];
    case "complexBlock":
      return [depth, nq - 1, 12];
  }
}

/** The layer templates (Paddle Quantum's names). */
export type TemplateName =
  | "superposition"
  | "weakSuperposition"
  | "linearEntangled"
  | "realEntangled"
  | "complexEntangled"
  | "realBlock"
  | "complexBlock";

/**
 * The gates of a template on qubits `qs`, `depth` times, reading angles from `next`.
 * @example
 * const theta = new Parameter(new Float64Array(6), templateShape("realEntangled", 3, 2));
 * templateGates("realEntangled", [0, 1, 2], 2, paramCursor(theta)).length; // 12: ry x3, cnot ring, twice
 */
export function templateGates(
  name: TemplateName,
  qs: readonly number[],
  depth: number,
  next: () => AngleSource,
): TemplateGate[] {
  const out: TemplateGate[] = [];
  const g1 = (gate: string, q: number, angles: AngleSource[] = []) =>
    out.push({ gate, qubits: [q], angles });
  const cnots = (pairs: number[][]) => {
    for (const p of pairs) out.push({ gate: "cnot", qubits: p, angles: [] });
  };
  if (name !== "superposition" && name !== "weakSuperposition" && qs.length < 2) {
    throw new ArgumentError(`${name}Layer needs at least 2 qubits, got ${qs.length}`);
  }
  for (let d = 0; d < depth; d++) {
    switch (name) {
      case "superposition":
        for (const q of qs) g1("h", q);
        break;
      case "weakSuperposition":
        for (const q of qs) g1("ry", q, [fixedAngle(Math.PI / 4)]);
        break;
      case "linearEntangled": {
        // parameters [d, q, 0] for RY and [d, q, 1] for RZ, read in Paddle's layout
        const ry: AngleSource[] = [];
        const rz: AngleSource[] = [];
        for (let i = 0; i < qs.length; i++) {
          ry.push(next());
          rz.push(next());
        }
        qs.forEach((q, i) => {
          g1("ry", q, [ry[i]!]);
        });
        cnots(chain(qs));
        qs.forEach((q, i) => {
          g1("rz", q, [rz[i]!]);
        });
        cnots(chain(qs));
        break;
      }
      case "realEntangled":
        for (const q of qs) g1("ry", q, [next()]);
        cnots(ring(qs));
        break;
      case "complexEntangled":
        for (const q of qs) g1("u3", q, [next(), next(), next()]);
        cnots(ring(qs));
        break;
      case "realBlock":
      case "complexBlock": {
        // blocks on (0,1), (2,3), ... then (1,2), (3,4), ... as Paddle's RealBlockLayer
        const firstPairs: number[][] = [];
        const secondPairs: number[][] = [];
        for (let i = 0; i + 1 < qs.length; i += 2) firstPairs.push([qs[i]!, qs[i + 1]!]);
        for (let i = 1; i + 1 < qs.length; i += 2) secondPairs.push([qs[i]!, qs[i + 1]!]);
        for (const [a, b] of [...firstPairs, ...secondPairs]) {
          if (name === "realBlock") {
            g1("ry", a!, [next()]);
            g1("ry", b!, [next()]);
            out.push({ gate: "cnot", qubits: [a!, b!], angles: [] });
            g1("ry", a!, [next()]);
            g1("ry", b!, [next()]);
          } else {
            g1("u3", a!, [next(), next(), next()]);
            g1("u3", b!, [next(), next(), next()]);
            out.push({ gate: "cnot", qubits: [a!, b!], angles: [] });
            g1("u3", a!, [next(), next(), next()]);
            g1("u3", b!, [next(), next(), next()]);
          }
        }
        break;
      }
    }
  }
  for (const t of out) getGate(t.gate);
  return out;
}
