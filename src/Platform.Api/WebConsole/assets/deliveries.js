// Deliveries: pushes of objects to peers, pending and failed first, with retry of one or all failed of a connection.
import { api, get } from "./api.js";
import { h, badge, when, pagedList, select, attempt } from "./ui.js";

export const deliveryColumns = () => [
  ["Id", (d) => d.id], ["Target", (d) => `${d.target} (${d.target_role})`], ["Module", (d) => d.module], ["Object", (d) => h("span", { class: "mono" }, d.object_id)],
  ["State", (d) => h("span", { class: "delivery-state" }, badge(d.flagged && d.state !== "failed" ? "flagged" : d.state))],
  ["Attempts", (d) => d.attempts], ["Last error", (d) => d.last_error ?? "–"], ["Next attempt", (d) => when(d.next_attempt_at)],
  ["", (d) => (d.state === "failed" ? h("button", { type: "button", onclick: () => attempt(() => api("POST", `/admin/deliveries/${d.id}/retry`),
    `Delivery ${d.id} will be sent again.`) }, "Retry") : "")],
];

/** Retries every failed delivery of a connection (one request each: the API retries one at a time). */
export function retryAllFailed(connectionId) {
  return h("div", { class: "actions" }, h("button", { type: "button", onclick: () => attempt(async () => {
    // One read, then one retry each: a retried delivery that fails again is not retried twice in one click.
    const failed = await get(`/admin/deliveries?state=failed&connection_id=${encodeURIComponent(connectionId)}&limit=1000`);
    for (const d of failed) await api("POST", `/admin/deliveries/${d.id}/retry`);
    return failed.length;
  }, "Every failed delivery of this connection will be sent again.") }, "Retry all failed"));
}

export async function deliveriesView() {
  const connections = await get("/admin/connections?limit=1000");
  const state = select("state", [["", "all states"], "pending", "sending", "failed", "delivered", "cancelled"], { "aria-label": "State" });
  const connection = select("connection", [["", "all connections"], ...connections.map((c) => [c.id, c.name])], { "aria-label": "Connection" });
  const path = () => {
    const query = new URLSearchParams();
    if (state.value) query.set("state", state.value);
    if (connection.value) query.set("connection_id", connection.value);
    return `/admin/deliveries?${query}`;
  };
  const list = pagedList({ path, columns: deliveryColumns(), empty: "No deliveries match." });
  state.addEventListener("change", () => list.reload());
  connection.addEventListener("change", () => list.reload());
  const retryArea = h("span");
  connection.addEventListener("change", () => retryArea.replaceChildren(connection.value ? retryAllFailed(connection.value) : ""));
  return h("div", {}, h("h1", {}, "Deliveries"),
    h("div", { class: "inline actions" }, state, connection, retryArea), list);
}
