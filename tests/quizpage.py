"""Helpers the browser tests of the quiz features share: the stored progress and the cards."""

from __future__ import annotations

import json
from datetime import UTC, datetime

T0 = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)  # a Monday morning; the browser runs in UTC
DAY_MS = 86_400_000
LEGACY_KEY = "flguide:progress"  # the unscoped key of builds before the store was scoped


def key(page) -> str:
    """The page's progress key, scoped to the site's path."""
    return page.evaluate("FLQ.store.KEY")


def stored(page) -> dict | None:
    raw = page.evaluate("localStorage.getItem(FLQ.store.KEY)")
    return None if raw is None else json.loads(raw)


def put(page, value: str | dict, storage_key: str | None = None) -> None:
    """Write a raw value (or a state) under the progress key, or under `storage_key`."""
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k || FLQ.store.KEY, v)", [storage_key, text])


def question(page, qid: str):
    return page.locator("details.question").filter(has=page.locator(f"[id='{qid}']"))


def open_and_grade(page, qid: str, label: str) -> None:
    q = question(page, qid)
    q.locator(":scope > summary").click()
    q.get_by_role("button", name=label, exact=True).click()


def card_id(page, root: str = "#flq-practice") -> str:
    page.wait_for_selector(f"{root} .flq-card[data-id]")
    return page.locator(f"{root} .flq-card").get_attribute("data-id")


def reveal_and_grade(page, key: str) -> str:
    """Reveal the Practice card on screen and grade it by key ("1", "2" or "3"); returns its id."""
    qid = card_id(page)
    page.keyboard.press("Space")
    page.locator("#flq-practice .flq-answer").wait_for()
    page.keyboard.press(key)
    return qid
