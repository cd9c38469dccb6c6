import type { RecordedEvent } from "@claimstream/eventstore";
import type { AggregateReader } from "../reads/aggregate-reader.js";

/**
 * Decides whether a key scoped to an insurer may receive an event. The insurer is the event's
 * `metadata.tenantId` (the API writes it on every event); an event without one (a foreign
 * writer, an old import) belongs to its aggregate's insurer, read from the stream's creation
 * event (`insurerId`, cached per stream). An event whose insurer cannot be told is withheld:
 * scoped keys fail closed.
 *
 * @example
 * ```ts
 * const visibility = new InsurerVisibility(reader);
 * await visibility.allows("pacific-mutual", event); // true only for pacific-mutual's events
 * await visibility.allows(null, event); // true: an unscoped key sees every insurer
 * ```
 */
export class InsurerVisibility {
  constructor(private readonly reader: AggregateReader) {}

  /** The insurer an event belongs to; `undefined` when neither metadata nor stream tell. */
  async insurerOf(event: RecordedEvent): Promise<string | undefined> {
    const tenant = event.metadata.tenantId;
    if (tenant !== undefined && tenant !== "") return tenant;
    const insurer = await this.reader.insurerOf(event.streamId);
    return insurer === "" ? undefined : insurer;
  }

  /** May a key of `scope` (`null`: every insurer) receive the event? */
  async allows(scope: string | null, event: RecordedEvent): Promise<boolean> {
    if (scope === null) return true;
    return (await this.insurerOf(event)) === scope;
  }
}
