/**
 * The tensor/autograd framework: float64 and complex128 tensors, reverse-mode autograd,
 * nn modules, losses and optimizers. Everything public is re-exported here.
 *
 * Layout: `tensor.ts` (the Tensor class), `creation.ts` (tensor(), zeros, randn, ...),
 * `autograd.ts` (grad mode, customOp, the iterative backward engine, anomaly detection),
 * `ops/` (primitives with forward and gradient rule side by side, typed
 * `Record<PrimitiveOp, GradRule>` in `ops/rules.ts`; derived ops in `ops/derived.ts` carry no
 * backward code), `gradcheck.ts`, `nn/` (Module, Parameter, layers, losses), `optim/`.
 *
 * Complex gradients follow PyTorch: for a real loss L and z = x + iy the stored `z.grad` is
 * dL/dx + i dL/dy (= 2 dL/dz*), so `z - lr * z.grad` descends. For L = |z|^2 that is 2z:
 * ```ts
 * const z = tensor([[3, 4]], { dtype: "complex128", requiresGrad: true }); // z = 3 + 4i
 * z.abs().square().sum().backward();
 * z.grad!.toArray(); // [[6, 8]] = 2z
 * ```
 * A custom op that is holomorphic, w = f(z), passes back `conj(f'(z)) * gradOutput`; one that
 * takes real inputs to a complex output passes back the complex cotangent and the engine keeps
 * its real part.
 *
 * The contract with the quantum layer: a Circuit is a `Module`; its forward value is a `State`
 * (a non-Tensor `Differentiable`) recorded with `customOp`; the engine accumulates cotangents
 * per Differentiable (a Map keyed by object) and always passes Tensors as cotangents.
 *
 * @example
 * import { tensor, Linear, Sequential, Tanh, Adam, mseLoss } from "./index.js";
 * const net = new Sequential(new Linear(2, 4, { seed: 1 }), new Tanh(), new Linear(4, 1, { seed: 2 }));
 * const opt = new Adam(net.parameters(), { lr: 0.01 });
 * opt.zeroGrad();
 * mseLoss(net.forward(tensor([[0.1, 0.2]])), tensor([[1]])).backward();
 * opt.step();
 */
export * from "./autograd.js";
export * from "./creation.js";
export * from "./gradcheck.js";
export * from "./nn/layers.js";
export * from "./nn/losses.js";
export * from "./nn/module.js";
export * from "./nn/parameter.js";
export * from "./ops/index.js";
export * from "./optim/adaptive.js";
export * from "./optim/cobyla.js";
export * from "./optim/lbfgs.js";
export * from "./optim/nelder-mead.js";
export * from "./optim/optimizer.js";
export * from "./optim/scheduler.js";
export * from "./optim/sgd.js";
export * from "./optim/spsa.js";
export { broadcastShapes } from "./shape.js";
export * from "./tensor.js";
