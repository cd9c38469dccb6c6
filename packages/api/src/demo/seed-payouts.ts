import {
  approvedTotal,
  invoicePayoutId as derivedInvoicePayoutId,
  settlementPayoutId as derivedSettlementPayoutId,
  type Money,
} from "@claimstream/domain";
import { DEMO_SHOPS } from "./seed-catalog.js";
import type { StoryContext } from "./seed-claim-intake.js";
import { approverFor, scaledMoney } from "./seed-money.js";

/** The payout the process manager requests for the claim's next cash settlement. */
export const settlementPayoutId = (claimId: string, reopenCount: number): string =>
  derivedSettlementPayoutId(claimId, reopenCount + 1);

/** The payout the process manager requests for a direct-billing invoice. */
export const invoicePayoutId = (repairOrderId: string, invoiceNumber: string): string =>
  derivedInvoicePayoutId(repairOrderId, invoiceNumber);

/**
 * Finance approves and issues a payout that exists (requested by the process manager or by
 * the plan). A claim payout (`checkpoints`) may stall while it waits for approval (`settled`)
 * or for the bank (`approved`); late payers approve after a week or more; a few transfers fail
 * and are retried. Small expense payouts go through within a few days.
 */
export const approveAndIssue = (
  { story, profile, random }: StoryContext,
  payoutId: string,
  checkpoints: boolean,
): void => {
  const payout = story.payout(payoutId);
  // Nothing to pay when the story stopped before the payout was requested.
  if (payout.status === "none") return;
  const { insurer } = profile.policy;
  // Approval limits apply to everything approved on the claim, this payout included.
  const cumulative = {
    ...payout.amount,
    amount: approvedTotal(story.claim) + payout.amount.amount,
  };
  if (!checkpoints) {
    story.wait(2, 24);
    story.onPayout(payoutId, { type: "ApprovePayout", ...approverFor(insurer, cumulative) });
    story.wait(12, 48);
    story.onPayout(payoutId, {
      type: "IssuePayout",
      paymentReference: `${insurer.code}-EXP-${profile.seq}`,
    });
    return;
  }
  story.checkpoint("settled");
  if (profile.options.latePayment) story.waitDays(8, 14);
  else story.wait(2, 48);
  story.onPayout(payoutId, { type: "ApprovePayout", ...approverFor(insurer, cumulative) });
  story.checkpoint("approved");
  if (profile.options.failedPayment) {
    story.waitDays(1, 2);
    story.onPayout(payoutId, {
      type: "FailPayout",
      reason: "Beneficiary bank rejected the transfer: account closed",
    });
    story.waitDays(1, 3);
    story.onPayout(payoutId, { type: "RetryPayout", reason: "Corrected account details received" });
  }
  const [minDays, maxDays] = insurer.payDays;
  story.waitDays(minDays * 0.5, maxDays * 0.5);
  story.onPayout(payoutId, {
    type: "IssuePayout",
    paymentReference: `${insurer.code}-TRX-${profile.seq}-${random.int(100_000, 999_999)}`,
  });
};

/** Towing paid to a partner shop early on, as an expense the plan itself requests. */
export const payTowing = (ctx: StoryContext): void => {
  const { story, profile, random } = ctx;
  if (!profile.options.expensePayout) return;
  const { insurer } = profile.policy;
  const shop = random.pick(DEMO_SHOPS.filter((s) => s.jurisdiction === insurer.jurisdiction));
  const payoutId = `PAY-EXP-${profile.seq}`;
  const reserve = story.claim.reserves?.expense.amount ?? 0;
  const wanted = scaledMoney(insurer, random.int(300, 1_200));
  const amount: Money =
    reserve > 0 ? { ...wanted, amount: Math.min(wanted.amount, reserve) } : wanted;
  story.wait(2, 48);
  story.onPayout(payoutId, {
    type: "RequestPayout",
    payoutId,
    claimId: profile.claimId,
    insurerId: insurer.id,
    payee: { kind: "shop", id: shop.id, name: shop.name },
    amount,
    costType: "expense",
    reason: "Towing and storage",
    requestedBy: story.claim.adjusterId ?? profile.adjusterId,
  });
  approveAndIssue(ctx, payoutId, false);
};

/**
 * A cash settlement of the assessed damage less the deductible (plus `topUp` on a reopened
 * claim); the process manager requests the payout, finance pays it, and the process manager
 * records the payment and closes the claim. Returns the payout's id.
 */
export const settleInCash = (ctx: StoryContext, quick = false): string => {
  const { story, profile } = ctx;
  const claim = story.claim;
  const assessed =
    claim.assessment?.total.amount ?? scaledMoney(profile.policy.insurer, profile.damageCny).amount;
  const amount = Math.max(
    assessed - profile.policy.deductible.amount,
    claim.paid?.indemnity.amount ?? 0,
  );
  if (quick) story.wait(0.5, 3);
  else story.wait(2, 72);
  const payoutId = settlementPayoutId(profile.claimId, claim.reopenCount);
  story.onClaim({
    type: "AgreeSettlement",
    amount: { amount, currency: profile.policy.insurer.currency },
    method: "cash",
  });
  approveAndIssue(ctx, payoutId, true);
  return payoutId;
};
