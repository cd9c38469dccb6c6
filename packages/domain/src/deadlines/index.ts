/**
 * Deadlines: business calendars, deadline rules and presets, and the pure functions that
 * start, pause, resume, meet and breach deadlines.
 *
 * @packageDocumentation
 */
export {
  type BusinessCalendar,
  businessCalendar,
  type CalendarLookup,
  calendarFor,
  continuedPastTable,
  coveredDate,
  extendCalendarTable,
  isPastTable,
  isPublicHoliday,
  isWorkingDay,
  truncateCalendar,
} from "./calendar.js";
export { CALENDAR_TABLES, type CalendarTable } from "./calendar-tables.js";
export {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  calendarDaysExcludingHolidaysBetween,
  workingDaysBetween,
} from "./day-counting.js";
export {
  breachDeadline,
  type Deadline,
  DeadlineSchema,
  type DeadlineStatus,
  DeadlineStatusSchema,
  meetDeadline,
  pauseDeadline,
  recomputeDeadline,
  resumeDeadline,
  startDeadline,
  tableEndOf,
  withTableEnd,
} from "./deadline.js";
export { isAtRisk, isBreached, lateDays } from "./deadline-clock.js";
export {
  CALENDAR_BOUND_UNITS,
  type DeadlineKind,
  DeadlineKindSchema,
  type DeadlineRule,
  DeadlineRuleSchema,
  type DeadlineTerm,
  type DeadlineUnit,
  DeadlineUnitSchema,
} from "./deadline-rule.js";
export { computeDueAt, recountDueAt } from "./due-date.js";
export {
  DEADLINE_PRESETS,
  type DeadlinePresetId,
  type DeadlineRuleOverride,
  presetsFor,
  withOverrides,
} from "./presets.js";
