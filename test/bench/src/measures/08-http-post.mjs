/** Measure 8b: `POST /v1/claims/:id/commands` (a reserve change per request) vs hello-world. */
import { apiContender, helloContender } from "./http-measure.mjs";

const request = (i, claims) => ({
  method: "POST",
  path: `/v1/claims/B${i % claims}/commands`,
  body: {
    type: "SetReserve",
    occurredAt: "2026-03-03T09:00:00.000Z",
    costType: "expense",
    balance: { amount: 10_000 + i, currency: "CNY" },
  },
});

export const ours = apiContender("m8_post", request);
export const limit = helloContender(request);
