/**
 * What the runtime logs through: the object-first signature of pino, so a pino logger (or a
 * child of one) can be passed as is.
 *
 * @example
 * ```ts
 * const runtime = new ProjectionRuntime({ store, pool, projections, logger: pino() });
 * ```
 */
export interface ProjectionLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  /** Per-batch details; optional because most loggers filter them out anyway. */
  debug?(fields: object, message?: string): void;
}

/** Drops everything: the default logger. */
export const silentProjectionLogger: ProjectionLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An error as log fields: pino serialises `err` with its stack. */
export const errorFields = (error: unknown): { readonly err: unknown } => ({ err: error });

/** An error as one line of text, for the bookkeeping tables and status. */
export const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
