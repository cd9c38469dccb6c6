import { calendarFor, Deadlines, type Jurisdiction, presetsFor } from "@claimstream/domain";
import { DEMO_ADJUSTERS, DEMO_SHOPS, type DemoShop } from "./seed-catalog.js";
import { inForceOn, type PolicyPlan } from "./seed-policies.js";
import {
  type ClaimPath,
  type ClaimProfile,
  type ClaimSpec,
  type CoverageFailure,
  SHOWCASE,
} from "./seed-profile.js";
import {
  ACCIDENT_WINDOW_DAYS,
  type ClaimTiming,
  coveredPeril,
  drawDamageCny,
  drawOptions,
  drawStall,
  drawTiming,
  uncoveredPeril,
} from "./seed-profile-facts.js";
import type { SeedRandom } from "./seed-random.js";
import { DAY_MS, dateOf, plusDays } from "./seed-time.js";

type Draft = Omit<ClaimProfile, "claimId" | "seq" | "adjusterId" | "shop">;
type DrawSpec = ClaimSpec & { readonly lossDaysAgo?: readonly [number, number] };

const FOREIGN_COUNTRY: Readonly<Record<string, string>> = { CN: "VN", RU: "KZ", US: "MX" };

const pathOf = (random: SeedRandom, spec: DrawSpec) =>
  spec.path ??
  random.weighted<ClaimPath | "normal">({
    normal: 0.83,
    coverage_denied: 0.07,
    fraud_denied: 0.035,
    withdrawn: 0.04,
    duplicate: 0.025,
  });

const countsOnHolidayTable = (jurisdiction: Jurisdiction): boolean =>
  presetsFor(jurisdiction).some((rule) => Deadlines.CALENDAR_BOUND_UNITS.includes(rule.unit));

/**
 * Deadlines counted on a holiday table (OSAGO's 20 days excluding holidays) can only be
 * computed for dates the shipped calendar covers; a claim whose handling up to `now` would
 * fall outside it goes to another insurer.
 */
const calendarCovers = (policy: PolicyPlan, timing: ClaimTiming, nowMs: number): boolean => {
  const { jurisdiction } = policy.insurer;
  if (!countsOnHolidayTable(jurisdiction)) return true;
  const calendar = calendarFor(jurisdiction);
  const lastHandled = Math.min(nowMs, timing.reportedAt + 120 * DAY_MS) + 60 * DAY_MS;
  return timing.lossDate >= calendar.from && dateOf(lastHandled) <= calendar.to;
};

const fitsSpec = (policy: PolicyPlan, spec: DrawSpec): boolean =>
  (spec.jurisdiction === undefined || policy.insurer.jurisdiction === spec.jurisdiction) &&
  (spec.line === undefined || policy.line === spec.line) &&
  (spec.path !== "repair" || policy.line !== "property");

const candidatesFor = (
  book: readonly PolicyPlan[],
  lossDate: string,
  failure: CoverageFailure | null,
): PolicyPlan[] => {
  switch (failure) {
    case "cancelled":
      return book.filter(
        (p) =>
          p.cancellation !== null &&
          p.cancellation.cancelledFrom <= lossDate &&
          lossDate <= p.endDate,
      );
    case "expired":
      return book.filter((p) => p.endDate < lossDate && p.endDate >= plusDays(lossDate, -120));
    case "object":
      return book.filter((p) => inForceOn(p, lossDate) && p.vehicle !== null);
    default:
      return book.filter((p) => inForceOn(p, lossDate));
  }
};

/** A policy for the loss; a coverage failure that finds no fitting policy becomes "peril". */
const choosePolicy = (
  random: SeedRandom,
  book: readonly PolicyPlan[],
  timing: ClaimTiming & { readonly nowMs: number },
  spec: DrawSpec,
  failure: CoverageFailure | null,
): { policy: PolicyPlan; failure: CoverageFailure | null } => {
  const fitting = candidatesFor(book, timing.lossDate, failure).filter(
    (p) => fitsSpec(p, spec) && calendarCovers(p, timing, timing.nowMs),
  );
  if (fitting.length > 0) return { policy: random.pick(fitting), failure };
  if (failure !== null && failure !== "peril") {
    return choosePolicy(random, book, timing, spec, "peril");
  }
  throw new Error(
    `demo plan bug: no policy fits a loss on ${timing.lossDate} (${JSON.stringify(spec)})`,
  );
};

const normalPath = (random: SeedRandom, policy: PolicyPlan, suspicious: boolean): ClaimPath => {
  const cnOwnDamage = policy.insurer.jurisdiction === "CN" && policy.line === "motor_own_damage";
  if (cnOwnDamage && !suspicious && random.chance(0.3)) return "fast_track";
  if (policy.line !== "property" && random.chance(0.55)) return "repair";
  return "cash";
};

