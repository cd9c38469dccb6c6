/**
 * The sign-in form: the user pastes an API key (`npm start` prints the demo key); it is checked
 * against the API, then kept in this tab or, when asked, on this device.
 * @module
 */

import { checkKey } from "./api-client.js";
import { h } from "./dom.js";
import { storeKey } from "./key-store.js";

/**
 * Renders the form into `main`; calls `onSignedIn` once a key authenticates.
 * @param {HTMLElement} main
 * @param {{ onSignedIn: () => void; reason?: string }} options
 */
export const renderKeyForm = (main, { onSignedIn, reason }) => {
  const input = h("input", {
    id: "api-key",
    name: "apiKey",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": "api-key-hint",
  });
  const remember = h("input", { id: "remember-key", name: "remember", type: "checkbox" });
  const status = h("p", { class: "form-status", role: "status", id: "key-status" });
  const submit = h("button", { class: "button", type: "submit" }, "Open the dashboard");
  const form = h(
    "form",
    {
      class: "key-form",
      "aria-labelledby": "key-form-title",
      onSubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (key === "") return;
        submit.disabled = true;
        status.textContent = "Checking the key…";
        const verdict = await checkKey(key).catch(() => "unreachable");
        submit.disabled = false;
        if (verdict === "ok") {
          storeKey(key, remember.checked);
          onSignedIn();
          return;
        }
        status.textContent =
          verdict === "invalid" ? "The API does not know this key." : "The API did not answer.";
        input.focus();
      },
    },
    h("h1", { id: "key-form-title", tabindex: "-1" }, "Sign in with an API key"),
    reason ? h("p", { class: "notice notice--error", role: "alert" }, reason) : null,
    h("label", { for: "api-key" }, "API key"),
    input,
    h(
      "p",
      { class: "hint", id: "api-key-hint" },
      "The same key the API takes as Authorization: Bearer. ",
      h("code", {}, "npm start"),
      " prints a demo key. Analytics pages need an analyst or admin key; the claim timeline an auditor, handler or admin key.",
    ),
    h(
      "div",
      { class: "checkbox" },
      remember,
      h("label", { for: "remember-key" }, "Remember on this device"),
    ),
    submit,
    status,
  );
  main.replaceChildren(form);
  input.focus();
};
