"""Progress that survives imports and corruption (issue 17, the browser half), in Chromium.

An import merges question by question (the newer grade wins) after a preview whose numbers
are what then changes; *Replace instead* replaces, behind a confirmation, exporting first
what it would lose; an unreadable stored value is kept for download with a visible notice;
and the first grade asks the browser to keep the progress.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from quizpage import DAY_MS, T0, open_and_grade, put, stored

from conftest import FIXTURES

NOW = int(T0.timestamp() * 1000)


@pytest.fixture(scope="module")
def base(build_site, serve):
    return serve(build_site(FIXTURES / "small.yaml"))


@pytest.fixture
def errors(page):
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    return found


def grade(g: str, at: int, box: int = 2, topic: str = "alpha") -> dict:
    return {"grade": g, "box": box, "due": at + DAY_MS, "reviewed": at, "seen": at, "topic": topic, "share": None}


def state(questions: dict, checklist: dict | None = None) -> dict:
    return {"version": 2, "questions": questions, "checklist": checklist or {}, "settings": {}, "mock": None}


# Here: q-one newer than the file's, q-two older, q-three the same, q-five only here.
LOCAL = state({"q-one": grade("know", NOW + 500), "q-two": grade("dont", NOW + 100, 1),
               "q-three": grade("partly", NOW, 1), "q-five": grade("know", NOW, 2, "beta")},
              {"Logistics :: Check the room": {"on": True, "at": NOW + 500}})
# The older export from another device: q-four only there.
FILE = state({"q-one": grade("dont", NOW + 200, 1), "q-two": grade("know", NOW + 300),
              "q-three": grade("partly", NOW, 1), "q-four": grade("know", NOW, 2, "beta")},
             {"Logistics :: Check the room": {"on": False, "at": NOW + 100},
              "Derive :: Derive the second thing": {"on": True, "at": NOW + 100}})


@pytest.fixture
def importing(page, base, tmp_path):
    """The home page with LOCAL stored, FILE chosen for import: the preview is showing."""
    page.goto(base + "index.html")
    put(page, LOCAL)
    page.reload()
    path = tmp_path / "older.json"
    path.write_text(json.dumps(FILE))
    page.set_input_files("input.flq-import", str(path))
    return page


def test_an_older_export_keeps_newer_grades_and_adds_the_missing_ones(importing, errors):
    page = importing
    preview = page.locator(".flq-preview")
    expect(preview).to_contain_text("This file adds 1, updates 1, keeps 1 newer grade here.")
    assert stored(page) == LOCAL  # nothing written yet
    preview.get_by_role("button", name="Merge").click()
    merged = stored(page)
    q = merged["questions"]
    assert sorted(q) == ["q-five", "q-four", "q-one", "q-three", "q-two"]
    assert q["q-one"] == LOCAL["questions"]["q-one"]  # kept: newer here
    assert q["q-two"] == FILE["questions"]["q-two"]  # updated: newer in the file
    assert q["q-four"] == FILE["questions"]["q-four"]  # added
    assert q["q-three"] == LOCAL["questions"]["q-three"] and q["q-five"] == LOCAL["questions"]["q-five"]
    # the preview's numbers are what changed
    changed = [k for k in q if q[k] != LOCAL["questions"].get(k)]
    assert sorted(changed) == ["q-four", "q-two"]
    # ticks merge the same way: the newer tick here stays, the file's other tick arrives
    assert merged["checklist"] == {"Logistics :: Check the room": {"on": True, "at": NOW + 500},
                                   "Derive :: Derive the second thing": {"on": True, "at": NOW + 100}}
    expect(preview).to_be_hidden()
    expect(page.locator(".flq-topic-progress").first).to_have_text("3 of 3 graded, 2 known")
    assert errors == []


def test_cancel_changes_nothing(importing, errors):
    page = importing
    page.locator(".flq-preview").get_by_role("button", name="Cancel").click()
    assert stored(page) == LOCAL
    assert errors == []


def test_replace_instead_asks_exports_what_it_would_lose_and_replaces(importing, tmp_path, errors):
    page = importing
    replace = page.locator(".flq-preview").get_by_role("button", name="Replace instead…")
    page.once("dialog", lambda d: d.dismiss())
    replace.click()
    assert stored(page) == LOCAL  # not confirmed: nothing replaced
    page.once("dialog", lambda d: d.accept())
    with page.expect_download() as download:
        replace.click()
    saved = tmp_path / "before-replace.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text()) == LOCAL  # what was here, exported first
    assert stored(page) == FILE
    expect(page.locator("#flq-live")).to_contain_text("exported first")
    assert errors == []


def test_an_unreadable_value_is_kept_for_download_with_a_visible_notice(page, base, tmp_path, errors):
    page.goto(base + "index.html")
    put(page, '{"version": 2, "questions": {"q-one": {"grade": "kn')  # a half-written value
    page.reload()
    notice = page.locator(".flq-data .flq-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    with page.expect_download() as download:
        notice.get_by_role("button", name="Download the unreadable data").click()
    kept = tmp_path / "kept.json"
    download.value.save_as(kept)
    assert [b["raw"] for b in json.loads(kept.read_text())] == ['{"version": 2, "questions": {"q-one": {"grade": "kn']

    # the guide works beside it, and a later save does not delete the backup
    page.goto(base + "topics/alpha.html")
    open_and_grade(page, "q-one", "Knew it")
    assert stored(page)["questions"]["q-one"]["grade"] == "know"
    page.goto(base + "practice.html")
    expect(page.locator("#flq-practice .flq-notice")).to_be_visible()

    page.once("dialog", lambda d: d.accept())
    page.locator("#flq-practice .flq-notice").get_by_role("button", name="Dismiss").click()
    expect(page.locator("#flq-practice .flq-notice")).to_be_hidden()
    assert page.evaluate("localStorage.getItem(FLQ.store.BACKUP)") is None
    assert stored(page)["questions"]["q-one"]["grade"] == "know"
    assert errors == []


STUB_PERSIST = """
window.__persistCalls = 0;
if (navigator.storage) {
  navigator.storage.persist = () => { window.__persistCalls++; return Promise.resolve(true); };
  navigator.storage.persisted = () => Promise.resolve(window.__persistCalls > 0);
}
"""


def test_the_first_grade_asks_the_browser_to_keep_the_progress(page, base, errors):
    page.add_init_script(STUB_PERSIST)
    page.goto(base + "practice.html")
    kept = page.locator("#flq-practice .flq-persist")
    expect(kept).to_have_text("Your progress stays in this browser; export it to move it.")
    assert page.evaluate("window.__persistCalls") == 0  # not before anything is worth keeping
    page.keyboard.press("Space")
    page.keyboard.press("1")
    page.wait_for_function("window.__persistCalls === 1")
    expect(kept).to_have_text("This browser keeps your progress even when space runs low.")
    page.keyboard.press("Space")
    page.keyboard.press("2")
    assert page.evaluate("window.__persistCalls") == 1  # asked once
    assert errors == []
