/**
 * The learning part of `algorithms/`: datasets, the training loop, classifiers, quantum kernels
 * and the SVM, re-exported for `src/index.ts`.
 */

export {
  VariationalClassifier,
  type VariationalClassifierOptions,
} from "./classifier.js";
export type { Dataset } from "./datasets/dataset.js";
export * as datasets from "./datasets/index.js";
export {
  type EarlyStopping,
  type EpochRecord,
  type FitOptions,
  type FitResult,
  fit,
  type LossFunction,
  predictedClasses,
  type StepOptimizer,
  type Trainable,
} from "./fit.js";
export { QuantumKernel, type QuantumKernelOptions } from "./kernel.js";
export { type BinarySvm, type KernelLike, SVM, type SvmOptions, smo } from "./svm.js";
export { VSQL, type VsqlOptions } from "./vsql.js";
