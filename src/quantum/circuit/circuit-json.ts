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
import { ArgumentError, describe, ParseError, QoarError } from "../../errors.js";
import { Parameter } from "../../tensor/index.js";
import { Channel } from "../density/channels.js";
import { CHANNEL_NAMES, getChannel } from "../density/standard-channels.js";
import { pauliRotationGate } from "../gates/custom.js";
import { controlOracleGate, type GateEntry, getGate, hasGate, oracleGate } from "../gates/table.js";
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
  /** Phase e^{i globalPhase} applied after the gates. */
  globalPhase: number;
  /** The trainable tensors, in `circuit.parameters()` order. */
  parameters: ParameterJSON[];
  /** The builder calls, tiling `operations` in order. */
  blocks: BlockJSON[];
  /** The flat list of gate and channel applications, in time order. */
  operations: (GateOperationJSON | ChannelOperationJSON)[];
}

/** Looks up a parametric noise channel by name (default: the catalogue's `getChannel`). */
export type ChannelLookup = (name: string) => ChannelLike;

/** The private fields of a Circuit that deserialization restores (kept in sync by the tests). */
interface CircuitInternals {
  ops: Operation[];
  blockList: Block[];
  nFeatures: number;
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
  const operations = circuit.operations.map((op, i): GateOperationJSON | ChannelOperationJSON => {
    const path = `operations[${i}]`;
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
    globalPhase: finite(circuit.globalPhase, "globalPhase"),
    parameters,
    blocks,
    operations,
  };
}

// ---------------------------------------------------------------------------------- reading

/** Validation helpers that name the path of the bad field. */
function bad(path: string, expected: string, got: unknown): never {
  throw new ParseError(`circuitFromJSON: ${path}: expected ${expected}, got ${describe(got)}`);
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) bad(path, "an object", v);
  return v as Record<string, unknown>;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) bad(path, "an array", v);
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) bad(path, "a finite number", v);
  return v;
}

