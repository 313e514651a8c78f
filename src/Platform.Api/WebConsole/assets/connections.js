// Connections: the list with state and health, invitations (token A shown once), connecting to a peer, internal
// connections, and one connection's page with its endpoints, routes, problems, probes, deliveries, audit trail and actions.
import { api, get } from "./api.js";
import { h, badge, when, pagedList, form, field, input, attempt, copyButton, table } from "./ui.js";
import { deliveryColumns, retryAllFailed } from "./deliveries.js";
import { probesSection } from "./probes.js";

const partyChoices = (parties, name) => h("fieldset", { class: "roles" }, h("legend", {}, "Our parties in it"),
  parties.length ? parties.map((p) => {
    const key = `${p.country_code}*${p.party_id}`;
    return h("label", {}, h("input", { type: "checkbox", name, value: key }), ` ${key}`);
  }) : h("span", { class: "muted" }, "Create a party first."));

const remote = (c) => (c.remote_parties ?? []).map((r) => h("div", {}, `${r.country_code}*${r.party_id} `, h("span", { class: "muted" }, r.role),
  r.status ? [" ", badge(r.status)] : null));

/** The invitation's token A, shown this once: it is stored only as a hash. */
function secretBox(invitation) {
  return h("div", { class: "card secret", id: "invitation", role: "alert" },
    h("h2", {}, "Invitation created: give these to the peer"),
    h("p", {}, h("strong", {}, "Shown once. "), "The token is stored only as a hash; copy it now. It works until ", when(invitation.expires_at), " or until the peer registers."),
    h("div", { class: "value" }, h("span", {}, "Versions URL"), h("code", { id: "invitation-versions-url" }, invitation.versions_url), copyButton(invitation.versions_url)),
    h("div", { class: "value" }, h("span", {}, "Token A"), h("code", { id: "invitation-token" }, invitation.token), copyButton(invitation.token)),
    h("button", { type: "button", onclick: (e) => e.target.closest(".secret").remove() }, "I have copied them; hide"));
}

export async function connectionsView() {
  const parties = await get("/admin/parties?limit=1000");
  const list = pagedList({
    path: "/admin/connections",
    empty: "No connections yet: invite a peer, or connect to one with the versions URL and token it gave you.",
    columns: [
      ["Name", (c) => h("a", { href: `#/connections/${c.id}` }, c.name)],
      ["State", (c) => badge(c.state)],
      ["Health", (c) => badge(c.health?.status)],
      ["Version", (c) => c.version ?? "–"],
      ["Peer", (c) => (c.kind === "internal" ? "internal" : c.versions_url ?? "waiting for the peer")],
      ["Our parties", (c) => c.parties.join(", ")],
      ["Remote parties", remote],
      ["Last success", (c) => when(c.health?.last_success_at)],
      ["Last failure", (c) => when(c.health?.last_failure_at)],
      ["Pending / failed", (c) => `${c.health?.pending ?? 0} / ${c.health?.failed ?? 0}`],
    ],
  });
  const shown = h("div");
  const invite = form({ id: "invite" }, [
    field("Name", input("name", { required: true, placeholder: "Partner X" })), partyChoices(parties, "parties"),
    field("Expires in hours", input("expires_in_hours", { type: "number", min: 1, max: 2160, value: 72, size: 5 })),
  ], "Create invitation", async (v) => {
    const invitation = (await api("POST", "/admin/connections/invitations",
      { name: v.name, parties: v.$all("parties"), expires_in_hours: Number(v.expires_in_hours) })).data;
    shown.replaceChildren(secretBox(invitation));
    list.reload();
    return true;
  });
  const connect = form({ id: "connect" }, [
    field("Name", input("name", { required: true, placeholder: "Partner Y" })),
    field("Their versions URL", input("versions_url", { required: true, type: "url", size: 40, placeholder: "https://…/ocpi/versions" })),
    field("Their token A", input("token", { required: true, type: "password", autocomplete: "off" })), partyChoices(parties, "parties"),
  ], "Connect", async (v) => {
    const connection = (await api("POST", "/admin/connections", { name: v.name, versions_url: v.versions_url, token: v.token, parties: v.$all("parties") })).data;
    list.reload();
    return connection;
  }, "Registered with the peer.");
  const internal = form({ id: "internal" }, [field("Name", input("name", { required: true })), partyChoices(parties, "parties")],
    "Connect internally", async (v) => { await api("POST", "/admin/connections/internal", { name: v.name, parties: v.$all("parties") }); list.reload(); return true; },
    "Internal connection created.");
  return h("div", {}, h("h1", {}, "Connections"), shown, list,
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("h2", {}, "Invite a peer"), h("p", { class: "muted" }, "The peer registers with the versions URL and token A you give it."), invite),
      h("div", { class: "card" }, h("h2", {}, "Connect to a peer"), h("p", { class: "muted" }, "With the versions URL and token A the peer gave you."), connect)),
    h("details", { class: "card" }, h("summary", {}, "Connect two parties hosted here"), internal));
}

