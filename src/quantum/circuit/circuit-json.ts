/**
 * qoar's versioned circuit JSON format (documented in docs/circuit-json.md): the flat operation
 * list with each gate's name, qubits and angle sources, the circuit's Parameters with their
 * shapes and current values, the blocks (builder calls), the global phase and the data-feature
 * count. A trained circuit saved with `circuitToJSON` and read back with `circuitFromJSON` gives
 * the same state bit for bit and the same (trainable) parameters.
 *
 * This file is the circuit's serialization friend: it restores the private operation and block
 * lists directly, because the public builders would split blocks and cannot mark an operation
 * adjoint (see `internals`).
 */

import * as z from "zod/mini";
import { ArgumentError, describe, ParseError, QoarError } from "../../errors.js";
import { Parameter } from "../../tensor/index.js";
import { Channel } from "../density/channels.js";
import { CHANNEL_NAMES, getChannel } from "../density/standard-channels.js";
import { pauliRotationGate } from "../gates/custom.js";
import { controlOracleGate, type GateEntry, getGate, hasGate, oracleGate } from "../gates/table.js";
import {
  arrayOf,
  bool,
  expecting,
  intIn,
  nonEmptyString,
  nonNegativeInt,
  parseJsonInput,
  realNumber,
  strictObject,
  tagged,
} from "../json-schema.js";
import { type Block, Circuit } from "./circuit.js";
import type { AngleSource, ChannelLike, Operation } from "./operation.js";

/** The value of the `format` field. */
export const CIRCUIT_JSON_FORMAT = "qoar-circuit";
/** The format version this qoar writes (and the newest it reads). */
export const CIRCUIT_JSON_VERSION = 1;

/** An angle source: a trainable parameter entry, a constant, or a product of data features. */
export type AngleJSON =
  | {
      /** A trainable angle: `scale * parameters[param].values[index]`. */
      kind: "param";
      /** Index into the circuit's `parameters`. */
      param: number;
      /** Flat (row-major) index into that parameter's values. */
      index: number;
      /** Factor applied to the parameter value. */
      scale: number;
    }
  | {
      /** A fixed angle. */
      kind: "const";
      /** The angle in radians. */
      value: number;
    }
  | {
      /** An encoded angle: `scale` times the product of the batch row's listed features. */
      kind: "data";
      /** Data-feature (column) indices, multiplied together (IQP's x_i x_j lists two). */
      features: number[];
      /** Factor applied to the feature product. */
      scale: number;
    };

/** One gate application. `pauli`, `matrix`, `controls` describe gates outside the gate table. */
export interface GateOperationJSON {
  /** Marks a gate application. */
  kind: "gate";
  /** The gate-table name (`"ry"`, `"cnot"`, ...), `"pauli_rotation"`, or an oracle's name. */
  gate: string;
  /** For `pauli_rotation`: its Pauli letters, one per qubit (`"XY"`). */
  pauli?: string;
  /** For oracles: the unitary, interleaved re/im, row-major (for a controlled oracle: its target). */
  matrix?: number[];
  /** For a controlled oracle: the number of control qubits (1), which come first. */
  controls?: number;
  /** Circuit qubits the gate's qubits act on, in the gate's order (controls first). */
  qubits: number[];
  /** One angle source per gate parameter. */
  angles: AngleJSON[];
  /** Whether U^dagger is applied (operations made by `circuit.inverse()`). */
  adjoint: boolean;
  /** Index into `blocks` of the builder call that made this operation. */
  block: number;
}

/**
 * One noise channel application (density matrices): a catalogue family by name (its parameters
 * in `angles`), a catalogue channel with `bound` parameters, or any fixed channel by its `kraus`
 * operators.
 */
export interface ChannelOperationJSON {
  /** Marks a noise channel application. */
  kind: "channel";
  /** The channel's name (a catalogue name for the name-only and `bound` forms). */
  channel: string;
  /** For a catalogue channel whose parameters were bound (`getChannel(name).bind(bound)`). */
  bound?: number[];
  /** For a channel outside the catalogue (mixed unitary, replacement, ...): Kraus operators, interleaved re/im. */
  kraus?: number[][];
  /** Circuit qubits the channel acts on. */
  qubits: number[];
  /** One angle source per free channel parameter (empty for `bound` and `kraus`). */
  angles: AngleJSON[];
  /** Index into `blocks` of the builder call that made this operation. */
  block: number;
}

