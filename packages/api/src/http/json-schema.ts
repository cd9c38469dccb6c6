import { z } from "zod";
import type { Aggregate } from "../aggregates/aggregate.js";
import { LOADED_FIELDS } from "../commands/policy-snapshot.js";

/** A JSON Schema (2020-12) object, as OpenAPI 3.1 embeds it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * The JSON Schema of a zod schema (what a caller sends: `io: "input"`), without `$schema` so
 * it can sit inside an OpenAPI document.
 *
 * @example
 * ```ts
 * jsonSchemaOf(z.object({ id: z.string() })); // { type: "object", properties: { id: … }, … }
 * ```
 */
export const jsonSchemaOf = (schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
};

/** The RFC 9457 problem document every error response carries. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: "object",
  required: ["type", "title", "status", "detail", "code", "instance"],
  properties: {
    type: {
      type: "string",
      description: "URI of the problem type: urn:claimstream:problem:<code>",
    },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string", description: "Stable machine-readable code (see docs/api.md)" },
    instance: { type: "string", description: "The request path" },
    issues: {
      type: "array",
      description: "Schema violations (validation.invalid_command)",
      items: {
        type: "object",
        properties: {
          path: { type: "string" },
          code: { type: "string" },
          message: { type: "string" },
        },
      },
    },
    details: { type: "object", additionalProperties: true },
  },
  additionalProperties: true,
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Invalid request or command",
  401: "Missing or unknown API key",
  403: "The caller's role or authority does not allow it",
  404: "No such resource (or not visible to the caller's insurer)",
  409: "Conflicts with the current state or a concurrent write",
  412: "If-Match does not match the current version",
  413: "Body too large",
  415: "Unsupported media type",
  422: "Breaks a business rule",
  429: "Rate limit exceeded (see Retry-After)",
  503: "A backing service is unavailable",
};

/** A reference to a shared schema registered with `app.addSchema` (see {@link sharedSchemas}). */
export const schemaRef = (id: string): JsonSchema => ({ $ref: `${id}#` });

/** OpenAPI responses for problem statuses (and 429: every route is rate-limited). */
export const problemResponses = (...statuses: readonly number[]): Record<number, JsonSchema> =>
  Object.fromEntries(
    [...statuses, 429].map((status) => [
      status,
      {
        description: STATUS_TEXT[status] ?? "Problem",
        content: { "application/problem+json": { schema: schemaRef("Problem") } },
      },
    ]),
  );

/** A `200`/`201` JSON response. */
export const jsonResponse = (description: string, schema: JsonSchema): JsonSchema => ({
  description,
  content: { "application/json": { schema } },
});

// The API fills these when absent: `occurredAt` from its clock, actor fields from the key.
const withOptional = (schema: JsonSchema, optional: readonly string[]): JsonSchema => {
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return { ...schema, required: required.filter((name) => !optional.includes(name)) };
};

/** The shared-schema id of one command as the API accepts it: `Claim.RegisterClaim`. */
export const commandSchemaId = (aggregate: Aggregate, type: string): string =>
  `${aggregate.label.replace(/ /g, "")}.${type}`;

/**
 * One command's body as the API accepts it: the domain's schema with `occurredAt`, the actor
 * fields and the loaded fields (`VerifyCoverage.policy`) optional, since the API fills them.
 * On creation `type` is optional too.
 */
const commandBody = (aggregate: Aggregate, type: string): JsonSchema => {
  const optional = [
    "occurredAt",
    ...Object.keys(aggregate.actorFieldsOf(type)),
    ...(LOADED_FIELDS[type] ?? []),
  ];
  if (type === aggregate.createCommandType) optional.push("type");
  const schema = jsonSchemaOf(aggregate.schemaOf(type) as z.ZodType);
  return { $id: commandSchemaId(aggregate, type), title: type, ...withOptional(schema, optional) };
};

/**
 * The schemas route schemas refer to by id (`Problem`, every command), to register with
 * `app.addSchema` before the routes; the OpenAPI document lists them as components.
 */
export const sharedSchemas = (aggregates: readonly Aggregate[]): JsonSchema[] => [
  { $id: "Problem", ...PROBLEM_SCHEMA },
  ...aggregates.flatMap((aggregate) =>
    aggregate.commandTypes.map((type) => commandBody(aggregate, type)),
  ),
];

/** The request body of `POST /v1/{collection}` (creation) or `…/{id}/commands` (any command). */
export const commandBodySchema = (aggregate: Aggregate, mode: "create" | "command"): JsonSchema =>
  mode === "create"
    ? schemaRef(commandSchemaId(aggregate, aggregate.createCommandType))
    : { oneOf: aggregate.commandTypes.map((type) => schemaRef(commandSchemaId(aggregate, type))) };
