import type { Money, Peril, PolicyCommand, PolicySnapshot } from "@claimstream/domain";
import { DEMO_INSURERS, DEMO_NAMES, type DemoInsurer } from "./seed-catalog.js";
import { scaledMoney } from "./seed-money.js";
import type { SeedRandom } from "./seed-random.js";
import { DAY_MS, dateOf, HOUR_MS, isoOf, msOfDate, plusDays } from "./seed-time.js";
import { type SeedStep, seedStreamId, type TimedStep } from "./seed-types.js";
import { type DemoVehicle, demoVehicle } from "./seed-vehicles.js";

/** The lines of business of the demo book. */
export type DemoLine = "motor_own_damage" | "motor_liability" | "property";

/** A policy of the demo book, as planned (the commands are derived from it). */
export interface PolicyPlan {
  readonly policyId: string;
  readonly insurer: DemoInsurer;
  readonly line: DemoLine;
  readonly region: string;
  readonly holder: { readonly name: string; readonly phone: string };
  /** The insured vehicle of a motor policy; `null` for property. */
  readonly vehicle: DemoVehicle | null;
  /** The insured address of a property policy; `null` for motor. */
  readonly address: string | null;
  readonly startDate: string;
  readonly endDate: string;
  readonly issuedAt: number;
  readonly perils: readonly Peril[];
  readonly sumInsured: Money;
  readonly deductible: Money;
  readonly premium: Money;
  readonly cancellation: {
    readonly cancelledFrom: string;
    readonly at: number;
    readonly refund: Money;
  } | null;
}

/** Oldest policy start, in days before `now`: the book covers the whole accident window. */
const BOOK_START_DAYS = 830;
const NEWEST_START_DAYS = 10;

// CNY major-unit ranges per line: [sum insured], [deductible], [premium]. Premiums are set
// against the damage tables of seed-profile-facts.ts for loss ratios of about 0.55–0.85.
const TERMS: Readonly<Record<DemoLine, readonly [number, number][]>> = {
  motor_own_damage: [
    [80_000, 250_000],
    [500, 2_000],
    [5_000, 11_000],
  ],
  motor_liability: [
    [500_000, 2_000_000],
    [0, 0],
    [4_000, 9_000],
  ],
  property: [
    [500_000, 3_000_000],
    [1_000, 5_000],
    [8_000, 24_000],
  ],
};

const OPTIONAL_PERILS: Readonly<Record<DemoLine, readonly [Peril, number][]>> = {
  motor_own_damage: [
    ["theft", 0.8],
    ["hail", 0.5],
    ["flood", 0.6],
    ["fire", 0.7],
    ["vandalism", 0.5],
  ],
  motor_liability: [],
  property: [
    ["flood", 0.6],
    ["theft", 0.7],
    ["vandalism", 0.5],
    ["other", 0.4],
  ],
};

const BASE_PERILS: Readonly<Record<DemoLine, readonly Peril[]>> = {
  motor_own_damage: ["collision", "glass"],
  motor_liability: ["third_party_liability"],
  property: ["fire"],
};

const LINE_CODE: Readonly<Record<DemoLine, string>> = {
  motor_own_damage: "MOD",
  motor_liability: "MTPL",
  property: "PRP",
};

const inRange = (random: SeedRandom, [min, max]: [number, number]): number => random.int(min, max);

const termsOf = (random: SeedRandom, line: DemoLine): [number, number, number] => {
  const [sum, deductible, premium] = TERMS[line];
  return [inRange(random, sum!), inRange(random, deductible!), inRange(random, premium!)];
};

const cancellationOf = (
  random: SeedRandom,
  plan: Omit<PolicyPlan, "cancellation">,
  nowMs: number,
): PolicyPlan["cancellation"] => {
  const daysRun = Math.floor((nowMs - msOfDate(plan.startDate)) / DAY_MS);
  if (daysRun < 60) return null;
  const cancelledFrom = plusDays(plan.startDate, random.int(45, Math.min(300, daysRun - 3)));
  const at = msOfDate(cancelledFrom) - random.int(0, 4) * DAY_MS + random.int(2, 9) * HOUR_MS;
  const unearnedDays = (msOfDate(plan.endDate) - msOfDate(cancelledFrom)) / DAY_MS + 1;
  const refund = Math.floor((plan.premium.amount * unearnedDays) / 365);
  return {
    cancelledFrom,
    at: Math.max(at, plan.issuedAt + DAY_MS),
    refund: { amount: refund, currency: plan.premium.currency },
  };
};

