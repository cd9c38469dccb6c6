import fp from "fastify-plugin";
import { asyncApiDocument } from "../asyncapi/asyncapi-document.js";

/**
 * `GET /asyncapi.json`: the AsyncAPI 3 document of the event stream and webhooks (public, like
 * `/openapi.json`), generated once from the domain's event schemas.
 */
export const asyncApiRoutes = fp<{ readonly version: string }>(
  async (app, { version }) => {
    const documents = new Map<string, unknown>();
    app.get(
      "/asyncapi.json",
      { config: { access: "public" }, schema: { hide: true } },
      async (request) => {
        const host = request.headers.host ?? "localhost:3000";
        const document = documents.get(host) ?? asyncApiDocument({ version, host });
        if (documents.size < 16) documents.set(host, document);
        return document;
      },
    );
  },
  { name: "claimstream-asyncapi", fastify: "5.x" },
);
