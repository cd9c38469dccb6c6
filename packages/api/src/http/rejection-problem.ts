import type { CommandRejection } from "../commands/command-rejection.js";
import { problemOfDomainError } from "./domain-error-status.js";
import { HttpProblem } from "./problem.js";

/**
 * The problem for a rejected command: domain errors by {@link problemOfDomainError}, request
 * rejections by their API code (schema issues travel as `issues`).
 */
export const problemOfRejection = (rejection: CommandRejection): HttpProblem => {
  if (rejection.kind === "domain") return problemOfDomainError(rejection.error);
  const { issues, ...details } = rejection.details ?? {};
  const extensions = {
    ...(issues === undefined ? {} : { issues }),
    ...(Object.keys(details).length === 0 ? {} : { details }),
  };
  return HttpProblem.of(rejection.code, rejection.message, extensions);
};
