/* home.js: owns the home page's first step and progress (data-flq="home"): new and due counts
   with the way to Practice, the interview-date plan, the totals, and the per-topic
   .flq-topic-progress cells; and the progress panel where the page puts data-flq="panel". */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, store, schedule } = F;

  F.mount("home", (box) => {
    const cells = [...document.querySelectorAll(".flq-topic-progress[data-topic]")];
    const total = cells.reduce((n, c) => n + (Number(c.dataset.total) || 0), 0);
    const next = el("p", { cls: "flq-next" }), totals = el("p");
    const plan = F.planControl(() => null, total);
    box.replaceChildren(next, plan, totals);

    function render() {
      const s = store.load(), now = Date.now(), p = schedule.plan(s, now, null, total);
      const entries = Object.values(s.questions).filter((e) => !e.parent);
      let graded = 0, known = 0;
      for (const cell of cells) {
        const mine = entries.filter((e) => e.topic === cell.dataset.topic);
        const n = Number(cell.dataset.total) || 0, g = Math.min(mine.length, n), k = Math.min(mine.filter((e) => e.grade === "know").length, n);
        graded += g;
        known += k;
        cell.replaceChildren(el("progress", { max: n || 1, value: g, "aria-hidden": "true" }), " ", `${g} of ${n} graded, ${k} known`);
      }
      const due = entries.filter((e) => schedule.due(e, p) <= now).length, fresh = total - graded;
      next.replaceChildren(el("strong", { cls: "flq-due" }, `${fresh} new · ${due} due`), " ",
        el("a", { cls: "md-button md-button--primary", href: box.dataset.practice || "practice.html" }, graded ? "Practice now" : "Start practising"));
      totals.textContent = graded ? `Graded ${graded} of ${total}; known ${known}.` : "New here? Practice deals the cards one at a time.";
      plan.render();
    }
    F.watch(box, render);
    render();
  });

  F.mount("panel", (spot) => {
    const panel = F.panel();
    spot.replaceChildren(panel);
    F.watch(spot, () => panel.render());
  });
})();
