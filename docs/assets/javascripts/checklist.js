/* checklist.js: owns the ticks of the checklist page's task lists, saved in the store under
   "section heading :: item text" so they survive reloads, rebuilds and reordering. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const text = (n) => n.textContent.replace(/\s+/g, " ").trim();

  F.onPage(() => {
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
        const s = F.load();
        if (input.checked) s.checklist[input.dataset.flqKey] = true;
        else delete s.checklist[input.dataset.flqKey];
        F.save(s);
        F.announce(`${input.checked ? "Ticked" : "Unticked"}: ${item}`);
      });
    }
    const render = () => {
      const done = F.load().checklist;
      for (const input of boxes) input.checked = !!done[input.dataset.flqKey];
    };
    F.onChange("checklist", () => boxes[0].isConnected && render());
    render();
  });
})();
