#!/usr/bin/env node
import { processIo } from "./cli-io.js";
import { runCli } from "./run-cli.js";

// `process.exit`, not `exitCode`: a stopped server may leave library timers behind.
process.exit(await runCli(process.argv.slice(2), process.env, processIo));
