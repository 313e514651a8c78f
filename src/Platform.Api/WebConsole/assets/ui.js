import { api } from "./api.js";

// Small DOM helpers: elements are built with textContent only (never innerHTML), so data from peers cannot script the page.
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else if (key === "class") element.className = value;
    else if (value === true) element.setAttribute(key, "");
    else element.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A badge styled by its value, or by `kind` where the text says more than the value (e.g. "3 pass"). */
export const badge = (text, kind = text) => h("span", { class: `badge ${kind ?? ""}` }, text ?? "–");

export function when(value) {
  if (!value) return "–";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function flash(message, kind = "info") {
  const area = document.getElementById("flash");
  area.replaceChildren(h("div", { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" }, message));
  if (kind !== "error") setTimeout(() => { if (area.textContent === message) area.replaceChildren(); }, 6000);
}

export const clearFlash = () => document.getElementById("flash").replaceChildren();

/** Runs an action; its error (the problem's detail) is shown, never swallowed. */
export async function attempt(action, done) {
  clearFlash();
  try {
    const result = await action();
    if (done) flash(done);
    return result ?? true;
  } catch (error) {
    flash(error.message, "error");
    return undefined;
  }
}

/** Confirms an action that cannot be undone or cuts a partner off. */
export const confirmed = (text) => window.confirm(text);

export function copyButton(value, label = "Copy") {
  const button = h("button", { type: "button", onclick: async () => {
    try { await navigator.clipboard.writeText(value); button.textContent = "Copied"; }
    catch { button.textContent = "Select and copy by hand"; }
  } }, label);
  return button;
}

/** A table; columns are [heading, row => cell]. */
export function table(columns, rows, empty = "Nothing here yet.") {
  if (!rows.length) return h("p", { class: "muted" }, empty);
  return h("table", {},
    h("thead", {}, h("tr", {}, columns.map(([heading]) => h("th", {}, heading)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map(([, cell]) => h("td", {}, cell(row)))))));
}

const live = new Set();

/** Lists refresh on their own while shown, so state that arrives later (a push, a result) appears without a reload. */
export const resetLive = () => live.clear();
/** Reads something again with the lists, while its page is shown. */
export const onLive = (reload) => live.add(reload);
setInterval(() => { if (document.visibilityState === "visible") for (const reload of live) reload(); }, 3000);

/**
 * A paged list of an admin API path (offset/limit, X-Total-Count). Returns its element; `reload()` re-reads the page.
 */
export function pagedList({ path, columns, limit = 20, empty, title, isLive = true }) {
  const body = h("div", { class: "list-body" });
  const status = h("span");
  let offset = 0;
  const previous = h("button", { type: "button", onclick: () => { offset = Math.max(0, offset - limit); reload(); } }, "‹ Previous");
  const next = h("button", { type: "button", onclick: () => { offset += limit; reload(); } }, "Next ›");
  const root = h("section", { class: "list" }, title ? h("h2", {}, title) : null, body, h("div", { class: "pager" }, previous, status, next));
  async function reload() {
    const separator = (typeof path === "function" ? path() : path).includes("?") ? "&" : "?";
    try {
      const { data, total } = await api("GET", `${typeof path === "function" ? path() : path}${separator}offset=${offset}&limit=${limit}`);
      const rows = data ?? [];
      const count = total ?? rows.length;
      body.replaceChildren(table(columns, rows, empty));
      status.textContent = count ? `${offset + 1}–${offset + rows.length} of ${count}` : "";
      previous.disabled = offset === 0;
      next.disabled = offset + rows.length >= count;
    } catch (error) {
      body.replaceChildren(h("p", { class: "error" }, error.message));
    }
  }
  root.reload = reload;
  if (isLive) live.add(reload);
  reload();
  return root;
}

/** A form whose fields are read by name; `submit(values)` runs with errors shown. */
export function form(attrs, fields, label, submit, done) {
  const element = h("form", { class: "inline", ...attrs }, fields, h("button", { type: "submit", class: "primary" }, label));
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(element).entries());
    values.$all = (name) => new FormData(element).getAll(name);
    const ok = await attempt(() => submit(values, element), done);
    if (ok !== undefined) element.reset();
  });
  return element;
}

export const field = (label, input) => h("label", {}, label, input);

export const input = (name, attrs = {}) => h("input", { name, ...attrs });

export function select(name, options, attrs = {}) {
  return h("select", { name, ...attrs }, options.map((o) => (Array.isArray(o) ? h("option", { value: o[0] }, o[1]) : h("option", { value: o }, o))));
}

export function json(value) {
  return h("details", {}, h("summary", {}, "JSON"), h("pre", {}, JSON.stringify(value, null, 2)));
}
