import type { EventFilter } from "@claimstream/eventstore";
import { HttpProblem } from "../http/problem.js";
import { ALL_EVENT_TYPES, EVENT_CATEGORIES } from "./domain-events.js";

/** Which events a consumer asked for; an empty list means "any". */
export interface EventSelection {
  readonly categories: readonly string[];
  readonly types: readonly string[];
}

/** Every event. */
export const ANY_EVENT: EventSelection = { categories: [], types: [] };

const MAX_VALUES = 100;

// `?type=A&type=B`, `?type=A,B` and mixes of both; blanks dropped, duplicates kept once.
const listOf = (value: unknown): string[] => {
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const items = raw.flatMap((item) => String(item).split(",")).map((item) => item.trim());
  return [...new Set(items.filter((item) => item !== ""))];
};

const checked = (
  name: string,
  values: readonly string[],
  allowed: readonly string[],
): readonly string[] => {
  if (values.length > MAX_VALUES)
    throw HttpProblem.of("request.invalid_parameter", `At most ${MAX_VALUES} values of ${name}`);
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length > 0) {
    throw HttpProblem.of("request.invalid_parameter", `Unknown ${name}: ${unknown.join(", ")}`, {
      parameter: name,
      unknown,
      allowed,
    });
  }
  return values;
};

/**
 * Reads `category` and `type` (each repeatable, or a comma-separated list) and checks every
 * value against the domain's categories and event types, so a typo answers 400
 * `request.invalid_parameter` instead of a silently empty stream.
 *
 * @example
 * ```ts
 * eventSelectionOf({ category: "claim", type: ["DeadlineBreached,DeadlineAtRisk"] });
 * // { categories: ["claim"], types: ["DeadlineBreached", "DeadlineAtRisk"] }
 * ```
 */
export const eventSelectionOf = (query: {
  readonly category?: unknown;
  readonly type?: unknown;
}): EventSelection => ({
  categories: checked("category", listOf(query.category), EVENT_CATEGORIES),
  types: checked("type", listOf(query.type), ALL_EVENT_TYPES),
});

/** The event store filter of a selection (the store then skips the rest in its query). */
export const storeFilterOf = (selection: EventSelection): EventFilter => ({
  ...(selection.categories.length === 0 ? {} : { categories: selection.categories }),
  ...(selection.types.length === 0 ? {} : { eventTypes: selection.types }),
});

/** Does an event of `category` and `type` fall in the selection? */
export const isSelected = (selection: EventSelection, category: string, type: string): boolean =>
  (selection.categories.length === 0 || selection.categories.includes(category)) &&
  (selection.types.length === 0 || selection.types.includes(type));
