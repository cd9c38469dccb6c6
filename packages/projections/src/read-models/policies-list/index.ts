/** Policies list. */
export { POLICIES_LIST_PROJECTION, policiesListProjection } from "./projection.js";
export { type ListPoliciesParams, listPolicies, type PolicyListItem } from "./queries.js";
export {
  migratePoliciesList,
  type PoliciesListPolicyTable,
  type PoliciesListTables,
  type PolicyListStatus,
} from "./schema.js";
