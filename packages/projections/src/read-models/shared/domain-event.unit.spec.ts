import { ERASED } from "@claimstream/eventstore";
import { describe, expect, it } from "vitest";
import { buildLossScenario } from "../../../test/support/loss-scenario.js";
import { EventLog } from "../../../test/support/recorded-events.js";
import { parseAnalyticsEvent } from "./domain-event.js";

const scenario = buildLossScenario().events;
const find = (streamId: string, type: string) => {
  const event = scenario.find((e) => e.streamId === streamId && e.type === type);
  if (event === undefined) throw new Error(`no ${type} on ${streamId}`);
  return event;
};

describe("parseAnalyticsEvent", () => {
  it("tells a claim's recovery from a payout's by the stream category", () => {
    expect(parseAnalyticsEvent(find("claim-C-1", "RecoveryRecorded"))).toMatchObject({
      category: "claim",
      id: "C-1",
      event: { type: "RecoveryRecorded", payoutId: "sys.settlement.C-1.1" },
    });
    expect(
      parseAnalyticsEvent(find("payout-sys.settlement.C-1.1", "RecoveryRecorded")),
    ).toMatchObject({
      category: "payout",
      id: "sys.settlement.C-1.1",
      event: { from: "Liable driver's insurer" },
    });
  });

  it("still reads an event whose personal data was erased", () => {
    const registered = find("claim-C-1", "ClaimRegistered");
    const erased = { ...registered, data: { ...registered.data, reporter: ERASED } };
    const parsed = parseAnalyticsEvent(erased);
    expect(parsed).toMatchObject({ category: "claim", event: { insurerId: "ins-a" } });
    expect(parsed?.event).not.toHaveProperty("reporter");
  });

  it("ignores repair orders and unknown streams, and rejects a malformed payload", () => {
    const log = new EventLog();
    const [repair] = log.append("repair-order-R-1", [
      { type: "SupplementRequested", schemaVersion: 1, occurredAt: "2026-01-01T00:00:00Z" },
    ]);
    const [other] = log.append("audit-1", [
      { type: "ClaimRegistered", schemaVersion: 1, occurredAt: "2026-01-01T00:00:00Z" },
    ]);
    expect(repair && parseAnalyticsEvent(repair)).toBeUndefined();
    expect(other && parseAnalyticsEvent(other)).toBeUndefined();
    const registered = find("claim-C-1", "ClaimRegistered");
    const broken = { ...registered, data: { ...registered.data, lossDate: "yesterday" } };
    expect(() => parseAnalyticsEvent(broken)).toThrow();
  });
});
