// Every call the console makes goes through here: the admin API with the sign-in cookie, the session's antiforgery
// token on writes, and a problem's `detail` as the error a person reads.
let antiforgery = null;

async function token() {
  if (antiforgery) return antiforgery;
  const response = await fetch("/console/session", { credentials: "same-origin" });
  if (response.status === 401) { location.assign("/console/sign-in"); throw new Error("Signed out"); }
  antiforgery = (await response.json()).antiforgery_token;
  return antiforgery;
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-Console-Antiforgery"] = await token();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) { location.assign("/console/sign-in"); throw new Error("Your console session has ended; sign in again."); }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((data && (data.detail || data.title)) || `${response.status} ${response.statusText}`);
  const total = response.headers.get("X-Total-Count");
  return { data, total: total === null ? null : Number(total), status: response.status };
}

export const get = (path) => api("GET", path).then((r) => r.data);

export async function signOut() {
  await fetch("/console/sign-out", { method: "POST", credentials: "same-origin", headers: { "X-Console-Antiforgery": await token() } });
  location.assign("/console/sign-in");
}

/** A party key NL*ABC as its admin path segments NL/ABC. */
export const partyPath = (key) => key.split("*").map(encodeURIComponent).join("/");
