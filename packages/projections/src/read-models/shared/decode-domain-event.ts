import {
  type ClaimEvent,
  ClaimEventSchema,
  type PayoutEvent,
  PayoutEventSchema,
  type PolicyEvent,
  PolicyEventSchema,
  parseStreamId,
  type RepairOrderEvent,
  RepairOrderEventSchema,
  type StreamCategory,
} from "@claimstream/domain";
import { isErased, type RecordedEvent } from "@claimstream/eventstore";
import type { z } from "zod";

/**
 * A recorded event read back as the domain event of its aggregate.
 *
 * `erased` names the top-level fields whose subject was forgotten (crypto-shredding): they are
 * absent from `event` although its type says otherwise, so read them only after checking.
 */
export type DecodedDomainEvent =
  | DecodedOf<"claim", ClaimEvent>
  | DecodedOf<"policy", PolicyEvent>
  | DecodedOf<"repair-order", RepairOrderEvent>
  | DecodedOf<"payout", PayoutEvent>;

interface DecodedOf<Category extends string, Event> {
  readonly category: Category;
  /** The aggregate id from the stream id (`claim-C-1` → `C-1`). */
  readonly id: string;
  readonly event: Event;
  readonly position: number;
  readonly erased: ReadonlySet<string>;
}

type EventObjectSchema = z.ZodObject<z.ZodRawShape>;

const byType = (options: readonly EventObjectSchema[]): ReadonlyMap<string, EventObjectSchema> =>
  new Map(options.map((schema) => [String((schema.shape.type as z.ZodLiteral).value), schema]));

const SCHEMAS = {
  claim: byType(ClaimEventSchema.options as unknown as EventObjectSchema[]),
  policy: byType(PolicyEventSchema.options as unknown as EventObjectSchema[]),
  "repair-order": byType(RepairOrderEventSchema.options as unknown as EventObjectSchema[]),
  payout: byType(PayoutEventSchema.options as unknown as EventObjectSchema[]),
} as const;

const NOTHING_ERASED: ReadonlySet<string> = new Set();

/** The schema's fields that `data` holds as the ERASED marker, if any. */
const erasedFields = (
  schema: EventObjectSchema,
  data: Record<string, unknown>,
): string[] | undefined => {
  let erased: string[] | undefined;
  for (const key of Object.keys(data)) {
    if (!isErased(data[key]) || !(key in schema.shape)) continue;
    erased = erased ?? [];
    erased.push(key);
  }
  return erased;
};

// Forgetting a subject turns its personal fields into the ERASED marker. Analytics never need
// those fields, so the event is validated without them instead of being parked for good.
const parseTolerant = (
  schema: EventObjectSchema,
  data: Record<string, unknown>,
): { value: unknown; erased: ReadonlySet<string> } => {
  const erased = erasedFields(schema, data);
  if (erased === undefined) return { value: schema.parse(data), erased: NOTHING_ERASED };
  const mask = Object.fromEntries(erased.map((key) => [key, true as const]));
  const rest = Object.fromEntries(Object.entries(data).filter(([key]) => !(key in mask)));
  return { value: schema.omit(mask).parse(rest), erased: new Set(erased) };
};

/**
 * Reads a recorded event as a Claim, Policy, RepairOrder or Payout event, telling apart the event
 * types two aggregates share (`SupplementRequested`, `RecoveryRecorded`) by stream category.
 * Returns `undefined` for other categories and for types the category does not have; throws
 * a `ZodError` when the payload does not match its schema (the runtime then parks the event).
 *
 * @example
 * ```ts
 * const decoded = decodeDomainEvent(recorded);
 * if (decoded?.category === "claim" && decoded.event.type === "ClaimRegistered") {
 *   console.log(decoded.id, decoded.event.insurerId);
 * }
 * ```
 */
export const decodeDomainEvent = (recorded: RecordedEvent): DecodedDomainEvent | undefined => {
  const stream = parseStreamId(recorded.streamId);
  return stream === undefined ? undefined : decodeStreamEvent(recorded, stream);
};

/**
 * {@link decodeDomainEvent} for a stream id already split by `parseStreamId`, for callers that
 * look at the category first.
 */
export const decodeStreamEvent = (
  recorded: RecordedEvent,
  stream: { readonly category: StreamCategory; readonly id: string },
): DecodedDomainEvent | undefined => {
  const schema = SCHEMAS[stream.category].get(recorded.type);
  if (schema === undefined) return undefined;
  const { value, erased } = parseTolerant(schema, recorded.data as Record<string, unknown>);
  return {
    category: stream.category,
    id: stream.id,
    event: value,
    position: recorded.globalPosition,
    erased,
  } as DecodedDomainEvent;
};
