/* checklist.js: owns the ticks of the checklist page's task lists (the page carries
   data-flq="checklist"), saved in the store under "section heading :: item text", each with
   its time, so they survive reloads, rebuilds, reordering and a merging import. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const text = (n) => n.textContent.replace(/\s+/g, " ").trim();

  F.mount("checklist", () => {
    const boxes = [...document.querySelectorAll("article li.task-list-item > label > input[type=checkbox]")]
      .filter((i) => !i.dataset.flqKey);
    if (!boxes.length) return;
    for (const input of boxes) {
      const li = input.closest("li"), list = li.closest("ul, ol");
      let h = list;
      while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
      const item = text(li);
      input.dataset.flqKey = `${h ? text(h) : ""} :: ${item}`;
      input.disabled = false;
      if (!input.hasAttribute("aria-label")) input.setAttribute("aria-label", item);
      input.addEventListener("change", () => {
        F.store.update((s) => { s.checklist[input.dataset.flqKey] = { on: input.checked, at: Date.now() }; }, "checklist", "checklist");
        F.announce(`${input.checked ? "Ticked" : "Unticked"}: ${item}`);
      });
    }
    const render = () => {
      const done = F.store.load().checklist;
      for (const input of boxes) input.checked = !!(done[input.dataset.flqKey] || {}).on;
    };
    F.watch(boxes[0], render, "checklist");
    render();
  });
})();
