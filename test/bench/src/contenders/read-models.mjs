/** The two read models the projection measures build: loss ratio and claims list. */
import { claimsListProjection, lossRatioProjection } from "@claimstream/projections";

export const BENCH_PROJECTIONS = [lossRatioProjection, claimsListProjection];

/** The PostgreSQL schemas holding their tables. */
export const BENCH_SCHEMAS = BENCH_PROJECTIONS.map((projection) => `rm_${projection.name}`);
