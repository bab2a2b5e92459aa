// Shared helpers of the dashboard.  Data from the API is only ever inserted with
// textContent / text nodes (see el()); never parsed as markup.

export const QUAD = {
  1: { label: "verbal cooperation", color: "#7cc49a" },
  2: { label: "material cooperation", color: "#2e8b57" },
  3: { label: "verbal conflict", color: "#ef8f7f" },
  4: { label: "material conflict", color: "#c0392b" },
};

/** Fetch JSON from the API; params with empty values are left out. */
export async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = JSON.stringify((await r.json()).detail); } catch (_e) { /* not JSON */ }
    throw new Error(`${r.status} ${detail}`);
  }
  return r.json();
}

/** Create an element: el("a", {href: "/x", class: "y"}, "text", childNode, ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

export function showError(node, err) {
  clear(node).append(el("p", { class: "error" }, `Could not load data: ${err.message || err}`));
}

/** Mark the current page in the navigation and show a one-line summary of the database. */
export async function initPage() {
  const here = window.location.pathname.replace(/\/$/, "") || "/";
  for (const a of document.querySelectorAll("header.top nav a")) {
    if ((a.getAttribute("href").replace(/\/$/, "") || "/") === here) a.setAttribute("aria-current", "page");
  }
  const box = document.querySelector("header.top .stats");
  if (!box) return;
  try {
    const f = await api("/api/facets");
    box.textContent = `${f.codes.length} actor codes · ${f.types.length} event types · ${f.sources.length} sources`;
  } catch (_e) { box.textContent = ""; }
}

/** Fill a <select> with options [{value, label}], keeping `selected` when present. */
export function fillSelect(select, options, selected, blank) {
  clear(select);
  if (blank !== undefined) select.append(el("option", { value: "" }, blank));
  for (const o of options) {
    const opt = el("option", { value: o.value }, o.label);
    if (o.value === selected) opt.selected = true;
    select.append(opt);
  }
}

export function codeOptions(facets) {
  return facets.codes.map((c) => ({ value: c.code, label: c.name && c.name !== c.code ? `${c.code} — ${c.name}` : c.code }));
}

/** Spans to highlight inside the event sentence, relative to the sentence start. */
export function sentenceSpans(ev) {
  const sentence = ev.sentence || "";
  const base = ev.evidence && ev.evidence.start >= 0 ? ev.evidence.start : 0;
  const spans = [];
  const add = (start, end, kind, title) => {
    if (start < 0 || end > sentence.length || end <= start) return;
    if (spans.some((s) => start < s.end && s.start < end)) return;   // keep the first of overlapping spans
    spans.push({ start, end, kind, title });
  };
  for (const [side, kind] of [["actors", "actor"], ["recipients", "recipient"]]) {
    for (const a of ev[side] || []) {
      if (a.start == null || a.start < 0) continue;
      let s = a.start - base, e = a.end - base;
      if (a.text && sentence.slice(s, e) !== a.text) {   // offsets disagree: fall back to the words
        const i = sentence.indexOf(a.text);
        if (i < 0) continue;
        s = i; e = i + a.text.length;
      }
      add(s, e, kind, `${kind}: ${a.name || a.text} (${a.code || "?"})`);
    }
  }
  if (ev.trigger) {
    const low = sentence.toLowerCase(), t = ev.trigger.toLowerCase();
    let i = low.indexOf(t);
    while (i >= 0) {
      const j = i + t.length;
      if (!spans.some((s) => i < s.end && s.start < j)) { add(i, j, "trigger", `trigger: ${ev.trigger}`); break; }
      i = low.indexOf(t, i + 1);
    }
  }
  return spans.sort((x, y) => x.start - y.start);
}

/** The sentence as a <p> with actor, recipient and trigger marked (text nodes only). */
export function highlightedSentence(ev) {
  const sentence = ev.sentence || "";
  const p = el("p", { class: "sentence" });
  let pos = 0;
  for (const s of sentenceSpans(ev)) {
    if (s.start > pos) p.append(document.createTextNode(sentence.slice(pos, s.start)));
    p.append(el("mark", { class: s.kind, title: s.title }, sentence.slice(s.start, s.end)));
    pos = s.end;
  }
  if (pos < sentence.length) p.append(document.createTextNode(sentence.slice(pos)));
  return p;
}

function actorLink(a) {
  const key = a.kb_id || a.code;
  const label = a.name || a.code || a.text || "?";
  return key ? el("a", { href: `/actor?key=${encodeURIComponent(key)}` }, label) : el("span", {}, label);
}

/** One event as a list item: evidence sentence + provenance. */
export function eventItem(ev) {
  const meta = el("div", { class: "meta" },
    el("span", { class: `badge q${ev.quad_class || 0}` }, ev.type),
    el("span", {}, ...joinNodes((ev.actors || []).map(actorLink)), " → ", ...joinNodes((ev.recipients || []).map(actorLink))),
    el("span", {}, ev.date || "no date"),
    el("span", {}, ev.source || "unknown source"),
    el("span", { title: "status" }, ev.status),
    el("span", { title: "confidence" }, `conf. ${ev.confidence ?? "?"}`),
    el("span", { title: "Goldstein" }, `G ${ev.goldstein ?? "–"}`),
    el("span", { class: "extractor", title: "extractor: the rule or model that coded this event" }, ev.extractor || ""),
  );
  const title = el("div", { class: "meta" },
    el("a", { href: `/api/articles/${encodeURIComponent(ev.article_id)}`, class: "article-title" }, ev.title || ev.article_id));
  return el("li", { class: "event", dataset: { eventId: ev.event_id } }, highlightedSentence(ev), meta, title);
}

function joinNodes(nodes, sep = ", ") {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
  return out.length ? out : ["?"];
}

/** The date range of a series bucket label ("2024", "2024-03", "2024-03-11" day or week). */
export function bucketRange(label, interval) {
  if (interval === "week") {
    const d = new Date(label + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 6);
    return { start: label, end: d.toISOString().slice(0, 10) };
  }
  return { start: label, end: label };
}

export function queryParams() { return Object.fromEntries(new URLSearchParams(window.location.search)); }
