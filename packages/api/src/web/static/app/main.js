/**
 * The dashboard's entry point: asks for a key when there is none, renders the page the hash
 * names, keeps the navigation and the live indicator current.
 * @module
 */

import { AUTH_REQUIRED_EVENT } from "./api-client.js";
import { disposeCharts } from "./charts.js";
import { notice } from "./components.js";
import { renderKeyForm } from "./key-form.js";
import { forgetKey, storedKey } from "./key-store.js";
import { LiveFeed, POLL_INTERVAL_MS } from "./live-feed.js";
import { pageOf } from "./pages/index.js";
import { parseRoute } from "./router.js";

const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const liveStatus = /** @type {HTMLElement} */ (document.getElementById("live-status"));
const changeKey = /** @type {HTMLButtonElement} */ (document.getElementById("change-key"));

/** @type {Record<import("./live-feed.js").LiveState, string>} */
const LIVE_TEXT = {
  connecting: "Live: connecting…",
  streaming: "Live: following events",
  polling: `Live: refreshing every ${POLL_INTERVAL_MS / 1000} s`,
  off: "Live: off",
};

const live = new LiveFeed((state) => {
  liveStatus.dataset.state = state;
  liveStatus.textContent = LIVE_TEXT[state];
});

/** @type {(() => void)[]} */
let cleanups = [];
/** @type {AbortController | undefined} */
let leaving;
let firstRender = true;

const leavePage = () => {
  leaving?.abort();
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  disposeCharts();
};

/**
 * On a phone the tabs scroll sideways: centre the current one. (Not `scrollIntoView`, which
 * would also move where the keyboard's Tab order starts.)
 * @param {HTMLElement} link
 */
const revealTab = (link) => {
  const nav = link.closest(".nav");
  if (!(nav instanceof HTMLElement) || nav.scrollWidth <= nav.clientWidth) return;
  const offset = link.getBoundingClientRect().left - nav.getBoundingClientRect().left;
  nav.scrollLeft += offset - (nav.clientWidth - link.offsetWidth) / 2;
};

/** @param {string} current */
const markNavigation = (current) => {
  for (const link of document.querySelectorAll("#nav-links a")) {
    if (link instanceof HTMLElement && link.dataset.page === current) {
      link.setAttribute("aria-current", "page");
      revealTab(link);
    } else link.removeAttribute("aria-current");
  }
};

/** @param {string} [reason] */
const askForKey = (reason) => {
  leavePage();
  live.stop();
  changeKey.hidden = true;
  markNavigation("");
  main.setAttribute("aria-busy", "false");
  renderKeyForm(main, {
    ...(reason ? { reason } : {}),
    onSignedIn: () => {
      live.start();
      void render();
    },
  });
};

const render = async () => {
  if (storedKey() === null) return askForKey();
  leavePage();
  const abort = new AbortController();
  leaving = abort;
  changeKey.hidden = false;
  const route = parseRoute(location.hash);
  const page = pageOf(route);
  markNavigation(page?.nav ?? "");
  document.title = `${page?.title ?? "Not found"} · claimstream`;
  main.setAttribute("aria-busy", "true");
  if (page === undefined)
    main.replaceChildren(notice(`There is no page "${route.page}".`, "error"));
  else
    await page
      .render(main, {
        route,
        live,
        signal: abort.signal,
        onCleanup: (cleanup) => cleanups.push(cleanup),
      })
      .catch((error) => {
        if (!abort.signal.aborted) main.replaceChildren(notice(String(error), "error"));
      });
  if (abort.signal.aborted) return;
  main.setAttribute("aria-busy", "false");
  main.dataset.page = page?.nav ?? "";
  // After a navigation, screen readers and keyboards continue from the new page's heading.
  if (!firstRender) main.querySelector("h1")?.focus();
  firstRender = false;
};

// The skip link moves focus to the page's content; following its `#main` would change the route.
document.querySelector(".skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
changeKey.addEventListener("click", () => {
  forgetKey();
  askForKey();
});
window.addEventListener(AUTH_REQUIRED_EVENT, () => {
  forgetKey();
  askForKey("The API refused the key: enter it again, or another one.");
});
window.addEventListener("hashchange", () => void render());

if (storedKey() !== null) live.start();
void render();
