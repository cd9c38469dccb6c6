import fp from "fastify-plugin";
import * as E from "fp-ts/lib/Either.js";
import type { Logger } from "pino";
import type { AggregateRegistry } from "../aggregates/aggregates.js";
import { principalOf } from "../auth/auth-plugin.js";
import type { Principal } from "../auth/principal.js";
import { problemOfDomainError } from "../http/domain-error-status.js";
import { jsonResponse, problemResponses } from "../http/json-schema.js";
import { HttpProblem } from "../http/problem.js";
import { policyOfSubject } from "../privacy/personal-data.js";
import type { AggregateReader } from "../reads/aggregate-reader.js";
import { API_PREFIX } from "./api-prefix.js";
import { SECURED } from "./route-docs.js";

export interface SubjectRoutesOptions {
  readonly reader: AggregateReader;
  readonly aggregates: AggregateRegistry;
  readonly logger: Logger;
}

const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

// A key scoped to an insurer may forget only the holders of that insurer's policies.
const checkScope = async (
  subjectId: string,
  principal: Principal,
  options: SubjectRoutesOptions,
): Promise<void> => {
  if (principal.insurerId === null) return;
  const policyId = policyOfSubject(subjectId);
  if (policyId === undefined) {
    throw HttpProblem.of("auth.insurer_forbidden", "This key forgets its insurer's policyholders");
  }
  const visible = await options.reader.visible(
    options.aggregates.byName("policy"),
    policyId,
    principal,
  );
  if (E.isLeft(visible)) throw problemOfDomainError(visible.left);
};

/**
 * `POST /v1/subjects/{id}/forget` (admins): crypto-shreds a data subject by deleting its key,
 * so its personal fields read as `{ "erased": true }` in history, state and rebuilt read models
 * while the hash chains still verify. A policyholder's subject is `policyholder-<policyId>`.
 * Idempotent: forgetting twice answers the same.
 */
export const subjectRoutes = fp<SubjectRoutesOptions>(
  async (app, options) => {
    app.post<{ Params: { id: string } }>(
      `${API_PREFIX}/subjects/:id/forget`,
      {
        config: { access: ["operations.admin"] },
        schema: {
          operationId: "forgetSubject",
          summary: "Crypto-shred a data subject (policyholder-<policyId>)",
          tags: ["Operations"],
          security: SECURED,
          params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
          response: {
            200: jsonResponse("Forgotten", { type: "object", additionalProperties: true }),
            ...problemResponses(400, 401, 403, 404, 503),
          },
        },
      },
      async (request) => {
        const subjectId = request.params.id;
        if (!SUBJECT.test(subjectId)) {
          throw HttpProblem.of("request.invalid_parameter", "Not a subject id");
        }
        const principal = principalOf(request);
        await checkScope(subjectId, principal, options);
        await options.reader.forgetSubject(subjectId);
        options.logger.info({ subjectId, actor: principal.id }, "data subject forgotten");
        return { subjectId, forgotten: true };
      },
    );
  },
  { name: "claimstream-subject-routes", fastify: "5.x", dependencies: ["claimstream-auth"] },
);
