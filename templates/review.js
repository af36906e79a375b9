// The review page's only script: opens cited sources beside the brief, evidence marked.
// Source text is only ever set as text (never parsed as HTML), so it stays inert.
"use strict";
const SOURCES = JSON.parse(document.getElementById("brief-sources").textContent);

function sourceText(source, spans) {
  // The cleaned text as text nodes, each evidence span (UTF-16 offsets) in a <mark>.
  const body = document.createElement("div");
  body.className = "source-text";
  const merged = spans.slice().sort((a, b) => a[0] - b[0]).reduce((out, span) => {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
    return out;
  }, []);
  let at = 0;
  for (const [start, end] of merged) {
    body.append(source.text.slice(at, start));
    const mark = document.createElement("mark");
    mark.className = "evidence";
    mark.textContent = source.text.slice(start, end);
    body.append(mark);
    at = end;
  }
  body.append(source.text.slice(at));
  return body;
}

function removedLines(source, open) {
  // What ingest removed from this source's page, struck through, each with its reason.
  const box = document.createElement("details");
  box.className = "removed";
  box.open = open;
  const summary = document.createElement("summary");
  summary.textContent = source.removed.length
    ? `${source.removed.length} line(s) removed by ingest`
    : "Nothing was removed by ingest";
  box.append(summary);
  for (const line of source.removed) {
    const row = document.createElement("p");
    const struck = document.createElement("del");
    struck.textContent = line.text;
    const why = document.createElement("span");
    why.className = "reason";
    why.textContent = ` (${line.reason})`;
    row.append(struck, why);
    box.append(row);
  }
  return box;
}

function viewer(number, spans, label, showRemoved) {
  const source = SOURCES[number];
  const panel = document.createElement("section");
  panel.className = "viewer";
  panel.dataset.source = number;
  const head = document.createElement("header");
  head.textContent = `${label ? label + " · " : ""}[${number}] ${source.title || source.id}`;
  const where = document.createElement("div");
  where.className = "origin";
  where.textContent = [source.outlet, source.date, source.path].filter(Boolean).join(" · ");
  const scroller = document.createElement("div");
  scroller.className = "scroller";
  scroller.append(sourceText(source, spans), removedLines(source, showRemoved));
  panel.append(head, where, scroller);
  return panel;
}

function show(entries) {
  // One viewer per entry ({number, spans, label}), side by side; each scrolled to its
  // first evidence.
  const pane = document.getElementById("viewers");
  pane.replaceChildren(...entries.map((e) => viewer(e.number, e.spans, e.label, e.removed)));
  pane.dataset.count = entries.length;
  for (const panel of pane.children) {
    const first = panel.querySelector("mark.evidence");
    const scroller = panel.querySelector(".scroller");
    if (first) {
      first.classList.add("current");
      scroller.scrollTop = first.offsetTop - scroller.clientHeight / 3;  // .scroller is positioned
    } else {
      scroller.scrollTop = 0;
    }
  }
  document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
}

document.addEventListener("click", (event) => {
  const cite = event.target.closest("[data-cite]");
  const compare = event.target.closest("[data-compare]");
  if (cite) {
    event.preventDefault();
    show([{ number: cite.dataset.cite, spans: JSON.parse(cite.dataset.spans),
            removed: cite.hasAttribute("data-full") }]);
    cite.classList.add("active");
  } else if (compare) {
    event.preventDefault();
    show(JSON.parse(compare.dataset.compare));
    compare.closest(".conflict").classList.add("active");
  }
});
