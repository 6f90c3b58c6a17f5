/* bank.js: owns reading the question bank in the browser: the index (data/questions.js, loaded
   once by a <script>, since fetch is refused on file://), the cards it makes (each question,
   and each follow-up as a card of its own), and each topic page's answer file, loaded when a
   card first needs it. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const { el } = F;

  let pending = null;
  function bank(node) {
    const src = new URL(node.dataset.bank || "data/questions.js", location.href);
    const done = () => {
      const b = window.FLGUIDE_BANK;
      if (!b || !Array.isArray(b.questions) || !Array.isArray(b.topics)) throw new Error("no question bank");
      if (!b.cards) index(b, new URL("..", src));
      return b;
    };
    if (window.FLGUIDE_BANK) return Promise.resolve().then(done);
    pending = pending || new Promise((ok, fail) => {
      document.body.append(el("script", { src: src.href, onload: ok, onerror: () => { pending = null; fail(); } }));
    });
    return pending.then(done);
  }

  // Cards by id: questions, and follow-ups at "<question id>--<follow-up id>" with their parent.
  function index(b, root) {
    b.root = root;
    b.cards = {};
    b.topicsById = Object.fromEntries(b.topics.map((t) => [t.id, t]));
    for (const q of b.questions) {
      b.cards[q.id] = q;
      q.followUps = (q.follow_ups || []).map((fid) => (b.cards[`${q.id}--${fid}`] = { ...q, id: `${q.id}--${fid}`, fid, parent: q, question: `A follow-up to: ${q.question}` }));
    }
  }
  const href = (b, card) => `${new URL(card.page, b.root).href}#${card.id}`;

  // The answers of the topic page holding `card`: {id: {question, answer, example, key_points,
  // follow_ups: {fid: {question, answer}}}} as HTML, with links relative to the site root.
  const files = {};
  const rooted = (html, root) => {
    const t = el("template", { html });
    for (const a of t.content.querySelectorAll("a[href]")) a.setAttribute("href", new URL(a.getAttribute("href"), root).href);
    return t.innerHTML;
  };
  function answers(b, card) {
    const file = card.answers, have = () => (window.FLGUIDE_ANSWERS || {})[file];
    if (have()) return Promise.resolve().then(have);
    files[file] = files[file] || new Promise((ok, fail) => {
      document.body.append(el("script", { src: new URL(file, b.root).href, onload: () => (have() ? ok() : fail()),
        onerror: () => { delete files[file]; fail(new Error(`answers missing: ${file}`)); } }));
    });
    return files[file].then(have);
  }
  // One question's links resolved against the site root, when a card first shows it (the
  // whole file at once cost a slow phone a noticeable pause before the first card).
  function rootEntry(a, root) {
    if (!a || a.rooted) return a;
    for (const k of ["answer", "example"]) a[k] = rooted(a[k] || "", root);
    a.key_points = (a.key_points || []).map((p) => rooted(p, root));
    for (const f of Object.values(a.follow_ups || {})) f.answer = rooted(f.answer, root);
    return Object.defineProperty(a, "rooted", { value: true });
  }

  // What a card shows: {question, answer, example, key_points}; a follow-up has only its own.
  const content = (b, card) => answers(b, card).then((all) => {
    if (!card.parent) return rootEntry(all[card.id], b.root);
    const a = rootEntry(all[card.parent.id], b.root);
    const f = ((a || {}).follow_ups || {})[card.fid];
    return f && { question: f.question, answer: f.answer, example: "", key_points: [], parent: a.question };
  });

  Object.assign(F, { bank, href, content });
})();
