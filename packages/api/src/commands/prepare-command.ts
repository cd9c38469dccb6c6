import { isSystemId } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import type { z } from "zod";
import { type Aggregate, type AnyCommand, mayActForOthers } from "../aggregates/aggregate.js";
import { hasPermission } from "../auth/permissions.js";
import type { Principal } from "../auth/principal.js";
import { type CommandRejection, rejectRequest } from "./command-rejection.js";

/** How the command arrived: on the collection (creation) or on an aggregate's `/commands`. */
export type CommandTarget =
  | { readonly mode: "create" }
  | { readonly mode: "command"; readonly id: string };

/** What {@link prepareCommand} needs besides the body. */
export interface PrepareContext {
  readonly aggregate: Aggregate;
  readonly target: CommandTarget;
  readonly principal: Principal;
  /** Skip role and actor checks: the process manager's own commands. */
  readonly trusted: boolean;
  /** Fills `occurredAt` when the caller gave none. */
  readonly now: () => string;
}

/** A validated command and the id of the aggregate it is for. */
export interface PreparedCommand {
  readonly id: string;
  readonly command: AnyCommand;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const commandType = (
  body: Record<string, unknown>,
  { aggregate, target }: PrepareContext,
): E.Either<CommandRejection, string> => {
  const type = body.type ?? (target.mode === "create" ? aggregate.createCommandType : undefined);
  if (target.mode === "create" && type !== aggregate.createCommandType) {
    return E.left(
      rejectRequest(
        "validation.unknown_command",
        `POST /v1/${aggregate.collection} takes ${aggregate.createCommandType}; send other commands to /v1/${aggregate.collection}/{id}/commands`,
        { allowed: [aggregate.createCommandType] },
      ),
    );
  }
  if (typeof type !== "string" || aggregate.schemaOf(type) === undefined) {
    const shown = typeof type === "string" ? `"${type}"` : "missing";
    return E.left(
      rejectRequest(
        "validation.unknown_command",
        `Command type ${shown} is not a ${aggregate.label} command`,
        {
          allowed: aggregate.commandTypes,
        },
      ),
    );
  }
  return E.right(type);
};

// The caller's identity fills actor fields (`approverRole` …); only an admin may name another.
const withActor = (
  body: Record<string, unknown>,
  type: string,
  context: PrepareContext,
): E.Either<CommandRejection, Record<string, unknown>> => {
  const filled = { ...body };
  const { principal } = context;
  for (const [field, source] of Object.entries(context.aggregate.actorFieldsOf(type))) {
    const own = source === "id" ? principal.id : principal.role;
    if (filled[field] === undefined) filled[field] = own;
    else if (filled[field] !== own && !context.trusted && !mayActForOthers(principal.role)) {
      return E.left(
        rejectRequest(
          "auth.actor_mismatch",
          `${field} must be the caller's own ${source} (${own})`,
          {
            field,
          },
        ),
      );
    }
  }
  return E.right(filled);
};

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    code: issue.code,
    message: issue.message,
  }));

const parse = (
  schema: z.ZodType,
  body: Record<string, unknown>,
): E.Either<CommandRejection, AnyCommand> => {
  const parsed = schema.safeParse(body);
  return parsed.success
    ? E.right(parsed.data as AnyCommand)
    : E.left(
        rejectRequest("validation.invalid_command", "The command does not match its schema", {
          issues: issuesOf(parsed.error),
        }),
      );
};

const targetId = (
  command: AnyCommand,
  context: PrepareContext,
): E.Either<CommandRejection, string> => {
  const { aggregate, target } = context;
  const own = command.type === aggregate.createCommandType ? command[aggregate.idField] : undefined;
  if (target.mode === "create") return E.right(String(own));
  if (own !== undefined && own !== target.id) {
    return E.left(
      rejectRequest(
        "validation.id_mismatch",
        `${aggregate.idField} "${String(own)}" is not the id in the URL`,
      ),
    );
  }
  return E.right(target.id);
};

const checkInsurer = (command: AnyCommand, { principal }: PrepareContext) => {
  const insurerId = command.insurerId;
  return typeof insurerId === "string" &&
    principal.insurerId !== null &&
    insurerId !== principal.insurerId
    ? E.left(
        rejectRequest(
          "auth.insurer_forbidden",
          `This key acts for insurer ${principal.insurerId} only`,
        ),
      )
    : E.right(command);
};

