/* mock.js: owns the Mock interview page (data-flq="mock"): the setup form, N random questions
   each followed by up to two of its follow-ups, a countdown per question that turns amber near
   the end and counts overtime past it, grading on the shared flashcard, and the summary, which
   is saved with the progress so a reload shows the last results. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, button, schedule, store } = F;
  const { LABELS } = schedule;

  F.mount("mock", (root) => {
    root.setAttribute("aria-busy", "true");
    root.textContent = "Loading the questions…";
    F.bank(root).then((b) => setup(root, b), () => { root.textContent = "The question bank could not be loaded."; })
      .finally(() => root.removeAttribute("aria-busy"));
  });

  const shuffle = (xs) => {
    for (let i = xs.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [xs[i], xs[j]] = [xs[j], xs[i]]; }
    return xs;
  };

  function setup(root, b) {
    const number = (label, name, value, min, max) => el("label", { cls: "flq-number" }, label + " ",
      el("input", { type: "number", name, value, min, max, required: true }));
    const note = el("p", { cls: "flq-status", "aria-live": "polite" });
    const filters = F.filters(b, () => count());
    const last = el("div", { cls: "flq-last" });
    const form = el("form", { cls: "flq-setup", "aria-label": "Mock interview settings" }, filters,
      number("Questions", "n", 8, 1, 50), number("Minutes per question", "minutes", 3, 1, 30),
      number("Follow-ups per question", "follow", 1, 0, 2), note,
      el("button", { type: "submit", cls: "flq-btn flq-primary" }, "Start the interview"));
    const count = () => { note.textContent = `${filters.pick().length} questions match the filters.`; };
    const home = () => {
      root.replaceChildren(form, last);
      const saved = store.load().mock;
      last.replaceChildren(...(saved && saved.rows.length ? [summary(saved, "Your last interview")] : []));
      count();
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const pool = shuffle(filters.pick());
      if (!pool.length) return F.announce("No questions match the filters.");
      const clamp = (v, lo, hi, d) => Math.max(lo, Math.min(hi, Number.isFinite(v) ? v : d));
      const n = clamp(parseInt(form.elements.n.value, 10), 1, pool.length, 8);
      const limit = clamp(parseInt(form.elements.minutes.value, 10), 1, 30, 3) * 60e3;
      run(pool.slice(0, n), limit, clamp(parseInt(form.elements.follow.value, 10), 0, 2, 1));
    });
    home();

    function run(qs, limit, follow) {
      const rows = [];
      let timer = 0;
      // The i-th question, then its follow-ups (chosen at random) one by one.
      const ask = (i, fups = null, row = null) => {
        const main = !fups, card = main ? qs[i] : fups[0], start = Date.now();
        let used = null, warned = false, over = false;
        const clock = el("span", { cls: "flq-clock" }, F.mmss(limit));
        const fill = el("span");
        const timerBox = el("div", { cls: "flq-timer", role: "timer", "aria-label": "Time left" }, clock,
          el("span", { cls: "flq-timebar", "aria-hidden": "true" }, fill));
        const t = b.topicsById[card.topic] || {};
        const view = F.flashcard({ b, card, label: "Mock interview question", reveal: "Reveal the model answer", timer: timerBox, focus: true,
          meta: `Question ${i + 1} of ${qs.length}${main ? "" : " · follow-up"} · ${t.title || card.topic}`,
          onReveal: () => {
            clearInterval(timer);
            used = Date.now() - start;
            timerBox.classList.add("flq-stopped");
          },
          onGrade: (g, share) => {
            schedule.grade(card.id, g, { topic: card.topic, parent: card.parent && card.parent.id, share });
            const result = { id: card.id, g, used, share };
            if (main) {
              rows.push(row = { ...result, follow: [] });
              fups = shuffle([...card.followUps]).slice(0, follow);
            } else {
              row.follow.push(result);
              fups = fups.slice(1);
            }
            if (fups.length) ask(i, fups, row);
            else if (i + 1 < qs.length) ask(i + 1);
            else finish();
          } });
        root.replaceChildren(view.node);
        view.heading.focus();
        if (!main) F.announce("A follow-up question.");

        const tick = () => {
          if (!root.isConnected) return clearInterval(timer);
          const left = limit - (Date.now() - start);
          clock.textContent = left >= 0 ? F.mmss(left) : `+${F.mmss(-left, Math.floor)} over`;
          fill.style.width = `${Math.max(0, left / limit) * 100}%`;
          timerBox.classList.toggle("flq-amber", left > 0 && left <= limit / 4);
          timerBox.classList.toggle("flq-over", left <= 0);
          if (!warned && left <= 60e3 && limit > 60e3 && left > 0) { warned = true; F.announce("One minute left."); }
          if (!over && left <= 0) { over = true; F.announce("Time is up. The clock now counts the overtime."); }
        };
        clearInterval(timer);
        timer = setInterval(tick, 250);
        tick();
      };

      const finish = () => {
        const saved = store.update((s) => { s.mock = { at: Date.now(), limit, rows }; }, "mock").mock;
        const node = summary(saved, "Summary");
        root.replaceChildren(node, el("div", { cls: "flq-actions" },
          button("Print the summary", () => window.print()),
          button("Start another interview", home)));
        node.querySelector("h2").focus();
        F.announce("Interview finished. The summary follows.");
      };

      ask(0);
    }

    // The results table, the follow-ups missed and the topics to review, each linked to its answer.
    function summary(saved, title) {
      const rows = saved.rows.filter((r) => b.cards[r.id]);
      const link = (id) => {
        const c = b.cards[id], text = el("span", c.html ? { html: c.html } : {}, c.html ? "" : c.question);
        if (!c.html) F.content(b, c).then((found) => { if (found) text.innerHTML = c.html = found.question; }, () => {});
        return el("a", { href: F.href(b, c) }, text);
      };
      const missed = rows.flatMap((r) => (r.follow || []).filter((f) => f.g !== "know" && b.cards[f.id]));
      const weak = [...new Set(rows.filter((r) => r.g !== "know").map((r) => b.cards[r.id].topic))];
      const total = rows.reduce((s, r) => s + r.used + (r.follow || []).reduce((x, f) => x + f.used, 0), 0);
      const tally = Object.entries(LABELS).map(([g, label]) => `${label}: ${rows.filter((r) => r.g === g).length}`).join(" · ");
      const time = (r) => F.mmss(r.used, Math.round) + (r.used > saved.limit ? ` (${F.mmss(r.used - saved.limit, Math.round)} over)` : "");
      return el("section", { cls: "flq-summary", "aria-label": `Mock interview: ${title.toLowerCase()}` },
        el("h2", { tabindex: "-1" }, title),
        el("p", {}, `${rows.length} ${rows.length === 1 ? "question" : "questions"} in ${F.mmss(total, Math.round)}. ${tally}.`),
        el("table", {},
          el("thead", {}, el("tr", {}, ["#", "Question", "Grade", "Time used"].map((h) => el("th", { scope: "col" }, h)))),
          el("tbody", {}, rows.map((r, i) => el("tr", { "data-id": r.id },
            el("td", {}, String(i + 1)), el("td", {}, link(r.id)),
            el("td", { "data-grade": r.g }, LABELS[r.g]), el("td", {}, time(r)))))),
        el("h3", {}, "Follow-ups missed"),
        missed.length ? el("ul", { cls: "flq-missed" }, missed.map((f) => el("li", { "data-id": f.id }, link(f.id), ` (${LABELS[f.g]})`)))
          : el("p", {}, "None."),
        el("h3", {}, "Topics to review"),
        weak.length
          ? el("ul", { cls: "flq-review" }, weak.map((id) => el("li", {}, b.topicsById[id]
            ? el("a", { href: new URL(b.topicsById[id].page, b.root).href }, b.topicsById[id].title) : id)))
          : el("p", {}, "None: you knew every answer."));
    }
  }
})();
