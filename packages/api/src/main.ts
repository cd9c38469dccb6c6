import { processIo } from "./cli/cli-io.js";
import { runCli } from "./cli/run-cli.js";

// `npm start`: `claimstream start`, the API on embedded PostgreSQL (or DATABASE_URL), until
// Ctrl-C; exits non-zero when it fails, with the same messages as the CLI.
process.exit(await runCli(["start"], process.env, processIo));
