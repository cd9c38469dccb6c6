import {
  type ClaimCommand,
  ClaimCommandSchema,
  type ClaimEvent,
  claimDecider,
  foldEvents,
  formatMoney,
  stateAsOf,
} from "@claimstream/domain";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const day = (n: number, hours = 0) =>
  new Date(T0 + n * 86_400_000 + hours * 3_600_000).toISOString();
const cny = (amount: number) => ({ amount, currency: "CNY" });

/** One motor claim, FNOL to close, as a claims team would send it. */
const script: readonly unknown[] = [
  {
    type: "RegisterClaim",
    occurredAt: day(0),
    claimId: "C-2026-0001",
    policyId: "P-88",
    insurerId: "pacific-mutual",
    line: "motor_own_damage",
    jurisdiction: "CN",
    currency: "CNY",
    lossDate: "2026-02-28",
    lossPlace: { country: "CN", region: "Shanghai" },
    peril: "collision",
    description: "Rear-ended at a traffic light, bumper and boot lid damaged",
    channel: "partner_api",
    reporter: { name: "Li Wei" },
    insuredObject: { vin: "LSVAU2180N2183294" },
    estimatedAmount: cny(300_000),
  },
  {
    type: "VerifyCoverage",
    occurredAt: day(0, 2),
    policy: {
      policyId: "P-88",
      insurerId: "pacific-mutual",
      line: "motor_own_damage",
      jurisdiction: "CN",
      insuredObject: { kind: "vehicle", vin: "LSVAU2180N2183294" },
      startDate: "2026-01-01",
      endDate: "2026-12-31",
      cancelledFrom: null,
      territory: { countries: ["CN"] },
      perils: ["collision", "glass"],
      sumInsured: cny(20_000_000),
      deductible: cny(100_000),
    },
  },
  { type: "AssignAdjuster", occurredAt: day(0, 3), adjusterId: "adj-zhang" },
  { type: "SetReserve", occurredAt: day(0, 3), costType: "indemnity", balance: cny(300_000) },
  { type: "RequestDocuments", occurredAt: day(1), documents: ["police_report", "photos"] },
  { type: "ReceiveDocument", occurredAt: day(2), document: "photos" },
  { type: "ReceiveDocument", occurredAt: day(4), document: "police_report" },
  {
    type: "AssessDamage",
    occurredAt: day(5),
    lines: [
      { kind: "part", description: "Rear bumper", amount: cny(180_000) },
      { kind: "labour", description: "Fit and paint", amount: cny(100_000) },
    ],
  },
  { type: "AgreeSettlement", occurredAt: day(6), amount: cny(280_000), method: "cash" },
  {
    type: "CommitPayout",
    occurredAt: day(7),
    payoutId: "PO-1",
    amount: cny(280_000),
    costType: "indemnity",
  },
  {
    type: "ApprovePayoutCommitment",
    occurredAt: day(7, 2),
    payoutId: "PO-1",
    approverId: "fin-1",
    approverRole: "finance",
  },
  {
    type: "RecordPayment",
    occurredAt: day(8),
    payoutId: "PO-1",
    amount: cny(280_000),
    costType: "indemnity",
  },
  { type: "CloseClaim", occurredAt: day(8, 1), outcome: "paid" },
];

const describeEvent = (e: ClaimEvent): string => {
  switch (e.type) {
    case "DeadlineStarted":
      return `${e.deadline.kind} deadline ${e.deadline.id} due ${e.deadline.dueAt}`;
    case "DeadlineMet":
      return `${e.deadlineId} ${e.onTime ? "met on time" : "met late"}`;
    case "ReserveChanged":
      return `${e.costType} ${formatMoney(e.delta)} → ${formatMoney(e.balance)}`;
    case "SettlementAgreed":
      return `${formatMoney(e.amount)} by ${e.method}`;
    default:
      return "";
  }
};

/** Plays the script through the Claim decider and prints every event. */
export const runClaimDemo = (print: (line: string) => void): void => {
  const events: ClaimEvent[] = [];
  for (const raw of script) {
    const command: ClaimCommand = ClaimCommandSchema.parse(raw);
    const result = claimDecider.decide(command, foldEvents(claimDecider, events));
    if (result._tag === "Left") throw new Error(`${result.left.code}: ${result.left.message}`);
    events.push(...result.right);
  }
  print(`claim C-2026-0001: ${events.length} events`);
  for (const [i, e] of events.entries()) {
    print(
      `${String(i + 1).padStart(3)}  ${e.occurredAt}  ${e.type.padEnd(22)} ${describeEvent(e)}`,
    );
  }
  const asOf = stateAsOf(claimDecider, events, (e) => e.occurredAt <= day(5, 12));
  const final = foldEvents(claimDecider, events);
  print(
    `state as of ${day(5, 12)}: ${asOf.status}, reserve ${formatMoney(asOf.reserves!.indemnity)}`,
  );
  print(
    `state now: ${final.status} (${final.closedOutcome}), paid ${formatMoney(final.paid!.indemnity)}`,
  );
};
