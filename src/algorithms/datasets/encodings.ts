/**
 * Paddle Quantum's dataset encodings by name: "angle", "pauli-rotation", "iqp", "entangled"
 * (gates whose angles read data columns, so a batch of samples is one batched run) and
 * "amplitude" (the rows as amplitudes of the input state). Built on the circuit's
 * `angleEncoding` and qml's `iqpEncoding` / `amplitudeEncoding`.
 */
import { ArgumentError, describe } from "../../errors.js";
import { amplitudeEncoding, iqpEncoding } from "../../qml/encoding.js";
import { Circuit, featureColumns } from "../../quantum/circuit/circuit.js";
import type { State } from "../../quantum/state/state.js";
import { Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";

/** The gate encodings. */
export type GateEncodingName = "angle" | "pauli-rotation" | "iqp" | "entangled";
/** Every named encoding. */
export type EncodingName = GateEncodingName | "amplitude";

/** The names {@link addEncoding} and {@link encode} accept. */
export const ENCODING_NAMES: readonly EncodingName[] = Object.freeze([
  "angle",
  "pauli-rotation",
  "iqp",
  "entangled",
  "amplitude",
]);

/** Options of {@link addEncoding}. */
export interface EncodingOptions {
  /**
   * The data columns read (default: the next unread ones): n per layer for angle, iqp and
   * entangled, 3n for pauli-rotation (RY, RZ, RY per qubit). Naming earlier columns re-uploads.
   */
  features?: readonly number[];
  /** Layers of the encoding, each reading the same columns (default 1). */
  depth?: number;
  /** Angle = scale * feature for angle, pauli-rotation and entangled (default 1). */
  scale?: number;
}

const ENCODING_OPTIONS = optionKeys<EncodingOptions>({ features: true, depth: true, scale: true });

/** How many data columns one layer of `name` reads on n qubits. */
export function encodingWidth(name: GateEncodingName, nQubits: number): number {
  return name === "pauli-rotation" ? 3 * nQubits : nQubits;
}

/**
 * Appends the named gate encoding to `circuit` (all its qubits) and returns the circuit.
 * @example
 * const c = new Circuit(2);
 * addEncoding(c, "iqp", { depth: 2 });
 * addEncoding(c, "angle", { features: [0, 1] }); // re-uploads columns 0 and 1
 */
export function addEncoding(
  circuit: Circuit,
  name: GateEncodingName,
  options: EncodingOptions = {},
): Circuit {
  checkArity(arguments.length, 3, "addEncoding");
  if (!(circuit instanceof Circuit))
    throw new ArgumentError(`addEncoding: circuit must be a Circuit, got ${describe(circuit)}`);
  checkOptions(options, ENCODING_OPTIONS, "addEncoding");
  if (!ENCODING_NAMES.includes(name) || name === ("amplitude" as string))
    throw new ArgumentError(
      `addEncoding: name must be one of angle, pauli-rotation, iqp, entangled, got ${describe(name)}` +
        (name === ("amplitude" as string)
          ? " (amplitude encoding makes the input state: use encode)"
          : ""),
    );
  const depth = options.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1)
    throw new ArgumentError(
      `addEncoding: depth must be a positive integer, got ${describe(depth)}`,
    );
  const scale = options.scale ?? 1;
  if (typeof scale !== "number" || !Number.isFinite(scale))
    throw new ArgumentError(`addEncoding: scale must be a finite number, got ${describe(scale)}`);
  const n = circuit.nQubits;
  const cols = featureColumns(
    options.features,
    encodingWidth(name, n),
    circuit.featureCount,
    "addEncoding",
  );
  for (let d = 0; d < depth; d++) {
    if (name === "angle") circuit.angleEncoding({ gate: "ry", scale, features: cols });
    else if (name === "iqp") iqpEncoding(circuit, { features: cols });
    else if (name === "entangled") {
      circuit.angleEncoding({ gate: "ry", scale, features: cols });
      if (n > 1) circuit.cnot(n > 2 ? "cycle" : "linear");
    } else {
      const every = (k: number) => cols.filter((_, i) => i % 3 === k);
      circuit.angleEncoding({ gate: "ry", scale, features: every(0) });
      circuit.angleEncoding({ gate: "rz", scale, features: every(1) });
      circuit.angleEncoding({ gate: "ry", scale, features: every(2) });
    }
  }
  return circuit;
}

/**
 * Encodes the rows of `x` ([batch, features]) as a batch of `nQubits`-qubit states with the
 * named encoding (Paddle's `dataset` encodings), all rows in one batched run.
 * @example
 * const psi = encode(datasets.iris().x, "amplitude", 2); // 150 states of 2 qubits
 */
export function encode(
  x: Tensor,
  name: EncodingName,
  nQubits: number,
  options: EncodingOptions = {},
): State {
  checkArity(arguments.length, 4, "encode");
  if (!(x instanceof Tensor))
    throw new ArgumentError(`encode: x must be a tensor [batch, features], got ${describe(x)}`);
  if (name === "amplitude") {
    checkOptions(options, [], "encode (amplitude)");
    return amplitudeEncoding(x, nQubits);
  }
  if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > 24)
    throw new ArgumentError(
      `encode: nQubits must be an integer in [1, 24], got ${describe(nQubits)}`,
    );
  const c = addEncoding(new Circuit(nQubits), name, options);
  return c.forward(undefined, x);
}
