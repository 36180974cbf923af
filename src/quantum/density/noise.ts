/**
 * `NoiseModel`: where noise goes in a circuit run on density matrices. Channel rules insert a
 * channel after every matching gate (by gate name and/or qubit); readout errors (a 2x2
 * confusion matrix per qubit) act on measured probabilities, and `mitigate` undoes them with the
 * inverse confusion matrices. A model has a JSON form for `qoar run --noise model.json`
 * (docs/noise-json.md; `circuits/noise.json` is an example):
 *
 * ```json
 * { "channels": [ { "channel": "depolarizing", "params": [0.01], "gates": ["cnot"] },
 *                 { "channel": "amplitude_damping", "params": [0.02], "qubits": [2] } ],
 *   "readout": [ { "qubits": [0, 1], "matrix": [[0.97, 0.03], [0.05, 0.95]] } ] }
 * ```
 *
 * Nothing is ignored in silence: an unknown key, gate name or channel is an error when the
 * model is made, and a qubit the circuit lacks is an error naming the rule when the model meets
 * the circuit (`lower`, which `forward(rho, data, { noise })` and `simulate` call).
 */

import * as z from "zod/mini";
import type { Backend } from "../../backend/backend.js";
import { ArgumentError, describe, ParseError } from "../../errors.js";
import { type Rng, toRng } from "../../random.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../../validate.js";
import type { ChannelLike, Operation } from "../circuit/operation.js";
import { checkQubitIndices } from "../gates/apply.js";
import { GATES } from "../gates/table.js";
import {
  arrayOf,
  expecting,
  nonEmptyString,
  nonNegativeInt,
  parseJsonInput,
  realNumber,
  strictObject,
} from "../json-schema.js";
import { type Counts, checkShots, countsFromTally, sampleCounts } from "../state/measure.js";
import type { PauliSum } from "../state/state.js";
import { Channel } from "./channels.js";
import { DensityMatrix } from "./density.js";
import { getChannel } from "./standard-channels.js";

/** One channel rule of a noise model. */
export interface NoiseRule {
  /** The channel inserted after each matching gate (no free parameters). */
  readonly channel: ChannelLike;
  /** Gate names that trigger it (canonical names or aliases); all gates when omitted. */
  readonly gates?: readonly string[];
  /** Only gates touching these qubits trigger it, and a 1-qubit channel acts only on these. */
  readonly qubits?: readonly number[];
}

/**
 * How a readout confusion matrix is written. `"row"` (the default, the usual way, as in Qiskit):
 * row t holds the outcome probabilities of true state t, `[[P(0|0), P(1|0)], [P(0|1), P(1|1)]]`
 * (P(measured | true)), so each row sums to 1. `"column"`: its transpose,
 * `[[P(0|0), P(0|1)], [P(1|0), P(1|1)]]`, each column summing to 1.
 */
export type ReadoutConvention = "row" | "column";

/** A 2x2 readout confusion matrix of probabilities, written in a {@link ReadoutConvention}. */
export type ConfusionMatrix = readonly [readonly [number, number], readonly [number, number]];

/** The JSON form of a noise model (see docs/noise-json.md). */
export interface NoiseModelJSON {
  /** The channel rules, in order (see {@link NoiseModel.addChannel}). */
  channels?: {
    /** Catalogue channel name (`getChannel(name)`), or the custom channel's name with `kraus`. */
    channel: string;
    /** The catalogue channel's bound parameters (default none); numbers or expressions. */
    params?: (number | string)[];
    /** Custom channel: Kraus operators as rows of [re, im] pairs. */
    kraus?: [number | string, number | string][][][];
    /** Gate names that trigger it (gate-table names or aliases); all gates when omitted. */
    gates?: string[];
    /** Only gates touching these qubits trigger it; all qubits when omitted. */
    qubits?: number[];
  }[];
  /** Readout errors (see {@link NoiseModel.addReadoutError}). */
  readout?: {
    /** The qubits this confusion matrix applies to, each on its own, or "all". */
    qubits: number[] | "all";
    /** The {@link ConfusionMatrix}, written in `convention`. */
    matrix: [[number | string, number | string], [number | string, number | string]];
    /** How `matrix` is written (default "row": each row sums to 1). */
    convention?: ReadoutConvention;
  }[];
}

