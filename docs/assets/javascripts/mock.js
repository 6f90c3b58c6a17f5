/* mock.js: owns the Mock interview page (#flq-mock): the setup form, N random questions with a
   per-question countdown, reveal and self-grade, and the printable summary. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el, button, GRADES } = F;
  // The same keys as Practice: Space reveals, 1 2 3 grade.
  const KEYS = { 1: "know", 2: "partly", 3: "dont" };
  let current = null; // the question on screen: {root, reveal, grade, revealed}

  F.onPage(() => {
    const root = document.getElementById("flq-mock");
    if (!root || root.dataset.flqMounted) return;
    root.dataset.flqMounted = "1";
    root.setAttribute("aria-busy", "true");
    root.textContent = "Loading the questions…";
    F.bank(root).then((b) => setup(root, b), () => { root.textContent = "The question bank could not be loaded."; })
      .finally(() => root.removeAttribute("aria-busy"));
  });

  function setup(root, b) {
    const topics = Object.fromEntries(b.topics.map((t) => [t.id, t]));
    const number = (label, name, value, max) => el("label", { cls: "flq-number" }, label + " ",
      el("input", { type: "number", name, value, min: 1, max, required: true }));
    const note = el("p", { cls: "flq-status", "aria-live": "polite" });
    const filters = F.filters(b, () => count());
    const form = el("form", { cls: "flq-setup", "aria-label": "Mock interview settings" }, filters,
      number("Questions", "n", 8, 50), number("Minutes per question", "minutes", 3, 30), note,
      el("button", { type: "submit", cls: "flq-btn flq-primary" }, "Start the interview"));
    const count = () => { note.textContent = `${filters.pick().length} questions match the filters.`; };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const pool = filters.pick();
      if (!pool.length) return F.announce("No questions match the filters.");
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      const n = Math.max(1, Math.min(pool.length, Number(form.elements.n.value) || 8));
      const limit = Math.max(1, Math.min(30, Number(form.elements.minutes.value) || 3)) * 60e3;
      run(pool.slice(0, n), limit);
    });
    root.replaceChildren(form);
    count();

    function run(qs, limit) {
      const results = [];
      let timer = 0;
      const ask = (i) => {
        const q = qs[i], start = Date.now();
        let used = null, warned = false;
        const clock = el("span", { cls: "flq-clock" }, F.mmss(limit));
        const fill = el("span");
        const body = el("div", {}, "Loading the answer…"), example = el("blockquote");
        const answer = el("div", { cls: "flq-answer", hidden: true, tabindex: "-1", "aria-label": "Model answer" },
          body, el("p", { cls: "flq-label" }, el("strong", {}, "Sample answer")), example);
        const revealBtn = button("Reveal the model answer", () => reveal(false), { cls: "flq-btn flq-reveal", "aria-keyshortcuts": "Space" });
        const grades = el("div", { cls: "flq-grade", role: "group", "aria-label": "Grade yourself", hidden: true },
          Object.entries(KEYS).map(([k, g]) => button(GRADES[g], () => grade(g), { "data-grade": g, "aria-keyshortcuts": k })));
        for (const bt of grades.children) bt.prepend(el("kbd", { "aria-hidden": "true" }, bt.getAttribute("aria-keyshortcuts")), " ");
        const heading = el("h2", { cls: "flq-q", tabindex: "-1" }, q.question);
        F.answers(b, q).then((all) => {
          const found = all[q.id];
          if (!found) return;
          heading.innerHTML = q.html = found.question;
          body.innerHTML = found.answer;
          body.prepend(F.keyPoints(found.key_points));
          example.innerHTML = found.example;
        }, () => { body.textContent = "This answer could not be loaded; open it in the guide."; });
        root.replaceChildren(el("section", { cls: "flq-card", "aria-label": "Mock interview question", "data-id": q.id },
          el("p", { cls: "flq-meta" }, `Question ${i + 1} of ${qs.length} · ${(topics[q.topic] || {}).title || q.topic}`),
          heading,
          el("div", { cls: "flq-timer", role: "timer", "aria-label": "Time left" }, clock,
            el("span", { cls: "flq-timebar", "aria-hidden": "true" }, fill)),
          el("div", { cls: "flq-actions" }, revealBtn), answer, grades));
        heading.focus();

        const tick = () => {
          if (!root.isConnected) return clearInterval(timer);
          const left = limit - (Date.now() - start);
          clock.textContent = F.mmss(left);
          fill.style.width = `${Math.max(0, left / limit) * 100}%`;
          if (!warned && left <= 60e3 && limit > 60e3 && left > 0) { warned = true; F.announce("One minute left."); }
          if (left <= 0) reveal(true);
        };
        const reveal = (timeUp) => {
          if (used !== null) return;
          clearInterval(timer);
          used = Math.min(limit, Date.now() - start);
          answer.hidden = grades.hidden = false;
          revealBtn.hidden = true;
          root.querySelector(".flq-timer").classList.add("flq-stopped");
          answer.focus();
          F.announce(`${timeUp ? "Time is up. " : ""}Model answer shown. Grade yourself.`);
        };
        const grade = (g) => {
          if (used === null || current.graded) return;
          current.graded = true;
          F.grade(q.id, g, q.topic);
          results.push({ q, g, used });
          if (i + 1 < qs.length) ask(i + 1);
          else summary();
        };
        current = { root, reveal, grade, graded: false };
        clearInterval(timer);
        timer = setInterval(tick, 250);
        tick();
      };

      const summary = () => {
        current = null;
        const weak = [...new Set(results.filter((r) => r.g !== "know").map((r) => r.q.topic))];
        const total = results.reduce((s, r) => s + r.used, 0);
        const heading = el("h2", { tabindex: "-1" }, "Summary");
        const tally = Object.entries(GRADES).map(([g, label]) => `${label}: ${results.filter((r) => r.g === g).length}`).join(" · ");
        root.replaceChildren(el("section", { cls: "flq-summary", "aria-label": "Mock interview summary" },
          heading,
          el("p", {}, `${results.length} questions in ${F.mmss(total, Math.round)}. ${tally}.`),
          el("table", {},
            el("thead", {}, el("tr", {}, ["#", "Question", "Grade", "Time used"].map((h) => el("th", { scope: "col" }, h)))),
            el("tbody", {}, results.map((r, i) => el("tr", { "data-id": r.q.id },
              el("td", {}, String(i + 1)), r.q.html ? el("td", { html: r.q.html }) : el("td", {}, r.q.question),
              el("td", { "data-grade": r.g }, GRADES[r.g]), el("td", {}, F.mmss(r.used, Math.round)))))),
          el("h3", {}, "Topics to review"),
          weak.length
            ? el("ul", { cls: "flq-review" }, weak.map((id) => el("li", {}, topics[id]
              ? el("a", { href: new URL(topics[id].page, b.root).href }, topics[id].title) : id)))
            : el("p", {}, "None: you knew every answer."),
          el("div", { cls: "flq-actions" },
            button("Print the summary", () => window.print()),
            button("Start another interview", () => { root.replaceChildren(form); count(); }))));
        heading.focus();
        F.announce("Interview finished. The summary follows.");
      };

      ask(0);
    }
  }
  document.addEventListener("keydown", (e) => {
    if (!current || !current.root.isConnected || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target, tag = t.tagName || "", k = e.key.toLowerCase();
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(tag) || t.isContentEditable) return;
    if (k === " " && /^(BUTTON|A|SUMMARY)$/.test(tag)) return;
    if (k === " ") current.reveal(false);
    else if (KEYS[k]) current.grade(KEYS[k]);
    else return;
    e.preventDefault();
  });
})();
