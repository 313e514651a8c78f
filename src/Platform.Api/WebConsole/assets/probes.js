// Conformance probes of a connection's peer (issue 21) on the connection's page: the list newest first with its counts,
// running one (read-only unless writes are asked for, all modules unless some are picked), one report's checks with
// their evidence, and the report as the admin API answers it, downloaded as JSON to send to the partner.
import { api, get } from "./api.js";
import { h, badge, when, pagedList, form, flash, table, onLive } from "./ui.js";

/** The modules the probe checks (StartProbe's list); versions and credentials are always checked. */
const modules = ["locations", "tariffs", "sessions", "cdrs", "tokens", "commands"];

const counts = (s) => h("span", { class: "probe-counts" },
  badge(`${s?.pass ?? 0} pass`, "pass"), " ", badge(`${s?.warn ?? 0} warn`, "warn"), " ",
  badge(`${s?.fail ?? 0} fail`, "fail"), " ", badge(`${s?.skipped ?? 0} skipped`, "skipped"));

const excerpt = (label, text) => (text ? h("details", {}, h("summary", {}, label), h("pre", {}, text)) : null);

/** Saves the report exactly as the admin API gave it, named for the connection and the probe. */
function download(connection, report) {
  const blob = new Blob([JSON.stringify(report, null, 2)], { type: "application/json" });
  const link = h("a", { href: URL.createObjectURL(blob), download: `probe-${connection.name.replace(/[^A-Za-z0-9_-]+/g, "_")}-${report.id}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** One probe's report in `area`; while it runs it is read again with the page's live lists, until another is shown. */
function reportView(connection, path, probeId, area) {
  area.dataset.probe = probeId;
  let running = true;
  async function reload() {
    if (!running || area.dataset.probe !== probeId || !area.isConnected) return;
    let report;
    try {
      report = await get(`${path}/probes/${encodeURIComponent(probeId)}`);
    } catch (error) {
      area.replaceChildren(h("p", { class: "error" }, error.message));
      return;
    }
    if (area.dataset.probe !== probeId) return;
    running = report.state === "running";
    area.replaceChildren(h("section", { class: "card", id: "probe-report", "aria-label": "Probe report" },
      h("h3", {}, "Probe report ", badge(report.state), " ", counts(report.summary)),
      h("p", { class: "muted" }, "Started ", when(report.started_at), ", finished ", when(report.finished_at), `, OCPI ${report.version ?? "–"}. Id `,
        h("span", { class: "mono" }, report.id)),
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => download(connection, report) }, "Download JSON"),
        h("button", { type: "button", class: "quiet", onclick: () => { area.dataset.probe = ""; area.replaceChildren(); } }, "Close")),
      table([
        ["Check", (c) => c.name], ["Module", (c) => c.module], ["Result", (c) => badge(c.result)],
        ["Spec", (c) => h("span", { class: "muted" }, c.spec)], ["Detail", (c) => c.detail],
        ["Evidence", (c) => [excerpt("Request", c.request), excerpt("Response", c.response)]],
      ], report.checks ?? [], running ? "Running: the checks appear when it is done." : "No checks.")));
  }
  reload();
  onLive(reload);
}

/** The probes section of a connection's page; only a registered remote connection can be probed. */
export function probesSection(connection, path) {
  const report = h("div", { id: "probe-report-area" });
  const show = (id) => reportView(connection, path, id, report);
  const list = pagedList({
    title: "Conformance probes",
    path: `${path}/probes`,
    empty: "No probes yet: run one before going live with this partner.",
    columns: [
      ["Started", (p) => when(p.started_at)], ["State", (p) => badge(p.state)], ["Version", (p) => p.version ?? "–"],
      ["Checks", (p) => counts(p.summary)],
      ["", (p) => h("button", { type: "button", onclick: () => show(p.id) }, "Report")],
    ],
  });
  const probeable = connection.kind !== "internal" && connection.state === "registered";
  const run = form({ id: "run-probe" }, [
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "writes", value: "true" }),
      " Writes: PUT, PATCH and retire test objects at the partner"),
    h("fieldset", { class: "roles" }, h("legend", {}, "Modules (none picked: all)"),
      modules.map((m) => h("label", {}, h("input", { type: "checkbox", name: "modules", value: m }), ` ${m}`))),
  ], "Run probe", async (v) => {
    const writes = v.writes === "true";
    if (writes && !window.confirm("Run the write checks? They create, change and retire test objects at the partner; "
      + "run them only against a test party the partner agreed to.")) return undefined;
    const picked = v.$all("modules");
    const started = (await api("POST", `${path}/probe`, { writes, modules: picked.length ? picked : null })).data;
    flash(`Probe started (${writes ? "with writes" : "read-only"}${picked.length ? `: ${picked.join(", ")}` : ""}).`);
    list.reload();
    show(started.id);
    return true;
  });
  return h("section", { id: "probes" },
    list,
    probeable
      ? h("div", { class: "card" }, h("h3", {}, "Run a probe"),
        h("p", { class: "muted" }, "Checks the peer against OCPI: read-only unless writes are ticked; versions and credentials are always checked."), run)
      : h("p", { class: "muted" }, "Only a registered connection to a remote peer can be probed."),
    report);
}