/** The gate names a rule may list: table names and aliases, and the custom gate kinds. */
const RULE_GATE_NAMES: ReadonlySet<string> = new Set([
  ...GATES.flatMap((g) => [g.name, ...g.aliases]),
  "pauli_rotation",
  "oracle",
  "control_oracle",
]);

const pairSchema = z.tuple([realNumber, realNumber], {
  error: expecting("a [re, im] pair of numbers"),
});
const channelRuleSchema = strictObject(
  {
    channel: nonEmptyString,
    params: z.optional(arrayOf(realNumber, "an array of numbers")),
    kraus: z.optional(
      arrayOf(
        arrayOf(arrayOf(pairSchema, "a row of [re, im] pairs"), "a matrix (rows)"),
        "an array of Kraus operators",
      ),
    ),
    gates: z.optional(arrayOf(nonEmptyString, "an array of gate names")),
    qubits: z.optional(arrayOf(nonNegativeInt, "an array of qubit indices")),
  },
  "a channel rule",
);
const rowSchema = z.tuple([realNumber, realNumber], { error: expecting("a row of 2 numbers") });
const readoutSchema = strictObject(
  {
    qubits: z.union([z.literal("all"), arrayOf(nonNegativeInt, "an array of qubit indices")], {
      error: expecting('an array of qubit indices or "all"'),
    }),
    matrix: z.tuple([rowSchema, rowSchema], { error: expecting("a 2x2 matrix (2 rows of 2)") }),
    convention: z.optional(z.enum(["row", "column"], { error: expecting('"row" or "column"') })),
  },
  "a readout entry",
);
const noiseModelSchema = strictObject(
  {
    channels: z.optional(arrayOf(channelRuleSchema, "an array of channel rules")),
    readout: z.optional(arrayOf(readoutSchema, "an array of readout entries")),
  },
  "a noise model object",
);
const ADD_CHANNEL_OPTIONS = optionKeys<OptionsOf<NoiseModel["addChannel"], 1>>({
  gates: true,
  qubits: true,
});
const READOUT_OPTIONS = optionKeys<OptionsOf<NoiseModel["addReadoutError"], 2>>({
  convention: true,
});
const MITIGATE_OPTIONS = optionKeys<OptionsOf<NoiseModel["mitigate"], 2>>({ clip: true });
const NOISY_MEASURE_OPTIONS = optionKeys<OptionsOf<NoiseModel["measure"], 2>>({
  qubits: true,
  seed: true,
});

/**
 * Channels after gates, and readout errors.
 * @example
 * const noise = new NoiseModel()
 *   .addChannel(depolarizing(0.01), { gates: ["cnot"] })
 *   .addChannel(amplitudeDamping(0.02), { qubits: [2] })
 *   .addReadoutError([0, 1], [[0.97, 0.03], [0.05, 0.95]]); // rows: true 0, true 1
 * const rho = circuit.forward(DensityMatrix.zero(3), undefined, { noise });
 */
export class NoiseModel {
  private readonly ruleList: NoiseRule[] = [];
  /** Per-qubit confusion matrices, column form (P(measured | true) with measured as the row). */
  private readonly confusion = new Map<number, ConfusionMatrix>();
  /** The confusion matrix of every qubit without its own (column form), from `"all"`. */
  private confusionAll: ConfusionMatrix | undefined;
  private readonly jsonChannels: NonNullable<NoiseModelJSON["channels"]> = [];

  /** The channel rules in order. @example noise.rules.length */
  get rules(): readonly NoiseRule[] {
    return this.ruleList;
  }

