import type { Money } from "@claimstream/domain";
import { DEMO_ADJUSTERS } from "./seed-catalog.js";
import { describeLoss, documentChecklist } from "./seed-claim-facts.js";
import { moneyLike, scaledMoney } from "./seed-money.js";
import { snapshotAt } from "./seed-policies.js";
import type { ClaimProfile } from "./seed-profile.js";
import type { SeedRandom } from "./seed-random.js";
import type { ClaimStory } from "./seed-story.js";
import { DAY_MS, HOUR_MS, isoOf } from "./seed-time.js";
import { demoVehicle } from "./seed-vehicles.js";

/** What every stage builder works with: the story being told, its claim, the random source. */
export interface StoryContext {
  readonly story: ClaimStory;
  readonly profile: ClaimProfile;
  readonly random: SeedRandom;
}

const FOREIGN_REGION: Readonly<Record<string, string>> = {
  VN: "Hanoi",
  KZ: "Almaty",
  MX: "Baja California",
};

const reportedObject = ({ profile, random }: StoryContext) => {
  const { policy } = profile;
  if (policy.vehicle === null) return {};
  // A reporter who gives another car's VIN: the coverage check finds the mismatch.
  if (profile.coverageFailure === "object") {
    return { vin: demoVehicle(random, policy.insurer.jurisdiction, policy.region).vin };
  }
  return { vin: policy.vehicle.vin, plate: policy.vehicle.plate };
};

/** A police report exists for collisions, thefts, vandalism and third-party accidents. */
const hasPoliceReport = (profile: ClaimProfile): boolean =>
  !profile.suspicious &&
  ["collision", "theft", "vandalism", "third_party_liability"].includes(profile.peril);

/** First notice of loss, as the reporter gives it. */
export const registerClaim = (ctx: StoryContext): void => {
  const { story, profile, random } = ctx;
  const { policy } = profile;
  const channel = random.pick(["email", "phone", "web", "partner_api", "walk_in"] as const);
  story.onClaim({
    type: "RegisterClaim",
    claimId: profile.claimId,
    policyId: policy.policyId,
    insurerId: policy.insurer.id,
    line: policy.line,
    jurisdiction: policy.insurer.jurisdiction,
    currency: policy.insurer.currency,
    lossDate: profile.lossDate,
    lossPlace: {
      country: profile.lossCountry,
      region: FOREIGN_REGION[profile.lossCountry] ?? policy.region,
    },
    peril: profile.peril,
    description: describeLoss(policy.line, profile.peril, profile.suspicious, random.pick),
    channel,
    ...(channel === "partner_api" || channel === "email"
      ? { referralNumber: `REF-${policy.insurer.code}-${profile.seq}` }
      : {}),
    reporter: { name: policy.holder.name, phone: policy.holder.phone },
    insuredObject: reportedObject(ctx),
    ...(profile.estimateCny === null
      ? {}
      : { estimatedAmount: scaledMoney(policy.insurer, profile.estimateCny) }),
  });
  story.checkpoint("registered");
};

/** The reporter is told the claim is in (late for a few Californian claims), then called. */
export const acknowledgeClaim = ({ story, profile, random }: StoryContext): void => {
  if (profile.options.lateAcknowledgement) story.waitDays(16, 19);
  else story.wait(0.2, 10);
  story.onClaim({ type: "AcknowledgeClaim" });
  story.wait(0.5, 20);
  story.onClaim({
    type: "RecordFirstContact",
    channel: random.pick(["phone", "phone", "email", "sms"] as const),
  });
};

/** Coverage checked against the policy as the handler sees it at that moment. */
export const verifyCoverage = ({ story, profile }: StoryContext): void => {
  story.wait(0.5, 20);
  story.onClaim({ type: "VerifyCoverage", policy: snapshotAt(profile.policy, story.at) });
};

