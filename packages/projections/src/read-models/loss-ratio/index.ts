/** Loss ratio (earned premium, paid, case reserve, incurred) as of a date. */
export { type EarnedSlice, type EarningPeriod, earnedSlices } from "./earned-premium-slices.js";
export { LOSS_RATIO_PROJECTION, lossRatioProjection } from "./projection.js";
export {
  type LossRatioDimension,
  type LossRatioParams,
  type LossRatioRow,
  lossRatio,
} from "./queries.js";
export type {
  ClaimFactTable,
  LossRatioTables,
  PaidMovementTable,
  PayoutFactTable,
  PolicyFactTable,
  ReserveMovementTable,
} from "./schema.js";