  /**
   * Inserts `channel` (parameters bound: `depolarizing(0.01)`) after every matching gate. A
   * 1-qubit channel acts on each (selected) qubit of the gate; a k-qubit channel acts on the
   * qubits of k-qubit gates. `gates` are gate-table names or aliases (`"cx"`), `pauli_rotation`,
   * `oracle` or `control_oracle`; another name is an `ArgumentError`. `qubits` are checked
   * against the circuit when the model meets it (`lower`).
   * @example
   * noise.addChannel(depolarizing(0.01), { gates: ["cnot"] });
   */
  addChannel(
    channel: ChannelLike,
    options: { gates?: string | readonly string[]; qubits?: readonly number[] } = {},
  ): this {
    checkArity(arguments.length, 2, "NoiseModel.addChannel");
    checkOptions(options, ADD_CHANNEL_OPTIONS, "NoiseModel.addChannel");
    if (channel === null || typeof channel !== "object" || typeof channel.kraus !== "function")
      throw new ArgumentError(
        `NoiseModel.addChannel: expected a Channel, got ${describe(channel)}`,
      );
    if (channel.nParams !== 0)
      throw new ArgumentError(
        `NoiseModel.addChannel: ${channel.name} has ${channel.nParams} free parameters; bind them first (e.g. depolarizing(0.01))`,
      );
    channel.kraus([]);
    const gates = typeof options.gates === "string" ? [options.gates] : options.gates;
    if (gates !== undefined) {
      if (!Array.isArray(gates))
        throw new ArgumentError(
          `NoiseModel.addChannel: gates must be a gate name or an array of them, got ${describe(gates)}`,
        );
      if (gates.length === 0)
        throw new ArgumentError(
          "NoiseModel.addChannel: gates is empty, so the rule would never apply; omit it for all gates",
        );
      for (const g of gates) {
        if (typeof g !== "string" || !RULE_GATE_NAMES.has(g.toLowerCase()))
          throw new ArgumentError(
            `NoiseModel.addChannel: unknown gate ${describe(g)}; known: ${[...RULE_GATE_NAMES].join(", ")}`,
          );
      }
    }
    if (options.qubits !== undefined) {
      if (!Array.isArray(options.qubits) || options.qubits.length === 0)
        throw new ArgumentError(
          `NoiseModel.addChannel: qubits must be a non-empty array (omit it for all qubits), got ${describe(options.qubits)}`,
        );
      for (const q of options.qubits)
        if (!Number.isInteger(q) || q < 0)
          throw new ArgumentError(
            `NoiseModel.addChannel: qubit ${describe(q)} is not a non-negative integer`,
          );
    }
    this.ruleList.push({
      channel,
      gates: gates ? [...gates].map((g) => g.toLowerCase()) : undefined,
      qubits: options.qubits ? [...options.qubits] : undefined,
    });
    this.jsonChannels.push({
      channel: channel.name,
      params: channel instanceof Channel ? [...channel.bound] : [],
      ...(channel instanceof Channel && channel.bound.length === 0 && channel.nParams === 0
        ? { kraus: channel.kraus([]).map(toRowsJSON) }
        : {}),
      ...(gates ? { gates: [...gates] } : {}),
      ...(options.qubits ? { qubits: [...options.qubits] } : {}),
    });
    return this;
  }

  /**
   * Sets the readout confusion matrix of `qubits` (one qubit, a list, or "all": every qubit
   * without a matrix of its own). `matrix` is written in `options.convention`, default "row":
   * `[[P(0|0), P(1|0)], [P(0|1), P(1|1)]]`, row t the outcome probabilities of true state t;
   * a matrix that is not stochastic in that convention is an `ArgumentError` naming it.
   * @example
   * noise.addReadoutError(0, [[0.98, 0.02], [0.04, 0.96]]); // P(1|0) = 0.02, P(0|1) = 0.04
   * noise.addReadoutError(1, [[0.98, 0.04], [0.02, 0.96]], { convention: "column" }); // the same
   */
  addReadoutError(
    qubits: number | readonly number[] | "all",
    matrix: ConfusionMatrix,
    options: { convention?: ReadoutConvention } = {},
  ): this {
    checkArity(arguments.length, 3, "NoiseModel.addReadoutError");
    checkOptions(options, READOUT_OPTIONS, "NoiseModel.addReadoutError");
    const convention = options.convention ?? "row";
    const column = toColumnForm(matrix, convention, "NoiseModel.addReadoutError: matrix");
    if (qubits === "all") {
      this.confusion.clear();
      this.confusionAll = column;
      return this;
    }
    const qs = typeof qubits === "number" ? [qubits] : qubits;
    if (!Array.isArray(qs))
      throw new ArgumentError(
        `NoiseModel.addReadoutError: qubits must be a qubit, an array of qubits or "all", got ${describe(qubits)}`,
      );
    for (const q of qs) {
      if (!Number.isInteger(q) || q < 0)
        throw new ArgumentError(
          `NoiseModel.addReadoutError: qubit ${describe(q)} is not a non-negative integer`,
        );
      this.confusion.set(q, column);
    }
    return this;
  }

