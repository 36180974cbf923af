import { describe, expect, it } from "vitest";
import { expecVal } from "../../src/qml/expecval.js";
import { finiteDifferences } from "../../src/qml/finitediff.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { tensor } from "../../src/tensor/index.js";

function build(seed: number): Circuit {
  const c = new Circuit(3, { seed });
  c.angleEncoding({ gate: "ry" });
  c.u3("full");
  c.crx("cycle");
  c.universalTwoQubits([0, 2]);
  return c;
}

describe("finite-difference gradient method", () => {
  it("agrees with the adjoint method on parameters and batched data", () => {
    const H = "0.5 Z0 Z1 - 0.3 X2 + 0.2 Y0 Y2";
    const grads = (method: "adjoint" | "fd") => {
      const c = build(3);
      if (method === "fd") c.gradMethod = finiteDifferences();
      const x = tensor(
        [
          [0.1, -0.4, 0.9],
          [1.2, 0.3, -0.7],
        ],
        { requiresGrad: true },
      );
      expecVal(c.forward(undefined, x), H).sum().backward();
      return {
        params: c.parameters().flatMap((p) => Array.from(p.grad!.data)),
        data: Array.from(x.grad!.data),
      };
    };
    const a = grads("adjoint");
    const f = grads("fd");
    expect(f.params.length).toBe(a.params.length);
    for (let i = 0; i < a.params.length; i++)
      expect(Math.abs(a.params[i]! - f.params[i]!)).toBeLessThan(1e-7);
    for (let i = 0; i < a.data.length; i++)
      expect(Math.abs(a.data[i]! - f.data[i]!)).toBeLessThan(1e-7);
  });

  it("rejects a bad step", () => {
    expect(() => finiteDifferences({ h: 0 })).toThrow(/positive/);
  });
});
