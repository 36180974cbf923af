/**
 * Extra positional arguments are an error (plain JS would otherwise drop them silently, as in
 * `c.rx(0, 0.5)` meant as an angle): every Circuit builder method and the other common calls
 * accept their documented arguments (trailing ones `undefined`) and refuse one more.
 */
import { describe, expect, it } from "vitest";
import * as q from "../src/index.js";
import { POSITIONAL_CALLS } from "./api-calls.js";

describe("extra positional arguments are refused", () => {
  it.each(POSITIONAL_CALLS)("%s takes at most %i arguments", (where, max, call, leading) => {
    const args = [...leading, ...Array(max - leading.length).fill(undefined)];
    expect(() => call(...args)).not.toThrow();
    expect(() => call(...args, 0.5)).toThrow(q.ArgumentError);
    expect(() => call(...args, 0.5)).toThrow(
      `${where}: expected at most ${max} argument${max === 1 ? "" : "s"}, got ${max + 1}`,
    );
  });

  it("c.rx(0, 0.5) with a number for the angle names the fix", () => {
    expect(() => new q.Circuit(1).rx(0, 0.5 as never)).toThrow(/pass \{ param: 0.5 \}/);
    // @ts-expect-error: a third argument, as plain JS may pass
    expect(() => new q.Circuit(1).rx(0, {}, 0.5)).toThrow(
      "Circuit.rx: expected at most 2 arguments, got 3",
    );
  });
});
