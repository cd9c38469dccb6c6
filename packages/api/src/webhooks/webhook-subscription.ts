import { z } from "zod";
import { ALL_EVENT_TYPES, EVENT_CATEGORIES } from "../streams/domain-events.js";

const URL_SCHEMA = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value), "must be an absolute URL")
  .refine((value) => ["http:", "https:"].includes(new URL(value).protocol), "must be http or https")
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "must not carry credentials (use the secret)")
  .describe(
    "The receiver (http or https). Loopback, private, link-local and other internal addresses " +
      "are refused (422 webhook.destination_not_allowed) unless the operator allows them.",
  );

const listOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.array(z.enum(values)).max(100).default([]);

/**
 * The body of `POST /v1/webhooks`. `secret` signs every delivery; it is stored to sign and
 * never returned or logged.
 *
 * @example
 * ```ts
 * CreateWebhookSchema.parse({
 *   url: "https://example.org/claims-hook", secret: "whsec-0123456789abcdef",
 *   types: ["DeadlineBreached"],
 * });
 * ```
 */
export const CreateWebhookSchema = z
  .object({
    url: URL_SCHEMA,
    secret: z.string().min(16, "at least 16 characters").max(256),
    /** Stream categories to deliver; empty: every category. */
    categories: listOf(EVENT_CATEGORIES as [string, ...string[]]),
    /** Event types to deliver; empty: every type. */
    types: listOf(ALL_EVENT_TYPES as [string, ...string[]]),
    /** Start after this global position; default: the store's head (only new events). */
    after: z.number().int().nonnegative().optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
/** The body of `POST /v1/webhooks`; see {@link CreateWebhookSchema}. */
export type CreateWebhook = z.infer<typeof CreateWebhookSchema>;

/** A subscription as the API shows it: everything but the secret. */
export interface WebhookView {
  readonly id: string;
  readonly url: string;
  /** The insurer whose events it receives (the creating key's); `null`: every insurer. */
  readonly insurerId: string | null;
  readonly categories: readonly string[];
  readonly types: readonly string[];
  readonly description: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  /** Every event up to this global position is delivered or dead-lettered. */
  readonly position: number;
  /** Failed attempts of the next event (0 when healthy). */
  readonly failingAttempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
}

/** One attempt in the delivery log. */
export interface DeliveryView {
  readonly eventId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly outcome: "delivered" | "failed" | "dead_lettered";
  readonly redelivery: boolean;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly attemptedAt: string;
}

/** An event given up on. */
export interface DeadLetterView {
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly deadAt: string;
  readonly redeliveryRequestedAt: string | null;
}
