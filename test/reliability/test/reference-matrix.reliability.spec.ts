import { type Aggregate, type AggregateName, createAggregateRegistry } from "@claimstream/api";
import { settlementPayoutId } from "@claimstream/domain";
import type { ScratchDatabase } from "@claimstream/eventstore/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_KEY, INSURERS, type Insurer, ROLES, scopedKey } from "../src/api-keys.js";
import { type ApiProcess, startApiProcess } from "../src/api-process.js";
import {
  cny,
  day,
  openRepairOrder,
  registerClaim,
  requestPayout,
  setReserve,
} from "../src/claim-commands.js";
import { settledClaim } from "../src/claim-setup.js";
import { recordFigures } from "../src/figures.js";
import { type Answer, send } from "../src/http-client.js";
import { SETTINGS } from "../src/settings.js";
import { createReliabilityDatabase, sqlRows } from "../src/test-database.js";

// The reference matrix: every command field that names another aggregate, found in the
// commands' zod schemas, × {the caller's own record, another insurer's, one that does not
// exist, an id in the system's derived namespace} × every role (keys scoped to the attacker's
// insurer, and the unscoped admin). Nothing but the own variant may be applied, nothing may
// answer 5xx, and the other insurer's streams must not change.

/** Command fields named after an aggregate: `claimId` names a claim, and so on. */
const FIELD_AGGREGATE: Readonly<Record<string, AggregateName>> = {
  policyId: "policy",
  claimId: "claim",
  repairOrderId: "repair-order",
  payoutId: "payout",
};

interface ReferenceField {
  readonly aggregate: Aggregate;
  readonly type: string;
  readonly field: string;
  readonly names: AggregateName;
}

const fieldsOf = (aggregate: Aggregate, type: string): string[] => {
  const schema = aggregate.schemaOf(type) as unknown as { shape?: Record<string, unknown> };
  return Object.keys(schema.shape ?? {});
};

/** Every reference field of every command, read from the schemas (the own id excluded). */
const referenceFields = (): ReferenceField[] =>
  createAggregateRegistry().all.flatMap((aggregate) =>
    aggregate.commandTypes.flatMap((type) =>
      fieldsOf(aggregate, type)
        .filter((field) => FIELD_AGGREGATE[field] !== undefined)
        .filter((field) => !(type === aggregate.createCommandType && field === aggregate.idField))
        .map((field) => ({
          aggregate,
          type,
          field,
          names: FIELD_AGGREGATE[field] as AggregateName,
        })),
    ),
  );

type Variant = "own" | "other" | "nonexistent" | "derived";
const VARIANTS: readonly Variant[] = ["own", "other", "nonexistent", "derived"];

const idsOf = (insurer: Insurer) => ({
  policy: `P-REF-${insurer}`,
  claim: `C-REF-${insurer}`,
  "repair-order": `RO-REF-${insurer}`,
  payout: `PO-REF-${insurer}`,
  settled: `C-REFS-${insurer}`,
});

const referenceTo = (
  names: AggregateName,
  variant: Variant,
  attacker: Insurer,
  victim: Insurer,
) => {
  switch (variant) {
    case "own":
      return idsOf(attacker)[names];
    case "other":
      return idsOf(victim)[names];
    case "nonexistent":
      return `${names}-NOPE-${attacker}`;
    case "derived":
      // The id the system derives for the victim's settlement payout, whatever the field.
      return settlementPayoutId(idsOf(victim).settled, 1);
  }
};

let serial = 0;
/** A request carrying `ref` in the field: where it goes and its body, by command type. */
const REQUESTS: Readonly<
  Record<string, (ref: string, insurer: Insurer) => { path: string; body: object }>
> = {
  "claim:RegisterClaim": (ref, insurer) => ({
    path: "/v1/claims",
    body: registerClaim(`C-REFNEW-${++serial}`, ref, insurer),
  }),
  "repair-order:OpenRepairOrder": (ref, insurer) => ({
    path: "/v1/repair-orders",
    body: openRepairOrder(`RO-REFNEW-${++serial}`, ref, insurer),
  }),
  "payout:RequestPayout": (ref, insurer) => ({
    path: "/v1/payouts",
    body: requestPayout(`PO-REFNEW-${++serial}`, ref, insurer, idsOf(insurer).policy),
  }),
  "claim:RecordRecovery": (ref, insurer) => ({
    path: `/v1/claims/${idsOf(insurer).settled}/commands`,
    body: { type: "RecordRecovery", kind: "salvage", amount: cny(1), payoutId: ref },
  }),
  "claim:RecordPayment": (ref, insurer) => ({
    path: `/v1/claims/${idsOf(insurer).settled}/commands`,
    body: { type: "RecordPayment", payoutId: ref, amount: cny(1), costType: "indemnity" },
  }),
  "claim:ReversePayment": (ref, insurer) => ({
    path: `/v1/claims/${idsOf(insurer).settled}/commands`,
    body: { type: "ReversePayment", payoutId: ref, reason: "matrix" },
  }),
  "claim:CommitPayout": (ref, insurer) => ({
    path: `/v1/claims/${idsOf(insurer).settled}/commands`,
    body: { type: "CommitPayout", payoutId: ref, amount: cny(1), costType: "indemnity" },
  }),
  "claim:ApprovePayoutCommitment": (ref, insurer) => ({
    path: `/v1/claims/${idsOf(insurer).settled}/commands`,
    body: {
      type: "ApprovePayoutCommitment",
      payoutId: ref,
      approverId: "matrix",
      approverRole: "admin",
    },
  }),
  "claim:ReleasePayoutCommitment": (ref, insurer) => ({
    path: `/v1/claims/${idsOf(insurer).settled}/commands`,
    body: { type: "ReleasePayoutCommitment", payoutId: ref, reason: "matrix" },
  }),
};

