import { supplementLines } from "./seed-claim-facts.js";
import type { StoryContext } from "./seed-claim-intake.js";
import { moneyLike, scaledMoney } from "./seed-money.js";
import { approveAndIssue, invoicePayoutId } from "./seed-payouts.js";

/** Work goes to a technician or, for big jobs, a team; parts are ordered when needed. */
const startWork = (ctx: StoryContext, repairOrderId: string): void => {
  const { story, profile, random } = ctx;
  const shop = profile.shop;
  if (shop === null) return;
  story.wait(2, 24);
  const byTeam = profile.damageCny > 20_000 && random.chance(0.5);
  story.onRepairOrder(repairOrderId, {
    type: "AssignWork",
    assignee: byTeam
      ? { kind: "team", teamId: random.pick(shop.teams) }
      : { kind: "technician", technicianId: random.pick(shop.technicians) },
  });
  const partsDays = profile.options.partsDays;
  const partsOrderId = `PO-${profile.seq}-1`;
  if (partsDays !== null) {
    story.wait(1, 6);
    story.onRepairOrder(repairOrderId, {
      type: "OrderParts",
      partsOrderId,
      parts: [
        {
          partNumber: `52159-${random.int(10_000, 99_999)}`,
          description: "Bumper cover",
          quantity: 1,
        },
        { description: "Clips and fixings kit", quantity: random.int(1, 4) },
      ],
      supplier: random.pick(["OEM distributor", "Parts Hub", "Regional warehouse"]),
    });
  }
  story.wait(1, 12);
  story.onRepairOrder(repairOrderId, { type: "StartWork" });
  if (partsDays === null) return;
  story.checkpoint("ro_parts");
  story.wait(partsDays * 24, partsDays * 24 + 12);
  story.onRepairOrder(repairOrderId, { type: "ReceiveParts", partsOrderId });
};

/** Hidden damage: the shop asks for a supplement, the insurer approves or rejects it. */
const handleSupplement = (ctx: StoryContext, repairOrderId: string): void => {
  const { story, profile, random } = ctx;
  // A cash-settled claim is closed by now: the shop and the customer sort out extras alone.
  const decision = profile.options.directBilling ? profile.options.supplement : null;
  if (decision === null) {
    story.checkpoint("ro_in_repair");
    return;
  }
  story.wait(4, 48);
  const supplementId = `SUP-${profile.seq}-1`;
  const total = scaledMoney(profile.policy.insurer, profile.damageCny * random.between(0.08, 0.2));
  const lines = supplementLines(total);
  const reason = "Bracket and sensor behind the bumper broken, found once stripped";
  story.onRepairOrder(repairOrderId, {
    type: "RequestSupplement",
    supplementId,
    lines: lines.map((line) => ({ ...line, quantity: 1 })),
    reason,
  });
  story.onClaim({ type: "RequestSupplement", supplementId, lines, reason });
  story.checkpoint("ro_in_repair");
  story.wait(12, 72);
  if (decision === "rejected") {
    story.onClaim({
      type: "RejectSupplement",
      supplementId,
      reason: "Pre-existing damage visible on the inspection photos",
    });
    return;
  }
  story.onClaim({ type: "ApproveSupplement", supplementId });
  const assessed = story.claim.assessment?.total;
  if (assessed) {
    story.onClaim({
      type: "SetReserve",
      costType: "indemnity",
      balance: moneyLike(assessed, assessed.amount - profile.policy.deductible.amount),
      reason: "Supplement approved",
    });
  }
};

/**
 * The repair itself, to the handover. On a direct-billing order the insurer agrees the repair
 * settlement when the work is done; the shop invoices after handover, the process manager
 * requests the shop's payout, finance pays it. Returns the invoice payout's id, if any.
 */
export const repairAndHandOver = (ctx: StoryContext, repairOrderId: string): string | null => {
  const { story, profile, random } = ctx;
  startWork(ctx, repairOrderId);
  handleSupplement(ctx, repairOrderId);
  story.waitDays(1, 6);
  story.onRepairOrder(repairOrderId, {
    type: "CompleteWork",
    photos: [1, 2].map((n) => `done/${repairOrderId}/${n}.jpg`),
  });
  const { directBilling } = profile.options;
  const assessed = story.claim.assessment?.total;
  if (directBilling && assessed) {
    story.wait(0.5, 6);
    story.onClaim({
      type: "AgreeSettlement",
      amount: moneyLike(assessed, assessed.amount - profile.policy.deductible.amount),
      method: "repair",
    });
  }
  story.checkpoint("ro_completed");
  story.wait(1, 24);
  story.onRepairOrder(repairOrderId, {
    type: "NotifyCustomer",
    channel: random.pick(["phone", "sms", "messenger"] as const),
  });
  story.wait(4, 72);
  story.onRepairOrder(repairOrderId, {
    type: "HandOverVehicle",
    signedBy: profile.policy.holder.name,
  });
  story.checkpoint("ro_handed_over");
  const settlement = story.claim.settlement;
  if (!directBilling || settlement === null) return null;
  story.wait(2, 48);
  const invoiceNumber = `INV-${profile.shop?.code ?? "SHOP"}-${profile.seq}`;
  story.onRepairOrder(repairOrderId, {
    type: "InvoiceInsurer",
    invoiceNumber,
    amount: settlement.amount,
  });
  const payoutId = invoicePayoutId(repairOrderId, invoiceNumber);
  approveAndIssue(ctx, payoutId, true);
  return payoutId;
};
