/**
 * Data encodings (Paddle Quantum's `AngleEncoding`, `IQPEncoding`, `BasisEncoding`,
 * `AmplitudeEncoding`). The gate encodings add operations whose angles read `forward`'s data
 * tensor [batch, features], so a batch of samples runs as one batched simulation and gradients
 * reach the data through the circuit's backward; amplitude encoding builds the input `State`
 * itself from the data with tensor ops, so its gradient reaches the data through autograd.
 * Angle encoding is the builder method `circuit.angleEncoding(...)`.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { Circuit, featureColumns } from "../quantum/circuit/circuit.js";
import { formatQubitsIdx, type QubitsIdx } from "../quantum/circuit/qubits-idx.js";
import { getGate } from "../quantum/gates/table.js";
import { STATE_OPTIONS, State, type StateOptions } from "../quantum/state/state.js";
import { complex, concat, reshape, type Tensor, tensor, zeros } from "../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";

/** Options of `iqpEncoding`. */
export interface IqpEncodingOptions {
  /** Qubits that carry the features, in feature order (default all). */
  qubitsIdx?: QubitsIdx;
  /** Qubit pairs that get RZZ(x_i x_j) (default: every pair of `qubitsIdx`, Paddle's default). */
  pairs?: readonly (readonly [number, number])[];
  /** Repetitions of the H - RZ - RZZ layer (default 1); every repetition reads the same features. */
  depth?: number;
  /** The data columns read, one per qubit (default: the next unread ones; earlier ones re-upload). */
  features?: readonly number[];
}

const IQP_OPTIONS = optionKeys<IqpEncodingOptions>({
  qubitsIdx: true,
  pairs: true,
  depth: true,
  features: true,
});

/** The circuit qubits of a single-qubit `qubitsIdx` spec. */
function qubitList(circuit: Circuit, qubitsIdx: QubitsIdx | undefined, what: string): number[] {
  return formatQubitsIdx(qubitsIdx ?? "full", circuit.nQubits, 1, what).map((g) => g[0]!);
}

function checkDepth(depth: number | undefined, what: string): number {
  const d = depth ?? 1;
  if (!Number.isInteger(d) || d < 1)
    throw new ArgumentError(`${what}: depth must be a positive integer, got ${describe(depth)}`);
  return d;
}

/**
 * IQP encoding (Havlicek et al.; Paddle's `IQPEncoding`): per repetition, H on every qubit,
 * RZ(x_i) on qubit i, then RZZ(x_i x_j) on every pair (the CNOT-RZ-CNOT of Paddle's circuit is
 * exactly RZZ). Reads the next k features of the data tensor (k = number of qubits); the
 * gradient reaches x through the product rule on x_i x_j.
 * @example
 * const c = new Circuit(3);
 * iqpEncoding(c, { depth: 2 });
 * c.forward(undefined, tensor([[0.1, 0.2, 0.3]]));
 */
export function iqpEncoding(circuit: Circuit, options: IqpEncodingOptions = {}): Circuit {
  checkArity(arguments.length, 2, "iqpEncoding");
  if (!(circuit instanceof Circuit))
    throw new ArgumentError(`iqpEncoding: circuit must be a Circuit, got ${describe(circuit)}`);
  checkOptions(options, IQP_OPTIONS, "iqpEncoding");
  const qs = qubitList(circuit, options.qubitsIdx, "iqpEncoding: qubitsIdx");
  if (options.pairs !== undefined && !Array.isArray(options.pairs))
    throw new ArgumentError(
      `iqpEncoding: pairs must be an array of qubit pairs, got ${describe(options.pairs)}`,
    );
  const depth = checkDepth(options.depth, "iqpEncoding");
  const columns = featureColumns(options.features, qs.length, circuit.featureCount, "iqpEncoding");
  const featureOf = new Map(qs.map((q, i) => [q, columns[i]!]));
  const pairs: [number, number][] = [];
  if (options.pairs === undefined) {
    for (let i = 0; i < qs.length; i++)
      for (let j = i + 1; j < qs.length; j++) pairs.push([qs[i]!, qs[j]!]);
  } else {
    for (const p of options.pairs) {
      formatQubitsIdx([[...p]], circuit.nQubits, 2, "iqpEncoding: pairs");
      if (!featureOf.has(p[0]) || !featureOf.has(p[1])) {
        throw new ArgumentError(
          `iqpEncoding: pair ${describe(p)} uses a qubit outside qubitsIdx ${describe(qs)}`,
        );
      }
      pairs.push([p[0], p[1]]);
    }
  }
  const rz = getGate("rz");
  const rzz = getGate("rzz");
  for (let d = 0; d < depth; d++) {
    circuit.h([...qs]);
    for (const q of qs) {
      circuit.addOperation(
        rz,
        [q],
        [{ kind: "data", features: [featureOf.get(q)!], scale: 1 }],
        "iqp-rz",
      );
    }
    for (const [a, b] of pairs) {
      const features = [featureOf.get(a)!, featureOf.get(b)!];
      circuit.addOperation(rzz, [a, b], [{ kind: "data", features, scale: 1 }], "iqp-rzz");
    }
  }
  return circuit;
}

