/**
 * The benchmark workload: one motor claim told end to end through the real deciders (policy
 * issued, FNOL, coverage, adjuster, reserves, documents, inspection, assessment, settlement, a
 * payout requested, approved and issued, payment recorded, claim closed): 28 events in four
 * appends to three streams. Story `n` is the same story with its own ids, so any number of
 * stories is cheap to make, deterministic, and valid for the read models' schemas.
 */
import {
  claimDecider,
  foldEvents,
  payoutDecider,
  policyDecider,
  toPolicySnapshot,
} from "@claimstream/domain";

const T0 = "2026-03-02T09:00:00.000Z";
const at = (days, hours = 0) =>
  new Date(Date.parse(T0) + days * 86_400_000 + hours * 3_600_000).toISOString();
const cny = (amount) => ({ amount, currency: "CNY" });
const command = (type, occurredAt, fields = {}) => ({
  type,
  schemaVersion: 1,
  occurredAt,
  ...fields,
});

// Placeholders replaced per story; they occur nowhere else in the events' JSON.
const CLAIM = "CTPL0";
const POLICY = "PTPL0";
const PAYOUT = "YTPL0";

/** Runs commands through a decider from `history`; throws on a refusal (a workload bug). */
const decideAll = (decider, commands, history = []) => {
  const events = [...history];
  for (const next of commands) {
    const result = decider.decide(next, foldEvents(decider, events));
    if (result._tag === "Left") {
      throw new Error(`${next.type} refused: ${JSON.stringify(result.left)}`);
    }
    events.push(...result.right);
  }
  return events.slice(history.length);
};

const issuePolicy = command("IssuePolicy", at(-60), {
  policyId: POLICY,
  insurerId: "ins-a",
  policyNumber: `CN-${POLICY}`,
  line: "motor_own_damage",
  jurisdiction: "CN",
  holder: { name: "Li Wei" },
  insuredObject: { kind: "vehicle", vin: "LSVAU2180N2183294" },
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  territory: { countries: ["CN"] },
  perils: ["collision", "glass", "theft"],
  sumInsured: cny(20_000_000),
  deductible: cny(100_000),
  writtenPremium: cny(3_650_000),
  region: "Shanghai",
});

/** The FNOL command of the story's claim. */
const registerClaim = command("RegisterClaim", at(0), {
  claimId: CLAIM,
  policyId: POLICY,
  insurerId: "ins-a",
  line: "motor_own_damage",
  jurisdiction: "CN",
  currency: "CNY",
  lossDate: "2026-02-28",
  lossPlace: { country: "CN", region: "Shanghai" },
  peril: "collision",
  description: "Rear-ended at a traffic light on Yan'an Road, bumper and boot lid damaged",
  channel: "partner_api",
  reporter: { name: "Li Wei", phone: "+86 138 0000 0000" },
  insuredObject: { vin: "LSVAU2180N2183294" },
  estimatedAmount: cny(300_000),
});

const policyEvents = decideAll(policyDecider, [issuePolicy]);
const snapshot = toPolicySnapshot(foldEvents(policyDecider, policyEvents));

/** Claim commands from FNOL to an agreed cash settlement. */
export const claimOpening = [
  registerClaim,
  command("AcknowledgeClaim", at(0, 1)),
  command("RecordFirstContact", at(0, 2), { channel: "phone" }),
  command("VerifyCoverage", at(0, 3), { policy: snapshot }),
  command("AssignAdjuster", at(0, 4), { adjusterId: "adj-1" }),
  command("SetReserve", at(0, 5), { costType: "indemnity", balance: cny(300_000) }),
  command("SetReserve", at(0, 6), { costType: "expense", balance: cny(20_000) }),
  command("RequestDocuments", at(1), { documents: ["driving_licence", "photos"] }),
  command("ReceiveDocument", at(1, 2), { document: "driving_licence" }),
  command("ReceiveDocument", at(1, 3), { document: "photos" }),
  command("BookInspection", at(1, 4), { scheduledAt: at(2), surveyorId: "sv-1" }),
  command("CompleteInspection", at(2), { photos: ["p1.jpg", "p2.jpg"] }),
  command("AssessDamage", at(2, 2), {
    lines: [
      { kind: "part", description: "Rear bumper", amount: cny(180_000) },
      { kind: "labour", description: "Fit and paint", amount: cny(100_000) },
    ],
  }),
  command("SetReserve", at(2, 3), { costType: "indemnity", balance: cny(280_000) }),
  command("AgreeSettlement", at(3), { amount: cny(280_000), method: "cash" }),
];

const payoutCommands = [
  command("RequestPayout", at(3, 1), {
    payoutId: PAYOUT,
    claimId: CLAIM,
    insurerId: "ins-a",
    payee: { kind: "shop", id: "shop-1", name: "Shop One" },
    amount: cny(280_000),
    costType: "indemnity",
    reason: "cash settlement",
    requestedBy: "u-handler",
  }),
  command("ApprovePayout", at(4), { approverId: "u-fin", approverRole: "finance" }),
  command("IssuePayout", at(5), { paymentReference: `ref-${PAYOUT}` }),
];

/**
 * The claim's side of the payout (the commitment and approval its guards record, as the API
 * does before the payout's own commands), the payment, then the closing.
 */
const payoutOnClaim = [
  command("CommitPayout", at(3, 1), {
    payoutId: PAYOUT,
    amount: cny(280_000),
    costType: "indemnity",
  }),
  command("ApprovePayoutCommitment", at(4), {
    payoutId: PAYOUT,
    approverId: "u-fin",
    approverRole: "finance",
  }),
  command("RecordPayment", at(5, 1), {
    payoutId: PAYOUT,
    amount: cny(280_000),
    costType: "indemnity",
  }),
];
const closeClaim = command("CloseClaim", at(6), { outcome: "paid" });

const claimOpened = decideAll(claimDecider, claimOpening);
const claimClosed = decideAll(claimDecider, [...payoutOnClaim, closeClaim], claimOpened);

/** The story's appends, in order: `{ stream, events }` with placeholder ids. */
const TEMPLATE = JSON.stringify([
  { stream: `policy-${POLICY}`, events: policyEvents },
  { stream: `claim-${CLAIM}`, events: claimOpened },
  { stream: `payout-${PAYOUT}`, events: decideAll(payoutDecider, payoutCommands) },
  { stream: `claim-${CLAIM}`, events: claimClosed },
]);

/** Events in one story. */
export const EVENTS_PER_STORY = JSON.parse(TEMPLATE).reduce((n, a) => n + a.events.length, 0);

/**
 * Story `n`'s appends: `[{ stream, events }]` in the order a live system would write them
 * (the claim's second append continues its stream). `events` are domain events.
 */
export const claimStory = (n, prefix = "") =>
  JSON.parse(
    TEMPLATE.replaceAll(CLAIM, `C${prefix}${n}`)
      .replaceAll(POLICY, `P${prefix}${n}`)
      .replaceAll(PAYOUT, `PAY${prefix}${n}`),
  );

/** Story `n`'s claim stream and its first `count` domain events (`count` ≤ 26). */
export const claimPrefix = (n, count, prefix = "") => {
  const story = claimStory(n, prefix);
  const claimEvents = [...story[1].events, ...story[3].events];
  return { stream: story[1].stream, events: claimEvents.slice(0, count) };
};
