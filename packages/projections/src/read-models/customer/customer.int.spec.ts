import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyProjection } from "../../../test/support/apply-projection.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database.js";
import {
  at,
  claimCommand,
  DecidedHistory,
  openClaim,
} from "../../../test/support/operations-history.js";
import { customerProjection } from "./projection.js";
import { customerMetrics } from "./queries.js";

const deny = (day: number) => claimCommand("DenyClaim", at(day), { reason: "Not covered" });
const feedback = (csat: number, day: number) => claimCommand("RecordFeedback", at(day), { csat });
const complain = (day: number) => claimCommand("FileComplaint", at(day), { text: "Too slow" });
const close = (outcome: "denied" | "withdrawn", day: number) =>
  claimCommand("CloseClaim", at(day), { outcome });

const history = () => {
  const h = new DecidedHistory();
  const open = (
    claimId: string,
    day: number,
    more: Partial<Parameters<typeof openClaim>[0]> = {},
  ) => h.claim(claimId, ...openClaim({ claimId, reportedAt: at(day), ...more }));
  open("Q-1", 0);
  h.claim("Q-1", deny(1), feedback(4, 2), close("denied", 3));
  open("Q-2", 0);
  h.claim("Q-2", deny(1), feedback(2, 2), complain(2), complain(3), close("denied", 4));
  h.claim("Q-2", claimCommand("ReopenClaim", at(6), { reason: "New evidence" }));
  h.claim("Q-2", close("withdrawn", 8));
  open("Q-3", 1);
  h.claim("Q-3", complain(1));
  open("Q-4", 1);
  h.claim("Q-4", close("withdrawn", 2));
  open("Q-5", 2, { line: "motor_liability" });
  h.claim("Q-5", deny(2), feedback(1, 2), feedback(5, 3)); // the later rating counts
  open("Q-6", 40, { insurerId: "ins-b" });
  h.claim("Q-6", deny(41), feedback(3, 42), complain(43));
  return h;
};

describe("customer", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyProjection(database.db, customerProjection, history().events);
  });
  afterAll(() => database.drop());

  it("rates CSAT, complaints per claim and reopens per closed claim per insurer and line", async () => {
    expect(await customerMetrics(database.db, {})).toEqual([
      {
        insurerId: "ins-a",
        line: "motor_liability",
        claims: 1,
        feedbackResponses: 1,
        csatAverage: 5,
        complaints: 0,
        complaintRate: 0,
        closedClaims: 0,
        reopenedClaims: 0,
        reopenRate: null,
      },
      {
        insurerId: "ins-a",
        line: "motor_own_damage",
        claims: 4,
        feedbackResponses: 2,
        csatAverage: 3,
        complaints: 3,
        complaintRate: 0.75,
        closedClaims: 3,
        reopenedClaims: 1,
        reopenRate: 1 / 3,
      },
      {
        insurerId: "ins-b",
        line: "motor_own_damage",
        claims: 1,
        feedbackResponses: 1,
        csatAverage: 3,
        complaints: 1,
        complaintRate: 1,
        closedClaims: 0,
        reopenedClaims: 0,
        reopenRate: null,
      },
    ]);
  });

  it("takes the cohort of claims reported in the period, for one insurer", async () => {
    const april = await customerMetrics(database.db, { from: at(30), to: at(60) });
    expect(april.map((row) => [row.insurerId, row.claims])).toEqual([["ins-b", 1]]);
    const insurerA = await customerMetrics(database.db, { insurerId: "ins-a", to: at(1) });
    expect(insurerA.map((row) => [row.line, row.claims, row.complaints])).toEqual([
      ["motor_own_damage", 2, 2],
    ]);
  });
});
