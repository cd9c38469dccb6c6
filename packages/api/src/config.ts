import { RoleSchema } from "@claimstream/domain";
import { z } from "zod";
import { ConfigError, flag, integer } from "./config-values.js";
import { type IntegrationConfig, loadIntegrationConfig } from "./integration-config.js";

export { ConfigError } from "./config-values.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** One configured API key: the secret, its role and optionally the one insurer it may act for. */
export const ApiKeyConfigSchema = z
  .object({
    key: z.string().min(16, "an API key has at least 16 characters"),
    role: RoleSchema,
    insurerId: z.string().min(1).max(100).nullable().default(null),
    /** Recorded as the actor id in events; defaults to a digest of the key (never the key). */
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "letters, digits, '_', '-' or '.'")
      .optional(),
  })
  .strict();
export type ApiKeyConfig = z.infer<typeof ApiKeyConfigSchema>;

const apiKeysFromJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "is not valid JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.array(ApiKeyConfigSchema));

const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()))
    .refine(
      (value) => value === undefined || protocols.some((protocol) => value.startsWith(protocol)),
      { message: `must start with ${protocols.join(" or ")}` },
    );

/** The environment variables the application reads, validated and given defaults. */
export const EnvironmentSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: integer(0, 65_535, 3000),
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  EVENTSTORE_URL: optionalUrl(["esdb://", "esdb+discover://", "kurrentdb://", "kurrent://"]),
  CLAIMSTREAM_API_KEYS: apiKeysFromJson.optional(),
  CLAIMSTREAM_DATA_DIR: z.string().min(1).default(".data/postgres"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  CLAIMSTREAM_BODY_LIMIT: integer(1024, 100 * 1024 * 1024, 1024 * 1024),
  CLAIMSTREAM_RATE_LIMIT: integer(0, 1_000_000, 1200),
  CLAIMSTREAM_AUTH_FAILURE_LIMIT: integer(0, 1_000_000, 30),
  CLAIMSTREAM_SEED_DEMO: flag(true),
  CLAIMSTREAM_KEYRING_FILE: z.string().min(1).optional(),
  CLAIMSTREAM_KEYRING: z.string().min(1).optional(),
});

/** The application's configuration, as the composition root consumes it. */
export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** A PostgreSQL URL; absent: an embedded PostgreSQL in {@link AppConfig.dataDir}. */
  readonly databaseUrl: string | undefined;
  /** An EventStoreDB URL; present: events live there instead of PostgreSQL. */
  readonly eventStoreUrl: string | undefined;
  /** Configured keys; `undefined` when none are configured (start then makes a demo key). */
  readonly apiKeys: readonly ApiKeyConfig[] | undefined;
  /** Where the embedded PostgreSQL keeps its cluster. */
  readonly dataDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Largest accepted request body, in bytes (413 above it). */
  readonly bodyLimit: number;
  /** Requests per minute per API key (or client address); 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** Failed authentications per minute per client address before 429; 0 turns it off. */
  readonly authFailuresPerMinute: number;
  /** Seed demo data when the event store is empty. */
  readonly seedDemoData: boolean;
  /**
   * Where the keyring (key-encryption keys of the subject keys, the fingerprint secret) comes
   * from: a JSON document in the environment, a file, or neither (see privacy/keyring.ts).
   */
  readonly keyring: { readonly json?: string; readonly file?: string };
  /** Event streams, webhooks, the deadline scheduler and SLA terms (see integration-config.ts). */
  readonly integrations: IntegrationConfig;
}

// Never echo a secret back: API keys are reported by variable name only.
const SECRET_VARIABLES = new Set([
  "CLAIMSTREAM_API_KEYS",
  "DATABASE_URL",
  "EVENTSTORE_URL",
  "CLAIMSTREAM_KEYRING",
]);

const describeIssue = (
  issue: z.core.$ZodIssue,
  env: Readonly<Record<string, string | undefined>>,
) => {
  const [variable, ...rest] = issue.path.map(String);
  const name = variable ?? "environment";
  const where = rest.length === 0 ? name : `${name} (at ${rest.join(".")})`;
  const value = env[name];
  const shown = SECRET_VARIABLES.has(name) || value === undefined ? "" : ` (got "${value}")`;
  return `${where}: ${issue.message}${shown}`;
};

/**
 * Reads and validates the configuration from environment variables. Throws a
 * {@link ConfigError} naming each bad variable, so a misconfigured start stops at once.
 *
 * @example
 * ```ts
 * const config = loadConfig({ PORT: "8080", LOG_LEVEL: "debug" });
 * config.port; // 8080
 * ```
 */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): AppConfig => {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => describeIssue(issue, env)));
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    eventStoreUrl: e.EVENTSTORE_URL,
    apiKeys: e.CLAIMSTREAM_API_KEYS,
    dataDir: e.CLAIMSTREAM_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.CLAIMSTREAM_BODY_LIMIT,
    rateLimitPerMinute: e.CLAIMSTREAM_RATE_LIMIT,
    authFailuresPerMinute: e.CLAIMSTREAM_AUTH_FAILURE_LIMIT,
    seedDemoData: e.CLAIMSTREAM_SEED_DEMO,
    keyring: {
      ...(e.CLAIMSTREAM_KEYRING === undefined ? {} : { json: e.CLAIMSTREAM_KEYRING }),
      ...(e.CLAIMSTREAM_KEYRING_FILE === undefined ? {} : { file: e.CLAIMSTREAM_KEYRING_FILE }),
    },
    integrations: loadIntegrationConfig(env),
  };
};
