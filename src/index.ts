/**
 * qoar's public API. Tensor ops with generic names (sum, max, slice, ...) are exported from the
 * `tensor` namespace object and by name; everything else by name.
 */

export {
  type Backend,
  getBackend,
  listBackends,
  type PauliString,
  type PauliTerm,
  registerBackend,
  type StateBuffer,
  setBackend,
} from "./backend/backend.js";
export { CpuBackend } from "./backend/cpu/cpu.js";
export { activeSpace, transformToMO } from "./chem/active-space.js";
export { BasisSet, basisNames, parseGbs } from "./chem/basis.js";
export { fci } from "./chem/fci.js";
export { FermionOperator, molecularHamiltonian } from "./chem/fermion.js";
export { type AOIntegrals, computeIntegrals, eriIndex } from "./chem/integrals/index.js";
export {
  bravyiKitaev,
  jordanWigner,
  parity,
  parityReduced,
  QubitOperator,
  qubitHamiltonian,
} from "./chem/mappings.js";
export { BOHR_IN_ANGSTROM, Molecule } from "./chem/molecule.js";
export { rhfStability, runSCF, type SCFOptions, type SCFResult } from "./chem/scf.js";
export { sectorGroundState } from "./chem/sector.js";
export * from "./errors.js";
export { circuitFromQasm, circuitToQasm } from "./io/circuit-qasm.js";
export { lowerProgram, parseQasm, QasmError, toQasm } from "./io/qasm/index.js";
export { expecVal } from "./qml/expecval.js";
export { finiteDifferences } from "./qml/finitediff.js";
export { probabilities, stateFidelity, traceDistance } from "./qml/losses.js";
export { applyGate, applyMatrix } from "./quantum/apply.js";
export { Circuit, type CircuitOptions, type GradientMethod } from "./quantum/circuit.js";
export {
  controlOracleGate,
  GATE_NAMES,
  GATES,
  type GateEntry,
  getGate,
  oracleGate,
  pauliRotationGate,
} from "./quantum/gates.js";
export { Hamiltonian } from "./quantum/hamiltonian.js";
export { lanczos } from "./quantum/lanczos.js";
export type { AngleSource, Operation } from "./quantum/operation.js";
export { parsePauli } from "./quantum/pauli.js";
export { formatQubitsIdx, type QubitsIdx } from "./quantum/qubits-idx.js";
export { State } from "./quantum/state.js";
export * from "./random.js";
export * from "./tensor/index.js";
export * as tensorOps from "./tensor/index.js";
