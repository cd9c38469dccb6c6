import { parseStreamId } from "@claimstream/domain";

/** Maps a stream id to its category, stored with every event for filtered `$all` reads. */
export type CategoryOf = (streamId: string) => string;

/**
 * The default {@link CategoryOf}: the domain's categories first, longest prefix winning
 * (`repair-order-7` → `repair-order`), otherwise the text before the first `-`
 * (`invoice-9` → `invoice`), otherwise the whole id.
 */
export const defaultCategoryOf: CategoryOf = (streamId) => {
  const parsed = parseStreamId(streamId);
  if (parsed !== undefined) return parsed.category;
  const dash = streamId.indexOf("-");
  return dash > 0 ? streamId.slice(0, dash) : streamId;
};
