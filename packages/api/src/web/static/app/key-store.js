/**
 * Where the API key lives in the browser: this tab's session storage by default, local storage
 * when the user asks to be remembered on this device. Never in a URL or a cookie.
 * @module
 */

const STORAGE_KEY = "claimstream.apiKey";

/** The stored key, or `null`. */
export const storedKey = () =>
  sessionStorage.getItem(STORAGE_KEY) ?? localStorage.getItem(STORAGE_KEY);

/**
 * Keeps the key for this tab, or on this device when `remember` is set.
 * @param {string} key
 * @param {boolean} remember
 */
export const storeKey = (key, remember) => {
  forgetKey();
  (remember ? localStorage : sessionStorage).setItem(STORAGE_KEY, key);
};

/** Removes the key from both storages. */
export const forgetKey = () => {
  sessionStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(STORAGE_KEY);
};
