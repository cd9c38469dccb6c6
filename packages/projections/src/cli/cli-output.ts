import type { ParkedEvent } from "../runtime/parking/parked-event-store.js";
import type { ProjectionStatus } from "../runtime/projection-status.js";
import type { RebuildProgress } from "../runtime/rebuild/blue-green-rebuild.js";

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
};

const duration = (ms: number | undefined): string => {
  if (ms === undefined) return "-";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
};

/** One line about a rebuild in progress. */
export const formatRebuildProgress = (name: string, progress: RebuildProgress): string => {
  const remaining =
    progress.eventsRemaining === undefined ? "" : `, ${progress.eventsRemaining} to go`;
  return (
    `rebuilding ${name} v${progress.version}: ${progress.eventsApplied} events applied, ` +
    `position ${progress.position} of ${progress.head}${remaining}`
  );
};

/** The `status` command's table. */
export const formatStatusTable = (statuses: readonly ProjectionStatus[]): string => {
  if (statuses.length === 0) return "No projection has run on this database yet.";
  const rows = statuses.map((status) => [
    status.name,
    status.state,
    String(status.version),
    String(status.position),
    String(status.head),
    String(status.lagEvents ?? "-"),
    duration(status.lagMs),
    String(status.parked),
    status.rebuild === undefined
      ? ""
      : `v${status.rebuild.version}: ${status.rebuild.eventsApplied} applied, ${status.rebuild.eventsRemaining ?? "?"} to go`,
  ]);
  const header = [
    "PROJECTION",
    "STATE",
    "VERSION",
    "POSITION",
    "HEAD",
    "LAG",
    "LAG TIME",
    "PARKED",
    "REBUILD",
  ];
  return table(header, rows);
};

/** The `parked` command's table. */
export const formatParkedTable = (name: string, parked: readonly ParkedEvent[]): string => {
  if (parked.length === 0) return `${name} has no parked events.`;
  const rows = parked.map((event) => [
    String(event.globalPosition),
    `${event.streamId}@${event.streamPosition}`,
    event.type,
    String(event.attempts),
    event.parkedAt,
    event.error,
  ]);
  return table(["POSITION", "STREAM", "TYPE", "ATTEMPTS", "PARKED AT", "ERROR"], rows);
};
