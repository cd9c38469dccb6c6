import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApiKeyConfig } from "../config.js";
import type { Principal } from "./principal.js";

const digest = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

/** The id recorded for a key without a configured `id`: `key-` and 12 hex digits of its digest. */
export const keyIdOf = (key: string): string => `key-${digest(key).toString("hex").slice(0, 12)}`;

/**
 * The configured API keys, looked up by digest. Holds digests only; a key is compared in
 * constant time.
 *
 * @example
 * ```ts
 * const keys = new ApiKeyRegistry([{ key: "s3cret-key-of-16+chars", role: "handler", insurerId: null }]);
 * keys.authenticate("s3cret-key-of-16+chars"); // { id: "key-…", role: "handler", insurerId: null }
 * ```
 */
export class ApiKeyRegistry {
  readonly #byDigest = new Map<
    string,
    { readonly digest: Buffer; readonly principal: Principal }
  >();

  constructor(keys: readonly ApiKeyConfig[]) {
    for (const entry of keys) {
      const keyDigest = digest(entry.key);
      this.#byDigest.set(keyDigest.toString("hex"), {
        digest: keyDigest,
        principal: {
          id: entry.id ?? keyIdOf(entry.key),
          role: entry.role,
          insurerId: entry.insurerId,
        },
      });
    }
  }

  /** How many keys are configured. */
  get size(): number {
    return this.#byDigest.size;
  }

  /** The principal of a presented key, or `undefined` for an unknown key. */
  authenticate(presented: string): Principal | undefined {
    const presentedDigest = digest(presented);
    const entry = this.#byDigest.get(presentedDigest.toString("hex"));
    if (entry === undefined || !timingSafeEqual(entry.digest, presentedDigest)) return undefined;
    return entry.principal;
  }
}

/** A fresh random admin key for demos: `cs_demo_` and 32 hex digits. */
export const generateDemoKey = (): ApiKeyConfig => ({
  key: `cs_demo_${randomBytes(16).toString("hex")}`,
  role: "admin",
  insurerId: null,
  id: "demo-admin",
});
