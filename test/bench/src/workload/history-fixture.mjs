/**
 * The shared history of measures 5, 6 and 9: `stories` claim stories (28 events each) written
 * through our store by 8 concurrent writers into database `history_<stories>`, then vacuumed
 * (so the timed reads do not pay for hint bits). Loaded once per server and reused.
 */
import pg from "pg";
import { connectOurStore } from "../contenders/our-store.mjs";
import { createDatabase, databaseExists, databaseUrl, loaderPool } from "../database.mjs";
import { claimStory, EVENTS_PER_STORY } from "./claim-story.mjs";
import { toOurEvent } from "./event-shapes.mjs";

const WRITERS = 8;

const appendStory = async (store, n) => {
  const versions = new Map();
  for (const { stream, events } of claimStory(n)) {
    const version = versions.get(stream) ?? 0;
    const { nextExpectedVersion } = await store.appendToStream(stream, events.map(toOurEvent), {
      expectedVersion: version === 0 ? "no_stream" : version,
    });
    versions.set(stream, nextExpectedVersion);
  }
};

const load = async (url, stories) => {
  const pool = loaderPool(url, WRITERS);
  const store = await connectOurStore(url, { pool });
  let next = 0;
  const writer = async () => {
    for (let n = next++; n < stories; n = next++) await appendStory(store, n);
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  await store.close();
  await pool.query("CREATE TABLE bench_fixture (stories int NOT NULL, events int NOT NULL)");
  await pool.query("INSERT INTO bench_fixture VALUES ($1, $2)", [
    stories,
    stories * EVENTS_PER_STORY,
  ]);
  await pool.end();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("VACUUM (FREEZE, ANALYZE)");
  await client.end();
};

/** The history database's URL, loading it first when this server does not have it yet. */
export const ensureHistory = async (adminUrl, stories) => {
  const name = `history_${stories}`;
  if (await databaseExists(adminUrl, name)) return databaseUrl(adminUrl, name);
  const url = await createDatabase(adminUrl, name);
  await load(url, stories);
  return url;
};

/** Stories needed for about `events` events. */
export const storiesFor = (events) => Math.ceil(events / EVENTS_PER_STORY);
