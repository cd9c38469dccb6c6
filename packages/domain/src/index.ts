/**
 * `@claimstream/domain`: the pure claims domain. No I/O, no clock, no randomness.
 *
 * The main names of each aggregate (its decider, command and event unions, state) are exported
 * flat; every detail of an aggregate (each command and event schema) is in its namespace:
 * `Claim`, `Policy`, `RepairOrder`, `Payout`.
 *
 * @example
 * ```ts
 * import { claimDecider, ClaimCommandSchema, foldEvents } from "@claimstream/domain";
 * const command = ClaimCommandSchema.parse(body); // zod: a typed command or a ZodError
 * const result = claimDecider.decide(command, foldEvents(claimDecider, history));
 * ```
 *
 * @packageDocumentation
 */

export { approvedTotal, headroom, unpaidCommitted } from "./claim/decide-payout-ledger.js";
export * as Claim from "./claim/index.js";
export {
  CLAIM_EVENT_TYPES,
  type ClaimCommand,
  type ClaimCommandInput,
  ClaimCommandSchema,
  type ClaimDeciderConfig,
  type ClaimEvent,
  ClaimEventSchema,
  type ClaimState,
  type ClaimStatus,
  claimDecider,
  createClaimDecider,
  DEFAULT_CLAIM_CONFIG,
  decideClaim,
  evolveClaim,
  initialClaimState,
} from "./claim/index.js";
export * as Deadlines from "./deadlines/index.js";
export {
  type BusinessCalendar,
  businessCalendar,
  CALENDAR_TABLES,
  type CalendarLookup,
  type CalendarTable,
  calendarFor,
  DEADLINE_PRESETS,
  type Deadline,
  type DeadlineKind,
  type DeadlineRule,
  DeadlineSchema,
  extendCalendarTable,
  isAtRisk,
  isBreached,
  lateDays,
  presetsFor,
  tableEndOf,
  withOverrides,
} from "./deadlines/index.js";
export * as Payout from "./payout/index.js";
export {
  createPayoutDecider,
  DEFAULT_PAYOUT_CONFIG,
  evolvePayout,
  initialPayoutState,
  type PayoutCommand,
  PayoutCommandSchema,
  type PayoutDeciderConfig,
  type PayoutEvent,
  PayoutEventSchema,
  type PayoutState,
  payoutDecider,
} from "./payout/index.js";
export * as Policy from "./policy/index.js";
export {
  earnedPremium,
  evolvePolicy,
  initialPolicyState,
  type PolicyCommand,
  PolicyCommandSchema,
  type PolicyEvent,
  PolicyEventSchema,
  type PolicySnapshot,
  PolicySnapshotSchema,
  type PolicyState,
  policyDecider,
  toPolicySnapshot,
} from "./policy/index.js";
export {
  type ClaimGuard,
  claimGuardOf,
  DEFAULT_PROCESS_MANAGER_CONFIG,
  hasClaimGuard,
  invoicePayoutId,
  PROCESS_MANAGER_TRIGGERS,
  type ProcessCommand,
  type ProcessInput,
  type ProcessManagerConfig,
  reactToEvent,
  settlementPayoutId,
} from "./process-manager.js";
export * as RepairOrder from "./repair-order/index.js";
export {
  evolveRepairOrder,
  initialRepairOrderState,
  type RepairOrderCommand,
  RepairOrderCommandSchema,
  type RepairOrderEvent,
  RepairOrderEventSchema,
  type RepairOrderState,
  repairOrderDecider,
} from "./repair-order/index.js";
export * as Rules from "./rules/index.js";
export {
  type AdjusterProfile,
  type ApprovalLimits,
  type AssignmentRequest,
  checkApprovalLimit,
  checkCoverage,
  checkCoverageAll,
  chooseAdjuster,
  complexityOf,
  DEFAULT_APPROVAL_LIMITS,
  DEFAULT_FAST_TRACK_CONFIG,
  DEFAULT_RISK_RULES,
  type FastTrackConfig,
  fastTrackEligibility,
  type RiskAssessment,
  type RiskRule,
  scoreRisk,
} from "./rules/index.js";
export {
  type Decider,
  foldEvents,
  stateAsOf,
} from "./shared/decider.js";
export {
  DOMAIN_ERROR_CODES,
  type DomainError,
  type DomainErrorCode,
  domainError,
  isDomainError,
} from "./shared/errors.js";
export {
  claimStreamId,
  type Id,
  IdSchema,
  isSystemId,
  parseStreamId,
  payoutStreamId,
  policyStreamId,
  repairOrderStreamId,
  STREAM_CATEGORIES,
  type StreamCategory,
  SYSTEM_ID_PREFIX,
  systemId,
} from "./shared/ids.js";
export { commandSchema, eventSchema, TextSchema } from "./shared/messages.js";
export {
  addMoney,
  type Currency,
  CurrencySchema,
  compareMoney,
  formatMoney,
  type Money,
  MoneySchema,
  money,
  NonNegativeMoneySchema,
  negateMoney,
  PositiveMoneySchema,
  percentOfMoney,
  sameCurrency,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from "./shared/money.js";
export {
  addCalendarDays,
  dayNumberToLocalDate,
  daysBetween,
  type Instant,
  InstantSchema,
  instantToLocalDate,
  instantToMs,
  isBefore,
  isoWeekday,
  type LocalDate,
  LocalDateSchema,
  localDateToDayNumber,
  msToInstant,
} from "./shared/time.js";
export {
  type CostType,
  CostTypeSchema,
  type Jurisdiction,
  JurisdictionSchema,
  type LineOfBusiness,
  LineOfBusinessSchema,
  type Peril,
  PerilSchema,
  type Role,
  RoleSchema,
} from "./shared/vocabulary.js";
