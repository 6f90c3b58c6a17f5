/* schedule.js: owns when a card comes back. The grade rules (Leitner boxes 1-5; Partly holds a
   card back half a step, Didn't know sends it to box 1), the order a session deals cards in (a
   missed card returns a few cards later; new cards alternate topics, weakest topic first), and
   the plan to an interview date (today's share of new cards, intervals capped at the last day).
   Pure functions of the stored state and the time, except grade(), which saves. */
(() => {
  const F = window.FLQ;
  if (!F) return;
  const DAY = 864e5, INTERVALS = [0, 1, 3, 7, 14], AGAIN_AFTER = 3;
  const LABELS = { know: "Knew it", partly: "Partly", dont: "Didn't know" };
  const SCORE = { know: 1, partly: 0.5, dont: 0 };

  function after(old, g, now) {
    const from = old ? old.box : 1;
    if (g === "know") { const box = Math.min(from + 1, 5); return { box, due: now + INTERVALS[box - 1] * DAY }; }
    if (g === "partly") return { box: from, due: now + Math.max(DAY / 2, (INTERVALS[from - 1] * DAY) / 2) };
    return { box: 1, due: now };
  }

  // The share of key points ticked suggests a grade: all, at least half, fewer.
  const suggest = (ticked, total) => (!total ? null : ticked === total ? "know" : ticked * 2 >= total ? "partly" : "dont");

  function grade(id, g, { topic = "", parent, share = null, by } = {}) {
    let saved = null, first = false;
    F.store.update((s) => {
      const old = s.questions[id], now = Date.now();
      first = !Object.keys(s.questions).length;
      saved = { grade: g, ...after(old, g, now), reviewed: now, seen: old ? old.seen : now,
        topic: topic || (old && old.topic) || "", share: Number.isFinite(share) ? share : null };
      if (parent) saved.parent = parent;
      s.questions[id] = saved;
    }, "grade", by);
    if (first) F.store.persist();
    return saved;
  }

  const midnight = (t) => { const d = new Date(t); d.setHours(0, 0, 0, 0); return d.getTime(); };
  const dayOf = (iso) => { const [y, m, d] = iso.split("-").map(Number); return new Date(y, m - 1, d).getTime(); };
  const days = (a, b) => Math.round((b - a) / DAY);

  // With an interview date: days left to study (the interview day itself not counted), how many
  // new cards today and reviews due, and whether the pace set on the day the date was chosen
  // holds. `ids` are the cards in play (null: every question, of which there are `total`).
  function plan(s, now = Date.now(), ids = null, total = 0) {
    const when = s.settings && s.settings.interview;
    if (!when) return null;
    const today = midnight(now), left = Math.max(1, days(today, dayOf(when)));
    const lastDay = today + (left - 1) * DAY;
    const entries = ids ? ids.map((id) => s.questions[id]).filter(Boolean) : Object.values(s.questions).filter((e) => !e.parent);
    const n = ids ? ids.length : total, unseen = Math.max(0, n - entries.length);
    const seenToday = entries.filter((e) => e.seen >= today).length;
    const newDays = Math.max(1, left - 1); // the last day is for reviews
    const newToday = Math.max(0, Math.ceil((unseen + seenToday) / newDays) - seenToday);
    const cap = { lastDay };
    const reviews = entries.filter((e) => due(e, cap) <= now).length;
    const start = midnight(s.settings.since || now), span = Math.max(1, days(start, dayOf(when)) - 1);
    const expected = Math.min(n, Math.ceil(n / span) * Math.max(0, days(start, today)));
    const behind = entries.filter((e) => e.seen < today).length < expected;
    return { left, lastDay, newToday, reviews, behind, past: dayOf(when) <= today };
  }
  // A card reviewed before the last day comes back by then, whatever its box says.
  const due = (e, p) => (p && e.reviewed < p.lastDay ? Math.min(e.due, p.lastDay) : e.due);

  // How well each topic is known: the mean key-point share (or grade) of its graded cards.
  function weakness(s) {
    const sum = {}, count = {};
    for (const e of Object.values(s.questions)) {
      sum[e.topic] = (sum[e.topic] || 0) + (e.share != null ? e.share : SCORE[e.grade]);
      count[e.topic] = (count[e.topic] || 0) + 1;
    }
    return (topic) => (count[topic] ? sum[topic] / count[topic] : 0.5);
  }

  // New cards: topics take turns, the weakest first; within a topic, bank order.
  function mix(cards, score) {
    const groups = new Map();
    for (const c of cards) groups.set(c.topic, [...(groups.get(c.topic) || []), c]);
    const order = [...groups.keys()].map((t, i) => [t, i]).sort((a, b) => score(a[0]) - score(b[0]) || a[1] - b[1]).map(([t]) => groups.get(t));
    const out = [];
    for (let i = 0; out.length < cards.length; i++) for (const g of order) if (g[i]) out.push(g[i]);
    return out;
  }

  /* The next card of a session: a missed card whose turn has come, then due cards (lowest box,
     weakest topic, longest overdue), then new cards (within today's plan unless `more`), then a
     missed card early rather than nothing. session: {count, seen: Set, again: [{id, at}], more}. */
  function next(s, cards, session, now = Date.now()) {
    const q = s.questions, ids = cards.map((c) => c.id), p = plan(s, now, ids), score = weakness(s);
    const inPlay = session.again.filter((a) => ids.includes(a.id));
    const turn = inPlay.find((a) => a.at <= session.count);
    const dueCards = cards.filter((c) => q[c.id] && due(q[c.id], p) <= now && !session.seen.has(c.id))
      .sort((a, b) => q[a.id].box - q[b.id].box || score(a.topic) - score(b.topic) || q[a.id].due - q[b.id].due);
    const fresh = mix(cards.filter((c) => !q[c.id] && !session.seen.has(c.id)), score);
    const capped = p && !session.more && p.newToday <= 0;
    const id = (turn || dueCards[0] || (!capped && fresh[0]) || inPlay[0] || {}).id || null;
    return { id, due: dueCards.length + (turn ? 1 : 0), fresh: fresh.length, plan: p, capped: capped && fresh.length > 0 };
  }

  // After a card is shown and graded (or skipped): a missed card comes back AGAIN_AFTER cards later.
  function seen(session, id, g) {
    session.count++;
    session.seen.add(id);
    session.again = session.again.filter((a) => a.id !== id);
    if (g === "dont") session.again.push({ id, at: session.count + AGAIN_AFTER - 1 });
  }

  const planLine = (p) => !p ? "" : p.past ? "Your interview date has passed: everything is due today."
    : `${p.left} ${p.left === 1 ? "day" : "days"} left · today: ${p.newToday} new, ${p.reviews} ${p.reviews === 1 ? "review" : "reviews"} · ${p.behind ? "behind" : "on track"}`;

  F.schedule = { DAY, LABELS, after, suggest, grade, plan, due, next, seen, planLine, midnight };
})();
