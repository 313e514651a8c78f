// Parties (tenants): the list with the sub-operator hierarchy, create, edit; and each party's data per role.
import { api, get } from "./api.js";
import { h, badge, when, pagedList, form, field, input, select } from "./ui.js";
import { dataTabs } from "./data.js";

const ROLES = ["CPO", "EMSP", "NSP", "OTHER", "SCSP"];

const partyLink = (p) => h("a", { href: `#/parties/${p.country_code}/${p.party_id}` }, `${p.country_code}*${p.party_id}`);

const roleBoxes = (checked = []) =>
  h("fieldset", { class: "roles" }, h("legend", {}, "Roles"),
    ROLES.map((role) => h("label", {}, h("input", { type: "checkbox", name: "roles", value: role, checked: checked.includes(role) }), ` ${role}`)));

export async function partiesView() {
  const all = await get("/admin/parties?limit=1000");
  const list = pagedList({
    path: "/admin/parties",
    empty: "No party is hosted yet. Create the first one below.",
    columns: [
      ["Party", (p) => h("span", { class: p.parent ? "tree" : "" }, p.parent ? "↳ " : "", partyLink(p))],
      ["Name", (p) => p.name],
      ["Roles", (p) => p.roles.map(badge)],
      ["Parent", (p) => p.parent ?? "–"],
      ["Created", (p) => when(p.created_at)],
    ],
  });
  const create = form({ id: "create-party" }, [
    field("Country code", input("country_code", { required: true, maxlength: 2, size: 3, placeholder: "NL" })),
    field("Party id", input("party_id", { required: true, maxlength: 3, size: 4, placeholder: "ABC" })),
    field("Name", input("name", { required: true, placeholder: "ABC Charging" })),
    roleBoxes(["CPO"]),
    field("Parent (sub-operator of)", select("parent", [["", "none"], ...all.map((p) => [`${p.country_code}*${p.party_id}`, `${p.country_code}*${p.party_id} ${p.name}`])])),
  ], "Create party", async (v) => {
    await api("POST", "/admin/parties", { country_code: v.country_code, party_id: v.party_id, name: v.name, roles: v.$all("roles"), parent: v.parent || undefined });
    list.reload();
    return true;
  }, "Party created.");
  return h("div", {}, h("h1", {}, "Parties"), list, h("h2", {}, "Create a party"), h("div", { class: "card" }, create));
}

export async function partyView(cc, pid, role, tab) {
  const party = await get(`/admin/parties/${encodeURIComponent(cc)}/${encodeURIComponent(pid)}`);
  const key = `${party.country_code}*${party.party_id}`;
  const edit = form({ id: "edit-party" }, [
    field("Name", input("name", { required: true, value: party.name })),
    roleBoxes(party.roles),
  ], "Save", async (v) => {
    const saved = (await api("PATCH", `/admin/parties/${party.country_code}/${party.party_id}`, { name: v.name, roles: v.$all("roles") })).data;
    location.hash = `#/parties/${saved.country_code}/${saved.party_id}`;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    return true;
  }, "Party saved.");
  return h("div", {},
    h("p", {}, h("a", { href: "#/parties" }, "‹ Parties")),
    h("h1", {}, `${key} · ${party.name}`),
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("dl", { class: "facts" },
        h("dt", {}, "Roles"), h("dd", {}, party.roles.map(badge)),
        h("dt", {}, "Parent"), h("dd", {}, party.parent ?? "–"),
        h("dt", {}, "Created"), h("dd", {}, when(party.created_at)),
        h("dt", {}, "Updated"), h("dd", {}, when(party.updated_at)))),
      h("div", { class: "card" }, h("h2", {}, "Edit"), edit)),
    dataTabs(party, role, tab));
}
