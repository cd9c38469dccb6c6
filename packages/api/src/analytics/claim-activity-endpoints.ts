import { claimActivity, openAgeBuckets } from "@claimstream/projections";
import { z } from "zod";
import { defined, defineEndpoint, InstantParam, InsurerParam } from "./analytics-endpoint.js";

/**
 * `GET /v1/analytics/open-age`: the open claims (reported, not closed) by age in completed days
 * at the server's clock: 0–7, 8–30, 31–60, over 60, and their total.
 */
export const openAgeEndpoint = defineEndpoint({
  path: "open-age",
  operationId: "openAgeBuckets",
  summary: "Open claims by age since FNOL (0–7, 8–30, 31–60, over 60 days) and in total",
  query: z.object({ insurerId: InsurerParam }),
  run: (db, _query, context) =>
    openAgeBuckets(db, defined({ now: context.now, insurerId: context.insurerId })),
  rows: (buckets) => [buckets],
});

/**
 * `GET /v1/analytics/claim-activity`: claims reported, first settled and closed in `[from, to)`
 * (business time), e.g. new this week and settled this month.
 */
export const claimActivityEndpoint = defineEndpoint({
  path: "claim-activity",
  operationId: "claimActivity",
  summary: "Claims reported, first settled and closed in a window of business time",
  query: z.object({ insurerId: InsurerParam, from: InstantParam, to: InstantParam }),
  run: (db, query, context) =>
    claimActivity(db, defined({ ...query, insurerId: context.insurerId })),
  rows: (activity) => [activity],
});