  /**
   * The confusion matrix of qubit `q` in `convention` (default "row"), if it has a readout error.
   * @example
   * noise.readoutError(0); // [[P(0|0), P(1|0)], [P(0|1), P(1|1)]]
   */
  readoutError(q: number, convention: ReadoutConvention = "row"): ConfusionMatrix | undefined {
    const m = this.columnConfusion(q);
    if (m === undefined) return undefined;
    return convention === "column" ? copy2(m) : transpose2(m);
  }

  /**
   * The operation list with the channels inserted after matching gates. Throws `ArgumentError`
   * naming the rule (or readout entry) when the model names a qubit the circuit lacks.
   * @example
   * const noisyOps = noise.lower(circuit.operations, circuit.nQubits);
   */
  lower(ops: readonly Operation[], nQubits: number): Operation[] {
    if (!Array.isArray(ops as unknown))
      throw new ArgumentError(
        `NoiseModel.lower: ops must be an operation list, got ${describe(ops)}`,
      );
    this.checkQubits(nQubits);
    const out: Operation[] = [];
    for (const op of ops) {
      out.push(op);
      if (op.kind !== "gate") continue;
      const names = [op.gate.name, ...op.gate.aliases].map((s) => s.toLowerCase());
      for (const rule of this.ruleList) {
        if (rule.gates && !rule.gates.some((g) => names.includes(g))) continue;
        const targets = rule.qubits ? op.qubits.filter((q) => rule.qubits!.includes(q)) : op.qubits;
        if (targets.length === 0) continue;
        const push = (qubits: readonly number[]): void => {
          out.push({ kind: "channel", channel: rule.channel, qubits, angles: [], block: op.block });
        };
        if (rule.channel.nQubits === 1) for (const q of targets) push([q]);
        else if (rule.channel.nQubits === targets.length) push([...targets]);
      }
    }
    return out;
  }

  /** Throws unless every qubit the rules and readout errors name is below `nQubits`. */
  private checkQubits(nQubits: number): void {
    const range = `the circuit has ${nQubits} qubit${nQubits === 1 ? "" : "s"} (0..${nQubits - 1})`;
    this.ruleList.forEach((rule, i) => {
      const q = rule.qubits?.find((x) => x >= nQubits);
      if (q !== undefined)
        throw new ArgumentError(
          `NoiseModel: channels[${i}] (${rule.channel.name} on qubits [${rule.qubits!.join(", ")}]) names qubit ${q}, but ${range}`,
        );
    });
    for (const q of this.confusion.keys())
      if (q >= nQubits)
        throw new ArgumentError(`NoiseModel: the readout error of qubit ${q} is outside; ${range}`);
  }

  /** The column-form confusion matrix of qubit `q`, its own or the "all" one. */
  private columnConfusion(q: number): ConfusionMatrix | undefined {
    return this.confusion.get(q) ?? this.confusionAll;
  }

  /**
   * Measured-outcome probabilities with readout errors: each qubit's confusion matrix applied
   * along its axis. `probs` has batch * 2^k entries for the k `qubits` (qubits[0] the MSB).
   * @example
   * noise.applyReadout(rho.probabilities([0, 1]), [0, 1]);
   */
  applyReadout(probs: Float64Array, qubits: readonly number[]): Float64Array {
    return this.mapQubits(probs, qubits, (m) => m);
  }

