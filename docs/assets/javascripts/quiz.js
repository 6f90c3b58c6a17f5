/* quiz.js: owns quiz mode on topic pages (the toolbar, data-flq="quiz"): show or hide all
   answers, the progress meters, the self-grade buttons inside each opened answer, the grade
   mark in each question, and keeping the reader's place across links and Back. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, button } = F;
  const GRADES = F.schedule.LABELS, me = "quiz";

  F.mount("quiz", (bar) => {
    const topic = bar.dataset.topic;
    const items = [];
    for (const d of document.querySelectorAll("details.question")) {
      const summary = d.querySelector(":scope > summary"), anchor = summary && summary.querySelector(".flq-question[id]");
      if (!anchor) continue;
      const mark = el("span", { cls: "flq-mark" });
      summary.append(mark);
      const group = el("div", { cls: "flq-grade", role: "group", "aria-label": "Grade yourself" },
        el("span", { cls: "flq-grade__label" }, "How did you do?"),
        Object.entries(GRADES).map(([g, label]) => button(label, () => grade(item, g), { "data-grade": g, "aria-pressed": "false" })));
      d.append(group);
      const item = { d, id: anchor.id, mark, group };
      d.addEventListener("toggle", () => { if (d.open && !bulk) F.announce("Answer shown. Grade yourself below it."); });
      items.push(item);
    }
    const total = items.length;
    const meter = (label) => {
      const p = el("progress", { max: total || 1, value: 0, "aria-label": label });
      const out = el("span", { cls: "flq-meter__text" });
      return [el("span", { cls: "flq-meter" }, el("span", { "aria-hidden": "true" }, label + " "), p, " ", out), p, out];
    };
    const [gradedBox, gradedBar, gradedText] = meter("Graded");
    const [knownBox, knownBar, knownText] = meter("Known");
    let bulk = false;
    // One button, offering only what applies: show while any answer is closed, else hide.
    const toggle = button("Show all answers", () => all(!allOpen()));
    const allOpen = () => items.length > 0 && items.every((i) => i.d.open);
    const label = () => { toggle.textContent = allOpen() ? "Hide all answers" : "Show all answers"; };
    const all = (open) => {
      bulk = true;
      for (const { d } of items) d.open = open;
      setTimeout(() => { bulk = false; });
      label();
      F.announce(open ? "All answers shown." : "All answers hidden.");
    };
    for (const { d } of items) d.addEventListener("toggle", label);
    bar.append(
      el("div", { cls: "flq-toolbar__buttons", role: "group", "aria-label": "Quiz controls" }, toggle),
      el("div", { cls: "flq-toolbar__meters" }, gradedBox, knownBox));

    function render() {
      const q = F.store.load().questions;
      let graded = 0, known = 0;
      for (const { id, mark, group, d } of items) {
        const e = q[id];
        graded += !!e;
        known += !!e && e.grade === "know";
        mark.textContent = e ? GRADES[e.grade] : "";
        mark.dataset.grade = e ? e.grade : "";
        d.dataset.grade = e ? e.grade : "";
        for (const b of group.querySelectorAll("button")) b.setAttribute("aria-pressed", String(!!e && b.dataset.grade === e.grade));
      }
      gradedBar.value = graded;
      knownBar.value = known;
      gradedText.textContent = `${graded} of ${total}`;
      knownText.textContent = `${known} of ${total}`;
      return graded;
    }

    function grade(item, g) {
      F.schedule.grade(item.id, g, { topic, by: me });
      const graded = render();
      F.announce(`Graded ${GRADES[g]}. ${graded} of ${total} graded.`);
    }

    F.watch(bar, render, me);
    render();
    keepPlace(items, bar);
  });

  /* A link to an answer on this page opens it and closes nothing; open answers and scroll
     live in history.state, so Back returns to them. */
  function keepPlace(items, bar) {
    const byId = new Map(items.map((i) => [i.id, i]));
    const remember = () => history.replaceState({ ...(history.state || {}),
      flqOpen: items.filter((i) => i.d.open).map((i) => i.id), flqY: window.scrollY }, "");
    // The answer holding `id`: a question, or a follow-up inside one (both open).
    const holder = (id) => { const t = document.getElementById(id); return t && items.find((i) => i.d.contains(t)); };
    const show = (id) => {
      const item = holder(id);
      if (!item) return false;
      item.d.open = true;
      const inner = document.getElementById(id).closest("details");
      if (inner !== item.d) { inner.open = true; inner.scrollIntoView(); }
      else item.d.scrollIntoView(); // the <details> carries the scroll margin that clears the header
      return true;
    };
    // Only Back/Forward restores (a reload starts hidden); instant navigation has no new
    // document, hence the flag.
    const entry = performance.getEntriesByType("navigation")[0];
    const returning = F.poppedBack || (entry && entry.type === "back_forward");
    F.poppedBack = false;
    const saved = returning ? history.state : null;
    if (saved && Array.isArray(saved.flqOpen)) {
      for (const id of saved.flqOpen) if (byId.has(id)) byId.get(id).d.open = true;
      if (typeof saved.flqY === "number") window.scrollTo(0, saved.flqY);
    } else if (location.hash) {
      show(decodeURIComponent(location.hash.slice(1)));
    }
    document.addEventListener("click", (event) => {
      const a = event.target.closest && event.target.closest("a[href*='#']");
      if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const url = new URL(a.href, location.href);
      const id = decodeURIComponent(url.hash.slice(1));
      if (url.origin !== location.origin || url.pathname !== location.pathname || !holder(id)) return;
      event.preventDefault();
      event.stopPropagation();
      remember();
      history.pushState({}, "", url.hash);
      show(id);
      remember();
    }, true);
    for (const { d } of items) d.addEventListener("toggle", remember);
    window.addEventListener("pagehide", remember);
    window.addEventListener("popstate", (event) => {
      F.poppedBack = true;
      if (!bar.isConnected) return;
      const state = event.state;
      if (!state || !Array.isArray(state.flqOpen)) return;
      for (const i of items) i.d.open = state.flqOpen.includes(i.id);
      if (typeof state.flqY === "number") window.scrollTo(0, state.flqY);
    });
  }
})();
