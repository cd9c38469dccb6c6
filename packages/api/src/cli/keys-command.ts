import { PostgresEventStore } from "@claimstream/eventstore";
import type { Application } from "../composition-root.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";

/**
 * `claimstream keys status|rotate`: how many live subject keys each KEK wraps, and the KEK
 * rotation: every live key re-wrapped under the keyring's current KEK (keys stored unwrapped
 * included). Afterwards the older KEKs wrap nothing live: delete them from the keyring, and
 * whatever the database's pages, WAL or backups still hold under them is unusable (ADR 0003).
 */
export const keys = async (
  application: Application,
  args: readonly string[],
  io: CliIo,
): Promise<number> => {
  const store = application.get(TOKENS.eventStore);
  const { keyring, source } = application.get(TOKENS.keyring);
  if (!(store instanceof PostgresEventStore)) {
    io.err("subject keys are managed here for the PostgreSQL event store only");
    return EXIT.usage;
  }
  const [action] = args;
  if (action === "status") {
    const status = await store.subjectKeyStatus();
    io.out(JSON.stringify({ currentKek: keyring?.currentKekId ?? null, source, keys: status }));
    return EXIT.ok;
  }
  if (action === "rotate") {
    if (keyring === null) {
      io.err("no keyring configured: set CLAIMSTREAM_KEYRING_FILE (see docs/api.md, Keyring)");
      return EXIT.usage;
    }
    const report = await store.rewrapSubjectKeys();
    const status = await store.subjectKeyStatus();
    io.out(
      `re-wrapped ${report.rewrapped} subject key(s) under KEK ${report.kekId}; now ${JSON.stringify(status)}`,
    );
    const older = keyring.kekIds.filter((id) => id !== report.kekId);
    if (older.length > 0)
      io.out(`KEK ${older.join(", ")} wrap(s) nothing live: delete from the keyring`);
    return EXIT.ok;
  }
  io.err("usage: claimstream keys status|rotate");
  return EXIT.usage;
};
