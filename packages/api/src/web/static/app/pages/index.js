/**
 * The pages by route: `#/<page>` (and `#/claims/<id>` for a claim's timeline).
 * @module
 */

import { claimTimelinePage } from "./claim-timeline.js";
import { claimsPage } from "./claims.js";
import { lossRatioPage } from "./loss-ratio.js";
import { overviewPage } from "./overview.js";
import { scorecardPage } from "./scorecard.js";
import { timeToSettlePage } from "./time-to-settle.js";
import { trianglesPage } from "./triangles.js";
import { workloadPage } from "./workload.js";

/** @type {Readonly<Record<string, import("../page-context.js").Page>>} */
const PAGES = {
  overview: overviewPage,
  "loss-ratio": lossRatioPage,
  triangles: trianglesPage,
  workload: workloadPage,
  "time-to-settle": timeToSettlePage,
  scorecard: scorecardPage,
  claims: claimsPage,
};

/**
 * The page a route shows, or `undefined` for an unknown one.
 * @param {import("../router.js").Route} route
 */
export const pageOf = (route) =>
  route.page === "claims" && route.segments.length > 0 ? claimTimelinePage : PAGES[route.page];
