import type { Page } from "puppeteer-core";

// The DOM as the callbacks below see it in the browser (the test program has no DOM types).
interface DataElement {
  readonly dataset: Record<string, string | undefined>;
  readonly textContent: string | null;
}
interface ChartInstance {
  getOption(): { series: { name?: string; data?: unknown[] }[] };
}
interface ChartLibrary {
  readonly echarts: { getInstanceByDom(element: unknown): ChartInstance | undefined };
}

/** What a chart container says it drew, and what ECharts actually holds. */
export interface ChartReading<F> {
  /** The figures the page put on the container (`data-figures`). */
  readonly figures: F;
  /** ECharts' own series (name and data), read from the chart instance. */
  readonly series: { readonly name: string; readonly data: unknown[] }[];
  /** The SVG shapes drawn (bars, lines, symbols): a drawn chart has some. */
  readonly shapes: number;
  /** Every text in the SVG (labels, axis, legend). */
  readonly texts: string[];
  /** The container's accessible description. */
  readonly label: string | null;
}

const ALL_CHARTS_DRAWN = `[...document.querySelectorAll("[data-chart]")].every((chart) => chart.dataset.rendered === "true")`;

/** Waits until `page` is rendered (`main[data-page]` idle) and every chart on it is drawn. */
export const waitForPage = async (page: Page, name: string): Promise<void> => {
  await page.waitForSelector(`main[aria-busy="false"][data-page="${name}"]`, { timeout: 30_000 });
  await page.waitForFunction(ALL_CHARTS_DRAWN, { timeout: 30_000 });
};

/** Waits until every chart is drawn again (after a page re-render). */
export const waitForCharts = (page: Page) =>
  page.waitForFunction(ALL_CHARTS_DRAWN, { timeout: 30_000 });

/** The headline figures by id, as their raw `data-value` numbers. */
export const headlineFigures = async (page: Page): Promise<Record<string, number | null>> => {
  const pairs = await page.$$eval("[data-kpi]", (elements: DataElement[]) =>
    elements.map((element) => [element.dataset.kpi ?? "", element.dataset.value ?? ""] as const),
  );
  return Object.fromEntries(pairs.map(([id, value]) => [id, value === "" ? null : Number(value)]));
};

/** Reads a chart by its `data-chart` id. */
export const readChart = async <F>(page: Page, id: string): Promise<ChartReading<F>> => {
  const selector = `[data-chart="${id}"]`;
  const { figures, series, label } = await page.$eval(selector, (element: DataElement) => {
    const chart = (globalThis as unknown as ChartLibrary).echarts.getInstanceByDom(element);
    return {
      figures: element.dataset.figures ?? "null",
      series: (chart?.getOption().series ?? []).map((s) => ({
        name: s.name ?? "",
        data: s.data ?? [],
      })),
      label: (element as unknown as { getAttribute(name: string): string | null }).getAttribute(
        "aria-label",
      ),
    };
  });
  const shapes = await page.$$eval(`${selector} svg path`, (paths: unknown[]) => paths.length);
  const texts = await page.$$eval(`${selector} svg text`, (nodes: DataElement[]) =>
    nodes.map((node) => node.textContent ?? ""),
  );
  return { figures: JSON.parse(figures) as F, series, shapes, texts, label };
};

/** A table column's raw values (`data-value`), by table and column id. */
export const columnValues = (page: Page, table: string, column: string): Promise<string[]> =>
  page.$$eval(`[data-table="${table}"] tbody [data-column="${column}"]`, (cells: DataElement[]) =>
    cells.map((cell) => cell.dataset.value ?? ""),
  );

/** A raw `data-value` as the number it holds (`""` is null). */
export const numberOf = (value: string | undefined): number | null =>
  value === undefined || value === "" ? null : Number(value);

/** The texts of the elements a selector matches. */
export const textsOf = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (nodes: DataElement[]) =>
    nodes.map((node) => (node.textContent ?? "").trim()),
  );
