// The console's shell: a hash router over the views, the sign-out button, and the current tab in the navigation.
import { signOut } from "./api.js";
import { h, resetLive, clearFlash } from "./ui.js";
import { partiesView, partyView } from "./parties.js";
import { connectionsView, connectionView } from "./connections.js";
import { deliveriesView } from "./deliveries.js";

const routes = [
  [/^#\/parties\/([^/]+)\/([^/]+)(?:\/([a-z]+)\/([a-z_]+))?$/, (m) => partyView(decodeURIComponent(m[1]), decodeURIComponent(m[2]), m[3], m[4])],
  [/^#\/parties$/, () => partiesView()],
  [/^#\/connections\/([^/]+)$/, (m) => connectionView(decodeURIComponent(m[1]))],
  [/^#\/connections$/, () => connectionsView()],
  [/^#\/deliveries$/, () => deliveriesView()],
];

async function show() {
  const hash = location.hash || "#/parties";
  resetLive();
  clearFlash();
  for (const link of document.querySelectorAll("#nav a")) link.classList.toggle("current", hash.startsWith(link.getAttribute("href")));
  const view = document.getElementById("view");
  const route = routes.find(([pattern]) => pattern.test(hash));
  if (!route) { view.replaceChildren(h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/parties" }, "Back to the parties"))); return; }
  try {
    view.replaceChildren(await route[1](hash.match(route[0])));
  } catch (error) {
    view.replaceChildren(h("h1", {}, "Could not load this page"), h("p", { class: "error" }, error.message));
  }
}

document.getElementById("sign-out").addEventListener("click", signOut);
window.addEventListener("hashchange", show);
show();