/** The earliest business date a command may carry. */
export const EARLIEST_BUSINESS_DATE = "1900-01-01";
/** The latest year of any business date (policy periods run into the future). */
export const LATEST_BUSINESS_YEAR = 2200;
/** How far ahead of the server's clock an `occurredAt` may be (clock skew between systems). */
export const OCCURRED_AT_SKEW_MS = 5 * 60_000;

const DATE_FIELD = /(At|Date)$/;

// Dates and instants anywhere in the command, by field path.
const businessDates = (value: unknown, path = ""): [string, string][] => {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const where = path === "" ? key : `${path}.${key}`;
    if (typeof inner === "string" && DATE_FIELD.test(key) && /^\d{4}-\d{2}-\d{2}/.test(inner)) {
      return [[where, inner] as [string, string]];
    }
    return businessDates(inner, where);
  });
};

/**
 * The business-time window: `occurredAt` from 1900-01-01 to the server's clock plus 5 minutes;
 * every other date or instant (`…At`, `…Date`) from 1900-01-01 to the year 2200; a claim's
 * `lossDate` not after the day it was reported.
 */
const checkBusinessTime = (
  command: AnyCommand,
  { now }: PrepareContext,
): E.Either<CommandRejection, AnyCommand> => {
  const latest = Date.parse(now()) + OCCURRED_AT_SKEW_MS;
  const refuse = (field: string, message: string) =>
    E.left(rejectRequest("validation.business_time", message, { field }));
  for (const [field, value] of businessDates(command)) {
    const year = Number(value.slice(0, 4));
    if (value.slice(0, 10) < EARLIEST_BUSINESS_DATE || year > LATEST_BUSINESS_YEAR) {
      return refuse(
        field,
        `${field} must lie between ${EARLIEST_BUSINESS_DATE} and the year ${LATEST_BUSINESS_YEAR}`,
      );
    }
  }
  if (Date.parse(command.occurredAt) > latest) {
    return refuse("occurredAt", "occurredAt lies in the future (beyond 5 minutes of clock skew)");
  }
  const lossDate = command.lossDate;
  if (typeof lossDate === "string" && lossDate > command.occurredAt.slice(0, 10)) {
    return refuse("lossDate", "lossDate lies after the day the loss was reported (occurredAt)");
  }
  return E.right(command);
};

/**
 * Turns a request body into a validated command: the type (defaulted on creation), the
 * caller's permission for it, `occurredAt` from the clock when absent, actor fields from the
 * caller, the domain's zod schema, and the id and insurer checks. Pure; writes nothing.
 *
 * @example
 * ```ts
 * const prepared = prepareCommand(body, { aggregate, target: { mode: "command", id: "C-1" }, principal, trusted: false, now: clock.now });
 * ```
 */
export const prepareCommand = (
  body: unknown,
  context: PrepareContext,
): E.Either<CommandRejection, PreparedCommand> => {
  if (!isRecord(body)) {
    return E.left(rejectRequest("validation.invalid_command", "The body must be a JSON object"));
  }
  const typed = commandType(body, context);
  if (E.isLeft(typed)) return typed;
  const type = typed.right;
  if (!context.trusted && context.aggregate.isSystemCommand(type)) {
    return E.left(
      rejectRequest(
        "auth.system_command",
        `${type} is sent by the system only (the process manager, once a payout is issued or reversed)`,
      ),
    );
  }
  const permission = context.aggregate.permissionOf(type);
  if (!context.trusted && !hasPermission(context.principal.role, permission)) {
    return E.left(
      rejectRequest("auth.forbidden", `The role ${context.principal.role} may not send ${type}`, {
        permission,
      }),
    );
  }
  const withTime = { ...body, type, occurredAt: body.occurredAt ?? context.now() };
  const filled = withActor(withTime, type, context);
  if (E.isLeft(filled)) return filled;
  const parsed = parse(context.aggregate.schemaOf(type) as z.ZodType, filled.right);
  if (E.isLeft(parsed)) return parsed;
  const insurerChecked = checkInsurer(parsed.right, context);
  if (E.isLeft(insurerChecked)) return insurerChecked;
  const timely = checkBusinessTime(parsed.right, context);
  if (E.isLeft(timely)) return timely;
  const id = targetId(parsed.right, context);
  if (E.isLeft(id)) return id;
  if (!context.trusted && context.target.mode === "create" && isSystemId(id.right)) {
    return E.left(
      rejectRequest(
        "validation.reserved_id",
        `Ids starting with "sys." are derived by the system; choose another ${context.aggregate.idField}`,
        { field: context.aggregate.idField },
      ),
    );
  }
  return E.right({ id: id.right, command: parsed.right });
};
