const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Can PostgreSQL store this text (in `text` or `jsonb`)? Not with a NUL character, nor with a
 * lone UTF-16 surrogate (JSON allows `"\ud800"`; PostgreSQL refuses it).
 *
 * @example
 * ```ts
 * isStorableText("Li Wei"); // true
 * isStorableText("\ud800"); // false
 * ```
 */
export const isStorableText = (text: string): boolean =>
  !text.includes("\u0000") && !LONE_SURROGATE.test(text);
