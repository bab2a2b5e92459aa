// Network view: actor codes on a circle (busiest first), edges weighted by events, drawn in SVG.
import { api, clear, fillSelect, initPage, queryParams, showError } from "./common.js";

const $ = (id) => document.getElementById(id);
const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
}

function colour(g) {
  if (g === null || g === undefined) return "#8a96a3";
  const t = Math.max(-1, Math.min(1, g / 10));
  return t >= 0 ? `rgb(${Math.round(120 - 90 * t)},${Math.round(140 + 40 * t)},${Math.round(120 - 40 * t)})`
    : `rgb(${Math.round(150 - 50 * t)},${Math.round(110 + 60 * t)},${Math.round(100 + 40 * t)})`;
}

function draw(net) {
  const box = clear($("network"));
  const w = box.clientWidth || 900, h = box.clientHeight || 640;
  box.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const nodes = net.nodes, n = nodes.length;
  const r = Math.min(w, h) / 2 - 60, cx = w / 2, cy = h / 2;
  const pos = new Map();
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n) - Math.PI / 2;
    pos.set(node.code, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), a });
  });
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  const maxN = Math.max(1, ...nodes.map((x) => x.events));
  const edges = svg("g", { class: "edges" });
  for (const e of net.edges) {
    const p = pos.get(e.source), q = pos.get(e.target);
    const line = svg("line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: colour(e.goldstein),
      "stroke-width": (0.5 + 7 * (e.events / maxE)).toFixed(2), "stroke-opacity": 0.65, "data-dyad": `${e.source},${e.target}` });
    line.append(svg("title", {}, `${e.source} – ${e.target}: ${e.events} events, mean Goldstein ${e.goldstein ?? "–"}`));
    line.addEventListener("click", () => {
      const params = new URLSearchParams({ dyad: `${e.source},${e.target}` });
      if ($("n-start").value) params.set("start", $("n-start").value);
      if ($("n-end").value) params.set("end", $("n-end").value);
      window.location.href = "/events?" + params;
    });
    edges.append(line);
  }
  box.append(edges);
  const g = svg("g", { class: "nodes" });
  for (const node of nodes) {
    const p = pos.get(node.code);
    const c = svg("circle", { cx: p.x, cy: p.y, r: (4 + 14 * Math.sqrt(node.events / maxN)).toFixed(1), fill: "#1f5fbf", "data-code": node.code });
    c.append(svg("title", {}, `${node.code}: ${node.events} events`));
    c.addEventListener("click", () => { window.location.href = `/actor?key=${encodeURIComponent(node.code)}`; });
    g.append(c);
    const lx = cx + (r + 26) * Math.cos(p.a), ly = cy + (r + 26) * Math.sin(p.a);
    g.append(svg("text", { x: lx, y: ly + 4, "text-anchor": "middle" }, node.code));
  }
  box.append(g);
}

async function load() {
  const params = { start: $("n-start").value, end: $("n-end").value, type: $("n-type").value,
    min_events: $("n-min").value, limit: $("n-limit").value };
  $("net-summary").textContent = "Loading…";
  try {
    const net = await api("/api/network", params);
    $("net-summary").textContent = `${net.nodes.length} actors, ${net.edges.length} pairs` +
      (params.start || params.end ? ` between ${params.start || "the beginning"} and ${params.end || "now"}` : "");
    draw(net);
    history.replaceState(null, "", "?" + new URLSearchParams(Object.entries(params).filter(([, v]) => v)));
  } catch (err) { showError($("net-summary"), err); }
}

async function main() {
  initPage();
  const p = queryParams();
  try {
    const f = await api("/api/facets");
    fillSelect($("n-type"), f.types.map((t) => ({ value: t, label: t })), p.type, "any");
  } catch (_e) { /* the menu stays empty */ }
  for (const [k, id] of [["start", "n-start"], ["end", "n-end"], ["min_events", "n-min"], ["limit", "n-limit"]]) if (p[k]) $(id).value = p[k];
  $("net-form").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  await load();
}

main();
