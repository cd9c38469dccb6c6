/**
 * A tiny element builder: the pages build their DOM with it instead of HTML strings, so no
 * value from the API is ever parsed as markup.
 * @module
 */

/** @typedef {Node | string | number | null | undefined | false | readonly unknown[]} Child A node, text, nothing, or a list of children. */
/** @typedef {Record<string, unknown>} Props */

/**
 * @param {Element} element
 * @param {string} name
 * @param {unknown} value
 */
const applyProp = (element, name, value) => {
  if (value === undefined || value === null || value === false) return;
  if (name.startsWith("on") && typeof value === "function") {
    element.addEventListener(name.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
  } else if (name === "dataset" && typeof value === "object") {
    for (const [key, data] of Object.entries(/** @type {object} */ (value)))
      if (data !== undefined && data !== null && element instanceof HTMLElement)
        element.dataset[key] = String(data);
  } else if (name === "class") {
    element.setAttribute("class", String(value));
  } else if (name === "value" && element instanceof HTMLInputElement) {
    element.value = String(value);
  } else {
    element.setAttribute(name, value === true ? "" : String(value));
  }
};

/**
 * @param {Element} parent
 * @param {Child} child
 */
const appendChild = (parent, child) => {
  if (child === null || child === undefined || child === false) return;
  if (child instanceof Node || typeof child === "string") parent.append(child);
  else if (typeof child === "number") parent.append(String(child));
  else for (const item of child) appendChild(parent, /** @type {Child} */ (item));
};

/**
 * Creates an HTML element with attributes (`class`, `dataset`, `onClick`…) and children.
 *
 * @example
 * h("a", { href: "#/claims/C-1", class: "link" }, "C-1");
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export const h = (tag, props = {}, ...children) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) applyProp(element, name, value);
  for (const child of children) appendChild(element, child);
  return element;
};

/**
 * Replaces an element's children.
 * @param {Element} element
 * @param {...Child} children
 */
export const replaceChildren = (element, ...children) => {
  element.replaceChildren();
  for (const child of children) appendChild(element, child);
};

let idCounter = 0;

/**
 * A document-unique id for label and aria wiring.
 * @param {string} prefix
 */
export const uniqueId = (prefix) => {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
};
