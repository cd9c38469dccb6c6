#!/usr/bin/env node
/**
 * `npm audit` for CI: fails on any high or critical advisory in the installed tree (runtime and
 * development dependencies), and says so loudly, without failing, when the registry cannot
 * answer the audit at all (some mirrors and proxies refuse the bulk advisory endpoint with 405).
 *
 * Usage: `node scripts/npm-audit.mjs` (the root `npm run audit`).
 */
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/** Severities that fail the run. */
export const FAILING_SEVERITIES = ["high", "critical"];

/**
 * @typedef {{ kind: "clean", counts: Record<string, number> }
 *   | { kind: "vulnerable", counts: Record<string, number>, packages: string[] }
 *   | { kind: "unavailable", reason: string }} AuditVerdict
 */

/**
 * Reads the JSON that `npm audit --json` printed.
 *
 * @param {string} output what `npm audit --json` wrote to stdout
 * @returns {AuditVerdict}
 */
export const auditVerdict = (output) => {
  /** @type {unknown} */
  let report;
  try {
    report = JSON.parse(output);
  } catch {
    return { kind: "unavailable", reason: "npm audit printed no JSON report" };
  }
  if (typeof report !== "object" || report === null) {
    return { kind: "unavailable", reason: "npm audit printed no JSON report" };
  }
  const fields = /** @type {Record<string, unknown>} */ (report);
  const metadata = /** @type {{ vulnerabilities?: Record<string, number> } | undefined} */ (
    fields.metadata
  );
  if (metadata?.vulnerabilities === undefined) {
    const status = typeof fields.statusCode === "number" ? ` (HTTP ${fields.statusCode})` : "";
    const message = typeof fields.message === "string" ? fields.message : "no advisory report";
    return { kind: "unavailable", reason: `${message}${status}` };
  }
  const counts = metadata.vulnerabilities;
  const entries = /** @type {Record<string, { severity?: string }>} */ (
    fields.vulnerabilities ?? {}
  );
  const packages = Object.entries(entries)
    .filter(([, entry]) => FAILING_SEVERITIES.includes(entry.severity ?? ""))
    .map(([name, entry]) => `${name} (${entry.severity})`)
    .sort();
  const failing = FAILING_SEVERITIES.reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
  return failing > 0 || packages.length > 0
    ? { kind: "vulnerable", counts, packages }
    : { kind: "clean", counts };
};

const main = () => {
  const run = spawnSync("npm", ["audit", "--json"], { encoding: "utf8" });
  const verdict = auditVerdict(run.stdout);
  if (verdict.kind === "unavailable") {
    process.stdout.write(
      `npm audit: NOT RUN, the registry could not answer the audit: ${verdict.reason}\n`,
    );
    return 0;
  }
  const summary = Object.entries(verdict.counts)
    .map(([severity, count]) => `${severity} ${count}`)
    .join(", ");
  if (verdict.kind === "vulnerable") {
    process.stderr.write(
      `npm audit: high or critical advisories (${summary}):\n  ${verdict.packages.join("\n  ")}\n`,
    );
    return 1;
  }
  process.stdout.write(`npm audit: no high or critical advisory (${summary})\n`);
  return 0;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
