import { type QueryCreator, sql } from "kysely";
import type { InsurerScorecardTables } from "./schema.js";

type Db = QueryCreator<InsurerScorecardTables>;

/**
 * Records the shop's answer to a claim's current assessment, whichever stream it came from
 * (the claim's `AssessmentDisputed`/`AssessmentConfirmed` or the repair order's `…ByShop`): the
 * same answer on both sides counts once. An assessment disputed and later confirmed stays
 * disputed: it was disputed.
 */
export const recordShopResponse = async (
  db: Db,
  claimId: string,
  verdict: "disputed" | "confirmed",
  at: string,
) => {
  const claim = await db
    .selectFrom("claims")
    .select(["insurer_id", "assessments"])
    .where("claim_id", "=", claimId)
    .executeTakeFirst();
  if (claim === undefined) return;
  await db
    .insertInto("assessments")
    .values({
      claim_id: claimId,
      assessment_no: claim.assessments,
      insurer_id: claim.insurer_id,
      assessed_at: null,
      responded_at: at,
      disputed: verdict === "disputed",
      confirmed: verdict === "confirmed",
    })
    .onConflict((oc) =>
      oc.columns(["claim_id", "assessment_no"]).doUpdateSet({
        responded_at: sql`least(assessments.responded_at, excluded.responded_at)`,
        disputed: sql`assessments.disputed or excluded.disputed`,
        confirmed: sql`assessments.confirmed or excluded.confirmed`,
      }),
    )
    .execute();
};
