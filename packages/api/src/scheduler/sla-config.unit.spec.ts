import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { loadIntegrationConfig } from "../integration-config.js";
import { insurerRules, slaDeadlineRules } from "./sla-deadline-rules.js";

const ruleOf = (rules: readonly { kind: string }[], kind: string) =>
  rules.find((rule) => rule.kind === kind);

describe("per-insurer SLA terms on top of the regulatory presets", () => {
  it("replaces the term of the preset of the same kind, keeping its start and stop events", () => {
    const rules = insurerRules("CN", "pm", {
      paymentAfterAgreement: { length: 5, unit: "working_days" },
    });
    expect(E.isRight(rules) && ruleOf(rules.right, "payment")).toMatchObject({
      id: "cn.payment_10d",
      length: 5,
      unit: "working_days",
      startsOn: ["SettlementAgreed"],
      stopsOn: ["ClaimPaymentRecorded"],
    });
  });

  it("adds a contract rule for a kind the jurisdiction has no preset for", () => {
    const rules = insurerRules("CN", "pm", {
      firstContact: { length: 24, unit: "hours" },
      inspection: { length: 3, unit: "working_days" },
      acknowledge: { length: 1, unit: "calendar_days" },
      repair: { length: 20, unit: "working_days" },
    });
    expect(E.isRight(rules)).toBe(true);
    const all = E.isRight(rules) ? rules.right : [];
    expect(ruleOf(all, "first_contact")).toMatchObject({
      id: "contract.first_contact",
      jurisdiction: "CN",
      startsOn: ["ClaimRegistered"],
      stopsOn: ["FirstContactMade"],
    });
    expect(ruleOf(all, "inspection")).toMatchObject({ length: 3, unit: "working_days" });
    expect(all.map((rule) => rule.id)).toContain("cn.decision_30d");
  });

  it("gives insurers without terms the presets, and each insurer its own rules", () => {
    const deadlineRules = slaDeadlineRules({
      atRiskFraction: 0.8,
      insurers: { pm: { decision: { length: 15, unit: "calendar_days" } } },
    });
    expect(ruleOf(deadlineRules("CN", "pm"), "decision")).toMatchObject({ length: 15 });
    expect(ruleOf(deadlineRules("CN", "other"), "decision")).toMatchObject({ length: 30 });
    expect(ruleOf(deadlineRules("US-CA", "pm"), "decision")).toMatchObject({ length: 15 });
  });
});

describe("loading the SLA configuration", () => {
  it("reads JSON from CLAIMSTREAM_SLA_CONFIG with an 0.8 at-risk fraction by default", () => {
    const config = loadIntegrationConfig({
      CLAIMSTREAM_SLA_CONFIG: JSON.stringify({
        insurers: { pm: { paymentAfterAgreement: { length: 5, unit: "working_days" } } },
      }),
    });
    expect(config.deadlines.sla.atRiskFraction).toBe(0.8);
    expect(config.deadlines.sla.insurers.pm?.paymentAfterAgreement?.length).toBe(5);
  });

  it("reads the JSON file named by CLAIMSTREAM_SLA_CONFIG_FILE", async () => {
    const folder = await mkdtemp(join(tmpdir(), "claimstream-sla-"));
    const file = join(folder, "sla.json");
    await writeFile(file, JSON.stringify({ atRiskFraction: 0.75 }));
    try {
      const config = loadIntegrationConfig({ CLAIMSTREAM_SLA_CONFIG_FILE: file });
      expect(config.deadlines.sla.atRiskFraction).toBe(0.75);
      expect(() =>
        loadIntegrationConfig({ CLAIMSTREAM_SLA_CONFIG_FILE: join(folder, "missing.json") }),
      ).toThrow("CLAIMSTREAM_SLA_CONFIG_FILE");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it.each([
    ["not JSON", "{", "is not valid JSON"],
    ["an unknown term", '{"insurers":{"pm":{"lunch":{"length":1,"unit":"hours"}}}}', "lunch"],
    ["a fraction of 1", '{"atRiskFraction":1}', "atRiskFraction"],
    [
      "a unit that does not exist",
      '{"insurers":{"pm":{"decision":{"length":1,"unit":"weeks"}}}}',
      "unit",
    ],
  ])("stops the start on %s, naming the problem", (_name, value, message) => {
    expect(() => loadIntegrationConfig({ CLAIMSTREAM_SLA_CONFIG: value })).toThrow(ConfigError);
    expect(() => loadIntegrationConfig({ CLAIMSTREAM_SLA_CONFIG: value })).toThrow(message);
  });
});
