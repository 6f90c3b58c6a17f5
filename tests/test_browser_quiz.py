"""Browser behaviour of the self-quizzing features (issue 4), in Debian's Chromium via Playwright.

Every test builds the site from tests/fixtures/small.yaml (5 questions, 2 topics). Flows that
do not need instant navigation run twice: over http and on the built site opened from disk
(file://). Time is Playwright's fake clock, so the Leitner schedule and the countdown are exact.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from quizpage import DAY_MS, T0, card_id, open_and_grade, put, question, stored

from conftest import FIXTURES, make_project, run_mkdocs


@pytest.fixture(scope="module")
def site(build_site):
    return build_site(FIXTURES / "small.yaml")


@pytest.fixture(params=["http", "file"])
def base(request, site, serve):
    return serve(site) if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def http_base(site, serve):
    return serve(site)


@pytest.fixture
def errors(page):
    """Uncaught page errors; every test asserts this stays empty."""
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    return found


def meters(page) -> list[str]:
    return page.locator(".flq-toolbar .flq-meter__text").all_inner_texts()


# 1. Quiz mode on a topic page ------------------------------------------------------------------

def test_answers_start_closed_and_a_grade_survives_reload(page, base, errors):
    page.goto(base + "topics/alpha.html")
    details = page.locator("details.question")
    assert details.count() == 3
    assert details.evaluate_all("ds => ds.map(d => d.open)") == [False, False, False]
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["0 of 3", "0 of 3"])

    page.get_by_role("button", name="Show all answers").click()
    assert details.evaluate_all("ds => ds.map(d => d.open)") == [True, True, True]
    page.get_by_role("button", name="Hide all answers").click()
    assert details.evaluate_all("ds => ds.map(d => d.open)") == [False, False, False]

    q = question(page, "q-two")
    assert not q.get_by_role("button", name="Partly").is_visible()
    q.locator(":scope > summary").click()
    expect(page.locator("#flq-live")).to_contain_text("Answer shown")
    q.get_by_role("button", name="Partly", exact=True).click()
    assert q.get_by_role("button", name="Partly").get_attribute("aria-pressed") == "true"
    expect(q.locator(".flq-mark")).to_have_text("Partly")
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["1 of 3", "0 of 3"])
    expect(page.locator("#flq-live")).to_contain_text("Graded Partly")

    page.reload()
    assert details.evaluate_all("ds => ds.map(d => d.open)") == [False, False, False]
    q = question(page, "q-two")
    expect(q.locator(".flq-mark")).to_have_text("Partly")
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["1 of 3", "0 of 3"])
    q.locator(":scope > summary").click()
    assert q.get_by_role("button", name="Partly").get_attribute("aria-pressed") == "true"
    assert q.get_by_role("button", name="Knew it").get_attribute("aria-pressed") == "false"

    state = stored(page)
    assert state["version"] == 2
    assert set(state["questions"]) == {"q-two"}
    assert state["questions"]["q-two"]["grade"] == "partly"
    assert state["questions"]["q-two"]["topic"] == "alpha"
    assert errors == []


def route_sitemap(page, site, base: str) -> None:
    """Material only navigates instantly to URLs listed in sitemap.xml, matched with host *and port*.

    The built sitemap is empty while mkdocs.yml has site_url: "" (and a real site_url names
    another port than the test server), so the test serves one listing the pages at `base`.
    """
    urls = "".join(f"<url><loc>{base}{p.relative_to(site).as_posix()}</loc></url>" for p in site.rglob("*.html"))
    body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=body, content_type="application/xml"))


@pytest.mark.slow
def test_site_url_from_the_environment_turns_instant_navigation_on(tmp_path, browser, serve):
    """With SITE_URL set at build time (the Pages workflow sets it), the real sitemap lists the
    pages and Material navigates without reloading; no test routing of sitemap.xml."""
    site = tmp_path / "p" / "site"
    base = serve(site)  # the server reads files per request, so its address can go into the build
    result = run_mkdocs(make_project(tmp_path / "p", FIXTURES / "small.yaml"), env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    assert f"<loc>{base}topics/beta.html</loc>" in (site / "sitemap.xml").read_text()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "topics/alpha.html")
        page.wait_for_selector(".flq-toolbar button")
        page.evaluate("window.__samePage = true")
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url("**/topics/beta.html")
        page.wait_for_selector(".flq-toolbar[data-topic=beta] button")
        assert page.evaluate("window.__samePage") is True, "the page was reloaded: no instant navigation"
    finally:
        context.close()


def test_grades_survive_instant_navigation_without_double_mounting(page, site, http_base, errors):
    route_sitemap(page, site, http_base)
    page.goto(http_base + "topics/alpha.html")
    open_and_grade(page, "q-one", "Knew it")
    page.evaluate("window.__samePage = true")

    page.locator("a.md-footer__link--next").click()  # Beta topic, through instant navigation
    page.wait_for_url("**/topics/beta.html")
    page.wait_for_selector(".flq-toolbar[data-topic=beta] .flq-meter")
    assert page.evaluate("window.__samePage") is True, "the page was reloaded: no instant navigation"
    open_and_grade(page, "q-four", "Didn't know")
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["1 of 2", "0 of 2"])

    page.locator("nav.md-nav a", has_text="Alpha topic").first.click()
    page.wait_for_url("**/topics/alpha.html")
    page.wait_for_selector(".flq-toolbar[data-topic=alpha] .flq-meter")
    assert page.evaluate("window.__samePage") is True
    assert question(page, "q-one").locator(".flq-mark").inner_text() == "Knew it"
    expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["1 of 3", "1 of 3"])
    assert page.locator(".flq-toolbar button").count() == 1  # mounted once
    assert question(page, "q-one").locator(".flq-grade button").count() == 3

    page.go_back()  # popstate, also handled by instant navigation
    page.wait_for_url("**/topics/beta.html")
    page.wait_for_selector(".flq-toolbar[data-topic=beta] .flq-meter")
    assert question(page, "q-four").locator(".flq-mark").inner_text() == "Didn't know"

    page.locator("nav.md-nav a", has_text="Home").first.click()
    page.wait_for_url("**/index.html")
    page.wait_for_selector("#flq-home-progress p")
    assert page.evaluate("window.__samePage") is True
    cells = page.locator(".flq-topic-progress").all_inner_texts()
    assert [c.strip() for c in cells] == ["1 of 3 graded, 1 known", "1 of 2 graded, 0 known"]
    assert "3 new · 1 due" in page.locator("#flq-home-progress").inner_text()
    assert page.locator(".flq-data").count() == 1
    assert errors == []


def test_keyboard_grading_with_visible_focus(page, base, errors):
    page.goto(base + "topics/alpha.html")
    summary = question(page, "q-three").locator(":scope > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert question(page, "q-three").evaluate("d => d.open")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Knew it":
            break
    else:
        pytest.fail("Tab never reached the Knew it button")
    outline = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert outline[0] != "none" and outline[1] > 0
    page.keyboard.press("Enter")
    assert stored(page)["questions"]["q-three"]["grade"] == "know"
    assert errors == []


# 3. Practice: Leitner order with a controlled clock -----------------------------------------

def test_leitner_boxes_and_the_next_visit(page, base, errors):
    page.clock.install(time=T0)
    page.goto(base + "practice.html")
    assert "0 due" in page.locator("#flq-practice .flq-status").inner_text()

    shown = []
    for _ in range(5):
        qid = card_id(page)
        shown.append(qid)
        page.keyboard.press("Space")
        assert page.locator("#flq-practice .flq-answer").is_visible()
        page.keyboard.press("2" if qid == "q-three" else "1")
    assert sorted(shown) == ["q-five", "q-four", "q-one", "q-three", "q-two"]
    assert shown[:2] == ["q-one", "q-four"]  # new cards take turns between the topics

    boxes = {k: (v["box"], v["due"]) for k, v in stored(page)["questions"].items()}
    now = int(T0.timestamp() * 1000)
    # Partly on a new card: box 1, back in half a day (Didn't know would be now)
    assert boxes["q-three"][0] == 1 and abs(boxes["q-three"][1] - now - DAY_MS // 2) < 60_000
    for qid in ("q-one", "q-two", "q-four", "q-five"):
        assert boxes[qid][0] == 2 and abs(boxes[qid][1] - now - DAY_MS) < 60_000

    page.reload()  # same day: nothing is due yet
    assert "0 due" in page.locator("#flq-practice .flq-status").inner_text()
    assert "Nothing is due" in page.locator("#flq-practice .flq-card").inner_text()

    page.clock.fast_forward(DAY_MS + 60_000)
    page.reload()  # the next visit, one day later: everything is due, the weakest box first
    assert page.evaluate("Date.now()") >= now + DAY_MS
    assert "5 due" in page.locator("#flq-practice .flq-status").inner_text()
    assert card_id(page) == "q-three"
    assert "box 1, last: Partly" in page.locator("#flq-practice .flq-meta").inner_text()
    page.keyboard.press("Space")
    page.keyboard.press("1")
    assert stored(page)["questions"]["q-three"]["box"] == 2
    assert card_id(page) != "q-three"
    assert errors == []


def test_practice_filters_skip_and_keys_stay_on_the_page(page, base, errors):
    page.goto(base + "practice.html")
    first = card_id(page)
    page.keyboard.press("n")  # Material's own "n" would go to the next page
    assert card_id(page) != first
    assert page.url.endswith("practice.html")
    assert page.locator("#flq-practice .flq-answer").is_hidden()
    assert page.locator("#flq-practice .flq-grade").is_hidden()

    page.get_by_role("checkbox", name="Alpha topic").uncheck()
    assert "of 2 selected" in page.locator("#flq-practice .flq-status").inner_text()
    assert card_id(page) in {"q-four", "q-five"}
    for name in ("fundamentals", "intermediate", "advanced"):
        page.get_by_role("checkbox", name=name).uncheck()
    assert "No questions match" in page.locator("#flq-practice .flq-card").inner_text()
    assert stored(page) is None  # skipping grades nothing
    assert errors == []


# 4. Mock interview ------------------------------------------------------------------------------

def test_mock_interview_counts_down_and_summarises(page, base, errors):
    page.clock.install(time=T0)
    page.goto(base + "mock.html")
    page.wait_for_selector("#flq-mock form")
    assert page.get_by_label("Questions", exact=True).input_value() == "8"
    assert page.get_by_label("Minutes per question").input_value() == "3"
    assert page.get_by_label("Follow-ups per question").input_value() == "1"
    page.get_by_label("Questions", exact=True).fill("3")
    page.get_by_label("Follow-ups per question").fill("0")
    page.get_by_role("button", name="Start the interview").click()

    card, clock = page.locator("#flq-mock .flq-card"), page.locator("#flq-mock .flq-clock")
    timer = page.locator("#flq-mock .flq-timer")
    assert "Question 1 of 3" in card.locator(".flq-meta").inner_text()
    assert clock.inner_text() == "3:00"
    assert card.locator(".flq-grade").is_hidden()
    page.clock.run_for(60_000)
    assert clock.inner_text() == "2:00"
    width = page.evaluate("parseFloat(document.querySelector('.flq-timebar span').style.width)")
    assert 66 <= width <= 67.5
    asked = [card.get_attribute("data-id")]
    card.get_by_role("button", name="Reveal the model answer").click()
    card.get_by_role("button", name="Knew it").click()

    assert "Question 2 of 3" in card.locator(".flq-meta").inner_text()
    assert clock.inner_text() == "3:00"
    page.clock.run_for(30_000)
    asked.append(card.get_attribute("data-id"))
    card.get_by_role("button", name="Reveal the model answer").click()
    page.clock.run_for(30_000)  # the clock stops at the reveal
    assert clock.inner_text() == "2:30"
    card.get_by_role("button", name="Partly").click()

    asked.append(card.get_attribute("data-id"))
    page.clock.run_for(2 * 60_000 + 20_000)  # 40 s left: amber
    assert "flq-amber" in timer.get_attribute("class")
    page.clock.run_for(45_000)  # past the limit: the clock shows the overtime, in red
    expect(clock).to_have_text("+0:05 over")
    assert "flq-over" in timer.get_attribute("class") and "flq-amber" not in timer.get_attribute("class")
    assert card.locator(".flq-answer").is_hidden()  # still the candidate's turn
    expect(page.locator("#flq-live")).to_contain_text("Time is up")
    card.get_by_role("button", name="Reveal the model answer").click()
    card.get_by_role("button", name="Didn't know").click()

    rows = page.locator("#flq-mock .flq-summary tbody tr")
    assert rows.count() == 3
    assert len(set(asked)) == 3
    assert [r.get_attribute("data-id") for r in rows.all()] == asked
    cells = [r.locator("td").all_inner_texts() for r in rows.all()]
    assert [c[2] for c in cells] == ["Knew it", "Partly", "Didn't know"]
    assert [c[3] for c in cells] == ["1:00", "0:30", "3:05 (0:05 over)"]
    # each row links to its answer in the guide
    for qid, row in zip(asked, rows.all(), strict=True):
        assert row.get_by_role("link").get_attribute("href").endswith(f".html#{qid}")
    topic_of = {"q-one": "Alpha topic", "q-two": "Alpha topic", "q-three": "Alpha topic",
                "q-four": "Beta topic", "q-five": "Beta topic"}
    review = page.locator("#flq-mock .flq-review li").all_inner_texts()
    assert sorted(review) == sorted({topic_of[asked[1]], topic_of[asked[2]]})
    assert {k: v["grade"] for k, v in stored(page)["questions"].items()} == dict(
        zip(asked, ["know", "partly", "dont"], strict=True))

    page.emulate_media(media="print")  # the summary prints, its buttons do not
    assert page.locator("#flq-mock .flq-summary table").is_visible()
    assert page.locator("#flq-mock button").evaluate_all(
        "bs => bs.every(b => getComputedStyle(b).display === 'none')")
    page.emulate_media(media="screen")

    page.reload()  # the last results stay on the page
    last = page.locator("#flq-mock .flq-last .flq-summary")
    expect(last.locator("h2")).to_have_text("Your last interview")
    assert [r.get_attribute("data-id") for r in last.locator("tbody tr").all()] == asked
    assert [r.locator("td").all_inner_texts()[2] for r in last.locator("tbody tr").all()] == [
        "Knew it", "Partly", "Didn't know"]
    assert errors == []


def test_mock_interview_asks_a_follow_up_and_lists_the_one_missed(page, base, errors):
    page.goto(base + "mock.html")
    page.get_by_role("checkbox", name="Beta topic").uncheck()
    page.get_by_label("Questions", exact=True).fill("1")
    page.get_by_role("button", name="Start the interview").click()
    card = page.locator("#flq-mock .flq-card")
    main = card.get_attribute("data-id")
    page.keyboard.press("Space")
    page.keyboard.press("1")
    # graded: the interviewer goes on with one of this question's follow-ups, on its own clock
    expect(card.locator(".flq-meta")).to_contain_text("follow-up")
    follow_up = card.get_attribute("data-id")
    assert follow_up.startswith(main + "--")
    asked_of = {"first-follow-up": "First follow-up?", "second-follow-up": "Second follow-up?",
                "what-fails-first": "What fails first?", "how-do-you-scale-it": "How do you scale it?",
                "complexity": "Complexity?", "edge-cases": "Edge cases?"}
    expect(card.locator(".flq-q")).to_have_text(asked_of[follow_up.split("--")[1]])
    expect(card.locator(".flq-context")).to_contain_text("Follow-up to:")
    assert page.locator("#flq-mock .flq-clock").inner_text() == "3:00"
    page.keyboard.press("Space")
    expect(card.locator(".flq-answer-body")).to_contain_text("This fixture answer is long enough")
    page.keyboard.press("3")
    summary = page.locator("#flq-mock .flq-summary")
    assert summary.locator("tbody tr").count() == 1  # the table has the questions asked
    missed = summary.locator(".flq-missed li")
    assert missed.count() == 1 and missed.get_attribute("data-id") == follow_up
    assert missed.get_by_role("link").get_attribute("href").endswith(f"#{follow_up}")
    saved = stored(page)["questions"]
    assert saved[main]["grade"] == "know"
    assert saved[follow_up]["grade"] == "dont" and saved[follow_up]["parent"] == main
    # a follow-up is not a question of its own in the topic's counts
    page.goto(base + "index.html")
    expect(page.locator(".flq-topic-progress").first).to_have_text("1 of 3 graded, 1 known")
    assert errors == []


def test_mock_interview_default_uses_every_matching_question(page, base, errors):
    page.goto(base + "mock.html")
    page.get_by_role("checkbox", name="Beta topic").uncheck()
    page.get_by_role("button", name="Start the interview").click()
    assert "Question 1 of 3" in page.locator("#flq-mock .flq-meta").inner_text()  # 8 asked, 3 match
    assert page.locator("#flq-mock .flq-card").get_attribute("data-id") in {"q-one", "q-two", "q-three"}
    assert errors == []


# 5. Export, reset, import ---------------------------------------------------------------------

def test_export_reset_import_restores_the_same_state(page, base, errors, tmp_path):
    page.goto(base + "topics/alpha.html")
    open_and_grade(page, "q-one", "Knew it")
    open_and_grade(page, "q-two", "Didn't know")
    page.goto(base + "checklist.html")
    page.get_by_role("checkbox", name="Check the room").check(force=True)  # lands on the indicator
    before = stored(page)
    assert len(before["questions"]) == 2 and len(before["checklist"]) == 1

    page.goto(base + "index.html")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert download.value.suggested_filename.endswith(".json")
    assert json.loads(exported.read_text()) == before

    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    assert stored(page) == before  # cancelled: nothing cleared
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert stored(page) is None
    assert "0 of 3 graded" in page.locator(".flq-topic-progress").first.inner_text()

    page.set_input_files("input.flq-import", str(exported))
    expect(page.locator(".flq-preview")).to_contain_text("This file adds 2, updates 0, keeps 0 newer grades here.")
    assert stored(page) is None  # nothing is written before the reader says so
    page.get_by_role("button", name="Merge").click()
    assert stored(page) == before
    assert "2 of 3 graded, 1 known" in page.locator(".flq-topic-progress").first.inner_text()
    page.goto(base + "checklist.html")
    assert page.locator("li.task-list-item", has_text="Check the room").locator("input").is_checked()
    assert errors == []


def test_importing_a_bad_file_changes_nothing(page, base, errors, tmp_path):
    page.goto(base + "practice.html")
    page.wait_for_selector("#flq-practice .flq-data")
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 99, "questions": {}}')
    page.set_input_files("#flq-practice input.flq-import", str(bad))
    page.wait_for_function("document.getElementById('flq-live')?.textContent.includes('Import failed')")
    assert stored(page) is None
    assert errors == []


# Stored data that cannot be read --------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "{not json", "null", "[]", '{"version": 0, "questions": {}}', '{"version": 1, "questions": 7}',
])
def test_an_unreadable_value_is_kept_aside_and_every_page_still_works(page, base, errors, value):
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(base + "topics/alpha.html")
    put(page, value)
    for path in ("topics/alpha.html", "index.html", "practice.html", "mock.html", "checklist.html"):
        warnings.clear()
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_selector(".flq-toolbar .flq-meter, #flq-home-progress p, .flq-card, #flq-mock form, "
                               "input[data-flq-key]")
        if path == "topics/alpha.html":
            assert any("could not be read" in w for w in warnings), warnings
            expect(page.locator(".flq-toolbar .flq-meter__text")).to_have_text(["0 of 3", "0 of 3"])
            open_and_grade(page, "q-one", "Knew it")
            assert stored(page)["questions"]["q-one"]["box"] == 2
            backups = json.loads(page.evaluate("localStorage.getItem(FLQ.store.BACKUP)"))
            assert [b["raw"] for b in backups] == [value]
            put(page, value)
    assert errors == []


# 6. Checklist ------------------------------------------------------------------------------------

def test_checklist_ticks_persist(page, base, errors):
    page.goto(base + "checklist.html")
    box = page.get_by_role("checkbox", name="Derive the second thing")
    box.focus()  # the keyboard way: the input is visually replaced by Material's indicator
    page.keyboard.press("Space")
    assert box.is_checked()
    page.reload()
    boxes = page.locator("li.task-list-item input[type=checkbox]")
    assert boxes.evaluate_all("bs => bs.map(b => b.checked)") == [False, True, False]
    ticks = stored(page)["checklist"]
    assert list(ticks) == ["Derive :: Derive the second thing"]
    assert ticks["Derive :: Derive the second thing"]["on"] is True
    assert box.is_checked()
    box.focus()
    page.keyboard.press("Space")
    page.reload()
    assert boxes.evaluate_all("bs => bs.map(b => b.checked)") == [False, False, False]
    assert stored(page)["checklist"]["Derive :: Derive the second thing"]["on"] is False  # an untick is dated too
    assert errors == []


# 7 and 8. Accessibility, reduced motion, print --------------------------------------------------

def test_reduced_motion_stops_the_timer_animation(page, base):
    page.goto(base + "mock.html")
    page.get_by_role("button", name="Start the interview").click()
    bar = page.locator(".flq-timebar span")
    assert bar.evaluate("b => getComputedStyle(b).transitionDuration") != "0s"
    page.emulate_media(reduced_motion="reduce")
    assert bar.evaluate("b => getComputedStyle(b).transitionDuration") == "0s"


def test_printing_hides_every_quiz_control(page, base, errors):
    page.goto(base + "topics/alpha.html")
    open_and_grade(page, "q-one", "Knew it")
    page.goto(base + "index.html")
    page.wait_for_selector("#flq-home-progress p")
    page.goto(base + "topics/alpha.html")
    page.emulate_media(media="print")
    hidden = ".flq-toolbar, .flq-grade, .flq-mark, .flq-btn"
    assert page.locator(hidden).count() > 0
    assert page.locator(hidden).evaluate_all("es => es.filter(e => e.checkVisibility()).length") == 0
    assert page.locator("details.question summary").first.is_visible()
    for path in ("index.html", "practice.html"):
        page.goto(base + path)
        page.wait_for_selector(".flq-data", state="attached")
        assert page.locator(".flq-data, .flq-btn, #flq-home-progress, #flq-practice").evaluate_all(
            "es => es.filter(e => e.checkVisibility()).length") == 0
    assert errors == []



def test_mock_interview_takes_the_practice_keys(page, base, errors):
    page.goto(base + "mock.html")
    page.get_by_label("Questions", exact=True).fill("2")
    page.get_by_label("Follow-ups per question").fill("0")
    page.get_by_role("button", name="Start the interview").click()
    card = page.locator("#flq-mock .flq-card")
    assert "Question 1 of 2" in card.locator(".flq-meta").inner_text()
    page.keyboard.press("2")  # nothing to grade before the answer is shown
    assert "Question 1 of 2" in card.locator(".flq-meta").inner_text()
    page.keyboard.press("Space")
    assert card.locator(".flq-answer").is_visible()
    first = card.get_attribute("data-id")
    page.keyboard.press("2")
    assert "Question 2 of 2" in card.locator(".flq-meta").inner_text()
    page.keyboard.press("Space")
    page.keyboard.press("3")
    page.wait_for_selector("#flq-mock .flq-summary")
    grades = {k: v["grade"] for k, v in stored(page)["questions"].items()}
    assert grades[first] == "partly" and sorted(grades.values()) == ["dont", "partly"]
    assert errors == []
