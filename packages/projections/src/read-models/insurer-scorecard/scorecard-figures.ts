import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { projectionSchema } from "../../runtime/projection.js";
import type { InsurerScorecardParams } from "./queries.js";
import type { InsurerScorecardTables } from "./schema.js";

const SCHEMA = projectionSchema("insurer_scorecard");

type Rm = Kysely<InsurerScorecardTables>;

/** `true`-joined filters on insurer, period (`dateColumn`) and shop. */
const scopeOf = (
  params: InsurerScorecardParams,
  dateColumn: string,
  shop: "shop_id" | "claim_id",
): RawBuilder<SqlBool> => {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (params.insurerId !== undefined) parts.push(sql`insurer_id = ${params.insurerId}`);
  if (params.from !== undefined)
    parts.push(sql`${sql.ref(dateColumn)} >= ${new Date(params.from)}`);
  if (params.to !== undefined) parts.push(sql`${sql.ref(dateColumn)} < ${new Date(params.to)}`);
  if (params.shopId !== undefined) {
    parts.push(
      shop === "shop_id"
        ? sql`shop_id = ${params.shopId}`
        : sql`claim_id in (select claim_id from ${sql.id(SCHEMA, "repair_orders")} where shop_id = ${params.shopId})`,
    );
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
};

const count = (filter?: RawBuilder<unknown>) =>
  filter === undefined
    ? sql<number>`count(*)::int`
    : sql<number>`(count(*) filter (where ${filter}))::int`;

const volume = async (rm: Rm, params: InsurerScorecardParams) => {
  const [claims, orders] = await Promise.all([
    rm
      .selectFrom("claims")
      .select(["insurer_id", count().as("n")])
      .where(scopeOf(params, "seen_at", "claim_id"))
      .groupBy("insurer_id")
      .execute(),
    rm
      .selectFrom("repair_orders")
      .select(["insurer_id", count().as("n")])
      .where(scopeOf(params, "opened_at", "shop_id"))
      .groupBy("insurer_id")
      .execute(),
  ]);
  return { claims, orders };
};

const handoverToPayment = (rm: Rm, params: InsurerScorecardParams) => {
  const handovers = rm
    .selectFrom("repair_orders")
    .select((eb) => [
      "insurer_id",
      eb
        .selectFrom("payouts")
        .select((p) => p.fn.min("payouts.issued_at").as("paid_at"))
        .whereRef("payouts.claim_id", "=", "repair_orders.claim_id")
        .whereRef("payouts.payee_id", "=", "repair_orders.shop_id")
        .whereRef("payouts.issued_at", ">=", "repair_orders.handed_over_at")
        .where("payouts.payee_kind", "=", "shop")
        .where("payouts.voided", "=", false)
        .as("paid_at"),
      "handed_over_at",
    ])
    .where("handed_over_at", "is not", null)
    .where(scopeOf(params, "handed_over_at", "shop_id"));
  const days = sql<number>`extract(epoch from (paid_at - handed_over_at))::float8 / 86400`;
  return rm
    .selectFrom(handovers.as("handovers"))
    .select([
      "insurer_id",
      count().as("n"),
      sql<number>`avg(${days})`.as("average"),
      sql<number>`percentile_cont(0.5) within group (order by ${days})`.as("median"),
    ])
    .where("paid_at", "is not", null)
    .groupBy("insurer_id")
    .execute();
};

const assessmentDisputes = (rm: Rm, params: InsurerScorecardParams) => {
  const dated = rm
    .selectFrom("assessments")
    .select([
      "insurer_id",
      "claim_id",
      "disputed",
      sql<Date>`coalesce(assessed_at, responded_at)`.as("dated_at"),
    ]);
  return rm
    .selectFrom(dated.as("dated"))
    .select(["insurer_id", count().as("n"), count(sql`disputed`).as("disputed")])
    .where(scopeOf(params, "dated_at", "claim_id"))
    .groupBy("insurer_id")
    .execute();
};

const supplements = (rm: Rm, params: InsurerScorecardParams) =>
  rm
    .selectFrom("supplements")
    .select([
      "insurer_id",
      count().as("n"),
      count(sql`status = 'approved'`).as("approved"),
      count(sql`status = 'rejected'`).as("rejected"),
    ])
    .where(scopeOf(params, "requested_at", "claim_id"))
    .groupBy("insurer_id")
    .execute();

const settledVsAssessed = (rm: Rm, params: InsurerScorecardParams) =>
  rm
    .selectFrom("claims")
    .select([
      "insurer_id",
      count().as("n"),
      sql<number>`avg(settled_amount::float8 / assessed_total)`.as("ratio"),
    ])
    .where(sql<SqlBool>`settled_amount is not null and assessed_total > 0`)
    .where(scopeOf(params, "settled_at", "claim_id"))
    .groupBy("insurer_id")
    .execute();

const invoicedVsEstimate = (rm: Rm, params: InsurerScorecardParams) =>
  rm
    .selectFrom("repair_orders")
    .select([
      "insurer_id",
      count().as("n"),
      sql<number>`avg(invoice_amount::float8 / estimate_total)`.as("ratio"),
    ])
    .where(sql<SqlBool>`invoice_amount is not null and estimate_total > 0`)
    .where(scopeOf(params, "invoiced_at", "shop_id"))
    .groupBy("insurer_id")
    .execute();

const csat = (rm: Rm, params: InsurerScorecardParams) =>
  rm
    .selectFrom("claims")
    .select(["insurer_id", count().as("n"), sql<number>`avg(csat)::float8`.as("average")])
    .where("csat", "is not", null)
    .where(scopeOf(params, "feedback_at", "claim_id"))
    .groupBy("insurer_id")
    .execute();

const byInsurer = <Row extends { insurer_id: string }>(rows: readonly Row[]) =>
  new Map(rows.map((row) => [row.insurer_id, row]));

/** Each figure of the scorecard by insurer id, as the database aggregated it. */
export type ScorecardFigures = Awaited<ReturnType<typeof fetchScorecardFigures>>;

/** Runs the scorecard's aggregate queries (in parallel) over the insurer scorecard schema. */
export const fetchScorecardFigures = async (
  db: Kysely<unknown>,
  params: InsurerScorecardParams,
) => {
  const rm = (db as Rm).withSchema(SCHEMA);
  const [vol, paid, disputes, supps, settled, invoiced, feedback] = await Promise.all([
    volume(rm, params),
    handoverToPayment(rm, params).then(byInsurer),
    assessmentDisputes(rm, params).then(byInsurer),
    supplements(rm, params).then(byInsurer),
    settledVsAssessed(rm, params).then(byInsurer),
    invoicedVsEstimate(rm, params).then(byInsurer),
    csat(rm, params).then(byInsurer),
  ]);
  return {
    claims: byInsurer(vol.claims),
    orders: byInsurer(vol.orders),
    paid,
    disputes,
    supps,
    settled,
    invoiced,
    feedback,
  };
};
