// Dyad view: a timeline of cooperation vs conflict between two actors, with drill-down.
import { api, bucketRange, clear, codeOptions, el, eventItem, fillSelect, initPage, QUAD, queryParams, showError } from "./common.js";

const $ = (id) => document.getElementById(id);
let chart = null;
let current = null;   // {a, b, interval, start, end, series}

function render(series) {
  const labels = series.buckets.map((b) => b.period);
  const datasets = [1, 2, 3, 4].map((q) => ({
    type: "bar", label: QUAD[q].label, quad: q, stack: "quad", backgroundColor: QUAD[q].color, yAxisID: "y",
    data: series.buckets.map((b) => (q >= 3 ? -1 : 1) * (b.quad[String(q)] || 0)),
  }));
  datasets.push({
    type: "line", label: "mean intensity", yAxisID: "y1", borderColor: "#1f5fbf", backgroundColor: "#1f5fbf",
    pointRadius: 2, tension: 0.2, spanGaps: true, data: series.buckets.map((b) => b.intensity),
  });
  if (chart) chart.destroy();
  chart = new Chart($("dyad-chart"), {
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "nearest", intersect: true },
      scales: {
        x: { stacked: true },
        y: { stacked: true, title: { display: true, text: "events (conflict < 0 < cooperation)" },
             ticks: { callback: (v) => Math.abs(v) } },
        y1: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "mean intensity" } },
      },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${Math.abs(ctx.raw ?? 0)}` } } },
      onClick: (_evt, elements) => {
        const hit = elements.find((e) => chart.data.datasets[e.datasetIndex].quad) || elements[0];
        if (hit) drill(hit.index, chart.data.datasets[hit.datasetIndex].quad);
      },
    },
  });
  window.__dyadChart = chart;   // used by the browser tests
  const total = series.buckets.reduce((s, b) => s + b.events, 0);
  $("series-summary").textContent =
    `${series.dyad[0]} – ${series.dyad[1]}: ${total} events in ${series.buckets.length} ${series.interval} periods` +
    (series.undated ? ` (${series.undated} with a coarser date not shown)` : "");
  $("series-summary").dataset.total = String(total);
}

async function drill(index, quad) {
  const bucket = current.series.buckets[index];
  if (!bucket) return;
  const range = bucketRange(bucket.period, current.interval);
  const params = { dyad: `${current.a},${current.b}`, start: range.start, end: range.end, quad_class: quad, limit: 25, order: "asc" };
  const list = clear($("drill-events"));
  $("drill-title").textContent = `${current.a} – ${current.b}, ${bucket.period}` + (quad ? `: ${QUAD[quad].label}` : "");
  $("drill-hint").textContent = "Loading…";
  try {
    const res = await api("/api/events", params);
    $("drill-hint").textContent = `${res.total} events` + (res.total > res.items.length ? `, first ${res.items.length} shown` : "");
    for (const ev of res.items) list.append(eventItem(ev));
    const link = $("drill-more");
    link.href = "/events?" + new URLSearchParams(Object.entries(params).filter(([k, v]) => v && k !== "limit" && k !== "order"));
    link.hidden = false;
  } catch (err) { showError(list, err); $("drill-hint").textContent = ""; }
}

async function load() {
  const a = $("code-a").value, b = $("code-b").value;
  const interval = $("interval").value, start = $("start").value, end = $("end").value;
  if (!a || !b) { $("series-summary").textContent = "No actor codes in the database yet."; return; }
  $("series-summary").textContent = "Loading…";
  try {
    const series = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, { interval, start, end });
    current = { a, b, interval, start, end, series };
    render(series);
    const url = new URLSearchParams({ a, b, interval });
    if (start) url.set("start", start);
    if (end) url.set("end", end);
    history.replaceState(null, "", "?" + url);
  } catch (err) { showError($("series-summary"), err); }
}

async function main() {
  initPage();
  const params = queryParams();
  try {
    const facets = await api("/api/facets");
    const opts = codeOptions(facets);
    const codes = new Set(opts.map((o) => o.value));
    let a = params.a, b = params.b;
    if (!a || !b) {
      const stats = await api("/api/stats");
      const top = (stats.top_dyads || [])[0];
      if (codes.has("USA") && codes.has("CHN")) { a = "USA"; b = "CHN"; }
      else if (top) { [a, b] = top.dyad; }
      else { a = opts[0]?.value; b = opts[1]?.value || a; }
    }
    fillSelect($("code-a"), opts, a);
    fillSelect($("code-b"), opts, b);
    if (params.interval) $("interval").value = params.interval;
    if (params.start) $("start").value = params.start;
    if (params.end) $("end").value = params.end;
  } catch (err) { showError($("series-summary"), err); return; }
  $("dyad-form").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  for (const id of ["code-a", "code-b", "interval"]) $(id).addEventListener("change", load);
  await load();
}

main();
