/**
 * `npm run bench`: our event store and projections side by side with Emmett and the raw
 * PostgreSQL limit, on one embedded PostgreSQL, in one run. A full run writes
 * docs/performance.md (between its markers) and results/latest.json; `--quick` only writes
 * results/quick.json. See docs/performance.md and `--help`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { SERVER_SETTINGS, startBenchServer } from "./src/bench-server.mjs";
import { startHost } from "./src/host/host-client.mjs";
import { MEASURES } from "./src/measures/catalog.mjs";
import { parseOptions } from "./src/options.mjs";
import { describeMachine } from "./src/report/machine.mjs";
import { writeResults } from "./src/report/markdown-report.mjs";
import { runMeasure } from "./src/run-measure.mjs";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const REPORT = fileURLToPath(new URL("../../docs/performance.md", import.meta.url));

// Measure 8 needs the built API; without it the run says so instead of failing.
const apiMissing = async () => {
  try {
    const api = await import("@claimstream/api");
    return typeof api.startApi === "function" ? undefined : "@claimstream/api has no startApi";
  } catch (error) {
    return `@claimstream/api is not built (${error.message.split("\n")[0]})`;
  }
};

const options = parseOptions(process.argv.slice(2));
const started = Date.now();
const loadAtStart = Number(loadavg()[0].toFixed(2));
const missingApi = await apiMissing();
const server = await startBenchServer();
const profile = options.profile ? ["--cpu-prof", `--cpu-prof-dir=${RESULTS}`] : [];
const hosts = {
  ours: startHost("ours", { execArgv: profile }),
  emmett: startHost("emmett"),
  limit: startHost("limit"),
};
const measures = [];
const notRun = [];
try {
  for (const measure of MEASURES) {
    if (options.only !== undefined && !options.only.has(measure.number)) continue;
    if (measure.number === 8 && missingApi !== undefined) {
      notRun.push(`${measure.label} ${measure.title}: ${missingApi}.`);
      continue;
    }
    if (measure.derive !== undefined) {
      const derived = measure.derive(measures);
      if (derived === undefined) continue;
      const { apiRssMb, ...results } = derived;
      measures.push({
        ...measure,
        params: {},
        results,
        extras: { apiRssMb },
        verdict: measure.judge(),
      });
      continue;
    }
    const params = { adminUrl: server.adminUrl, ...measure.params(options) };
    const { results, extras } = await runMeasure(measure, hosts, params, {
      repetitions: options.repetitions,
      warmUp: !options.quick,
    });
    const medians = Object.fromEntries(
      Object.entries(results).map(([name, summary]) => [name, summary.value.median]),
    );
    const { adminUrl: _local, ...sizes } = params;
    measures.push({ ...measure, params: sizes, results, extras, verdict: measure.judge(medians) });
  }
} finally {
  await Promise.all(Object.values(hosts).map((host) => host.stop()));
  await server.stop();
}

const run = {
  machine: describeMachine(server.version),
  options: { ...options, only: options.only && [...options.only], argv: process.argv.slice(2) },
  postgres: { version: server.version, settings: SERVER_SETTINGS },
  seconds: (Date.now() - started) / 1000,
  loadAverage: { start: loadAtStart },
  notRun,
  measures: measures.map(({ judge: _judge, derive: _derive, ...measure }) => measure),
};
await mkdir(RESULTS, { recursive: true });
await writeFile(
  `${RESULTS}${options.quick ? "quick" : "latest"}.json`,
  `${JSON.stringify(run, null, 2)}\n`,
);
if (!options.quick) await writeResults(REPORT, run);
for (const m of run.measures) {
  const medians = Object.entries(m.results)
    .map(([name, summary]) => `${name} ${summary.value.median.toFixed(1)}`)
    .join(", ");
  const verdict = m.verdict.pass === undefined ? "" : m.verdict.pass ? " pass" : " MISS";
  console.log(`${m.label ?? m.number}. ${m.title}: ${medians} ${m.unit}${verdict}`);
}
for (const note of notRun) console.log(`not run: ${note}`);
console.log(`bench ${options.quick ? "--quick " : ""}done in ${run.seconds.toFixed(1)} s`);