  /**
   * Readout mitigation: applies the inverse confusion matrices (the result may have small
   * negative entries; `clip` sets them to 0 and renormalizes).
   * @example
   * noise.mitigate(measuredProbs, [0, 1], { clip: true });
   */
  mitigate(
    probs: Float64Array,
    qubits: readonly number[],
    options: { clip?: boolean } = {},
  ): Float64Array {
    checkArity(arguments.length, 3, "NoiseModel.mitigate");
    checkOptions(options, MITIGATE_OPTIONS, "NoiseModel.mitigate");
    const out = this.mapQubits(probs, qubits, (m) => {
      const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
      if (Math.abs(det) < 1e-12)
        throw new ArgumentError("NoiseModel.mitigate: a confusion matrix is singular");
      return [
        [m[1][1] / det, -m[0][1] / det],
        [-m[1][0] / det, m[0][0] / det],
      ];
    });
    if (options.clip === true) {
      const dim = 2 ** qubits.length;
      for (let o = 0; o < out.length; o += dim) {
        let s = 0;
        for (let i = o; i < o + dim; i++) {
          if (out[i]! < 0) out[i] = 0;
          s += out[i]!;
        }
        for (let i = o; i < o + dim; i++) out[i] = out[i]! / s;
      }
    }
    return out;
  }

  /**
   * Mitigated probabilities from measured counts (keys are bitstrings over `qubits`).
   * @example
   * noise.mitigateCounts({ "00": 480, "11": 520 }, [0, 1]);
   */
  mitigateCounts(counts: Counts, qubits: readonly number[], options: { clip?: boolean } = {}) {
    checkArity(arguments.length, 3, "NoiseModel.mitigateCounts");
    checkOptions(options, MITIGATE_OPTIONS, "NoiseModel.mitigateCounts");
    if (counts === null || typeof counts !== "object")
      throw new ArgumentError(
        `NoiseModel.mitigateCounts: counts must be { bitstring: count }, got ${describe(counts)}`,
      );
    checkQubitIndices(qubits, 64, "NoiseModel.mitigateCounts: qubits");
    const k = qubits.length;
    const probs = new Float64Array(2 ** k);
    let total = 0;
    for (const [key, c] of Object.entries(counts)) {
      if (key.length !== k || !/^[01]+$/.test(key))
        throw new ArgumentError(`mitigateCounts: key ${describe(key)} is not a ${k}-bit string`);
      probs[Number.parseInt(key, 2)] += c;
      total += c;
    }
    for (let i = 0; i < probs.length; i++) probs[i] = probs[i]! / total;
    const m = this.mitigate(probs, qubits, options);
    const out: Record<string, number> = {};
    for (let i = 0; i < m.length; i++) if (m[i] !== 0) out[i.toString(2).padStart(k, "0")] = m[i]!;
    return out;
  }

  /**
   * Samples `shots` noisy measurements of a density matrix (readout errors included), seeded.
   * @example
   * noise.measure(rho, 1000, { qubits: [0, 1], seed: 1 });
   */
  measure(
    rho: DensityMatrix,
    shots: number,
    options: { qubits?: readonly number[]; seed?: number | Rng } = {},
  ): Counts[] {
    checkArity(arguments.length, 3, "NoiseModel.measure");
    checkOptions(options, NOISY_MEASURE_OPTIONS, "NoiseModel.measure");
    if (!(rho instanceof DensityMatrix))
      throw new ArgumentError(
        `NoiseModel.measure: rho must be a DensityMatrix, got ${describe(rho)}`,
      );
    if (options.qubits !== undefined)
      checkQubitIndices(options.qubits, rho.nQubits, "NoiseModel.measure: qubits");
    checkShots(shots);
    const qubits = options.qubits ?? Array.from({ length: rho.nQubits }, (_, i) => i);
    const probs = this.applyReadout(rho.probabilities(qubits), qubits);
    const dim = 2 ** qubits.length;
    const rng = toRng(options.seed);
    const out: Counts[] = [];
    for (let b = 0; b < rho.batch; b++)
      out.push(countsFromTally(sampleCounts(probs, shots, rng, b * dim, dim), qubits.length));
    return out;
  }

