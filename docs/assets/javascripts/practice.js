/* practice.js: owns the Practice page (#flq-practice): filters, the due count, and the Leitner
   flashcard flow (reveal, self-grade, skip) with its keys: Space, 1/2/3, N. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, button, GRADES } = F;
  const KEYS = { 1: "know", 2: "partly", 3: "dont" };
  let app = null;

  F.onPage(() => {
    const root = document.getElementById("flq-practice");
    if (!root || root.dataset.flqMounted) return;
    root.dataset.flqMounted = "1";
    root.setAttribute("aria-busy", "true");
    root.textContent = "Loading the questions…";
    F.bank(root).then((b) => mount(root, b), () => { root.textContent = "The question bank could not be loaded."; })
      .finally(() => root.removeAttribute("aria-busy"));
  });

  function mount(root, b) {
    const topics = Object.fromEntries(b.topics.map((t) => [t.id, t]));
    const byId = Object.fromEntries(b.questions.map((q) => [q.id, q]));
    const seen = new Set();
    let cur = null, own = false; // own: our grade is being saved, not an import or reset
    const filters = F.filters(b, () => { seen.clear(); next(); });
    const status = el("p", { cls: "flq-status", "aria-live": "polite" });
    const card = el("section", { cls: "flq-card", "aria-label": "Flashcard", tabindex: "-1" });
    root.replaceChildren(filters, status, card, F.dataPanel());

    function next(skipId) {
      const ids = filters.pick().map((q) => q.id), { due, fresh } = F.queue(ids);
      let todo = [...due, ...fresh].filter((id) => !seen.has(id));
      if (!todo.length && due.length) {
        seen.clear();
        todo = due.length > 1 ? due.filter((id) => id !== skipId) : due;
      }
      cur = todo.length ? byId[todo[0]] : null;
      status.replaceChildren(el("strong", { cls: "flq-due" }, `${due.length} due`), ` for review, ${fresh.length} new, of ${ids.length} selected.`);
      draw();
    }

    function draw() {
      card.dataset.id = cur ? cur.id : "";
      if (!cur) {
        card.replaceChildren(el("p", {}, filters.pick().length ? "Nothing is due right now. Come back later, or change the filters." : "No questions match these filters."));
        return;
      }
      const t = topics[cur.topic] || { title: cur.topic };
      const entry = F.load().questions[cur.id];
      const shown = cur;
      const answer = el("div", { cls: "flq-answer", hidden: true, tabindex: "-1", "aria-label": "Answer" },
        el("div", { cls: "flq-answer-body" }, "Loading the answer…"),
        el("p", { cls: "flq-label" }, el("strong", {}, "Sample answer")),
        el("blockquote", { cls: "flq-example" }),
        cur.page && el("p", {}, el("a", { href: new URL(cur.page, b.root).href + "#" + cur.id }, "Open it in the guide")));
      const grades = el("div", { cls: "flq-grade", role: "group", "aria-label": "Grade yourself", hidden: true },
        Object.entries(KEYS).map(([k, g]) => button(GRADES[g], () => grade(g), { "data-grade": g, "aria-keyshortcuts": k })));
      for (const bt of grades.children) bt.prepend(el("kbd", { "aria-hidden": "true" }, bt.getAttribute("aria-keyshortcuts")), " ");
      const actions = el("div", { cls: "flq-actions" },
        button("Reveal answer", reveal, { cls: "flq-btn flq-reveal", "aria-keyshortcuts": "Space" }),
        button("Skip", skip, { "aria-keyshortcuts": "N" }));
      card.replaceChildren(
        el("p", { cls: "flq-meta" }, `${t.title} · ${cur.level} · ${cur.kind}` + (entry ? ` · box ${entry.box}, last: ${GRADES[entry.grade]}` : " · new")),
        el("h2", { cls: "flq-q" }, cur.question), actions, answer, grades);
      F.answers(b, cur).then((all) => {
        const found = all[shown.id];
        if (cur !== shown || !found) return;
        card.querySelector(".flq-q").innerHTML = found.question;
        card.querySelector(".flq-answer-body").innerHTML = found.answer;
        card.querySelector(".flq-answer-body").prepend(F.keyPoints(found.key_points));
        card.querySelector(".flq-example").innerHTML = found.example;
      }, () => { card.querySelector(".flq-answer-body").textContent = "This answer could not be loaded; open it in the guide."; });
    }

    function reveal() {
      const answer = card.querySelector(".flq-answer");
      if (!cur || !answer.hidden) return;
      const hadFocus = card.contains(document.activeElement);
      answer.hidden = false;
      card.querySelector(".flq-grade").hidden = false;
      card.querySelector(".flq-reveal").hidden = true;
      if (hadFocus) answer.focus();
      F.announce("Answer shown. Grade yourself: 1 Knew it, 2 Partly, 3 Didn't know.");
    }

    function grade(g) {
      if (!cur || card.querySelector(".flq-answer").hidden) return;
      const hadFocus = card.contains(document.activeElement), id = cur.id;
      own = true;
      const e = F.grade(id, g, cur.topic);
      own = false;
      seen.add(id);
      next(id);
      if (hadFocus) card.focus();
      F.announce(`Graded ${GRADES[g]}: box ${e.box}. ${cur ? "Next card." : "No more cards due."}`);
    }

    function skip() {
      if (!cur) return;
      const hadFocus = card.contains(document.activeElement);
      seen.add(cur.id);
      next(cur.id);
      if (hadFocus) card.focus();
      F.announce("Skipped.");
    }

    app = { root, reveal, skip, grade };
    F.onChange("practice", () => { if (root.isConnected && !own) { seen.clear(); next(); } });
    next();
  }

  document.addEventListener("keydown", (e) => {
    if (!app || !app.root.isConnected || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target, tag = t.tagName || "";
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(tag) || t.isContentEditable) return;
    const k = e.key.toLowerCase();
    if (k === " " && /^(BUTTON|A|SUMMARY)$/.test(tag)) return;
    if (k === " ") app.reveal();
    else if (k === "n") app.skip();
    else if (KEYS[k]) app.grade(KEYS[k]);
    else return;
    e.preventDefault();
    e.stopPropagation(); // keep Material's own "n" (next page) key away
  });
})();
