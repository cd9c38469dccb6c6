/**
 * What every page's `render(main, context)` receives.
 * @module
 */

/**
 * @typedef {object} PageContext
 * @property {import("./router.js").Route} route The route being shown.
 * @property {import("./live-feed.js").LiveFeed} live The live connection (stream or polling).
 * @property {AbortSignal} signal Aborted when the user leaves the page: stop filling it.
 * @property {(cleanup: () => void) => void} onCleanup Runs when the user leaves the page.
 */

/**
 * @typedef {object} Page
 * @property {string} title For the document title.
 * @property {string} nav Which navigation link is current.
 * @property {(main: HTMLElement, context: PageContext) => Promise<void>} render
 */

export {};
