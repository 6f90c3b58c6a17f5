/* home.js: owns the home page's first step and progress: #flq-home-progress (new and due
   counts with the way to Practice, then totals), the per-topic .flq-topic-progress cells, and
   the export / import / reset panel. */
(() => {
  const F = window.FLQ;
  if (!F) return;

  F.onPage(() => {
    const box = document.getElementById("flq-home-progress");
    if (!box || box.dataset.flqMounted) return;
    box.dataset.flqMounted = "1";
    const cells = [...document.querySelectorAll(".flq-topic-progress[data-topic]")];
    // The export / import panel goes at the foot of the page (its placeholder), not above the topics.
    (document.getElementById("flq-home-data") || box).after(F.dataPanel());

    function render() {
      const entries = Object.values(F.load().questions), now = Date.now();
      let graded = 0, known = 0, total = 0;
      for (const cell of cells) {
        const mine = entries.filter((e) => e.topic === cell.dataset.topic);
        const n = Number(cell.dataset.total) || 0, g = Math.min(mine.length, n), k = Math.min(mine.filter((e) => e.grade === "know").length, n);
        graded += g;
        known += k;
        total += n;
        cell.replaceChildren(
          F.el("progress", { max: n || 1, value: g, "aria-hidden": "true" }), " ",
          `${g} of ${n} graded, ${k} known`);
      }
      const due = entries.filter((e) => e.due <= now).length, fresh = total - graded;
      const practice = F.el("a", { cls: "md-button md-button--primary", href: box.dataset.practice || "practice.html" },
        graded ? "Practice now" : "Start practising");
      box.replaceChildren(F.el("p", { cls: "flq-next" }, F.el("strong", { cls: "flq-due" }, `${fresh} new · ${due} due`), " ", practice),
        F.el("p", {}, graded ? `Graded ${graded} of ${total}; known ${known}.` : "New here? Practice deals the cards one at a time."));
    }

    F.onChange("home", () => box.isConnected && render());
    render();
  });
})();
