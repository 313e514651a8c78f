// A hosted party's data per role: what a CPO publishes (locations with EVSE status, tariffs, sessions, CDRs) and the
// tokens it received; what an eMSP issues (tokens), what it received, and the commands it sends.
import { api } from "./api.js";
import { h, badge, when, pagedList, form, field, input, select, attempt, json } from "./ui.js";

const EVSE_STATUSES = ["AVAILABLE", "BLOCKED", "CHARGING", "INOPERATIVE", "OUTOFORDER", "PLANNED", "REMOVED", "RESERVED", "UNKNOWN"];
const COMMANDS = ["START_SESSION", "STOP_SESSION", "RESERVE_NOW", "CANCEL_RESERVATION", "UNLOCK_CONNECTOR"];
const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

const TABS = {
  cpo: [["locations", "Locations"], ["tariffs", "Tariffs"], ["sessions", "Sessions"], ["cdrs", "CDRs"], ["tokens", "Received tokens"]],
  emsp: [["tokens", "Tokens"], ["commands", "Commands"], ["locations", "Received locations"], ["tariffs", "Received tariffs"],
    ["sessions", "Received sessions"], ["cdrs", "Received CDRs"]],
};

export function dataTabs(party, role, tab) {
  const roles = [party.roles.includes("CPO") && "cpo", party.roles.includes("EMSP") && "emsp"].filter(Boolean);
  if (!roles.length) return h("p", { class: "muted" }, "This party has no CPO or eMSP data to show.");
  role = roles.includes(role) ? role : roles[0];
  tab = TABS[role].some(([id]) => id === tab) ? tab : TABS[role][0][0];
  const base = `#/parties/${party.country_code}/${party.party_id}`;
  const links = roles.flatMap((r) => TABS[r].map(([id, label]) =>
    h("a", { href: `${base}/${r}/${id}`, class: r === role && id === tab ? "current" : "" }, `${r === "cpo" ? "CPO" : "eMSP"}: ${label}`)));
  const path = `/admin/parties/${party.country_code}/${party.party_id}/${role}`;
  return h("section", {}, h("h2", {}, "Data"), h("nav", { class: "tabs" }, links), (role === "cpo" ? CPO : EMSP)[tab](path, party));
}

const owner = (o) => (o.country_code ? `${o.country_code}*${o.party_id}` : "–");

/** A textarea with an OCPI object to PUT, pre-filled with a valid example the operator edits. */
function putForm(label, example, url, onDone) {
  const text = h("textarea", { name: "document", spellcheck: "false" }, JSON.stringify(example, null, 2));
  const element = h("form", { class: "card" }, h("label", {}, "The object as OCPI JSON: edit it, then publish"), text, h("button", { type: "submit", class: "primary" }, "Publish (PUT)"));
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    await attempt(async () => {
      let body;
      try { body = JSON.parse(text.value); } catch (e) { throw new Error(`The JSON is not valid: ${e.message}`); }
      await api("PUT", url(body), body);
      onDone?.();
    }, "Published; peers that may see it get it pushed.");
  });
  return h("details", {}, h("summary", {}, label), element);
}

function evseStatusEditor(path, location, evse, reload) {
  const choice = select("status", EVSE_STATUSES, { "aria-label": `Status of ${evse.uid}` });
  choice.value = evse.status;
  return h("span", { class: "evse" }, badge(evse.status), " ", choice,
    h("button", { type: "button", onclick: () => attempt(async () => {
      await api("PATCH", `${path}/locations/${encodeURIComponent(location.id)}/${encodeURIComponent(evse.uid)}`, { status: choice.value, last_updated: now() });
      reload();
    }, `EVSE ${evse.uid} set to ${choice.value}.`) }, "Set"));
}

const exampleLocation = (party) => ({
  country_code: party.country_code, party_id: party.party_id, id: "LOC1", publish: true, name: "Example location",
  address: "Main street 1", city: "Amsterdam", postal_code: "1011AA", country: "NLD",
  coordinates: { latitude: "52.370216", longitude: "4.895168" }, time_zone: "Europe/Amsterdam",
  evses: [{ uid: "EVSE1", evse_id: `${party.country_code}*${party.party_id}*E1`, status: "AVAILABLE", last_updated: now(),
    connectors: [{ id: "1", standard: "IEC_62196_T2", format: "SOCKET", power_type: "AC_3_PHASE", max_voltage: 230, max_amperage: 16, last_updated: now() }] }],
  last_updated: now(),
});

const exampleTariff = (party) => ({
  country_code: party.country_code, party_id: party.party_id, id: "TARIFF1", currency: "EUR",
  elements: [{ price_components: [{ type: "ENERGY", price: 0.25, vat: 21, step_size: 1 }] }], last_updated: now(),
});

