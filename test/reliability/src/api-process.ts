import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RELIABILITY_KEYS } from "./api-keys.js";

/** An API server in its own process (`node packages/api/dist/main.js`), as `npm start` runs it. */
export interface ApiProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  /** Every line the process wrote to stdout and stderr so far (pino JSON and the banner). */
  readonly lines: string[];
  /** Resident set size in bytes, from `/proc`. */
  rss(): Promise<number>;
  /** Has the process exited (crashed) on its own? */
  exited(): boolean;
  /** SIGTERM, then waits (SIGKILL after `graceMs`); resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL (a crash: no shutdown hook runs); resolves once the process is gone. */
  kill(): Promise<void>;
}

const MAIN = fileURLToPath(new URL("./main.js", import.meta.resolve("@claimstream/api")));

const waitForUrl = (child: ChildProcess, lines: string[], timeoutMs: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`API not up:\n${lines.join("\n")}`)),
      timeoutMs,
    );
    const check = () => {
      const url = lines.map((line) => line.match(/API\s+(http:\/\/\S+)\/v1/)?.[1]).find(Boolean);
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code}:\n${lines.join("\n")}`));
    });
  });

const collectLines = (child: ChildProcess): string[] => {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream?.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
    });
  }
  return lines;
};

const rssOf = async (pid: number): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
};

/**
 * Starts the API on `databaseUrl`, listening on 127.0.0.1 on a free port, with the suite's
 * keys, no demo data and no rate limit unless `env` says otherwise.
 *
 * @example
 * ```ts
 * const api = await startApiProcess(database.url, { LOG_LEVEL: "debug" });
 * await fetch(`${api.url}/health`);
 * await api.stop();
 * ```
 */
export const startApiProcess = async (
  databaseUrl: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ApiProcess> => {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
      CLAIMSTREAM_API_KEYS: JSON.stringify(RELIABILITY_KEYS),
      CLAIMSTREAM_SEED_DEMO: "false",
      CLAIMSTREAM_RATE_LIMIT: "0",
      CLAIMSTREAM_AUTH_FAILURE_LIMIT: "0",
      CLAIMSTREAM_DATA_DIR: join(mkdtempSync(join(tmpdir(), "rel-api-")), "pg"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = collectLines(child);
  let stopping = false;
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // A crash is a finding: show what the process said last.
  void exit.then((code) => {
    if (!stopping)
      process.stderr.write(
        `API process ${child.pid} exited (${code}) on its own:\n${lines.slice(-60).join("\n")}\n`,
      );
  });
  const url = await waitForUrl(child, lines, 60_000);
  const pid = child.pid as number;
  return {
    url,
    pid,
    lines,
    rss: () => rssOf(pid),
    exited: () => child.exitCode !== null || child.signalCode !== null,
    kill: async () => {
      stopping = true;
      child.kill("SIGKILL");
      await exit;
    },
    stop: async (graceMs = 15_000) => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
};