const drawDraft = (
  random: SeedRandom,
  nowMs: number,
  book: readonly PolicyPlan[],
  spec: DrawSpec,
): Draft => {
  const chosenPath = pathOf(random, spec);
  const suspicious =
    chosenPath === "fraud_denied" || (chosenPath === "normal" && random.chance(0.025));
  const timing = drawTiming(random, nowMs, spec, suspicious);
  const wantedFailure =
    chosenPath === "coverage_denied"
      ? (spec.failure ??
        random.weighted<CoverageFailure>({
          cancelled: 0.25,
          expired: 0.2,
          peril: 0.25,
          territory: 0.15,
          object: 0.15,
        }))
      : null;
  const { policy, failure } = choosePolicy(random, book, { ...timing, nowMs }, spec, wantedFailure);
  const path = chosenPath === "normal" ? normalPath(random, policy, suspicious) : chosenPath;
  const peril = failure === "peril" ? uncoveredPeril(random, policy) : coveredPeril(random, policy);
  const damageCny = drawDamageCny(random, policy, peril, path);
  const guess = Math.round(damageCny * random.between(0.6, 1.4));
  // A small CNY estimate from a careful reporter would qualify for the fast track; claims not
  // meant for it come without an estimate instead (as many phone reports do).
  const fastTrackSized = policy.insurer.currency === "CNY" && guess <= 5_000;
  const estimateCny =
    path === "fast_track" ? damageCny : random.chance(0.08) || fastTrackSized ? null : guess;
  const ageDays = (nowMs - timing.reportedAt) / DAY_MS;
  return {
    ...timing,
    policy,
    path,
    coverageFailure: failure,
    suspicious,
    peril,
    lossCountry:
      failure === "territory"
        ? (FOREIGN_COUNTRY[policy.insurer.country] ?? "ZZ")
        : policy.insurer.country,
    damageCny,
    estimateCny,
    stallAt: spec.stallAt ?? (spec.path ? null : drawStall(random, path, ageDays)),
    options: drawOptions(random, policy, path, peril, spec.options),
  };
};

// Adjusters who moved on only ever held claims that were settled long ago.
const idleEligible = (draft: Draft, nowMs: number): boolean =>
  nowMs - draft.reportedAt > 240 * DAY_MS &&
  draft.stallAt === null &&
  !draft.options.reopen &&
  !draft.suspicious &&
  ["cash", "repair", "fast_track", "withdrawn"].includes(draft.path);

const chooseAdjuster = (random: SeedRandom, draft: Draft, nowMs: number): string => {
  const { jurisdiction } = draft.policy.insurer;
  const pool = DEMO_ADJUSTERS.filter(
    (a) => a.jurisdiction === jurisdiction && (!a.idle || idleEligible(draft, nowMs)),
  );
  const local = pool.filter((a) => a.regions.includes(draft.policy.region));
  return random.pick(local.length > 0 && random.chance(0.8) ? local : pool).id;
};

const chooseShop = (random: SeedRandom, draft: Draft): DemoShop | null => {
  if (draft.path !== "repair") return null;
  const shops = DEMO_SHOPS.filter((s) => s.jurisdiction === draft.policy.insurer.jurisdiction);
  const local = shops.filter((s) => s.region === draft.policy.region);
  return random.pick(local.length > 0 ? local : shops);
};

/**
 * Draws the claims of the demo data set: the {@link SHOWCASE} first, then random ones (the
 * first of which pins the oldest loss date at the start of the accident window), numbered in
 * report order.
 *
 * @example
 * ```ts
 * const profiles = drawClaimProfiles(random, Date.parse(now), policies, 300);
 * ```
 */
export const drawClaimProfiles = (
  random: SeedRandom,
  nowMs: number,
  book: readonly PolicyPlan[],
  count: number,
): ClaimProfile[] => {
  const specs: DrawSpec[] = [
    ...SHOWCASE,
    { lossDaysAgo: [ACCIDENT_WINDOW_DAYS - 4, ACCIDENT_WINDOW_DAYS] },
    ...Array.from({ length: Math.max(0, count - SHOWCASE.length - 1) }, () => ({})),
  ];
  const drafts = specs
    .map((spec) => drawDraft(random, nowMs, book, spec))
    .sort((a, b) => a.reportedAt - b.reportedAt);
  return drafts.map((draft, i) => ({
    ...draft,
    claimId: `CLM-${String(i + 1).padStart(5, "0")}`,
    seq: i + 1,
    adjusterId: chooseAdjuster(random, draft, nowMs),
    shop: chooseShop(random, draft),
  }));
};
