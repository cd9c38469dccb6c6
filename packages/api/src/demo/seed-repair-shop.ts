import type { Money, RepairOrder } from "@claimstream/domain";
import { assessmentLines } from "./seed-claim-facts.js";
import type { StoryContext } from "./seed-claim-intake.js";
import { moneyLike } from "./seed-money.js";
import { demoVehicle } from "./seed-vehicles.js";

/** The repair order id of a claim (one vehicle per claim in the demo). */
const repairOrderIdOf = (seq: number): string => `RO-${String(seq).padStart(5, "0")}`;

const assessedTotal = ({ story }: StoryContext): Money | null =>
  story.claim.assessment?.total ?? null;

/** The shop's estimate: the insurer's lines with quantities, a little above the assessment. */
const estimateLines = (ctx: StoryContext, total: Money): RepairOrder.RepairLine[] => {
  const { profile, random } = ctx;
  const shopTotal = moneyLike(total, Math.round(total.amount * random.between(1, 1.15)));
  return assessmentLines(profile.policy.line, profile.peril, shopTotal).map((line) => ({
    ...line,
    quantity: line.kind === "labour" ? random.int(2, 16) / 2 : 1,
  }));
};

/** The vehicle is booked in, diagnosed and estimated at the partner shop. */
export const bookIntoShop = (ctx: StoryContext): string => {
  const { story, profile, random } = ctx;
  const { policy } = profile;
  const shop = profile.shop;
  if (shop === null) throw new Error(`demo plan bug: repair claim ${profile.claimId} has no shop`);
  const repairOrderId = repairOrderIdOf(profile.seq);
  // Own damage repairs the insured car; liability repairs the third party's.
  const vehicle =
    policy.line === "motor_own_damage" && policy.vehicle
      ? policy.vehicle
      : demoVehicle(random, policy.insurer.jurisdiction, policy.region);
  story.wait(4, 72);
  story.onRepairOrder(repairOrderId, {
    type: "OpenRepairOrder",
    repairOrderId,
    claimId: profile.claimId,
    insurerId: policy.insurer.id,
    shopId: shop.id,
    vehicle,
    directBilling: profile.options.directBilling,
    currency: policy.insurer.currency,
  });
  story.checkpoint("ro_opened");
  story.wait(6, 72);
  story.onRepairOrder(repairOrderId, {
    type: "ReceiveVehicle",
    mileage: random.int(5_000, 180_000),
    notes: "Intake act signed; existing scratches on the left door noted",
    photos: [1, 2, 3, 4].map((n) => `intake/${repairOrderId}/${n}.jpg`),
  });
  story.checkpoint("ro_received");
  story.wait(2, 24);
  story.onRepairOrder(repairOrderId, {
    type: "RecordDiagnostics",
    findings: ["Damage as described in the claim", "No structural damage to the chassis"],
  });
  story.checkpoint("ro_diagnosed");
  story.wait(2, 36);
  const total = assessedTotal(ctx);
  if (total !== null) {
    story.onRepairOrder(repairOrderId, {
      type: "SubmitEstimate",
      lines: estimateLines(ctx, total),
    });
  }
  return repairOrderId;
};

const confirm = (ctx: StoryContext, repairOrderId: string, note: string): void => {
  ctx.story.onRepairOrder(repairOrderId, { type: "ConfirmAssessment", note });
  ctx.story.onClaim({ type: "RecordShopResponse", response: "confirmed", reason: note });
};

/**
 * The shop answers the insurer's assessment after diagnostics. A dispute is settled by a
 * reassessment meeting the shop halfway or more, or the shop gives in, or it stays disputed.
 */
export const answerAssessment = (ctx: StoryContext, repairOrderId: string): void => {
  const { story, profile, random } = ctx;
  story.wait(2, 30);
  const total = assessedTotal(ctx);
  if (!profile.options.dispute || total === null) {
    confirm(ctx, repairOrderId, "Agree with the surveyor's assessment");
    return;
  }
  const proposed = moneyLike(total, Math.round(total.amount * random.between(1.15, 1.35)));
  const reason = "Labour times below the manufacturer's repair method";
  story.onRepairOrder(repairOrderId, {
    type: "DisputeAssessment",
    reason,
    proposedAmount: proposed,
  });
  story.onClaim({ type: "RecordShopResponse", response: "disputed", reason });
  const outcome = random.weighted({ reassessed: 0.6, accepted: 0.25, standing: 0.15 });
  if (outcome === "standing") return;
  story.waitDays(1, 4);
  if (outcome === "reassessed") {
    const agreed =
      total.amount + Math.round((proposed.amount - total.amount) * random.between(0.5, 1));
    const lines = assessmentLines(profile.policy.line, profile.peril, moneyLike(total, agreed));
    story.onClaim({ type: "AssessDamage", lines });
    story.onClaim({
      type: "SetReserve",
      costType: "indemnity",
      balance: moneyLike(total, agreed - profile.policy.deductible.amount),
      reason: "Reassessed after the shop's dispute",
    });
    story.wait(2, 24);
  }
  confirm(
    ctx,
    repairOrderId,
    outcome === "reassessed" ? "Agree with the reassessment" : "Accept the insurer's figures",
  );
};
