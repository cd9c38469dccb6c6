import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { API_INDEX } from "../routes/index-route.js";
import { AssetCatalog, type WebAsset } from "./asset-catalog.js";

/** Where the page's own files are: `src/web/static` (tests) or `dist/web/static` (built). */
const STATIC_DIRECTORY = fileURLToPath(new URL("./static/", import.meta.url));
/** The chart library, served from the package's own dependency: the page works offline. */
const ECHARTS_FILE = createRequire(import.meta.url).resolve("echarts/dist/echarts.common.min");
/** The URL the page loads ECharts from (see `static/index.html`). */
export const ECHARTS_URL = "/web/vendor/echarts.min.js";

const PUBLIC = { config: { access: "public" as const }, schema: { hide: true } };

const sendAsset = (request: FastifyRequest, reply: FastifyReply, asset: WebAsset) => {
  reply
    .header("etag", asset.etag)
    .header("cache-control", asset.cacheControl)
    .header("vary", "accept-encoding");
  if (request.headers["if-none-match"] === asset.etag) return reply.code(304).send();
  const gzipped = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")
    ? asset.gzipped()
    : undefined;
  if (gzipped !== undefined) reply.header("content-encoding", "gzip");
  return reply.type(asset.contentType).send(gzipped ?? asset.body);
};

const wantsHtml = (request: FastifyRequest): boolean =>
  (request.headers.accept ?? "").includes("text/html");

/** Builds the catalog of what the dashboard serves. */
export const dashboardAssets = (): AssetCatalog =>
  new AssetCatalog()
    .addDirectory("/web/", STATIC_DIRECTORY)
    .addFile(ECHARTS_URL, ECHARTS_FILE, "day");

/**
 * The analyst and auditor dashboard: `GET /` answers the page to a browser (a client asking for
 * `text/html`) and the API index as JSON to everyone else; `GET /web/*` serves the page's
 * modules, styles and the vendored chart library (ECharts) from the package, with ETags and
 * gzip. The page itself is public; every figure it shows comes from the API with the key the
 * user enters, so the CSP (`script-src 'self'`) and the API's authorisation apply unchanged.
 */
export const dashboardRoutes = fp(
  async (app) => {
    const assets = dashboardAssets();
    const page = assets.get("/web/index.html");
    if (page === undefined) throw new Error(`the dashboard page is missing in ${STATIC_DIRECTORY}`);
    app.get("/", PUBLIC, async (request, reply) => {
      reply.header("vary", "accept");
      return wantsHtml(request) ? sendAsset(request, reply, page) : API_INDEX;
    });
    app.get<{ Params: { "*": string } }>("/web/*", PUBLIC, async (request, reply) => {
      const asset = assets.get(`/web/${request.params["*"]}`);
      return asset === undefined ? reply.callNotFound() : sendAsset(request, reply, asset);
    });
  },
  { name: "claimstream-dashboard", fastify: "5.x" },
);
