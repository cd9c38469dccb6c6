import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("../test/projection-worker.mjs", import.meta.url));

/** A projection worker process (test/projection-worker.mjs). */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once its runtime started (or rejects when it exits first). */
  readonly started: Promise<void>;
  readonly exited: Promise<void>;
}

/**
 * Starts a projection worker on `databaseUrl`.
 *
 * @example
 * ```ts
 * const worker = startWorker(database.url);
 * await worker.started;
 * worker.child.kill("SIGKILL");
 * ```
 */
export const startWorker = (databaseUrl: string): WorkerProcess => {
  const child = spawn(process.execPath, [WORKER], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("started")) resolve();
    });
    void exited.then(() => reject(new Error("worker exited before it started")));
  });
  started.catch(() => undefined);
  return { child, started, exited };
};