/** A mid-circuit Z measurement of one qubit into classical bit `bit`. */
export interface MeasureOperationJSON {
  /** Marks a measurement. */
  kind: "measure";
  /** The measured qubit (one). */
  qubits: number[];
  /** The classical bit written. */
  bit: number;
  /** Index into `blocks` of the builder call that made this operation. */
  block: number;
}

/** A reset of one qubit to |0>, or a postselection of one qubit on `outcome`. */
export interface ProjectionOperationJSON {
  /** Marks a reset or a postselection. */
  kind: "reset" | "postselect";
  /** The qubit (one). */
  qubits: number[];
  /** For "postselect": the kept outcome, 0 or 1. */
  outcome?: number;
  /** Index into `blocks` of the builder call that made this operation. */
  block: number;
}

/**
 * A gate applied when classical `bits` (least significant first) hold `value`: the gate's fields
 * as in {@link GateOperationJSON}, plus the condition.
 */
export interface CondOperationJSON extends Omit<GateOperationJSON, "kind"> {
  /** Marks a classically controlled gate. */
  kind: "cond";
  /** The classical bits read, least significant first. */
  bits: number[];
  /** The integer they must hold. */
  value: number;
}

/** One operation of the JSON list. */
export type OperationJSON =
  | GateOperationJSON
  | ChannelOperationJSON
  | MeasureOperationJSON
  | ProjectionOperationJSON
  | CondOperationJSON;

/** One builder call: operations `[start, end)`, its parameter's index (or null). */
export interface BlockJSON {
  /** Gate, template or encoding name (`"ry"`, `"qaoa"`, `"ry-encoding"`, ...). */
  name: string;
  /** The qubit groups it was called on. */
  qubits: number[][];
  /** Number of repetitions (layers). */
  depth: number;
  /** Index into `parameters` of the block's parameter, or null if it has none. */
  param: number | null;
  /** First operation index of the block. */
  start: number;
  /** One past its last operation index. */
  end: number;
}

/** One trainable tensor of the circuit, in `circuit.parameters()` order. */
export interface ParameterJSON {
  /** The Parameter's shape (`[depth, groups, nParam]` for a gate layer). */
  shape: number[];
  /** Its float64 entries, row-major. */
  values: number[];
  /** Whether it is trained. */
  requiresGrad: boolean;
}

/** A circuit as JSON data (version 1). */
export interface CircuitJSON {
  /** Always `"qoar-circuit"`. */
  format: typeof CIRCUIT_JSON_FORMAT;
  /** Format version; newer versions than {@link CIRCUIT_JSON_VERSION} are refused. */
  version: number;
  /** Number of qubits (qubit 0 is the most significant bit of a basis index). */
  nQubits: number;
  /** How many data features the encoding gates read (0 without encoding gates). */
  nFeatures: number;
  /** Classical bits declared zero-initialized (`circuit.declareBits`); omitted when none. */
  nBits?: number;
  /** Phase e^{i globalPhase} applied after the gates. */
  globalPhase: number;
  /** The trainable tensors, in `circuit.parameters()` order. */
  parameters: ParameterJSON[];
  /** The builder calls, tiling `operations` in order. */
  blocks: BlockJSON[];
  /** The flat list of gate, channel and dynamic operations, in time order. */
  operations: OperationJSON[];
}

/** Looks up a parametric noise channel by name (default: the catalogue's `getChannel`). */
export type ChannelLookup = (name: string) => ChannelLike;

/** The private fields of a Circuit that deserialization restores (kept in sync by the tests). */
interface CircuitInternals {
  ops: Operation[];
  blockList: Block[];
  nFeatures: number;
}

/** The circuit's declared classical bits (`declareBits`). */
function declared(c: Circuit): number {
  return (c as unknown as { declaredBits: number }).declaredBits;
}

function internals(c: Circuit): CircuitInternals {
  const i = c as unknown as CircuitInternals;
  if (!Array.isArray(i.ops) || !Array.isArray(i.blockList) || typeof i.nFeatures !== "number") {
    throw new Error("circuit-json: Circuit's internal layout changed; update circuit-json.ts");
  }
  return i;
}

