/**
 * Writes the results into docs/performance.md between its two markers; the hand-written text
 * around them (method, findings, fixes) stays as it is.
 */
import { readFile, writeFile } from "node:fs/promises";

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

const number = (value, unit) => {
  if (value === undefined || Number.isNaN(value)) return "—";
  const digits = unit === "ms" || value < 100 ? 1 : 0;
  return value.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
};

const cell = (summary, unit) =>
  summary === undefined
    ? "—"
    : `**${number(summary.value.median, unit)}** (${number(summary.value.min, unit)}–${number(summary.value.max, unit)})`;

const times = (ratio) =>
  ratio === undefined ? "—" : `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}×`;

const verdict = (pass) => (pass === undefined ? "—" : pass ? "pass" : "**miss**");

const latencyDetail = (summary) =>
  summary?.p50 === undefined ? "" : ` p50 ${number(summary.p50.median, "ms")}`;

// Padded like Biome formats Markdown tables, so the generated file passes `npm run lint`.
const table = (rows) => {
  const widths = rows[0].map((_, c) => Math.max(3, ...rows.map((cells) => cells[c].length)));
  const line = (cells) => `| ${cells.map((text, c) => text.padEnd(widths[c])).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)];
};

const HEADER = [
  "#",
  "measure",
  "unit",
  "ours",
  "Emmett 0.42",
  "limit",
  "vs Emmett",
  "vs limit",
  "goal",
  "result",
];

const row = (measure) => {
  const { results, verdict: judged, unit } = measure;
  const label = measure.label ?? String(measure.number);
  const ours = `${cell(results.ours, unit)}${latencyDetail(results.ours)}`;
  const limit = `${cell(results.limit, unit)}${latencyDetail(results.limit)}`;
  return [
    label,
    measure.title,
    unit,
    ours,
    cell(results.emmett, unit),
    limit,
    times(judged.ratios.emmett),
    times(judged.ratios.limit),
    measure.goal,
    verdict(judged.pass),
  ];
};

const sizes = (measures) =>
  measures
    .filter((m) => Object.keys(m.params).length > 0)
    .map(
      (m) =>
        `${m.label ?? m.number}: ${Object.entries(m.params)
          .filter(([k]) => k !== "adminUrl")
          .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
          .join(", ")}`,
    )
    .join("; ");

/** The generated section: machine line, table, sizes, memory. */
export const resultsSection = (run) => {
  const { machine, measures } = run;
  const memory = measures.find((m) => m.number === 9);
  return [
    START,
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, Node ${machine.node}, PostgreSQL ${machine.postgres}; run on ${machine.date} in ${Math.round(run.seconds / 60)} min (load average ${run.loadAverage.start} at the start, ${machine.loadAverage} at the end), ${run.options.repetitions} repetitions per measure after a warm-up.`,
    "",
    'Each cell: **median** (min–max over the repetitions). Ratios are "times better than": ours/other for throughput, other/ours for latency, so > 1× means ours wins.',
    "",
    ...table([HEADER, ...measures.map(row)]),
    "",
    `Sizes: ${sizes(measures)} (\`npm run bench -- ${run.options.argv.join(" ")}\`).`,
    ...(memory === undefined
      ? []
      : [
          "",
          `Memory (9): the projection workers' process after the rebuild: RSS ${number(memory.results.ours.value.median)} MiB (heap ${number(memory.results.ours.heapUsedMb?.median)} MiB); the API process after measure 8's load: RSS ${number(memory.extras.apiRssMb)} MiB.`,
        ]),
    ...(run.notRun.length === 0 ? [] : ["", ...run.notRun.map((note) => `Not run: ${note}`)]),
    "",
    END,
  ].join("\n");
};

/** Replaces the results section of `path` (or appends one when the markers are missing). */
export const writeResults = async (path, run) => {
  const current = await readFile(path, "utf8").catch(() => "# Performance\n");
  const section = resultsSection(run);
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start === -1 || end === -1
      ? `${current.trimEnd()}\n\n${section}\n`
      : `${current.slice(0, start)}${section}${current.slice(end + END.length)}`;
  await writeFile(path, next);
};
