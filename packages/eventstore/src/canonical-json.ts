import type { EventData } from "./port.js";

/**
 * The JSON form of a value, as it will be stored: `undefined` properties dropped, `Date`s as
 * strings, a fresh copy the caller can no longer mutate. Throws a `TypeError` on values JSON
 * cannot represent (`bigint`, cycles) and when the result is not a JSON object.
 */
export const toEventData = (value: unknown, what: string): EventData => {
  const json: unknown = JSON.parse(JSON.stringify(value) ?? "null");
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TypeError(`${what} must be a JSON object`);
  }
  return json as EventData;
};

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and
 * strings as `JSON.stringify` writes them. Two JSON-equal values give the same text, whatever
 * their key order; this is what the hash chain hashes (see docs/adr/0002).
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};
