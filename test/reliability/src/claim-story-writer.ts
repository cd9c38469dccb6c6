import type { AggregateName, Application, CommandOutcome } from "@claimstream/api";
import { TOKENS } from "@claimstream/api";
import * as E from "fp-ts/lib/Either.js";
import {
  claimStepsToSettlement,
  feedback,
  issuePolicy,
  openRepairOrder,
  payoutSteps,
  registerClaim,
} from "./claim-commands.js";

const WRITER = { id: "story-writer", role: "admin", insurerId: null } as const;
const REPAIR_STEPS: readonly object[] = [
  { type: "ReceiveVehicle", occurredAt: "2026-03-03T10:00:00.000Z", mileage: 42_000, photos: [] },
  {
    type: "RecordDiagnostics",
    occurredAt: "2026-03-03T12:00:00.000Z",
    findings: ["bumper cracked"],
  },
];

/**
 * Writes claim stories through the API's command service (validation, deciders, event store,
 * process manager), as the HTTP routes do but without HTTP: policy, FNOL, coverage, adjuster,
 * reserve, documents, assessment, cash settlement, the payout the process manager requests,
 * its approval and issue (which pays and closes the claim), feedback; every third story also
 * opens a repair order. About 20 events a story.
 *
 * @example
 * ```ts
 * const writer = new ClaimStoryWriter(application);
 * await writer.writeStory("w1-17", "north-star");
 * ```
 */
export class ClaimStoryWriter {
  constructor(private readonly application: Application) {}

  async #execute(
    aggregate: AggregateName,
    target: { mode: "create" } | { mode: "command"; id: string },
    body: object,
  ): Promise<CommandOutcome> {
    const result = await this.application.get(TOKENS.commands).execute({
      aggregate: this.application.get(TOKENS.aggregates).byName(aggregate),
      target,
      body,
      principal: WRITER,
      correlationId: `story-${Date.now()}`,
    });
    if (E.isLeft(result))
      throw new Error(`${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(result.left)}`);
    return result.right;
  }

  /** Writes one story with ids derived from `name`; throws when a command is refused. */
  async writeStory(name: string, insurerId: string, withRepair: boolean): Promise<void> {
    const policyId = `P-${name}`;
    const claimId = `C-${name}`;
    await this.#execute("policy", { mode: "create" }, issuePolicy(policyId, insurerId));
    await this.#execute("claim", { mode: "create" }, registerClaim(claimId, policyId, insurerId));
    if (withRepair) {
      const orderId = `RO-${name}`;
      await this.#execute(
        "repair-order",
        { mode: "create" },
        openRepairOrder(orderId, claimId, insurerId),
      );
      for (const step of REPAIR_STEPS)
        await this.#execute("repair-order", { mode: "command", id: orderId }, step);
    }
    let settled: CommandOutcome | undefined;
    for (const step of claimStepsToSettlement)
      settled = await this.#execute("claim", { mode: "command", id: claimId }, step);
    const payoutId = settled?.followUps.find((followUp) => followUp.type === "RequestPayout")?.id;
    if (payoutId === undefined) throw new Error(`no settlement payout for ${claimId}`);
    for (const step of payoutSteps)
      await this.#execute("payout", { mode: "command", id: payoutId }, step);
    await this.#execute("claim", { mode: "command", id: claimId }, feedback);
  }
}
