import { runClaimDemo } from "./demo/claim-demo.js";

// Until the API lands, the main job is the domain demo: one claim played through its lifecycle.
runClaimDemo((line) => process.stdout.write(`${line}\n`));
