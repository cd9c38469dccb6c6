import {
  type ClaimDeciderConfig,
  type DeadlineKind,
  type DeadlineRule,
  Deadlines,
  type Jurisdiction,
  JurisdictionSchema,
  presetsFor,
  withOverrides,
} from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import { DEFAULT_DECIDER_CONFIGS, type DeciderConfigs } from "../aggregates/aggregates.js";
import type { InsurerSla, SlaConfig, SlaTerm } from "./sla-config.js";

type TermName = keyof InsurerSla;

/** The deadline kind each term sets, and the claim events that start and stop it. */
const TERMS: Readonly<
  Record<
    TermName,
    {
      readonly kind: DeadlineKind;
      readonly startsOn: readonly string[];
      readonly stopsOn: readonly string[];
    }
  >
> = {
  acknowledge: {
    kind: "acknowledge",
    startsOn: ["ClaimRegistered"],
    stopsOn: ["ClaimAcknowledged", "FirstContactMade"],
  },
  firstContact: {
    kind: "first_contact",
    startsOn: ["ClaimRegistered"],
    stopsOn: ["FirstContactMade"],
  },
  inspection: {
    kind: "inspection",
    startsOn: ["AdjusterAssigned"],
    stopsOn: ["InspectionCompleted", "SettlementAgreed", "ClaimDenied"],
  },
  decision: {
    kind: "decision",
    startsOn: ["DocumentsCompleted"],
    stopsOn: ["SettlementAgreed", "ClaimDenied"],
  },
  paymentAfterAgreement: {
    kind: "payment",
    startsOn: ["SettlementAgreed"],
    stopsOn: ["ClaimPaymentRecorded"],
  },
  repair: { kind: "repair", startsOn: ["VehicleReceived"], stopsOn: ["VehicleHandedOver"] },
};

const contractRule = (
  insurerId: string,
  jurisdiction: Jurisdiction,
  name: TermName,
  term: SlaTerm,
): unknown => ({
  id: `contract.${TERMS[name].kind}`,
  kind: TERMS[name].kind,
  length: term.length,
  unit: term.unit,
  jurisdiction,
  source: `Service level agreed with insurer ${insurerId} (${name})`,
  startsOn: [...TERMS[name].startsOn],
  stopsOn: [...TERMS[name].stopsOn],
});

/**
 * The rules of one insurer in one jurisdiction: the jurisdiction's presets, with each configured
 * term replacing the length and unit of the preset of the same kind (`withOverrides`), or added
 * as a `contract.<kind>` rule when the jurisdiction has no preset of that kind. Left with the
 * reason when a term makes a rule invalid.
 *
 * @example
 * ```ts
 * insurerRules("CN", "pm", { paymentAfterAgreement: { length: 5, unit: "working_days" } });
 * // right([… { id: "cn.payment_10d", length: 5, unit: "working_days" } …])
 * ```
 */
export const insurerRules = (
  jurisdiction: Jurisdiction,
  insurerId: string,
  sla: InsurerSla,
): E.Either<string, readonly DeadlineRule[]> => {
  const presets = presetsFor(jurisdiction);
  const overrides: Record<string, SlaTerm> = {};
  const added: DeadlineRule[] = [];
  for (const [name, term] of Object.entries(sla) as [TermName, SlaTerm | undefined][]) {
    if (term === undefined) continue;
    const preset = presets.find((rule) => rule.kind === TERMS[name].kind);
    if (preset !== undefined) {
      overrides[preset.id] = term;
      continue;
    }
    const parsed = Deadlines.DeadlineRuleSchema.safeParse(
      contractRule(insurerId, jurisdiction, name, term),
    );
    if (!parsed.success) return E.left(`${name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    added.push(parsed.data);
  }
  const overridden = withOverrides(presets, overrides);
  return E.isLeft(overridden)
    ? E.left(overridden.left.message)
    : E.right([...overridden.right, ...added]);
};

/**
 * The claim decider's `deadlineRules` for an SLA configuration: every insurer and jurisdiction
 * is checked now (a bad term stops the start, naming the insurer), then rules are looked up.
 * Insurers without terms get the regulatory presets.
 *
 * @example
 * ```ts
 * const deadlineRules = slaDeadlineRules(config.sla);
 * createClaimDecider({ ...DEFAULT_CLAIM_CONFIG, deadlineRules });
 * ```
 */
export const slaDeadlineRules = (sla: SlaConfig): ClaimDeciderConfig["deadlineRules"] => {
  const rules = new Map<string, readonly DeadlineRule[]>();
  const problems: string[] = [];
  for (const [insurerId, terms] of Object.entries(sla.insurers)) {
    for (const jurisdiction of JurisdictionSchema.options) {
      const built = insurerRules(jurisdiction, insurerId, terms);
      if (E.isLeft(built)) problems.push(`insurer ${insurerId} in ${jurisdiction}: ${built.left}`);
      else rules.set(`${insurerId}\u0000${jurisdiction}`, built.right);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid SLA configuration: ${problems.join("; ")}`);
  return (jurisdiction, insurerId) =>
    rules.get(`${insurerId}\u0000${jurisdiction}`) ?? presetsFor(jurisdiction);
};

/**
 * The decider configuration of an SLA configuration: the domain's defaults, with the claim
 * decider's deadline rules per insurer and jurisdiction.
 *
 * @example
 * ```ts
 * createAggregateRegistry(deciderConfigsFor(config.integrations.deadlines.sla));
 * ```
 */
export const deciderConfigsFor = (sla: SlaConfig): DeciderConfigs => ({
  ...DEFAULT_DECIDER_CONFIGS,
  claim: { ...DEFAULT_DECIDER_CONFIGS.claim, deadlineRules: slaDeadlineRules(sla) },
});
