/** Measure 8a: `GET /v1/claims/:id` (state folded from the claim's events) vs hello-world. */
import { apiContender, helloContender } from "./http-measure.mjs";

const request = (i, claims) => ({ method: "GET", path: `/v1/claims/B${i % claims}` });

export const ours = apiContender("m8_get", request);
export const limit = helloContender(request);
