/** A claim with a long history for the read-and-fold measure: FNOL, coverage, then reserve changes. */
import { claimDecider } from "@claimstream/domain";
import { claimOpening } from "./claim-story.mjs";

/** `count` domain events of one claim (its opening, then reserve changes), decided for real. */
export const longClaimEvents = (count) => {
  const events = [];
  let state = claimDecider.initialState;
  const decide = (command) => {
    const result = claimDecider.decide(command, state);
    if (result._tag === "Left") throw new Error(`${command.type} refused`);
    events.push(...result.right);
    state = result.right.reduce(claimDecider.evolve, state);
  };
  for (const command of claimOpening.slice(0, 5)) decide(command);
  for (let i = 0; events.length < count; i += 1) {
    decide({
      type: "SetReserve",
      schemaVersion: 1,
      occurredAt: new Date(Date.parse("2026-03-03T00:00:00.000Z") + i * 60_000).toISOString(),
      costType: i % 2 === 0 ? "indemnity" : "expense",
      balance: { amount: 100_000 + (i % 50) * 1_000, currency: "CNY" },
    });
  }
  return events.slice(0, count);
};
