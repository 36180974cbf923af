import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  formatComplex,
  formatReal,
  INSPECT_CUSTOM,
  leadingValues,
} from "../../src/tensor/format.js";

describe("value formatting for printouts", () => {
  it("formats reals in 4 significant digits, integers exactly, extremes with exponents", () => {
    expect(formatReal(Math.SQRT1_2)).toBe("0.7071");
    expect(formatReal(-3)).toBe("-3");
    expect(formatReal(-0)).toBe("0");
    expect(formatReal(1.5e-7)).toBe("1.500e-7");
    expect(formatReal(123456789.5)).toBe("1.235e+8");
    expect(formatReal(Math.PI, 6)).toBe("3.14159");
    expect(formatReal(Number.NaN)).toBe("NaN");
  });

  it("formats complex numbers as re+imi, and zero as 0", () => {
    expect(formatComplex(Math.SQRT1_2, 0)).toBe("0.7071+0i");
    expect(formatComplex(0.5, -0.25)).toBe("0.5-0.25i");
    expect(formatComplex(0, 1)).toBe("0+1i");
    expect(formatComplex(1, -0)).toBe("1+0i");
    expect(formatComplex(0, 0)).toBe("0");
  });

  it("shows the leading values nested like the array, with ... where values are left out", () => {
    const idx = (i: number) => String(i);
    expect(leadingValues([2, 3], idx)).toBe("[[0, 1, 2], [3, 4, 5]]");
    expect(leadingValues([100], idx)).toBe("[0, 1, 2, 3, 4, 5, 6, 7, ...]");
    expect(leadingValues([4, 4], idx)).toBe("[[0, 1, 2, 3], [4, 5, 6, 7], ...]");
    expect(leadingValues([2, 10], idx)).toBe("[[0, 1, 2, 3, 4, 5, 6, 7, ...], ...]");
    expect(leadingValues([], idx)).toBe("0");
    expect(leadingValues([0], idx)).toBe("[]");
  });

  it("uses Node's registered inspect symbol", () => {
    expect(INSPECT_CUSTOM).toBe(inspect.custom);
  });
});
