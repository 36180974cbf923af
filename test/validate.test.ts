import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../src/validate.js";

interface Demo {
  depth?: number;
  param?: number;
}

describe("checkOptions and checkArity", () => {
  const keys = optionKeys<Demo>({ depth: true, param: true });

  it("accepts undefined, {} and valid keys with any value (undefined included)", () => {
    expect(keys).toEqual(["depth", "param"]);
    expect(() => checkOptions(undefined, keys, "f")).not.toThrow();
    expect(() => checkOptions({}, keys, "f")).not.toThrow();
    expect(() => checkOptions({ depth: undefined, param: 2 }, keys, "f")).not.toThrow();
  });

  it("refuses an unknown key with the valid ones and a close match, and non-objects", () => {
    expect(() => checkOptions({ depht: 2 }, keys, "f")).toThrow(
      new ArgumentError(
        "f: unknown option 'depht' (did you mean 'depth'?); valid options: depth, param",
      ),
    );
    expect(() => checkOptions({ zzz: 1 }, keys, "f")).toThrow(
      "f: unknown option 'zzz'; valid options: depth, param",
    );
    for (const bad of [null, 3, "x", [1], new Float64Array(2)]) {
      expect(() => checkOptions(bad, keys, "f")).toThrow(
        /f: options must be an object \{ depth, param \}/,
      );
    }
  });

  it("mergeKeys joins lists once; checkArity counts arguments", () => {
    expect(mergeKeys(keys, ["param", "seed"])).toEqual(["depth", "param", "seed"]);
    expect(() => checkArity(2, 2, "g")).not.toThrow();
    expect(() => checkArity(3, 2, "g")).toThrow("g: expected at most 2 arguments, got 3");
    expect(() => checkArity(1, 0, "g")).toThrow("g: expected at most 0 arguments, got 1");
  });
});
