/**
 * fast-check generators for the rules' property tests. Test-only: excluded from the build.
 */
import fc from "fast-check";
import type { Money } from "../../shared/money.js";
import { dayNumberToLocalDate, msToInstant } from "../../shared/time.js";
import type { AdjusterProfile, AssignmentRequest } from "../assignment.js";
import type { RiskFacts } from "../risk.js";

const DAY_MS = 86_400_000;
// 2020-01-01 … about 2030 as day numbers since the epoch.
const dayNumber = fc.integer({ min: 18_262, max: 21_915 });

/** One of the currencies the defaults know. */
export const currencyArb = fc.constantFrom("CNY", "RUB", "USD");

/** A non-negative amount, in any (or the given) currency. */
export const moneyArb = (currency = currencyArb): fc.Arbitrary<Money> =>
  fc.record({ amount: fc.integer({ min: 0, max: 10_000_000_000 }), currency });

/** Risk facts with losses around the policy start and reports up to 90 days late. */
export const riskFactsArb: fc.Arbitrary<RiskFacts> = fc
  .record({
    estimatedAmount: moneyArb(),
    sumInsured: moneyArb(),
    policyStartDay: dayNumber,
    lossOffsetDays: fc.integer({ min: -10, max: 400 }),
    reportDelayMs: fc.integer({ min: 0, max: 90 * DAY_MS }),
    priorClaimsLast12Months: fc.nat({ max: 6 }),
    singleParty: fc.boolean(),
    injuries: fc.boolean(),
    policeReport: fc.boolean(),
    lossHourLocal: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
    description: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
  })
  .map(({ policyStartDay, lossOffsetDays, reportDelayMs, ...rest }) => {
    const lossDay = policyStartDay + lossOffsetDays;
    return {
      ...rest,
      policyStartDate: dayNumberToLocalDate(policyStartDay),
      lossDate: dayNumberToLocalDate(lossDay),
      reportedAt: msToInstant(lossDay * DAY_MS + reportDelayMs),
    };
  });

const lines = fc.constantFrom(
  "motor_own_damage" as const,
  "motor_liability" as const,
  "property" as const,
  "travel" as const,
);
const regions = fc.constantFrom("Beijing", "Hebei", "Moscow");
const languages = fc.constantFrom("zh", "ru", "en");

/** A request drawn from the same small vocabulary as {@link adjusterArb}, so matches happen. */
export const assignmentRequestArb: fc.Arbitrary<AssignmentRequest> = fc.record({
  line: lines,
  region: regions,
  complexity: fc.integer({ min: 1, max: 5 }),
  language: fc.option(languages, { nil: undefined }),
});

/** An adjuster, sometimes unavailable, sometimes at or over capacity. */
export const adjusterArb: fc.Arbitrary<AdjusterProfile> = fc.record({
  adjusterId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
  lines: fc.uniqueArray(lines, { minLength: 1 }),
  regions: fc.uniqueArray(regions, { minLength: 1 }),
  maxComplexity: fc.integer({ min: 1, max: 5 }),
  languages: fc.uniqueArray(languages, { minLength: 1 }),
  capacity: fc.integer({ min: 1, max: 20 }),
  activeClaims: fc.nat({ max: 22 }),
  available: fc.boolean(),
});

/** A team with distinct ids, as a real roster has. */
export const teamArb: fc.Arbitrary<AdjusterProfile[]> = fc.uniqueArray(adjusterArb, {
  selector: (a) => a.adjusterId,
  maxLength: 6,
});
