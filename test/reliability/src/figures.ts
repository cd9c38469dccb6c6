import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { SETTINGS } from "./settings.js";

/** Where each check leaves its latest figures, per mode (git-ignored). */
export const RUN_DIR = fileURLToPath(new URL("../results/run/", import.meta.url));

/** The figures one check measured, as plain JSON. */
export type Figures = Readonly<Record<string, unknown>>;

/**
 * Keeps a check's figures for the report written at the end of the run.
 *
 * @example
 * ```ts
 * recordFigures("2-concurrent-writers", { attempts: 192, succeeded: 40 });
 * ```
 */
export const recordFigures = (check: string, figures: Figures): void => {
  mkdirSync(RUN_DIR, { recursive: true });
  // Other work on the machine skews durations and latencies: the load average says how much.
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ");
  const entry = { check, mode: SETTINGS.mode, at: new Date().toISOString(), load, figures };
  writeFileSync(`${RUN_DIR}${SETTINGS.mode}-${check}.json`, `${JSON.stringify(entry, null, 2)}\n`);
};

/**
 * The latest figures of every check measured in `mode`, by check name, each with when it ran:
 * running one check again replaces its figures and keeps the others'.
 */
export const readFigures = (mode: "ci" | "full"): Record<string, Figures> => {
  const files = (() => {
    try {
      return readdirSync(RUN_DIR).filter(
        (file) => file.startsWith(`${mode}-`) && file.endsWith(".json"),
      );
    } catch {
      return [];
    }
  })();
  return Object.fromEntries(
    files.sort().map((file) => {
      const entry = JSON.parse(readFileSync(`${RUN_DIR}${file}`, "utf8")) as {
        check: string;
        at: string;
        load?: string;
        figures: Figures;
      };
      const load = entry.load === undefined ? {} : { "machine load (1/5/15 min)": entry.load };
      return [entry.check, { "measured at": entry.at, ...load, ...entry.figures }];
    }),
  );
};
