import type { RecordedEvent } from "./port.js";
import { decryptPersonalData, referencedKeyIds, type SubjectKeyStore } from "./shredding.js";
import { type StoredEvent, toRecordedEvent } from "./stored-event.js";
import type { UpcastEvent } from "./upcasting.js";

/** Turns a page of stored events into what readers see. */
export type DecodeEvents = (page: readonly StoredEvent[]) => Promise<RecordedEvent[]>;

/** Key ids the page's ciphertexts reference, each once, in order of first use. */
const pageKeyIds = (page: readonly StoredEvent[]): string[] => {
  const keyIds = new Set<string>();
  for (const event of page) {
    for (const id of referencedKeyIds(event.data)) keyIds.add(id);
  }
  return [...keyIds];
};

/**
 * Decrypts personal fields (one key lookup per page, only when the page holds ciphertext),
 * then upcasts each event.
 */
export const createEventDecoder =
  (keys: SubjectKeyStore, upcast: UpcastEvent): DecodeEvents =>
  async (page) => {
    const keyIds = pageKeyIds(page);
    // Without ciphertext in the page there is nothing to look up or decrypt.
    const found = keyIds.length === 0 ? undefined : await keys.keysById(keyIds);
    return page.map((stored) => {
      const data =
        found === undefined ? stored.data : decryptPersonalData(stored.eventId, stored.data, found);
      return upcast(toRecordedEvent(stored, data));
    });
  };
