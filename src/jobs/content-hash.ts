/**
 * The content hash of a job: SHA-256 of the canonical JSON (keys sorted) of its kind, the kind's
 * version, its input and its environment. Two submissions of the same work get the same key, so
 * a finished result is found and reused instead of computed again.
 */
import { createHash } from "node:crypto";
import { ArgumentError } from "../errors.js";
import type { JobEnvironment } from "./environment.js";

/**
 * JSON with object keys sorted at every level; throws an ArgumentError on what JSON cannot carry
 * exactly (NaN, Infinity, undefined inside arrays, functions, typed arrays, cycles).
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown, what = "input"): string {
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): string => {
    if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        throw new ArgumentError(`${path} must be a finite number for a job, got ${String(v)}`);
      }
      return JSON.stringify(v);
    }
    if (typeof v !== "object") {
      throw new ArgumentError(`${path} must be JSON data for a job, got a ${typeof v}`);
    }
    if (seen.has(v)) throw new ArgumentError(`${path} is circular; job input must be JSON data`);
    if (ArrayBuffer.isView(v)) {
      throw new ArgumentError(`${path} is a typed array; give a plain array for a job`);
    }
    seen.add(v);
    let out: string;
    if (Array.isArray(v)) {
      out = `[${v.map((x, i) => walk(x, `${path}[${i}]`)).join(",")}]`;
    } else {
      const keys = Object.keys(v)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort();
      out = `{${keys.map((k) => `${JSON.stringify(k)}:${walk((v as Record<string, unknown>)[k], `${path}.${k}`)}`).join(",")}}`;
    }
    seen.delete(v);
    return out;
  };
  return walk(value, what);
}

/**
 * The key of a job: hex SHA-256 of kind, kind version, input and environment.
 * @example
 * jobKey("chem.ground-state", 1, input, currentJobEnvironment()); // "3f2a..." (64 hex digits)
 */
export function jobKey(
  kind: string,
  kindVersion: number,
  input: unknown,
  env: JobEnvironment,
): string {
  const body = canonicalJson(input, "input");
  const text = `{"env":${canonicalJson(env, "env")},"input":${body},"kind":${JSON.stringify(kind)},"kindVersion":${kindVersion}}`;
  return createHash("sha256").update(text).digest("hex");
}