  /**
   * Runs `circuit` on |0...0><0...0| with this model's channels; the result reads out with
   * this model's readout errors.
   * @example
   * const run = noise.simulate(circuit);
   * run.measure(1000, { seed: 1 });
   */
  simulate(circuit: {
    readonly nQubits: number;
    forward(state: DensityMatrix, data: undefined, options: { noise: NoiseModel }): DensityMatrix;
    /** The circuit's backend (the default backend when absent). */
    backend?(): Backend;
  }): NoisyRun {
    checkArity(arguments.length, 1, "NoiseModel.simulate");
    if (circuit === null || typeof circuit !== "object" || typeof circuit.forward !== "function")
      throw new ArgumentError(`NoiseModel.simulate: expected a Circuit, got ${describe(circuit)}`);
    const backend = circuit.backend?.();
    const rho = circuit.forward(DensityMatrix.zero(circuit.nQubits, { backend }), undefined, {
      noise: this,
    });
    return new NoisyRun(rho, this);
  }

  /**
   * The JSON form (docs/noise-json.md); readout matrices are written in the "row" convention.
   * @example
   * JSON.stringify(noise.toJSON())
   */
  toJSON(): NoiseModelJSON {
    const entry = (qubits: number[] | "all", m: ConfusionMatrix) => {
      const r = transpose2(m);
      return {
        qubits,
        matrix: [
          [r[0][0], r[0][1]],
          [r[1][0], r[1][1]],
        ] as [[number, number], [number, number]],
        convention: "row" as const,
      };
    };
    const readout = [
      ...(this.confusionAll === undefined ? [] : [entry("all", this.confusionAll)]),
      ...[...this.confusion.entries()].map(([q, m]) => entry([q], m)),
    ];
    return { channels: this.jsonChannels.map((c) => ({ ...c })), readout };
  }

  /**
   * A model from its JSON form (an object or a JSON string, docs/noise-json.md). Throws
   * `ParseError` naming the path of the first problem: an unknown key (with the valid ones), a
   * bad type, an unknown channel or gate name, a matrix that is not stochastic in its convention.
   * @example
   * NoiseModel.fromJSON('{"channels":[{"channel":"depolarizing","params":[0.01]}]}');
   */
  static fromJSON(json: unknown): NoiseModel {
    let data: unknown = json;
    if (typeof json === "string") {
      try {
        data = JSON.parse(json);
      } catch (e) {
        throw new ParseError(`NoiseModel.fromJSON: invalid JSON (${(e as Error).message})`);
      }
    }
    const obj = parseJsonInput(noiseModelSchema, data, "NoiseModel.fromJSON");
    const model = new NoiseModel();
    (obj.channels ?? []).forEach((c, i) => {
      const path = `channels[${i}]`;
      c.gates?.forEach((g, j) => {
        if (!RULE_GATE_NAMES.has(g.toLowerCase()))
          throw new ParseError(
            `NoiseModel.fromJSON: ${path}.gates[${j}]: unknown gate ${describe(g)}; known: ${[...RULE_GATE_NAMES].join(", ")}`,
          );
      });
      if (c.kraus !== undefined && (c.params?.length ?? 0) > 0)
        throw new ParseError(
          `NoiseModel.fromJSON: ${path}: give params (a catalogue channel) or kraus (a custom channel), not both`,
        );
      let ch: Channel;
      try {
        ch =
          c.kraus !== undefined
            ? Channel.fromKraus(c.kraus.map(fromRowsJSON), c.channel)
            : getChannel(c.channel).bind(c.params ?? []);
      } catch (e) {
        throw new ParseError(`NoiseModel.fromJSON: ${path}: ${(e as Error).message}`);
      }
      try {
        model.addChannel(ch, {
          ...(c.gates ? { gates: c.gates } : {}),
          ...(c.qubits ? { qubits: c.qubits } : {}),
        });
      } catch (e) {
        throw new ParseError(`NoiseModel.fromJSON: ${path}: ${(e as Error).message}`);
      }
    });
    (obj.readout ?? []).forEach((r, i) => {
      const convention = r.convention ?? "row";
      try {
        toColumnForm(r.matrix, convention, "matrix");
      } catch (e) {
        throw new ParseError(`NoiseModel.fromJSON: readout[${i}].${(e as Error).message}`);
      }
      model.addReadoutError(r.qubits, r.matrix, { convention });
    });
    return model;
  }

