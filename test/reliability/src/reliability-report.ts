import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import type { Figures } from "./figures.js";

const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));
const DOC = fileURLToPath(new URL("../../../docs/reliability.md", import.meta.url));
const START = "<!-- figures:start (written by npm run test:reliability) -->";
const END = "<!-- figures:end -->";

/** What the run was: mode, duration and machine. */
export interface RunInfo {
  readonly mode: "ci" | "full";
  readonly seconds: number;
  readonly finishedAt: string;
}

const flatten = (value: unknown, prefix: string, into: [string, string][]): [string, string][] => {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix === "" ? key : `${prefix}.${key}`, into);
  } else {
    into.push([prefix, Array.isArray(value) ? value.join(", ") : String(value)]);
  }
  return into;
};

/**
 * The figures of a run as Markdown: one table per check.
 *
 * @example
 * ```ts
 * renderFigures({ "2-concurrent-writers": { attempts: 192 } }, run); // "### 2-concurrent-writers …"
 * ```
 */
export const renderFigures = (all: Readonly<Record<string, Figures>>, run: RunInfo): string => {
  const machine = `${cpus().length} cores, Node ${process.version}, ${process.platform}`;
  const head = [
    `The latest **${run.mode}** figures of each check, with when it ran and the machine's load then (the machine is shared: a load above 2 slows everything down). Last run finished ${run.finishedAt} (${run.seconds.toFixed(0)} s) on ${machine}.`,
  ];
  const sections = Object.entries(all).map(([check, figures]) =>
    [
      `### ${check}`,
      "",
      "| figure | value |",
      "| --- | --- |",
      ...flatten(figures, "", []).map(
        ([name, value]) => `| ${name} | ${value.replaceAll("|", "\\|")} |`,
      ),
    ].join("\n"),
  );
  return [...head, "", ...sections.flatMap((section) => [section, ""])].join("\n").trimEnd();
};

/** Writes the run's figures to `results/<mode>.json` (git-ignored). */
export const writeResults = (all: Readonly<Record<string, Figures>>, run: RunInfo): void => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    `${RESULTS_DIR}${run.mode}.json`,
    `${JSON.stringify({ run, checks: all }, null, 2)}\n`,
  );
};

/** Replaces the figures block of docs/reliability.md (between its markers) with `markdown`. */
export const writeFiguresToDoc = (markdown: string): void => {
  if (!existsSync(DOC)) throw new Error(`${DOC} is missing`);
  const doc = readFileSync(DOC, "utf8");
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} lacks the figures markers`);
  writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n\n${markdown}\n\n${doc.slice(end)}`);
};
