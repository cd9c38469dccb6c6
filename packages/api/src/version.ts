import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The version of `@claimstream/api`, from its package.json. */
export const API_VERSION: string = (require("../package.json") as { version: string }).version;
