/* store.js: owns the reader's progress. One localStorage key, scoped to the site's path as
   Material scopes its own keys; its versioned schema and the migration from version 1 (and from
   the unscoped key of old builds); the merge that import uses; the backup of a stored value that
   cannot be read; the request for persistent storage; and subscribe(), whose events say where a
   change came from. No page markup is touched here.

   Version 2: {version, questions: {id: {grade, box, due, reviewed, seen, topic, share, parent?}},
   checklist: {key: {on, at}}, settings: {interview, since, at}, mock: {at, limit, rows} | null}.
   Every part carries its time, so an import can keep whichever side is newer. */
(() => {
  const VERSION = 2, LEGACY = "flguide:progress", GRADES = ["know", "partly", "dont"];
  // This file is <site root>/assets/javascripts/store.js, whichever page loads it.
  const root = new URL("../../", document.currentScript ? document.currentScript.src : location.href);
  const KEY = `${root.pathname}.flguide:progress`, BACKUP = `${KEY}.backup`;
  const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const num = (v, d) => (Number.isFinite(v) ? v : d);
  const fresh = () => ({ version: VERSION, questions: {}, checklist: {}, settings: {}, mock: null });
  const listeners = new Set();
  let memory = null; // used only when localStorage is unavailable
  let persistence = "not asked";

  function entry(e, v1) {
    if (!isObj(e) || !GRADES.includes(e.grade) || !Number.isInteger(e.box) || e.box < 1 || e.box > 5 || !Number.isFinite(e.due)) return null;
    const reviewed = num(e.reviewed, e.due);
    const out = { grade: e.grade, box: e.box, due: e.due, reviewed, seen: v1 ? reviewed : num(e.seen, reviewed),
      topic: String(e.topic || ""), share: !v1 && Number.isFinite(e.share) && e.share >= 0 && e.share <= 1 ? e.share : null };
    if (!v1 && typeof e.parent === "string") out.parent = e.parent;
    return out;
  }

  // A valid version-2 state from stored or imported data of version 1 or 2, or null.
  function migrate(data) {
    if (!isObj(data) || (data.version !== 1 && data.version !== VERSION) || !isObj(data.questions)) return null;
    const v1 = data.version === 1, out = fresh();
    for (const [id, e] of Object.entries(data.questions)) { const ok = entry(e, v1); if (ok) out.questions[id] = ok; }
    if (isObj(data.checklist)) {
      for (const [k, t] of Object.entries(data.checklist)) {
        if (t === true) out.checklist[k] = { on: true, at: 0 }; // version 1 kept ticks only, undated
        else if (isObj(t) && typeof t.on === "boolean") out.checklist[k] = { on: t.on, at: num(t.at, 0) };
      }
    }
    const s = data.settings;
    if (!v1 && isObj(s) && /^\d{4}-\d{2}-\d{2}$/.test(s.interview || "")) out.settings = { interview: s.interview, since: num(s.since, 0), at: num(s.at, 0) };
    else if (!v1 && isObj(s) && num(s.at, 0) > 0) out.settings = { at: s.at }; // a cleared date, when it was cleared
    const m = data.mock;
    if (!v1 && isObj(m) && Array.isArray(m.rows)) out.mock = { at: num(m.at, 0), limit: num(m.limit, 0), rows: m.rows.filter(isObj) };
    return out;
  }

  const read = (key) => { try { return localStorage.getItem(key); } catch { return undefined; } };
  const write = (key, value) => { try { localStorage.setItem(key, value); return true; } catch { return false; } };
  const remove = (key) => { try { localStorage.removeItem(key); } catch { /* nothing stored */ } };

  // An unreadable value is kept, not dropped: the progress panel offers it for download.
  function keep(raw, from) {
    const kept = backups();
    kept.push({ at: Date.now(), key: from, raw });
    write(BACKUP, JSON.stringify(kept));
    console.warn(`FL Interview Guide: the progress stored under "${from}" could not be read; it is kept under "${BACKUP}" and the guide starts fresh.`);
  }
  function backups() {
    try { const b = JSON.parse(read(BACKUP) || "[]"); return Array.isArray(b) ? b : []; } catch { return []; }
  }

  function parse(raw) { try { return migrate(JSON.parse(raw)); } catch { return null; } }

  function load() {
    let raw = read(KEY);
    if (raw === undefined) return memory || fresh();
    let from = KEY;
    if (raw === null) { // progress from before the key was scoped moves here, once
      raw = read(LEGACY);
      if (raw == null) return fresh();
      from = LEGACY;
    }
    const state = parse(raw);
    if (!state) keep(raw, from);
    if (from === LEGACY || !state) {
      if (state) write(KEY, JSON.stringify(state)); else remove(KEY);
      remove(LEGACY);
    }
    return state || fresh();
  }

  function notify(event) { for (const fn of [...listeners]) try { fn(event); } catch (e) { console.error(e); } }

  // source: what changed it ("grade", "import", "reset", "checklist", "settings", "mock", "storage");
  // by: the widget that did, so it can ignore its own saves.
  function save(state, source, by) {
    memory = state;
    write(KEY, JSON.stringify(state));
    notify({ source, by });
  }
  function update(change, source, by) { const s = load(); change(s); save(s, source, by); return s; }
  const subscribe = (fn) => { listeners.add(fn); return () => listeners.delete(fn); };
  window.addEventListener("storage", (e) => { if (e.key === KEY || e.key === BACKUP || e.key === null) notify({ source: "storage" }); });

  function reset() { memory = null; remove(KEY); notify({ source: "reset" }); }

  // Question by question and tick by tick, the newer side wins; the counts are the grades'.
  function merge(local, incoming) {
    const out = JSON.parse(JSON.stringify(local)), counts = { adds: 0, updates: 0, keeps: 0 };
    for (const [id, f] of Object.entries(incoming.questions)) {
      const l = local.questions[id];
      if (!l) { counts.adds++; out.questions[id] = f; }
      else if (f.reviewed > l.reviewed) { counts.updates++; out.questions[id] = f; }
      else if (f.reviewed < l.reviewed) counts.keeps++;
    }
    for (const [k, t] of Object.entries(incoming.checklist)) if (!local.checklist[k] || t.at > local.checklist[k].at) out.checklist[k] = t;
    if (num(incoming.settings.at, 0) > num(local.settings.at, 0)) out.settings = incoming.settings;
    if (incoming.mock && (!local.mock || incoming.mock.at > local.mock.at)) out.mock = incoming.mock;
    return { state: out, ...counts };
  }

  // Asked once, when the first grade is saved, so a full disk does not evict the progress.
  function persist() {
    const s = navigator.storage;
    if (!s || !s.persist) { persistence = "unsupported"; return Promise.resolve(false); }
    return s.persist().then((granted) => { persistence = granted ? "granted" : "not granted"; notify({ source: "persist" }); return granted; },
      () => { persistence = "not granted"; return false; });
  }
  function persisted() {
    const s = navigator.storage;
    if (persistence === "not asked" && s && s.persisted) return s.persisted().then((p) => (p ? "granted" : persistence), () => persistence);
    return Promise.resolve(s && s.persist ? persistence : "unsupported");
  }

  function dropBackups() { remove(BACKUP); notify({ source: "backup" }); }

  window.FLQ = { ...(window.FLQ || {}), root, store: { KEY, BACKUP, VERSION, GRADES, load, save, update, subscribe, reset,
    migrate, parse, merge, persist, persisted, backups, dropBackups } };
})();
