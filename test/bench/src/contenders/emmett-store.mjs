/**
 * Emmett 0.42's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), connected the
 * way its documentation shows, schema migrated before any timed work. Measures import this
 * module lazily (`loadEmmett()`), so only the Emmett contender's process loads Emmett (see
 * host/contender-host.mjs for why).
 */
import { CommandHandler, STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import { getPostgreSQLEventStore, readMessagesBatch } from "@event-driven-io/emmett-postgresql";

export { CommandHandler, readMessagesBatch, STREAM_DOES_NOT_EXIST };

/** Connects Emmett's store on `url` and creates its schema. */
export const connectEmmettStore = async (url) => {
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  return store;
};
