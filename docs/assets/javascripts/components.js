/* components.js: owns the pieces more than one page shows. The flashcard Practice and Mock
   share (question, reveal, the key points as a checklist that suggests a grade, the answer, the
   grade buttons and their keys); the filters; the interview-date plan; and the progress panel
   (export, merging import with its preview, reset, the backup of unreadable data, and whether
   the browser keeps the progress). */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, button, announce, store, schedule } = F;
  const { LABELS } = schedule;
  const KEYS = { 1: "know", 2: "partly", 3: "dont" };

  /* opts: {b, card, meta, label, reveal (its button's label), actions (more buttons), keys (more
     keys), timer (a node), focus (move focus to the answer on reveal), onReveal, onGrade(g, share)}.
     Returns {node, reveal, grade, heading}. */
  function flashcard(opts) {
    const { b, card } = opts;
    let revealed = false, done = false, points = [];
    const heading = el("h2", { cls: "flq-q", tabindex: "-1" }, card.question);
    const context = el("p", { cls: "flq-context", hidden: !card.parent });
    const body = el("div", { cls: "flq-answer-body" }, "Loading the answer…");
    const rubric = el("fieldset", { cls: "flq-key-points", hidden: true },
      el("legend", {}, "What the interviewer listens for: tick each point you made"));
    const example = el("blockquote", { cls: "flq-example" });
    const sample = el("div", { hidden: true }, el("p", { cls: "flq-label" }, el("strong", {}, "Sample answer")), example);
    const answer = el("div", { cls: "flq-answer", hidden: true, tabindex: "-1", "aria-label": "Answer" }, rubric, body, sample,
      el("p", {}, el("a", { href: F.href(b, card) }, "Open it in the guide")));
    const hint = el("p", { cls: "flq-suggest", "aria-live": "polite", hidden: true });
    const grades = el("div", { cls: "flq-grade", role: "group", "aria-label": "Grade yourself", hidden: true },
      Object.entries(KEYS).map(([k, g]) => button(LABELS[g], () => grade(g), { "data-grade": g, "aria-keyshortcuts": k })));
    for (const bt of grades.children) bt.prepend(el("kbd", { "aria-hidden": "true" }, bt.getAttribute("aria-keyshortcuts")), " ");
    const revealBtn = button(opts.reveal || "Reveal answer", () => reveal(), { cls: "flq-btn flq-reveal", "aria-keyshortcuts": "Space" });
    const node = el("section", { cls: "flq-card", "aria-label": opts.label || "Flashcard", tabindex: "-1", "data-id": card.id },
      el("p", { cls: "flq-meta" }, opts.meta), context, heading, opts.timer, el("div", { cls: "flq-actions" }, revealBtn, opts.actions),
      answer, hint, grades);

    F.content(b, card).then((found) => {
      if (!found) throw new Error("no answer");
      card.html = found.question;
      // Repainting the same words would count as a later largest paint: only markup is worth it.
      const t = el("template", { html: found.question });
      if (t.content.children.length || t.content.textContent !== heading.textContent) heading.innerHTML = found.question;
      if (found.parent) context.innerHTML = `Follow-up to: ${found.parent}`;
      body.innerHTML = found.answer;
      if (found.example) { example.innerHTML = found.example; sample.hidden = false; }
      points = found.key_points.map((html) => el("input", { type: "checkbox", onchange: suggest }));
      rubric.append(...points.map((box, i) => el("label", {}, box, " ", el("span", { html: found.key_points[i] }))));
      rubric.hidden = !points.length;
    }).catch(() => { body.textContent = "This answer could not be loaded; open it in the guide."; });

    const ticked = () => points.filter((p) => p.checked).length;
    function suggest() {
      const g = schedule.suggest(ticked(), points.length);
      for (const bt of grades.children) bt.classList.toggle("flq-suggested", bt.dataset.grade === g);
      hint.hidden = false;
      hint.textContent = `${ticked()} of ${points.length} points: suggested grade ${LABELS[g]}.`;
    }
    function reveal() {
      if (revealed) return;
      revealed = true;
      // Keyboard users go on from the answer: the key points are the next Tab stops.
      const hadFocus = node.contains(document.activeElement) || document.activeElement === document.body;
      answer.hidden = grades.hidden = false;
      revealBtn.hidden = true;
      if (hadFocus || opts.focus) answer.focus({ preventScroll: true });
      if (opts.onReveal) opts.onReveal();
      announce("Answer shown. Tick the points you made, then grade yourself: 1 Knew it, 2 Partly, 3 Didn't know.");
    }
    function grade(g) {
      if (!revealed || done) return;
      done = true;
      // The share counts only when the reader used the checklist.
      const share = points.length && (ticked() || !hint.hidden) ? ticked() / points.length : null;
      opts.onGrade(g, share);
    }
    const keys = { space: () => reveal(), ...Object.fromEntries(Object.entries(KEYS).map(([k, g]) => [k, () => grade(g)])), ...(opts.keys || {}) };
    F.keys(node, keys);
    return { node, reveal, grade, heading };
  }

  const LEVELS = ["fundamentals", "intermediate", "advanced"];
  // Filters by topic, level and kind; with `followUps`, a box that adds follow-ups as cards.
  function filters(b, onchange, followUps) {
    // Plain comparison, not localeCompare: the values are ASCII names, and a page's first
    // localeCompare loads the collation data, a pause before the first card.
    const values = (key) => [...new Set(b.questions.map((q) => q[key]))]
      .sort((x, y) => (LEVELS.indexOf(x) - LEVELS.indexOf(y)) || (x < y ? -1 : x > y ? 1 : 0)).map((v) => [v, v]);
    const groups = [["topic", "Topics", b.topics.map((t) => [t.id, t.title])], ["level", "Levels", values("level")], ["kind", "Kinds", values("kind")]];
    const extra = followUps && el("label", { cls: "flq-follow-ups" }, el("input", { type: "checkbox", name: "follow-ups", onchange }), " Include follow-ups");
    // Folded behind one control on a narrow screen, so the card is on the first screen.
    const box = el("details", { cls: "flq-filters", open: matchMedia("(min-width: 60em)").matches },
      el("summary", {}, "Filters: topics, levels, kinds"),
      el("div", { cls: "flq-filters__groups" }, groups.map(([key, legend, opts]) => el("fieldset", {},
        el("legend", {}, legend),
        opts.map(([v, label]) => el("label", {}, el("input", { type: "checkbox", name: key, value: v, checked: true, onchange }), " ", label))))),
      extra);
    box.pick = () => {
      const on = {};
      for (const i of box.querySelectorAll("input[value]:checked")) (on[i.name] = on[i.name] || new Set()).add(i.value);
      const qs = b.questions.filter((q) => groups.every(([key]) => on[key] && on[key].has(q[key])));
      return extra && extra.firstChild.checked ? qs.flatMap((q) => [q, ...q.followUps]) : qs;
    };
    return box;
  }

  // "My interview is on [date]" and the plan's one line. ids(): the cards in play, or null for
  // every question (`total` of them).
  function planControl(ids, total = 0) {
    const input = el("input", { type: "date", cls: "flq-date", onchange: () => {
      const v = input.value, now = Date.now();
      store.update((s) => { s.settings = v ? { interview: v, since: now, at: now } : { at: now }; }, "settings");
      announce(v ? `Interview date set: ${v}.` : "Interview date cleared.");
    } });
    const line = el("span", { cls: "flq-plan__line" });
    const node = el("p", { cls: "flq-plan" }, el("label", {}, "My interview is on ", input), " ", line);
    node.render = () => {
      const s = store.load();
      input.value = (s.settings && s.settings.interview) || "";
      line.textContent = schedule.planLine(schedule.plan(s, Date.now(), ids(), total));
    };
    node.render();
    return node;
  }

  /* The progress panel: export, import (merge, with a preview; or replace), reset, the backup
     of data that could not be read, and whether the browser keeps the progress. */
  function panel() {
    const stamp = () => new Date(Date.now()).toISOString().slice(0, 10);
    const exportState = (state = store.load()) => { F.download(`fl-interview-progress-${stamp()}.json`, JSON.stringify(state, null, 1)); };
    const file = el("input", { type: "file", accept: ".json,application/json", hidden: true, cls: "flq-import" });
    const preview = el("div", { cls: "flq-preview", role: "group", "aria-label": "Import preview", hidden: true });
    const notice = el("div", { cls: "flq-notice", role: "alert", hidden: true });
    const kept = el("p", { cls: "flq-persist" });
    file.addEventListener("change", async () => {
      const f = file.files && file.files[0];
      file.value = "";
      if (!f) return;
      const incoming = store.parse(await f.text());
      if (!incoming) return announce("Import failed: that file is not FL Interview Guide progress.");
      const local = store.load(), result = store.merge(local, incoming);
      const text = `This file adds ${result.adds}, updates ${result.updates}, keeps ${result.keeps} newer ${result.keeps === 1 ? "grade" : "grades"} here.`;
      const close = () => { preview.hidden = true; preview.replaceChildren(); };
      preview.replaceChildren(el("p", {}, text),
        button("Merge", () => { store.save(result.state, "import"); close(); announce(`Progress merged: ${result.adds} added, ${result.updates} updated.`); }, { cls: "flq-btn flq-primary" }),
        button("Replace instead…", () => {
          if (!window.confirm("Replace all progress in this browser with the file's? Grades and ticks only here are lost.")) return;
          // Anything here the file lacks or has older is saved to a file first.
          const loses = result.keeps > 0 || Object.keys(local.questions).some((id) => !incoming.questions[id]);
          if (loses) exportState(local);
          store.save(incoming, "import");
          close();
          announce(`Progress replaced: ${Object.keys(incoming.questions).length} graded questions.${loses ? " Your previous progress was exported first." : ""}`);
        }),
        button("Cancel", () => { close(); announce("Import cancelled."); }));
      preview.hidden = false;
      announce(text);
    });
    const reset = () => {
      if (!window.confirm("Reset all progress? This clears every grade and checklist tick saved in this browser.")) return;
      store.reset();
      announce("All progress cleared.");
    };
    const node = el("div", { cls: "flq-data", role: "group", "aria-label": "Progress on this device" },
      notice, button("Export progress", () => { exportState(); announce("Progress exported."); }), button("Import progress", () => file.click()),
      button("Reset progress", reset), file, preview, kept);
    node.render = () => {
      const backups = store.backups();
      notice.hidden = !backups.length;
      notice.replaceChildren(...(backups.length ? [
        el("p", {}, "Progress saved in this browser could not be read, so the guide started fresh. The unreadable data is kept: download it before you dismiss this."),
        button("Download the unreadable data", () => F.download(`fl-interview-unreadable-${stamp()}.json`, JSON.stringify(backups, null, 1))),
        button("Dismiss", () => { if (window.confirm("Delete the kept copy of the unreadable data?")) store.dropBackups(); })] : []));
      store.persisted().then((p) => {
        kept.textContent = p === "granted" ? "This browser keeps your progress even when space runs low."
          : p === "unsupported" ? "This browser cannot promise to keep your progress: export it now and then."
            : p === "not granted" ? "This browser may clear your progress when space runs low: export it now and then."
              : "Your progress stays in this browser; export it to move it.";
      });
    };
    node.render();
    return node;
  }

  // Re-render `fn` on every store change while `node` is on the page (not for changes `by` made).
  function watch(node, fn, by) {
    const stop = store.subscribe((e) => {
      if (!node.isConnected) return stop();
      if (!by || e.by !== by) fn(e);
    });
  }

  Object.assign(F, { flashcard, filters, planControl, panel, watch });
})();