export async function connectionView(id) {
  const c = await get(`/admin/connections/${encodeURIComponent(id)}`);
  const path = `/admin/connections/${encodeURIComponent(id)}`;
  const reshow = () => window.dispatchEvent(new HashChangeEvent("hashchange"));
  const action = (label, method, suffix, warning, done, cls) => h("button", { type: "button", class: cls, onclick: async () => {
    if (warning && !window.confirm(warning)) return;
    const ok = await attempt(() => api(method, `${path}${suffix}`), done);
    if (ok) setTimeout(reshow, 0);
  } }, label);
  const routes = (await get("/admin/routes")).filter((r) => r.connection_id === c.id);
  return h("div", {},
    h("p", {}, h("a", { href: "#/connections" }, "‹ Connections")),
    h("h1", {}, c.name, " ", badge(c.state), " ", badge(c.health?.status)),
    h("div", { class: "actions" },
      c.kind !== "internal" ? action("Rotate token", "POST", "/rotate", "Rotate the token? The peer gets a new one by credentials PUT.", "Token rotated.") : null,
      c.state === "suspended"
        ? action("Resume", "POST", "/resume", null, "Resumed.")
        : action("Suspend", "POST", "/suspend", `Suspend ${c.name}? Nothing is sent over it until resumed.`, "Suspended."),
      action("Resync", "POST", "/resync", null, "Resync started: changes since the last pull are pulled."),
      action("Full resync", "POST", "/resync?full=true", "Pull everything again from the peer? This can take a while.", "Full resync started."),
      action("Delete", "DELETE", "", `Delete ${c.name}? The peer is told (credentials DELETE) and the connection ends for good.`, "Connection deleted.", "danger")),
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("dl", { class: "facts" },
        h("dt", {}, "Id"), h("dd", { class: "mono" }, c.id),
        h("dt", {}, "Kind"), h("dd", {}, c.kind),
        h("dt", {}, "Version"), h("dd", {}, c.version ?? "–"),
        h("dt", {}, "Peer"), h("dd", {}, c.versions_url ?? "–"),
        h("dt", {}, "Our parties"), h("dd", {}, c.parties.join(", ")),
        h("dt", {}, "Remote parties"), h("dd", {}, remote(c)),
        h("dt", {}, "Registered"), h("dd", {}, when(c.registered_at)),
        c.invitation_expires_at ? [h("dt", {}, "Invitation expires"), h("dd", {}, when(c.invitation_expires_at))] : null)),
      h("div", { class: "card" }, h("dl", { class: "facts" },
        h("dt", {}, "Health"), h("dd", {}, badge(c.health?.status)),
        h("dt", {}, "Last success"), h("dd", {}, when(c.health?.last_success_at)),
        h("dt", {}, "Last failure"), h("dd", {}, when(c.health?.last_failure_at)),
        h("dt", {}, "Pending"), h("dd", {}, c.health?.pending ?? 0),
        h("dt", {}, "Failed"), h("dd", {}, c.health?.failed ?? 0),
        h("dt", {}, "Failures (15 min)"), h("dd", {}, c.health?.failures_last_15m ?? 0),
        h("dt", {}, "Problems"), h("dd", {}, c.problem_count ?? 0)))),
    h("h2", {}, "Endpoints"),
    table([["Module", (e) => e.identifier], ["Role", (e) => e.role], ["URL", (e) => h("span", { class: "mono" }, e.url)]], c.endpoints ?? [], "No endpoints (yet)."),
    h("h2", {}, "Routes over this connection"),
    table([["Hosted party", (r) => r.hosted_party], ["Reaches", (r) => r.party], ["Role", (r) => r.role], ["Via", (r) => r.via],
      ["Used", (r) => (r.used ? "yes" : "no (another route wins)")]], routes, "No routes over this connection."),
    pagedList({ title: "Problems", path: `${path}/problems`, empty: "No problems: nothing refused either way.", columns: [
      ["When", (p) => when(p.at)], ["Direction", (p) => p.direction], ["Module", (p) => p.module ?? "–"], ["Object", (p) => p.object_id ?? "–"],
      ["Status", (p) => p.peer_status ?? "–"], ["Reason", (p) => p.reason],
    ] }),
    probesSection(c, path),
    h("h2", {}, "Deliveries waiting or failed"), retryAllFailed(c.id),
    pagedList({ path: `/admin/deliveries?state=pending&connection_id=${encodeURIComponent(c.id)}`, columns: deliveryColumns(), empty: "Nothing pending." }),
    pagedList({ path: `/admin/deliveries?state=failed&connection_id=${encodeURIComponent(c.id)}`, columns: deliveryColumns(), empty: "Nothing failed." }),
    h("h2", {}, "Audit trail"),
    table([["When", (a) => when(a.at)], ["Who", (a) => a.actor], ["What", (a) => a.action], ["Detail", (a) => a.detail ?? ""]], c.audit ?? [], "No entries."));
}