const policyOf = (random: SeedRandom, seq: number, nowMs: number): PolicyPlan => {
  const insurerId = random.weighted(Object.fromEntries(DEMO_INSURERS.map((i) => [i.id, i.share])));
  const insurer = DEMO_INSURERS.find((candidate) => candidate.id === insurerId)!;
  const line = random.weighted<DemoLine>({
    motor_own_damage: 0.5,
    motor_liability: 0.3,
    property: 0.2,
  });
  const region = random.pick(insurer.regions);
  const startDate = dateOf(nowMs - random.int(NEWEST_START_DAYS, BOOK_START_DAYS) * DAY_MS);
  const [sumInsured, deductible, premium] = termsOf(random, line);
  const plan: Omit<PolicyPlan, "cancellation"> = {
    policyId: `POL-${insurer.code}-${String(seq).padStart(4, "0")}`,
    insurer,
    line,
    region,
    holder: {
      name: random.pick(DEMO_NAMES[insurer.jurisdiction]),
      phone: `+${random.int(1, 99)} ${random.int(100, 999)} ${random.int(1_000_000, 9_999_999)}`,
    },
    vehicle: line === "property" ? null : demoVehicle(random, insurer.jurisdiction, region),
    address: line === "property" ? `${random.int(1, 300)} ${region} Road, ${region}` : null,
    startDate,
    endDate: plusDays(startDate, 364),
    issuedAt: msOfDate(startDate) - random.int(1, 12) * DAY_MS + random.int(1, 10) * HOUR_MS,
    perils: [
      ...BASE_PERILS[line],
      ...OPTIONAL_PERILS[line].filter(([, p]) => random.chance(p)).map(([peril]) => peril),
    ],
    sumInsured: scaledMoney(insurer, sumInsured),
    deductible:
      deductible === 0
        ? { amount: 0, currency: insurer.currency }
        : scaledMoney(insurer, deductible),
    premium: scaledMoney(insurer, premium),
  };
  return {
    ...plan,
    cancellation: random.chance(0.06) ? cancellationOf(random, plan, nowMs) : null,
  };
};

/** Plans `count` policies starting over the {@link BOOK_START_DAYS} days before `now`. */
export const planPolicyBook = (random: SeedRandom, nowMs: number, count: number): PolicyPlan[] =>
  Array.from({ length: count }, (_, i) => policyOf(random, i + 1, nowMs));

const policyStep = (policy: PolicyPlan, command: PolicyCommand): SeedStep => ({
  stream: seedStreamId("policy", policy.policyId),
  aggregate: "policy",
  command,
});

/** The commands that write a planned policy: issued, and cancelled for a few. */
export const policySteps = (policy: PolicyPlan): TimedStep[] => {
  const issue: TimedStep = {
    at: policy.issuedAt,
    step: policyStep(policy, {
      type: "IssuePolicy",
      schemaVersion: 1,
      occurredAt: isoOf(policy.issuedAt),
      policyId: policy.policyId,
      insurerId: policy.insurer.id,
      policyNumber: `${policy.insurer.code}-${LINE_CODE[policy.line]}-${policy.startDate.slice(0, 4)}-${policy.policyId.slice(-4)}`,
      line: policy.line,
      jurisdiction: policy.insurer.jurisdiction,
      holder: policy.holder,
      insuredObject: policy.vehicle
        ? { kind: "vehicle", ...policy.vehicle }
        : { kind: "property", reference: policy.address ?? policy.region },
      startDate: policy.startDate,
      endDate: policy.endDate,
      territory: { countries: [policy.insurer.country] },
      perils: [...policy.perils],
      sumInsured: policy.sumInsured,
      deductible: policy.deductible,
      writtenPremium: policy.premium,
      region: policy.region,
    }),
  };
  const cancellation = policy.cancellation;
  if (!cancellation) return [issue];
  const cancel: TimedStep = {
    at: cancellation.at,
    step: policyStep(policy, {
      type: "CancelPolicy",
      schemaVersion: 1,
      occurredAt: isoOf(cancellation.at),
      cancelledFrom: cancellation.cancelledFrom,
      refundPremium: cancellation.refund,
      reason: "Vehicle sold or property vacated; cancelled at the holder's request",
    }),
  };
  return [issue, cancel];
};

/** The coverage snapshot a handler checking a claim at `atMs` would load for `policy`. */
export const snapshotAt = (policy: PolicyPlan, atMs: number): PolicySnapshot => ({
  policyId: policy.policyId,
  insurerId: policy.insurer.id,
  line: policy.line,
  jurisdiction: policy.insurer.jurisdiction,
  insuredObject: policy.vehicle
    ? { kind: "vehicle", ...policy.vehicle }
    : { kind: "property", reference: policy.address ?? policy.region },
  startDate: policy.startDate,
  endDate: policy.endDate,
  cancelledFrom:
    policy.cancellation && policy.cancellation.at <= atMs
      ? policy.cancellation.cancelledFrom
      : null,
  territory: { countries: [policy.insurer.country] },
  perils: [...policy.perils],
  sumInsured: policy.sumInsured,
  deductible: policy.deductible,
});

/** Is the policy giving cover on `date` (in its period and not cancelled by then)? */
export const inForceOn = (policy: PolicyPlan, date: string): boolean =>
  date >= policy.startDate &&
  date <= policy.endDate &&
  (policy.cancellation === null || date < policy.cancellation.cancelledFrom);
