"""Drilling like the interview goes (issue 16), in Debian's Chromium via Playwright.

Key points as a checklist that suggests a grade, a coach's order of cards (a missed card comes
back within the session, new cards take turns between topics, Partly and Didn't know differ),
follow-ups as cards of their own, the plan to an interview date, and the store that keeps it
all: scoped to the site's path, upgraded from version 1, exported and imported whole.
Most tests use a bank of 30 questions in 5 topics, each with five key points; time is
Playwright's clock.
"""

from __future__ import annotations

import json
import shutil

import pytest
from playwright.sync_api import expect
from quizpage import DAY_MS, LEGACY_KEY, T0, card_id, key, put, reveal_and_grade, stored

from conftest import FIXTURES, axe_violations, drill_bank, set_scheme

NOW = int(T0.timestamp() * 1000)


@pytest.fixture(scope="module")
def drill(build_site, tmp_path_factory):
    return build_site(drill_bank(tmp_path_factory.mktemp("drill") / "drill.yaml"))


@pytest.fixture(params=["http", "file"])
def practice(request, page, drill, serve):
    """Practice on the drill site at T0, served over http or opened from disk (offline)."""
    page.clock.install(time=T0)
    page.goto((serve(drill) if request.param == "http" else drill.as_uri() + "/") + "practice.html")
    card_id(page)
    return page


@pytest.fixture
def errors(page):
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    return found


def plan_line(page) -> str:
    return page.locator(".flq-plan__line").inner_text()


def set_date(page, iso: str) -> None:
    """Type the interview date, then leave the field, as a reader would, so the card keys work."""
    field = page.get_by_label("My interview is on")
    field.fill(iso)
    field.blur()


# 1. Key points --------------------------------------------------------------------------------

def test_ticked_key_points_suggest_a_grade_and_the_share_is_kept(practice, errors):
    page = practice
    qid = card_id(page)
    page.keyboard.press("Space")
    boxes = page.locator("#flq-practice .flq-key-points input[type=checkbox]")
    expect(boxes).to_have_count(5)
    suggested = page.locator("#flq-practice .flq-grade .flq-suggested")
    for i in range(3):
        boxes.nth(i).check()
    expect(page.locator(".flq-suggest")).to_have_text("3 of 5 points: suggested grade Partly.")
    expect(suggested).to_have_count(1)
    assert suggested.get_attribute("data-grade") == "partly"
    boxes.nth(2).uncheck()
    expect(page.locator(".flq-suggest")).to_have_text("2 of 5 points: suggested grade Didn't know.")
    assert suggested.get_attribute("data-grade") == "dont"
    for i in range(5):
        boxes.nth(i).check()
    assert suggested.get_attribute("data-grade") == "know"
    boxes.nth(4).uncheck()
    boxes.nth(3).uncheck()
    boxes.nth(2).uncheck()
    # the suggestion is only a suggestion: the reader picks Partly anyway
    page.get_by_role("button", name="Partly").click()
    saved = stored(page)["questions"][qid]
    assert saved["grade"] == "partly" and saved["share"] == pytest.approx(0.4)

    page.reload()
    saved = stored(page)["questions"][qid]
    assert saved["grade"] == "partly" and saved["share"] == pytest.approx(0.4)
    assert errors == []


def test_key_points_can_be_ticked_and_graded_with_the_keyboard_alone(practice, errors):
    page = practice
    qid = card_id(page)
    page.keyboard.press("Space")
    ticked = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            page.keyboard.press("Space")  # ticks the box, does not reveal or skip
            ticked += 1
            if ticked == 4:
                break
    assert ticked == 4
    expect(page.locator(".flq-suggest")).to_have_text("4 of 5 points: suggested grade Partly.")
    page.keyboard.press("2")  # from the checkbox, the grade key still grades
    saved = stored(page)["questions"][qid]
    assert saved["grade"] == "partly" and saved["share"] == pytest.approx(0.8)
    assert card_id(page) != qid
    assert errors == []


def test_grading_without_the_checklist_stores_no_share(practice, errors):
    qid = reveal_and_grade(practice, "1")
    assert stored(practice)["questions"][qid]["share"] is None
    assert errors == []


# 3. The coach -------------------------------------------------------------------------------

def test_a_missed_card_comes_back_within_five_cards(practice, errors):
    page = practice
    missed = reveal_and_grade(page, "3")
    after = [reveal_and_grade(page, "1") for _ in range(5)]
    assert missed in after, after
    assert after.index(missed) < 5
    assert errors == []


def test_the_first_ten_new_cards_span_at_least_four_topics(practice, errors):
    shown = [reveal_and_grade(practice, "1") for _ in range(10)]
    topics = {qid.rsplit("-", 1)[0] for qid in shown}
    assert len(topics) >= 4, shown
    assert len(set(shown)) == 10
    assert errors == []


