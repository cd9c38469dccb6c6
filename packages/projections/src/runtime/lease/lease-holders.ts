import { type Kysely, sql } from "kysely";
import type { ProjectionsDatabase } from "../checkpoints/bookkeeping-tables.js";

/**
 * The projections whose lease some session of this database holds right now, read from
 * `pg_locks` (a bigint advisory key shows as `classid` = high half, `objid` = low half).
 */
export const heldLeases = async (db: Kysely<ProjectionsDatabase>): Promise<Set<string>> => {
  const result = await sql<{ name: string }>`
    WITH keys AS (
      SELECT name, hashtextextended('claimstream.projection:' || name, 0) AS key
      FROM projections.checkpoints WHERE slot = 'live')
    SELECT k.name FROM keys k
    WHERE EXISTS (
      SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::bigint = ((k.key >> 32) & 4294967295)
        AND l.objid::bigint = (k.key & 4294967295))`.execute(db);
  return new Set(result.rows.map((row) => row.name));
};
