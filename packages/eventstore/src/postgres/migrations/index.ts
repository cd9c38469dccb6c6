/**
 * The event store's PostgreSQL schema, as ordered migrations, one file each, named by number and
 * by what it does. Never edit a released migration: add the next one. docs/eventstore.md
 * explains every table and docs/adr/0001 the positions.
 */
import { MIGRATION_0001 } from "./0001-events-streams-keys.js";
import { MIGRATION_0002 } from "./0002-plan-stable-append.js";
import { MIGRATION_0003 } from "./0003-append-without-notify.js";
import { MIGRATION_0004 } from "./0004-append-id-check-flag.js";
import { MIGRATION_0005 } from "./0005-position-offset.js";
import { MIGRATION_0006 } from "./0006-wrapped-subject-keys.js";
import type { Migration } from "./migration.js";

export type { Migration } from "./migration.js";

/** The migrations this package owns, in order. */
export const EVENTSTORE_MIGRATIONS: readonly Migration[] = [
  MIGRATION_0001,
  MIGRATION_0002,
  MIGRATION_0003,
  MIGRATION_0004,
  MIGRATION_0005,
  MIGRATION_0006,
];
