import {
  type ClaimEvent,
  type ClaimState,
  claimDecider,
  foldEvents,
  type PayoutEvent,
  type PayoutState,
  type PolicyEvent,
  type PolicyState,
  parseStreamId,
  payoutDecider,
  policyDecider,
  type RepairOrderEvent,
  type RepairOrderState,
  repairOrderDecider,
} from "@claimstream/domain";
import type { SeedStreams } from "./seed-memory.js";

/** The figures of a seeded data set: what each read model will have to show. */
export interface SeedFigures {
  readonly streams: number;
  readonly events: number;
  readonly policies: { readonly total: number; readonly cancelled: number };
  readonly claims: {
    readonly total: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly closedByOutcome: Readonly<Record<string, number>>;
    readonly fastTracked: number;
    readonly fraudReviews: number;
    readonly reopened: number;
    readonly shopDisputes: number;
    readonly supplements: Readonly<Record<string, number>>;
    readonly withFeedback: number;
    readonly complaints: number;
    readonly withRecoveries: number;
    readonly lossDates: { readonly from: string; readonly to: string };
  };
  readonly deadlines: Readonly<Record<"metOnTime" | "metLate" | "breached" | "open", number>>;
  readonly repairOrders: {
    readonly total: number;
    readonly byStatus: Readonly<Record<string, number>>;
  };
  readonly payouts: {
    readonly total: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly withRecoveries: number;
  };
  readonly adjusters: {
    readonly openClaims: Readonly<Record<string, number>>;
    /** Adjusters who handled claims and hold no open one now. */
    readonly idle: readonly string[];
  };
}

interface Folded {
  readonly policies: PolicyState[];
  readonly claims: { readonly state: ClaimState; readonly events: readonly ClaimEvent[] }[];
  readonly repairOrders: RepairOrderState[];
  readonly payouts: PayoutState[];
}

const fold = (streams: SeedStreams): Folded => {
  const folded: Folded = { policies: [], claims: [], repairOrders: [], payouts: [] };
  for (const [stream, events] of streams) {
    switch (parseStreamId(stream)?.category) {
      case "policy":
        folded.policies.push(foldEvents(policyDecider, events as readonly PolicyEvent[]));
        break;
      case "claim": {
        const claimEvents = events as readonly ClaimEvent[];
        folded.claims.push({ state: foldEvents(claimDecider, claimEvents), events: claimEvents });
        break;
      }
      case "repair-order":
        folded.repairOrders.push(
          foldEvents(repairOrderDecider, events as readonly RepairOrderEvent[]),
        );
        break;
      case "payout":
        folded.payouts.push(foldEvents(payoutDecider, events as readonly PayoutEvent[]));
        break;
    }
  }
  return folded;
};

const countBy = <T>(
  items: readonly T[],
  key: (item: T) => string | null,
): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
};

const deadlineFigures = (claims: readonly ClaimState[]): SeedFigures["deadlines"] => {
  const deadlines = claims.flatMap((c) => Object.values(c.deadlines));
  const late = (d: (typeof deadlines)[number]) => d.metAt !== null && d.metAt > d.dueAt;
  return {
    metOnTime: deadlines.filter((d) => d.status === "met" && !late(d)).length,
    metLate: deadlines.filter((d) => d.status === "met" && late(d)).length,
    breached: deadlines.filter((d) => d.status === "breached").length,
    open: deadlines.filter((d) => d.status === "open" || d.status === "paused").length,
  };
};

const adjusterFigures = (claims: readonly ClaimState[]): SeedFigures["adjusters"] => {
  const openClaims: Record<string, number> = {};
  for (const claim of claims) {
    for (const { adjusterId } of claim.assignmentHistory) openClaims[adjusterId] ??= 0;
    if (claim.adjusterId !== null && claim.status !== "closed") {
      openClaims[claim.adjusterId] = (openClaims[claim.adjusterId] ?? 0) + 1;
    }
  }
  const idle = Object.keys(openClaims).filter((id) => openClaims[id] === 0);
  return { openClaims, idle: idle.sort() };
};

const claimFigures = (claims: Folded["claims"]): SeedFigures["claims"] => {
  const states = claims.map((c) => c.state);
  const lossDates = states.flatMap((s) => (s.facts ? [s.facts.lossDate] : [])).sort();
  return {
    total: states.length,
    byStatus: countBy(states, (s) => s.status),
    closedByOutcome: countBy(states, (s) => s.closedOutcome),
    fastTracked: states.filter((s) => s.fastTrack).length,
    fraudReviews: states.filter((s) => s.fraudReview).length,
    reopened: states.filter((s) => s.reopenCount > 0).length,
    shopDisputes: claims.filter((c) => c.events.some((e) => e.type === "AssessmentDisputed"))
      .length,
    supplements: countBy(
      states.flatMap((s) => Object.values(s.supplements)),
      (supplement) => supplement.status,
    ),
    withFeedback: states.filter((s) => s.csat !== null).length,
    complaints: states.reduce((sum, s) => sum + s.complaints, 0),
    withRecoveries: states.filter((s) => (s.recovered?.amount ?? 0) > 0).length,
    lossDates: { from: lossDates[0] ?? "", to: lossDates.at(-1) ?? "" },
  };
};

/**
 * Counts what a seeded data set holds: claims per status, deadlines met and breached, repair
 * orders and payouts per status, idle adjusters…
 *
 * @example
 * ```ts
 * const figures = summarizeSeed(streams);
 * figures.claims.byStatus; // { closed: 190, in_assessment: 31, … }
 * ```
 */
export const summarizeSeed = (streams: SeedStreams): SeedFigures => {
  const folded = fold(streams);
  const claimStates = folded.claims.map((c) => c.state);
  return {
    streams: streams.size,
    events: [...streams.values()].reduce((sum, events) => sum + events.length, 0),
    policies: {
      total: folded.policies.length,
      cancelled: folded.policies.filter((p) => p.status === "cancelled").length,
    },
    claims: claimFigures(folded.claims),
    deadlines: deadlineFigures(claimStates),
    repairOrders: {
      total: folded.repairOrders.length,
      byStatus: countBy(folded.repairOrders, (r) => r.status),
    },
    payouts: {
      total: folded.payouts.length,
      byStatus: countBy(folded.payouts, (p) => p.status),
      withRecoveries: folded.payouts.filter((p) => p.status !== "none" && p.recoveries.length > 0)
        .length,
    },
    adjusters: adjusterFigures(claimStates),
  };
};
