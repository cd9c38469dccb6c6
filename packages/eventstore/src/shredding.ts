import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { EventData, ReadStreamOptions, RecordedEvent } from "./port.js";

/**
 * Which top-level fields of one event type are personal data, and whose.
 *
 * @example
 * ```ts
 * const personalData: PersonalDataRegistry = {
 *   ClaimRegistered: {
 *     subjectId: (data) => (typeof data.claimantId === "string" ? data.claimantId : undefined),
 *     fields: ["claimantName", "claimantEmail"],
 *   },
 * };
 * ```
 */
export interface PersonalDataRule {
  /**
   * The data subject the fields belong to; `undefined` leaves the event unencrypted. Most rules
   * read it from `data`; an event that does not name its subject can find it in the history
   * through `context` (e.g. a repair order's first event names its claim, whose first event
   * names the policy).
   */
  readonly subjectId: (
    data: EventData,
    context: SubjectContext,
  ) => string | undefined | Promise<string | undefined>;
  /** Top-level keys of `data` to encrypt (absent keys are skipped). */
  readonly fields: readonly string[];
}

/** What a {@link PersonalDataRule} may consult besides the event's data. */
export interface SubjectContext {
  /** The stream the event is being appended to. */
  readonly streamId: string;
  /** Reads a stream of the same store (personal fields decrypted, as readers see them). */
  readonly readStream: (
    streamId: string,
    options?: ReadStreamOptions,
  ) => AsyncIterable<RecordedEvent>;
}

/** Personal-data rules by event type. Types without a rule are stored as given. */
export type PersonalDataRegistry = Readonly<Record<string, PersonalDataRule>>;

/** A subject's data key: AES-256 (32 bytes) and its id, recorded in every ciphertext. */
export interface SubjectKey {
  readonly keyId: string;
  readonly key: Uint8Array;
}

/**
 * Where subject keys live. Each adapter brings one (a table, a map, a stream); deleting a
 * subject's key is what erases its data.
 */
export interface SubjectKeyStore {
  /** The subject's current key, created on first use. */
  keyFor(subjectId: string): Promise<SubjectKey>;
  /** Keys by id; forgotten keys are simply missing from the map. */
  keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Uint8Array>>;
  /** Deletes every key of the subject. */
  forget(subjectId: string): Promise<void>;
}

/** What a personal field reads as once its subject has been forgotten. */
export const ERASED: { readonly erased: true } = Object.freeze({ erased: true });

/** Is this field value the {@link ERASED} marker? */
export const isErased = (value: unknown): value is typeof ERASED =>
  typeof value === "object" &&
  value !== null &&
  (value as { erased?: unknown }).erased === true &&
  Object.keys(value).length === 1;

/** A personal field at rest: AES-256-GCM over the field's JSON, bound to event and field. */
export interface EncryptedField {
  readonly $encrypted: "aes-256-gcm";
  readonly keyId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

/** Is this stored field value an {@link EncryptedField}? */
export const isEncryptedField = (value: unknown): value is EncryptedField =>
  typeof value === "object" &&
  value !== null &&
  (value as { $encrypted?: unknown }).$encrypted === "aes-256-gcm" &&
  typeof (value as { keyId?: unknown }).keyId === "string";

// Binding the ciphertext to its event and field stops it being copied elsewhere unnoticed.
const associatedData = (eventId: string, field: string): Buffer =>
  Buffer.from(`${eventId}\n${field}`, "utf8");

const encryptField = (
  value: unknown,
  key: SubjectKey,
  eventId: string,
  field: string,
): EncryptedField => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(associatedData(eventId, field));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return {
    $encrypted: "aes-256-gcm",
    keyId: key.keyId,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
};

const decryptField = (
  field: EncryptedField,
  key: Uint8Array,
  eventId: string,
  name: string,
): unknown => {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(field.iv, "base64"));
  decipher.setAAD(associatedData(eventId, name));
  decipher.setAuthTag(Buffer.from(field.tag, "base64"));
  const plain = Buffer.concat([
    decipher.update(Buffer.from(field.ciphertext, "base64")),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString("utf8"));
};

/**
 * Encrypts the rule's fields of `data` with the subject's key (fetched from `keys`).
 * Returns `data` unchanged when the type has no rule or the rule names no subject.
 */
export const encryptPersonalData = async (
  eventId: string,
  type: string,
  data: EventData,
  registry: PersonalDataRegistry,
  keys: SubjectKeyStore,
  context: SubjectContext,
): Promise<EventData> => {
  const rule = registry[type];
  if (rule === undefined) return data;
  const subjectId = await rule.subjectId(data, context);
  if (subjectId === undefined) return data;
  const present = rule.fields.filter((field) => data[field] !== undefined);
  if (present.length === 0) return data;
  const key = await keys.keyFor(subjectId);
  const encrypted: Record<string, unknown> = { ...data };
  for (const field of present) encrypted[field] = encryptField(data[field], key, eventId, field);
  return encrypted;
};

// Most events hold no ciphertext: they are passed through after one look at each value.
const hasEncryptedField = (data: EventData): boolean => {
  for (const value of Object.values(data)) if (isEncryptedField(value)) return true;
  return false;
};

/** Key ids referenced by encrypted fields of `data`. */
export const referencedKeyIds = (data: EventData): string[] => {
  const keyIds: string[] = [];
  for (const value of Object.values(data)) if (isEncryptedField(value)) keyIds.push(value.keyId);
  return keyIds;
};

/**
 * Replaces encrypted fields by their plaintext, or by {@link ERASED} when the key is gone
 * (or the ciphertext does not authenticate).
 */
export const decryptPersonalData = (
  eventId: string,
  data: EventData,
  keys: ReadonlyMap<string, Uint8Array>,
): EventData => {
  if (!hasEncryptedField(data)) return data;
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!isEncryptedField(value)) {
      plain[name] = value;
      continue;
    }
    const key = keys.get(value.keyId);
    plain[name] = key === undefined ? ERASED : decryptOrErase(value, key, eventId, name);
  }
  return plain;
};

const decryptOrErase = (
  field: EncryptedField,
  key: Uint8Array,
  eventId: string,
  name: string,
): unknown => {
  try {
    return decryptField(field, key, eventId, name);
  } catch {
    return ERASED;
  }
};

/** A fresh random AES-256 key. */
export const newDataKey = (): Uint8Array => new Uint8Array(randomBytes(32));
