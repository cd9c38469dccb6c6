import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSURER, OTHER_INSURER, registerClaim } from "../../test/support/fixtures.js";
import {
  auth,
  createTestApp,
  issuePolicies,
  KEYS,
  type TestApp,
} from "../../test/support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      CLAIMSTREAM_SLA_CONFIG: JSON.stringify({
        insurers: { [INSURER]: { firstContact: { length: 24, unit: "hours" } } },
      }),
    },
  });
  await issuePolicies(t, ["P-1"], ["P-NS", OTHER_INSURER]);
});
afterAll(() => t.close());

const register = async (claimId: string, insurerId: string) => {
  const response = await t.app.inject({
    method: "POST",
    url: "/v1/claims",
    headers: auth(KEYS.admin),
    payload: registerClaim(claimId, insurerId === OTHER_INSURER ? "P-NS" : "P-1", insurerId),
  });
  expect(response.statusCode).toBe(201);
  return response.json().events as { type: string; deadline?: { id: string; dueAt: string } }[];
};

describe("the claim decider with per-insurer SLA terms", () => {
  it("starts the insurer's own first-contact deadline at FNOL", async () => {
    const events = await register("C-SLA-PM", INSURER);
    const started = events.find((event) => event.type === "DeadlineStarted");
    expect(started?.deadline).toMatchObject({
      id: "contract.first_contact-1",
      dueAt: "2026-03-03T09:00:00.000Z",
    });
  });

  it("leaves another insurer's claims on the regulatory presets", async () => {
    const events = await register("C-SLA-NS", OTHER_INSURER);
    expect(events.some((event) => event.type === "DeadlineStarted")).toBe(false);
  });
});
