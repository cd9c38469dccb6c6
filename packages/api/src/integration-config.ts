import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError, flag, integer } from "./config-values.js";
import { type SlaConfig, SlaConfigSchema } from "./scheduler/sla-config.js";
import { slaDeadlineRules } from "./scheduler/sla-deadline-rules.js";
import { type EgressSettings, parseAllowedHost } from "./webhooks/egress-policy.js";

// "hooks.corp.example, 10.20.0.0/16": each entry a host name, an IP address or a CIDR range.
const hostList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== ""),
  )
  .superRefine((entries, ctx) => {
    for (const entry of entries)
      if (parseAllowedHost(entry) === undefined)
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not a host name, an IP address or a CIDR range`,
        });
  });

/** The variables of the integrator streams, webhooks and deadline scheduler. */
export const IntegrationEnvironmentSchema = z.object({
  CLAIMSTREAM_SSE_HEARTBEAT_MS: integer(10, 600_000, 15_000),
  CLAIMSTREAM_SSE_SLOW_CLIENT_MS: integer(10, 600_000, 30_000),
  CLAIMSTREAM_SSE_MAX_STREAMS: integer(1, 100_000, 1_000),
  CLAIMSTREAM_SSE_MAX_STREAMS_PER_KEY: integer(1, 100_000, 10),
  CLAIMSTREAM_WEBHOOK_POLL_MS: integer(10, 60_000, 500),
  CLAIMSTREAM_WEBHOOK_TIMEOUT_MS: integer(10, 120_000, 10_000),
  CLAIMSTREAM_WEBHOOK_MAX_ATTEMPTS: integer(1, 100, 8),
  CLAIMSTREAM_WEBHOOK_BACKOFF_MS: integer(1, 3_600_000, 1_000),
  CLAIMSTREAM_WEBHOOK_MAX_BACKOFF_MS: integer(1, 86_400_000, 300_000),
  CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag(false),
  CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS: hostList,
  CLAIMSTREAM_DEADLINE_SCAN_MS: integer(10, 86_400_000, 60_000),
  CLAIMSTREAM_SLA_CONFIG: z.string().optional(),
  CLAIMSTREAM_SLA_CONFIG_FILE: z.string().optional(),
});

/** How the integrator streams, the webhook sender and the deadline scheduler behave. */
export interface IntegrationConfig {
  readonly sse: {
    /** A comment line this often keeps idle streams (and proxies) open. */
    readonly heartbeatMs: number;
    /** A client that reads nothing for this long while its buffer is full is disconnected. */
    readonly slowClientMs: number;
    /** Open streams per process; more answer 503. */
    readonly maxStreams: number;
    /** Open streams per API key and process; more answer 429, so one key cannot take them all. */
    readonly maxStreamsPerKey: number;
  };
  readonly webhooks: {
    readonly pollMs: number;
    /** One delivery's time limit (connect to last byte). */
    readonly timeoutMs: number;
    /** Attempts per event before it goes to the dead letters. */
    readonly maxAttempts: number;
    /** First retry delay; doubles each failure up to `maxBackoffMs`. */
    readonly backoffMs: number;
    readonly maxBackoffMs: number;
    /** Where deliveries may connect: public addresses, plus what these settings allow. */
    readonly egress: EgressSettings;
  };
  readonly deadlines: {
    /** How often the scheduler evaluates open deadlines. */
    readonly scanMs: number;
    readonly sla: SlaConfig;
  };
}

const slaSource = (env: z.infer<typeof IntegrationEnvironmentSchema>): string | undefined => {
  if (env.CLAIMSTREAM_SLA_CONFIG !== undefined && env.CLAIMSTREAM_SLA_CONFIG.trim() !== "")
    return env.CLAIMSTREAM_SLA_CONFIG;
  const file = env.CLAIMSTREAM_SLA_CONFIG_FILE?.trim();
  if (file === undefined || file === "") return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError([`CLAIMSTREAM_SLA_CONFIG_FILE: cannot read ${file} (${String(error)})`]);
  }
};

const parseSla = (text: string | undefined): SlaConfig => {
  let json: unknown = {};
  try {
    json = text === undefined ? {} : JSON.parse(text);
  } catch {
    throw new ConfigError(["CLAIMSTREAM_SLA_CONFIG: is not valid JSON"]);
  }
  const parsed = SlaConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `CLAIMSTREAM_SLA_CONFIG (at ${issue.path.join(".") || "top"}): ${issue.message}`,
      ),
    );
  }
  try {
    slaDeadlineRules(parsed.data);
  } catch (error) {
    throw new ConfigError([`CLAIMSTREAM_SLA_CONFIG: ${(error as Error).message}`]);
  }
  return parsed.data;
};

/**
 * Reads and validates the integration settings and the SLA configuration. Throws a
 * {@link ConfigError} naming each bad variable (an SLA term that makes a rule invalid too).
 *
 * @example
 * ```ts
 * loadIntegrationConfig({ CLAIMSTREAM_SSE_HEARTBEAT_MS: "5000" }).sse.heartbeatMs; // 5000
 * ```
 */
export const loadIntegrationConfig = (
  env: Readonly<Record<string, string | undefined>>,
): IntegrationConfig => {
  const parsed = IntegrationEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    sse: {
      heartbeatMs: e.CLAIMSTREAM_SSE_HEARTBEAT_MS,
      slowClientMs: e.CLAIMSTREAM_SSE_SLOW_CLIENT_MS,
      maxStreams: e.CLAIMSTREAM_SSE_MAX_STREAMS,
      maxStreamsPerKey: e.CLAIMSTREAM_SSE_MAX_STREAMS_PER_KEY,
    },
    webhooks: {
      pollMs: e.CLAIMSTREAM_WEBHOOK_POLL_MS,
      timeoutMs: e.CLAIMSTREAM_WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.CLAIMSTREAM_WEBHOOK_MAX_ATTEMPTS,
      backoffMs: e.CLAIMSTREAM_WEBHOOK_BACKOFF_MS,
      maxBackoffMs: Math.max(
        e.CLAIMSTREAM_WEBHOOK_MAX_BACKOFF_MS,
        e.CLAIMSTREAM_WEBHOOK_BACKOFF_MS,
      ),
      egress: {
        allowPrivateNetworks: e.CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        allowedHosts: e.CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS,
      },
    },
    deadlines: { scanMs: e.CLAIMSTREAM_DEADLINE_SCAN_MS, sla: parseSla(slaSource(e)) },
  };
};
