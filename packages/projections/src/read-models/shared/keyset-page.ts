import { encodeCursor, type Page } from "./keyset-cursor.js";

/**
 * The page of a keyset query that fetched `limit + 1` rows: the first `limit` rows as items,
 * and, when the extra row shows there is more, the sort key of the last item as `nextCursor`
 * (opaque, see `encodeCursor`). Shared by the record lists (policies, repair orders, payouts).
 *
 * @example
 * ```ts
 * const rows = await query.limit(limit + 1).execute();
 * return keysetPage(rows, limit, (row) => [row.cursor_at, row.policy_id], toPolicyListItem);
 * ```
 */
export const keysetPage = <Row, Item>(
  rows: readonly Row[],
  limit: number,
  sortKey: (row: Row) => readonly string[],
  toItem: (row: Row) => Item,
): Page<Item> => {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sortKey(last)) : null,
  };
};
