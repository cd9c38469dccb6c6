import { expect, it } from "vitest";
import type { RunningApi } from "../../src/cli/start.js";
import { TOKENS } from "../../src/tokens.js";
import type { httpClient } from "../support/http-client.js";
import { KEYS } from "../support/test-app.js";

/**
 * The claim-lifecycle e2e spec goes on with these on the same server: once the projections
 * caught up, the closed claim shows in the claims list and in every analytics route.
 */
export const readModelChecks = (
  getApi: () => RunningApi,
  call: ReturnType<typeof httpClient>["call"],
  claimId: string,
): void => {
  const rows = async (path: string) => {
    const answer = await call(KEYS.admin, "GET", path);
    expect(answer.status, answer.text).toBe(200);
    return answer.body.rows as Record<string, unknown>[];
  };

  it("lists the claim once the projections caught up", async () => {
    await getApi().application.get(TOKENS.projections)?.waitUntilCaughtUp();
    const page = (await call(KEYS.auditor, "GET", "/v1/claims?status=closed&line=motor_own_damage"))
      .body;
    expect(page.items).toEqual([
      expect.objectContaining({
        claimId,
        status: "closed",
        paidIndemnity: 300_000,
        incurred: 300_000,
      }),
    ]);
    expect((await call(KEYS.otherScopedHandler, "GET", "/v1/claims")).body.items).toEqual([]);
  });

  it("shows the claim's figures on every analytics route", async () => {
    const mine = { insurerId: "pacific-mutual" };
    expect(await rows("/v1/analytics/loss-ratio")).toEqual([
      expect.objectContaining({
        ...mine,
        line: "motor_own_damage",
        claimCount: 1,
        paidLoss: 300_000,
        incurredLoss: 300_000,
      }),
    ]);
    const triangles = (
      await call(KEYS.analyst, "GET", "/v1/analytics/triangles?period=month&basis=paid")
    ).body;
    expect(triangles).toMatchObject({
      granularity: "month",
      origins: expect.arrayContaining(["2026-02"]),
    });
    expect(triangles.chainLadder).toMatchObject({
      basis: "paid",
      latest: expect.arrayContaining([300_000]),
    });
    const workload = (await call(KEYS.analyst, "GET", "/v1/analytics/adjuster-workload")).body;
    expect(workload.adjusters).toEqual([
      expect.objectContaining({ adjusterId: "adj-zhang", openClaims: 0 }),
    ]);
    expect(await rows("/v1/analytics/time-to-settle")).toEqual([
      expect.objectContaining({ group: "pacific-mutual", claims: 1 }),
    ]);
    expect(await rows("/v1/analytics/sla-compliance")).toContainEqual(
      expect.objectContaining({ ...mine, breached: 0 }),
    );
    expect(await rows("/v1/analytics/insurer-scorecard")).toEqual([
      expect.objectContaining({
        ...mine,
        assessmentDisputes: expect.objectContaining({ disputed: 1 }),
      }),
    ]);
    expect(await rows("/v1/analytics/shop-workload")).toEqual([
      expect.objectContaining({ shopId: "shop-east" }),
    ]);
    expect(await rows("/v1/analytics/reserve-accuracy")).toEqual([
      expect.objectContaining({ ...mine, closedClaims: 1 }),
    ]);
    expect(await rows("/v1/analytics/customer")).toEqual([
      expect.objectContaining({ ...mine, csatAverage: 5, complaints: 1 }),
    ]);
  });

  it("answers CSV on Accept: text/csv, and 400 on a bad filter", async () => {
    const csv = await call(
      KEYS.analyst,
      "GET",
      "/v1/analytics/loss-ratio?groupBy=insurer",
      undefined,
      { accept: "text/csv" },
    );
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[1]).toMatch(/^pacific-mutual,CNY,1,/);
    const bad = await call(KEYS.analyst, "GET", "/v1/analytics/loss-ratio?groupBy=galaxy");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("request.invalid_parameter");
  });

  it("reports the projections to an admin", async () => {
    const status = (await call(KEYS.admin, "GET", "/v1/projections")).body.projections as {
      name: string;
      state: string;
    }[];
    expect(status.map((projection) => projection.name)).toContain("claims_list");
    expect(status.every((projection) => projection.state === "running")).toBe(true);
    expect((await call(KEYS.analyst, "GET", "/v1/projections")).status).toBe(403);
  });
};
