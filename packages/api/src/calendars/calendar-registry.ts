import {
  type BusinessCalendar,
  businessCalendar,
  CALENDAR_TABLES,
  type CalendarLookup,
  type CalendarTable,
  type DomainError,
  extendCalendarTable,
  type Jurisdiction,
  JurisdictionSchema,
} from "@claimstream/domain";
import {
  type Actor,
  ConcurrencyError,
  type EventStore,
  type EventSubscription,
  type RecordedEvent,
} from "@claimstream/eventstore";
import * as E from "fp-ts/lib/Either.js";
import type { Logger } from "pino";

/** The event recording a holiday table's extension, in stream `calendar-<jurisdiction>`. */
export const CALENDAR_EXTENDED = "CalendarExtended";

/** The stream of a jurisdiction's table extensions. */
export const calendarStreamId = (jurisdiction: Jurisdiction): string => `calendar-${jurisdiction}`;

/** A table extension as an operator sends it: the jurisdiction comes from the URL or file. */
export type CalendarExtension = Omit<CalendarTable, "jurisdiction">;

/** One jurisdiction's table as the registry holds it. */
export interface CalendarStatus {
  readonly jurisdiction: Jurisdiction;
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly holidays: number;
  readonly workingWeekends: number;
  /** How many extensions were recorded (the stream's version). */
  readonly extensions: number;
}

const JURISDICTIONS = JurisdictionSchema.options;

/**
 * The business calendars the deciders count deadlines on: the shipped tables, extended by the
 * `CalendarExtended` events of streams `calendar-<jurisdiction>` (an operator's admin command or
 * file, recorded so every process and every replay knows them). {@link CalendarRegistry.lookup}
 * is what the claim decider's configuration gets; it always answers with the latest table.
 * {@link CalendarRegistry.follow} keeps a process in step with extensions another one records.
 *
 * @example
 * ```ts
 * const calendars = new CalendarRegistry(logger);
 * await calendars.load(store);
 * await calendars.extend(store, "CN", { from: "2027-01-01", to: "2027-12-31", … }, actor);
 * calendars.lookup("CN").to; // "2027-12-31"
 * ```
 */
export class CalendarRegistry {
  readonly #tables = new Map<Jurisdiction, CalendarTable>();
  readonly #calendars = new Map<Jurisdiction, BusinessCalendar>();
  readonly #versions = new Map<Jurisdiction, number>();
  #subscription: EventSubscription | undefined;

  constructor(private readonly logger: Logger) {
    for (const jurisdiction of JURISDICTIONS)
      this.#set(jurisdiction, CALENDAR_TABLES[jurisdiction]);
  }

  /** The calendar of a jurisdiction as it is now. */
  readonly lookup: CalendarLookup = (jurisdiction) =>
    this.#calendars.get(jurisdiction) ?? businessCalendar(CALENDAR_TABLES[jurisdiction]);

  /** Every jurisdiction's table, for `GET /v1/calendars` and `/ready`. */
  status(): CalendarStatus[] {
    return JURISDICTIONS.map((jurisdiction) => {
      const table = this.#tables.get(jurisdiction) ?? CALENDAR_TABLES[jurisdiction];
      return {
        jurisdiction,
        from: table.from,
        to: table.to,
        source: table.source,
        holidays: table.holidays.length,
        workingWeekends: table.workingWeekends.length,
        extensions: this.#versions.get(jurisdiction) ?? 0,
      };
    });
  }

  #set(jurisdiction: Jurisdiction, table: CalendarTable): void {
    this.#tables.set(jurisdiction, table);
    this.#calendars.set(jurisdiction, businessCalendar(table));
  }

  // Applies the next event of a calendar stream; events already applied are skipped.
  #apply(event: RecordedEvent): void {
    const jurisdiction = JurisdictionSchema.safeParse(event.data.jurisdiction);
    if (event.type !== CALENDAR_EXTENDED || !jurisdiction.success) return;
    const j = jurisdiction.data;
    if (event.streamPosition !== (this.#versions.get(j) ?? 0) + 1) return;
    const extended = extendCalendarTable(this.#tables.get(j) ?? CALENDAR_TABLES[j], {
      ...(event.data.extension as CalendarExtension),
      jurisdiction: j,
    });
    this.#versions.set(j, event.streamPosition);
    if (E.isRight(extended)) this.#set(j, extended.right);
    else
      this.logger.error(
        { code: extended.left.code, event: event.eventId },
        "calendar event ignored",
      );
  }

  /** Reads every jurisdiction's extensions (on start). */
  async load(store: EventStore): Promise<void> {
    for (const jurisdiction of JURISDICTIONS) {
      for await (const event of store.readStream(calendarStreamId(jurisdiction), {
        fromVersion: (this.#versions.get(jurisdiction) ?? 0) + 1,
      })) {
        this.#apply(event);
      }
    }
  }

  /** Applies extensions other processes record, as they are committed, until {@link stop}. */
  async follow(store: EventStore): Promise<void> {
    if (this.#subscription !== undefined) return;
    const fromPosition = await store.headPosition();
    await this.load(store);
    const subscription = store.subscribeToAll({
      fromPosition,
      filter: { categories: ["calendar"], eventTypes: [CALENDAR_EXTENDED] },
    });
    this.#subscription = subscription;
    void (async () => {
      try {
        for await (const event of subscription) this.#apply(event);
      } catch (error) {
        this.logger.warn({ err: error }, "calendar subscription ended");
      }
    })();
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop();
    this.#subscription = undefined;
  }

  /**
   * Records an extension of a jurisdiction's table (validated against the table as it is) and
   * applies it here at once. Left with `calendar.invalid_extension`, or a conflict when another
   * process recorded one meanwhile (the registry reloads; send it again).
   */
  async extend(
    store: EventStore,
    jurisdiction: Jurisdiction,
    extension: CalendarExtension,
    actor: Actor,
  ): Promise<E.Either<DomainError | ConcurrencyError, CalendarStatus>> {
    await this.load(store);
    const base = this.#tables.get(jurisdiction) ?? CALENDAR_TABLES[jurisdiction];
    const extended = extendCalendarTable(base, { ...extension, jurisdiction });
    if (E.isLeft(extended)) return extended;
    const version = this.#versions.get(jurisdiction) ?? 0;
    try {
      await store.appendToStream(
        calendarStreamId(jurisdiction),
        [
          {
            type: CALENDAR_EXTENDED,
            data: { jurisdiction, extension: { ...extension } },
            metadata: { actor },
          },
        ],
        { expectedVersion: version === 0 ? "no_stream" : version },
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      await this.load(store);
      return E.left(error);
    }
    await this.load(store);
    return E.right(this.status().find((s) => s.jurisdiction === jurisdiction) as CalendarStatus);
  }
}
