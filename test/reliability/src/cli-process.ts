import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("./cli/claimstream.js", import.meta.resolve("@claimstream/api")));

/** What a `claimstream` command printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `claimstream` CLI on `databaseUrl`.
 *
 * @example
 * ```ts
 * const run = await runClaimstream(database.url, ["verify", "claim-C-1"]);
 * run.code; // 0 when the chain verifies
 * ```
 */
export const runClaimstream = (
  databaseUrl: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
