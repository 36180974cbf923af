/** Chemistry ansatzes: Hartree-Fock reference states, UCCSD, and the hardware-efficient ansatz. */

export * from "./adapt.js";
export * from "./excitation-rotations.js";
export * from "./excitations.js";
export * from "./hea.js";
export * from "./hf-state.js";
export * from "./rotation-program.js";
export * from "./uccsd.js";
export * from "./upccgsd.js";