  private mapQubits(
    probs: Float64Array,
    qubits: readonly number[],
    transform: (m: ConfusionMatrix) => ConfusionMatrix,
  ): Float64Array {
    if (!(probs instanceof Float64Array))
      throw new ArgumentError(`NoiseModel: probs must be a Float64Array, got ${describe(probs)}`);
    checkQubitIndices(qubits, 64, "NoiseModel: qubits");
    const k = qubits.length;
    const dim = 2 ** k;
    if (probs.length % dim !== 0)
      throw new ArgumentError(
        `NoiseModel: ${probs.length} probabilities for ${k} qubits (expected batch * ${dim})`,
      );
    const out = Float64Array.from(probs);
    qubits.forEach((q, p) => {
      const m0 = this.columnConfusion(q);
      if (m0 === undefined) return;
      const m = transform(m0);
      const bit = 1 << (k - 1 - p);
      for (let o = 0; o < out.length; o += dim) {
        for (let i = 0; i < dim; i++) {
          if (i & bit) continue;
          const a = out[o + i]!;
          const b = out[o + (i | bit)]!;
          out[o + i] = m[0][0] * a + m[0][1] * b;
          out[o + (i | bit)] = m[1][0] * a + m[1][1] * b;
        }
      }
    });
    return out;
  }
}

/**
 * A noisy circuit's final density matrix, read out through the model's readout errors (the
 * readout surface of a `State`: probabilities, measure, expecVal).
 * @example
 * const run = noise.simulate(circuit);
 * run.probabilities([0, 1]);
 */
export class NoisyRun {
  constructor(
    /** The final density matrix, before readout errors. */
    readonly rho: DensityMatrix,
    /** The model whose readout errors the read-outs apply. */
    readonly noise: NoiseModel,
  ) {}

  /** Outcome probabilities of `qubits` (default all) including readout errors. @example run.probabilities() */
  probabilities(qubits?: readonly number[]): Float64Array {
    const qs = qubits ?? Array.from({ length: this.rho.nQubits }, (_, i) => i);
    return this.noise.applyReadout(this.rho.probabilities(qs), qs);
  }

  /** Seeded noisy counts (batch element 0). @example run.measure(1000, { seed: 1 }) */
  measure(
    shots: number,
    options: { qubits?: readonly number[]; seed?: number | Rng } = {},
  ): Counts {
    checkArity(arguments.length, 2, "NoisyRun.measure");
    checkOptions(options, NOISY_MEASURE_OPTIONS, "NoisyRun.measure");
    return this.noise.measure(this.rho, shots, options)[0]!;
  }

  /** tr(H rho), exact (readout errors don't enter). @example run.expecVal(Hamiltonian.fromString("Z0")) */
  expecVal(h: PauliSum): number {
    return this.rho.expecVal(h);
  }

  /**
   * `probabilities` on any backend (webgpu reads only the diagonal back).
   * @example
   * await run.probabilitiesAsync([0, 1]);
   */
  async probabilitiesAsync(qubits?: readonly number[]): Promise<Float64Array> {
    const qs = qubits ?? Array.from({ length: this.rho.nQubits }, (_, i) => i);
    return this.noise.applyReadout(await this.rho.probabilitiesAsync(qs), qs);
  }

