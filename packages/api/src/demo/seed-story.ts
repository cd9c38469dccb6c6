import type {
  ClaimCommand,
  ClaimState,
  PayoutCommand,
  PayoutState,
  RepairOrderCommand,
  RepairOrderState,
} from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";
import { applyWithReactions, type SeedLedger } from "./seed-ledger.js";
import type { SeedRandom } from "./seed-random.js";
import { ceilMinute, HOUR_MS, isoOf, MINUTE_MS } from "./seed-time.js";
import {
  type SeedAggregate,
  type SeedCommand,
  type SeedStep,
  seedStreamId,
  type TimedStep,
} from "./seed-types.js";

type Draft<C> = C extends unknown ? Omit<C, "schemaVersion" | "occurredAt"> : never;
/** A claim command without its stamp (`schemaVersion`, `occurredAt`): the story adds it. */
export type ClaimDraft = Draft<ClaimCommand>;
/** A repair order command without its stamp. */
export type RepairOrderDraft = Draft<RepairOrderCommand>;
/** A payout command without its stamp. */
export type PayoutDraft = Draft<PayoutCommand>;

/**
 * Named points of a claim's life where a story may stall (the claim waits there until `now`):
 * documents outstanding, a vehicle waiting for parts, a payout not yet approved…
 */
export type Checkpoint =
  | "registered"
  | "verified"
  | "assigned"
  | "documents"
  | "inspection"
  | "assessed"
  | "ro_opened"
  | "ro_received"
  | "ro_diagnosed"
  | "ro_estimated"
  | "ro_parts"
  | "ro_in_repair"
  | "ro_completed"
  | "ro_handed_over"
  | "settled"
  | "approved"
  | "denied"
  | "reopened";

/** Share of a deadline's window after which the scheduler warns that it is at risk. */
const AT_RISK_FRACTION = 0.8;
/** The deadline scheduler runs every few minutes: a breach is marked shortly after the due time. */
const SCHEDULER_DELAY_MS = 5 * MINUTE_MS;

/**
 * The life of one claim and the streams that hang off it (its repair order and payouts), told
 * in business time. Every command is applied at once to a ledger with the real deciders and
 * the process manager, so a builder can read the resulting state and a refused command fails
 * generation on the spot. The story also plays the deadline scheduler: before each step it
 * flags deadlines at risk and marks those that ran out. Steps after `now`, or after the
 * stall point, are dropped: the claim simply is where it got to by `now`.
 */
export class ClaimStory {
  /** The claim's aggregate id. */
  readonly claimId: string;
  readonly #ledger: SeedLedger;
  readonly #random: SeedRandom;
  readonly #nowMs: number;
  readonly #stallAt: Checkpoint | null;
  readonly #steps: TimedStep[] = [];
  readonly #flagged = new Set<string>();
  #clock: number;
  #stopped = false;

  constructor(options: {
    readonly ledger: SeedLedger;
    readonly random: SeedRandom;
    readonly nowMs: number;
    readonly claimId: string;
    readonly startMs: number;
    readonly stallAt: Checkpoint | null;
  }) {
    this.#ledger = options.ledger;
    this.#random = options.random;
    this.#nowMs = options.nowMs;
    this.#stallAt = options.stallAt;
    this.claimId = options.claimId;
    this.#clock = options.startMs;
  }

  /** The story's clock, epoch milliseconds. */
  get at(): number {
    return this.#clock;
  }

  /** The claim as it stands after the steps told so far. */
  get claim(): ClaimState {
    return this.#ledger.stateOf("claim", this.claimId);
  }

  /** A payout of this story as it stands. */
  payout(payoutId: string): PayoutState {
    return this.#ledger.stateOf("payout", payoutId);
  }

  /** A repair order of this story as it stands. */
  repairOrder(repairOrderId: string): RepairOrderState {
    return this.#ledger.stateOf("repair-order", repairOrderId);
  }

