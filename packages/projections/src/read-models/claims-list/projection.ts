import { CLAIM_EVENT_TYPES } from "@claimstream/domain";
import type { Projection } from "../../runtime/projection.js";
import { handleClaimsListBatch } from "./claims-list-batch.js";
import { type ClaimsListTables, migrateClaimsList } from "./schema.js";

/** The claims list projection's name; its tables live in schema `rm_claims_list`. */
export const CLAIMS_LIST_PROJECTION = "claims_list";

/**
 * Claims list and claim summary read model: one row per claim with its status, insurer,
 * line, region, adjuster, dates, reserves, paid (from issued payouts, less reversals),
 * recovered, incurred, flags, open deadlines and reopen count. Queried by {@link listClaims}
 * and {@link getClaimSummary}.
 *
 * @example
 * ```ts
 * const projections = [claimsListProjection]; // handed to the projection runtime
 * ```
 */
export const claimsListProjection: Projection<ClaimsListTables> = {
  name: CLAIMS_LIST_PROJECTION,
  version: 1,
  eventTypes: [
    ...new Set([
      ...CLAIM_EVENT_TYPES,
      "PolicyIssued",
      "PayoutRequested",
      "PayoutIssued",
      "PayoutVoided",
    ]),
  ],
  migrate: migrateClaimsList,
  // One definition of how events change the tables: an event alone is a batch of one.
  handle: (event, ctx) => handleClaimsListBatch([event], ctx),
  handleBatch: handleClaimsListBatch,
};
