// Event explorer: filters -> /api/events, each event with its highlighted evidence sentence.
import { api, clear, el, eventItem, fillSelect, initPage, QUAD, queryParams, showError } from "./common.js";

const $ = (id) => document.getElementById(id);
const FIELDS = ["actor", "dyad", "type", "quad_class", "start", "end", "source", "status", "topic", "q"];
const PAGE = 25;
let offset = 0;

function formValues() {
  const form = $("event-form");
  const out = {};
  for (const f of FIELDS) { const v = (form.elements[f].value || "").trim(); if (v) out[f] = v; }
  return out;
}

async function search() {
  const filters = formValues();
  const list = clear($("event-list"));
  $("result-count").textContent = "Loading…";
  try {
    const res = await api("/api/events", { ...filters, limit: PAGE, offset });
    $("result-count").textContent = `${res.total} events match`;
    $("result-count").dataset.total = String(res.total);
    for (const ev of res.items) list.append(eventItem(ev));
    if (!res.items.length) list.append(el("li", { class: "muted" }, "No events match these filters."));
    $("page-info").textContent = res.total ? `${offset + 1}–${offset + res.items.length} of ${res.total}` : "";
    $("prev").disabled = offset === 0;
    $("next").disabled = offset + res.items.length >= res.total;
    const url = new URLSearchParams(filters);
    if (offset) url.set("offset", offset);
    history.replaceState(null, "", "?" + url);
  } catch (err) { showError(list, err); $("result-count").textContent = ""; }
}

async function main() {
  initPage();
  const params = queryParams();
  try {
    const f = await api("/api/facets");
    const opts = (xs) => xs.map((x) => ({ value: x, label: x }));
    fillSelect($("f-type"), opts(f.types), params.type, "any");
    fillSelect($("f-quad"), Object.entries(QUAD).map(([k, v]) => ({ value: k, label: `${k} ${v.label}` })), params.quad_class, "any");
    fillSelect($("f-source"), opts(f.sources), params.source, "any");
    fillSelect($("f-status"), opts(f.statuses), params.status, "any");
    fillSelect($("f-topic"), opts(f.topics), params.topic, "any");
  } catch (err) { showError($("event-list"), err); }
  const form = $("event-form");
  for (const k of ["actor", "dyad", "start", "end", "q"]) if (params[k]) form.elements[k].value = params[k];
  offset = Number(params.offset || 0);
  form.addEventListener("submit", (e) => { e.preventDefault(); offset = 0; search(); });
  $("f-reset").addEventListener("click", () => { form.reset(); for (const s of form.querySelectorAll("select")) s.value = ""; offset = 0; search(); });
  $("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); search(); });
  $("next").addEventListener("click", () => { offset += PAGE; search(); });
  await search();
}

main();
