import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type EventStore,
  KeyringError,
  LocalKeyring,
  PostgresEventStore,
} from "@claimstream/eventstore";
import type { AppConfig } from "../config.js";
import { ConfigError } from "../config.js";

/** The keyring the application runs with, and where it came from. */
export interface ResolvedKeyring {
  /** `null`: none configured; subject keys are then stored unwrapped (a `/ready` warning). */
  readonly keyring: LocalKeyring | null;
  readonly source: "environment" | "file" | "generated" | "none";
  /** The file read or written, when there is one. */
  readonly file?: string;
}

/** Where the embedded default keeps its keyring: beside its data directory, never inside it. */
export const embeddedKeyringFile = (config: AppConfig): string =>
  `${resolve(config.dataDir)}.keyring.json`;

const parse = (text: string, where: string): LocalKeyring => {
  try {
    return LocalKeyring.fromJson(text);
  } catch (error) {
    if (error instanceof KeyringError) throw new ConfigError([`${where}: ${error.message}`]);
    throw error;
  }
};

const readKeyringFile = async (file: string, label: string): Promise<LocalKeyring> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new ConfigError([`${label}: cannot read ${file}`]);
  }
  return parse(text, `${label} (${file})`);
};

/**
 * The keyring: `CLAIMSTREAM_KEYRING` (JSON), else `CLAIMSTREAM_KEYRING_FILE`, else, for the
 * embedded default (one instance per data directory by construction), a keyring generated on
 * first start beside the data directory (`<data dir>.keyring.json`, mode 600). With
 * `DATABASE_URL` or `EVENTSTORE_URL` and no keyring there is none: every instance on a shared
 * database must hold the same keyring, so none is made up.
 */
export const resolveKeyring = async (config: AppConfig): Promise<ResolvedKeyring> => {
  if (config.keyring.json !== undefined) {
    return { keyring: parse(config.keyring.json, "CLAIMSTREAM_KEYRING"), source: "environment" };
  }
  if (config.keyring.file !== undefined) {
    const file = resolve(config.keyring.file);
    return {
      keyring: await readKeyringFile(file, "CLAIMSTREAM_KEYRING_FILE"),
      source: "file",
      file,
    };
  }
  if (config.databaseUrl !== undefined || config.eventStoreUrl !== undefined) {
    return { keyring: null, source: "none" };
  }
  const file = embeddedKeyringFile(config);
  try {
    const document = LocalKeyring.generate();
    await writeFile(file, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    return { keyring: new LocalKeyring(document), source: "generated", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { keyring: await readKeyringFile(file, "the embedded keyring"), source: "file", file };
  }
};

/**
 * Refuses to run when the database holds subject keys wrapped under a KEK the keyring lacks
 * (a keyring lost, or an old KEK deleted before `claimstream keys rotate`): reads of personal
 * fields would fail. Says which KEKs are missing.
 */
export const assertKeyringCovers = async (
  store: EventStore,
  { keyring }: ResolvedKeyring,
): Promise<void> => {
  if (!(store instanceof PostgresEventStore)) return;
  const status = await store.subjectKeyStatus();
  const held = new Set(keyring?.kekIds ?? []);
  const missing = Object.keys(status).filter((kek) => kek !== "unwrapped" && !held.has(kek));
  if (missing.length > 0) {
    throw new ConfigError([
      `the keyring lacks KEK ${missing.join(", ")}, which wraps ${missing.map((kek) => status[kek]).join(", ")} live subject key(s): restore it to the keyring (CLAIMSTREAM_KEYRING_FILE)`,
    ]);
  }
};

/** `/ready`'s warning about subject keys stored unwrapped; `undefined` when all are wrapped. */
export const keyringWarning = async (
  store: EventStore,
  { keyring }: ResolvedKeyring,
): Promise<string | undefined> => {
  if (!(store instanceof PostgresEventStore)) return undefined;
  if (keyring === null) {
    return "subject keys are stored unwrapped: configure a keyring (CLAIMSTREAM_KEYRING_FILE)";
  }
  const unwrapped = (await store.subjectKeyStatus()).unwrapped ?? 0;
  return unwrapped === 0
    ? undefined
    : `${unwrapped} subject key(s) stored unwrapped: run claimstream keys rotate`;
};
