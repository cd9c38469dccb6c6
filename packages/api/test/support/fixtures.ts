/** Request bodies for one motor claim, FNOL to close, as a claims team would send them. */
const T0 = Date.parse("2026-03-02T09:00:00Z");

/** An instant `n` days (and `hours`) after 2026-03-02T09:00Z. */
export const day = (n: number, hours = 0): string =>
  new Date(T0 + n * 86_400_000 + hours * 3_600_000).toISOString();

/** An amount in CNY fen. */
export const cny = (amount: number) => ({ amount, currency: "CNY" });

export const INSURER = "pacific-mutual";
export const OTHER_INSURER = "north-star";
const VIN = "LSVAU2180N2183294";

export const issuePolicy = (policyId: string, insurerId = INSURER) => ({
  type: "IssuePolicy",
  occurredAt: day(-60),
  policyId,
  insurerId,
  policyNumber: `PN-${policyId}`,
  line: "motor_own_damage",
  jurisdiction: "CN",
  holder: { name: "Li Wei" },
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

export const registerClaim = (claimId: string, policyId: string, insurerId = INSURER) => ({
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
  reporter: { name: "Li Wei" },
  insuredObject: { vin: VIN },
  estimatedAmount: cny(300_000),
});

export const verifyCoverage = (policyId: string, insurerId = INSURER) => ({
  type: "VerifyCoverage",
  occurredAt: day(0, 2),
  policy: {
    policyId,
    insurerId,
    line: "motor_own_damage",
    jurisdiction: "CN",
    insuredObject: { kind: "vehicle", vin: VIN },
    startDate: "2026-01-01",
    endDate: "2026-12-31",
    cancelledFrom: null,
    territory: { countries: ["CN"] },
    perils: ["collision", "glass"],
    sumInsured: cny(20_000_000),
    deductible: cny(100_000),
  },
});

export const assignAdjuster = {
  type: "AssignAdjuster",
  occurredAt: day(0, 3),
  adjusterId: "adj-zhang",
};
export const setReserve = {
  type: "SetReserve",
  occurredAt: day(0, 3),
  costType: "indemnity",
  balance: cny(300_000),
};
export const assessDamage = {
  type: "AssessDamage",
  occurredAt: day(5),
  lines: [
    { kind: "part", description: "Rear bumper", amount: cny(180_000) },
    { kind: "labour", description: "Fit and paint", amount: cny(100_000) },
  ],
};
export const agreeCashSettlement = {
  type: "AgreeSettlement",
  occurredAt: day(6),
  amount: cny(280_000),
  method: "cash",
};

export const openRepairOrder = (repairOrderId: string, claimId: string, insurerId = INSURER) => ({
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

export const requestPayout = (payoutId: string, claimId: string, insurerId = INSURER) => ({
  type: "RequestPayout",
  occurredAt: day(7),
  payoutId,
  claimId,
  insurerId,
  payee: { kind: "policyholder", id: "P-1", name: "Li Wei" },
  amount: cny(50_000),
  costType: "expense",
  reason: "towing",
});

/** A repair at the shop, intake to handover: a disputed assessment, parts and a supplement. */
export const repairSteps: readonly object[] = [
  { type: "ReceiveVehicle", occurredAt: day(5, 2), mileage: 42_000, photos: [] },
  {
    type: "RecordDiagnostics",
    occurredAt: day(5, 4),
    findings: ["rear bumper cracked", "boot lid dented"],
  },
  {
    type: "SubmitEstimate",
    occurredAt: day(5, 6),
    lines: [
      { kind: "part", description: "Rear bumper", quantity: 1, amount: cny(200_000) },
      { kind: "labour", description: "Fit and paint", quantity: 4, amount: cny(80_000) },
    ],
  },
  {
    type: "DisputeAssessment",
    occurredAt: day(5, 7),
    reason: "paint is extra",
    proposedAmount: cny(300_000),
  },
  {
    type: "AssignWork",
    occurredAt: day(6),
    assignee: { kind: "technician", technicianId: "tech-1" },
  },
  {
    type: "OrderParts",
    occurredAt: day(6),
    partsOrderId: "PO-PARTS-1",
    parts: [{ description: "Rear bumper", quantity: 1 }],
  },
  { type: "ReceiveParts", occurredAt: day(8), partsOrderId: "PO-PARTS-1" },
  { type: "StartWork", occurredAt: day(8, 1) },
  {
    type: "RequestSupplement",
    occurredAt: day(8, 3),
    supplementId: "S-1",
    lines: [{ kind: "part", description: "Hidden bracket", quantity: 1, amount: cny(20_000) }],
    reason: "bracket bent",
  },
  { type: "CompleteWork", occurredAt: day(10), photos: ["s3://shop/done.jpg"] },
  { type: "NotifyCustomer", occurredAt: day(10, 1), channel: "sms" },
  { type: "HandOverVehicle", occurredAt: day(11), signedBy: "Li Wei" },
];
