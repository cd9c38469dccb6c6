import { readFile } from "node:fs/promises";
import { JurisdictionSchema } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import { CLI_ACTOR } from "../auth/principal.js";
import type { Application } from "../composition-root.js";
import { CalendarExtensionSchema } from "../routes/calendars.js";
import { TOKENS } from "../tokens.js";
import { type CliIo, EXIT } from "./cli-io.js";

/**
 * `claimstream calendars status`: each jurisdiction's holiday table (dates, source, extensions).
 * `claimstream calendars extend <jurisdiction> <file.json>`: extends a table from a file (the
 * body of `POST /v1/calendars/{jurisdiction}/extensions`), recorded as a `CalendarExtended`
 * event; running services pick it up, and their deadline scheduler recounts provisional
 * deadlines.
 */
export const calendars = async (
  application: Application,
  args: readonly string[],
  io: CliIo,
): Promise<number> => {
  const registry = application.get(TOKENS.calendars);
  const [action, jurisdictionArg, file] = args;
  if (action === "status") {
    for (const status of registry.status()) io.out(JSON.stringify(status));
    return EXIT.ok;
  }
  const jurisdiction = JurisdictionSchema.safeParse(jurisdictionArg);
  if (action !== "extend" || !jurisdiction.success || file === undefined) {
    io.err(
      `usage: claimstream calendars status | extend <${JurisdictionSchema.options.join("|")}> <file.json>`,
    );
    return EXIT.usage;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readFile(file, "utf8"));
  } catch {
    io.err(`${file}: not a readable JSON file`);
    return EXIT.usage;
  }
  const extension = CalendarExtensionSchema.safeParse(body);
  if (!extension.success) {
    for (const issue of extension.error.issues) {
      io.err(`${file}: ${issue.path.map(String).join(".") || "body"}: ${issue.message}`);
    }
    return EXIT.failed;
  }
  const store = application.get(TOKENS.eventStore);
  const extended = await registry.extend(store, jurisdiction.data, extension.data, CLI_ACTOR);
  if (E.isLeft(extended)) {
    io.err(`calendar not extended: ${extended.left.message}`);
    return EXIT.failed;
  }
  io.out(JSON.stringify(extended.right));
  return EXIT.ok;
};
