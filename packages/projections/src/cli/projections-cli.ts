#!/usr/bin/env node
/**
 * `claimstream-projections`: status, parked events, replays and rebuilds of the projections of
 * the database at `DATABASE_URL`. See {@link runProjectionsCli}.
 *
 * @module
 */
import { runProjectionsCli } from "./run-projections-cli.js";

const interrupt = new AbortController();
process.once("SIGINT", () => interrupt.abort());

process.exitCode = await runProjectionsCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  signal: interrupt.signal,
});
