/**
 * Charts with ECharts (served from the package at /web/vendor/echarts.min.js, no CDN), drawn as
 * SVG. Each chart container gets `role="img"`, an ARIA description of its figures, the figures
 * themselves as `data-figures` JSON, and `data-rendered` once ECharts has finished drawing.
 * @module
 */

/** @typedef {typeof import("echarts")} ECharts */
/** @typedef {import("echarts").EChartsOption} ChartOption */
/** @typedef {import("echarts").ECharts} ChartInstance */

/** Series colours: distinguishable, and readable on white. */
export const PALETTE = ["#2f6fb0", "#e07b39", "#2c8c7e", "#8a63b8", "#c9454b", "#7a7a2e"];
/** The colour that marks an idle adjuster or technician. */
export const IDLE_COLOUR = "#b26b00";
/** The colour of capacity and other backdrops. */
export const BACKDROP_COLOUR = "#d9e1ea";

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** @type {Set<{ chart: ChartInstance; observer: ResizeObserver }>} */
const mounted = new Set();

/** The ECharts global the vendored script defines. */
const library = () => /** @type {ECharts | undefined} */ (Reflect.get(window, "echarts"));

const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/**
 * Draws a chart into `container`.
 *
 * @example
 * renderChart(element, {
 *   description: "Incurred loss ratio by accident month",
 *   figures: { months, incurred },
 *   option: { xAxis: { type: "category", data: months }, yAxis: {}, series: [{ type: "line", data: incurred }] },
 * });
 *
 * @param {HTMLElement} container
 * @param {{ option: ChartOption; description: string; figures: unknown }} chart
 */
export const renderChart = (container, { option, description, figures }) => {
  container.setAttribute("role", "img");
  container.dataset.figures = JSON.stringify(figures);
  delete container.dataset.rendered;
  const echarts = library();
  if (echarts === undefined) {
    container.textContent = "The chart library did not load; the table shows the same figures.";
    container.setAttribute("aria-label", description);
    return undefined;
  }
  const existing = echarts.getInstanceByDom(container);
  const instance = existing ?? echarts.init(container, null, { renderer: "svg" });
  if (existing === undefined) {
    instance.on("finished", () => {
      container.dataset.rendered = "true";
    });
    const observer = new ResizeObserver(() => instance.resize({ animation: { duration: 0 } }));
    observer.observe(container);
    mounted.add({ chart: instance, observer });
  }
  instance.setOption(
    {
      color: PALETTE,
      animation: !reducedMotion(),
      animationDuration: 300,
      textStyle: { fontFamily: FONT, color: "#1c2733" },
      aria: { enabled: true, label: { description } },
      tooltip: { trigger: "axis", confine: true },
      ...option,
    },
    { notMerge: true },
  );
  // ECharts writes the description as the container's aria-label: keep ours, it names figures.
  container.setAttribute("aria-label", description);
  return instance;
};

/** Disposes every chart: called before the next page renders. */
export const disposeCharts = () => {
  for (const { chart, observer } of mounted) {
    observer.disconnect();
    chart.dispose();
  }
  mounted.clear();
};

/**
 * A category axis whose labels stay readable on a phone: every label of a short axis (words
 * wrap onto a second line, long ids are slanted), rotated and thinned out on a long one.
 * @param {string[]} categories
 * @returns {import("echarts").XAXisComponentOption}
 */
export const categoryAxis = (categories) => {
  if (categories.length > 8)
    return { type: "category", data: categories, axisLabel: { hideOverlap: true, rotate: 40 } };
  const longest = Math.max(0, ...categories.map((label) => label.length));
  if (longest > 14 && categories.length > 2)
    return { type: "category", data: categories, axisLabel: { interval: 0, rotate: 20 } };
  return {
    type: "category",
    data: categories.map((label) => label.replace(" ", "\n")),
    axisLabel: { interval: 0, lineHeight: 15 },
  };
};

/** Grid margins that leave room for axis labels (rotated ones too) and a top legend. */
export const GRID = /** @type {import("echarts").GridComponentOption} */ ({
  left: 8,
  right: 16,
  top: 40,
  bottom: 8,
  outerBoundsMode: "same",
  outerBoundsContain: "axisLabel",
});
/** A legend along the top, scrolling when long. */
export const LEGEND = { top: 0, type: /** @type {const} */ ("scroll") };
