import type { LossFactTables } from "../loss-facts/loss-fact-tables.js";

export type {
  ClaimFactTable,
  PaidMovementTable,
  PayoutFactTable,
  PolicyFactTable,
  ReserveMovementTable,
} from "../loss-facts/loss-fact-tables.js";

/**
 * The loss ratio's tables (schema `rm_loss_ratio`): dated loss facts (claims, policies,
 * payouts, paid and reserve movements), aggregated at query time as of any business date.
 */
export type LossRatioTables = LossFactTables;
