/**
 * `Module`: the base of every layer (and of the quantum `Circuit`). It finds its parameters and
 * submodules from explicit registration plus its own enumerable properties holding a
 * `Parameter`, a `Module` or an array of Modules (PyTorch-like convenience).
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { Tensor } from "../tensor.js";
import { Parameter } from "./parameter.js";

/** One entry of a state dict: JSON-able. */
export interface StateEntry {
  /** The tensor's shape. */
  shape: number[];
  /** The tensor's dtype. */
  dtype: "float64" | "complex128";
  /** The raw doubles (complex interleaved re, im). */
  data: number[];
}

/** A module's parameters by dotted name. */
export type StateDict = Record<string, StateEntry>;

/**
 * Base class of layers. Subclasses set parameters/submodules as properties (or register them)
 * and implement `forward`.
 * @example
 * class Affine extends Module {
 *   w = new Parameter(new Float64Array([2]), [1]);
 *   override forward(x: Tensor) { return x.mul(this.w); }
 * }
 */
export class Module {
  /** Training mode (Dropout is active only in training). */
  training = true;
  private readonly registeredParams = new Map<string, Parameter>();
  private readonly registeredModules = new Map<string, Module>();

  /** The computation; subclasses override. */
  // biome-ignore lint/suspicious/noExplicitAny: subclasses choose their signature (the public contract)
  forward(..._args: any[]): any {
    throw new ArgumentError(`${this.constructor.name}.forward is not implemented`);
  }

  /**
   * Registers a trainable tensor under `name`: a `Parameter`, or any leaf tensor with
   * `requiresGrad`, which is then trained in place (listed by `parameters()`, so optimizers
   * update it, and its `grad` receives the gradients).
   * @example
   * this.registerParameter("scale", new Parameter(new Float64Array([1]), [1]));
   */
  registerParameter(name: string, p: Parameter | Tensor): void {
    checkArity(arguments.length, 2, `${this.constructor.name}.registerParameter`);
    const trainable = p instanceof Parameter || (p instanceof Tensor && p.requiresGrad && p.isLeaf);
    if (!trainable) {
      throw new ArgumentError(
        `registerParameter: "${name}" must be a Parameter or a leaf tensor with requiresGrad, got ${describe(p)}`,
      );
    }
    this.registeredParams.set(name, p as Parameter);
  }

  /**
   * Registers a submodule under `name`.
   * @example
   * this.registerModule("head", new Linear(4, 1));
   */
  registerModule(name: string, m: Module): void {
    checkArity(arguments.length, 2, `${this.constructor.name}.registerModule`);
    if (!(m instanceof Module))
      throw new ArgumentError(`registerModule: "${name}" is not a Module`);
    this.registeredModules.set(name, m);
  }

  private ownParams(): [string, Parameter][] {
    const out: [string, Parameter][] = [...this.registeredParams];
    for (const [k, v] of Object.entries(this))
      if (v instanceof Parameter && !this.registeredParams.has(k)) out.push([k, v]);
    return out;
  }

