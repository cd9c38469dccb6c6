/** Our PostgreSQL event store, as an application would connect it. */
import { PostgresEventStore } from "@claimstream/eventstore";

/** Connects (and migrates) our store on `url` with the default pool of 10 connections. */
export const connectOurStore = (url, options = {}) =>
  PostgresEventStore.connect({ connectionString: url, poolSize: 10, ...options });
