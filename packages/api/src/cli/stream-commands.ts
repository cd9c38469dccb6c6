import type { Application } from "../composition-root.js";
import { historyEntry } from "../routes/audit.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";

/**
 * `claimstream history <stream>`: every event of the stream as NDJSON, one history entry per
 * line (the same shape as `GET …/history`).
 */
export const printHistory = async (
  application: Application,
  streamId: string,
  io: CliIo,
): Promise<number> => {
  let count = 0;
  for await (const event of application.get(TOKENS.eventStore).readStream(streamId)) {
    io.out(JSON.stringify({ streamId, ...historyEntry(event) }));
    count += 1;
  }
  if (count === 0) {
    io.err(`stream ${streamId} has no events`);
    return EXIT.failed;
  }
  return EXIT.ok;
};

/** `claimstream verify <stream>`: recomputes the hash chain; exit 1 when broken or empty. */
export const verifyStream = async (
  application: Application,
  streamId: string,
  io: CliIo,
): Promise<number> => {
  const result = await application.get(TOKENS.eventStore).verifyStream(streamId);
  io.out(JSON.stringify(result));
  if (!result.ok) {
    io.err(
      `stream ${streamId}: broken at position ${result.position} (${result.reason}): ${result.detail}`,
    );
    return EXIT.failed;
  }
  if (result.eventCount === 0) {
    io.err(`stream ${streamId} has no events`);
    return EXIT.failed;
  }
  return EXIT.ok;
};

/** `claimstream migrate`: brings the database schemas up to date. */
export const migrate = async (application: Application, io: CliIo): Promise<number> => {
  const report = await application.migrate();
  const applied = report.eventStoreVersions;
  io.out(
    applied.length === 0
      ? `event store (${report.events}) schema is up to date`
      : `event store (${report.events}) schema migrated: applied ${applied.join(", ")}`,
  );
  return EXIT.ok;
};
