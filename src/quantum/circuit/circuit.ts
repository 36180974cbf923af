/**
 * `Circuit`: a parameterized quantum circuit built Paddle Quantum style (camelCase) and a `Module`
 * of the tensor framework, so its angles are `Parameter`s that optimizers update.
 *
 * Every builder call adds one *block* (its name, qubit groups, depth and parameter) and lowers it
 * to flat {@link Operation}s. `forward(state?, data?)` runs the operations on the backend and, when
 * gradients are needed, records one autograd node whose backward pass is the adjoint method
 * (`adjoint.ts`).
 */
import { type Backend, getBackend } from "../../backend/backend.js";
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { Rng } from "../../random.js";
import { customOp, isGradEnabled, Module, Parameter, Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { Channel } from "../density/channels.js";
import { DensityMatrix } from "../density/density.js";
import {
  DENSITY_FORWARD_OPTIONS,
  DENSITY_RUN_OPTIONS,
  type DensityForwardOptions,
  type DensityRunOptions,
  runDensity,
} from "../density/run.js";
import { getChannel, mixedUnitary } from "../density/standard-channels.js";
import {
  controlOracleGate,
  type GateEntry,
  getGate,
  type MatrixLike,
  oracleGate,
  pauliRotationGate,
} from "../gates/table.js";
import {
  type AngleShift,
  adjointBackward,
  adjointBackwardAsync,
  type GradientRequest,
  type GradientResult,
} from "../gradients/adjoint.js";
import { State } from "../state/state.js";
import { type CircuitJSON, circuitFromJSON, circuitToJSON } from "./circuit-json.js";
import { drawCircuit } from "./draw.js";
import { type DynamicRunOptions, runDynamicState } from "./dynamic.js";
import { executeOperations } from "./execute.js";
import {
  type AngleSource,
  classicalBitCount,
  describeOperation,
  type GateOperation,
  isDynamic,
  type Operation,
  operationName,
} from "./operation.js";
import { formatQubitsIdx, type QubitsIdx } from "./qubits-idx.js";
import { paramCursor, type TemplateName, templateGates, templateShape } from "./templates.js";

/**
 * A circuit-gradient method: gets the forward pass's request, returns the gradients. Its optional
 * `async` member is the same method for `await runBackwardAsync(loss)`, which backends that read
 * back asynchronously (webgpu) need; without one, the method is sync-only there.
 */
export interface GradientMethodFn {
  (request: GradientRequest): GradientResult;
  /** The method for asynchronous backends (reads recorded, then read back at once). */
  async?: (request: GradientRequest) => Promise<GradientResult>;
}

/**
 * How a circuit's backward pass computes gradients: `"adjoint"` (default, reverse sweep), a
 * registered name (`"parameter-shift"`, `"finite-diff"`: qml registers them), or a function such
 * as qml's `parameterShift()` / `finiteDifferences()`.
 */
export type GradientMethod = "adjoint" | "parameter-shift" | "finite-diff" | GradientMethodFn;

// quantum/ may not import qml/, so methods written there register themselves by name
const namedGradientMethods = new Map<string, () => GradientMethodFn>();

/**
 * Makes `circuit.gradMethod = name` select the method `make()` builds (qml registers
 * `"parameter-shift"` and `"finite-diff"`).
 * @example
 * registerGradientMethod("finite-diff", () => finiteDifferences());
 */
export function registerGradientMethod(name: string, make: () => GradientMethodFn): void {
  checkArity(arguments.length, 2, "registerGradientMethod");
  if (name === "adjoint" || typeof make !== "function")
    throw new ArgumentError(`registerGradientMethod: cannot register ${describe(name)}`);
  namedGradientMethods.set(name, make);
}

/** The function behind a gradient method, or undefined for the adjoint method. */
function resolveGradientMethod(method: GradientMethod): GradientMethodFn | undefined {
  if (method === "adjoint") return undefined;
  if (typeof method === "function") return method;
  const make = typeof method === "string" ? namedGradientMethods.get(method) : undefined;
  if (make === undefined) {
    const known = ["adjoint", ...namedGradientMethods.keys()].join(", ");
    throw new ArgumentError(
      `gradMethod: unknown gradient method ${describe(method)} (known: ${known}; "parameter-shift" and "finite-diff" are registered when qoar's qml module is loaded)`,
    );
  }
  return make();
}

/** Options of the layer templates. */
export interface TemplateOptions {
  /** Qubits the template spans, in order (default all). */
  qubitsIdx?: QubitsIdx;
  /** Number of template layers (default 1). */
  depth?: number;
  /** A Parameter of the template's shape to use instead of a new one. */
  param?: Parameter;
}

const TEMPLATE_OPTIONS = optionKeys<TemplateOptions>({ qubitsIdx: true, depth: true, param: true });

/**
 * A channel's free parameters (noise strengths): a number, numbers, a plain tensor (fixed), or a
 * trainable tensor (a `Parameter` or a leaf tensor with requiresGrad, kept live like gate angles).
 */
export type ChannelParam = number | readonly number[] | Tensor;

/** Options of a parameter-free gate call. */
export interface GateOptions {
  /** Repeat the gate layer `depth` times (default 1). */
  depth?: number;
}

const GATE_OPTIONS = optionKeys<GateOptions>({ depth: true });

/** Options of a parameterized gate call. */
export interface ParamGateOptions extends GateOptions {
  /**
   * The angles: omitted = a new trainable `Parameter` drawn from Uniform(0, 2 pi) with the
   * circuit's seeded generator; a `Parameter`, or any leaf tensor with `requiresGrad` = trainable
   * and live: the circuit reads its current values at every run, gradients flow into it, and it
   * is listed by `circuit.parameters()` (shared with whoever else holds it); a number, an array
   * or a plain tensor = fixed angles, copied (broadcast when a single number). A computed tensor
   * (one with a gradient history) is refused: feed computed angles as data (`angleEncoding`).
   */
  param?: number | readonly number[] | Float64Array | Tensor;
  /** One parameter set for all qubit groups of a depth layer (shape [depth, nParams]). */
  paramSharing?: boolean;
}

const PARAM_GATE_OPTIONS = optionKeys<ParamGateOptions>({
  depth: true,
  param: true,
  paramSharing: true,
});

/** Options of `oracle` and `controlOracle`. */
export interface OracleOptions extends GateOptions {
  /** The gate's name in drawings and exports (default "oracle" / "control_oracle"). */
  name?: string;
}

const ORACLE_OPTIONS = optionKeys<OracleOptions>({ depth: true, name: true });

/** Options of `qaoaLayer`. */
export interface QaoaLayerOptions {
  /** The qubits that get the RX mixer (default all). */
  nodes?: readonly number[];
  /** Number of QAOA layers (default 1). */
  depth?: number;
  /** A Parameter of shape [depth, 2] to use instead of a new one. */
  param?: Parameter;
  /** One weight w per edge: its gate is RZZ(2 gamma w), for weighted cost terms (default all 1). */
  weights?: readonly number[];
  /** One field h per qubit: RZ(2 gamma h) after the RZZs, for linear cost terms (default none). */
  fields?: readonly number[];
}

const QAOA_OPTIONS = optionKeys<QaoaLayerOptions>({
  nodes: true,
  depth: true,
  param: true,
  weights: true,
  fields: true,
});

/** A list of finite numbers of length `length` (a qaoaLayer option), else an ArgumentError. */
function checkCoefficients(value: unknown, length: number, name: string): readonly number[] {
  if (
    !Array.isArray(value) ||
    value.length !== length ||
    !value.every((v) => typeof v === "number" && Number.isFinite(v))
  ) {
    throw new ArgumentError(
      `Circuit.qaoaLayer: ${name} must be ${length} finite numbers, got ${describe(value)}`,
    );
  }
  return value;
}

/** Options of `angleEncoding`. */
export interface AngleEncodingOptions {
  /** The rotation (default "ry"). */
  gate?: "rx" | "ry" | "rz";
  /** Qubits that get one feature each, in order (default all). */
  qubitsIdx?: QubitsIdx;
  /** Angle = scale * feature (default 1). */
  scale?: number;
  /**
   * The data columns read, one per qubit (default: the next unread columns). Naming columns
   * read before re-uploads the same features (data re-uploading) without tiling the data.
   */
  features?: readonly number[];
}

const ANGLE_ENCODING_OPTIONS = optionKeys<AngleEncodingOptions>({
  gate: true,
  qubitsIdx: true,
  scale: true,
  features: true,
});

/**
 * The data columns an encoding of `count` qubits reads: `features` checked (non-negative
 * integers, one per qubit), or the next `count` columns after `next`.
 */
export function featureColumns(
  features: readonly number[] | undefined,
  count: number,
  next: number,
  where = "angleEncoding",
): number[] {
  if (features === undefined) return Array.from({ length: count }, (_, i) => next + i);
  if (
    !Array.isArray(features) ||
    features.length !== count ||
    features.some((f) => !Number.isInteger(f) || f < 0)
  ) {
    throw new ArgumentError(
      `${where}: features must list ${count} data columns (non-negative integers), got ${describe(features)}`,
    );
  }
  return [...features];
}

/** Options of `new Circuit(n, options)`. */
export interface CircuitOptions {
  /** Seed of the generator that initializes parameters (default: random). */
  seed?: number;
  /** Backend to run on (default: the current backend at each `forward`). */
  backend?: string | Backend;
  /** Simulate with density matrices: `forward()` with no state returns a `DensityMatrix`. */
  density?: boolean;
  /**
   * Gate fusion: the largest fused block in qubits (0 = off, one kernel call per gate; 1 = runs
   * of 1-qubit gates only; 2 = default). Default: the `QOAR_FUSION` variable at each run, else 2.
   */
  fusion?: number;
}

const CIRCUIT_OPTIONS = optionKeys<CircuitOptions>({
  seed: true,
  backend: true,
  density: true,
  fusion: true,
});

/** Options of `Circuit.measure`. */
export interface MeasureCallOptions {
  /** A name for the bits written, usable in `cond(key, value, ...)`. */
  key?: string;
  /** The classical bits written, one per measured qubit (default: new bits after the last one). */
  bits?: readonly number[];
}

const MEASURE_CALL_OPTIONS = optionKeys<MeasureCallOptions>({ key: true, bits: true });

/** Options of `Circuit.forward`: density-matrix options, or shots and the branch cap of dynamic runs. */
export type ForwardOptions = DensityForwardOptions;

/** One builder call, kept for drawing, counting and serialization. */
export interface Block {
  /** Gate, template or encoding name. */
  readonly name: string;
  /** The qubit groups it acts on. */
  readonly qubits: readonly (readonly number[])[];
  /** Number of repeated layers. */
  readonly depth: number;
  /** The block's trainable Parameter; undefined for fixed angles or no angles. */
  readonly param: Parameter | undefined;
  /** Index range [start, end) in `circuit.operations`. */
  readonly start: number;
  /** End of the range (exclusive). */
  readonly end: number;
}

const TWO_PI = 2 * Math.PI;

/**
 * A parameterized quantum circuit on `nQubits` qubits (qubit 0 is the most significant bit).
 *
 * @example
 * const c = new Circuit(2, { seed: 7 });
 * c.h(0);
 * c.cnot([0, 1]);
 * c.ry("full");
 * const psi = c.forward();           // a State (|00> in, batch 1)
 * console.log(c.toString());
 */
export class Circuit extends Module {
  /** Number of qubits. */
  readonly nQubits: number;
  private readonly ops: Operation[] = [];
  private readonly blockList: Block[] = [];
  private readonly rng: Rng;
  private readonly backendChoice: string | Backend | undefined;
  private nFeatures = 0;
  private readonly keys = new Map<string, number[]>();
  private declaredBits = 0;
  /** A global phase e^{i globalPhase} applied after the gates (QASM import keeps phases exact). */
  globalPhase = 0;
  /** How `backward` computes circuit gradients (the adjoint method by default). */
  gradMethod: GradientMethod = "adjoint";
  /** Whether `forward()` without a state simulates density matrices (noise needs them). */
  density = false;
  /** Gate fusion block size for state-vector runs and gradients (undefined = `QOAR_FUSION`). */
  fusion: number | undefined;

  constructor(nQubits: number, options: CircuitOptions = {}) {
    checkArity(arguments.length, 2, "Circuit");
    checkOptions(options, CIRCUIT_OPTIONS, "Circuit");
    super();
    if (!Number.isInteger(nQubits) || nQubits < 1) {
      throw new ArgumentError(
        `Circuit: nQubits must be a positive integer, got ${describe(nQubits)}`,
      );
    }
    this.nQubits = nQubits;
    this.rng = new Rng(options.seed); // unseeded: from crypto.getRandomValues
    this.backendChoice = options.backend;
    this.density = options.density === true;
    if (
      options.fusion !== undefined &&
      (!Number.isInteger(options.fusion) || options.fusion < 0 || options.fusion > 5)
    ) {
      throw new ArgumentError(
        `Circuit: options.fusion must be an integer in [0, 5], got ${describe(options.fusion)}`,
      );
    }
    this.fusion = options.fusion;
  }

  /** The flat operation list (read-only view). */
  get operations(): readonly Operation[] {
    return this.ops;
  }

  /** The builder calls in order. */
  get blocks(): readonly Block[] {
    return this.blockList;
  }

  /** Data features the encoding gates read from `forward`'s data tensor. */
  get featureCount(): number {
    return this.nFeatures;
  }

  // ------------------------------------------------------------------ parameter-free gates

  /** Hadamard on each qubit of `qubitsIdx` (default all). @example c.h("full") */
  h(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.h");
    return this.fixed("h", qubitsIdx, options, "h");
  }
  /** S = diag(1, i). @example c.s(0) */
  s(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.s");
    return this.fixed("s", qubitsIdx, options, "s");
  }
  /** S^dagger. @example c.sdg(0) */
  sdg(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.sdg");
    return this.fixed("sdg", qubitsIdx, options, "sdg");
  }
  /** T = diag(1, e^{i pi/4}). @example c.t(0) */
  t(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.t");
    return this.fixed("t", qubitsIdx, options, "t");
  }
  /** T^dagger. @example c.tdg(0) */
  tdg(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.tdg");
    return this.fixed("tdg", qubitsIdx, options, "tdg");
  }
  /** Pauli X. @example c.x([0, 2]) */
  x(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.x");
    return this.fixed("x", qubitsIdx, options, "x");
  }
  /** Pauli Y. @example c.y(1) */
  y(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.y");
    return this.fixed("y", qubitsIdx, options, "y");
  }
  /** Pauli Z. @example c.z(1) */
  z(qubitsIdx: QubitsIdx = "full", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.z");
    return this.fixed("z", qubitsIdx, options, "z");
  }
  /** CNOT (control first); default `'cycle'`. @example c.cnot([0, 1]) */
  cnot(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cnot");
    return this.fixed("cnot", qubitsIdx, options, "cnot");
  }
  /** Alias of {@link Circuit.cnot}. @example c.cx([0, 1]) */
  cx(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cx");
    return this.fixed("cnot", qubitsIdx, options, "cx");
  }
  /** Controlled Y. @example c.cy([0, 1]) */
  cy(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cy");
    return this.fixed("cy", qubitsIdx, options, "cy");
  }
  /** Controlled Z. @example c.cz([0, 1]) */
  cz(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cz");
    return this.fixed("cz", qubitsIdx, options, "cz");
  }
  /** SWAP. @example c.swap([0, 1]) */
  swap(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.swap");
    return this.fixed("swap", qubitsIdx, options, "swap");
  }
  /** iSWAP. @example c.iswap([0, 1]) */
  iswap(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.iswap");
    return this.fixed("iswap", qubitsIdx, options, "iswap");
  }
  /** Molmer-Sorensen gate (Paddle's MS). @example c.ms([0, 1]) */
  ms(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.ms");
    return this.fixed("ms", qubitsIdx, options, "ms");
  }
  /** Controlled SWAP (control first). @example c.cswap([0, 1, 2]) */
  cswap(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cswap");
    return this.fixed("cswap", qubitsIdx, options, "cswap");
  }
  /** Toffoli (two controls first). @example c.ccx([0, 1, 2]) */
  ccx(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.ccx");
    return this.fixed("ccx", qubitsIdx, options, "ccx");
  }
  /** Alias of {@link Circuit.ccx}. @example c.toffoli([0, 1, 2]) */
  toffoli(qubitsIdx: QubitsIdx = "cycle", options?: GateOptions): this {
    checkArity(arguments.length, 2, "Circuit.toffoli");
    return this.fixed("ccx", qubitsIdx, options, "toffoli");
  }

  // ------------------------------------------------------------------ parameterized gates

  /** Phase gate diag(1, e^{i t}). @example c.p(0, { param: Math.PI / 4 }) */
  p(qubitsIdx: QubitsIdx = "full", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.p");
    return this.param("p", qubitsIdx, options, "p");
  }
  /** RX(t) = exp(-i t X / 2). @example c.rx("full") */
  rx(qubitsIdx: QubitsIdx = "full", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.rx");
    return this.param("rx", qubitsIdx, options, "rx");
  }
  /** RY(t) = exp(-i t Y / 2). @example c.ry([0, 1], { depth: 2 }) */
  ry(qubitsIdx: QubitsIdx = "full", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.ry");
    return this.param("ry", qubitsIdx, options, "ry");
  }
  /** RZ(t) = exp(-i t Z / 2). @example c.rz(0, { param: 0.5 }) */
  rz(qubitsIdx: QubitsIdx = "full", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.rz");
    return this.param("rz", qubitsIdx, options, "rz");
  }
  /** U3(theta, phi, lambda), the qelib1.inc matrix. @example c.u3("full") */
  u3(qubitsIdx: QubitsIdx = "full", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.u3");
    return this.param("u3", qubitsIdx, options, "u3");
  }
  /** Controlled phase. @example c.cp([0, 1]) */
  cp(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cp");
    return this.param("cp", qubitsIdx, options, "cp");
  }
  /** Controlled RX. @example c.crx([0, 1]) */
  crx(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.crx");
    return this.param("crx", qubitsIdx, options, "crx");
  }
  /** Controlled RY. @example c.cry([0, 1]) */
  cry(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cry");
    return this.param("cry", qubitsIdx, options, "cry");
  }
  /** Controlled RZ. @example c.crz([0, 1]) */
  crz(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.crz");
    return this.param("crz", qubitsIdx, options, "crz");
  }
  /** Controlled U3 (Paddle's 3 parameters). @example c.cu([0, 1]) */
  cu(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.cu");
    return this.param("cu", qubitsIdx, options, "cu");
  }
  /** RXX(t) = exp(-i t X⊗X / 2). @example c.rxx([0, 1]) */
  rxx(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.rxx");
    return this.param("rxx", qubitsIdx, options, "rxx");
  }
  /** RYY(t) = exp(-i t Y⊗Y / 2). @example c.ryy([0, 1]) */
  ryy(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.ryy");
    return this.param("ryy", qubitsIdx, options, "ryy");
  }
  /** RZZ(t) = exp(-i t Z⊗Z / 2). @example c.rzz([0, 1]) */
  rzz(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.rzz");
    return this.param("rzz", qubitsIdx, options, "rzz");
  }
  /** Any two-qubit unitary, 15 parameters (Paddle's decomposition). @example c.universalTwoQubits([0, 1]) */
  universalTwoQubits(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.universalTwoQubits");
    return this.param("universal_two_qubits", qubitsIdx, options, "universalTwoQubits");
  }
  /** Any three-qubit unitary, 81 parameters. @example c.universalThreeQubits([0, 1, 2]) */
  universalThreeQubits(qubitsIdx: QubitsIdx = "cycle", options?: ParamGateOptions): this {
    checkArity(arguments.length, 2, "Circuit.universalThreeQubits");
    return this.param("universal_three_qubits", qubitsIdx, options, "universalThreeQubits");
  }

  /**
   * exp(-i t P / 2) for a Pauli string P such as `"X0 Y1 Z3"` (qubits named in the string).
   * @example c.pauliRotation("X0 Y1", { param: 0.1 })
   */
  pauliRotation(pauli: string, options: ParamGateOptions = {}): this {
    checkArity(arguments.length, 2, "Circuit.pauliRotation");
    checkOptions(options, PARAM_GATE_OPTIONS, "Circuit.pauliRotation");
    if (typeof pauli !== "string") {
      throw new ArgumentError(
        `Circuit.pauliRotation: pauli must be a Pauli string such as "X0 Y1", got ${describe(pauli)}`,
      );
    }
    const { qubits, letters } = parsePauliWord(pauli, this.nQubits);
    return this.param(pauliRotationGate(letters), [qubits], options, "pauliRotation");
  }

  /**
   * A user unitary on `qubitsIdx` (checked unitary).
   * @example c.oracle([[0, 1], [1, 0]], 0)
   */
  oracle(matrix: MatrixLike, qubitsIdx: QubitsIdx, options: OracleOptions = {}): this {
    checkArity(arguments.length, 3, "Circuit.oracle");
    checkOptions(options, ORACLE_OPTIONS, "Circuit.oracle");
    const gate = oracleGate(matrix, options.name);
    return this.fixed(gate, qubitsIdx, { depth: options.depth }, "oracle");
  }

  /**
   * A user unitary controlled by the first qubit of each group (`qubitsIdx` = [control, ...targets]).
   * @example c.controlOracle([[0, 1], [1, 0]], [0, 1])
   */
  controlOracle(matrix: MatrixLike, qubitsIdx: QubitsIdx, options: OracleOptions = {}): this {
    checkArity(arguments.length, 3, "Circuit.controlOracle");
    checkOptions(options, ORACLE_OPTIONS, "Circuit.controlOracle");
    const gate = controlOracleGate(matrix, options.name);
    return this.fixed(gate, qubitsIdx, { depth: options.depth }, "controlOracle");
  }

  // ------------------------------------------------------------------ layer templates

  /** Hadamard on every qubit of `qubitsIdx` (default all), `depth` times. @example c.superpositionLayer() */
  superpositionLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.superpositionLayer");
    return this.template("superposition", options);
  }
  /** RY(pi/4) on every qubit. @example c.weakSuperpositionLayer() */
  weakSuperpositionLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.weakSuperpositionLayer");
    return this.template("weakSuperposition", options);
  }
  /** Per layer: RY on each qubit, a CNOT chain, RZ on each qubit, a CNOT chain; parameters [depth, n, 2]. @example c.linearEntangledLayer({ depth: 2 }) */
  linearEntangledLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.linearEntangledLayer");
    return this.template("linearEntangled", options);
  }
  /** Per layer: RY on each qubit, then a CNOT ring; parameters [depth, n]. @example c.realEntangledLayer({ depth: 2 }) */
  realEntangledLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.realEntangledLayer");
    return this.template("realEntangled", options);
  }
  /** Per layer: U3 on each qubit, then a CNOT ring; parameters [depth, n, 3]. @example c.complexEntangledLayer() */
  complexEntangledLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.complexEntangledLayer");
    return this.template("complexEntangled", options);
  }
  /** Brick-wall RY-CNOT-RY blocks on neighbouring pairs; parameters [depth, n-1, 4]. @example c.realBlockLayer() */
  realBlockLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.realBlockLayer");
    return this.template("realBlock", options);
  }
  /** Brick-wall U3-CNOT-U3 blocks; parameters [depth, n-1, 12]. @example c.complexBlockLayer() */
  complexBlockLayer(options: TemplateOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.complexBlockLayer");
    return this.template("complexBlock", options);
  }

  /**
   * QAOA layers for MaxCut-like problems: per layer, RZZ(2 gamma) on every edge (a ZZ cost term
   * exp(-i gamma Z Z)) then RX(2 beta) on every node; parameters [depth, 2] = (gamma, beta).
   * `weights` scale each edge's angle and `fields` add RZ(2 gamma h_q), for weighted Ising costs.
   * @example
   * c.superpositionLayer();
   * c.qaoaLayer([[0, 1], [1, 2], [2, 0]], { depth: 2 });
   */
  qaoaLayer(edges: readonly (readonly [number, number])[], options: QaoaLayerOptions = {}): this {
    checkArity(arguments.length, 2, "Circuit.qaoaLayer");
    checkOptions(options, QAOA_OPTIONS, "Circuit.qaoaLayer");
    if (!Array.isArray(edges)) {
      throw new ArgumentError(
        `Circuit.qaoaLayer: edges must be an array of qubit pairs, got ${describe(edges)}`,
      );
    }
    const depth = checkDepth(options.depth);
    const nodes = options.nodes ?? Array.from({ length: this.nQubits }, (_, q) => q);
    if (!Array.isArray(nodes)) {
      throw new ArgumentError(
        `Circuit.qaoaLayer: nodes must be an array of qubits, got ${describe(nodes)}`,
      );
    }
    formatQubitsIdx([...nodes], this.nQubits, 1, "nodes");
    for (const e of edges) {
      if (!Array.isArray(e)) {
        throw new ArgumentError(
          `Circuit.qaoaLayer: each edge must be a pair [i, j], got ${describe(e)}`,
        );
      }
      formatQubitsIdx([[...e]], this.nQubits, 2, "edges");
    }
    const weights =
      options.weights === undefined
        ? undefined
        : checkCoefficients(options.weights, edges.length, "weights");
    const fields =
      options.fields === undefined
        ? undefined
        : checkCoefficients(options.fields, this.nQubits, "fields");
    const param = this.ownParameter([depth, 2], options.param, "qaoaLayer");
    const rzz = getGate("rzz");
    const rz = getGate("rz");
    const rx = getGate("rx");
    const start = this.ops.length;
    const block = this.blockList.length;
    for (let d = 0; d < depth; d++) {
      edges.forEach((e, k) => {
        this.ops.push({
          kind: "gate",
          gate: rzz,
          qubits: [...e],
          angles: [{ kind: "param", param, index: 2 * d, scale: 2 * (weights?.[k] ?? 1) }],
          adjoint: false,
          block,
        });
      });
      fields?.forEach((h, q) => {
        if (h === 0) return;
        this.ops.push({
          kind: "gate",
          gate: rz,
          qubits: [q],
          angles: [{ kind: "param", param, index: 2 * d, scale: 2 * h }],
          adjoint: false,
          block,
        });
      });
      for (const q of nodes) {
        this.ops.push({
          kind: "gate",
          gate: rx,
          qubits: [q],
          angles: [{ kind: "param", param, index: 2 * d + 1, scale: 2 }],
          adjoint: false,
          block,
        });
      }
    }
    this.blockList.push({
      name: "qaoa",
      qubits: edges.map((e) => [...e]),
      depth,
      param,
      start,
      end: this.ops.length,
    });
    return this;
  }

  private template(name: TemplateName, options: TemplateOptions): this {
    checkOptions(options, TEMPLATE_OPTIONS, `Circuit.${name}Layer`);
    const depth = checkDepth(options.depth);
    const qs = formatQubitsIdx(options.qubitsIdx ?? "full", this.nQubits, 1).map((g) => g[0]!);
    const least = name === "realBlock" || name === "complexBlock" ? 2 : 1;
    if (qs.length < least) {
      throw new ArgumentError(
        `Circuit.${name}Layer: qubitsIdx must name at least ${least} qubit${least > 1 ? "s" : ""}, got ${describe(options.qubitsIdx)}`,
      );
    }
    const shape = templateShape(name, qs.length, depth);
    const param =
      shape.length > 0 ? this.ownParameter(shape, options.param, `${name}Layer`) : undefined;
    const next = param
      ? paramCursor(param)
      : () => {
          throw new ArgumentError(`${name}Layer has no parameters`);
        };
    const start = this.ops.length;
    const block = this.blockList.length;
    for (const t of templateGates(name, qs, depth, next)) {
      this.ops.push({
        kind: "gate",
        gate: getGate(t.gate),
        qubits: t.qubits,
        angles: t.angles,
        adjoint: false,
        block,
      });
    }
    this.blockList.push({
      name: `${name}Layer`,
      qubits: qs.map((q) => [q]),
      depth,
      param,
      start,
      end: this.ops.length,
    });
    return this;
  }

  /** Checks a given Parameter against `shape`, or draws a new one from Uniform(0, 2 pi); registers it. */
  private ownParameter(shape: number[], given: Parameter | undefined, what: string): Parameter {
    const size = shape.reduce((a, b) => a * b, 1);
    if (given !== undefined) {
      if (!(given instanceof Tensor)) {
        throw new ArgumentError(`${what}: param must be a Parameter, got ${describe(given)}`);
      }
      if (given.size !== size || given.dtype !== "float64") {
        throw new ShapeError(
          `${what}: param has shape [${given.shape.join(", ")}] (${given.dtype}), expected float64 with ${size} values, shape [${shape.join(", ")}]`,
        );
      }
      this.adoptParameter(given);
      return given;
    }
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) values[i] = this.rng.uniform() * TWO_PI;
    const p = new Parameter(values, shape);
    this.adoptParameter(p);
    return p;
  }

  // ------------------------------------------------------------------ data encoding

  /**
   * Angle encoding: `gate` (rx, ry or rz) on each qubit of `qubitsIdx` with angle
   * `scale * x[feature]`, reading the next features of `forward`'s data tensor in order.
   * @example
   * c.angleEncoding({ gate: "ry" });         // features 0..n-1 on qubits 0..n-1
   * const psi = c.forward(undefined, tensor([[0.1, 0.2]]));
   */
  angleEncoding(options: AngleEncodingOptions = {}): this {
    checkArity(arguments.length, 1, "Circuit.angleEncoding");
    checkOptions(options, ANGLE_ENCODING_OPTIONS, "Circuit.angleEncoding");
    const entry = getGate(options.gate ?? "ry");
    const groups = formatQubitsIdx(options.qubitsIdx ?? "full", this.nQubits, 1);
    const scale = options.scale ?? 1;
    const columns = featureColumns(options.features, groups.length, this.nFeatures);
    const start = this.ops.length;
    for (const [i, g] of groups.entries()) {
      this.nFeatures = Math.max(this.nFeatures, columns[i]! + 1);
      this.ops.push({
        kind: "gate",
        gate: entry,
        qubits: g,
        angles: [{ kind: "data", features: [columns[i]!], scale }],
        adjoint: false,
        block: this.blockList.length,
      });
    }
    this.blockList.push({
      name: `${entry.name}-encoding`,
      qubits: groups,
      depth: 1,
      param: undefined,
      start,
      end: this.ops.length,
    });
    return this;
  }

  // ------------------------------------------------------------------ low-level building

  /**
   * Appends one operation with explicit angle sources (for ansatz builders such as UCCSD, where
   * several gates share a parameter with different scales).
   * @example
   * const theta = new Parameter(new Float64Array(1), [1]);
   * c.addOperation(pauliRotationGate(["X", "Y"]), [0, 1], [{ kind: "param", param: theta, index: 0, scale: 0.5 }]);
   */
  addOperation(
    gate: GateEntry,
    qubits: readonly number[],
    angles: readonly AngleSource[] = [],
    name?: string,
  ): this {
    checkArity(arguments.length, 4, "Circuit.addOperation");
    if (gate === null || typeof gate !== "object" || typeof gate.nParams !== "number") {
      throw new ArgumentError(
        `Circuit.addOperation: gate must be a gate-table entry (getGate("rx")), got ${describe(gate)}`,
      );
    }
    if (!Array.isArray(qubits) || !Array.isArray(angles)) {
      throw new ArgumentError(
        `Circuit.addOperation: qubits and angles must be arrays, got ${describe(qubits)} and ${describe(angles)}`,
      );
    }
    if (angles.length !== gate.nParams) {
      throw new ArgumentError(
        `addOperation: ${gate.name} takes ${gate.nParams} angles, got ${angles.length}`,
      );
    }
    const [group] = formatQubitsIdx([...qubits], this.nQubits, gate.nQubits);
    const params = new Set<Parameter>();
    for (const a of angles) {
      if (a.kind === "param") {
        if (!Number.isInteger(a.index) || a.index < 0 || a.index >= a.param.size) {
          throw new ArgumentError(
            `addOperation: parameter index ${a.index} is out of range for a parameter of size ${a.param.size}`,
          );
        }
        params.add(a.param);
      } else if (a.kind === "data") {
        for (const f of a.features) {
          if (!Number.isInteger(f) || f < 0)
            throw new ArgumentError(
              `addOperation: feature index ${describe(f)} must be a non-negative integer`,
            );
          this.nFeatures = Math.max(this.nFeatures, f + 1);
        }
      } else if (!Number.isFinite(a.value)) {
        throw new ArgumentError(`addOperation: angle ${describe(a.value)} is not a finite number`);
      }
    }
    for (const p of params) this.adoptParameter(p);
    const start = this.ops.length;
    this.ops.push({
      kind: "gate",
      gate,
      qubits: group!,
      angles,
      adjoint: false,
      block: this.blockList.length,
    });
    const param = params.size === 1 ? [...params][0] : undefined;
    this.blockList.push({
      name: name ?? gate.name,
      qubits: [group!],
      depth: 1,
      param,
      start,
      end: this.ops.length,
    });
    return this;
  }

  // ------------------------------------------------------------------ dynamic operations

  /** Number of classical bits: those declared (`declareBits`) and those measurements write. @example c.nBits */
  get nBits(): number {
    return Math.max(this.declaredBits, classicalBitCount(this.ops));
  }

  /**
   * Declares classical bits 0..n-1, holding 0 until a measurement writes them (as OpenQASM's
   * `creg`), so that `cond` may read them before (or without) a write.
   * @example
   * c.declareBits(2).cond([0, 1], 0, (sub) => sub.x(0)); // runs: both bits are 0
   */
  declareBits(n: number): this {
    checkArity(arguments.length, 1, "Circuit.declareBits");
    if (!Number.isInteger(n) || n < 0 || n > 1024)
      throw new ArgumentError(
        `Circuit.declareBits: n must be an integer in [0, 1024], got ${describe(n)}`,
      );
    this.declaredBits = Math.max(this.declaredBits, n);
    return this;
  }

  /** The classical bits named by `measure(..., { key })`, by key. @example c.registers.get("m") */
  get registers(): ReadonlyMap<string, readonly number[]> {
    return this.keys;
  }

  /** Whether the circuit measures, resets, conditions or postselects mid-circuit. @example c.isDynamic */
  get isDynamic(): boolean {
    return this.ops.some(isDynamic);
  }

  /**
   * A projective Z measurement of each qubit of `qubitsIdx`, recorded in the circuit: qubit i of
   * the list writes classical bit `bits[i]` (default: new bits numbered after the highest one
   * written so far). `key` names those bits for `cond`. The state collapses: `forward()` returns
   * the branch mixture (exact), `forward(state, data, { shots, seed })` samples trajectories,
   * and density matrices get the exact measurement channel.
   * @example
   * c.h(0).measure(0, { key: "m" }).cond("m", 1, (sub) => sub.x(1));
   */
  measure(qubitsIdx: QubitsIdx, options: MeasureCallOptions = {}): this {
    checkArity(arguments.length, 2, "Circuit.measure");
    checkOptions(options, MEASURE_CALL_OPTIONS, "Circuit.measure");
    const groups = formatQubitsIdx(qubitsIdx, this.nQubits, 1);
    const first = this.nBits;
    const bits = options.bits ?? groups.map((_, i) => first + i);
    if (
      !Array.isArray(bits) ||
      bits.length !== groups.length ||
      bits.some((b) => !Number.isInteger(b) || b < 0 || b > 1023)
    ) {
      throw new ArgumentError(
        `Circuit.measure: options.bits must be ${groups.length} classical bit indices in [0, 1023], one per measured qubit, got ${describe(bits)}`,
      );
    }
    if (options.key !== undefined) {
      if (typeof options.key !== "string" || options.key.length === 0)
        throw new ArgumentError(
          `Circuit.measure: options.key must be a non-empty string, got ${describe(options.key)}`,
        );
      this.keys.set(options.key, [...bits]);
    }
    const block = this.blockList.length;
    const start = this.ops.length;
    groups.forEach((g, i) => {
      this.ops.push({ kind: "measure", qubits: [g[0]!], bit: bits[i]!, angles: [], block });
    });
    this.pushBlock("measure", groups, start);
    return this;
  }

  /**
   * Resets each qubit of `qubitsIdx` to |0> (a measurement whose outcome 1 is flipped back; no
   * classical bit is written).
   * @example
   * c.reset([0, 1]);
   */
  reset(qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 1, "Circuit.reset");
    const groups = formatQubitsIdx(qubitsIdx, this.nQubits, 1);
    const block = this.blockList.length;
    const start = this.ops.length;
    for (const g of groups) this.ops.push({ kind: "reset", qubits: [g[0]!], angles: [], block });
    this.pushBlock("reset", groups, start);
    return this;
  }

  /**
   * Projects each qubit of `qubitsIdx` onto `outcome` (0 or 1) and renormalizes (Paddle
   * Quantum's `Collapse`). Differentiable: the kept probability is
   * `state.branches.postselection` (a tensor), and gradients of a loss on the postselected state
   * reach the parameters before it. An outcome of probability 0 is an error.
   * @example
   * c.ry(0).cnot([0, 1]).postselect(0, 1);
   */
  postselect(qubitsIdx: QubitsIdx, outcome: number): this {
    checkArity(arguments.length, 2, "Circuit.postselect");
    if (outcome !== 0 && outcome !== 1)
      throw new ArgumentError(
        `Circuit.postselect: outcome must be 0 or 1, got ${describe(outcome)}`,
      );
    const groups = formatQubitsIdx(qubitsIdx, this.nQubits, 1);
    const block = this.blockList.length;
    const start = this.ops.length;
    for (const g of groups)
      this.ops.push({ kind: "postselect", qubits: [g[0]!], outcome, angles: [], block });
    this.pushBlock("postselect", groups, start);
    return this;
  }

  /**
   * Classical control: the gates `build(sub)` adds to a fresh circuit `sub` run only when the
   * classical bits `bits` (or the bits of a `measure` key), read as an integer with `bits[0]`
   * the LEAST significant bit (OpenQASM 2's `if (c == value)`; note qubits are the other way
   * round), hold `value`. The bits must have been written by an earlier `measure`.
   * @example
   * c.measure([0, 1], { key: "m" });
   * c.cond("m", 2, (sub) => sub.x(2)); // X on qubit 2 when bit 1 = 1 and bit 0 = 0
   */
  cond(bits: readonly number[] | string, value: number, build: (sub: Circuit) => void): this {
    checkArity(arguments.length, 3, "Circuit.cond");
    const list = typeof bits === "string" ? this.keys.get(bits) : bits;
    if (list === undefined)
      throw new ArgumentError(
        `Circuit.cond: no measure wrote the key ${JSON.stringify(bits)} (keys: ${[...this.keys.keys()].join(", ") || "none"})`,
      );
    if (!Array.isArray(list) || list.length === 0 || list.length > 30)
      throw new ArgumentError(
        `Circuit.cond: bits must be 1 to 30 classical bit indices or a measure key, got ${describe(bits)}`,
      );
    const written = new Set(this.ops.flatMap((op) => (op.kind === "measure" ? [op.bit] : [])));
    for (const b of list) {
      if (!written.has(b) && !(Number.isInteger(b) && b >= 0 && b < this.declaredBits))
        throw new ArgumentError(
          `Circuit.cond: classical bit ${describe(b)} is never written by an earlier measure (written: ${[...written].sort((x, y) => x - y).join(", ") || "none"}) nor declared (declareBits(n) declares zero-initialized bits)`,
        );
    }
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** list.length)
      throw new ArgumentError(
        `Circuit.cond: value must be an integer in [0, ${2 ** list.length - 1}] for ${list.length} bit(s), got ${describe(value)}`,
      );
    if (typeof build !== "function")
      throw new ArgumentError(
        `Circuit.cond: build must be a function (sub) => { sub.x(0); ... }, got ${describe(build)}`,
      );
    const sub = new Circuit(this.nQubits, { seed: this.rng.nextUint32() });
    build(sub);
    if (sub.nFeatures > 0 || sub.globalPhase !== 0)
      throw new ArgumentError(
        "Circuit.cond: the conditioned part may hold gates only (no data encodings or global phase)",
      );
    const block = this.blockList.length;
    const start = this.ops.length;
    for (const op of sub.ops) {
      if (op.kind !== "gate")
        throw new ArgumentError(
          `Circuit.cond: the conditioned part has a ${describeOperation(op)}; it may hold gates only`,
        );
      this.ops.push({
        kind: "cond",
        bits: [...list],
        value,
        gate: { ...op, block },
        qubits: op.qubits,
        angles: op.angles,
        block,
      });
    }
    for (const p of sub.parameters()) this.adoptParameter(p);
    this.pushBlock(
      `if ${sub.ops.map((o) => operationName(o)).join(" ")}`,
      sub.ops.map((o) => o.qubits),
      start,
    );
    return this;
  }

  /** Records a parameter-free block covering operations [start, now). */
  private pushBlock(name: string, qubits: readonly (readonly number[])[], start: number): void {
    this.blockList.push({
      name,
      qubits,
      depth: 1,
      param: undefined,
      start,
      end: this.ops.length,
    });
  }

  /**
   * Appends every operation of `other` (same qubit count); parameters are shared, not copied, and
   * the global phases add.
   * @example
   * a.extend(b);
   */
  extend(other: Circuit): this {
    checkArity(arguments.length, 1, "Circuit.extend");
    if (!(other instanceof Circuit))
      throw new ArgumentError(`Circuit.extend: expected a Circuit, got ${describe(other)}`);
    if (other.nQubits !== this.nQubits) {
      throw new ArgumentError(
        `extend: the circuit has ${other.nQubits} qubits, expected ${this.nQubits}`,
      );
    }
    const shift = this.blockList.length;
    const featureShift = this.nFeatures;
    const bitShift = this.nBits; // the other circuit's classical bits follow this one's
    for (const [key, bits] of other.keys)
      this.keys.set(
        key,
        bits.map((x) => x + bitShift),
      );
    for (const b of other.blockList) {
      const start = this.ops.length;
      for (let i = b.start; i < b.end; i++) {
        const op = other.ops[i]!;
        const angles = op.angles.map(
          (a): AngleSource =>
            a.kind === "data" ? { ...a, features: a.features.map((f) => f + featureShift) } : a,
        );
        const block = op.block + shift;
        if (op.kind === "cond") {
          const gate: GateOperation = { ...op.gate, angles, block };
          const bits = op.bits.map((x) => x + bitShift);
          this.ops.push({ ...op, bits, gate, angles, block });
        } else if (op.kind === "measure") this.ops.push({ ...op, bit: op.bit + bitShift, block });
        else this.ops.push({ ...op, angles, block } as Operation);
      }
      if (b.param) this.adoptParameter(b.param);
      this.blockList.push({ ...b, start, end: this.ops.length });
    }
    for (const p of other.parameters()) this.adoptParameter(p);
    this.nFeatures += other.nFeatures;
    if (other.declaredBits > 0) this.declaredBits = bitShift + other.declaredBits;
    this.globalPhase += other.globalPhase; // composing circuits multiplies their phases
    return this;
  }

  /**
   * The circuit as versioned JSON data (docs/circuit-json.md); parameters at their current values.
   * @example
   * writeFileSync("model.json", JSON.stringify(c.toJSON()));
   */
  toJSON(): CircuitJSON {
    return circuitToJSON(this);
  }

  /**
   * Reads `toJSON()` data (or its text) back: same operations, fresh trainable parameters.
   * @example
   * const c2 = Circuit.fromJSON(JSON.parse(readFileSync("model.json", "utf8")));
   */
  static fromJSON(data: unknown): Circuit {
    checkArity(arguments.length, 1, "Circuit.fromJSON");
    return circuitFromJSON(data);
  }

  /** Alias of {@link Circuit.extend}. @example a.append(b) */
  append(other: Circuit): this {
    checkArity(arguments.length, 1, "Circuit.append");
    return this.extend(other);
  }

  /**
   * The inverse circuit U^dagger: operations reversed and each inverted; parameters are shared.
   * @example
   * const undo = c.inverse();
   */
  inverse(): Circuit {
    checkArity(arguments.length, 0, "Circuit.inverse");
    const inv = new Circuit(this.nQubits, { backend: this.backendChoice });
    const n = this.blockList.length;
    for (let bi = n - 1; bi >= 0; bi--) {
      const b = this.blockList[bi]!;
      const start = inv.ops.length;
      for (let i = b.end - 1; i >= b.start; i--) {
        const op = this.ops[i]!;
        if (op.kind !== "gate") {
          throw new ArgumentError(
            `inverse: the circuit has a ${describeOperation(op)}, which has no inverse`,
          );
        }
        inv.ops.push({ ...op, adjoint: !op.adjoint, block: n - 1 - bi });
      }
      inv.blockList.push({
        ...b,
        name: b.name.endsWith("^dg") ? b.name.slice(0, -3) : `${b.name}^dg`,
        start,
        end: inv.ops.length,
      });
    }
    for (const p of this.parameters()) inv.adoptParameter(p);
    inv.nFeatures = this.nFeatures;
    inv.globalPhase = -this.globalPhase;
    return inv;
  }

  // ------------------------------------------------------------------ inspection

  /** Number of gate operations. @example c.gateCount */
  get gateCount(): number {
    return this.ops.length;
  }

  /** Operation counts by gate name. @example c.gateCounts() // { h: 1, cnot: 1 } */
  gateCounts(): Record<string, number> {
    checkArity(arguments.length, 0, "Circuit.gateCounts");
    const counts: Record<string, number> = {};
    for (const op of this.ops) {
      const name = operationName(op);
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  }

  /** Circuit depth: the number of time steps when gates on disjoint qubits run in parallel. @example c.depth */
  get depth(): number {
    const level = new Array<number>(this.nQubits).fill(0);
    let depth = 0;
    for (const op of this.ops) {
      const t = 1 + Math.max(...op.qubits.map((q) => level[q]!));
      for (const q of op.qubits) level[q] = t;
      depth = Math.max(depth, t);
    }
    return depth;
  }

  /** Total number of trainable scalars. @example c.parameterCount */
  get parameterCount(): number {
    return this.parameters().reduce((s, p) => s + p.size, 0);
  }

  /** The text drawing, one line per qubit, e.g. `--Ry(1.23)----*--`. @example console.log(c.toString()) */
  override toString(): string {
    return drawCircuit(this.nQubits, this.ops);
  }

  /**
   * The circuit's unitary (interleaved complex 2^n x 2^n, row-major), for small n (<= 12).
   * @example
   * const u = c.unitary();
   */
  unitary(): Float64Array {
    checkArity(arguments.length, 0, "Circuit.unitary");
    const n = this.nQubits;
    if (n > 12)
      throw new ArgumentError(`unitary: ${n} qubits is too many for a dense unitary (at most 12)`);
    if (this.nFeatures > 0)
      throw new ArgumentError(
        "unitary: the circuit has data-encoding gates; build it without data to get a unitary",
      );
    const dyn = this.ops.find(isDynamic);
    if (dyn !== undefined)
      throw new ArgumentError(
        `unitary: the circuit has a ${describeOperation(dyn)}, which is not unitary`,
      );
    const dim = 1 << n;
    const backend = this.backend();
    // column j of U is U|j>: run all basis states as one batch
    const basis = new Float64Array(2 * dim * dim);
    for (let j = 0; j < dim; j++) basis[2 * (j * dim + j)] = 1;
    const buf = backend.fromArray(n, dim, basis);
    try {
      this.run(backend, buf, undefined, 1);
      const cols = backend.toArray(buf);
      const u = new Float64Array(2 * dim * dim);
      for (let j = 0; j < dim; j++) {
        for (let i = 0; i < dim; i++) {
          u[2 * (i * dim + j)] = cols[2 * (j * dim + i)]!;
          u[2 * (i * dim + j) + 1] = cols[2 * (j * dim + i) + 1]!;
        }
      }
      return u;
    } finally {
      backend.free(buf);
    }
  }

  // ------------------------------------------------------------------ simulation

  /**
   * Runs the circuit. `state`: the initial state (default |0...0>; a batch-1 state is broadcast
   * to the data's batch). `data`: a float64 tensor [batch, features] read by encoding gates.
   * Returns a new `State`; the input is not changed. When a parameter, the data or the input
   * state requires gradients, the result is an autograd node whose backward is the adjoint method.
   * @example
   * const psi = c.forward();
   * const batchOut = c.forward(undefined, tensor([[0.1, 0.2], [0.3, 0.4]]));
   * const rho = c.forward(DensityMatrix.zero(2), undefined, { noise }); // density matrices
   */
  override forward(state?: State, data?: Tensor, options?: DynamicRunOptions): State;
  override forward(state: DensityMatrix, data?: Tensor, options?: ForwardOptions): DensityMatrix;
  override forward(
    state: State | DensityMatrix | undefined,
    data: Tensor | undefined,
    options: DensityRunOptions,
  ): DensityMatrix;
  override forward(
    state?: State | DensityMatrix,
    data?: Tensor,
    options?: ForwardOptions,
  ): State | DensityMatrix {
    checkArity(arguments.length, 3, "Circuit.forward");
    checkOptions(options, DENSITY_FORWARD_OPTIONS, "Circuit.forward");
    if (state !== undefined && !(state instanceof State) && !(state instanceof DensityMatrix)) {
      throw new ArgumentError(
        `Circuit.forward: state must be a State, a DensityMatrix or undefined, got ${describe(state)}`,
      );
    }
    if (data !== undefined && !(data instanceof Tensor)) {
      throw new ArgumentError(
        `Circuit.forward: data must be a float64 tensor [batch, features] or undefined, got ${describe(data)}`,
      );
    }
    // density matrices (a DensityMatrix input, density options, or a density circuit):
    // density/run.ts; shots and the branch cap alone keep a State run
    const stateOptions =
      options !== undefined &&
      options.noise === undefined &&
      options.checkpointEvery === undefined &&
      (options.shots !== undefined ||
        options.seed !== undefined ||
        options.maxBranches !== undefined);
    if (state instanceof DensityMatrix || (options !== undefined && !stateOptions) || this.density)
      return runDensity(this, state, data, options);
    const backend = state?.backend ?? this.backend();
    const n = this.nQubits;
    let batch = state?.batch ?? 1;
    let dataArr: Float64Array | undefined;
    if (data !== undefined) {
      if (data.dtype !== "float64" || data.shape.length !== 2) {
        throw new ShapeError(
          `forward: data must be a float64 tensor [batch, features], got ${data.dtype} [${data.shape.join(", ")}]`,
        );
      }
      if (data.shape[1]! < this.nFeatures) {
        throw new ShapeError(
          `forward: the circuit reads ${this.nFeatures} features, data has shape [${data.shape.join(", ")}]`,
        );
      }
      if (state !== undefined && state.batch !== 1 && state.batch !== data.shape[0]) {
        throw new ShapeError(
          `forward: state batch ${state.batch} does not match data batch ${data.shape[0]}`,
        );
      }
      batch = data.shape[0]!;
      dataArr = data.data;
    } else if (this.nFeatures > 0) {
      throw new ArgumentError(
        `forward: the circuit has encoding gates reading ${this.nFeatures} features; pass a data tensor [batch, ${this.nFeatures}]`,
      );
    }
    if (state !== undefined && state.nQubits !== n) {
      throw new ShapeError(`forward: state has ${state.nQubits} qubits, the circuit ${n}`);
    }
    const nFeat = data?.shape[1] ?? 0;
    const buf = initialBuffer(backend, n, batch, state);
    if (this.isDynamic || stateOptions) {
      if (
        this.gradMethod !== "adjoint" &&
        isGradEnabled() &&
        this.parameters().some((p) => p.requiresGrad)
      )
        throw new ArgumentError(
          `Circuit.forward: gradMethod ${describe(this.gradMethod)} re-runs a unitary circuit; a circuit that measures, resets or conditions differentiates its exact branch mixture by the adjoint method (set gradMethod = "adjoint")`,
        );
      return runDynamicState(this, {
        backend,
        buffer: buf,
        dataBatch: batch,
        data,
        nFeatures: nFeat,
        state,
        options: options ?? {},
      });
    }
    const params = this.parameters();
    const needsGrad =
      isGradEnabled() &&
      (params.some((p) => p.requiresGrad) ||
        data?.requiresGrad === true ||
        state?.requiresGrad === true);
    // methods other than the adjoint re-run the circuit, so they keep the initial state
    // (only when a backward can follow: otherwise the copy would never be freed)
    const keepInitial = this.gradMethod !== "adjoint" && needsGrad;
    if (keepInitial) resolveGradientMethod(this.gradMethod); // a bad name fails here, not in backward
    const initial = keepInitial ? backend.clone(buf) : undefined;
    this.run(backend, buf, dataArr, nFeat);
    const out = new State(buf, backend);
    if (!needsGrad) return out;
    const inputs = [...params, ...(data ? [data] : []), ...(state ? [state] : [])];
    const request = (grad: Tensor, output: State): GradientRequest => ({
      backend,
      operations: this.ops,
      globalPhase: this.globalPhase,
      output: output.buffer,
      cotangent: grad,
      data: dataArr,
      nFeatures: nFeat,
      parameters: params,
      wantData: data?.requiresGrad === true,
      wantState: state?.requiresGrad === true,
      inputBatch: state?.batch ?? 1,
      fusion: this.fusion,
      run: (shift) => {
        if (initial === undefined)
          throw new ArgumentError("circuit backward: the initial state was not kept");
        const b = backend.clone(initial);
        this.run(backend, b, dataArr, nFeat, shift);
        return b;
      },
    });
    const pack = (g: GradientResult): (Tensor | null)[] => {
      if (initial !== undefined) backend.free(initial);
      return [...g.parameters, ...(data ? [g.data] : []), ...(state ? [g.state] : [])];
    };
    return customOp({
      name: "circuit",
      inputs,
      forward: () => out,
      backward: (grad: Tensor, output: State) => {
        const fn = resolveGradientMethod(this.gradMethod);
        const r = request(grad, output);
        return pack(fn === undefined ? adjointBackward(r) : fn(r));
      },
      // asynchronous backends (webgpu): two-phase sweeps over deferred reads
      backwardAsync: async (grad: Tensor, output: State) => {
        const fn = resolveGradientMethod(this.gradMethod);
        const r = request(grad, output);
        if (fn === undefined) return pack(await adjointBackwardAsync(r));
        return pack(fn.async !== undefined ? await fn.async(r) : fn(r));
      },
    });
  }

  /**
   * Runs the circuit on density matrices (default |0...0><0...0|) and returns a `DensityMatrix`.
   * @example
   * const rho = c.forwardDensity(undefined, undefined, { noise });
   */
  forwardDensity(
    state?: State | DensityMatrix,
    data?: Tensor,
    options: DensityRunOptions = {},
  ): DensityMatrix {
    checkArity(arguments.length, 3, "Circuit.forwardDensity");
    checkOptions(options, DENSITY_RUN_OPTIONS, "Circuit.forwardDensity");
    return runDensity(this, state, data, options);
  }

  // ------------------------------------------------------------------ noise channels

  /** Bit flip (1-p) rho + p X rho X on each qubit. @example c.bitFlip(0.1, "full") */
  bitFlip(p: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.bitFlip");
    return this.channel(getChannel("bit_flip"), qubitsIdx, p);
  }
  /** Phase flip (Z). @example c.phaseFlip(0.1, 0) */
  phaseFlip(p: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.phaseFlip");
    return this.channel(getChannel("phase_flip"), qubitsIdx, p);
  }
  /** Bit-phase flip (Y). @example c.bitPhaseFlip(0.1, 0) */
  bitPhaseFlip(p: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.bitPhaseFlip");
    return this.channel(getChannel("bit_phase_flip"), qubitsIdx, p);
  }
  /** Amplitude damping; `gamma` may be a trainable Parameter. @example c.amplitudeDamping(0.2, [1]) */
  amplitudeDamping(gamma: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.amplitudeDamping");
    return this.channel(getChannel("amplitude_damping"), qubitsIdx, gamma);
  }
  /** Generalized amplitude damping (gamma, p). @example c.generalizedAmplitudeDamping([0.2, 0.9], 0) */
  generalizedAmplitudeDamping(gammaP: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.generalizedAmplitudeDamping");
    return this.channel(getChannel("generalized_amplitude_damping"), qubitsIdx, gammaP);
  }
  /** Phase damping. @example c.phaseDamping(0.2, 0) */
  phaseDamping(gamma: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.phaseDamping");
    return this.channel(getChannel("phase_damping"), qubitsIdx, gamma);
  }
  /** Depolarizing (1-p) rho + p I/2 (Paddle's Kraus form). @example c.depolarizing(0.05, "full") */
  depolarizing(p: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.depolarizing");
    return this.channel(getChannel("depolarizing"), qubitsIdx, p);
  }
  /** k-qubit depolarizing on each group of `qubitsIdx` (k = group size). @example c.generalizedDepolarizing(0.1, [[0, 1]]) */
  generalizedDepolarizing(p: ChannelParam, qubitsIdx: QubitsIdx): this {
    checkArity(arguments.length, 2, "Circuit.generalizedDepolarizing");
    const k = Array.isArray(qubitsIdx) && Array.isArray(qubitsIdx[0]) ? qubitsIdx[0].length : 1;
    return this.channel(getChannel(`generalized_depolarizing_${k}`), qubitsIdx, p);
  }
  /** Pauli channel with (px, py, pz). @example c.pauliChannel([0.1, 0.0, 0.05], 0) */
  pauliChannel(probs: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.pauliChannel");
    return this.channel(getChannel("pauli_channel"), qubitsIdx, probs);
  }
  /** Reset to |0> with p0, to |1> with p1. @example c.resetChannel([0.1, 0], 0) */
  resetChannel(probs: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.resetChannel");
    return this.channel(getChannel("reset"), qubitsIdx, probs);
  }
  /** Thermal relaxation (T1, T2, gate time, one unit; see `thermalRelaxation`). @example c.thermalRelaxation([100, 80, 0.05], 0) */
  thermalRelaxation(t1t2time: ChannelParam, qubitsIdx: QubitsIdx = "full"): this {
    checkArity(arguments.length, 2, "Circuit.thermalRelaxation");
    return this.channel(getChannel("thermal_relaxation"), qubitsIdx, t1t2time);
  }
  /** sum_i p_i U_i rho U_i^dagger. @example c.mixedUnitary([x, z], [0.5, 0.5], 0) */
  mixedUnitary(
    unitaries: readonly MatrixLike[],
    probs: readonly number[],
    qubitsIdx: QubitsIdx = "full",
  ): this {
    checkArity(arguments.length, 3, "Circuit.mixedUnitary");
    return this.channel(mixedUnitary(unitaries, probs), qubitsIdx);
  }

  /**
   * Any channel on each group of `qubitsIdx`; `param` gives the channel's free parameters (a
   * number, an array, or a trainable `Parameter` shared by all groups).
   * @example
   * c.channel(amplitudeDamping(0.1), "full");
   * c.channel(getChannel("depolarizing"), [0], new Parameter(new Float64Array([0.05]), [1]));
   */
  channel(channel: Channel, qubitsIdx: QubitsIdx = "full", param?: ChannelParam): this {
    checkArity(arguments.length, 3, "Circuit.channel");
    if (channel === null || typeof channel !== "object" || typeof channel.kraus !== "function") {
      throw new ArgumentError(
        `Circuit.channel: expected a Channel (e.g. getChannel("depolarizing")), got ${describe(channel)}`,
      );
    }
    const k = channel.nParams;
    const groups = formatQubitsIdx(qubitsIdx, this.nQubits, channel.nQubits);
    let angles: AngleSource[];
    const live = trainableTensor(param, channel.name);
    if (live !== undefined) {
      if (live.size !== k || live.dtype !== "float64")
        throw new ShapeError(
          `${channel.name}: param has ${live.size} values (${live.dtype}), expected ${k} float64 values`,
        );
      this.adoptParameter(live);
      angles = Array.from({ length: k }, (_, i) => ({
        kind: "param",
        param: live,
        index: i,
        scale: 1,
      }));
    } else {
      if (
        param !== undefined &&
        typeof param !== "number" &&
        !(param instanceof Tensor) &&
        !Array.isArray(param)
      ) {
        throw new ArgumentError(
          `${channel.name}: param must be a number, an array of numbers or a tensor, got ${describe(param)}`,
        );
      }
      const values =
        param === undefined
          ? []
          : typeof param === "number"
            ? [param]
            : param instanceof Tensor
              ? [...param.data]
              : [...param];
      channel.checkParams(values);
      angles = values.map((value) => ({ kind: "const", value }));
    }
    const start = this.ops.length;
    const block = this.blockList.length;
    for (const qubits of groups) this.ops.push({ kind: "channel", channel, qubits, angles, block });
    const p = live;
    this.blockList.push({
      name: channel.name,
      qubits: groups,
      depth: 1,
      param: p,
      start,
      end: this.ops.length,
    });
    return this;
  }

  /** Applies every operation to `buf` in place (see `execute.ts`). */
  private run(
    backend: Backend,
    buf: ReturnType<Backend["zeros"]>,
    data: Float64Array | undefined,
    nFeatures: number,
    shift?: AngleShift,
  ): void {
    executeOperations(backend, buf, this.ops, {
      nQubits: this.nQubits,
      globalPhase: this.globalPhase,
      data,
      nFeatures,
      shift,
      fusion: this.fusion,
    });
  }

  /** The backend this circuit runs on. */
  backend(): Backend {
    return getBackend(this.backendChoice);
  }

  // ------------------------------------------------------------------ builders

  private fixed(
    name: string | GateEntry,
    qubitsIdx: QubitsIdx,
    options: GateOptions | undefined,
    method: string,
  ): this {
    checkOptions(options, GATE_OPTIONS, `Circuit.${method}`);
    options ??= {};
    const gate = typeof name === "string" ? getGate(name) : name;
    const depth = checkDepth(options.depth);
    const groups = formatQubitsIdx(qubitsIdx, this.nQubits, gate.nQubits);
    const start = this.ops.length;
    const block = this.blockList.length;
    for (let d = 0; d < depth; d++) {
      for (const g of groups)
        this.ops.push({ kind: "gate", gate, qubits: g, angles: [], adjoint: false, block });
    }
    this.blockList.push({
      name: gate.name,
      qubits: groups,
      depth,
      param: undefined,
      start,
      end: this.ops.length,
    });
    return this;
  }

  private param(
    name: string | GateEntry,
    qubitsIdx: QubitsIdx,
    options: ParamGateOptions | undefined,
    method: string,
  ): this {
    if (typeof options === "number") {
      throw new ArgumentError(
        `Circuit.${method}: the second argument is the options object; for a fixed angle pass { param: ${options} }`,
      );
    }
    checkOptions(options, PARAM_GATE_OPTIONS, `Circuit.${method}`);
    options ??= {};
    const gate = typeof name === "string" ? getGate(name) : name;
    const depth = checkDepth(options.depth);
    const groups = formatQubitsIdx(qubitsIdx, this.nQubits, gate.nQubits);
    const k = gate.nParams;
    const sharing = options.paramSharing === true;
    const shape = sharing ? [depth, k] : [depth, groups.length, k];
    const size = shape.reduce((a, b) => a * b, 1);
    const { at: sources, param } = this.angleSources(gate.name, options.param, shape, size);
    const start = this.ops.length;
    const block = this.blockList.length;
    for (let d = 0; d < depth; d++) {
      groups.forEach((g, gi) => {
        const base = sharing ? d * k : (d * groups.length + gi) * k;
        const angles = Array.from({ length: k }, (_, j) => sources(base + j));
        this.ops.push({ kind: "gate", gate, qubits: g, angles, adjoint: false, block });
      });
    }
    this.blockList.push({
      name: gate.name,
      qubits: groups,
      depth,
      param,
      start,
      end: this.ops.length,
    });
    return this;
  }

  /** Maps flat parameter positions to angle sources, creating the Parameter when needed. */
  private angleSources(
    gateName: string,
    given: ParamGateOptions["param"],
    shape: number[],
    size: number,
  ): { at: (i: number) => AngleSource; param: Parameter | undefined } {
    const live = trainableTensor(given, gateName);
    if (given === undefined || live !== undefined) {
      const p = this.ownParameter(shape, live, gateName);
      return { at: (i) => ({ kind: "param", param: p, index: i, scale: 1 }), param: p };
    }
    let values: ArrayLike<number>;
    if (typeof given === "number") values = new Float64Array(size).fill(given);
    else if (given instanceof Float64Array || Array.isArray(given))
      values = given as ArrayLike<number>;
    else if (given instanceof Tensor) values = given.data;
    else {
      throw new ArgumentError(
        `${gateName}: param must be a number, an array of numbers, a tensor or a Parameter, got ${describe(given)}`,
      );
    }
    if (values.length === 1 && size > 1) values = new Float64Array(size).fill(values[0]!);
    if (values.length !== size) {
      throw new ShapeError(
        `${gateName}: param has ${values.length} values, expected ${size} (shape [${shape.join(", ")}])`,
      );
    }
    for (let i = 0; i < size; i++) {
      if (typeof values[i] !== "number" || !Number.isFinite(values[i])) {
        throw new ArgumentError(
          `${gateName}: param[${i}] = ${describe(values[i])} is not a finite number`,
        );
      }
    }
    const fixed = Float64Array.from(values);
    return { at: (i) => ({ kind: "const", value: fixed[i]! }), param: undefined };
  }

  private adoptParameter(p: Parameter): void {
    if (this.parameters().includes(p)) return;
    this.registerParameter(`theta${this.parameters().length}`, p);
  }
}

