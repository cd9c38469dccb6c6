import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "puppeteer-core";

/** `UPDATE_SCREENSHOTS=1`: this run takes the README's screenshots, on the full demo data. */
export const UPDATING_README_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1";

/**
 * Where screenshots go: the README's `docs/images/` when updating them, else a temp directory,
 * so that an ordinary test run leaves the work tree as it was.
 */
export const SCREENSHOT_DIRECTORY = UPDATING_README_SCREENSHOTS
  ? fileURLToPath(new URL("../../../../../docs/images/", import.meta.url))
  : join(tmpdir(), "claimstream-dashboard-screenshots");

/**
 * Saves the page as `<name>.png`: the whole page (the viewport stretched to the page's height,
 * the charts given a moment to redraw at it, then put back), or only what the viewport shows.
 */
export const saveScreenshot = async (
  page: Page,
  name: string,
  { wholePage = true }: { readonly wholePage?: boolean } = {},
): Promise<string> => {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const path = join(SCREENSHOT_DIRECTORY, `${name}.png`);
  const viewport = page.viewport();
  if (!wholePage || viewport === null) {
    await page.screenshot({ path });
    return path;
  }
  const height = await page.$eval("html", (html: { scrollHeight: number }) => html.scrollHeight);
  await page.setViewport({ ...viewport, height });
  await new Promise((resolve) => setTimeout(resolve, 400));
  await page.screenshot({ path });
  await page.setViewport(viewport);
  return path;
};
