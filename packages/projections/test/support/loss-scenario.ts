import { ClaimsWorld } from "./claims-world.js";
import {
  assessAndSettle,
  claimCommand,
  issuePolicy,
  on,
  openClaim,
  payoutCommand,
  payPayout,
  setReserve,
} from "./scenario-commands.js";

export {
  assessAndSettle,
  claimCommand,
  issuePolicy,
  on,
  openClaim,
  payoutCommand,
  payPayout,
  setReserve,
  vinOf,
} from "./scenario-commands.js";

const cny = (amount: number) => ({ amount, currency: "CNY" });

/**
 * The scripted history behind the loss analytics tests (all CNY, minor units):
 *
 * - P-1 (ins-a, motor own damage, Shanghai) 2026-01-01…12-31, 36,500,000 written: 100,000 a day.
 * - P-2 (ins-a, motor liability, Beijing) 2026-03-01…2027-02-28, 73,000,000: 200,000 a day;
 *   cancelled from 2026-07-01, recorded on 2026-08-15.
 * - P-3 (ins-b, motor own damage, Shanghai) 2026, 7,300,000: 20,000 a day; no claims.
 * - C-1 (P-1, loss 02-10): reserves 5,000,000 indemnity + 200,000 expense; expense payout
 *   150,000 (02-23); settled 4,800,000, paid 04-02 and closed as paid; subrogation 1,000,000
 *   (04-15, after closing).
 * - C-2 (P-1, loss 05-03): reserve 2,000,000, raised to 2,500,000 (06-10); settled 2,400,000,
 *   paid 07-10 and closed.
 * - C-3 (P-2, loss 04-20): reserve 1,000,000; expense payouts 300,000 (05-10) and 100,000
 *   (05-12, voided as a reversal 05-20); stays open.
 * - C-4 (P-1, loss 07-15): reserve 700,000; open.
 * - C-5 (P-1, loss 08-01): reserve 1,000,000; settled 950,000, paid 08-10 and closed.
 * - C-6 (P-1, loss 09-01): reserve 300,000; closed as withdrawn 09-20, reopened 10-01 and
 *   closed as withdrawn again 10-05.
 */
export const buildLossScenario = (): ClaimsWorld => {
  const world = new ClaimsWorld();
  const ownDamage = ["collision", "glass", "theft"] as ["collision", "glass", "theft"];
  world.policy(
    "P-1",
    issuePolicy("P-1", {
      occurredAt: on("2025-12-20"),
      insurerId: "ins-a",
      line: "motor_own_damage",
      region: "Shanghai",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
      perils: ownDamage,
      premium: 36_500_000,
    }),
  );
  world.policy(
    "P-3",
    issuePolicy("P-3", {
      occurredAt: on("2025-12-28"),
      insurerId: "ins-b",
      line: "motor_own_damage",
      region: "Shanghai",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
      perils: ownDamage,
      premium: 7_300_000,
    }),
  );

  openClaim(world, "C-1", {
    policyId: "P-1",
    lossDate: "2026-02-10",
    reportedAt: on("2026-02-11"),
    adjusterId: "adj-1",
  });
  setReserve(world, "C-1", on("2026-02-11", 12), "indemnity", 5_000_000);
  setReserve(world, "C-1", on("2026-02-11", 13), "expense", 200_000);
  world.policy(
    "P-2",
    issuePolicy("P-2", {
      occurredAt: on("2026-02-20"),
      insurerId: "ins-a",
      line: "motor_liability",
      region: "Beijing",
      startDate: "2026-03-01",
      endDate: "2027-02-28",
      perils: ["third_party_liability", "collision"],
      premium: 73_000_000,
    }),
  );
  payPayout(world, "PAY-C1-EXP", on("2026-02-22"), on("2026-02-23"), {
    claimId: "C-1",
    amount: 150_000,
    costType: "expense",
  });
  assessAndSettle(world, "C-1", on("2026-02-24"), on("2026-02-25"), 4_800_000);
  payPayout(world, "sys.settlement.C-1.1", on("2026-02-26"), on("2026-04-02"));
  world.payout(
    "sys.settlement.C-1.1",
    payoutCommand("RecordRecovery", on("2026-04-15"), {
      kind: "subrogation",
      amount: cny(1_000_000),
      from: "Liable driver's insurer",
    }),
  );

  openClaim(world, "C-3", {
    policyId: "P-2",
    lossDate: "2026-04-20",
    reportedAt: on("2026-04-21"),
    adjusterId: "adj-1",
    line: "motor_liability",
    peril: "third_party_liability",
  });
  setReserve(world, "C-3", on("2026-04-21", 12), "indemnity", 1_000_000);
  openClaim(world, "C-2", {
    policyId: "P-1",
    lossDate: "2026-05-03",
    reportedAt: on("2026-05-04"),
    adjusterId: "adj-2",
  });
  setReserve(world, "C-2", on("2026-05-04", 12), "indemnity", 2_000_000);
  payPayout(world, "PAY-C3-E1", on("2026-05-09"), on("2026-05-10"), {
    claimId: "C-3",
    amount: 300_000,
    costType: "expense",
  });
  payPayout(world, "PAY-C3-E2", on("2026-05-11"), on("2026-05-12"), {
    claimId: "C-3",
    amount: 100_000,
    costType: "expense",
  });
  world.payout("PAY-C3-E2", payoutCommand("VoidPayout", on("2026-05-20"), { reason: "Duplicate" }));
  setReserve(world, "C-2", on("2026-06-10"), "indemnity", 2_500_000);
  assessAndSettle(world, "C-2", on("2026-06-12"), on("2026-06-15"), 2_400_000);
  payPayout(world, "sys.settlement.C-2.1", on("2026-06-16"), on("2026-07-10"));

  openClaim(world, "C-4", {
    policyId: "P-1",
    lossDate: "2026-07-15",
    reportedAt: on("2026-07-16"),
    adjusterId: "adj-2",
  });
  setReserve(world, "C-4", on("2026-07-16", 12), "indemnity", 700_000);
  openClaim(world, "C-5", {
    policyId: "P-1",
    lossDate: "2026-08-01",
    reportedAt: on("2026-08-02"),
    adjusterId: "adj-1",
  });
  setReserve(world, "C-5", on("2026-08-02", 12), "indemnity", 1_000_000);
  assessAndSettle(world, "C-5", on("2026-08-05"), on("2026-08-06"), 950_000);
  payPayout(world, "sys.settlement.C-5.1", on("2026-08-07"), on("2026-08-10"));
  world.policy("P-2", {
    type: "CancelPolicy",
    schemaVersion: 1,
    occurredAt: on("2026-08-15"),
    cancelledFrom: "2026-07-01",
  });

  openClaim(world, "C-6", {
    policyId: "P-1",
    lossDate: "2026-09-01",
    reportedAt: on("2026-09-02"),
  });
  setReserve(world, "C-6", on("2026-09-02", 12), "indemnity", 300_000);
  world.claim("C-6", claimCommand("CloseClaim", on("2026-09-20"), { outcome: "withdrawn" }));
  world.claim("C-6", claimCommand("ReopenClaim", on("2026-10-01"), { reason: "New photos" }));
  world.claim("C-6", claimCommand("CloseClaim", on("2026-10-05"), { outcome: "withdrawn" }));
  return world;
};
