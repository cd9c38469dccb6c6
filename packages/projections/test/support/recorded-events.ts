import { createHash, randomUUID } from "node:crypto";
import type { RecordedEvent } from "@claimstream/eventstore";

/** A domain event as the deciders emit it. */
export interface DomainEventLike {
  readonly type: string;
  readonly occurredAt: string;
  readonly schemaVersion: number;
}

/**
 * Builds recorded events as the store would return them, in global order, so read models can
 * be tested without a store. `recordedAt` is the event's `occurredAt` unless given.
 */
export class EventLog {
  private readonly versions = new Map<string, number>();
  private position = 0;
  readonly events: RecordedEvent[] = [];

  append(
    streamId: string,
    domainEvents: readonly DomainEventLike[],
    options: { tenantId?: string; recordedAt?: string } = {},
  ): RecordedEvent[] {
    const appended = domainEvents.map((event): RecordedEvent => {
      const streamPosition = (this.versions.get(streamId) ?? 0) + 1;
      this.versions.set(streamId, streamPosition);
      this.position += 1;
      const data = event as unknown as Record<string, unknown>;
      return {
        streamId,
        streamPosition,
        globalPosition: this.position,
        eventId: randomUUID(),
        type: event.type,
        data,
        metadata: {
          recordedAt: options.recordedAt ?? event.occurredAt,
          occurredAt: event.occurredAt,
          schemaVersion: event.schemaVersion,
          ...(options.tenantId ? { tenantId: options.tenantId } : {}),
        },
        hash: createHash("sha256").update(JSON.stringify(data)).digest("hex"),
        previousHash: null,
      };
    });
    this.events.push(...appended);
    return appended;
  }
}
