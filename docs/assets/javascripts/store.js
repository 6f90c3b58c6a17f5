/* store.js: owns the one localStorage key "flguide:progress" ({version, questions, checklist}),
   the Leitner schedule, and the helpers the other quiz scripts share (window.FLQ): page mounting
   on Material's document$, element building, live announcements, bank loading, filters, and the
   export / import / reset panel, and loading the bank's index and each topic's answers. Never throws on bad stored data: it warns and starts fresh. */
(() => {
  const KEY = "flguide:progress", VERSION = 1, DAY = 864e5, INTERVALS = [0, 1, 3, 7, 14];
  const GRADES = { know: "Knew it", partly: "Partly", dont: "Didn't know" };
  const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const fresh = () => ({ version: VERSION, questions: {}, checklist: {} });
  const listeners = {};
  let memory = null; // used only when localStorage is unavailable

  function clean(data) { // a valid state, or null
    if (!isObj(data) || data.version !== VERSION || !isObj(data.questions)) return null;
    const out = fresh();
    for (const [id, e] of Object.entries(data.questions)) {
      if (isObj(e) && GRADES[e.grade] && Number.isInteger(e.box) && e.box > 0 && e.box < 6 && Number.isFinite(e.due)) {
        out.questions[id] = { grade: e.grade, box: e.box, due: e.due,
          reviewed: Number.isFinite(e.reviewed) ? e.reviewed : e.due, topic: String(e.topic || "") };
      }
    }
    if (isObj(data.checklist)) for (const k in data.checklist) if (data.checklist[k] === true) out.checklist[k] = true;
    return out;
  }

  function load() {
    let raw = null;
    try { raw = localStorage.getItem(KEY); } catch { return memory || fresh(); }
    if (raw === null) return fresh();
    let state = null;
    try { state = clean(JSON.parse(raw)); } catch { /* handled below */ }
    if (state) return state;
    console.warn(`FL Interview Guide: dropped unreadable or old progress data under "${KEY}"; starting fresh.`);
    try { localStorage.removeItem(KEY); } catch { /* nothing to drop */ }
    return fresh();
  }

  function save(state) {
    memory = state;
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch { /* keep it in memory */ }
    changed();
  }

  function changed() { for (const k in listeners) try { listeners[k](); } catch (e) { console.error(e); } }

  function grade(id, g, topic) {
    const s = load(), old = s.questions[id], now = Date.now();
    const box = g === "know" ? Math.min((old ? old.box : 1) + 1, 5) : g === "dont" ? 1 : old ? old.box : 1;
    s.questions[id] = { grade: g, box, due: now + INTERVALS[box - 1] * DAY, reviewed: now, topic: topic || (old && old.topic) || "" };
    save(s);
    return s.questions[id];
  }

  // Cards due now (weakest box first, then the longest overdue) and cards never graded.
  function queue(ids, s = load(), now = Date.now()) {
    const q = s.questions;
    return {
      due: ids.filter((id) => q[id] && q[id].due <= now).sort((a, b) => q[a].box - q[b].box || q[a].due - q[b].due),
      fresh: ids.filter((id) => !q[id]),
    };
  }

  function el(tag, attrs = {}, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === "html") n.innerHTML = v;
      else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
      else n.setAttribute(k === "cls" ? "class" : k, v === true ? "" : v);
    }
    n.append(...kids.flat().filter((c) => c != null && c !== false));
    return n;
  }
  const button = (label, onclick, attrs = {}) => el("button", { type: "button", cls: "flq-btn", onclick, ...attrs }, label);

  function announce(msg) {
    let live = document.getElementById("flq-live");
    if (!live) {
      live = el("div", { id: "flq-live", cls: "flq-sr", role: "status" });
      (document.querySelector("article") || document.body).append(live);
    }
    live.textContent = msg;
  }

  // Run `fn` on every page load, including Material's instant navigation.
  // On file:// Material completes document$ without emitting, so DOMContentLoaded backs it up.
  // The scripts are deferred: they run before DOMContentLoaded, and Material's own listener
  // (registered first) emits document$ before this fallback is asked.
  function onPage(fn) {
    let ran = false;
    const run = () => { ran = true; try { fn(); } catch (e) { console.error(e); } };
    if (window.document$ && document$.subscribe) document$.subscribe({ next: run, error() {}, complete() {} });
    if (document.readyState === "complete") { if (!ran) run(); }
    else document.addEventListener("DOMContentLoaded", () => ran || run(), { once: true });
  }

  // Only the newest mounted widget of each kind hears about changes.
  const onChange = (name, fn) => { listeners[name] = fn; };
  window.addEventListener("storage", (e) => { if (e.key === KEY || e.key === null) changed(); });

  // The bank, from a <script> (fetch is refused on file://), relative to the page.
  let pending = null;
  function bank(node) {
    const src = new URL(node.dataset.bank || "data/questions.js", location.href);
    const root = new URL("..", src);
    const done = () => {
      const b = window.FLGUIDE_BANK;
      if (!b || !Array.isArray(b.questions) || !Array.isArray(b.topics)) throw new Error("no question bank");
      b.root = root;
      return b;
    };
    if (window.FLGUIDE_BANK) return Promise.resolve().then(done);
    pending = pending || new Promise((ok, fail) => {
      document.body.append(el("script", { src: src.href, onload: ok, onerror: () => { pending = null; fail(); } }));
    });
    return pending.then(done);
  }

  // The answers ({id: {question, answer, example}} as HTML) of the topic page holding question
  // q, loaded when first needed: one small script per page instead of the whole bank up front.
  // Their links are relative to the site root, which this page may not be.
  const answerFiles = {};
  const rooted = (html, root) => {
    const t = el("template", { html });
    for (const a of t.content.querySelectorAll("a[href]")) a.setAttribute("href", new URL(a.getAttribute("href"), root).href);
    return t.innerHTML;
  };
  function answers(b, q) {
    const file = q.answers, have = () => (window.FLGUIDE_ANSWERS || {})[file];
    const done = () => {
      const all = have();
      if (!all.rooted) for (const a of Object.values(all)) {
        for (const k of ["answer", "example"]) a[k] = rooted(a[k] || "", b.root);
        a.key_points = (a.key_points || []).map((p) => rooted(p, b.root));
      }
      return Object.defineProperty(all, "rooted", { value: true });
    };
    if (have()) return Promise.resolve().then(done);
    answerFiles[file] = answerFiles[file] || new Promise((ok, fail) => {
      document.body.append(el("script", { src: new URL(file, b.root).href, onload: () => (have() ? ok() : fail()),
        onerror: () => { delete answerFiles[file]; fail(new Error(`answers missing: ${file}`)); } }));
    });
    return answerFiles[file].then(done);
  }

  // The rubric shown first in a revealed answer.
  const keyPoints = (list) => (list && list.length ? el("div", { cls: "flq-key-points" },
    el("p", { cls: "flq-label" }, el("strong", {}, "What the interviewer listens for")),
    el("ul", { html: list.map((k) => `<li>${k}</li>`).join("") })) : "");

  const LEVELS = ["fundamentals", "intermediate", "advanced"];
  function filters(b, onchange) {
    const values = (key) => [...new Set(b.questions.map((q) => q[key]))]
      .sort((x, y) => (LEVELS.indexOf(x) - LEVELS.indexOf(y)) || x.localeCompare(y)).map((v) => [v, v]);
    const groups = [["topic", "Topics", b.topics.map((t) => [t.id, t.title])], ["level", "Levels", values("level")], ["kind", "Kinds", values("kind")]];
    // Folded behind one control on a narrow screen, so the card is on the first screen.
    const box = el("details", { cls: "flq-filters", open: matchMedia("(min-width: 60em)").matches },
      el("summary", {}, "Filters: topics, levels, kinds"),
      el("div", { cls: "flq-filters__groups" }, groups.map(([key, legend, opts]) => el("fieldset", {},
        el("legend", {}, legend),
        opts.map(([v, label]) => el("label", {}, el("input", { type: "checkbox", name: key, value: v, checked: true, onchange }), " ", label))))));
    box.pick = () => {
      const on = {};
      for (const i of box.querySelectorAll("input:checked")) (on[i.name] = on[i.name] || new Set()).add(i.value);
      return b.questions.filter((q) => groups.every(([key]) => on[key] && on[key].has(q[key])));
    };
    return box;
  }

  function exportFile() {
    const blob = new Blob([JSON.stringify(load(), null, 1)], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `fl-interview-progress-${new Date(Date.now()).toISOString().slice(0, 10)}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 6e4);
    announce("Progress exported.");
  }

  async function importFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    let state = null;
    try { state = clean(JSON.parse(await file.text())); } catch { /* reported below */ }
    if (!state) return announce("Import failed: that file is not FL Interview Guide progress.");
    save(state);
    announce(`Progress imported: ${Object.keys(state.questions).length} graded questions.`);
  }

  function reset() {
    if (!window.confirm("Reset all progress? This clears every grade and checklist tick saved in this browser.")) return;
    memory = null;
    try { localStorage.removeItem(KEY); } catch { /* nothing stored */ }
    changed();
    announce("All progress cleared.");
  }

  function dataPanel() {
    const file = el("input", { type: "file", accept: ".json,application/json", hidden: true, cls: "flq-import" });
    file.addEventListener("change", () => importFile(file));
    return el("div", { cls: "flq-data", role: "group", "aria-label": "Progress on this device" },
      button("Export progress", exportFile), button("Import progress", () => file.click()),
      button("Reset progress", reset), file);
  }

  const mmss = (ms, round = Math.ceil) => { const s = Math.max(0, round(ms / 1000)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };

  window.FLQ = { KEY, DAY, GRADES, load, save, grade, queue, el, button, announce, onPage, onChange, bank, answers, keyPoints, filters, dataPanel, mmss };
})();