function int(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    bad(
      path,
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`,
      v,
    );
  }
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string" || v.length === 0) bad(path, "a non-empty string", v);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") bad(path, "true or false", v);
  return v;
}

function readParameter(v: unknown, path: string): Parameter {
  const o = obj(v, path);
  const shape = arr(o.shape, `${path}.shape`).map((d, i) => int(d, `${path}.shape[${i}]`, 0));
  const size = shape.reduce((a, b) => a * b, 1);
  const values = arr(o.values, `${path}.values`);
  if (values.length !== size) {
    bad(
      `${path}.values`,
      `${size} values (shape [${shape.join(", ")}])`,
      `${values.length} values`,
    );
  }
  const data = Float64Array.from(values, (x, i) => num(x, `${path}.values[${i}]`));
  const p = new Parameter(data, shape);
  p.requiresGrad =
    o.requiresGrad === undefined ? true : bool(o.requiresGrad, `${path}.requiresGrad`);
  return p;
}

function readAngle(v: unknown, path: string, params: readonly Parameter[]): AngleSource {
  const o = obj(v, path);
  switch (o.kind) {
    case "const":
      return { kind: "const", value: num(o.value, `${path}.value`) };
    case "data": {
      const features = arr(o.features, `${path}.features`).map((f, i) =>
        int(f, `${path}.features[${i}]`, 0),
      );
      if (features.length === 0) bad(`${path}.features`, "at least one feature index", features);
      return { kind: "data", features, scale: num(o.scale, `${path}.scale`) };
    }
    case "param": {
      const k = int(o.param, `${path}.param`, 0, params.length - 1);
      const param = params[k]!;
      const index = int(o.index, `${path}.index`, 0, param.size - 1);
      return { kind: "param", param, index, scale: num(o.scale, `${path}.scale`) };
    }
    default:
      return bad(`${path}.kind`, '"param", "const" or "data"', o.kind);
  }
}

function readMatrix(v: unknown, path: string): Float64Array {
  return Float64Array.from(arr(v, path), (x, i) => num(x, `${path}[${i}]`));
}

/** Rebuilds the gate entry an operation names (table gate, Pauli rotation or oracle). */
function readGate(o: Record<string, unknown>, path: string): GateEntry {
  const name = str(o.gate, `${path}.gate`);
  try {
    if (o.pauli !== undefined) {
      const g = pauliRotationGate(str(o.pauli, `${path}.pauli`));
      if (g.name !== name) bad(`${path}.gate`, `"${g.name}" for a Pauli rotation`, name);
      return g;
    }
    if (o.matrix !== undefined) {
      const m = readMatrix(o.matrix, `${path}.matrix`);
      if (o.controls !== undefined) {
        int(o.controls, `${path}.controls`, 1, 1);
        return controlOracleGate(m, name);
      }
      return oracleGate(m, name);
    }
  } catch (e) {
    if (e instanceof ArgumentError) throw new ParseError(`circuitFromJSON: ${path}: ${e.message}`);
    throw e;
  }
  if (!hasGate(name)) bad(`${path}.gate`, "a gate-table name (or pauli/matrix fields)", name);
  return getGate(name);
}

function checkQubits(v: unknown, path: string, n: number, k: number): number[] {
  const qs = arr(v, path).map((q, i) => int(q, `${path}[${i}]`, 0, n - 1));
  if (qs.length !== k) bad(path, `${k} qubit(s)`, qs);
  if (new Set(qs).size !== qs.length) bad(path, "distinct qubits", qs);
  return qs;
}

function readOperation(
  v: unknown,
  path: string,
  ctx: { n: number; nBlocks: number; params: readonly Parameter[]; channel: ChannelLookup },
): Operation {
  const o = obj(v, path);
  const block = int(o.block, `${path}.block`, 0, Math.max(0, ctx.nBlocks - 1));
  const angleList = arr(o.angles, `${path}.angles`);
  if (o.kind === "channel") {
    const name = str(o.channel, `${path}.channel`);
    let channel: ChannelLike;
    try {
      if (o.kraus !== undefined) {
        const ops = arr(o.kraus, `${path}.kraus`).map((k, i) =>
          readMatrix(k, `${path}.kraus[${i}]`),
        );
        channel = Channel.fromKraus(ops, name);
      } else if (o.bound !== undefined) {
        const values = arr(o.bound, `${path}.bound`).map((v, i) => num(v, `${path}.bound[${i}]`));
        channel = getChannel(name).bind(values);
      } else channel = ctx.channel(name);
    } catch (e) {
      if (e instanceof ParseError) throw e;
      if (e instanceof QoarError) throw new ParseError(`circuitFromJSON: ${path}: ${e.message}`);
      throw e;
    }
    if (angleList.length !== channel.nParams)
      bad(`${path}.angles`, `${channel.nParams} angle(s) for ${name}`, `${angleList.length}`);
    const angles = angleList.map((a, j) => readAngle(a, `${path}.angles[${j}]`, ctx.params));
    return {
      kind: "channel",
      channel,
      qubits: checkQubits(o.qubits, `${path}.qubits`, ctx.n, channel.nQubits),
      angles,
      block,
    };
  }
  if (o.kind !== "gate") bad(`${path}.kind`, '"gate" or "channel"', o.kind);
  const gate = readGate(o, path);
  if (angleList.length !== gate.nParams)
    bad(
      `${path}.angles`,
      `${gate.nParams} angle(s) for ${gate.name}`,
      `${angleList.length} angles`,
    );
  const angles = angleList.map((a, j) => readAngle(a, `${path}.angles[${j}]`, ctx.params));
  const qubits = checkQubits(o.qubits, `${path}.qubits`, ctx.n, gate.nQubits);
  const adjoint = o.adjoint === undefined ? false : bool(o.adjoint, `${path}.adjoint`);
  return { kind: "gate", gate, qubits, angles, adjoint, block };
}

function readBlock(
  v: unknown,
  path: string,
  n: number,
  nOps: number,
  params: readonly Parameter[],
): Block {
  const o = obj(v, path);
  const name = str(o.name, `${path}.name`);
  const qubits = arr(o.qubits, `${path}.qubits`).map((g, i) =>
    arr(g, `${path}.qubits[${i}]`).map((q, j) => int(q, `${path}.qubits[${i}][${j}]`, 0, n - 1)),
  );
  const depth = int(o.depth, `${path}.depth`, 1);
  const param =
    o.param === null || o.param === undefined
      ? undefined
      : params[int(o.param, `${path}.param`, 0, params.length - 1)];
  const start = int(o.start, `${path}.start`, 0, nOps);
  const end = int(o.end, `${path}.end`, start, nOps);
  return { name, qubits, depth, param, start, end };
}

/**
 * Reads circuit JSON data (an object, or its JSON text) back into a `Circuit`: the same
 * operations, blocks, global phase and fresh `Parameter`s holding the saved values (trainable
 * again). Throws `ParseError` naming the path of the first bad field, e.g.
 * `operations[3].angles[0].index`. `options.channel` looks up noise channels by name.
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
  const o = obj(root, "(root)");
  if (o.format !== CIRCUIT_JSON_FORMAT) bad("format", `"${CIRCUIT_JSON_FORMAT}"`, o.format);
  const version = int(o.version, "version", 1);
  if (version > CIRCUIT_JSON_VERSION) {
    throw new ParseError(
      `circuitFromJSON: version: ${version} is newer than this qoar reads (up to ${CIRCUIT_JSON_VERSION}); upgrade qoar`,
    );
  }
  const n = int(o.nQubits, "nQubits", 1, 30);
  const nFeatures = int(o.nFeatures ?? 0, "nFeatures", 0);
  const globalPhase = num(o.globalPhase ?? 0, "globalPhase");
  const params = arr(o.parameters ?? [], "parameters").map((p, k) =>
    readParameter(p, `parameters[${k}]`),
  );
  const opList = arr(o.operations, "operations");
  const blockList = arr(o.blocks, "blocks");
  const ops = opList.map((v, i) =>
    readOperation(v, `operations[${i}]`, {
      n,
      nBlocks: blockList.length,
      params,
      channel: options.channel ?? getChannel,
    }),
  );
  const blocks = blockList.map((v, i) => readBlock(v, `blocks[${i}]`, n, ops.length, params));
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
  circuit.globalPhase = globalPhase;
  return circuit;
}