/**
 * The tensor behind a trainable `param` (a `Parameter`, or a leaf tensor with requiresGrad, whose
 * type is the same as a Parameter's), or undefined for fixed values. A tensor with a gradient
 * history is refused: the circuit would keep reading that one stale result of the computation.
 */
function trainableTensor(param: unknown, what: string): Parameter | undefined {
  if (param instanceof Parameter) return param;
  if (!(param instanceof Tensor) || !param.requiresGrad) return undefined;
  if (!param.isLeaf) {
    throw new ArgumentError(
      `${what}: param is a computed tensor (made by ${param.gradFn!.name}); a circuit keeps its angle tensors across runs, so pass a Parameter or a leaf tensor with requiresGrad, or feed computed angles as data (angleEncoding)`,
    );
  }
  return param;
}

function checkDepth(depth: number | undefined): number {
  const d = depth ?? 1;
  if (!Number.isInteger(d) || d < 1)
    throw new ArgumentError(`depth must be a positive integer, got ${describe(depth)}`);
  return d;
}

function initialBuffer(backend: Backend, n: number, batch: number, state: State | undefined) {
  if (state === undefined) return backend.zeros(n, batch);
  if (state.batch === batch) return backend.clone(state.buffer);
  return backend.broadcast(state.buffer, batch); // a single state over the batch
}

/** Parses "X0 Y1 Z3" (or "X0, Y1") into qubits and letters. */
function parsePauliWord(
  word: string,
  n: number,
): { qubits: number[]; letters: ("X" | "Y" | "Z")[] } {
  const qubits: number[] = [];
  const letters: ("X" | "Y" | "Z")[] = [];
  const re = /([XYZxyz])\s*(\d+)/g;
  const stripped = word.replace(/[\s,]/g, "");
  if (!/^([XYZxyz]\d+)+$/.test(stripped)) {
    throw new ArgumentError(
      `pauliRotation: malformed Pauli string ${JSON.stringify(word)} (expected e.g. "X0 Y1 Z3")`,
    );
  }
  for (const m of word.matchAll(re)) {
    letters.push(m[1]!.toUpperCase() as "X" | "Y" | "Z");
    qubits.push(Number(m[2]));
  }
  formatQubitsIdx([qubits], n, qubits.length, "pauliRotation");
  return { qubits, letters };
}
