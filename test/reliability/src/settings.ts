/**
 * How big each check runs. CI (the default) keeps every check bounded to seconds; the full run
 * (`RELIABILITY_FULL=1`, `npm run test:reliability`) uses the figures of the issue and writes
 * them to docs/reliability.md.
 */
export const FULL = process.env.RELIABILITY_FULL === "1";

/** The counts and durations of every check, for the chosen mode. */
export interface ReliabilitySettings {
  readonly mode: "ci" | "full";
  /** Item 1: projection worker SIGKILLs and events written meanwhile. */
  readonly crash: { readonly kills: number; readonly events: number; readonly workers: number };
  /** Item 2: concurrent clients on one claim, and attempts per client. */
  readonly writers: { readonly clients: number; readonly attemptsPerClient: number };
  /** Item 3: commands sent around the restart and how long PostgreSQL stays down. */
  readonly restart: { readonly commands: number; readonly downMs: number };
  /** Item 4: generated hostile requests. */
  readonly hostile: { readonly requests: number };
  /** Payouts of one claim issued at once (the payment run). */
  readonly paymentRun: { readonly payouts: number };
  /** Claim stories over 3 API and 2 worker processes, and the SIGKILLs meanwhile. */
  readonly multiInstance: {
    readonly stories: number;
    readonly lanes: number;
    readonly kills: number;
  };
  /** API SIGKILLs with trigger commands in flight (the follow-up crash check). */
  readonly followUpCrash: { readonly kills: number; readonly inFlight: number };
  /** Item 8: sustained traffic. */
  readonly load: {
    readonly seconds: number;
    readonly commandsPerSecond: number;
    readonly readsPerSecond: number;
  };
}

const CI: ReliabilitySettings = {
  mode: "ci",
  crash: { kills: 4, events: 2000, workers: 2 },
  writers: { clients: 16, attemptsPerClient: 12 },
  restart: { commands: 60, downMs: 3000 },
  hostile: { requests: 1500 },
  paymentRun: { payouts: 20 },
  followUpCrash: { kills: 4, inFlight: 14 },
  multiInstance: { stories: 48, lanes: 6, kills: 4 },
  load: { seconds: 10, commandsPerSecond: 30, readsPerSecond: 30 },
};

const FULL_RUN: ReliabilitySettings = {
  mode: "full",
  crash: { kills: 20, events: 50_000, workers: 2 },
  writers: { clients: 16, attemptsPerClient: 60 },
  restart: { commands: 400, downMs: 5000 },
  hostile: { requests: 10_000 },
  paymentRun: { payouts: 60 },
  followUpCrash: { kills: 20, inFlight: 14 },
  multiInstance: { stories: 200, lanes: 12, kills: 20 },
  load: { seconds: 60, commandsPerSecond: 200, readsPerSecond: 200 },
};

/** The settings of this run. */
export const SETTINGS: ReliabilitySettings = FULL ? FULL_RUN : CI;
