/** Loss development triangles and the chain ladder. */
export { type ChainLadderResult, type CumulativeTriangle, chainLadder } from "./chain-ladder.js";
export { type DevelopmentGranularity, periodIndex, periodLabel } from "./periods.js";
export { LOSS_TRIANGLES_PROJECTION, lossTrianglesProjection } from "./projection.js";
export {
  type LossTriangle,
  type LossTriangleParams,
  lossTriangles,
  type TriangleBasis,
} from "./queries.js";
export type { LossTrianglesTables } from "./schema.js";