const CPO = {
  locations: (path, party) => {
    // Not refreshed on its own: it holds the status pickers a person may be using.
    const list = pagedList({ path: `${path}/locations`, isLive: false, empty: "No locations published yet.", columns: [
      ["Location", (l) => h("strong", {}, l.id)], ["Name", (l) => l.name ?? "–"], ["City", (l) => l.city ?? "–"],
      ["EVSEs", (l) => (l.evses ?? []).map((e) => h("div", {}, h("span", { class: "mono" }, e.uid), " ", evseStatusEditor(path, l, e, () => list.reload())))],
      ["Updated", (l) => when(l.last_updated)],
    ] });
    return h("div", {}, list, putForm("Publish a location", exampleLocation(party), (b) => `${path}/locations/${encodeURIComponent(b.id)}`, () => list.reload()));
  },
  tariffs: (path, party) => h("div", {},
    pagedList({ path: `${path}/tariffs`, empty: "No tariffs published yet.", columns: [
      ["Tariff", (t) => h("strong", {}, t.id)], ["Currency", (t) => t.currency], ["Type", (t) => t.type ?? "–"],
      ["Updated", (t) => when(t.last_updated)], ["", json],
    ] }),
    putForm("Publish a tariff", exampleTariff(party), (b) => `${path}/tariffs/${encodeURIComponent(b.id)}`)),
  sessions: (path) => pagedList({ path: `${path}/sessions`, empty: "No sessions yet.", columns: [
    ["Session", (s) => s.id], ["Status", (s) => badge(s.status)], ["kWh", (s) => s.kwh], ["Location", (s) => s.location_id],
    ["Started", (s) => when(s.start_date_time)], ["", json],
  ] }),
  cdrs: (path) => pagedList({ path: `${path}/cdrs`, empty: "No CDRs yet.", columns: [
    ["CDR", (c) => c.id], ["Start", (c) => when(c.start_date_time)], ["kWh", (c) => c.total_energy],
    ["Total", (c) => (c.total_cost ? `${c.total_cost.excl_vat} ${c.currency} excl. VAT` : "–")], ["", json],
  ] }),
  tokens: (path) => pagedList({ path: `${path}/tokens`, empty: "No tokens received from eMSPs yet.", columns: [
    ["Token", (t) => h("span", { class: "mono" }, t.uid)], ["Type", (t) => t.type], ["eMSP", owner],
    ["Valid", (t) => badge(t.valid ? "valid" : "BLOCKED")], ["Whitelist", (t) => t.whitelist], ["Updated", (t) => when(t.last_updated)],
  ] }),
};

function commandExample(party, type) {
  const token = { country_code: party.country_code, party_id: party.party_id, uid: "RFID0001", type: "RFID",
    contract_id: `${party.country_code}-${party.party_id}-C00000001`, issuer: party.name, valid: true, whitelist: "ALLOWED", last_updated: now() };
  return {
    START_SESSION: { location_id: "LOC1", evse_uid: "EVSE1", connector_id: "1", authorization_reference: `AUTH-${Date.now()}`, token },
    STOP_SESSION: { session_id: "SESSION-ID" },
    RESERVE_NOW: { token, expiry_date: new Date(Date.now() + 3600e3).toISOString(), reservation_id: "RES1", location_id: "LOC1", evse_uid: "EVSE1" },
    CANCEL_RESERVATION: { reservation_id: "RES1" },
    UNLOCK_CONNECTOR: { location_id: "LOC1", evse_uid: "EVSE1", connector_id: "1" },
  }[type];
}

function commandForm(path, party, list) {
  const type = select("type", COMMANDS, { "aria-label": "Command" });
  const cpo = input("cpo", { required: true, placeholder: "NL*CPO", "aria-label": "CPO", size: 8 });
  const text = h("textarea", { name: "body", spellcheck: "false", "aria-label": "Command body" });
  const fill = () => { text.value = JSON.stringify(commandExample(party, type.value), null, 2); };
  type.addEventListener("change", fill);
  fill();
  const element = h("form", { class: "card", id: "send-command" },
    h("div", { class: "inline" }, field("Command", type), field("To CPO", cpo)), h("label", {}, "Body (the platform sets response_url)"), text,
    h("button", { type: "submit", class: "primary" }, "Send command"));
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    await attempt(async () => {
      let body;
      try { body = JSON.parse(text.value); } catch (e) { throw new Error(`The JSON is not valid: ${e.message}`); }
      const sent = (await api("POST", `${path}/commands/${type.value}`, { ...body, cpo: cpo.value.trim() })).data;
      list.reload();
      return sent;
    }, "Command sent; its state below changes as the CPO answers.");
  });
  return element;
}

