import type { Peril } from "@claimstream/domain";
import type { DemoLine, PolicyPlan } from "./seed-policies.js";
import type { ClaimOptions, ClaimPath, ClaimSpec } from "./seed-profile.js";
import type { SeedRandom } from "./seed-random.js";
import type { Checkpoint } from "./seed-story.js";
import { ceilMinute, DAY_MS, dateOf, HOUR_MS, MINUTE_MS, msOfDate } from "./seed-time.js";

/** Loss dates are spread over this many days before `now` (a little over 18 months). */
export const ACCIDENT_WINDOW_DAYS = 558;

/** When the loss happened and when it was reported. */
export interface ClaimTiming {
  readonly lossDate: string;
  readonly lossHour: number;
  readonly reportedAt: number;
}

// Half the losses spread evenly, half weighted towards recent months (a growing book).
const lossOffsetDays = (random: SeedRandom, suspicious: boolean): number => {
  if (suspicious) return random.int(50, ACCIDENT_WINDOW_DAYS - 3);
  if (random.chance(0.5)) return random.int(1, ACCIDENT_WINDOW_DAYS);
  return 1 + Math.floor((ACCIDENT_WINDOW_DAYS - 1) * (1 - Math.sqrt(random.next())));
};

const reportLag = (random: SeedRandom, suspicious: boolean): number => {
  if (suspicious) return random.between(35, 50) * DAY_MS;
  const band = random.weighted({ sameDay: 0.7, days: 0.25, late: 0.05 });
  if (band === "sameDay") return random.between(1, 24) * HOUR_MS;
  return band === "days" ? random.between(1, 4) * DAY_MS : random.between(5, 12) * DAY_MS;
};

/**
 * Draws loss and report times. Suspicious losses happen at 2 a.m. and are reported five or
 * more weeks later; every report lands before `now`.
 */
export const drawTiming = (
  random: SeedRandom,
  nowMs: number,
  spec: ClaimSpec & { readonly lossDaysAgo?: readonly [number, number] },
  suspicious: boolean,
): ClaimTiming => {
  if (spec.reportedDaysAgo) {
    const [from, to] = spec.reportedDaysAgo;
    const reportedAt = ceilMinute(nowMs - random.between(from, to) * DAY_MS) - MINUTE_MS;
    const lag = suspicious ? random.between(35, 50) * DAY_MS : random.between(1, 20) * HOUR_MS;
    const lossInstant = reportedAt - lag;
    return {
      lossDate: dateOf(lossInstant),
      lossHour: suspicious ? 2 : new Date(lossInstant).getUTCHours(),
      reportedAt,
    };
  }
  const offset = spec.lossDaysAgo
    ? random.int(spec.lossDaysAgo[0], spec.lossDaysAgo[1])
    : lossOffsetDays(random, suspicious);
  const lossDate = dateOf(nowMs - offset * DAY_MS);
  const lossHour = suspicious ? 2 : random.int(7, 22);
  const lossInstant = msOfDate(lossDate) + lossHour * HOUR_MS;
  const latest = nowMs - 10 * MINUTE_MS;
  const reported = lossInstant + reportLag(random, suspicious);
  const reportedAt =
    reported <= latest
      ? reported
      : lossInstant + (latest - lossInstant) * random.between(0.3, 0.95);
  return { lossDate, lossHour, reportedAt: Math.min(ceilMinute(reportedAt), latest) };
};

const COVERED_PERIL_WEIGHTS: Readonly<Record<DemoLine, Partial<Record<Peril, number>>>> = {
  motor_own_damage: {
    collision: 0.62,
    glass: 0.15,
    theft: 0.02,
    hail: 0.05,
    flood: 0.05,
    fire: 0.02,
    vandalism: 0.09,
  },
  motor_liability: { third_party_liability: 1 },
  property: { fire: 0.3, flood: 0.3, theft: 0.2, vandalism: 0.1, other: 0.1 },
};

const UNCOVERED_CANDIDATES: Readonly<Record<DemoLine, readonly Peril[]>> = {
  motor_own_damage: ["flood", "hail", "theft", "fire", "vandalism", "other"],
  motor_liability: ["collision", "theft"],
  property: ["flood", "theft", "vandalism", "other", "collision"],
};

/** A peril the policy covers, by how often such losses happen. */
export const coveredPeril = (random: SeedRandom, policy: PolicyPlan): Peril =>
  random.weighted(
    Object.fromEntries(
      Object.entries(COVERED_PERIL_WEIGHTS[policy.line]).filter(([peril]) =>
        policy.perils.includes(peril as Peril),
      ),
    ) as Partial<Record<Peril, number>>,
  );

/** A peril the policy does not cover (the claim will be denied on coverage). */
export const uncoveredPeril = (random: SeedRandom, policy: PolicyPlan): Peril =>
  random.pick(UNCOVERED_CANDIDATES[policy.line].filter((peril) => !policy.perils.includes(peril)));

