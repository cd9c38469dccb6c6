/**
 * Command bodies for motor claims as a claims team sends them, over the API or the command
 * service: a policy, FNOL and every step to a paid, closed claim.
 */
const T0 = Date.parse("2026-03-02T09:00:00Z");

/** An instant `n` days (and `hours`) after 2026-03-02T09:00Z. */
export const day = (n: number, hours = 0): string =>
  new Date(T0 + n * 86_400_000 + hours * 3_600_000).toISOString();

/** An amount in CNY fen. */
export const cny = (amount: number) => ({ amount, currency: "CNY" });

const VIN = "LSVAU2180N2183294";

/** The personal data of a policyholder, distinct per policy so that leaks can be grepped. */
export const holderOf = (policyId: string) => ({
  name: `Holder ${policyId} Zhang`,
  email: `holder.${policyId.toLowerCase()}@example.com`,
  phone: `+86-21-5555-${policyId.length.toString().padStart(4, "0")}`,
});

/** `IssuePolicy` for `insurerId`. */
export const issuePolicy = (policyId: string, insurerId: string) => ({
  type: "IssuePolicy",
  occurredAt: day(-60),
  policyId,
  insurerId,
  policyNumber: `PN-${policyId}`,
  line: "motor_own_damage",
  jurisdiction: "CN",
  holder: holderOf(policyId),
  insuredObject: { kind: "vehicle", vin: VIN },
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  territory: { countries: ["CN"] },
  perils: ["collision", "glass"],
  sumInsured: cny(20_000_000),
  deductible: cny(100_000),
  writtenPremium: cny(450_000),
  region: "Shanghai",
});

/** `RegisterClaim` (FNOL) on a policy; the reporter is the policyholder. */
export const registerClaim = (claimId: string, policyId: string, insurerId: string) => ({
  type: "RegisterClaim",
  occurredAt: day(0),
  claimId,
  policyId,
  insurerId,
  line: "motor_own_damage",
  jurisdiction: "CN",
  currency: "CNY",
  lossDate: "2026-02-28",
  lossPlace: { country: "CN", region: "Shanghai" },
  peril: "collision",
  description: "Rear-ended at a traffic light, bumper and boot lid damaged",
  channel: "partner_api",
  reporter: { name: holderOf(policyId).name, email: holderOf(policyId).email },
  insuredObject: { vin: VIN },
  estimatedAmount: cny(300_000),
});

/** `SetReserve` to `amount` fen (a distinct amount makes a distinct event). */
export const setReserve = (amount: number, occurredAt = day(0, 3)) => ({
  type: "SetReserve",
  occurredAt,
  costType: "indemnity",
  balance: cny(amount),
});

/** `OpenRepairOrder` at a shop for a claim. */
export const openRepairOrder = (repairOrderId: string, claimId: string, insurerId: string) => ({
  type: "OpenRepairOrder",
  occurredAt: day(1),
  repairOrderId,
  claimId,
  insurerId,
  shopId: "shop-east",
  vehicle: { vin: VIN },
  directBilling: true,
  currency: "CNY",
});

/** `RequestPayout` of an expense to the policyholder. */
export const requestPayout = (
  payoutId: string,
  claimId: string,
  insurerId: string,
  policyId: string,
) => ({
  type: "RequestPayout",
  occurredAt: day(7),
  payoutId,
  claimId,
  insurerId,
  payee: { kind: "policyholder", id: policyId, name: holderOf(policyId).name },
  amount: cny(50_000),
  costType: "expense",
  reason: "towing",
});

/** The claim commands after FNOL up to the cash settlement, in order (all on the claim). */
export const claimStepsToSettlement: readonly object[] = [
  { type: "VerifyCoverage", occurredAt: day(0, 2) },
  { type: "AssignAdjuster", occurredAt: day(0, 3), adjusterId: "adj-zhang" },
  setReserve(300_000, day(0, 4)),
  { type: "RequestDocuments", occurredAt: day(1), documents: ["photos"] },
  { type: "ReceiveDocument", occurredAt: day(2), document: "photos" },
  {
    type: "AssessDamage",
    occurredAt: day(5),
    lines: [
      { kind: "part", description: "Rear bumper", amount: cny(180_000) },
      { kind: "labour", description: "Fit and paint", amount: cny(100_000) },
    ],
  },
  { type: "AgreeSettlement", occurredAt: day(6), amount: cny(280_000), method: "cash" },
];

/** The payout commands after the process manager requested the settlement payout. */
export const payoutSteps: readonly object[] = [
  { type: "ApprovePayout", occurredAt: day(7) },
  { type: "IssuePayout", occurredAt: day(8), paymentReference: "BANK-7781" },
];

/** The claim's last step, once the paid claim was closed by the process manager. */
export const feedback = { type: "RecordFeedback", occurredAt: day(20), csat: 4, comment: "ok" };

/** The repair order commands after it was opened, up to the handover `signedBy` signed. */
export const repairStepsToHandover = (signedBy: string): readonly object[] => [
  { type: "ReceiveVehicle", occurredAt: day(1, 2), mileage: 42_180, photos: [] },
  { type: "RecordDiagnostics", occurredAt: day(1, 4), findings: ["Rear bumper cracked"] },
  {
    type: "SubmitEstimate",
    occurredAt: day(1, 6),
    lines: [{ kind: "part", description: "Rear bumper", quantity: 1, amount: cny(180_000) }],
  },
  { type: "ConfirmAssessment", occurredAt: day(2) },
  {
    type: "AssignWork",
    occurredAt: day(2, 1),
    assignee: { kind: "technician", technicianId: "t-3" },
  },
  { type: "StartWork", occurredAt: day(2, 2) },
  { type: "CompleteWork", occurredAt: day(4), photos: [] },
  { type: "HandOverVehicle", occurredAt: day(4, 2), signedBy },
];