def test_the_weakest_topic_comes_first_once_grades_exist(practice, errors):
    page = practice
    first = reveal_and_grade(page, "3")  # alpha-1: a topic now known badly
    weak = first.rsplit("-", 1)[0]
    shown = [reveal_and_grade(page, "1") for _ in range(2)]
    # the missed card waits its turn, but the next new card is from the weak topic
    assert shown[0].rsplit("-", 1)[0] == weak, shown
    assert errors == []


def test_partly_and_didnt_know_give_different_due_times(practice, errors):
    page = practice
    partly = reveal_and_grade(page, "2")
    dont = reveal_and_grade(page, "3")
    q = stored(page)["questions"]
    assert q[dont]["due"] - NOW < 60_000  # again today: relearn
    assert abs(q[partly]["due"] - NOW - DAY_MS // 2) < 60_000  # half a day
    assert q[partly]["due"] > q[dont]["due"]
    assert errors == []


# 2. Follow-ups as cards -----------------------------------------------------------------------

def test_include_follow_ups_makes_them_cards_of_their_own(practice, errors):
    page = practice
    status = page.locator("#flq-practice .flq-status")
    assert "of 30 selected" in status.inner_text()
    page.get_by_role("checkbox", name="Include follow-ups").check()
    expect(status).to_contain_text("of 90 selected")
    page.get_by_role("checkbox", name="Alpha topic").uncheck()
    page.get_by_role("checkbox", name="Beta topic").uncheck()
    page.get_by_role("checkbox", name="Gamma topic").uncheck()
    page.get_by_role("checkbox", name="Delta topic").uncheck()
    expect(status).to_contain_text("of 18 selected")
    seen = [reveal_and_grade(page, "1") for _ in range(18)]
    follow_ups = [s for s in seen if "--" in s]
    assert len(follow_ups) == 12 and len(set(seen)) == 18
    one = follow_ups[0]
    saved = stored(page)["questions"][one]
    assert saved["parent"] == one.split("--")[0] and saved["topic"] == "epsilon"
    assert errors == []


# 5. The plan to an interview date ---------------------------------------------------------------

def study_until_done(page, limit: int = 80) -> list[str]:
    """Grade every card Practice deals (Knew it) until today's plan is done; the ids shown."""
    shown = []
    for _ in range(limit):
        card = page.locator("#flq-practice .flq-card")
        if "Today's plan is done" in card.inner_text():
            return shown
        shown.append(reveal_and_grade(page, "1"))
    pytest.fail("the plan never finished the day")


def test_a_three_day_plan_deals_all_thirty_cards_by_day_two(practice, errors):
    page = practice
    set_date(page, "2030-01-10")  # Thursday; Monday to Wednesday to study
    expect(page.locator(".flq-plan__line")).to_have_text("3 days left · today: 15 new, 0 reviews · on track")
    day1 = study_until_done(page)
    assert len(day1) == 15 and len(set(day1)) == 15
    expect(page.locator(".flq-plan__line")).to_have_text("3 days left · today: 0 new, 0 reviews · on track")
    page.get_by_role("button", name="Keep going").wait_for()  # the reader may go on

    page.clock.fast_forward(DAY_MS)
    page.reload()
    # Tuesday: the other 15 new cards, and Monday's cards are due again
    expect(page.locator(".flq-plan__line")).to_have_text("2 days left · today: 15 new, 15 reviews · on track")
    day2 = study_until_done(page)
    assert set(day1) <= set(day2)
    assert len(stored(page)["questions"]) == 30  # every card seen by day 2
    assert stored(page)["settings"]["interview"] == "2030-01-10"

    page.clock.fast_forward(DAY_MS)
    page.reload()
    # Wednesday, the last day: no new cards, and every card comes back once more before Thursday
    line = plan_line(page)
    assert line.startswith("1 day left · today: 0 new, 30 reviews")
    assert errors == []


def test_a_skipped_day_is_caught_up(practice, errors):
    page = practice
    set_date(page, "2030-01-10")
    page.clock.fast_forward(DAY_MS)  # Monday passes without study
    page.reload()
    expect(page.locator(".flq-plan__line")).to_have_text("2 days left · today: 30 new, 0 reviews · behind")
    assert len(study_until_done(page)) == 30
    expect(page.locator(".flq-plan__line")).to_contain_text("today: 0 new")
    assert errors == []


def test_without_a_date_practice_behaves_as_before(practice, errors):
    page = practice
    assert plan_line(page) == ""
    shown = [reveal_and_grade(page, "1") for _ in range(30)]
    assert len(set(shown)) == 30
    expect(page.locator("#flq-practice .flq-card")).to_contain_text("Nothing is due right now")
    assert errors == []


def test_the_home_page_shows_the_plan_for_the_date(page, drill, serve, errors):
    page.clock.install(time=T0)
    page.goto(serve(drill) + "index.html")
    page.get_by_label("My interview is on").fill("2030-01-09")
    expect(page.locator("#flq-home-progress .flq-plan__line")).to_have_text(
        "2 days left · today: 30 new, 0 reviews · on track")
    page.reload()
    assert page.get_by_label("My interview is on").input_value() == "2030-01-09"
    assert errors == []


# The store ------------------------------------------------------------------------------------

def test_version_1_progress_is_upgraded_with_nothing_lost(page, build_site, serve, errors):
    base = serve(build_site(FIXTURES / "small.yaml"))
    page.goto(base + "index.html")
    v1 = {"version": 1, "questions": {
        "q-one": {"grade": "know", "box": 3, "due": NOW + 3 * DAY_MS, "reviewed": NOW, "topic": "alpha"},
        "q-four": {"grade": "dont", "box": 1, "due": NOW, "reviewed": NOW - 5, "topic": "beta"}},
        "checklist": {"Derive :: Derive the second thing": True}}
    put(page, v1, LEGACY_KEY)
    page.goto(base + "topics/alpha.html")
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["1 of 3", "1 of 3"])
    state = stored(page)
    assert state["version"] == 2
    for qid, old in v1["questions"].items():
        new = state["questions"][qid]
        assert {k: new[k] for k in old} == old
        assert new["share"] is None and new["seen"] == old["reviewed"]
    assert state["checklist"] == {"Derive :: Derive the second thing": {"on": True, "at": 0}}
    assert page.evaluate(f"localStorage.getItem('{LEGACY_KEY}')") is None  # moved, not copied
    page.goto(base + "checklist.html")
    expect(page.get_by_role("checkbox", name="Derive the second thing")).to_be_checked()
    assert errors == []