/** Risk triage from the facts gathered on the first call; suspicious claims score high. */
export const triageClaim = ({ story, profile, random }: StoryContext): void => {
  const { policy, suspicious } = profile;
  story.wait(0.1, 3);
  story.onClaim({
    type: "TriageClaim",
    sumInsured: policy.sumInsured,
    policyStartDate: policy.startDate,
    priorClaimsLast12Months: suspicious ? 3 : random.chance(0.2) ? 1 : 0,
    singleParty:
      !suspicious &&
      profile.peril !== "third_party_liability" &&
      (profile.path === "fast_track" || profile.peril !== "collision" || random.chance(0.6)),
    injuries: suspicious || (policy.line === "motor_liability" && random.chance(0.12)),
    policeReport: hasPoliceReport(profile),
    lossHourLocal: profile.lossHour,
  });
  story.checkpoint("verified");
};

const initialReserve = (profile: ClaimProfile): Money => {
  const { insurer, line } = profile.policy;
  const fallbackCny = line === "property" ? 20_000 : 8_000;
  return scaledMoney(insurer, profile.estimateCny ?? fallbackCny);
};

const reassign = ({ story, profile, random }: StoryContext): void => {
  const current = story.claim.adjusterId ?? profile.adjusterId;
  const others = DEMO_ADJUSTERS.filter(
    (a) => a.jurisdiction === profile.policy.insurer.jurisdiction && !a.idle && a.id !== current,
  );
  story.waitDays(2, 8);
  story.onClaim({
    type: "AssignAdjuster",
    adjusterId: random.pick(others).id,
    reason: "Workload balancing",
  });
};

/** The adjuster takes the claim and sets the first case reserves. */
export const assignAdjuster = (ctx: StoryContext, quick = false): void => {
  const { story, profile, random } = ctx;
  if (quick) story.wait(0.2, 2);
  else story.wait(0.5, 24);
  story.onClaim({ type: "AssignAdjuster", adjusterId: profile.adjusterId });
  story.wait(0.1, 4);
  const reserve = initialReserve(profile);
  story.onClaim({
    type: "SetReserve",
    costType: "indemnity",
    balance: reserve,
    reason: "Initial case reserve",
  });
  if (profile.policy.line === "property" || profile.options.expensePayout) {
    const expense = Math.max(1, Math.round((reserve.amount * random.between(0.03, 0.08)) / 100));
    story.onClaim({
      type: "SetReserve",
      costType: "expense",
      balance: moneyLike(reserve, expense * 100),
      reason: "Towing, storage and adjusting costs",
    });
  }
  story.checkpoint("assigned");
  if (profile.options.reassign) reassign(ctx);
};

/** The checklist is requested and worked through; `upTo` stops after that many documents. */
export const collectDocuments = (
  { story, profile }: StoryContext,
  upTo = Number.POSITIVE_INFINITY,
): void => {
  const documents = documentChecklist(profile.policy.line, profile.peril, hasPoliceReport(profile));
  story.wait(0.5, 24);
  story.onClaim({ type: "RequestDocuments", documents });
  documents.slice(0, upTo).forEach((document, i) => {
    if (i === documents.length - 1) story.checkpoint("documents");
    story.wait(2, 72);
    story.onClaim({ type: "ReceiveDocument", document });
  });
};

/** A surveyor inspects the damage on a booked date and takes photos. */
export const inspectDamage = ({ story, profile, random }: StoryContext): void => {
  story.wait(2, 24);
  const scheduledAt = Math.ceil((story.at + random.between(1, 3) * DAY_MS) / HOUR_MS) * HOUR_MS;
  story.onClaim({
    type: "BookInspection",
    scheduledAt: isoOf(scheduledAt),
    surveyorId: story.claim.adjusterId ?? profile.adjusterId,
  });
  story.checkpoint("inspection");
  story.waitUntil(scheduledAt);
  story.wait(1, 3);
  story.onClaim({
    type: "CompleteInspection",
    photos: [1, 2, 3].map((n) => `inspection/${profile.claimId}/${n}.jpg`),
  });
};
