import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import * as E from "fp-ts/lib/Either.js";
import type { Principal } from "../auth/principal.js";
import { describeRejection } from "../commands/command-rejection.js";
import type { Application } from "../composition-root.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";

/** What an import did. */
export interface ImportReport {
  readonly applied: number;
  /** Lines whose idempotency key matched an earlier import: nothing new written. */
  readonly replayed: number;
  readonly rejected: readonly {
    readonly line: number;
    readonly code: string;
    readonly message: string;
  }[];
}

/** Who an import acts as: an admin, so back-filled actor fields (`approverId` …) are kept. */
export const IMPORT_PRINCIPAL: Principal = { id: "cli-import", role: "admin", insurerId: null };

type ParsedLine =
  | {
      readonly ok: true;
      readonly stream: string;
      readonly command: unknown;
      readonly key: string | undefined;
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

const parseLine = (text: string): ParsedLine => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: "request.malformed_json", message: "the line is not valid JSON" };
  }
  const record =
    typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  if (
    typeof record.stream !== "string" ||
    typeof record.command !== "object" ||
    record.command === null
  ) {
    return {
      ok: false,
      code: "validation.invalid_line",
      message: 'expected { "stream": "claim-…", "command": { "type": … } }',
    };
  }
  const key = typeof record.idempotencyKey === "string" ? record.idempotencyKey : undefined;
  return { ok: true, stream: record.stream, command: record.command, key };
};

// The same line imported again is recognised (and skipped) by its content digest; repeats of
// one line in a file are told apart by their occurrence number.
const contentKey = (stream: string, text: string, seen: Map<string, number>): string => {
  const digest = createHash("sha256").update(`${stream}\n${text}`).digest("hex").slice(0, 32);
  const occurrence = (seen.get(digest) ?? 0) + 1;
  seen.set(digest, occurrence);
  return `import-${digest}-${occurrence}`;
};

/**
 * Runs one command per NDJSON line, `{ "stream": "claim-C-1", "command": { "type": … } }`
 * (optionally with `"idempotencyKey"`), through the same validation, deciders and process
 * manager as the API. A rejected line writes nothing and is reported with its line number;
 * the import goes on with the next line. Importing the same file twice writes nothing new.
 *
 * @example
 * ```ts
 * const report = await importCommands(application, lines, processIo);
 * report.rejected; // [{ line: 7, code: "claim.invalid_transition", message: "…" }]
 * ```
 */
export const importCommands = async (
  application: Application,
  lines: AsyncIterable<string> | Iterable<string>,
  io: CliIo,
): Promise<ImportReport> => {
  const commands = application.get(TOKENS.commands);
  const aggregates = application.get(TOKENS.aggregates);
  const seen = new Map<string, number>();
  const run = randomUUID();
  const rejected: { line: number; code: string; message: string }[] = [];
  let applied = 0;
  let replayed = 0;
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    const text = raw.trim();
    if (text === "") continue;
    const parsed = parseLine(text);
    const target = parsed.ok ? aggregates.byStreamId(parsed.stream) : undefined;
    if (!parsed.ok || target === undefined) {
      const reason = parsed.ok
        ? { code: "validation.unknown_stream", message: `no aggregate has stream ${parsed.stream}` }
        : parsed;
      rejected.push({ line: lineNumber, code: reason.code, message: reason.message });
      io.err(`line ${lineNumber}: ${reason.code}: ${reason.message}`);
      continue;
    }
    const result = await commands.execute({
      aggregate: target.aggregate,
      target: { mode: "command", id: target.id },
      body: parsed.command,
      principal: IMPORT_PRINCIPAL,
      idempotencyKey: parsed.key ?? contentKey(parsed.stream, text, seen),
      correlationId: `import-${run}-line-${lineNumber}`,
    });
    if (E.isLeft(result)) {
      const { code, message } = describeRejection(result.left);
      rejected.push({ line: lineNumber, code, message });
      io.err(`line ${lineNumber}: ${code}: ${message}`);
    } else if (result.right.replayed) replayed += 1;
    else applied += 1;
  }
  return { applied, replayed, rejected };
};

/** `claimstream import <file.ndjson>`: exit 1 when any line was rejected. */
export const importFile = async (
  application: Application,
  file: string,
  io: CliIo,
): Promise<number> => {
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const report = await importCommands(application, lines, io);
  io.out(
    `imported ${report.applied}, already imported ${report.replayed}, rejected ${report.rejected.length}`,
  );
  return report.rejected.length === 0 ? EXIT.ok : EXIT.failed;
};
