import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { generateDemoKey } from "../auth/api-keys.js";
import type { ApiKeyConfig, AppConfig } from "../config.js";

/** Where the demo admin key is kept between starts: beside the embedded database's directory. */
export const demoKeyFile = (config: AppConfig): string =>
  join(dirname(resolve(config.dataDir)), "demo-admin-key");

/**
 * The demo admin key used when `CLAIMSTREAM_API_KEYS` is not set: the one saved by an earlier
 * start, else a new random one, saved (mode 600) so the key printed once keeps working.
 */
export const demoAdminKey = async (config: AppConfig): Promise<ApiKeyConfig> => {
  const file = demoKeyFile(config);
  if (existsSync(file)) {
    const saved = (await readFile(file, "utf8")).trim();
    if (saved.length >= 16) return { key: saved, role: "admin", insurerId: null, id: "demo-admin" };
  }
  const generated = generateDemoKey();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${generated.key}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return generated;
};
