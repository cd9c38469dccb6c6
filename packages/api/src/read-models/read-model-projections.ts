import {
  type AnyProjection,
  adjusterWorkloadProjection,
  claimsListProjection,
  customerProjection,
  insurerScorecardProjection,
  lossRatioProjection,
  lossTrianglesProjection,
  payoutsListProjection,
  policiesListProjection,
  repairOrdersListProjection,
  reserveAccuracyProjection,
  shopWorkloadProjection,
  slaComplianceProjection,
  timeToSettleProjection,
} from "@claimstream/projections";

/** Every read model the API serves; the projection runtime keeps each up to date. */
export const READ_MODEL_PROJECTIONS: readonly AnyProjection[] = [
  claimsListProjection,
  lossRatioProjection,
  lossTrianglesProjection,
  reserveAccuracyProjection,
  adjusterWorkloadProjection,
  timeToSettleProjection,
  slaComplianceProjection,
  insurerScorecardProjection,
  shopWorkloadProjection,
  customerProjection,
  policiesListProjection,
  repairOrdersListProjection,
  payoutsListProjection,
];
