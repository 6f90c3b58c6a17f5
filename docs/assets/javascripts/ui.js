/* ui.js: owns the small UI kit every widget uses: building elements, buttons, the live region,
   downloads, time formatting, the one keyboard handler, and mounting widgets by their
   data-flq attribute on every page load, including Material's instant navigation. */
(() => {
  const F = window.FLQ;
  if (!F) return;

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

  function download(name, text, type = "application/json") {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 6e4);
  }

  const mmss = (ms, round = Math.ceil) => { const s = Math.max(0, round(ms / 1000)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };

  // Widgets: <div data-flq="name">, mounted once each, on every page Material shows.
  const widgets = {};
  function mountAll() {
    for (const node of document.querySelectorAll("[data-flq]:not([data-flq-mounted])")) {
      const fn = widgets[node.dataset.flq];
      if (!fn) continue;
      node.dataset.flqMounted = "1";
      try { fn(node); } catch (e) { console.error(e); }
    }
  }
  function mount(name, fn) {
    widgets[name] = fn;
    if (document.readyState !== "loading") mountAll();
  }
  // On file:// Material completes document$ without emitting, so DOMContentLoaded backs it up;
  // the scripts run before it, so every widget has registered by then.
  if (window.document$ && document$.subscribe) document$.subscribe({ next: mountAll, error() {}, complete() {} });
  document.addEventListener("DOMContentLoaded", mountAll);

  // One handler for the card keys; the newest card that asked for them gets them.
  let keyed = null;
  const keys = (root, map) => { keyed = { root, map }; };
  document.addEventListener("keydown", (e) => {
    if (!keyed || !keyed.root.isConnected || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target, tag = t.tagName || "", k = e.key.toLowerCase();
    const box = tag === "INPUT" && /^(checkbox|radio)$/.test(t.type);
    if ((/^(INPUT|SELECT|TEXTAREA)$/.test(tag) && !box) || t.isContentEditable) return;
    if (k === " " && (box || /^(BUTTON|A|SUMMARY)$/.test(tag))) return;
    const fn = keyed.map[k === " " ? "space" : k];
    if (!fn) return;
    fn();
    e.preventDefault();
    e.stopPropagation(); // keep Material's own "n" (next page) key away
  });

  Object.assign(F, { el, button, announce, download, mmss, mount, keys });
})();
