import {
  recordFeedback,
  recoverFromThirdParty,
  refuseClaim,
  reopenClaim,
} from "./seed-claim-close.js";
import { assessmentLines } from "./seed-claim-facts.js";
import {
  acknowledgeClaim,
  assignAdjuster,
  collectDocuments,
  inspectDamage,
  registerClaim,
  type StoryContext,
  triageClaim,
  verifyCoverage,
} from "./seed-claim-intake.js";
import type { SeedLedger } from "./seed-ledger.js";
import { moneyLike, scaledMoney } from "./seed-money.js";
import { payTowing, settleInCash } from "./seed-payouts.js";
import type { ClaimPath, ClaimProfile } from "./seed-profile.js";
import type { SeedRandom } from "./seed-random.js";
import { answerAssessment, bookIntoShop } from "./seed-repair-shop.js";
import { repairAndHandOver } from "./seed-repair-work.js";
import { ClaimStory } from "./seed-story.js";
import type { TimedStep } from "./seed-types.js";

/** The surveyor's damage assessment, and the reserve moved to it. */
const assessDamage = ({ story, profile }: StoryContext): void => {
  const { insurer, line, deductible } = profile.policy;
  const total = scaledMoney(insurer, profile.damageCny);
  story.wait(4, 48);
  story.onClaim({ type: "AssessDamage", lines: assessmentLines(line, profile.peril, total) });
  story.wait(0.2, 6);
  story.onClaim({
    type: "SetReserve",
    costType: "indemnity",
    balance: moneyLike(total, total.amount - deductible.amount),
    reason: "Reserve set to the assessment",
  });
  story.checkpoint("assessed");
};

const intake = (ctx: StoryContext): void => {
  registerClaim(ctx);
  acknowledgeClaim(ctx);
  verifyCoverage(ctx);
};

/** A small, clean motor claim settles from photos within 24 hours (or misses the promise). */
const tellFastTrack = (ctx: StoryContext): void => {
  const { story, profile } = ctx;
  assignAdjuster(ctx, true);
  if (profile.options.slowFastTrack) story.wait(26, 40);
  else story.wait(1, 12);
  afterPayment(ctx, settleInCash(ctx, true));
};

const afterPayment = (ctx: StoryContext, payoutId: string | null): void => {
  if (ctx.story.claim.status !== "closed") return;
  recordFeedback(ctx);
  if (payoutId !== null) recoverFromThirdParty(ctx, payoutId);
  reopenClaim(ctx);
};

const handle = (ctx: StoryContext): void => {
  assignAdjuster(ctx);
  payTowing(ctx);
  collectDocuments(ctx);
  inspectDamage(ctx);
  assessDamage(ctx);
};

const tellCash = (ctx: StoryContext): void => {
  handle(ctx);
  afterPayment(ctx, settleInCash(ctx));
};

const tellRepair = (ctx: StoryContext): void => {
  handle(ctx);
  const repairOrderId = bookIntoShop(ctx);
  answerAssessment(ctx, repairOrderId);
  ctx.story.checkpoint("ro_estimated");
  const cashPayout = ctx.profile.options.directBilling ? null : settleInCash(ctx);
  const invoicePayout = repairAndHandOver(ctx, repairOrderId);
  afterPayment(ctx, invoicePayout ?? cashPayout);
};

const tellFraudDenied = (ctx: StoryContext): void => {
  const { story } = ctx;
  assignAdjuster(ctx);
  collectDocuments(ctx);
  inspectDamage(ctx);
  story.waitDays(5, 15);
  story.onClaim({
    type: "DenyClaim",
    reason: "Fraud review: the damage does not match the reported circumstances",
  });
  refuseClaim(ctx);
};

const tellWithdrawn = (ctx: StoryContext): void => {
  const { story, random } = ctx;
  assignAdjuster(ctx);
  collectDocuments(ctx, random.int(0, 2));
  story.waitDays(3, 20);
  story.onClaim({ type: "CloseClaim", outcome: "withdrawn" });
};

const tellDuplicate = (ctx: StoryContext): void => {
  registerClaim(ctx);
  ctx.story.wait(2, 20);
  ctx.story.onClaim({ type: "CloseClaim", outcome: "duplicate" });
};

/** Intake and triage, then `next`, unless the rules put the claim on the fast track. */
const triaged =
  (next: (ctx: StoryContext) => void) =>
  (ctx: StoryContext): void => {
    intake(ctx);
    triageClaim(ctx);
    if (ctx.story.claim.fastTrack) tellFastTrack(ctx);
    else next(ctx);
  };

const PATHS: Readonly<Record<ClaimPath, (ctx: StoryContext) => void>> = {
  cash: triaged(tellCash),
  repair: triaged(tellRepair),
  // A claim meant for the fast track that the rules keep off it is handled as a cash claim.
  fast_track: triaged(tellCash),
  coverage_denied: (ctx) => {
    intake(ctx);
    refuseClaim(ctx);
  },
  fraud_denied: triaged(tellFraudDenied),
  withdrawn: triaged(tellWithdrawn),
  duplicate: tellDuplicate,
};

/**
 * Tells one claim's story (with its repair order and payouts) against the ledger and returns
 * its steps, including the deadline scheduler's, in time order.
 *
 * @example
 * ```ts
 * const steps = tellClaimStory(profile, createSeedLedger(), random, Date.parse(now));
 * ```
 */
export const tellClaimStory = (
  profile: ClaimProfile,
  ledger: SeedLedger,
  random: SeedRandom,
  nowMs: number,
): readonly TimedStep[] => {
  const story = new ClaimStory({
    ledger,
    random,
    nowMs,
    claimId: profile.claimId,
    startMs: profile.reportedAt,
    stallAt: profile.stallAt,
  });
  PATHS[profile.path]({ story, profile, random });
  return story.finish();
};
