/**
 * The registry of runnable tutorials: every tutorial module, imported statically so the compiled
 * CLI finds them without a file-system scan. Add a new tutorial here.
 */
import * as barrenPlateaus from "./barren-plateaus.js";
import * as gibbsState from "./gibbs-state.js";
import * as gpuVqe from "./gpu-vqe.js";
import * as h2Dissociation from "./h2-dissociation.js";
import * as hybridClassifier from "./hybrid-classifier.js";
import * as loccDistillation from "./locc-distillation.js";
import * as loccDistillationLearned from "./locc-distillation-learned.js";
import * as loccStateDiscrimination from "./locc-state-discrimination.js";
import * as loccTeleportation from "./locc-teleportation.js";
import * as mpsVqeTfim from "./mps-vqe-tfim.js";
import * as noisyVqe from "./noisy-vqe.js";
import * as optionPricing from "./option-pricing.js";
import * as qaoaMaxcut from "./qaoa-maxcut.js";
import * as qaoaTsp from "./qaoa-tsp.js";
import * as qcbm from "./qcbm.js";
import * as qdriftVsTrotter from "./qdrift-vs-trotter.js";
import * as qgan from "./qgan.js";
import * as qngVqeH2 from "./qng-vqe-h2.js";
import * as quantumAutoencoder from "./quantum-autoencoder.js";
import * as quantumClassifier from "./quantum-classifier.js";
import * as quantumKernel from "./quantum-kernel.js";
import * as quickstart from "./quickstart.js";
import * as shadowEnergies from "./shadow-energies.js";
import * as ssvqe from "./ssvqe.js";
import * as trotterHeisenberg from "./trotter-heisenberg.js";
import type { Tutorial } from "./types.js";
import * as variationalTrotter from "./variational-trotter.js";
import * as vqeH2 from "./vqe-h2.js";
import * as vqeLih from "./vqe-lih.js";
import * as vqls from "./vqls.js";
import * as vqsd from "./vqsd.js";
import * as vqsvd from "./vqsvd.js";

/** Every tutorial, in the order `qoar tutorial list` shows them. */
export const tutorials: readonly Tutorial[] = [
  quickstart,
  vqeH2,
  vqeLih,
  h2Dissociation,
  qaoaMaxcut,
  qaoaTsp,
  optionPricing,
  quantumClassifier,
  hybridClassifier,
  quantumKernel,
  ssvqe,
  vqsd,
  vqls,
  vqsvd,
  qgan,
  qcbm,
  barrenPlateaus,
  qngVqeH2,
  gibbsState,
  noisyVqe,
  quantumAutoencoder,
  gpuVqe,
  trotterHeisenberg,
  mpsVqeTfim,
  qdriftVsTrotter,
  variationalTrotter,
  loccTeleportation,
  loccDistillation,
  loccDistillationLearned,
  loccStateDiscrimination,
  shadowEnergies,
];

/**
 * The tutorial called `name`, or undefined.
 * @example findTutorial("quickstart")?.meta.category; // "basics"
 */
export function findTutorial(name: string): Tutorial | undefined {
  return tutorials.find((t) => t.meta.name === name);
}
