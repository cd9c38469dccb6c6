/**
 * Hash routes: `#/loss-ratio?asOf=2026-06-30`, `#/claims/CLM-00010`. The server serves one page
 * at `/`; the hash keeps every view linkable and the back button working, with no server route.
 * @module
 */

/**
 * @typedef {object} Route
 * @property {string} page The first path segment, e.g. `claims`.
 * @property {string[]} segments The path segments after it, decoded.
 * @property {URLSearchParams} params The query after `?`.
 */

/**
 * The route of a hash such as `#/claims/CLM-1?asOf=…`; `overview` when empty.
 * @param {string} hash
 * @returns {Route}
 */
export const parseRoute = (hash) => {
  const text = hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = text.split("?", 2);
  const [page = "", ...segments] = path.split("/").filter((part) => part !== "");
  return {
    page: page === "" ? "overview" : page,
    segments: segments.map((segment) => decodeURIComponent(segment)),
    params: new URLSearchParams(query),
  };
};

/**
 * The hash of a page, its path segments and parameters (empty ones left out).
 *
 * @example
 * hashOf("claims", ["CLM-1"]); // "#/claims/CLM-1"
 *
 * @param {string} page
 * @param {readonly string[]} [segments]
 * @param {Record<string, string | null | undefined>} [params]
 */
export const hashOf = (page, segments = [], params = {}) => {
  const path = [page, ...segments.map((segment) => encodeURIComponent(segment))].join("/");
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  const text = query.toString();
  return `#/${path}${text === "" ? "" : `?${text}`}`;
};

/**
 * Goes to the route with `params` changed (others kept): the page renders again.
 * @param {Route} route
 * @param {Record<string, string | null | undefined>} changes
 */
export const withParams = (route, changes) => {
  /** @type {Record<string, string>} */
  const params = Object.fromEntries(route.params.entries());
  location.hash = hashOf(route.page, route.segments, { ...params, ...changes });
};
