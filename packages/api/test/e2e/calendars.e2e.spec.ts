import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { TOKENS } from "../../src/tokens.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  agreeCashSettlement,
  assessDamage,
  assignAdjuster,
  INSURER,
  issuePolicy,
  registerClaim,
  setReserve,
  verifyCoverage,
} from "../support/fixtures.js";
import { httpClient } from "../support/http-client.js";
import {
  type IntegrationApp,
  movableClock,
  startIntegrationApp,
} from "../support/integration-app.js";
import { KEYS } from "../support/test-app.js";

// The CN table shipped ends 2026-12-31. A payment deadline of 10 working days started on
// 24 December runs into 2027: counted with weekends only there, and marked provisional. Once an
// operator records the 2027 schedule, the deadline scheduler counts it again.

const SLA = {
  insurers: { [INSURER]: { paymentAfterAgreement: { length: 10, unit: "working_days" } } },
};
const EXTENSION = {
  from: "2027-01-01",
  to: "2027-12-31",
  source: "State Council notice (test schedule)",
  holidays: [
    { date: "2027-01-01", name: "New Year's Day" },
    { date: "2027-01-04", name: "New Year bridge day" },
  ],
  workingWeekends: [],
};
const CLAIM = "C-CAL-1";
const clock = movableClock("2026-12-24T12:00:00.000Z");
let database: TestDatabase;
let api: IntegrationApp;
let dir: string;
const { call, send } = httpClient(() => api.url);

interface DeadlineView {
  readonly id: string;
  readonly dueAt: string;
  readonly provisional?: boolean;
  readonly tableEnd?: string;
}

const paymentDeadline = async (): Promise<DeadlineView | undefined> => {
  const claim = await call(KEYS.admin, "GET", `/v1/claims/${CLAIM}`);
  const state = claim.body.state as { deadlines: Record<string, DeadlineView> };
  return Object.values(state.deadlines).find((d) => d.id.includes("payment"));
};

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "claimstream-calendars-"));
  api = await startIntegrationApp(database.url, {
    clock,
    env: { CLAIMSTREAM_SLA_CONFIG: JSON.stringify(SLA), CLAIMSTREAM_DEADLINE_SCAN_MS: "600000" },
  });
  expect((await call(KEYS.admin, "POST", "/v1/policies", issuePolicy("P-CAL-1"))).status).toBe(201);
  const registered = await call(KEYS.admin, "POST", "/v1/claims", registerClaim(CLAIM, "P-CAL-1"));
  expect(registered.status).toBe(201);
  for (const body of [verifyCoverage("P-CAL-1"), assignAdjuster, setReserve, assessDamage]) {
    await send(KEYS.admin, "claims", CLAIM, body);
  }
  await send(KEYS.admin, "claims", CLAIM, {
    ...agreeCashSettlement,
    occurredAt: "2026-12-24T10:00:00.000Z",
  });
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("holiday tables extended at run time", () => {
  it("counts past the table's end with weekends only and marks the deadline provisional", async () => {
    // 25, 28–31 Dec, then 1 and 4–7 Jan (the 2027 holidays unknown yet).
    expect(await paymentDeadline()).toMatchObject({
      dueAt: "2027-01-07T23:59:59.999Z",
      provisional: true,
      tableEnd: "2026-12-31",
    });
    const ready = await call(KEYS.admin, "GET", "/ready");
    expect(JSON.stringify(ready.body.warnings)).toContain("CN ends 2026-12-31");
  });

  it("refuses an extension from a scoped admin, or one that does not fit the table", async () => {
    const scoped = await call(KEYS.scopedAdmin, "POST", "/v1/calendars/CN/extensions", EXTENSION);
    expect(scoped.status).toBe(403);
    const gap = await call(KEYS.admin, "POST", "/v1/calendars/CN/extensions", {
      ...EXTENSION,
      from: "2027-02-01",
    });
    expect([gap.status, gap.body.code]).toEqual([422, "calendar.invalid_extension"]);
    const unknown = await call(KEYS.admin, "POST", "/v1/calendars/XX/extensions", EXTENSION);
    expect([unknown.status, unknown.body.code]).toEqual([400, "request.invalid_parameter"]);
    const bad = await call(KEYS.admin, "POST", "/v1/calendars/CN/extensions", { from: "soon" });
    expect([bad.status, bad.body.code]).toEqual([400, "request.invalid"]);
  });

  it("records the extension as an event, and the scheduler counts the deadline again", async () => {
    const extended = await call(KEYS.admin, "POST", "/v1/calendars/CN/extensions", EXTENSION);
    expect(extended.status, extended.text).toBe(201);
    expect(extended.body).toMatchObject({ jurisdiction: "CN", to: "2027-12-31", extensions: 1 });
    const history = await call(KEYS.admin, "GET", "/v1/calendars");
    expect(history.body.calendars).toContainEqual(
      expect.objectContaining({ jurisdiction: "CN", to: "2027-12-31" }),
    );
    await api.application.get(TOKENS.projections)?.waitUntilCaughtUp();
    await api.workers.evaluateDeadlinesNow();
    // 25, 28–31 Dec, then 5–8 and 11 Jan: 1 and 4 Jan are holidays now.
    const recounted = await paymentDeadline();
    expect(recounted?.dueAt).toBe("2027-01-11T23:59:59.999Z");
    expect(recounted?.provisional).toBeUndefined();
    const events = await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}/history`);
    const recomputed = (events.body.events as { type: string }[]).filter(
      (event) => event.type === "DeadlineRecomputed",
    );
    expect(recomputed).toHaveLength(1);
    // Once is enough: the next round finds nothing to count again.
    await api.application.get(TOKENS.projections)?.waitUntilCaughtUp();
    await api.workers.evaluateDeadlinesNow();
    const again = await call(KEYS.auditor, "GET", `/v1/claims/${CLAIM}/history`);
    expect(again.body.events).toHaveLength((events.body.events as unknown[]).length);
    const ready = await call(KEYS.admin, "GET", "/ready");
    expect(JSON.stringify(ready.body.warnings ?? [])).not.toContain("CN ");
  });

  it("extends from a file with the CLI, and a running service follows", async () => {
    const file = join(dir, "cn-2028.json");
    await writeFile(
      file,
      JSON.stringify({ ...EXTENSION, from: "2028-01-01", to: "2028-12-31", holidays: [] }),
    );
    const out: string[] = [];
    const code = await runCli(
      ["calendars", "extend", "CN", file],
      { DATABASE_URL: database.url, LOG_LEVEL: "silent" },
      { out: (line) => out.push(line), err: (line) => out.push(line) },
    );
    expect(code, out.join("\n")).toBe(0);
    const calendars = api.application.get(TOKENS.calendars);
    const deadline = Date.now() + 10_000;
    while (calendars.lookup("CN").to !== "2028-12-31" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(calendars.lookup("CN").to).toBe("2028-12-31");
  });
});
