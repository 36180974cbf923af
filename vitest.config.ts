import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// CI machines have 2 cores: cap the worker pool and give every suite a time budget.
export default defineConfig({
  // tutorials import the public entry "qoar": resolve it to the source, one module instance
  resolve: { alias: { qoar: fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { QOAR_THREADS: "1" },
  },
});
