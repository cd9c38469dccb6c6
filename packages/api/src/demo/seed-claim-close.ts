import { assessmentLines } from "./seed-claim-facts.js";
import type { StoryContext } from "./seed-claim-intake.js";
import { scaledMoney } from "./seed-money.js";
import { settleInCash } from "./seed-payouts.js";

const COMPLAINTS = [
  "Nobody called me back for two weeks",
  "The payment took far longer than promised",
  "The decision was not explained to me",
] as const;

/** The customer rates the handling and, now and then, complains. */
export const recordFeedback = ({ story, profile, random }: StoryContext): void => {
  const { csat, complaint } = profile.options;
  if (csat !== null) {
    story.waitDays(1, 10);
    story.onClaim({
      type: "RecordFeedback",
      csat,
      ...(csat <= 2 ? { comment: "Slow and hard to reach" } : {}),
    });
  }
  if (complaint) {
    story.waitDays(0.5, 5);
    story.onClaim({ type: "FileComplaint", text: random.pick(COMPLAINTS) });
  }
};

/**
 * Months later, the insurer recovers part of what it paid: from the liable party's insurer
 * (subrogation) or by selling the salvage. Recorded on the payout; the process manager
 * carries it to the claim.
 */
export const recoverFromThirdParty = (
  { story, profile, random }: StoryContext,
  payoutId: string,
): void => {
  const kind = profile.options.recovery;
  const payout = story.payout(payoutId);
  if (kind === null || payout.status !== "issued") return;
  story.waitDays(20, 120);
  const share = random.between(0.1, 0.4);
  story.onPayout(payoutId, {
    type: "RecordRecovery",
    kind,
    amount: {
      ...payout.issuedAmount,
      amount: Math.max(1, Math.floor(payout.issuedAmount.amount * share)),
    },
    from: kind === "subrogation" ? "Liable third party's insurer" : "Salvage auction",
  });
};

/**
 * New facts reopen a paid claim: reserve, a reassessment with the extra damage, and a cash
 * top-up that the process manager pays and closes again.
 */
export const reopenClaim = (ctx: StoryContext): void => {
  const { story, profile, random } = ctx;
  if (!profile.options.reopen) return;
  story.waitDays(20, 90);
  if (story.claim.status !== "closed" || story.claim.closedOutcome !== "paid") return;
  story.onClaim({
    type: "ReopenClaim",
    reason: "The customer reported further damage found after the repair",
  });
  story.checkpoint("reopened");
  const { insurer, line } = profile.policy;
  const extra = scaledMoney(insurer, Math.round(profile.damageCny * random.between(0.1, 0.3)));
  story.wait(2, 48);
  story.onClaim({ type: "SetReserve", costType: "indemnity", balance: extra, reason: "Reopened" });
  const previous = story.claim.assessment?.total ?? extra;
  story.waitDays(2, 10);
  story.onClaim({
    type: "AssessDamage",
    lines: [
      ...assessmentLines(line, profile.peril, previous),
      { kind: "other", description: "Further damage found after reopening", amount: extra },
    ],
  });
  settleInCash(ctx);
};

/**
 * A denial is followed by the refusal notice (a few arrive after the three-day deadline), the
 * customer's reaction, and for most the claim is closed as denied.
 */
export const refuseClaim = (ctx: StoryContext): void => {
  const { story, profile, random } = ctx;
  story.checkpoint("denied");
  if (random.chance(0.1)) story.waitDays(4, 6);
  else story.wait(4, 40);
  story.onClaim({ type: "SendRefusalNotice" });
  recordFeedback(ctx);
  if (profile.options.closeDenied) {
    story.waitDays(1, 7);
    story.onClaim({ type: "CloseClaim", outcome: "denied" });
  }
};
