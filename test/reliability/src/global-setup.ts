import { startTestPostgres } from "@claimstream/eventstore/test-kit";
import type { TestProject } from "vitest/node";
import { readFigures } from "./figures.js";
import { renderFigures, writeFiguresToDoc, writeResults } from "./reliability-report.js";
import { SETTINGS } from "./settings.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server-level URL (database `postgres`) of the run's PostgreSQL. */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL for the run (embedded, or `DATABASE_URL`); each check makes its own database.
 * At the end, the latest figures of every check of this mode go to `results/<mode>.json`, and a
 * full run also writes them into docs/reliability.md.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const postgres = await startTestPostgres();
  project.provide("postgresUrl", postgres.connectionString);
  return async () => {
    await postgres.stop();
    const figures = readFigures(SETTINGS.mode);
    const run = {
      mode: SETTINGS.mode,
      seconds: (Date.now() - started) / 1000,
      finishedAt: new Date().toISOString(),
    };
    writeResults(figures, run);
    if (SETTINGS.mode === "full") writeFiguresToDoc(renderFigures(figures, run));
  };
}
