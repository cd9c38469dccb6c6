import { runProjectionsCli } from "@claimstream/projections";
import type { Application } from "../composition-root.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";

/**
 * `claimstream projections …`: the projections package's CLI (`status`, `parked`, `replay`,
 * `rebuild`) on the database this application resolved (embedded or `DATABASE_URL`).
 */
export const projections = async (
  application: Application,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> => {
  const database = application.get(TOKENS.database);
  if (database === null) {
    io.err("projections need PostgreSQL");
    return EXIT.usage;
  }
  return runProjectionsCli(args, {
    env: { ...env, DATABASE_URL: database.connectionString },
    stdout: io.out,
    stderr: io.err,
  });
};
