import { z } from "zod";

// What every configuration module shares: the error and the value parsers (config.ts and
// integration-config.ts import it; neither imports the other's internals).

/** A configuration value was missing or wrong; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** An optional whole number within bounds, `fallback` when unset or empty. */
export const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? fallback : Number(value)))
    .pipe(
      z
        .number({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );

/** An optional `true`/`false`/`1`/`0`, `fallback` when unset or empty. */
export const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((value) =>
      value === undefined || value === "" ? fallback : value === "true" || value === "1",
    );
