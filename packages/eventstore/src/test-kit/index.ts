/**
 * `@claimstream/eventstore/test-kit`: one PostgreSQL per test run and one scratch database per
 * test file, shared by every package's integration tests.
 *
 * @packageDocumentation
 */
export {
  createScratchDatabase,
  type ScratchDatabase,
  startTestPostgres,
} from "./scratch-database.js";