  /**
   * `measure` on any backend, with the same seeded sampler.
   * @example
   * await run.measureAsync(1000, { seed: 1 });
   */
  async measureAsync(
    shots: number,
    options: { qubits?: readonly number[]; seed?: number | Rng } = {},
  ): Promise<Counts> {
    checkArity(arguments.length, 2, "NoisyRun.measureAsync");
    checkOptions(options, NOISY_MEASURE_OPTIONS, "NoisyRun.measureAsync");
    checkShots(shots);
    const qubits = options.qubits ?? Array.from({ length: this.rho.nQubits }, (_, i) => i);
    const probs = await this.probabilitiesAsync(qubits);
    const dim = 2 ** qubits.length;
    const rng = toRng(options.seed);
    return countsFromTally(sampleCounts(probs, shots, rng, 0, dim), qubits.length);
  }

  /**
   * `expecVal` on any backend (webgpu: one GPU reduction).
   * @example
   * await run.expecValAsync(Hamiltonian.fromString("Z0"));
   */
  async expecValAsync(h: PauliSum): Promise<number> {
    return (await this.rho.expecValBatchAsync(h))[0]!;
  }
}

const CONVENTION_TEXT: Record<ReadoutConvention, string> = {
  row: 'convention "row": [[P(0|0), P(1|0)], [P(0|1), P(1|1)]], each row one true state\'s outcome probabilities; a column-stochastic matrix needs convention "column"',
  column:
    'convention "column": [[P(0|0), P(0|1)], [P(1|0), P(1|1)]], each column one true state\'s outcome probabilities; a row-stochastic matrix needs convention "row"',
};

/**
 * The column form of a confusion matrix written in `convention`, or an ArgumentError
 * `"<what>: ..."` naming the convention when it is not a stochastic matrix of probabilities.
 */
function toColumnForm(
  m: ConfusionMatrix,
  convention: ReadoutConvention,
  what: string,
): ConfusionMatrix {
  if (convention !== "row" && convention !== "column")
    throw new ArgumentError(
      `${what}: convention must be "row" or "column", got ${describe(convention)}`,
    );
  const ok =
    Array.isArray(m) &&
    m.length === 2 &&
    m.every(
      (r) =>
        Array.isArray(r) &&
        r.length === 2 &&
        r.every((v) => typeof v === "number" && v >= 0 && v <= 1),
    );
  if (!ok)
    throw new ArgumentError(
      `${what}: expected a 2x2 matrix of probabilities in [0, 1] (${CONVENTION_TEXT[convention]}), got ${describe(m)}`,
    );
  const column = convention === "column" ? copy2(m) : transpose2(m);
  for (let j = 0; j < 2; j++) {
    const s = column[0][j] + column[1][j];
    if (Math.abs(s - 1) > 1e-10)
      throw new ArgumentError(
        `${what}: ${convention} ${j} sums to ${s}, expected 1 (${CONVENTION_TEXT[convention]})`,
      );
  }
  return column;
}

function copy2(m: ConfusionMatrix): ConfusionMatrix {
  return [
    [m[0][0], m[0][1]],
    [m[1][0], m[1][1]],
  ];
}

function transpose2(m: ConfusionMatrix): ConfusionMatrix {
  return [
    [m[0][0], m[1][0]],
    [m[0][1], m[1][1]],
  ];
}

function toRowsJSON(K: Float64Array): [number, number][][] {
  const d = Math.round(Math.sqrt(K.length / 2));
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j): [number, number] => [
      K[2 * (i * d + j)]!,
      K[2 * (i * d + j) + 1]!,
    ]),
  );
}

function fromRowsJSON(rows: readonly (readonly (readonly [number, number])[])[]): Float64Array {
  const d = rows.length;
  const out = new Float64Array(2 * d * d);
  rows.forEach((row, i) => {
    if (row.length !== d) throw new ParseError(`Kraus rows must be ${d} x ${d}`);
    row.forEach(([re, im], j) => {
      out[2 * (i * d + j)] = re;
      out[2 * (i * d + j) + 1] = im;
    });
  });
  return out;
}
