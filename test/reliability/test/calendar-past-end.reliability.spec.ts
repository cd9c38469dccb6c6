import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CALENDAR_TABLES } from "@claimstream/domain";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import { claimStepsToSettlement, issuePolicy, registerClaim } from "../src/claim-commands.js";
import { runClaimstream } from "../src/cli-process.js";
import { recordFigures } from "../src/figures.js";
import { send } from "../src/http-client.js";
import { createReliabilityDatabase } from "../src/test-database.js";

// The shipped CN holiday table ends 2026-12-31. A payment deadline of 20 working days started
// today (on the real clock: this check runs in December 2026 or later) runs past it. The
// service must take the command, mark the deadline provisional, and once an operator extends
// the table, count it again on its own.

const INSURER = "pacific-mutual";
const CLAIM = "C-CAL-END";
const SLA = {
  insurers: { [INSURER]: { paymentAfterAgreement: { length: 20, unit: "working_days" } } },
};
const FILE = join(tmpdir(), `rel-calendar-${process.pid}.json`);
let database: ScratchDatabase;
let api: ApiProcess;

interface DeadlineView {
  readonly id: string;
  readonly dueAt: string;
  readonly provisional?: boolean;
}

const paymentDeadline = async (): Promise<DeadlineView | undefined> => {
  const claim = await send(api.url, { method: "GET", path: `/v1/claims/${CLAIM}`, key: ADMIN_KEY });
  const deadlines = (claim.body.state?.deadlines ?? {}) as Record<string, DeadlineView>;
  return Object.values(deadlines).find((d) => d.id.includes("payment"));
};

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url, {
    CLAIMSTREAM_SLA_CONFIG: JSON.stringify(SLA),
    CLAIMSTREAM_DEADLINE_SCAN_MS: "200",
  });
});
afterAll(async () => {
  await api?.stop();
  await database?.drop();
  await rm(FILE, { force: true });
});

describe("a holiday table past its end", () => {
  it("takes the command, marks the deadline provisional, and recounts it once the table is extended", async () => {
    const shippedEnd = CALENDAR_TABLES.CN.to;
    const now = new Date().toISOString();
    // The claim's steps at their usual (past) business dates, the settlement now.
    const calls = [
      { path: "/v1/policies", body: issuePolicy("P-CAL-END", INSURER) },
      { path: "/v1/claims", body: registerClaim(CLAIM, "P-CAL-END", INSURER) },
      ...claimStepsToSettlement.map((body, step, all) => ({
        path: `/v1/claims/${CLAIM}/commands`,
        body: step === all.length - 1 ? { ...body, occurredAt: now } : body,
      })),
    ];
    for (const call of calls) {
      const answer = await send(api.url, { method: "POST", ...call, key: ADMIN_KEY });
      expect(answer.status, answer.text).toBeLessThan(300);
    }
    const before = await paymentDeadline();
    expect(before?.provisional, JSON.stringify(before)).toBe(true);
    expect((before?.dueAt ?? "").slice(0, 10) > shippedEnd).toBe(true);

    // The next schedule: a holiday on every weekday of the first week after the table's end.
    const from = new Date(Date.parse(`${shippedEnd}T00:00:00Z`) + 86_400_000);
    const holidays = Array.from({ length: 7 }, (_, n) => new Date(from.getTime() + n * 86_400_000))
      .filter((day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
      .map((day) => ({ date: day.toISOString().slice(0, 10), name: "Test holiday" }));
    const to = `${Number((before?.dueAt ?? now).slice(0, 4)) + 1}-12-31`;
    writeFileSync(
      FILE,
      JSON.stringify({
        from: from.toISOString().slice(0, 10),
        to,
        source: "reliability",
        holidays,
      }),
    );
    const extended = await runClaimstream(database.url, ["calendars", "extend", "CN", FILE]);
    expect(extended.code, extended.stderr).toBe(0);

    // The running service follows the extension; its scheduler recounts (every 200 ms here).
    const deadline = Date.now() + 60_000;
    let after = await paymentDeadline();
    while (after?.provisional === true && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await paymentDeadline();
    }
    expect(after?.provisional).toBeUndefined();
    const ready = await send(api.url, { method: "GET", path: "/ready", key: ADMIN_KEY });
    expect(JSON.stringify(ready.body.warnings ?? [])).not.toContain("CN ");
    recordFigures("17-calendar-past-end", {
      "table end (shipped)": shippedEnd,
      "deadline started": now.slice(0, 10),
      "due, provisional (weekends only past the end)": before?.dueAt.slice(0, 10),
      "holidays in the extension's first week": holidays.length,
      "due after the recount": after?.dueAt.slice(0, 10),
    });
  }, 300_000);
});
