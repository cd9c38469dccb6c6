import * as E from "fp-ts/lib/Either.js";
import { type DomainError, domainError } from "../shared/errors.js";
import type { Jurisdiction } from "../shared/vocabulary.js";
import { type DeadlineRule, DeadlineRuleSchema, type DeadlineTerm } from "./deadline-rule.js";

// No preset pauses: each regulatory clock starts once documents are complete, and none of
// these laws stops it when the insurer asks for more later. Contract rules may pause.
const presets = {
  "cn.decision_30d": {
    id: "cn.decision_30d",
    kind: "decision",
    length: 30,
    unit: "calendar_days",
    jurisdiction: "CN",
    source: "PRC Insurance Law art. 23: decide within 30 days of complete claim documents",
    startsOn: ["DocumentsCompleted"],
    stopsOn: ["SettlementAgreed", "ClaimDenied"],
  },
  "cn.payment_10d": {
    id: "cn.payment_10d",
    kind: "payment",
    length: 10,
    unit: "calendar_days",
    jurisdiction: "CN",
    source: "PRC Insurance Law art. 23: pay within 10 days of the settlement agreement",
    startsOn: ["SettlementAgreed"],
    stopsOn: ["ClaimPaymentRecorded"],
  },
  "cn.refusal_notice_3d": {
    id: "cn.refusal_notice_3d",
    kind: "refusal_notice",
    length: 3,
    unit: "calendar_days",
    jurisdiction: "CN",
    source: "PRC Insurance Law art. 24: send the refusal notice within 3 days of the decision",
    startsOn: ["ClaimDenied"],
    stopsOn: ["RefusalNoticeSent"],
  },
  "ru.osago_decision_20d": {
    id: "ru.osago_decision_20d",
    kind: "decision",
    length: 20,
    unit: "calendar_days_excluding_holidays",
    jurisdiction: "RU",
    source:
      "RU Federal Law 40-FZ art. 12 p. 21: pay, refer to repair or refuse within 20 calendar days excluding non-working public holidays; 1 % of the amount per day late",
    startsOn: ["DocumentsCompleted"],
    stopsOn: ["SettlementAgreed", "ClaimDenied"],
    latePenaltyBasisPointsPerDay: 100,
  },
  "ru.osago_repair_30wd": {
    id: "ru.osago_repair_30wd",
    kind: "repair",
    length: 30,
    unit: "working_days",
    jurisdiction: "RU",
    source:
      "RU Federal Law 40-FZ art. 12 p. 15.2: repair within 30 working days of handing the vehicle to the shop",
    startsOn: ["VehicleReceived"],
    stopsOn: ["VehicleHandedOver"],
  },
  "us-ca.acknowledge_15d": {
    id: "us-ca.acknowledge_15d",
    kind: "acknowledge",
    length: 15,
    unit: "calendar_days",
    jurisdiction: "US-CA",
    source:
      "California CCR tit. 10 §2695.5(e): acknowledge a notice of claim within 15 calendar days",
    startsOn: ["ClaimRegistered"],
    stopsOn: ["ClaimAcknowledged", "FirstContactMade"],
  },
  "us-ca.decision_40d": {
    id: "us-ca.decision_40d",
    kind: "decision",
    length: 40,
    unit: "calendar_days",
    jurisdiction: "US-CA",
    source: "California CCR tit. 10 §2695.7(b): accept or deny within 40 days of proof of claim",
    startsOn: ["DocumentsCompleted"],
    stopsOn: ["SettlementAgreed", "ClaimDenied"],
  },
  "fast_track.settle_24h": {
    id: "fast_track.settle_24h",
    kind: "fast_track_settlement",
    length: 24,
    unit: "hours",
    jurisdiction: null,
    source: "Insurer's own service promise: fast-track claims settle within 24 hours",
    startsOn: ["FastTrackApproved"],
    stopsOn: ["SettlementAgreed"],
  },
} satisfies Record<string, DeadlineRule>;

/** Ids of the shipped deadline presets. */
export type DeadlinePresetId = keyof typeof presets;

/**
 * The shipped default deadline rules from docs/domain.md, by id: China (PRC Insurance Law),
 * Russia (OSAGO, 40-FZ), California (CCR §2695) and the jurisdiction-free fast-track promise.
 * Insurers adjust them per contract with {@link withOverrides}.
 *
 * @example
 * ```ts
 * DEADLINE_PRESETS["ru.osago_decision_20d"].unit; // "calendar_days_excluding_holidays"
 * ```
 */
export const DEADLINE_PRESETS: Readonly<Record<DeadlinePresetId, DeadlineRule>> = presets;

/**
 * The preset rules that apply to a claim in `jurisdiction`: its own plus those that apply
 * everywhere (`jurisdiction: null`).
 *
 * @example
 * ```ts
 * presetsFor("RU").map((r) => r.id);
 * // ["ru.osago_decision_20d", "ru.osago_repair_30wd", "fast_track.settle_24h"]
 * ```
 */
export const presetsFor = (jurisdiction: Jurisdiction): readonly DeadlineRule[] =>
  Object.values(DEADLINE_PRESETS).filter(
    (rule) => rule.jurisdiction === jurisdiction || rule.jurisdiction === null,
  );

/** A contract's change to one rule's term. */
export type DeadlineRuleOverride = Partial<Pick<DeadlineTerm, "length" | "unit">>;

const invalidRule = (message: string, details: Record<string, unknown>): DomainError =>
  domainError("deadline.invalid_rule", message, details);

/**
 * Applies a contract's overrides (new length and/or unit per rule id) to a set of rules.
 * Left with `deadline.invalid_rule` when an override names a rule not in `rules` (a typo must
 * not silently keep the default) or makes a rule invalid (e.g. working days without a
 * jurisdiction).
 *
 * @example
 * ```ts
 * withOverrides(presetsFor("CN"), { "cn.payment_10d": { length: 10, unit: "working_days" } });
 * // right([… { id: "cn.payment_10d", length: 10, unit: "working_days", … } …])
 * ```
 */
export const withOverrides = (
  rules: readonly DeadlineRule[],
  overrides: Readonly<Record<string, DeadlineRuleOverride>>,
): E.Either<DomainError, readonly DeadlineRule[]> => {
  const known = new Set(rules.map((rule) => rule.id));
  const unknown = Object.keys(overrides).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return E.left(invalidRule(`No rule to override: ${unknown.join(", ")}`, { ruleIds: unknown }));
  }
  const result: DeadlineRule[] = [];
  for (const rule of rules) {
    const parsed = DeadlineRuleSchema.safeParse({ ...rule, ...overrides[rule.id] });
    if (!parsed.success) {
      return E.left(
        invalidRule(`Override makes rule ${rule.id} invalid`, {
          ruleId: rule.id,
          issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
        }),
      );
    }
    result.push(parsed.data);
  }
  return E.right(result);
};
