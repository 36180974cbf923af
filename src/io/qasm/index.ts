/**
 * OpenQASM 2 import and export. `Circuit.fromQasm(text)` is
 * `lowerProgram(parseQasm(text))` fed to the circuit builder; `toQasm` writes qoar gates back.
 */
export { QasmError, type SourcePos } from "./errors.js";
export {
  canExport,
  formatAngle,
  programToQasm,
  type StepsToQasmOptions,
  stepsToQasm,
  type ToQasmOptions,
  toQasm,
} from "./export.js";
export type {
  QasmBarrierOp,
  QasmGateOp,
  QasmIfOp,
  QasmMeasureOp,
  QasmOp,
  QasmProgram,
  QasmRegister,
  QasmResetOp,
  QasmWarning,
} from "./ir.js";
export {
  LOWERING,
  type LoweredDynamicProgram,
  type LoweredOp,
  type LoweredProgram,
  type LoweredStep,
  type Lowering,
  lowerGate,
  lowerProgram,
  lowerSteps,
  type Measurement,
  SPEC_U_PHASE,
} from "./lower.js";
export {
  type ParseQasmOptions,
  parseQasm,
  QASM_LIMITS,
  QASM_MAX_CLBITS,
  QASM_MAX_QUBITS,
} from "./parser.js";
export { BUILTIN_GATES, type BuiltinGate, CORE_GATES } from "./qelib1.js";
