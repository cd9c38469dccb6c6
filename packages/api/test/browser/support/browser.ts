import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser } from "puppeteer-core";

/** The desktop viewport the issue asks to stay readable at. */
export const DESKTOP = { width: 1280, height: 800, deviceScaleFactor: 1 } as const;
/** A phone's width. */
export const PHONE = {
  width: 390,
  height: 844,
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;

// The package's defaults are for serverless functions: a test keeps the browser's security
// (same-origin policy, mixed content) so the page is tested as users get it, and its process
// model, which separate browser contexts (a second user) need.
const SERVERLESS_ONLY = new Set([
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--single-process",
]);
// This machine's network is closed: no background traffic, no component updates.
const QUIET = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * The shared libraries the browser needs beyond the C library (NSS, NSPR, expat), as the package
 * ships them for Amazon Linux, unpacked once: a fresh machine need not have them installed.
 */
const bundledLibraries = (): string => {
  const directory = join(tmpdir(), "claimstream-chromium-libs");
  if (existsSync(join(directory, "lib", "libnss3.so"))) return join(directory, "lib");
  const packageDirectory = dirname(
    dirname(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium"))),
  );
  const archive = join(directory, "al2023.tar");
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    archive,
    brotliDecompressSync(readFileSync(join(packageDirectory, "bin", "al2023.tar.br"))),
  );
  execFileSync("tar", ["-xf", archive, "-C", directory]);
  return join(directory, "lib");
};

/**
 * Headless Chromium from `@sparticuz/chromium`: the binary and the libraries it needs ship inside
 * the npm package and are unpacked to the temp directory on first use (no system browser, no
 * download, nothing installed).
 */
export const launchBrowser = async (): Promise<Browser> => {
  const executablePath = await chromium.executablePath();
  const libraries = [bundledLibraries(), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  // Without the system's fontconfig, the fonts the package unpacked next to the binary.
  const fonts = existsSync("/etc/fonts/fonts.conf")
    ? {}
    : { FONTCONFIG_PATH: join(tmpdir(), "fonts") };
  return puppeteer.launch({
    executablePath,
    headless: "shell",
    args: [...chromium.args.filter((arg) => !SERVERLESS_ONLY.has(arg)), ...QUIET],
    env: { ...process.env, ...fonts, LD_LIBRARY_PATH: libraries },
    defaultViewport: DESKTOP,
  });
};
