// Actor page: offices held over time (knowledge base), events by type, partners, quotes.
import { api, clear, el, initPage, queryParams, showError } from "./common.js";

const $ = (id) => document.getElementById(id);
let typeChart = null;

function rolesTimeline(roles) {
  const box = clear($("roles"));
  if (!roles.length) { box.append(el("p", { class: "muted small" }, "No offices recorded in the knowledge base.")); return; }
  const today = new Date().toISOString().slice(0, 10);
  const t = (d) => new Date((d || today) + (d && d.length === 4 ? "-01-01" : d && d.length === 7 ? "-01" : "")).getTime();
  const starts = roles.map((r) => t(r.start || r.end || today)), ends = roles.map((r) => t(r.end || today));
  const lo = Math.min(...starts), hi = Math.max(...ends, lo + 86400000);
  for (const r of roles) {
    const s = t(r.start || r.end || today), e = t(r.end || today);
    const bar = el("div", { class: "bar", title: `${r.start || "?"} – ${r.end || "present"}` });
    bar.style.left = `${((s - lo) / (hi - lo)) * 100}%`;
    bar.style.width = `${Math.max(0.8, ((e - s) / (hi - lo)) * 100)}%`;
    box.append(el("div", { class: "row role" },
      el("span", {}, `${r.title || r.office}${r.country ? ` (${r.country})` : ""}`, el("br"),
        el("span", { class: "muted" }, `${r.start || "?"} – ${r.end || "present"}`)),
      el("div", { class: "track" }, bar)));
  }
  box.append(el("div", { class: "axis" }, el("span", {}, new Date(lo).toISOString().slice(0, 10)),
    el("span", {}, new Date(hi).toISOString().slice(0, 10))));
}

function partnersTable(p, prof) {
  const table = clear($("partners"));
  table.append(el("tr", {}, el("th", {}, "partner"), el("th", {}, "code"), el("th", { class: "num" }, "events"), el("th", {}, "")));
  for (const x of p) {
    const key = x.kb_id || x.code;
    const dyad = prof.code && x.code && x.code !== prof.code
      ? el("a", { href: `/?a=${encodeURIComponent(prof.code)}&b=${encodeURIComponent(x.code)}` }, "dyad") : "";
    table.append(el("tr", {},
      el("td", {}, key ? el("a", { href: `/actor?key=${encodeURIComponent(key)}` }, x.name || x.code) : (x.name || "?")),
      el("td", {}, x.code || ""), el("td", { class: "num" }, String(x.events)), el("td", {}, dyad)));
  }
  if (!p.length) table.append(el("tr", {}, el("td", { class: "muted" }, "No partners yet.")));
}

function quotesList(qs) {
  const box = clear($("quotes"));
  if (!qs.length) { box.append(el("p", { class: "muted small" }, "No quotes attributed.")); return; }
  for (const q of qs) {
    box.append(el("blockquote", {}, el("p", { class: "quote-text" }, q.kind === "direct" ? `“${q.text}”` : q.text),
      el("div", { class: "muted small" }, `${q.speaker || ""} ${q.cue || ""} · ${q.date || ""} · ${q.source || ""} · `,
        el("a", { href: `/api/articles/${encodeURIComponent(q.article_id)}` }, q.title || q.article_id))));
  }
}

async function show(key) {
  try {
    const prof = await api(`/api/actors/${encodeURIComponent(key)}`);
    $("profile").hidden = false;
    $("actor-name").textContent = prof.name || key;
    const ev = prof.events;
    $("actor-summary").textContent = [
      prof.kind, prof.code, prof.sector,
      `${ev.total} events (${ev.as_actor} as actor, ${ev.as_recipient} as recipient)`,
      prof.first_date ? `${prof.first_date} – ${prof.last_date}` : null,
      prof.aliases && prof.aliases.length ? `also: ${prof.aliases.slice(0, 6).join(", ")}` : null,
    ].filter(Boolean).join(" · ");
    rolesTimeline(prof.roles || []);
    partnersTable(prof.partners || [], prof);
    quotesList(prof.quotes || []);
    if (typeChart) typeChart.destroy();
    const types = Object.entries(ev.by_type || {});
    typeChart = new Chart($("type-chart"), {
      type: "bar",
      data: { labels: types.map((t) => t[0]), datasets: [{ label: "events", data: types.map((t) => t[1]), backgroundColor: "#1f5fbf", maxBarThickness: 28 }] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
    });
    history.replaceState(null, "", `?key=${encodeURIComponent(key)}`);
  } catch (err) {
    $("profile").hidden = true;
    $("actor-name").textContent = "Actor";
    showError($("actor-hits"), err);
  }
}

async function find(q) {
  const box = clear($("actor-hits"));
  try {
    const res = await api("/api/actors", { q });
    if (!res.items.length) { box.append(el("span", { class: "muted" }, "No actor matches.")); return; }
    for (const a of res.items) {
      const key = a.kb_id || a.code || a.key;
      box.append(el("a", { href: `/actor?key=${encodeURIComponent(key)}`, onclick: (e) => { e.preventDefault(); show(key); } },
        `${a.name || a.code} (${a.code || "?"}, ${a.kind || "actor"})`));
    }
    if (res.items.length === 1) show(res.items[0].kb_id || res.items[0].code || res.items[0].key);
  } catch (err) { showError(box, err); }
}

function main() {
  initPage();
  const { key } = queryParams();
  $("actor-form").addEventListener("submit", (e) => { e.preventDefault(); const q = $("actor-q").value.trim(); if (q) find(q); });
  if (key) { $("actor-q").value = key; show(key); }
}

main();
