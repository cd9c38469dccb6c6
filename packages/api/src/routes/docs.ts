import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import type { Aggregate } from "../aggregates/aggregate.js";
import { sharedSchemas } from "../http/json-schema.js";

export interface DocsRoutesOptions {
  /** The package version shown in the document. */
  readonly version: string;
  /** Their commands become the document's component schemas. */
  readonly aggregates: readonly Aggregate[];
}

// The docs page is served over plain HTTP on a laptop: no upgrade-insecure-requests.
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'";

/**
 * The OpenAPI 3.1 document, generated from the route schemas (themselves generated from the
 * domain's zod schemas), at `GET /openapi.json`, and the interactive docs at `/docs`.
 * Register before the route groups: the generator collects routes as they are added.
 */
export const docsRoutes = fp<DocsRoutesOptions>(
  async (app, { version, aggregates }) => {
    for (const schema of sharedSchemas(aggregates)) app.addSchema(schema);
    await app.register(swagger, {
      // Shared schemas keep their `$id` as component name (`Claim.RegisterClaim`).
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, index) =>
          typeof json.$id === "string" ? json.$id : `def-${index}`,
      },
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "claimstream API",
          version,
          description:
            "Event-sourced insurance claims: policies, claims, repair orders and payouts. Errors are RFC 9457 problems with a stable `code`.",
          license: { name: "MIT", identifier: "MIT" },
        },
        servers: [{ url: "/" }],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: "http",
              scheme: "bearer",
              description: "Authorization: Bearer <API key>",
            },
            apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
          },
        },
        tags: [
          { name: "Policies", description: "Policy commands and state" },
          { name: "Claims", description: "Claim commands and state, FNOL to close" },
          { name: "Repair orders", description: "Repair shop orders" },
          { name: "Payouts", description: "Payments, approvals and recoveries" },
          {
            name: "Audit",
            description: "History, state as of an instant, hash-chain verification",
          },
          {
            name: "Analytics",
            description: "Read models: loss ratio, triangles, workload, SLA … (JSON or CSV)",
          },
          { name: "Operations", description: "Health, readiness, metrics, projections" },
          {
            name: "Integrations",
            description: "Event stream (SSE, CloudEvents), event pages, webhooks",
          },
        ],
      },
    });
    await app.register(swaggerUi, {
      routePrefix: "/docs",
      staticCSP: DOCS_CSP,
      uiConfig: { deepLinking: true },
    });
    app.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  },
  { name: "claimstream-docs", fastify: "5.x" },
);
