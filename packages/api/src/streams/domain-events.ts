import {
  ClaimEventSchema,
  PayoutEventSchema,
  PolicyEventSchema,
  RepairOrderEventSchema,
  STREAM_CATEGORIES,
  type StreamCategory,
} from "@claimstream/domain";
import type { z } from "zod";

/** The stream categories integrators filter on: `policy`, `claim`, `repair-order`, `payout`. */
export const EVENT_CATEGORIES: readonly StreamCategory[] = Object.values(STREAM_CATEGORIES);

const typeOf = (schema: z.ZodObject): string => (schema.shape.type as z.ZodLiteral<string>).value;

/**
 * Each category's event schemas, one zod object per event type, as the domain declares them:
 * the single source of the AsyncAPI document and of the type filters' vocabulary.
 */
export const EVENT_SCHEMAS: Readonly<Record<StreamCategory, readonly z.ZodObject[]>> = {
  policy: PolicyEventSchema.options,
  claim: ClaimEventSchema.options,
  "repair-order": RepairOrderEventSchema.options,
  payout: PayoutEventSchema.options,
};

/** Every event type of one category. */
export const eventTypesOf = (category: StreamCategory): readonly string[] =>
  EVENT_SCHEMAS[category].map(typeOf);

/**
 * Every domain event type, over all categories, once each (a few types, such as
 * `SupplementRequested`, occur in two categories: filter by category too to tell them apart).
 */
export const ALL_EVENT_TYPES: readonly string[] = [
  ...new Set(EVENT_CATEGORIES.flatMap(eventTypesOf)),
];

/** The zod schema of one event type, with its category; `undefined` for an unknown type. */
export const eventSchemaOf = (
  type: string,
): { readonly category: StreamCategory; readonly schema: z.ZodObject } | undefined => {
  for (const category of EVENT_CATEGORIES) {
    const schema = EVENT_SCHEMAS[category].find((candidate) => typeOf(candidate) === type);
    if (schema !== undefined) return { category, schema };
  }
  return undefined;
};
