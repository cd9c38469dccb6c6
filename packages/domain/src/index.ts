/**
 * `@claimstream/domain`: the pure claims domain. No I/O, no clock, no randomness.
 *
 * @packageDocumentation
 */
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
  parseStreamId,
  payoutStreamId,
  policyStreamId,
  repairOrderStreamId,
  STREAM_CATEGORIES,
  type StreamCategory,
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
