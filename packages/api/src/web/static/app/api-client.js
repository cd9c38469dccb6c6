/**
 * The dashboard's only way to the API: same origin, the user's key as `Authorization: Bearer`,
 * RFC 9457 problems turned into {@link ApiError}s.
 * @module
 */

import { storedKey } from "./key-store.js";

/** A refused or failed API call, with the problem's stable `code`. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** Fired on `window` when the API answers 401: the page asks for a key again. */
export const AUTH_REQUIRED_EVENT = "claimstream:auth-required";

/**
 * @typedef {Record<string, string | number | boolean | null | undefined | readonly string[]>} QueryParams
 */

/**
 * `path` with the defined parameters as a query string (arrays comma-separated).
 * @param {string} path
 * @param {QueryParams} [params]
 */
export const urlOf = (path, params = {}) => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    query.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const text = query.toString();
  return text === "" ? path : `${path}?${text}`;
};

/** Headers carrying the stored key. @param {Record<string, string>} [extra] */
export const authHeaders = (extra = {}) => {
  const key = storedKey();
  return key === null ? { ...extra } : { authorization: `Bearer ${key}`, ...extra };
};

/** @param {Response} response */
const problemOf = async (response) => {
  /** @type {{ code?: string; detail?: string; title?: string }} */
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // Not a problem document (a proxy's error page): the status says enough.
  }
  if (response.status === 401) window.dispatchEvent(new Event(AUTH_REQUIRED_EVENT));
  return new ApiError(
    response.status,
    problem.code ?? `http.${response.status}`,
    problem.detail ?? problem.title ?? response.statusText,
  );
};

/**
 * GET a JSON resource.
 *
 * @example
 * const { rows } = await getJson("/v1/analytics/loss-ratio", { groupBy: ["insurer", "line"] });
 *
 * @template T
 * @param {string} path
 * @param {QueryParams} [params]
 * @param {AbortSignal} [signal]
 * @returns {Promise<T>}
 */
export const getJson = async (path, params, signal) => {
  const response = await fetch(urlOf(path, params), {
    headers: authHeaders({ accept: "application/json" }),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw await problemOf(response);
  return /** @type {Promise<T>} */ (response.json());
};

/**
 * GET a resource as CSV (`Accept: text/csv`), as a Blob to download.
 * @param {string} path
 * @param {QueryParams} [params]
 */
export const getCsv = async (path, params) => {
  const response = await fetch(urlOf(path, params), {
    headers: authHeaders({ accept: "text/csv" }),
  });
  if (!response.ok) throw await problemOf(response);
  return response.blob();
};

/**
 * Checks a key without storing it: `ok` (it authenticates; its role may still be refused some
 * pages) or `invalid`.
 * @param {string} key
 * @returns {Promise<"ok" | "invalid">}
 */
export const checkKey = async (key) => {
  const response = await fetch("/v1/analytics/open-age", {
    headers: { authorization: `Bearer ${key}`, accept: "application/json" },
  });
  return response.status === 401 ? "invalid" : "ok";
};