// ---------------------------------------------------------------------------------- writing

function finite(v: number, path: string): number {
  if (!Number.isFinite(v)) {
    throw new ArgumentError(
      `circuitToJSON: ${path} = ${describe(v)} is not finite (JSON cannot hold it)`,
    );
  }
  return v;
}

/** How a gate entry is written: its table name, or enough to rebuild it. */
function gateToJSON(
  g: GateEntry,
  path: string,
): Pick<GateOperationJSON, "gate" | "pauli" | "matrix" | "controls"> {
  if (hasGate(g.name) && getGate(g.name) === g) return { gate: g.name };
  if (g.pauliRotation !== undefined) return { gate: g.name, pauli: g.pauliRotation.join("") };
  if (g.nParams === 0) {
    const c = g.controlled;
    if (c !== undefined && c.nControls === 1 && c.target.nParams === 0) {
      return { gate: g.name, controls: 1, matrix: Array.from(c.target.matrix()) };
    }
    return { gate: g.name, matrix: Array.from(g.matrix()) };
  }
  throw new ArgumentError(
    `circuitToJSON: ${path}: gate "${g.name}" is neither a table gate, a Pauli rotation nor a fixed oracle, so it cannot be written`,
  );
}

const isCatalogue = (name: string) => CHANNEL_NAMES.includes(name);

/** How a channel is written: its catalogue name, with bound values, or its Kraus operators. */
function channelToJSON(
  ch: ChannelLike,
  path: string,
): Pick<ChannelOperationJSON, "channel" | "bound" | "kraus"> {
  if (isCatalogue(ch.name) && getChannel(ch.name) === ch) return { channel: ch.name };
  if (ch.nParams === 0) {
    if (ch instanceof Channel && ch.bound.length > 0 && isCatalogue(ch.name)) {
      return {
        channel: ch.name,
        bound: ch.bound.map((v, i) => finite(v, `${path}.bound[${i}]`)),
      };
    }
    return {
      channel: ch.name,
      kraus: ch.kraus([]).map((k, i) => Array.from(k, (v) => finite(v, `${path}.kraus[${i}]`))),
    };
  }
  throw new ArgumentError(
    `circuitToJSON: ${path}: channel "${ch.name}" has free parameters but is not in the channel catalogue, so it cannot be written`,
  );
}

function angleToJSON(a: AngleSource, params: Map<Parameter, number>, path: string): AngleJSON {
  if (a.kind === "const") return { kind: "const", value: finite(a.value, `${path}.value`) };
  if (a.kind === "data")
    return { kind: "data", features: [...a.features], scale: finite(a.scale, `${path}.scale`) };
  const k = params.get(a.param);
  if (k === undefined) {
    throw new ArgumentError(
      `circuitToJSON: ${path} reads a Parameter that the circuit does not list in parameters()`,
    );
  }
  return { kind: "param", param: k, index: a.index, scale: finite(a.scale, `${path}.scale`) };
}

/**
 * The circuit as plain JSON data (see docs/circuit-json.md); `JSON.stringify` it to save.
 * Parameters are written at their current values. Throws `ArgumentError` for what the format
 * cannot hold (a non-finite value, a parameterized custom gate).
 * @example
 * const c = new Circuit(2, { seed: 1 });
 * c.ry("full"); c.cnot([0, 1]);
 * const text = JSON.stringify(circuitToJSON(c));
 */
