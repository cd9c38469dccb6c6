/** The machine line of the report: CPU, cores, memory, Node, PostgreSQL, date. */
import { cpus, loadavg, totalmem } from "node:os";

/** What the results were measured on. */
export const describeMachine = (postgresVersion) => ({
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: postgresVersion,
  date: new Date().toISOString().slice(0, 10),
  /** 1-minute load average when the run ended: other work on the machine skews the figures. */
  loadAverage: Number(loadavg()[0].toFixed(2)),
});