const BASIS_ENCODING_OPTIONS = optionKeys<OptionsOf<typeof basisEncoding, 1>>({ qubitsIdx: true });

/**
 * Basis encoding (Paddle's `BasisEncoding`): X on every qubit whose bit is 1, reading the next
 * k features (bits 0 or 1) of the data tensor; a batch of bit strings is one batched run. The
 * gate is U3(pi b, 0, pi b), which is exactly I for b = 0 and X for b = 1. Not differentiable
 * with respect to the data in any useful sense: bits are discrete, and the gradient a data
 * tensor with `requiresGrad` receives for these features is that of the smooth interpolation
 * U3(pi x, 0, pi x), meaningless for learning. Keep bit features out of gradient-based inputs.
 * @example
 * const c = new Circuit(3);
 * basisEncoding(c);
 * c.forward(undefined, tensor([[1, 0, 1], [0, 1, 1]])); // |101> and |011>
 */
export function basisEncoding(circuit: Circuit, options: { qubitsIdx?: QubitsIdx } = {}): Circuit {
  checkArity(arguments.length, 2, "basisEncoding");
  if (!(circuit instanceof Circuit))
    throw new ArgumentError(`basisEncoding: circuit must be a Circuit, got ${describe(circuit)}`);
  checkOptions(options, BASIS_ENCODING_OPTIONS, "basisEncoding");
  const qs = qubitList(circuit, options.qubitsIdx, "basisEncoding: qubitsIdx");
  const u3 = getGate("u3");
  const base = circuit.featureCount;
  qs.forEach((q, i) => {
    const bit = { kind: "data", features: [base + i], scale: Math.PI } as const;
    circuit.addOperation(u3, [q], [bit, { kind: "const", value: 0 }, bit], "basis-encoding");
  });
  return circuit;
}

/**
 * Amplitude encoding (Paddle's `AmplitudeEncoding`): each row of `data` ([batch, F] or [F],
 * F <= 2^nQubits, real) padded with zeros to 2^nQubits and normalized becomes the amplitudes of
 * a state; returns a batched `State` to pass as `circuit.forward(state)`. Built from tensor ops,
 * so when `data` requires gradients they flow back to it (through the normalization too).
 * @example
 * const x = tensor([[3, 4], [1, 0]], { requiresGrad: true });
 * const psi = amplitudeEncoding(x, 1);      // [0.6, 0.8] and [1, 0]
 * expecVal(circuit.forward(psi), "Z0").sum().backward();  // x.grad is set
 */
export function amplitudeEncoding(
  data: Tensor | readonly number[] | readonly (readonly number[])[],
  nQubits: number,
  options: StateOptions = {},
): State {
  checkArity(arguments.length, 3, "amplitudeEncoding");
  checkOptions(options, STATE_OPTIONS, "amplitudeEncoding");
  if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > 30) {
    throw new ArgumentError(
      `amplitudeEncoding: nQubits must be an integer in [1, 30], got ${describe(nQubits)}`,
    );
  }
  const x = Array.isArray(data) ? tensor(data as number[][]) : (data as Tensor);
  if (x.dtype !== "float64" || (x.ndim !== 1 && x.ndim !== 2)) {
    throw new ShapeError(
      `amplitudeEncoding: data must be a real tensor [batch, features] or [features], got ${x.dtype} [${x.shape.join(", ")}]`,
    );
  }
  const rows = x.ndim === 2 ? x : reshape(x, [1, x.shape[0]!]);
  const [batch, f] = rows.shape as [number, number];
  const dim = 2 ** nQubits;
  if (f > dim || f < 1) {
    throw new ShapeError(
      `amplitudeEncoding: ${f} features do not fit ${nQubits} qubits (at most ${dim} amplitudes)`,
    );
  }
  for (let b = 0; b < batch; b++) {
    let s = 0;
    for (let i = 0; i < f; i++) {
      const v = rows.data[b * f + i]!;
      if (!Number.isFinite(v))
        throw new ArgumentError(
          `amplitudeEncoding: data[${b}, ${i}] = ${describe(v)} is not finite`,
        );
      s += v * v;
    }
    if (s === 0) throw new ArgumentError(`amplitudeEncoding: row ${b} of data is all zeros`);
  }
  const padded = f === dim ? rows : concat([rows, zeros([batch, dim - f])], 1);
  const norm = padded.square().sum(1, true).sqrt();
  return State.fromTensor(complex(padded.div(norm), 0), options);
}
