import type { DomainError } from "@claimstream/domain";
import type { ApiProblemCode } from "../http/problem.js";

/**
 * Why a command was not applied: a domain error (business rule) or a request problem
 * (validation, authorisation, concurrency). Nothing was written for it.
 */
export type CommandRejection =
  | { readonly kind: "domain"; readonly error: DomainError }
  | {
      readonly kind: "request";
      readonly code: ApiProblemCode;
      readonly message: string;
      readonly details?: Readonly<Record<string, unknown>>;
    };

/** A request rejection. */
export const rejectRequest = (
  code: ApiProblemCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): CommandRejection =>
  details === undefined
    ? { kind: "request", code, message }
    : { kind: "request", code, message, details };

/** The stable code and message of a rejection (for logs and the CLI). */
export const describeRejection = (
  rejection: CommandRejection,
): { code: string; message: string } =>
  rejection.kind === "domain"
    ? { code: rejection.error.code, message: rejection.error.message }
    : { code: rejection.code, message: rejection.message };
