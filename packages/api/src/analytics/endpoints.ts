import { LineOfBusinessSchema } from "@claimstream/domain";
import {
  adjusterWorkload,
  chainLadder,
  customerMetrics,
  insurerScorecard,
  lossRatio,
  lossTriangles,
  reserveAccuracy,
  shopWorkload,
  slaCompliance,
  timeToSettle,
} from "@claimstream/projections";
import { z } from "zod";
import {
  type AnalyticsEndpoint,
  DateParam,
  defined,
  defineEndpoint,
  InstantParam,
  InsurerParam,
  listParam,
} from "./analytics-endpoint.js";
import { claimActivityEndpoint, openAgeEndpoint } from "./claim-activity-endpoints.js";
import { triangleRows } from "./triangle-rows.js";

const lossRatioEndpoint = defineEndpoint({
  path: "loss-ratio",
  operationId: "lossRatio",
  summary:
    "Earned premium, paid and incurred loss and the loss ratios, sliced by insurer, line, accident period, region",
  query: z.object({
    insurerId: InsurerParam,
    asOf: DateParam,
    from: DateParam,
    to: DateParam,
    groupBy: listParam(
      ["insurer", "line", "accidentMonth", "accidentYear", "region"],
      ["insurer", "line"],
    ),
  }),
  run: (db, query, context) =>
    lossRatio(
      db,
      defined({ ...query, asOf: query.asOf ?? context.today, insurerId: context.insurerId }),
    ),
  rows: (rows) => rows,
});

const trianglesEndpoint = defineEndpoint({
  path: "triangles",
  operationId: "lossTriangles",
  summary: "Paid and incurred development triangles with chain-ladder factors, ultimates and IBNR",
  query: z.object({
    insurerId: InsurerParam,
    asOf: DateParam,
    period: z.enum(["year", "quarter", "month"]).default("year"),
    basis: z.enum(["paid", "incurred"]).default("incurred"),
    cost: z.enum(["loss", "lossAndExpense"]).default("loss"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default("CNY"),
    line: LineOfBusinessSchema.optional(),
    region: z.string().min(1).max(100).optional(),
  }),
  run: async (db, query, context) => {
    const triangle = await lossTriangles(
      db,
      defined({
        granularity: query.period,
        asOf: query.asOf ?? context.today,
        currency: query.currency,
        basis: query.cost,
        insurerId: context.insurerId,
        line: query.line,
        region: query.region,
      }),
    );
    return {
      ...triangle,
      chainLadder: { basis: query.basis, ...chainLadder(triangle[query.basis]) },
    };
  },
  rows: triangleRows,
});

const adjusterWorkloadEndpoint = defineEndpoint({
  path: "adjuster-workload",
  operationId: "adjusterWorkload",
  summary: "Open claims, capacity use, ageing and overdue deadlines per adjuster",
  query: z.object({ insurerId: InsurerParam }),
  run: (db, _query, context) =>
    adjusterWorkload(db, defined({ now: context.now, insurerId: context.insurerId })),
  rows: (result) => result.adjusters,
});

const timeToSettleEndpoint = defineEndpoint({
  path: "time-to-settle",
  operationId: "timeToSettle",
  summary: "Durations from FNOL through each stage to settlement, by insurer, line or month",
  query: z.object({
    insurerId: InsurerParam,
    from: InstantParam,
    to: InstantParam,
    groupBy: z.enum(["insurer", "line", "month"]).default("insurer"),
  }),
  run: (db, query, context) =>
    timeToSettle(db, defined({ ...query, insurerId: context.insurerId })),
  rows: (rows) => rows,
});

const slaComplianceEndpoint = defineEndpoint({
  path: "sla-compliance",
  operationId: "slaCompliance",
  summary: "Regulatory and SLA deadlines met, breached and at risk",
  query: z.object({
    insurerId: InsurerParam,
    from: InstantParam,
    to: InstantParam,
    atRiskWithinHours: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
  }),
  run: (db, query, context) =>
    slaCompliance(db, defined({ ...query, now: context.now, insurerId: context.insurerId })),
  rows: (rows) => rows,
});

const insurerScorecardEndpoint = defineEndpoint({
  path: "insurer-scorecard",
  operationId: "insurerScorecard",
  summary: "Per insurer: approval times, supplement rates, disputes, time from handover to payment",
  query: z.object({
    insurerId: InsurerParam,
    shopId: z.string().min(1).max(100).optional(),
    from: InstantParam,
    to: InstantParam,
  }),
  run: (db, query, context) =>
    insurerScorecard(db, defined({ ...query, insurerId: context.insurerId })),
  rows: (rows) => rows,
});

const shopWorkloadEndpoint = defineEndpoint({
  path: "shop-workload",
  operationId: "shopWorkload",
  summary: "Repair orders in each stage, parts waits and technician load per shop",
  query: z.object({ insurerId: InsurerParam, shopId: z.string().min(1).max(100).optional() }),
  run: (db, query, context) =>
    shopWorkload(db, defined({ ...query, insurerId: context.insurerId })),
  rows: (rows) => rows,
});

const reserveAccuracyEndpoint = defineEndpoint({
  path: "reserve-accuracy",
  operationId: "reserveAccuracy",
  summary: "Initial and final reserves against the final paid amount on closed claims",
  query: z.object({
    insurerId: InsurerParam,
    line: LineOfBusinessSchema.optional(),
    closedFrom: DateParam,
    closedTo: DateParam,
    groupBy: listParam(["insurer", "line"], ["insurer", "line"]),
    tolerance: z.coerce.number().min(0).max(10).optional(),
  }),
  run: (db, query, context) =>
    reserveAccuracy(db, defined({ ...query, insurerId: context.insurerId })),
  rows: (rows) => rows,
});

const customerEndpoint = defineEndpoint({
  path: "customer",
  operationId: "customerMetrics",
  summary: "CSAT, complaints and reopen rates",
  query: z.object({ insurerId: InsurerParam, from: InstantParam, to: InstantParam }),
  run: (db, query, context) =>
    customerMetrics(db, defined({ ...query, insurerId: context.insurerId })),
  rows: (rows) => rows,
});

/** Every `GET /v1/analytics/*` route, each over one read model of `@claimstream/projections`. */
export const ANALYTICS_ENDPOINTS: readonly AnalyticsEndpoint[] = [
  lossRatioEndpoint,
  trianglesEndpoint,
  adjusterWorkloadEndpoint,
  timeToSettleEndpoint,
  openAgeEndpoint,
  claimActivityEndpoint,
  slaComplianceEndpoint,
  insurerScorecardEndpoint,
  shopWorkloadEndpoint,
  reserveAccuracyEndpoint,
  customerEndpoint,
];