  /**
   * Direct submodules with their names.
   * @example
   * net.namedChildren(); // [["0", Linear], ...]
   */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [...this.registeredModules];
    for (const [k, v] of Object.entries(this)) {
      if (this.registeredModules.has(k)) continue;
      if (v instanceof Module) out.push([k, v]);
      else if (Array.isArray(v) && v.length > 0 && v.every((m) => m instanceof Module)) {
        v.forEach((m, i) => {
          out.push([`${k}.${i}`, m as Module]);
        });
      }
    }
    return out;
  }

  /**
   * Direct submodules.
   * @example
   * net.children().length;
   */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /**
   * Every parameter with its dotted name, each listed once.
   * @example
   * new Linear(2, 1).namedParameters(); // [["weight", ...], ["bias", ...]]
   */
  namedParameters(prefix = ""): [string, Parameter][] {
    checkArity(arguments.length, 1, `${this.constructor.name}.namedParameters`);
    const seen = new Set<Parameter>();
    const out: [string, Parameter][] = [];
    const stack: [string, Module][] = [[prefix, this]];
    const visitedModules = new Set<Module>();
    while (stack.length > 0) {
      const [pre, m] = stack.pop()!; // depth-first, in declaration order (PyTorch's order)
      if (visitedModules.has(m)) continue;
      visitedModules.add(m);
      for (const [k, p] of m.ownParams()) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push([pre ? `${pre}.${k}` : k, p]);
      }
      const kids = m.namedChildren();
      for (let i = kids.length - 1; i >= 0; i--) {
        const [k, c] = kids[i]!;
        stack.push([pre ? `${pre}.${k}` : k, c]);
      }
    }
    return out;
  }

  /**
   * Every parameter, each once.
   * @example
   * new Adam(net.parameters(), { lr: 0.01 });
   */
  parameters(): Parameter[] {
    checkArity(arguments.length, 0, `${this.constructor.name}.parameters`);
    return this.namedParameters().map(([, p]) => p);
  }

  /**
   * Sets training mode on this module and all submodules.
   * @example
   * net.train();
   */
  train(mode = true): this {
    checkArity(arguments.length, 1, `${this.constructor.name}.train`);
    const stack: Module[] = [this];
    const seen = new Set<Module>();
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      m.training = mode;
      stack.push(...m.children());
    }
    return this;
  }

  /**
   * Evaluation mode (`train(false)`).
   * @example
   * net.eval();
   */
  eval(): this {
    checkArity(arguments.length, 0, `${this.constructor.name}.eval`);
    return this.train(false);
  }

  /**
   * Clears the gradients of all parameters.
   * @example
   * net.zeroGrad();
   */
  zeroGrad(): void {
    checkArity(arguments.length, 0, `${this.constructor.name}.zeroGrad`);
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * The parameters as a JSON-able object: name -> { shape, dtype, data }.
   * @example
   * const saved = JSON.stringify(net.stateDict());
   */
  stateDict(): StateDict {
    checkArity(arguments.length, 0, `${this.constructor.name}.stateDict`);
    const out: StateDict = {};
    for (const [k, p] of this.namedParameters())
      out[k] = { shape: [...p.shape], dtype: p.dtype, data: Array.from(p.data) };
    return out;
  }

  /**
   * Copies values from a state dict into the parameters (in place). `strict` (default) requires
   * the same set of names.
   * @example
   * net.loadStateDict(JSON.parse(saved));
   */
  loadStateDict(state: StateDict, strict = true): void {
    checkArity(arguments.length, 2, `${this.constructor.name}.loadStateDict`);
    if (state === null || typeof state !== "object")
      throw new ArgumentError("loadStateDict: state must be an object");
    const params = new Map(this.namedParameters());
    if (strict) {
      const missing = [...params.keys()].filter((k) => !(k in state));
      const extra = Object.keys(state).filter((k) => !params.has(k));
      if (missing.length || extra.length) {
        throw new ArgumentError(
          `loadStateDict: missing keys [${missing.join(", ")}], unexpected keys [${extra.join(", ")}]`,
        );
      }
    }
    for (const [k, e] of Object.entries(state)) {
      const p = params.get(k);
      if (!p) continue;
      if (
        e === null ||
        typeof e !== "object" ||
        !Array.isArray(e.shape) ||
        !(Array.isArray(e.data) || ArrayBuffer.isView(e.data))
      ) {
        throw new ArgumentError(
          `loadStateDict: "${k}" must be { shape, dtype, data } as stateDict() writes it, got ${describe(e)}`,
        );
      }
      if (
        e.shape.length !== p.shape.length ||
        e.shape.some((d, i) => d !== p.shape[i]) ||
        e.dtype !== p.dtype
      ) {
        throw new ShapeError(
          `loadStateDict: "${k}" has shape [${e.shape.join(", ")}] (${e.dtype}), the parameter [${p.shape.join(", ")}] (${p.dtype})`,
        );
      }
      if (e.data.length !== p.data.length)
        throw new ShapeError(
          `loadStateDict: "${k}" has ${e.data.length} values, expected ${p.data.length}`,
        );
      p.data.set(e.data);
    }
  }
}

/**
 * Whether a value is a Tensor (helper for layers that accept tensors only).
 * @example
 * isTensor(tensor([1])); // true
 * isTensor([1]); // false
 */
export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
