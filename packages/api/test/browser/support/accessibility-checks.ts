import type { Page } from "puppeteer-core";
import { expect } from "vitest";

interface FormControl {
  readonly labels: ArrayLike<unknown> | null;
  getAttribute(name: string): string | null;
  readonly outerHTML: string;
}
interface Focusable {
  readonly id: string;
  readonly className: string;
}

/** Every form control has a label, every chart a role and a description. */
export const checkLabels = async (page: Page) => {
  const unlabelled = await page.$$eval("main input, main select", (controls: FormControl[]) =>
    controls
      .filter(
        (control) => (control.labels?.length ?? 0) === 0 && !control.getAttribute("aria-label"),
      )
      .map((control) => control.outerHTML),
  );
  expect(unlabelled).toEqual([]);
  const charts = await page.$$eval(
    "[data-chart]",
    (elements: { getAttribute(name: string): string | null }[]) =>
      elements.map((element) => ({
        role: element.getAttribute("role"),
        label: element.getAttribute("aria-label") ?? "",
      })),
  );
  for (const chart of charts) {
    expect(chart.role).toBe("img");
    expect(chart.label.length).toBeGreaterThan(20);
  }
};

/** The focused element and whether its focus ring shows. */
export const focused = (page: Page) =>
  page.evaluate(
    "({ id: document.activeElement.id, className: document.activeElement.className, tag: document.activeElement.tagName, ring: getComputedStyle(document.activeElement).outlineStyle })",
  ) as Promise<Focusable & { tag: string; ring: string }>;

/** The page does not scroll sideways at this width (wide tables scroll inside their box). */
export const checkNoSidewaysScroll = async (page: Page, width: number) => {
  const scrollWidth = await page.$eval("html", (html: { scrollWidth: number }) => html.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
};