function tokenForm(path, party, list) {
  return form({ id: "create-token" }, [
    field("UID", input("uid", { required: true, placeholder: "RFID0001" })),
    field("Type", select("type", ["RFID", "APP_USER", "AD_HOC_USER", "OTHER"])),
    field("Contract id", input("contract_id", { required: true, placeholder: `${party.country_code}-${party.party_id}-C00000001` })),
    field("Whitelist", select("whitelist", ["ALLOWED", "ALLOWED_OFFLINE", "ALWAYS", "NEVER"])),
  ], "Issue token", async (v) => {
    await api("PUT", `${path}/tokens/${encodeURIComponent(v.uid)}?type=${v.type}`, { country_code: party.country_code, party_id: party.party_id,
      uid: v.uid, type: v.type, contract_id: v.contract_id, issuer: party.name, valid: true, whitelist: v.whitelist, last_updated: now() });
    list.reload();
    return true;
  }, "Token issued; CPOs that may see it get it pushed.");
}

const EMSP = {
  tokens: (path, party) => {
    const list = pagedList({ path: `${path}/tokens`, empty: "No tokens issued yet.", columns: [
      ["Token", (t) => h("span", { class: "mono" }, t.uid)], ["Type", (t) => t.type], ["Contract", (t) => t.contract_id],
      ["Valid", (t) => badge(t.valid ? "valid" : "BLOCKED")], ["Whitelist", (t) => t.whitelist], ["Updated", (t) => when(t.last_updated)],
      ["", (t) => t.valid ? h("button", { type: "button", class: "danger", onclick: () => {
        if (!window.confirm(`Block token ${t.uid}? CPOs will refuse it.`)) return;
        attempt(async () => { await api("PATCH", `${path}/tokens/${encodeURIComponent(t.uid)}?type=${t.type}`, { valid: false, last_updated: now() }); list.reload(); },
          `Token ${t.uid} blocked.`);
      } }, "Block") : ""],
    ] });
    return h("div", {}, list, h("h2", {}, "Issue a token"), h("div", { class: "card" }, tokenForm(path, party, list)));
  },
  commands: (path, party) => {
    const list = pagedList({ path: `${path}/commands`, empty: "No commands sent yet.", columns: [
      ["Command", (c) => h("span", { class: "mono" }, c.id)], ["Type", (c) => c.type], ["CPO", (c) => c.cpo],
      ["State", (c) => h("span", { class: "command-state" }, badge(c.state))],
      ["Response", (c) => c.response?.result ?? "–"], ["Result", (c) => c.result?.result ?? "–"],
      ["Why", (c) => c.reason ?? (c.late ? "late result" : "–")], ["Sent", (c) => when(c.created_at)],
    ] });
    return h("div", {}, h("h2", {}, "Send a command"), commandForm(path, party, list), list);
  },
  locations: (path) => pagedList({ path: `${path}/locations`, empty: "No locations received yet.", columns: [
    ["Location", (l) => h("strong", {}, l.id)], ["CPO", owner], ["Name", (l) => l.name ?? "–"], ["City", (l) => l.city ?? "–"],
    ["EVSEs", (l) => (l.evses ?? []).map((e) => h("div", { class: "evse" }, h("span", { class: "mono" }, e.uid), " ", badge(e.status)))],
    ["Updated", (l) => when(l.last_updated)],
  ] }),
  tariffs: (path) => pagedList({ path: `${path}/tariffs`, empty: "No tariffs received yet.", columns: [
    ["Tariff", (t) => t.id], ["CPO", owner], ["Currency", (t) => t.currency], ["Updated", (t) => when(t.last_updated)], ["", json],
  ] }),
  sessions: (path) => pagedList({ path: `${path}/sessions`, empty: "No sessions received yet.", columns: [
    ["Session", (s) => s.id], ["CPO", owner], ["Status", (s) => badge(s.status)], ["kWh", (s) => s.kwh], ["Started", (s) => when(s.start_date_time)], ["", json],
  ] }),
  cdrs: (path) => pagedList({ path: `${path}/cdrs`, empty: "No CDRs received yet.", columns: [
    ["CDR", (c) => c.id], ["CPO", owner], ["Total", (c) => (c.total_cost ? `${c.total_cost.excl_vat} ${c.currency}` : "–")],
    ["Audit", (c) => badge(c.audit?.result)], ["Why", (c) => c.audit?.reason ?? "–"], ["", json],
  ] }),
};
