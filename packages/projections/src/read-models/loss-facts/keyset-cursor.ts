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

/** Decodes a cursor made by {@link encodeCursor} with `size` key parts, or throws. */
export const decodeCursor = (cursor: string, size: number): string[] => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === size && key.every((k) => typeof k === "string")) {
      return key;
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError(cursor);
};

/** The page size: `limit` clamped to 1…500, 50 when absent. */
export const pageSize = (limit: number | undefined): number =>
  Math.min(Math.max(Math.trunc(limit ?? 50), 1), 500);
