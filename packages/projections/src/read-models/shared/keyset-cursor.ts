import { isStorableText } from "@claimstream/eventstore";

/** A page of a list query: the items and the cursor of the next page (`null` on the last). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Thrown by list queries for a cursor they did not issue (the API answers 400). */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
  constructor(readonly cursor: string) {
    super("The cursor is not one this query issued");
  }
}

/**
 * Encodes the sort key of a page's last row as an opaque cursor (base64url JSON), so that
 * clients cannot depend on its content.
 */
export const encodeCursor = (key: readonly string[]): string =>
  Buffer.from(JSON.stringify(key), "utf8").toString("base64url");

// Every list sorts by an instant first (as `exactInstantSql` formats it), then by ids.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const MAX_PART_LENGTH = 200;

// What PostgreSQL can take as a parameter, and not too long.
const storable = (text: string): boolean => text.length <= MAX_PART_LENGTH && isStorableText(text);

const validKey = (key: unknown, size: number): key is string[] =>
  Array.isArray(key) &&
  key.length === size &&
  key.every((part) => typeof part === "string" && storable(part)) &&
  INSTANT.test(key[0] as string) &&
  Number.isFinite(Date.parse(key[0] as string));

/**
 * Decodes a cursor made by {@link encodeCursor} with `size` key parts (an instant, then ids),
 * or throws {@link InvalidCursorError}: also for a crafted cursor whose parts the database
 * could not compare (not an instant, a NUL, a lone surrogate).
 */
export const decodeCursor = (cursor: string, size: number): string[] => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (validKey(key, size)) return key;
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError(cursor);
};

/** The page size: `limit` clamped to 1…500, 50 when absent. */
export const pageSize = (limit: number | undefined): number =>
  Math.min(Math.max(Math.trunc(limit ?? 50), 1), 500);
