import type { RecordedEvent } from "./port.js";
import { decryptPersonalData, referencedKeyIds, type SubjectKeyStore } from "./shredding.js";
import { type StoredEvent, toRecordedEvent } from "./stored-event.js";
import type { UpcastEvent } from "./upcasting.js";

/** Turns a page of stored events into what readers see. */
export type DecodeEvents = (page: readonly StoredEvent[]) => Promise<RecordedEvent[]>;

/**
 * Decrypts personal fields (one key lookup per page, only when the page holds ciphertext),
 * then upcasts each event.
 */
export const createEventDecoder =
  (keys: SubjectKeyStore, upcast: UpcastEvent): DecodeEvents =>
  async (page) => {
    const keyIds = [...new Set(page.flatMap((event) => referencedKeyIds(event.data)))];
    const found = keyIds.length === 0 ? new Map<string, Uint8Array>() : await keys.keysById(keyIds);
    return page.map((stored) =>
      upcast(toRecordedEvent(stored, decryptPersonalData(stored.eventId, stored.data, found))),
    );
  };