export function circuitToJSON(circuit: Circuit): CircuitJSON {
  if (circuit === null || typeof circuit !== "object" || typeof circuit.parameters !== "function")
    throw new ArgumentError(`circuitToJSON: expected a Circuit, got ${describe(circuit)}`);
  const params = new Map<Parameter, number>();
  const parameters: ParameterJSON[] = circuit.parameters().map((p, k) => {
    params.set(p, k);
    if (p.dtype !== "float64") {
      throw new ArgumentError(
        `circuitToJSON: parameters[${k}] has dtype ${p.dtype}, expected float64`,
      );
    }
    return {
      shape: [...p.shape],
      values: Array.from(p.data, (v, i) => finite(v, `parameters[${k}].values[${i}]`)),
      requiresGrad: p.requiresGrad,
    };
  });
  const operations = circuit.operations.map((op, i): OperationJSON => {
    const path = `operations[${i}]`;
    if (op.kind === "measure")
      return { kind: "measure", qubits: [...op.qubits], bit: op.bit, block: op.block };
    if (op.kind === "reset") return { kind: "reset", qubits: [...op.qubits], block: op.block };
    if (op.kind === "postselect")
      return { kind: "postselect", qubits: [...op.qubits], outcome: op.outcome, block: op.block };
    if (op.kind === "cond") {
      const g = op.gate;
      return {
        kind: "cond",
        bits: [...op.bits],
        value: op.value,
        ...gateToJSON(g.gate, path),
        qubits: [...g.qubits],
        angles: g.angles.map((a, j) => angleToJSON(a, params, `${path}.angles[${j}]`)),
        adjoint: g.adjoint,
        block: op.block,
      };
    }
    const angles = op.angles.map((a, j) => angleToJSON(a, params, `${path}.angles[${j}]`));
    if (op.kind === "channel") {
      return {
        kind: "channel",
        ...channelToJSON(op.channel, path),
        qubits: [...op.qubits],
        angles,
        block: op.block,
      };
    }
    return {
      kind: "gate",
      ...gateToJSON(op.gate, path),
      qubits: [...op.qubits],
      angles,
      adjoint: op.adjoint,
      block: op.block,
    };
  });
  const blocks = circuit.blocks.map(
    (b): BlockJSON => ({
      name: b.name,
      qubits: b.qubits.map((g) => [...g]),
      depth: b.depth,
      param: b.param === undefined ? null : (params.get(b.param) ?? null),
      start: b.start,
      end: b.end,
    }),
  );
  return {
    format: CIRCUIT_JSON_FORMAT,
    version: CIRCUIT_JSON_VERSION,
    nQubits: circuit.nQubits,
    nFeatures: circuit.featureCount,
    ...(declared(circuit) > 0 ? { nBits: declared(circuit) } : {}),
    globalPhase: finite(circuit.globalPhase, "globalPhase"),
    parameters,
    blocks,
    operations,
  };
}

// ---------------------------------------------------------------------------------- reading

/*
 * Reading is two passes. The schemas below check the shape of the data (types, integers,
 * strict keys, angle kinds) and turn number expressions into numbers; then the checks after
 * them compare fields with each other (qubits below nQubits, parameter indices, gate arities,
 * blocks tiling the operations). Both name the path of the first bad field.
 */

const angleSchema = tagged(
  "kind",
  [
    strictObject(
      {
        kind: z.literal("param"),
        param: nonNegativeInt,
        index: nonNegativeInt,
        scale: realNumber,
      },
      "an angle source",
    ),
    strictObject({ kind: z.literal("const"), value: realNumber }, "an angle source"),
    strictObject(
      {
        kind: z.literal("data"),
        features: arrayOf(nonNegativeInt, "an array of feature indices"),
        scale: realNumber,
      },
      "an angle source",
    ),
  ],
  ['"param"', '"const"', '"data"'],
);

const qubitsSchema = arrayOf(nonNegativeInt, "an array of qubit indices");
const anglesSchema = arrayOf(angleSchema, "an array of angle sources");
const realsSchema = arrayOf(realNumber, "an array of numbers");

const gateFields = {
  gate: nonEmptyString,
  pauli: z.optional(nonEmptyString),
  matrix: z.optional(realsSchema),
  controls: z.optional(intIn(1, 1)),
  qubits: qubitsSchema,
  angles: anglesSchema,
  adjoint: z.optional(bool),
  block: nonNegativeInt,
};

