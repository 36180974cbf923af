/**
 * The built-in job kinds' names, without their modules: `qoar worker --help` lists them, and
 * loading the kinds themselves would load most of qoar at every CLI start.
 * test/jobs/kind-names.test.ts keeps this list equal to `BUILTIN_JOB_KINDS`.
 */
export const BUILTIN_JOB_KIND_NAMES: readonly string[] = [
  "chem.ground-state",
  "circuit.run",
  "circuit.train",
];
