import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issuePolicy, registerClaim, setReserve } from "../../test/support/fixtures.js";
import { createTestApp, eventCount, type TestApp } from "../../test/support/test-app.js";
import type { CliIo } from "./cli-io.js";
import { importCommands } from "./import-commands.js";
import { printHistory, verifyStream } from "./stream-commands.js";

let t: TestApp;
let out: string[];
let err: string[];
const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
beforeEach(async () => {
  t = await createTestApp();
  out = [];
  err = [];
});
afterEach(() => t.close());

const line = (stream: string, command: object) => JSON.stringify({ stream, command });

describe("importCommands", () => {
  const file = [
    line("policy-P-1", issuePolicy("P-1")),
    line("claim-C-1", registerClaim("C-1", "P-1")),
    "",
    "{ not json",
    line("claim-C-1", {
      type: "AgreeSettlement",
      amount: { amount: 1, currency: "CNY" },
      method: "cash",
    }),
    line("widget-W-1", { type: "Spin" }),
    line("claim-C-1", setReserve),
    line("claim-C-2", setReserve),
  ];

  it("applies the good lines and reports each reject with its line number", async () => {
    const report = await importCommands(t.application, file, io);
    expect(report.applied).toBe(3);
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 4, code: "request.malformed_json" }),
      expect.objectContaining({ line: 5, code: "claim.invalid_transition" }),
      expect.objectContaining({ line: 6, code: "validation.unknown_stream" }),
      expect.objectContaining({ line: 8, code: "claim.not_found" }),
    ]);
    expect(err[0]).toMatch(/^line 4: request\.malformed_json/);
  });

  it("writes nothing new when the same file is imported again", async () => {
    await importCommands(t.application, file, io);
    const count = await eventCount(t.store);
    const again = await importCommands(t.application, file, io);
    expect(again).toMatchObject({ applied: 0, replayed: 3 });
    expect(await eventCount(t.store)).toBe(count);
  });
});

describe("history and verify", () => {
  beforeEach(async () => {
    await importCommands(
      t.application,
      [line("policy-P-1", issuePolicy("P-1")), line("claim-C-1", registerClaim("C-1", "P-1"))],
      io,
    );
    out = [];
  });

  it("prints a stream's history as NDJSON, one event per line", async () => {
    expect(await printHistory(t.application, "claim-C-1", io)).toBe(0);
    const events = out.map((text) => JSON.parse(text));
    expect(events[0]).toMatchObject({
      streamId: "claim-C-1",
      version: 1,
      type: "ClaimRegistered",
      actor: { id: "cli-import" },
    });
  });

  it("verifies a stream and fails on one that does not exist", async () => {
    expect(await verifyStream(t.application, "claim-C-1", io)).toBe(0);
    expect(JSON.parse(out[0] ?? "{}")).toMatchObject({ ok: true });
    expect(await verifyStream(t.application, "claim-NOPE", io)).toBe(1);
  });
});
