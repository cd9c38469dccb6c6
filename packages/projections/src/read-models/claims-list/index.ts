/** Claims list and claim summary. */
export { CLAIMS_LIST_PROJECTION, claimsListProjection } from "./projection.js";
export {
  type ClaimDeadline,
  type ClaimSummary,
  type ClaimSummaryDetail,
  getClaimSummary,
  type ListClaimsParams,
  listClaims,
} from "./queries.js";
export {
  type ClaimsListClaimTable,
  type ClaimsListDeadlineTable,
  type ClaimsListPolicyTable,
  type ClaimsListTables,
  migrateClaimsList,
} from "./schema.js";
