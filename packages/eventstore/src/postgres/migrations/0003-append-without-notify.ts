import { planStableAppendFunction } from "./0002-plan-stable-append.js";
import type { Migration } from "./migration.js";

/**
 * Migration 3: the same function without its `NOTIFY eventstore_events`. A `NOTIFY` inside the
 * appending transaction serialises concurrent writers' commits: PostgreSQL holds a global lock
 * from a notifying transaction's commit until its WAL is flushed, so 8 writers of single-event
 * appends ran at a third of the rate. The store notifies after the commit instead, in a
 * statement of its own (`ChangeAnnouncer`).
 */
export const MIGRATION_0003: Migration = {
  version: 3,
  name: "append function: no NOTIFY inside the appending transaction",
  sql: planStableAppendFunction(""),
};
