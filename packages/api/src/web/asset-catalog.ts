import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** One file the dashboard serves, held in memory. */
export interface WebAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** A strong validator: the SHA-256 of the body. */
  readonly etag: string;
  /** `Cache-Control`: app files revalidate on every load, vendored libraries are kept a day. */
  readonly cacheControl: string;
  /** The gzip-compressed body, made on first use (only worth it for text). */
  gzipped(): Buffer | undefined;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** How long a browser keeps an asset without asking again. */
export type AssetCaching = "revalidate" | "day";

const CACHE_CONTROL: Readonly<Record<AssetCaching, string>> = {
  revalidate: "no-cache",
  day: "public, max-age=86400",
};

const assetOf = (body: Buffer, fileName: string, caching: AssetCaching): WebAsset => {
  const contentType = CONTENT_TYPES[extname(fileName)] ?? "application/octet-stream";
  let gzipped: Buffer | undefined;
  const compressible = contentType.startsWith("text/") || contentType === "image/svg+xml";
  return {
    body,
    contentType,
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    cacheControl: CACHE_CONTROL[caching],
    gzipped: () => {
      if (compressible && gzipped === undefined) gzipped = gzipSync(body);
      return gzipped;
    },
  };
};

const filesUnder = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });

/**
 * The files the dashboard serves by URL path, read once when the server starts: nothing
 * outside the catalog is ever read from disk, so no request path can reach another file.
 *
 * @example
 * ```ts
 * const catalog = new AssetCatalog()
 *   .addDirectory("/web/", fileURLToPath(new URL("./static/", import.meta.url)))
 *   .addFile("/web/vendor/echarts.min.js", require.resolve("echarts/dist/echarts.common.min"), "day");
 * catalog.get("/web/app/main.js")?.contentType; // "text/javascript; charset=utf-8"
 * ```
 */
export class AssetCatalog {
  readonly #assets = new Map<string, WebAsset>();

  /** Adds every file under `directory` at `urlPrefix` + its relative path (`/` separated). */
  addDirectory(urlPrefix: string, directory: string, caching: AssetCaching = "revalidate"): this {
    for (const file of filesUnder(directory)) {
      const urlPath = `${urlPrefix}${relative(directory, file).split(sep).join("/")}`;
      this.#assets.set(urlPath, assetOf(readFileSync(file), file, caching));
    }
    return this;
  }

  /** Adds one file at `urlPath`. */
  addFile(urlPath: string, file: string, caching: AssetCaching = "revalidate"): this {
    this.#assets.set(urlPath, assetOf(readFileSync(file), urlPath, caching));
    return this;
  }

  /** The asset at a URL path, if the catalog has it. */
  get(urlPath: string): WebAsset | undefined {
    return this.#assets.get(urlPath);
  }

  /** Every URL path served, sorted. */
  get paths(): string[] {
    return [...this.#assets.keys()].sort();
  }
}
