/* practice.js: owns the Practice page (data-flq="practice"): the filters, the plan line, the
   session (which card next, from schedule.js) and the flashcard flow with its keys:
   Space reveals, 1/2/3 grade, N skips. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, button, schedule } = F;
  const me = "practice";

  F.mount("practice", (root) => {
    root.setAttribute("aria-busy", "true");
    root.textContent = "Loading the questions…";
    F.bank(root).then((b) => start(root, b), () => { root.textContent = "The question bank could not be loaded."; })
      .finally(() => root.removeAttribute("aria-busy"));
  });

  function start(root, b) {
    const session = { count: 0, seen: new Set(), again: [], more: false };
    let cur = null;
    const filters = F.filters(b, () => { session.seen.clear(); next(); }, true);
    const status = el("p", { cls: "flq-status", "aria-live": "polite" });
    const slot = el("div");
    const plan = F.planControl(() => filters.pick().map((c) => c.id));
    const data = F.panel();
    root.replaceChildren(filters, plan, status, slot, data);

    function next(skipped) {
      const cards = filters.pick(), s = F.store.load();
      let n = schedule.next(s, cards, session);
      if (!n.id && skipped) { // only skipped cards are left: go round them again, the last one last
        session.seen = new Set([skipped]);
        n = schedule.next(s, cards, session);
        if (!n.id) { session.seen.clear(); n = schedule.next(s, cards, session); }
      }
      cur = n.id ? b.cards[n.id] : null;
      tell(n, cards.length);
      draw(cards.length, n.capped, !!n.plan);
    }

    function tell(n, selected) {
      status.replaceChildren(el("strong", { cls: "flq-due" }, `${n.due} due`), ` for review, ${n.fresh} new, of ${selected} selected.`);
      plan.render();
    }

    function draw(selected, capped, planned) {
      const hadFocus = root.contains(document.activeElement);
      if (!cur) {
        slot.replaceChildren(el("section", { cls: "flq-card", "aria-label": "Flashcard", tabindex: "-1" },
          !selected ? el("p", {}, "No questions match these filters.")
            : capped ? [el("p", {}, "Today's plan is done. Come back tomorrow, or keep going with more new cards."),
              button("Keep going", () => { session.more = true; next(); })]
              : el("p", {}, planned ? "Today's plan is done. Come back tomorrow." : "Nothing is due right now. Come back later, or change the filters.")));
        return;
      }
      const t = b.topicsById[cur.topic] || { title: cur.topic };
      const entry = F.store.load().questions[cur.id];
      const shown = cur;
      const view = F.flashcard({ b, card: cur,
        meta: `${t.title} · ${cur.level} · ${cur.kind}${cur.parent ? " · follow-up" : ""}` + (entry ? ` · box ${entry.box}, last: ${schedule.LABELS[entry.grade]}` : " · new"),
        actions: button("Skip", skip, { "aria-keyshortcuts": "N" }),
        keys: { n: skip },
        onGrade: (g, share) => {
          const e = schedule.grade(shown.id, g, { topic: shown.topic, parent: shown.parent && shown.parent.id, share, by: me });
          schedule.seen(session, shown.id, g);
          next();
          F.announce(`Graded ${schedule.LABELS[g]}: box ${e.box}. ${cur ? "Next card." : "No more cards due."}`);
        } });
      slot.replaceChildren(view.node);
      if (hadFocus) view.node.focus();
    }

    function skip() {
      if (!cur) return;
      const id = cur.id;
      schedule.seen(session, id, null);
      next(id);
      F.announce("Skipped.");
    }

    F.watch(root, (e) => {
      data.render();
      if (e.source === "persist" || e.source === "backup") return;
      if (e.source === "settings") { const cards = filters.pick(); return tell(schedule.next(F.store.load(), cards, session), cards.length); }
      session.seen.clear();
      next();
    }, me);
    next();
  }
})();