const operationSchema = tagged(
  "kind",
  [
    strictObject(
      {
        kind: z.literal("gate"),
        gate: nonEmptyString,
        pauli: z.optional(nonEmptyString),
        matrix: z.optional(realsSchema),
        controls: z.optional(intIn(1, 1)),
        qubits: qubitsSchema,
        angles: anglesSchema,
        adjoint: z.optional(bool),
        block: nonNegativeInt,
      },
      "an operation",
    ),
    strictObject(
      {
        kind: z.literal("channel"),
        channel: nonEmptyString,
        bound: z.optional(realsSchema),
        kraus: z.optional(arrayOf(realsSchema, "an array of Kraus operators")),
        qubits: qubitsSchema,
        angles: anglesSchema,
        block: nonNegativeInt,
      },
      "an operation",
    ),
    strictObject(
      {
        kind: z.literal("measure"),
        qubits: qubitsSchema,
        bit: nonNegativeInt,
        block: nonNegativeInt,
      },
      "an operation",
    ),
    strictObject(
      { kind: z.literal("reset"), qubits: qubitsSchema, block: nonNegativeInt },
      "an operation",
    ),
    strictObject(
      {
        kind: z.literal("postselect"),
        qubits: qubitsSchema,
        outcome: intIn(0, 1),
        block: nonNegativeInt,
      },
      "an operation",
    ),
    strictObject(
      {
        kind: z.literal("cond"),
        bits: arrayOf(nonNegativeInt, "an array of classical bit indices"),
        value: nonNegativeInt,
        ...gateFields,
      },
      "an operation",
    ),
  ],
  ['"gate"', '"channel"', '"measure"', '"reset"', '"postselect"', '"cond"'],
);

const parameterSchema = strictObject(
  {
    shape: arrayOf(nonNegativeInt, "an array of dimensions"),
    values: realsSchema,
    requiresGrad: z.optional(bool),
  },
  "a parameter",
);

const blockSchema = strictObject(
  {
    name: nonEmptyString,
    qubits: arrayOf(qubitsSchema, "an array of qubit groups"),
    depth: intIn(1),
    param: z.optional(z.nullable(nonNegativeInt)),
    start: nonNegativeInt,
    end: nonNegativeInt,
  },
  "a block",
);

const circuitSchema = strictObject(
  {
    format: z.literal(CIRCUIT_JSON_FORMAT, { error: expecting(`"${CIRCUIT_JSON_FORMAT}"`) }),
    version: intIn(1),
    nQubits: intIn(1, 1024), // as QASM_MAX_QUBITS: wide circuits run on the mps backend
    nFeatures: z.optional(nonNegativeInt),
    nBits: z.optional(intIn(0, 1024)),
    globalPhase: z.optional(realNumber),
    parameters: z.optional(arrayOf(parameterSchema, "an array of parameters")),
    blocks: arrayOf(blockSchema, "an array of blocks"),
    operations: arrayOf(operationSchema, "an array of operations"),
  },
  "a circuit JSON object",
);

type AngleInput = z.output<typeof angleSchema>;
type OperationInput = z.output<typeof operationSchema>;
type GateInput = Extract<OperationInput, { kind: "gate" | "cond" }>;
type ParameterInput = z.output<typeof parameterSchema>;
type BlockInput = z.output<typeof blockSchema>;

/** A field that does not fit the rest of the circuit: a ParseError naming its path. */
function bad(path: string, expected: string, got: unknown): never {
  throw new ParseError(`circuitFromJSON: ${path}: expected ${expected}, got ${describe(got)}`);
}

function inRange(v: number, path: string, min: number, max: number): number {
  if (v < min || v > max) bad(path, `an integer in [${min}, ${max}]`, v);
  return v;
}

function readParameter(p: ParameterInput, path: string): Parameter {
  const size = p.shape.reduce((a, b) => a * b, 1);
  if (p.values.length !== size) {
    bad(
      `${path}.values`,
      `${size} values (shape [${p.shape.join(", ")}])`,
      `${p.values.length} values`,
    );
  }
  const param = new Parameter(Float64Array.from(p.values), p.shape);
  param.requiresGrad = p.requiresGrad ?? true;
  return param;
}

function readAngle(a: AngleInput, path: string, params: readonly Parameter[]): AngleSource {
  switch (a.kind) {
    case "const":
      return { kind: "const", value: a.value };
    case "data":
      if (a.features.length === 0)
        bad(`${path}.features`, "at least one feature index", a.features);
      return { kind: "data", features: a.features, scale: a.scale };
    case "param": {
      const param = params[inRange(a.param, `${path}.param`, 0, params.length - 1)]!;
      const index = inRange(a.index, `${path}.index`, 0, param.size - 1);
      return { kind: "param", param, index, scale: a.scale };
    }
  }
}

