/**
 * Free-text labels (regions, languages) are typed by people and partner systems, so
 * `"Beijing"`, `" beijing "` and `"BEIJING"` must mean the same place.
 * Internal to the rules; not part of the public API.
 */

/** A label in comparable form: Unicode NFC, trimmed, inner whitespace collapsed, lower case. */
export const normalizeLabel = (label: string): string =>
  label.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

/** Does `label` appear in `labels`, compared as {@link normalizeLabel} does? */
export const includesLabel = (labels: readonly string[], label: string): boolean => {
  const wanted = normalizeLabel(label);
  return labels.some((candidate) => normalizeLabel(candidate) === wanted);
};
