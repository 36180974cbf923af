/**
 * Quantum kernels (Havlicek et al. 2019; Huang et al. 2021; Paddle Quantum's kernel tutorial):
 * a feature map |phi(x)> = U(x)|0> from a named encoding (or any circuit reading data), and
 *   fidelity kernel  K(x, y) = |<phi(x)|phi(y)>|^2,
 *   projected kernel K(x, y) = exp(-gamma sum_q ||rho_q(x) - rho_q(y)||_F^2)  (one-qubit marginals).
 * A kernel matrix simulates each sample once: the rows are encoded in blocks of `rowBlock`, each
 * block one batched run, and the entries are inner products (or Bloch-vector distances) of the
 * read-back amplitudes in typed-array loops, so an entry costs a dot product, not a simulation.
 */
import { ArgumentError, describe } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { fromData, noGrad, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { integerIn } from "./classifier.js";
import { checkSampleMatrix } from "./datasets/dataset.js";
import { addEncoding, type GateEncodingName } from "./datasets/encodings.js";

/** Options of {@link QuantumKernel}. */
export interface QuantumKernelOptions {
  /** Qubits of the feature map (with a named `encoding`; default: the number of features). */
  nQubits?: number;
  /** A named encoding (default "iqp") or a circuit whose encoding gates read the features. */
  featureMap?: GateEncodingName | Circuit;
  /** Layers of a named encoding (default 1; Paddle's IQP kernel uses 2 or more). */
  depth?: number;
  /** Angle = scale * feature for angle, pauli-rotation and entangled maps (default 1). */
  scale?: number;
  /** "fidelity" (default) or "projected". */
  kind?: "fidelity" | "projected";
  /** Width of the projected kernel (default 1). */
  gamma?: number;
  /** Samples per batched simulation (default 256). */
  rowBlock?: number;
}

const KERNEL_OPTIONS = optionKeys<QuantumKernelOptions>({
  nQubits: true,
  featureMap: true,
  depth: true,
  scale: true,
  kind: true,
  gamma: true,
  rowBlock: true,
});

/** What {@link QuantumKernel.features} computes per sample: amplitudes or Bloch vectors. */
interface Embedded {
  readonly rows: number;
  /** Interleaved amplitudes [rows, 2^n] (fidelity) or Bloch vectors [rows, 3n] (projected). */
  readonly data: Float64Array;
  readonly width: number;
}

/**
 * A quantum kernel; `matrix(x, y?)` is the kernel matrix [rows of x, rows of y] (Gram matrix of
 * x when y is omitted), to pass to `SVM` as its kernel.
 * @example
 * const k = new QuantumKernel({ nQubits: 2, featureMap: "iqp", depth: 2 });
 * const K = k.matrix(tensor([[0.1, 0.2], [0.3, -0.1]])); // [2, 2], ones on the diagonal
 */
export class QuantumKernel {
  /** The feature map circuit. */
  readonly circuit: Circuit;
  /** "fidelity" or "projected". */
  readonly kind: "fidelity" | "projected";
  /** Features a sample must have. */
  readonly nFeatures: number;
  private readonly gamma: number;
  private readonly rowBlock: number;

  constructor(options: QuantumKernelOptions = {}) {
    checkArity(arguments.length, 1, "QuantumKernel");
    checkOptions(options, KERNEL_OPTIONS, "QuantumKernel");
    const map = options.featureMap ?? "iqp";
    if (map instanceof Circuit) {
      this.circuit = map;
    } else {
      if (options.nQubits === undefined)
        throw new ArgumentError("QuantumKernel: nQubits is required with a named featureMap");
      const n = integerIn(options.nQubits, 1, 24, "nQubits", "QuantumKernel");
      if (typeof map !== "string")
        throw new ArgumentError(
          `QuantumKernel: featureMap must be an encoding name or a Circuit, got ${describe(map)}`,
        );
      this.circuit = addEncoding(new Circuit(n), map, {
        depth: options.depth,
        scale: options.scale,
      });
    }
    if (this.circuit.featureCount === 0)
      throw new ArgumentError("QuantumKernel: the feature map reads no data features");
    this.nFeatures = this.circuit.featureCount;
    const kind = options.kind ?? "fidelity";
    if (kind !== "fidelity" && kind !== "projected")
      throw new ArgumentError(
        `QuantumKernel: kind must be "fidelity" or "projected", got ${describe(kind)}`,
      );
    this.kind = kind;
    const gamma = options.gamma ?? 1;
    if (typeof gamma !== "number" || !(gamma > 0) || !Number.isFinite(gamma))
      throw new ArgumentError(
        `QuantumKernel: gamma must be a positive number, got ${describe(gamma)}`,
      );
    this.gamma = gamma;
    this.rowBlock = integerIn(options.rowBlock ?? 256, 1, 1 << 20, "rowBlock", "QuantumKernel");
  }

  /**
   * The kernel matrix K[i, j] = k(x_i, y_j) (y defaults to x, whose Gram matrix is symmetric
   * and is computed once per pair). Not differentiable.
   * @example
   * const Ktrain = kernel.matrix(train.x);
   * const Ktest = kernel.matrix(test.x, train.x);
   */
  matrix(x: Tensor, y?: Tensor): Tensor {
    checkArity(arguments.length, 2, "QuantumKernel.matrix");
    const ex = this.embed(x, "x");
    const ey = y === undefined ? ex : this.embed(y, "y");
    const out = new Float64Array(ex.rows * ey.rows);
    if (this.kind === "fidelity") fidelityEntries(ex, ey, out, y === undefined);
    else projectedEntries(ex, ey, out, this.gamma, y === undefined);
    return fromData(out, [ex.rows, ey.rows], "float64");
  }

  /** Amplitudes (or Bloch vectors) of every row of `x`, simulated `rowBlock` rows at a time. */
  private embed(x: Tensor, name: string): Embedded {
    const rows = checkSampleMatrix(x, "QuantumKernel.matrix", name, this.nFeatures);
    const f = this.nFeatures;
    const n = this.circuit.nQubits;
    const width = this.kind === "fidelity" ? 2 ** (n + 1) : 3 * n;
    const data = new Float64Array(rows * width);
    for (let start = 0; start < rows; start += this.rowBlock) {
      const end = Math.min(rows, start + this.rowBlock);
      const block = fromData(x.data.subarray(start * f, end * f), [end - start, f], "float64");
      const state = noGrad(() => this.circuit.forward(undefined, block));
      const amps = state.toArray();
      state.free();
      if (this.kind === "fidelity") data.set(amps, start * width);
      else blochVectors(amps, n, end - start, data.subarray(start * width, end * width));
    }
    return { rows, data, width };
  }
}

/** |<a_i|b_j>|^2 for every pair; `symmetric` (b = a) fills the lower triangle from the upper. */
function fidelityEntries(a: Embedded, b: Embedded, out: Float64Array, symmetric: boolean): void {
  const w = a.width;
  const A = a.data;
  const B = b.data;
  for (let i = 0; i < a.rows; i++) {
    const ai = i * w;
    for (let j = symmetric ? i : 0; j < b.rows; j++) {
      const bj = j * w;
      let re = 0;
      let im = 0;
      for (let k = 0; k < w; k += 2) {
        const ar = A[ai + k]!;
        const aim = A[ai + k + 1]!;
        const br = B[bj + k]!;
        const bim = B[bj + k + 1]!;
        // conj(a) b
        re += ar * br + aim * bim;
        im += ar * bim - aim * br;
      }
      const v = re * re + im * im;
      out[i * b.rows + j] = v;
      if (symmetric) out[j * b.rows + i] = v;
    }
  }
}

/** exp(-gamma sum_q ||rho_q - sigma_q||_F^2) = exp(-gamma/2 |r - s|^2) over the Bloch vectors. */
function projectedEntries(
  a: Embedded,
  b: Embedded,
  out: Float64Array,
  gamma: number,
  symmetric: boolean,
): void {
  const w = a.width;
  for (let i = 0; i < a.rows; i++) {
    for (let j = symmetric ? i : 0; j < b.rows; j++) {
      let d = 0;
      for (let k = 0; k < w; k++) d += (a.data[i * w + k]! - b.data[j * w + k]!) ** 2;
      const v = Math.exp(-0.5 * gamma * d);
      out[i * b.rows + j] = v;
      if (symmetric) out[j * b.rows + i] = v;
    }
  }
}

/**
 * Bloch vectors (<X_q>, <Y_q>, <Z_q>) of every qubit of `batch` interleaved states, written to
 * `out` [batch, 3n]; qubit 0 is the most significant bit.
 */
export function blochVectors(
  amps: Float64Array,
  n: number,
  batch: number,
  out: Float64Array,
): void {
  const dim = 2 ** n;
  for (let s = 0; s < batch; s++) {
    const base = 2 * s * dim;
    for (let q = 0; q < n; q++) {
      const bit = 1 << (n - 1 - q);
      let p0 = 0;
      let p1 = 0;
      let cre = 0; // rho_01 = sum a_i conj(a_j), i with bit 0, j = i | bit
      let cim = 0;
      for (let i = 0; i < dim; i++) {
        if (i & bit) continue;
        const j = i | bit;
        const ar = amps[base + 2 * i]!;
        const ai = amps[base + 2 * i + 1]!;
        const br = amps[base + 2 * j]!;
        const bi = amps[base + 2 * j + 1]!;
        p0 += ar * ar + ai * ai;
        p1 += br * br + bi * bi;
        cre += ar * br + ai * bi;
        cim += ai * br - ar * bi;
      }
      const o = s * 3 * n + 3 * q;
      out[o] = 2 * cre;
      out[o + 1] = -2 * cim;
      out[o + 2] = p0 - p1;
    }
  }
}