/** Rebuilds the gate entry an operation names (table gate, Pauli rotation or oracle). */
function readGate(o: GateInput, path: string): GateEntry {
  const name = o.gate;
  try {
    if (o.pauli !== undefined) {
      const g = pauliRotationGate(o.pauli);
      if (g.name !== name) bad(`${path}.gate`, `"${g.name}" for a Pauli rotation`, name);
      return g;
    }
    if (o.matrix !== undefined) {
      const m = Float64Array.from(o.matrix);
      return o.controls !== undefined ? controlOracleGate(m, name) : oracleGate(m, name);
    }
  } catch (e) {
    if (e instanceof ArgumentError) throw new ParseError(`circuitFromJSON: ${path}: ${e.message}`);
    throw e;
  }
  if (!hasGate(name)) bad(`${path}.gate`, "a gate-table name (or pauli/matrix fields)", name);
  return getGate(name);
}

function checkQubits(qs: number[], path: string, n: number, k: number): number[] {
  qs.forEach((q, i) => {
    inRange(q, `${path}[${i}]`, 0, n - 1);
  });
  if (qs.length !== k) bad(path, `${k} qubit(s)`, qs);
  if (new Set(qs).size !== qs.length) bad(path, "distinct qubits", qs);
  return qs;
}

function readOperation(
  o: OperationInput,
  path: string,
  ctx: {
    n: number;
    nBlocks: number;
    params: readonly Parameter[];
    channel: ChannelLookup;
    /** Classical bits written by the measurements read so far. */
    written: Set<number>;
  },
): Operation {
  const block = inRange(o.block, `${path}.block`, 0, Math.max(0, ctx.nBlocks - 1));
  if (o.kind === "measure" || o.kind === "reset" || o.kind === "postselect") {
    const qubits = checkQubits(o.qubits, `${path}.qubits`, ctx.n, 1) as [number];
    if (o.kind === "reset") return { kind: "reset", qubits, angles: [], block };
    if (o.kind === "postselect")
      return { kind: "postselect", qubits, outcome: o.outcome as 0 | 1, angles: [], block };
    ctx.written.add(o.bit);
    return { kind: "measure", qubits, bit: o.bit, angles: [], block };
  }
  if (o.kind === "channel") {
    const name = o.channel;
    let channel: ChannelLike;
    try {
      if (o.kraus !== undefined) {
        channel = Channel.fromKraus(
          o.kraus.map((k) => Float64Array.from(k)),
          name,
        );
      } else if (o.bound !== undefined) channel = getChannel(name).bind(o.bound);
      else channel = ctx.channel(name);
    } catch (e) {
      if (e instanceof ParseError) throw e;
      if (e instanceof QoarError) throw new ParseError(`circuitFromJSON: ${path}: ${e.message}`);
      throw e;
    }
    if (o.angles.length !== channel.nParams)
      bad(`${path}.angles`, `${channel.nParams} angle(s) for ${name}`, `${o.angles.length}`);
    const angles = o.angles.map((a, j) => readAngle(a, `${path}.angles[${j}]`, ctx.params));
    return {
      kind: "channel",
      channel,
      qubits: checkQubits(o.qubits, `${path}.qubits`, ctx.n, channel.nQubits),
      angles,
      block,
    };
  }
  const gate = readGate(o, path);
  if (o.angles.length !== gate.nParams)
    bad(`${path}.angles`, `${gate.nParams} angle(s) for ${gate.name}`, `${o.angles.length} angles`);
  const angles = o.angles.map((a, j) => readAngle(a, `${path}.angles[${j}]`, ctx.params));
  const qubits = checkQubits(o.qubits, `${path}.qubits`, ctx.n, gate.nQubits);
  const op = { kind: "gate", gate, qubits, angles, adjoint: o.adjoint ?? false, block } as const;
  if (o.kind === "gate") return op;
  o.bits.forEach((b, j) => {
    if (!ctx.written.has(b))
      bad(`${path}.bits[${j}]`, "a classical bit written by an earlier measure", b);
  });
  if (o.bits.length === 0 || o.bits.length > 30 || o.value >= 2 ** o.bits.length)
    bad(`${path}.value`, `an integer below 2^${o.bits.length} (1 to 30 bits)`, o.value);
  return { kind: "cond", bits: o.bits, value: o.value, gate: op, qubits, angles, block };
}

