/**
 * Assembles the CPU backend's WebAssembly kernels from their source,
 * src/backend/cpu/kernels/kernels.wat, with wabt (a WebAssembly build of the WebAssembly Binary
 * Toolkit, so no native tools are needed), and writes the two modules (plain memory, shared
 * memory for worker threads) as hex strings into src/backend/cpu/kernels/module.ts. The output
 * is committed; test/backend/cpu/kernels.test.ts checks it matches the source.
 *
 *   npm run build:kernels          rewrite module.ts
 *   npm run build:kernels -- --check   exit 1 when module.ts is stale
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
export const WAT_PATH = here("../src/backend/cpu/kernels/kernels.wat");
export const MODULE_PATH = here("../src/backend/cpu/kernels/module.ts");

/** The memory import of the plain module and its replacement in the shared one. */
const PLAIN_MEMORY = '(import "env" "mem" (memory 1))';
const SHARED_MEMORY = '(import "env" "mem" (memory 1 65536 shared))';

/** SIMD, and shared memories (threads), beyond the core of WebAssembly 1.0. */
const FEATURES = { simd: true, threads: true };

/** Both modules' bytes, assembled from `wat` (the text of kernels.wat). */
export async function assembleKernels(
  wat: string,
): Promise<{ plain: Uint8Array; shared: Uint8Array }> {
  if (!wat.includes(PLAIN_MEMORY)) throw new Error(`kernels.wat: no line ${PLAIN_MEMORY}`);
  const wabt = await wabtInit();
  const assemble = (text: string): Uint8Array => {
    const mod = wabt.parseWat("kernels.wat", text, FEATURES);
    try {
      // wabt.js's validate takes the features too (its typings say no arguments): without them
      // it rejects the shared memory
      (mod.validate as (features: object) => void)(FEATURES);
      return mod.toBinary({ log: false, write_debug_names: false }).buffer;
    } finally {
      mod.destroy();
    }
  };
  return { plain: assemble(wat), shared: assemble(wat.replace(PLAIN_MEMORY, SHARED_MEMORY)) };
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

/** The text of module.ts for `wat`. */
export async function moduleSource(wat: string): Promise<string> {
  const { plain, shared } = await assembleKernels(wat);
  const wrap = (s: string): string =>
    s.replace(/.{1,96}/g, (line) => `\n  "${line}" +`).slice(0, -2);
  return `/**
 * The CPU kernels' WebAssembly modules, generated from kernels.wat by scripts/build-kernels.ts
 * (\`npm run build:kernels\`): do not edit. Hex-encoded bytes; ../wasm.ts compiles them.
 */

/** The module over a plain (unshared) memory. */
export const KERNELS_PLAIN_HEX =${wrap(hex(plain))};

/** The module over a shared memory (worker threads instantiate it too). */
export const KERNELS_SHARED_HEX =${wrap(hex(shared))};
`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const wanted = await moduleSource(readFileSync(WAT_PATH, "utf8"));
  if (process.argv.includes("--check")) {
    if (readFileSync(MODULE_PATH, "utf8") !== wanted) {
      console.error("src/backend/cpu/kernels/module.ts is stale: run npm run build:kernels");
      process.exit(1);
    }
  } else {
    writeFileSync(MODULE_PATH, wanted);
  }
}
