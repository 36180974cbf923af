/**
 * `datasets`: qoar's bundled datasets, seeded toy generators, splitting, standardization and
 * Paddle Quantum's named encodings, as one namespace object.
 */
export { breastCancer, digits, iris } from "./bundled.js";
export { checkDataset, type Dataset, type DatasetOptions, makeDataset as make } from "./dataset.js";
export {
  addEncoding,
  ENCODING_NAMES,
  type EncodingName,
  type EncodingOptions,
  encode,
  type GateEncodingName,
} from "./encodings.js";
export { type CircleOptions, circle, type GeneratorOptions, moons, xor } from "./generators.js";
export { type FeatureScaling, type SplitOptions, standardize, trainTestSplit } from "./split.js";
