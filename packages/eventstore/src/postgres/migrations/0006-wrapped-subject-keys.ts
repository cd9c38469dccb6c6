import type { Migration } from "./migration.js";

/**
 * Migration 6: subject keys wrapped by a key-encryption key held outside the database
 * (ADR 0003): `kek_id` names the KEK; a wrapped key has 60 bytes, an unwrapped one 32.
 */
export const MIGRATION_0006: Migration = {
  version: 6,
  name: "subject keys wrapped by a key-encryption key (kek_id; 60-byte wrapped keys)",
  sql: `
ALTER TABLE eventstore.subject_keys ADD COLUMN kek_id text;
ALTER TABLE eventstore.subject_keys DROP CONSTRAINT subject_keys_key_check;
ALTER TABLE eventstore.subject_keys ADD CONSTRAINT subject_keys_key_form CHECK (
  (kek_id IS NULL AND octet_length(key) = 32) OR (kek_id IS NOT NULL AND octet_length(key) = 60));
`,
};
