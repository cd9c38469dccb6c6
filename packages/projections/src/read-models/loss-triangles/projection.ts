import type { Projection } from "../../runtime/projection.js";
import {
  handleLossFact,
  handleLossFactBatch,
  LOSS_FACT_EVENT_TYPES,
} from "../loss-facts/handle-loss-fact.js";
import { migrateLossFacts } from "../loss-facts/loss-fact-tables.js";
import type { LossTrianglesTables } from "./schema.js";

/** The loss triangles projection's name; its tables live in schema `rm_loss_triangles`. */
export const LOSS_TRIANGLES_PROJECTION = "loss_triangles";

/**
 * Loss development triangles read model: records claims with their accident dates and
 * dated paid and reserve movements, from which {@link lossTriangles} builds cumulative paid
 * and incurred triangles by accident period and development age.
 *
 * @example
 * ```ts
 * const projections = [lossTrianglesProjection]; // handed to the projection runtime
 * ```
 */
export const lossTrianglesProjection: Projection<LossTrianglesTables> = {
  name: LOSS_TRIANGLES_PROJECTION,
  version: 1,
  eventTypes: LOSS_FACT_EVENT_TYPES,
  migrate: migrateLossFacts,
  handle: handleLossFact,
  handleBatch: handleLossFactBatch,
};
