import * as E from "fp-ts/lib/Either.js";
import type { z } from "zod";
import { type DomainError, domainError } from "./errors.js";

/**
 * Parses a command with its schema, so a decider never trusts a command built in code
 * without validation (a process manager, a test, a script). A failure is
 * `validation.invalid_command` with the zod issues as `{ path, message }` pairs.
 *
 * @example
 * ```ts
 * parseCommand(PayoutCommandSchema, command); // E.right(parsed) or E.left({ code: "validation.invalid_command", … })
 * ```
 */
export const parseCommand = <S extends z.ZodType>(
  schema: S,
  command: unknown,
): E.Either<DomainError, z.output<S>> => {
  const result = schema.safeParse(command);
  if (result.success) return E.right(result.data);
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const type = (command as { type?: unknown } | null)?.type;
  return E.left(
    domainError("validation.invalid_command", "The command is not valid", { type, issues }),
  );
};

/**
 * A command's facts: everything but its `type` and `schemaVersion` (so `occurredAt` and the
 * payload), for events that record exactly what the command said.
 *
 * @example
 * ```ts
 * const event = { type: "PayoutRejected", schemaVersion: 1, ...commandFacts(command) } as const;
 * ```
 */
export const commandFacts = <C extends { readonly type: string; readonly schemaVersion: number }>(
  command: C,
): Omit<C, "type" | "schemaVersion"> => {
  const { type: _type, schemaVersion: _version, ...facts } = command;
  return facts;
};
