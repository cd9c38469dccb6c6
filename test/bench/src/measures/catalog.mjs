/**
 * The nine measures of issue 9: what each runs, at which size, and its goal. Each measure's
 * contenders live in `measures/<id>.mjs`; this file only describes and judges them.
 *
 * `value` is each repetition's main figure; `higherIsBetter` says how ratios read. A ratio
 * "vs X" is always "how many times better ours is than X" (ours/X for throughput, X/ours for
 * latency), so > 1 means ours wins.
 */

const ratio = (ours, other, higherIsBetter) =>
  ours === undefined || other === undefined
    ? undefined
    : higherIsBetter
      ? ours / other
      : other / ours;

const judge = (measure, medians, checks) => {
  const ratios = {
    emmett: ratio(medians.ours, medians.emmett, measure.higherIsBetter),
    limit: ratio(medians.ours, medians.limit, measure.higherIsBetter),
  };
  const verdicts = checks(ratios, medians);
  const known = verdicts.filter((v) => v !== undefined);
  return { ratios, pass: known.length === 0 ? undefined : known.every(Boolean) };
};

const atLeast = (value, bound) => (value === undefined ? undefined : value >= bound);

/** A measure's size: `--size`, else the quick size, else the full size scaled by `--scale`. */
const size = (options, measure, full, quick) =>
  options.sizes[measure] ?? (options.quick ? quick : Math.max(1, Math.round(full * options.scale)));

export const MEASURES = [
  {
    id: "01-append-batches",
    number: 1,
    title: "Append, 1 writer, 100-event batches to new streams",
    unit: "events/s",
    higherIsBetter: true,
    contenders: ["ours", "emmett", "limit"],
    goal: "≥ 2× Emmett; ≥ 0.7× limit",
    params: (options) => ({ events: size(options, 1, 200_000, 3_000), batchSize: 100 }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.emmett, 2), atLeast(r.limit, 0.7)]);
    },
  },
  {
    id: "02-concurrent-appends",
    number: 2,
    title: "Append, 8 concurrent writers, single-event commits with expected version",
    unit: "events/s",
    higherIsBetter: true,
    contenders: ["ours", "emmett", "limit"],
    goal: "≥ 1.5× Emmett",
    params: (options) => ({ writers: 8, eventsPerWriter: size(options, 2, 1_000, 40) }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.emmett, 1.5)]);
    },
  },
  {
    id: "03-command-handling",
    number: 3,
    title: "Command handling (load, decide, append), claim decider, 20-event streams",
    unit: "commands/s",
    higherIsBetter: true,
    contenders: ["ours", "emmett"],
    goal: "≥ 1.5× Emmett",
    params: (options) => ({ commands: size(options, 3, 1_000, 40) }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.emmett, 1.5)]);
    },
  },
  {
    id: "04-read-and-fold",
    number: 4,
    title: "Read a 1,000-event stream and fold it",
    unit: "streams/s",
    higherIsBetter: true,
    contenders: ["ours", "emmett", "limit"],
    goal: "≥ Emmett",
    params: (options) => ({ streamLength: 1_000, reads: size(options, 4, 200, 10) }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.emmett, 1)]);
    },
  },
  {
    id: "05-read-all",
    number: 5,
    title: "Read `$all` in order",
    unit: "events/s",
    higherIsBetter: true,
    contenders: ["ours", "limit"],
    goal: "≥ 0.5× limit",
    params: (options) => ({ events: size(options, 5, 1_000_000, 5_000) }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.limit, 0.5)]);
    },
  },
  {
    id: "06-projection-rebuild",
    number: 6,
    title: "Projection rebuild (loss ratio + claims list) from the history",
    unit: "events/s",
    higherIsBetter: true,
    contenders: ["ours", "limit"],
    // The limit copies the rows ours just built.
    fixedOrder: true,
    goal: "≥ 0.3× limit (`COPY` of the resulting rows)",
    params: (options) => ({ events: size(options, 6, 1_000_000, 1_000) }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.limit, 0.3)]);
    },
  },
  {
    id: "07-projection-lag",
    number: 7,
    title: "Projection lag p99 while appending 1,000 events/s (loss ratio + claims list)",
    unit: "ms",
    higherIsBetter: false,
    contenders: ["ours"],
    goal: "p99 < 100 ms",
    params: (options) => ({ rate: 1_000, seconds: size(options, 7, 30, 1) }),
    judge(medians) {
      return judge(this, medians, () => [medians.ours < 100]);
    },
  },
  {
    id: "08-http-get",
    number: 8,
    label: "8a",
    title: "HTTP `GET /v1/claims/:id` p99 at 500 req/s (limit column: hello-world Fastify)",
    unit: "ms",
    higherIsBetter: false,
    contenders: ["ours", "limit"],
    goal: "p99 ≤ 3× hello-world",
    params: (options) => ({
      rate: 500,
      seconds: size(options, 8, 20, 1),
      claims: options.quick ? 20 : 200,
    }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.limit, 1 / 3)]);
    },
  },
  {
    id: "08-http-post",
    number: 8,
    label: "8b",
    title:
      "HTTP `POST /v1/claims/:id/commands` p99 at 200 req/s (limit column: hello-world Fastify)",
    unit: "ms",
    higherIsBetter: false,
    contenders: ["ours", "limit"],
    goal: "p99 ≤ 3× hello-world",
    params: (options) => ({
      rate: 200,
      seconds: size(options, 8, 20, 1),
      claims: options.quick ? 20 : 200,
    }),
    judge(medians) {
      return judge(this, medians, (r) => [atLeast(r.limit, 1 / 3)]);
    },
  },
  {
    id: "09-memory",
    number: 9,
    title:
      "Memory: RSS of the projection workers after the rebuild, and of the API after measure 8",
    unit: "MiB",
    higherIsBetter: false,
    contenders: ["ours"],
    goal: "— (reported, no goal)",
    /** Not run: read from measure 6's rebuild processes and measure 8's API processes. */
    derive(measures) {
      const rebuild = measures.find((m) => m.id === "06-projection-rebuild");
      const api = measures
        .filter((m) => m.number === 8)
        .map((m) => m.extras.ours?.apiRssMb)
        .filter((rss) => rss !== undefined);
      if (rebuild === undefined) return undefined;
      const workers = rebuild.results.ours.rssMb;
      return {
        ours: { value: workers, heapUsedMb: rebuild.results.ours.heapUsedMb },
        apiRssMb: api.length === 0 ? undefined : Math.max(...api),
      };
    },
    judge: () => ({ ratios: {}, pass: undefined }),
  },
];
