import { processIo } from "./cli/cli-io.js";
import { runStart } from "./cli/start.js";

// `npm start`: the API on embedded PostgreSQL (or DATABASE_URL), until Ctrl-C.
process.exit(await runStart(process.env, processIo));
