// The event store's notification channels; its schema is in migrations/ (one file a version).
export { EVENTSTORE_MIGRATIONS, type Migration } from "./migrations/index.js";

/**
 * Channel notified after appends commit (no payload; appends committed together may share one
 * notification). The append function of migrations 1 and 2 notified it inside the appending
 * transaction; see `ChangeAnnouncer`.
 */
export const EVENTS_CHANNEL = "eventstore_events";

/** The `NOTIFY` channel of forgotten subjects (payload: the subject id). */
export const FORGET_CHANNEL = "eventstore_forget";
