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
  // follow_ups: {fid: {question, answer}}}} as HTML, with links resolved against the site root.
  const files = {};
  const rooted = (html, root) => {
    const t = el("template", { html });
    for (const a of t.content.querySelectorAll("a[href]")) a.setAttribute("href", new URL(a.getAttribute("href"), root).href);
    return t.innerHTML;
  };
  function answers(b, card) {
    const file = card.answers, have = () => (window.FLGUIDE_ANSWERS || {})[file];
    const done = () => {
      const all = have();
      if (!all.rooted) for (const a of Object.values(all)) {
        for (const k of ["answer", "example"]) a[k] = rooted(a[k] || "", b.root);
        a.key_points = (a.key_points || []).map((p) => rooted(p, b.root));
        for (const f of Object.values(a.follow_ups || {})) f.answer = rooted(f.answer, b.root);
      }
      return Object.defineProperty(all, "rooted", { value: true });
    };
    if (have()) return Promise.resolve().then(done);
    files[file] = files[file] || new Promise((ok, fail) => {
      document.body.append(el("script", { src: new URL(file, b.root).href, onload: () => (have() ? ok() : fail()),
        onerror: () => { delete files[file]; fail(new Error(`answers missing: ${file}`)); } }));
    });
    return files[file].then(done);
  }

  // What a card shows: {question, answer, example, key_points}; a follow-up has only its own.
  const content = (b, card) => answers(b, card).then((all) => {
    if (!card.parent) return all[card.id];
    const f = ((all[card.parent.id] || {}).follow_ups || {})[card.fid];
    return f && { question: f.question, answer: f.answer, example: "", key_points: [], parent: all[card.parent.id].question };
  });

  Object.assign(F, { bank, href, content });
})();
