"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const entries = new Map(DATA.index.map((e) => [e.id, e]));
const byId = new Map();
function take(payload) {
  for (const a of payload.articles) byId.set(a.id, a);
}
take(DATA);
const loading = new Map();
// A larger release keeps its records in parts beside the page: a script element loads
// one from the file system (fetch would need a server).
window.EXPLORER_PART = (n, payload) => { take(payload); (loading.get(n) || {}).done = true; };
function loadPart(n, then) {
  const state = loading.get(n);
  if (state && state.done) { then(); return; }
  if (state) { state.waiting.push(then); return; }
  const fresh = { done: false, waiting: [then] };
  loading.set(n, fresh);
  const script = document.createElement("script");
  script.src = DATA.parts_dir + "/part-" + String(n).padStart(5, "0") + ".js";
  script.onload = () => { fresh.done = true; for (const f of fresh.waiting) f(); };
  script.onerror = () => {
    const why = "Could not load " + script.src + ": keep its folder beside this page.";
    document.getElementById("main").replaceChildren(el("p", "bad", why));
  };
  document.head.append(script);
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
function typeName(t) { return t.replace(/_/g, " "); }
function strengthName(c) {
  return c.strength === null || c.strength === undefined
    ? "not rated" : c.strength + " " + DATA.strengths[c.strength];
}

function texts(cues) { return cues.map((q) => q.text).join(", "); }
function cueClass(q) { return q.cue_class.replace(/_/g, " "); }
function unrated(c) { return c.strength === null || c.strength === undefined; }
function entityTip(e) {
  return e.canonical + " · " + typeName(e.type) + " · " +
    (e.mesh_id ? "MeSH " + e.mesh_id : "no verified MeSH id");
}
function claimTip(c) {
  const parts = ["Claim · strength " + strengthName(c), c.hedged
    ? "hedged: " + c.hedge_cues.join(", ") : "not hedged"];
  if (c.boosters && c.boosters.length) parts.push("boosters: " + texts(c.boosters));
  if (c.negated) parts.push("negated");
  return parts.join(" · ");
}

const CUES = [["hedges", "cue-hedge", "hedge cue"], ["boosters", "cue-boost", "booster"],
  ["negations", "cue-neg", "negation"], ["relations", "cue-rel", "relation cue"]];

function renderClaim(c, chars) {
  const level = unrated(c) ? "n" : String(c.strength);
  const span = el("span", "claim " + (c.hedged ? "h" : "a") + " s" + level);
  span.title = claimTip(c);
  span.dataset.claim = c.id;
  const n = chars.length;
  const marks = [];
  for (const e of c.entities) marks.push({ s: e.start - c.start, e: e.end - c.start, ent: e });
  for (const [field, cls, name] of CUES) {
    for (const q of c[field] || []) {
      const detail = q.cue_class && q.cue_class !== "negation" ? " (" + cueClass(q) + ")" : "";
      marks.push({ s: q.start - c.start, e: q.end - c.start, cls: cls, tip: name + detail });
    }
  }
  const cuts = new Set([0, n]);
  for (const m of marks) {
    m.s = Math.max(0, Math.min(n, m.s));
    m.e = Math.max(m.s, Math.min(n, m.e));
    cuts.add(m.s);
    cuts.add(m.e);
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const text = chars.slice(a, b).join("");
    const on = marks.filter((m) => m.s <= a && m.e >= b && m.e > m.s);
    if (!on.length) { span.append(text); continue; }
    const piece = el("span", null, text);
    const classes = [], tips = [];
    for (const m of on) {
      if (m.ent) { classes.push("ent", "t-" + m.ent.type); tips.push(entityTip(m.ent)); }
      else { classes.push(m.cls); tips.push(m.tip); }
    }
    piece.className = classes.join(" ");
    piece.title = tips.join("\n");
    span.append(piece);
  }
  const badge = el("span", "badge s" + level, unrated(c) ? "?" : level);
  badge.title = "strength " + strengthName(c);
  span.append(badge);
  span.addEventListener("click", () => {
    inspect(c, span);
    try { history.replaceState(null, "", "#" + encodeURIComponent(c.id)); } catch (e) { /* */ }
  });
  return span;
}

function renderParagraph(text, offset, sentences, placed) {
  const p = el("p");
  const chars = Array.from(text);
  let pos = 0;
  if (offset !== null) {
    const inside = sentences.filter((s) => s.start >= offset && s.end <= offset + chars.length);
    for (const s of inside) {
      const a = s.start - offset, b = s.end - offset;
      if (a < pos) continue;
      const slice = chars.slice(a, b);
      if (slice.join("") !== s.text) continue;
      if (a > pos) p.append(chars.slice(pos, a).join(""));
      if (s.claim) {
        p.append(renderClaim(s.claim, slice));
      } else {
        const span = el("span", "nonclaim", s.text);
        span.title = "Not a claim: " + s.reason;
        p.append(span);
      }
      placed.add(s.key);
      pos = b;
    }
  }
  if (pos < chars.length) p.append(chars.slice(pos).join(""));
  return p;
}

function personLine(person) {
  const div = el("div", "person");
  const name = (person.honorific ? person.honorific + " " : "") + person.name +
    (person.credentials.length ? ", " + person.credentials.join(", ") : "");
  div.append(el("strong", null, name), " ", el("span", "role", "· " + (person.role_detail || person.role).replace("_", " ")));
  if (person.pseudonymous) {
    const flag = el("span", "flag", "pseudonym");
    flag.title = "The article says a pseudonym is used for this person";
    div.append(flag);
  }
  if (person.bio) {
    const details = el("details");
    details.append(el("summary", null, "bio"), el("p", null, person.bio));
    div.append(details);
  }
  return div;
}

function inspect(c, span) {
  for (const old of document.querySelectorAll(".claim.sel")) old.classList.remove("sel");
  if (span) span.classList.add("sel");
  const box = document.getElementById("inspect");
  box.replaceChildren();
  if (!c) return;
  const wrap = el("div", "inspect");
  wrap.append(el("strong", null, "Selected claim"), el("p", "quote", c.text));
  const dl = el("dl");
  const row = (k, v) => dl.append(el("dt", null, k), el("dd", null, v));
  row("id", c.id);
  row("strength", strengthName(c));
  const cues = c.hedges
    ? c.hedges.map((h) => h.text + " (" + cueClass(h) + ")") : c.hedge_cues;
  row("hedged", c.hedged ? "yes: " + cues.join(", ") : "no");
  if (c.boosters) row("boosters", texts(c.boosters) || "none");
  if (c.negated !== null && c.negated !== undefined) {
    row("negated", c.negated ? "yes: " + texts(c.negations || []) : "no");
  }
  if (c.relations) {
    const relations = c.relations.map((q) => q.text + " (" + cueClass(q) + ")");
    row("relations", relations.join(", ") || "none");
  }
  const mentions = el("dd", "mentions");
  for (const e of c.entities) {
    const line = el("div");
    line.append(el("span", "ent t-" + e.type, e.text), " → " + entityTip(e));
    mentions.append(line);
  }
  if (!c.entities.length) mentions.textContent = "none";
  dl.append(el("dt", null, "entities"), mentions);
  wrap.append(dl);
  box.append(wrap);
}

// -- search, filters and paging ----------------------------------------------------------

const FILTERS = ["f-text", "f-entity", "f-person", "f-type", "f-strength", "f-hedged",
  "f-asserted", "f-negated"];
function filters() {
  const value = (id) => document.getElementById(id);
  return {
    text: value("f-text").value.trim().toLowerCase(),
    entity: value("f-entity").value.trim().toLowerCase(),
    person: value("f-person").value.trim().toLowerCase(),
    type: value("f-type").value,
    strength: value("f-strength").value === "" ? null : Number(value("f-strength").value),
    hedged: value("f-hedged").checked,
    asserted: value("f-asserted").checked,
    negated: value("f-negated").checked,
  };
}
function has(list, needle) { return list.some((x) => x.toLowerCase().includes(needle)); }
// An article is listed when it has what every active filter asks for (any of its claims).
function articleMatches(e, f) {
  if (f.text && !(e.title.toLowerCase().includes(f.text) || e.id.toLowerCase().includes(f.text)
    || has(e.entities, f.text) || has(e.people, f.text))) return false;
  if (f.entity && !has(e.entities, f.entity)) return false;
  if (f.person && !has(e.people, f.person)) return false;
  if (f.type && !e.types.includes(f.type)) return false;
  if (f.strength !== null && !e.strengths.includes(f.strength)) return false;
  if (f.hedged && !e.hedged) return false;
  if (f.asserted && !e.asserted) return false;
  if (f.negated && !e.negated) return false;
  return true;
}
function claimFiltered(f) {
  return Boolean(f.text || f.entity || f.type || f.strength !== null || f.hedged || f.asserted
    || f.negated);
}
// Inside the open article, a claim is marked when it meets every claim-level filter at once.
function claimMatches(c, f) {
  const names = c.entities.flatMap((e) => [e.canonical, e.text]);
  if (f.text && !(c.text.toLowerCase().includes(f.text) || has(names, f.text))) return false;
  if (f.entity && !has(names, f.entity)) return false;
  if (f.type && !c.entities.some((e) => e.type === f.type)) return false;
  if (f.strength !== null && c.strength !== f.strength) return false;
  if (f.hedged && !c.hedged) return false;
  if (f.asserted && c.hedged) return false;
  if (f.negated && !c.negated) return false;
  return true;
}

const PAGE_SIZE = DATA.page_size;
let page = 0;
let current = null;
function renderList() {
  const f = filters();
  const found = DATA.index.filter((e) => articleMatches(e, f));
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  page = Math.min(page, pages - 1);
  const list = document.getElementById("list");
  list.replaceChildren();
  for (const e of found.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
    const li = el("li");
    const button = el("button", null, e.title);
    button.type = "button";
    button.dataset.id = e.id;
    button.setAttribute("aria-current", String(e.id === current));
    button.append(el("span", "meta", plural(e.claims, "claim") + " · " + e.hedged + " hedged"));
    button.addEventListener("click", () => { location.hash = encodeURIComponent(e.id); });
    li.append(button);
    list.append(li);
  }
  const first = found.length ? page * PAGE_SIZE + 1 : 0;
  document.getElementById("count").textContent = found.length === DATA.index.length
    ? first + "–" + Math.min(found.length, (page + 1) * PAGE_SIZE) + " of " + found.length
    : found.length + " of " + DATA.index.length + " match" +
      (pages > 1 ? " · page " + (page + 1) + "/" + pages : "");
  document.getElementById("prev").disabled = page === 0;
  document.getElementById("next").disabled = page >= pages - 1;
}
function markClaims() {
  const f = filters();
  const a = byId.get(current);
  const note = document.getElementById("matches");
  if (!a || !note) return;
  let hits = 0;
  for (const c of a.claims) {
    const span = document.querySelector('[data-claim="' + CSS.escape(c.id) + '"]');
    const on = !claimFiltered(f) || claimMatches(c, f);
    hits += on;
    if (span) span.classList.toggle("dim", !on);
  }
  note.textContent = claimFiltered(f) ? hits + " of " + plural(a.claims.length, "claim") +
    " match the filters" : "";
}
function refilter() { page = 0; renderList(); markClaims(); }
for (const id of FILTERS) {
  const input = document.getElementById(id);
  input.addEventListener("input", refilter);
  input.addEventListener("change", refilter);
}
document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
document.getElementById("prev").addEventListener("click", () => { page -= 1; renderList(); });
document.getElementById("next").addEventListener("click", () => { page += 1; renderList(); });

function show(id) {
  const entry = entries.get(id) || DATA.index[0];
  if (entry && !byId.has(entry.id)) { loadPart(entry.part, () => show(entry.id)); return; }
  const a = entry ? byId.get(entry.id) : undefined;
  current = a ? a.id : null;
  for (const b of document.querySelectorAll("#list button")) {
    b.setAttribute("aria-current", String(b.dataset.id === current));
  }
  const main = document.getElementById("main");
  main.replaceChildren();
  inspect(null);
  if (!a) { main.append(el("p", null, "This release has no articles.")); return; }
  const art = el("article");
  art.append(el("h2", null, a.title));
  const entities = a.claims.reduce((n, c) => n + c.entities.length, 0);
  const hedged = a.claims.filter((c) => c.hedged).length;
  const sub = el("p", "sub");
  sub.append(el("code", null, a.id), " · " + a.source.path + " · " +
    plural(a.claims.length, "claim") + " (" + hedged + " hedged) · " +
    plural(entities, "entity mention"));
  art.append(sub);
  const matches = el("p", "matches");
  matches.id = "matches";
  art.append(matches);
  if (a.people.length) {
    const box = el("section", "box");
    box.append(el("h3", null, "People"));
    const list = el("div", "people");
    for (const person of a.people) list.append(personLine(person));
    box.append(list);
    art.append(box);
  }
  if (a.links.length) {
    const box = el("section", "box");
    box.append(el("h3", null, "Links (navigation and promotion, not body text)"));
    const list = el("ul", "links");
    for (const link of a.links) {
      const li = el("li");
      li.title = link.sentence;
      li.append(el("span", "kind", link.kind), link.text, " ",
        el("span", "url", link.url ? link.url : "(no URL given)"));
      list.append(li);
    }
    box.append(list);
    art.append(box);
  }
  const sentences = [
    ...a.claims.map((c) => ({ key: "c" + c.id, claim: c,
      start: c.start, end: c.end, text: c.text, section: c.section })),
    ...(a.non_claims || []).map((s, i) => ({ key: "n" + i, reason: s.reason,
      start: s.start, end: s.end, text: s.text, section: s.section })),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  const placed = new Set();
  const body = el("div", "body");
  a.sections.forEach((section, si) => {
    if (section.heading !== null) body.append(el("h3", null, section.heading));
    // Where each paragraph starts in the raw text (schema 1.3.0); without it, plain text.
    const spans = section.paragraph_spans || [];
    section.paragraphs.forEach((text, pi) => {
      const offset = spans[pi] ? spans[pi].start : null;
      body.append(renderParagraph(text, offset, sentences.filter((s) => s.section === si), placed));
    });
  });
  art.append(body);
  const lost = sentences.filter((s) => s.claim && !placed.has(s.key));
  if (lost.length) {
    const box = el("section", "box bad");
    box.append(el("h3", null, "Claims not found in the body text"));
    for (const s of lost) box.append(renderParagraph(s.text, s.start, [s], placed));
    art.append(box);
  }
  main.append(art);
  main.scrollTop = 0;
  markClaims();
}

// "#<article id>" opens an article; "#<claim id>" (article id, ":", span) also selects a claim.
function route() {
  const target = decodeURIComponent(location.hash.slice(1));
  const article = entries.has(target) ? target : target.split(":")[0];
  const entry = entries.get(article);
  if (entry && !byId.has(article)) { loadPart(entry.part, route); return; }
  show(article);
  if (target === article) return;
  const a = byId.get(article);
  const claim = a ? a.claims.find((c) => c.id === target) : undefined;
  const span = document.querySelector('[data-claim="' + CSS.escape(target) + '"]');
  if (claim && span) {
    inspect(claim, span);
    span.scrollIntoView({ block: "center" });
  }
}
window.addEventListener("hashchange", route);
renderList();
route();