const skewed = (random: SeedRandom, min: number, max: number): number =>
  Math.round(min + (max - min) * random.next() ** 2);

const DAMAGE_CNY: Readonly<Partial<Record<Peril, readonly [number, number]>>> = {
  collision: [1_500, 20_000],
  glass: [800, 4_000],
  hail: [3_000, 12_000],
  flood: [6_000, 40_000],
  fire: [8_000, 50_000],
  vandalism: [1_500, 8_000],
  third_party_liability: [2_000, 25_000],
  other: [2_000, 15_000],
};

const PROPERTY_DAMAGE_CNY: Readonly<Partial<Record<Peril, readonly [number, number]>>> = {
  fire: [8_000, 80_000],
  flood: [6_000, 60_000],
  theft: [3_000, 20_000],
  vandalism: [1_000, 8_000],
};

/**
 * The true damage in CNY major units, scaled by the insurer's severity and always above the
 * deductible; a fast-track loss stays under the CNY 5,000 fast-track limit.
 */
export const drawDamageCny = (
  random: SeedRandom,
  policy: PolicyPlan,
  peril: Peril,
  path: ClaimPath,
): number => {
  const deductibleCny = Math.ceil(policy.deductible.amount / 100 / policy.insurer.perCny);
  if (path === "fast_track") return Math.min(4_800, deductibleCny + random.int(800, 2_500));
  const sumInsuredCny = policy.sumInsured.amount / 100 / policy.insurer.perCny;
  const range =
    peril === "theft" && policy.line !== "property"
      ? ([sumInsuredCny * 0.25, sumInsuredCny * 0.5] as const)
      : ((policy.line === "property" ? PROPERTY_DAMAGE_CNY[peril] : DAMAGE_CNY[peril]) ?? [
          2_000, 20_000,
        ]);
  const damage = skewed(random, range[0], range[1]) * policy.insurer.severity;
  return Math.max(Math.round(damage), deductibleCny + 600);
};

const csatOf = (random: SeedRandom, path: ClaimPath, complaint: boolean): number => {
  if (complaint) return random.int(1, 2);
  const denied = path === "coverage_denied" || path === "fraud_denied";
  return Number(
    random.weighted(denied ? { "1": 0.5, "2": 0.3, "3": 0.2 } : { "3": 0.15, "4": 0.4, "5": 0.45 }),
  );
};

/** The twists of a claim's story, drawn for its path; a showcase spec may pin some. */
export const drawOptions = (
  random: SeedRandom,
  policy: PolicyPlan,
  path: ClaimPath,
  peril: Peril,
  pinned: Partial<ClaimOptions> = {},
): ClaimOptions => {
  const motor = policy.line !== "property";
  const paid = path === "cash" || path === "repair";
  const repair = path === "repair";
  const denied = path === "coverage_denied" || path === "fraud_denied";
  const complaint = pinned.complaint ?? random.chance(denied ? 0.3 : 0.06);
  return {
    lateAcknowledgement: policy.insurer.jurisdiction === "US-CA" && random.chance(0.08),
    expensePayout: motor && paid && random.chance(0.12),
    reassign: random.chance(0.05),
    dispute: repair && random.chance(0.25),
    supplement:
      repair && random.chance(0.3) ? (random.chance(0.7) ? "approved" : "rejected") : null,
    partsDays:
      repair && random.chance(0.6)
        ? random.chance(0.15)
          ? random.int(10, 25)
          : random.int(1, 6)
        : null,
    directBilling: random.chance(0.85),
    failedPayment: random.chance(0.05),
    latePayment: random.chance(0.12),
    slowFastTrack: path === "fast_track" && random.chance(0.12),
    recovery:
      motor && paid && random.chance(0.15) ? (peril === "theft" ? "salvage" : "subrogation") : null,
    reopen: paid && random.chance(0.05),
    csat: random.chance(0.65) ? csatOf(random, path, complaint) : null,
    complaint,
    closeDenied: random.chance(0.75),
    ...pinned,
  };
};

const STALLS: Readonly<Record<ClaimPath, readonly Checkpoint[]>> = {
  cash: ["documents", "inspection", "assessed", "settled", "approved"],
  repair: ["documents", "assessed", "ro_received", "ro_estimated", "ro_parts", "ro_in_repair"],
  fast_track: ["approved"],
  coverage_denied: ["denied"],
  fraud_denied: ["denied"],
  withdrawn: [],
  duplicate: [],
};

/** Where a randomly drawn claim stalls: mostly recent ones, a few old ones (the long tail). */
export const drawStall = (
  random: SeedRandom,
  path: ClaimPath,
  ageDays: number,
): Checkpoint | null => {
  const candidates = STALLS[path];
  if (candidates.length === 0 || !random.chance(ageDays <= 120 ? 0.12 : 0.02)) return null;
  return random.pick(candidates);
};
