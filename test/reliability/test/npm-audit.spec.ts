import { describe, expect, it } from "vitest";
import { auditVerdict } from "../../../scripts/npm-audit.mjs";

// The shape `npm audit --json` prints (auditReportVersion 2), cut down to what the verdict reads.
const report = (vulnerabilities: Record<string, { severity: string }>) => {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const { severity } of Object.values(vulnerabilities)) {
    counts[severity as keyof typeof counts] += 1;
    counts.total += 1;
  }
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, entry]) => [name, { name, ...entry }]),
    ),
    metadata: { vulnerabilities: counts, dependencies: { total: 812 } },
  });
};

describe("the CI audit verdict (scripts/npm-audit.mjs)", () => {
  it("fails on a high or a critical advisory and names the packages", () => {
    const verdict = auditVerdict(
      report({ "fast-xml": { severity: "critical" }, semver: { severity: "high" } }),
    );
    expect(verdict).toMatchObject({
      kind: "vulnerable",
      packages: ["fast-xml (critical)", "semver (high)"],
    });
  });

  it("passes with only low and moderate advisories", () => {
    const verdict = auditVerdict(report({ a: { severity: "low" }, b: { severity: "moderate" } }));
    expect(verdict).toMatchObject({ kind: "clean", counts: { moderate: 1, low: 1, high: 0 } });
  });

  it("says the audit could not run when the registry refuses the endpoint", () => {
    const refused = JSON.stringify({
      message:
        "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
      statusCode: 405,
      body: "",
    });
    expect(auditVerdict(refused)).toEqual({
      kind: "unavailable",
      reason:
        "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk (HTTP 405)",
    });
    expect(auditVerdict("npm error network")).toMatchObject({ kind: "unavailable" });
  });
});
