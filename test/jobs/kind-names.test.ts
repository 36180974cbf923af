import { describe, expect, it } from "vitest";
import { BUILTIN_JOB_KINDS } from "../../src/jobs/kinds/index.js";
import { BUILTIN_JOB_KIND_NAMES } from "../../src/jobs/kinds/names.js";

describe("built-in job kind names", () => {
  it("are the names of BUILTIN_JOB_KINDS, in order (qoar worker --help lists them)", () => {
    expect(BUILTIN_JOB_KIND_NAMES).toEqual(BUILTIN_JOB_KINDS.map((k) => k.name));
  });
});