  /** Moves the clock on by a random span of `minHours` to `maxHours`, to the minute. */
  wait(minHours: number, maxHours: number): void {
    const span = this.#random.between(minHours, maxHours) * HOUR_MS;
    this.#clock += Math.round(span / MINUTE_MS) * MINUTE_MS;
  }

  /** Moves the clock on to `ms` (to the next minute), unless it is already later. */
  waitUntil(ms: number): void {
    this.#clock = Math.max(this.#clock, ceilMinute(ms));
  }

  /** Moves the clock on by `minDays` to `maxDays`. */
  waitDays(minDays: number, maxDays: number): void {
    this.wait(minDays * 24, maxDays * 24);
  }

  /** Stops the story here when this is its stall point. */
  checkpoint(name: Checkpoint): void {
    if (name === this.#stallAt) this.#stopped = true;
  }

  /** A claim command at the story's clock. */
  onClaim(draft: ClaimDraft): void {
    this.#send("claim", this.claimId, draft);
  }

  /** A repair order command at the story's clock. */
  onRepairOrder(repairOrderId: string, draft: RepairOrderDraft): void {
    this.#send("repair-order", repairOrderId, draft);
  }

  /** A payout command at the story's clock. */
  onPayout(payoutId: string, draft: PayoutDraft): void {
    this.#send("payout", payoutId, draft);
  }

  /** Runs the scheduler up to `now` and returns the story's steps, in time order. */
  finish(): readonly TimedStep[] {
    this.#runScheduler(this.#nowMs);
    return this.#steps;
  }

  #send(aggregate: SeedAggregate, id: string, draft: Draft<SeedCommand>): void {
    if (this.#stopped) return;
    if (this.#clock > this.#nowMs) {
      this.#stopped = true;
      return;
    }
    this.#runScheduler(this.#clock);
    this.#apply(aggregate, id, draft, this.#clock);
    // One minute between the steps a person takes keeps each stream strictly in time order.
    this.#clock += MINUTE_MS;
  }

  #apply(aggregate: SeedAggregate, id: string, draft: Draft<SeedCommand>, at: number): void {
    const command = { ...draft, schemaVersion: 1, occurredAt: isoOf(at) } as SeedCommand;
    const result = applyWithReactions(this.#ledger, { aggregate, id, command });
    if (E.isLeft(result)) {
      const { target, error } = result.left;
      throw new Error(
        `demo plan bug in ${this.claimId}: ${target.command.type} on ${seedStreamId(target.aggregate, target.id)} at ${isoOf(at)} refused: ${error.code} ${error.message}`,
      );
    }
    const step = { stream: seedStreamId(aggregate, id), aggregate, command } as SeedStep;
    this.#steps.push({ at, step });
  }

  /** Flags and breaches the claim's open deadlines whose time came before `untilMs`. */
  #runScheduler(untilMs: number): void {
    const due: { at: number; draft: ClaimDraft }[] = [];
    for (const deadline of Object.values(this.claim.deadlines)) {
      if (deadline.status !== "open") continue;
      const start = Date.parse(deadline.startedAt);
      const end = Date.parse(deadline.dueAt);
      const flagAt = ceilMinute(start + AT_RISK_FRACTION * (end - start));
      if (!this.#flagged.has(deadline.id) && flagAt < untilMs && flagAt <= end) {
        this.#flagged.add(deadline.id);
        const draft = { type: "FlagDeadlineAtRisk", deadlineId: deadline.id, fraction: 0.8 };
        due.push({ at: flagAt, draft: draft as ClaimDraft });
      }
      const breachAt = ceilMinute(end) + SCHEDULER_DELAY_MS;
      if (breachAt < untilMs) {
        due.push({
          at: breachAt,
          draft: { type: "MarkDeadlineBreached", deadlineId: deadline.id },
        });
      }
    }
    for (const { at, draft } of due.sort((a, b) => a.at - b.at)) {
      this.#apply("claim", this.claimId, draft, at);
    }
  }
}
