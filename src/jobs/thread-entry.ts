/**
 * The body of a job thread (thread-pool.ts starts it with the job's QOAR_THREADS and QOAR_FUSION
 * in its process.env): imports the modules that register extra kinds, selects the backend, then
 * answers one message per job with its ExecutedJob.
 */
import { parentPort, workerData } from "node:worker_threads";
import { initWebGpu, setBackend } from "../backend/backend.js";
import { executeJob } from "./execute.js";

interface ThreadData {
  backend: string;
  imports: string[];
}

interface JobMessage {
  id: number;
  kind: string;
  input: unknown;
}

const data = workerData as ThreadData;

async function prepare(): Promise<void> {
  for (const url of data.imports) await import(url);
  if (data.backend === "webgpu") await initWebGpu();
  if (data.backend !== "cpu") setBackend(data.backend);
}

const ready = prepare();

parentPort!.on("message", (message: JobMessage) => {
  ready
    .then(() => executeJob(message.kind, message.input))
    .catch((e: unknown) => ({
      ok: false as const,
      error: {
        name: e instanceof Error ? e.name : "Error",
        message: e instanceof Error ? e.message : String(e),
      },
      ms: 0,
    }))
    .then((result) => parentPort!.postMessage({ id: message.id, ...result }));
});