def test_two_guides_on_one_host_keep_their_own_progress(page, build_site, serve, tmp_path, errors):
    site = build_site(FIXTURES / "small.yaml")
    shutil.copytree(site, tmp_path / "one")
    shutil.copytree(site, tmp_path / "two")
    base = serve(tmp_path)
    page.goto(base + "one/topics/alpha.html")
    assert key(page) == "/one/.flguide:progress"
    page.locator("details.question:has(#q-one) > summary").click()
    page.locator("details.question:has(#q-one)").get_by_role("button", name="Knew it").click()
    page.goto(base + "two/topics/alpha.html")
    assert key(page) == "/two/.flguide:progress"
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["0 of 3", "0 of 3"])
    assert errors == []


def test_export_reset_import_round_trips_the_date_and_the_shares(practice, tmp_path, errors):
    page = practice
    set_date(page, "2030-01-12")
    qid = card_id(page)
    page.keyboard.press("Space")
    page.locator("#flq-practice .flq-key-points input").first.check()
    page.get_by_role("button", name="Didn't know").click()
    before = stored(page)
    assert before["questions"][qid]["share"] == pytest.approx(0.2)
    assert before["settings"]["interview"] == "2030-01-12"

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == before
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert stored(page) is None
    expect(page.get_by_label("My interview is on")).to_have_value("")

    page.set_input_files("#flq-practice input.flq-import", str(exported))
    page.get_by_role("button", name="Merge").click()
    assert stored(page) == before
    expect(page.get_by_label("My interview is on")).to_have_value("2030-01-12")
    assert errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_new_controls_pass_axe(practice, scheme, errors):
    page = practice
    set_scheme(page, scheme)
    set_date(page, "2030-01-10")
    page.keyboard.press("Space")
    page.locator("#flq-practice .flq-key-points input").nth(1).check()
    expect(page.locator(".flq-suggest")).to_be_visible()
    assert axe_violations(page) == []
    assert errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_mock_summary_and_the_progress_panel_pass_axe(page, drill, serve, scheme, tmp_path, errors):
    base = serve(drill)
    page.goto(base + "mock.html")
    set_scheme(page, scheme)
    page.get_by_label("Questions", exact=True).fill("1")
    page.get_by_role("button", name="Start the interview").click()
    for grade in ("1", "3"):  # the question, then its follow-up
        page.keyboard.press("Space")
        page.keyboard.press(grade)
    expect(page.locator("#flq-mock .flq-missed li")).to_have_count(1)
    assert axe_violations(page) == []

    # the panel at its fullest: the notice of unreadable data and an import preview
    page.goto(base + "index.html")
    put(page, "{half-written")
    page.reload()
    exported = tmp_path / "progress.json"
    exported.write_text(json.dumps({"version": 2, "questions": {}, "checklist": {}, "settings": {}, "mock": None}))
    page.set_input_files("input.flq-import", str(exported))
    expect(page.locator(".flq-preview")).to_be_visible()
    expect(page.locator(".flq-notice")).to_be_visible()
    assert axe_violations(page) == []
    assert errors == []
