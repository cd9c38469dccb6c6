#!/usr/bin/env node
// The `claimstream` command. A committed shim, so that `npm ci` links it before anything is
// built (npm skips a bin whose file is missing); it runs the built CLI.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli/claimstream.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("claimstream is not built yet: run `npm run build` first\n");
  process.exit(2);
}
await import(cli.href);
