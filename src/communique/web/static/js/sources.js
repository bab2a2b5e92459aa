// Source comparison: how each outlet reports one dyad (share of each quad class, mean Goldstein).
import { api, clear, codeOptions, el, fillSelect, initPage, QUAD, queryParams, showError } from "./common.js";

const $ = (id) => document.getElementById(id);
let chart = null;

async function load() {
  const a = $("s-a").value, b = $("s-b").value;
  if (!a || !b) return;
  $("src-summary").textContent = "Loading…";
  try {
    const res = await api("/api/sources/compare", { dyad: `${a},${b}`, start: $("s-start").value, end: $("s-end").value });
    const srcs = res.sources;
    $("src-summary").textContent = `${a} – ${b}: ${srcs.length} sources, ${srcs.reduce((s, x) => s + x.events, 0)} events`;
    if (chart) chart.destroy();
    chart = new Chart($("src-chart"), {
      type: "bar",
      data: {
        labels: srcs.map((s) => s.source),
        datasets: [1, 2, 3, 4].map((q) => ({ label: QUAD[q].label, backgroundColor: QUAD[q].color,
          data: srcs.map((s) => (s.events ? (100 * (s.quad[String(q)] || 0)) / s.events : 0)) })),
      },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, max: 100, title: { display: true, text: "% of the outlet's events" } }, y: { stacked: true } } },
    });
    const table = clear($("src-table"));
    table.append(el("tr", {}, el("th", {}, "source"), el("th", { class: "num" }, "events"),
      ...[1, 2, 3, 4].map((q) => el("th", { class: "num" }, QUAD[q].label)), el("th", { class: "num" }, "mean Goldstein"), el("th", {}, "")));
    for (const s of srcs) {
      const link = new URLSearchParams({ dyad: `${a},${b}`, source: s.source });
      table.append(el("tr", {}, el("td", {}, s.source), el("td", { class: "num" }, String(s.events)),
        ...[1, 2, 3, 4].map((q) => el("td", { class: "num" }, String(s.quad[String(q)] || 0))),
        el("td", { class: "num" }, s.goldstein === null ? "–" : s.goldstein.toFixed(2)),
        el("td", {}, el("a", { href: "/events?" + link }, "events"))));
    }
    history.replaceState(null, "", "?" + new URLSearchParams({ a, b }));
  } catch (err) { showError($("src-summary"), err); }
}

async function main() {
  initPage();
  const p = queryParams();
  try {
    const f = await api("/api/facets");
    const opts = codeOptions(f);
    const has = new Set(opts.map((o) => o.value));
    fillSelect($("s-a"), opts, p.a || (has.has("USA") ? "USA" : opts[0]?.value));
    fillSelect($("s-b"), opts, p.b || (has.has("CHN") ? "CHN" : opts[1]?.value));
  } catch (err) { showError($("src-summary"), err); return; }
  $("src-form").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  await load();
}

main();