let database: ScratchDatabase;
let api: ApiProcess;

const admin = (path: string, body: object) =>
  send(api.url, { method: "POST", path, key: ADMIN_KEY, body }).then((answer) => {
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    return answer;
  });

// Stream → version of every stream whose first event belongs to `insurer`.
const streamsOf = async (insurer: Insurer): Promise<Map<string, number>> => {
  const rows = await sqlRows<{ stream_id: string; version: number }>(
    database.url,
    `SELECT stream_id, max(stream_position)::int AS version FROM eventstore.events
     WHERE stream_id IN (SELECT stream_id FROM eventstore.events
                         WHERE stream_position = 1 AND metadata->>'tenantId' = $1)
     GROUP BY stream_id`,
    [insurer],
  );
  return new Map(rows.map((row) => [row.stream_id, row.version]));
};

beforeAll(async () => {
  database = await createReliabilityDatabase();
  api = await startApiProcess(database.url);
  for (const insurer of INSURERS) {
    const ids = idsOf(insurer);
    await settledClaim(api.url, ids.settled, ids.policy, insurer);
    await admin("/v1/claims", registerClaim(ids.claim, ids.policy, insurer));
    await admin(`/v1/claims/${ids.claim}/commands`, {
      type: "SetReserve",
      costType: "expense",
      balance: cny(100_000_000),
      occurredAt: day(0, 4),
    });
    await admin(`/v1/claims/${ids.claim}/commands`, setReserve(500_000));
    await admin("/v1/repair-orders", openRepairOrder(ids["repair-order"], ids.claim, insurer));
    await admin("/v1/payouts", requestPayout(ids.payout, ids.claim, insurer, ids.policy));
  }
}, 180_000);
afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

describe("reference matrix", () => {
  it("finds every reference field of the command schemas declared in the one authorisation rule", () => {
    const fields = referenceFields();
    expect(fields.length).toBeGreaterThanOrEqual(4);
    for (const { aggregate, type, field, names } of fields) {
      const declared = aggregate.referencesOf(type)[field];
      const label = `${aggregate.name}.${type}.${field}`;
      expect(declared === names || aggregate.isSystemCommand(type), label).toBe(true);
      expect(REQUESTS[`${aggregate.name}:${type}`], `a matrix request for ${label}`).toBeDefined();
    }
  });

  it("applies a reference only to the caller's own insurer's records: 0 cross-tenant effects, 0 5xx", async () => {
    const directions: readonly [Insurer, Insurer][] =
      SETTINGS.mode === "full"
        ? [
            [INSURERS[0], INSURERS[1]],
            [INSURERS[1], INSURERS[0]],
          ]
        : [[INSURERS[0], INSURERS[1]]];
    const callers = (attacker: Insurer) => [
      ...ROLES.map((role) => ({ name: `${role}@${attacker}`, key: scopedKey(role, attacker) })),
      { name: "admin@all", key: ADMIN_KEY },
    ];
    const fields = referenceFields();
    let requests = 0;
    let applied = 0;
    const serverErrors: string[] = [];
    const crossTenant: string[] = [];
    const ownRefused: string[] = [];
    for (const [attacker, victim] of directions) {
      const before = await streamsOf(victim);
      for (const { aggregate, type, field, names } of fields) {
        const build = REQUESTS[`${aggregate.name}:${type}`];
        if (build === undefined) continue;
        for (const variant of VARIANTS) {
          for (const caller of callers(attacker)) {
            const { path, body } = build(referenceTo(names, variant, attacker, victim), attacker);
            const answer: Answer = await send(api.url, {
              method: "POST",
              path,
              key: caller.key,
              body: { occurredAt: day(9), ...body },
            });
            requests += 1;
            const label = `${caller.name} ${type}.${field}=${variant}: ${answer.status} ${answer.body?.code ?? ""}`;
            if (answer.status >= 500) serverErrors.push(label);
            if (answer.status < 300) applied += 1;
            if (variant !== "own" && answer.status < 300) crossTenant.push(label);
            if (variant === "own" && answer.body?.code === "reference.not_found") {
              ownRefused.push(label);
            }
          }
        }
      }
      const after = await streamsOf(victim);
      for (const [stream, version] of after) {
        if (before.get(stream) !== version) crossTenant.push(`${victim}'s ${stream} changed`);
      }
    }
    expect(serverErrors).toEqual([]);
    expect(crossTenant).toEqual([]);
    expect(ownRefused).toEqual([]);
    // The matrix must have exercised the allowed path too, or it proves nothing.
    expect(applied).toBeGreaterThan(0);
    recordFigures("10-reference-matrix", {
      "reference fields (from the command schemas)": fields.length,
      variants: VARIANTS.join(", "),
      "callers per direction": callers(INSURERS[0]).length,
      directions: directions.length,
      requests,
      "applied (own references, allowed roles)": applied,
      "cross-tenant effects": crossTenant.length,
      "5xx answers": serverErrors.length,
    });
  }, 600_000);
});