function readBlock(
  b: BlockInput,
  path: string,
  n: number,
  nOps: number,
  params: readonly Parameter[],
): Block {
  b.qubits.forEach((g, i) => {
    g.forEach((q, j) => {
      inRange(q, `${path}.qubits[${i}][${j}]`, 0, n - 1);
    });
  });
  const param =
    b.param === null || b.param === undefined
      ? undefined
      : params[inRange(b.param, `${path}.param`, 0, params.length - 1)];
  const start = inRange(b.start, `${path}.start`, 0, nOps);
  const end = inRange(b.end, `${path}.end`, start, nOps);
  return { name: b.name, qubits: b.qubits, depth: b.depth, param, start, end };
}

/**
 * Reads circuit JSON data (an object, or its JSON text) back into a `Circuit`: the same
 * operations, blocks, global phase and fresh `Parameter`s holding the saved values (trainable
 * again). Every real number (angles, scales, parameter values, matrices, the global phase) may
 * also be a numeric expression such as `"pi/4"`. Throws `ParseError` naming the path of the
 * first bad field, e.g. `operations[3].angles[0].index`, and unknown keys with the valid ones.
 * `options.channel` looks up noise channels by name.
 * @example
 * const c2 = circuitFromJSON(JSON.parse(text));
 * c2.forward(); // the saved circuit's state
 */
export function circuitFromJSON(data: unknown, options: { channel?: ChannelLookup } = {}): Circuit {
  let root = data;
  if (typeof data === "string") {
    try {
      root = JSON.parse(data);
    } catch (e) {
      throw new ParseError(`circuitFromJSON: the text is not JSON (${(e as Error).message})`);
    }
  }
  // a newer version may have keys this reader does not know: say so before the strict check
  const version = (root as { version?: unknown } | null)?.version;
  if (typeof version === "number" && Number.isInteger(version) && version > CIRCUIT_JSON_VERSION) {
    throw new ParseError(
      `circuitFromJSON: version: ${version} is newer than this qoar reads (up to ${CIRCUIT_JSON_VERSION}); upgrade qoar`,
    );
  }
  const o = parseJsonInput(circuitSchema, root, "circuitFromJSON");
  const n = o.nQubits;
  const nFeatures = o.nFeatures ?? 0;
  const params = (o.parameters ?? []).map((p, k) => readParameter(p, `parameters[${k}]`));
  const written = new Set<number>(Array.from({ length: o.nBits ?? 0 }, (_, b) => b));
  const ops = o.operations.map((v, i) =>
    readOperation(v, `operations[${i}]`, {
      n,
      nBlocks: o.blocks.length,
      params,
      channel: options.channel ?? getChannel,
      written,
    }),
  );
  const blocks = o.blocks.map((v, i) => readBlock(v, `blocks[${i}]`, n, ops.length, params));
  // blocks tile the operation list in order, and each operation names the block holding it
  let at = 0;
  blocks.forEach((b, i) => {
    if (b.start !== at)
      bad(`blocks[${i}].start`, `${at} (blocks cover the operations in order)`, b.start);
    for (let k = b.start; k < b.end; k++) {
      if (ops[k]!.block !== i)
        bad(`operations[${k}].block`, `${i} (the block covering it)`, ops[k]!.block);
    }
    at = b.end;
  });
  if (at !== ops.length)
    bad("blocks", `blocks covering all ${ops.length} operations`, `${at} covered`);
  for (let i = 0; i < ops.length; i++) {
    for (const [j, a] of ops[i]!.angles.entries()) {
      if (a.kind === "data" && Math.max(...a.features) >= nFeatures) {
        bad(
          `operations[${i}].angles[${j}].features`,
          `indices below nFeatures = ${nFeatures}`,
          a.features,
        );
      }
    }
  }

  const circuit = new Circuit(n);
  params.forEach((p, k) => {
    circuit.registerParameter(`theta${k}`, p);
  });
  const inner = internals(circuit);
  inner.ops.push(...ops);
  inner.blockList.push(...blocks);
  inner.nFeatures = nFeatures;
  circuit.globalPhase = o.globalPhase ?? 0;
  if (o.nBits !== undefined) circuit.declareBits(o.nBits);
  return circuit;
}
