import type { Projection } from "../../runtime/projection.js";
import {
  handleLossFact,
  handleLossFactBatch,
  LOSS_FACT_EVENT_TYPES,
} from "../loss-facts/handle-loss-fact.js";
import { migrateLossFacts } from "../loss-facts/loss-fact-tables.js";
import type { LossRatioTables } from "./schema.js";

/** The loss ratio projection's name; its tables live in schema `rm_loss_ratio`. */
export const LOSS_RATIO_PROJECTION = "loss_ratio";

/**
 * Loss ratio read model: records dated premium and loss facts (policies with their
 * periods and cancellations, payments, reversals, recoveries, reserve movements) so that
 * {@link lossRatio} can evaluate earned premium, paid, case reserve, incurred and the loss
 * ratios as of any past business date.
 *
 * @example
 * ```ts
 * const projections = [lossRatioProjection]; // handed to the projection runtime
 * ```
 */
export const lossRatioProjection: Projection<LossRatioTables> = {
  name: LOSS_RATIO_PROJECTION,
  version: 1,
  eventTypes: LOSS_FACT_EVENT_TYPES,
  migrate: migrateLossFacts,
  handle: handleLossFact,
  handleBatch: handleLossFactBatch,
};
