import type { Kysely } from "kysely";
import { z } from "zod";

/** What an analytics query gets besides its parameters. */
export interface AnalyticsContext {
  /** The insurer the answer is limited to: the key's scope, else the `insurerId` asked for. */
  readonly insurerId: string | undefined;
  /** The clock's instant (for "now"-relative read models). */
  readonly now: string;
  /** The clock's date (UTC), the default evaluation date. */
  readonly today: string;
}

/** One `GET /v1/analytics/{path}` route, type-erased for the route group. */
export interface AnalyticsEndpoint {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** Query parameters (all strings on the wire); also documents them in OpenAPI. */
  readonly query: z.ZodType;
  run(db: Kysely<unknown>, query: unknown, context: AnalyticsContext): Promise<unknown>;
  /** The answer as rows, for `Accept: text/csv`. */
  rows(result: unknown): readonly object[];
}

/**
 * Declares an analytics endpoint with typed query parameters and result.
 *
 * @example
 * ```ts
 * const customer = defineEndpoint({
 *   path: "customer", operationId: "customerMetrics", summary: "CSAT and complaints",
 *   query: z.object({ from: InstantParam }),
 *   run: (db, query, context) => customerMetrics(db, { ...query, insurerId: context.insurerId }),
 *   rows: (result) => result,
 * });
 * ```
 */
export const defineEndpoint = <Q extends z.ZodType, R>(endpoint: {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly query: Q;
  run(db: Kysely<unknown>, query: z.output<Q>, context: AnalyticsContext): Promise<R>;
  rows(result: R): readonly object[];
}): AnalyticsEndpoint => endpoint as unknown as AnalyticsEndpoint;

/** `insurerId`: every endpoint's tenant filter. */
export const InsurerParam = z.string().min(1).max(100).optional();
/** An ISO date `YYYY-MM-DD`. */
export const DateParam = z.iso.date().optional();
/** An ISO instant with an offset. */
export const InstantParam = z.iso.datetime({ offset: true }).optional();

/** A comma-separated list of `values`, e.g. `groupBy=insurer,line`. */
export const listParam = <const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number][],
) =>
  z
    .string()
    .optional()
    .transform((text) =>
      text === undefined
        ? fallback
        : text
            .split(",")
            .map((part) => part.trim())
            .filter((part) => part !== ""),
    )
    .pipe(z.array(z.enum(values)));

/** Drops `undefined` fields, so optional query parameters are left out of read-model calls. */
export const defined = <T extends Record<string, unknown>>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
