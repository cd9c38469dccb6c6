/**
 * Saves a Blob as a file: API downloads need the key in a header, so they are fetched first.
 * @module
 */

/**
 * @param {Blob} blob
 * @param {string} fileName
 */
export const saveBlob = (blob, fileName) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
