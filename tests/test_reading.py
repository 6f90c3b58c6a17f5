"""Find it, read it, on any screen (first part): no page scrolls sideways on a phone, an open
answer is set at the body size with a reading measure, and a link to an answer lands with
its question below the sticky header."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from conftest import FIXTURES, ROOT
from flguide import render

SMALL = FIXTURES / "small.yaml"
PAGES = ["topics/alpha.html", *[t.url() for t in render.PAGE_TYPES if t.nav_title]]


@contextmanager
def opened(browser, url: str, width: int, height: int, **device):
    """A fresh browser context at one screen size (and device options), on `url` once its
    scripts have run."""
    context = browser.new_context(viewport={"width": width, "height": height}, **device)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 360, 390, 1280])
def test_no_page_scrolls_sideways(width, build_site, serve, browser):
    base = serve(build_site(SMALL))
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        wide = []
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")  # the quiz widgets are drawn by then
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                culprits = page.evaluate(
                    """w => [...document.querySelectorAll('body *')]
                         .filter(e => e.getBoundingClientRect().right > w + 1)
                         .slice(-3).map(e => e.tagName + '.' + e.className)""", width)
                wide.append(f"{path}: {scroll}px ({culprits})")
    finally:
        context.close()
    assert wide == []


def test_an_open_answer_is_set_at_body_size_with_a_reading_measure(build_site, serve, browser):
    base = serve(build_site(ROOT / "content" / "questions.yaml"))
    with opened(browser, base + "topics/privacy.html", 1280, 900) as page:
        page.click("details.question > summary")
        sizes = page.evaluate(
            """() => {
                const body = getComputedStyle(document.querySelector('.md-content article > p')).fontSize;
                const answer = document.querySelector('details.question[open] .flq-part--answer > p');
                const paragraphs = [...document.querySelectorAll('details.question[open] .flq-part--answer > p')];
                const longest = paragraphs.sort((a, b) => b.textContent.length - a.textContent.length)[0];
                const lines = longest.getClientRects().length ? (() => {
                    const range = document.createRange(); range.selectNodeContents(longest);
                    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })() : 1;
                return {body, answer: getComputedStyle(answer).fontSize, chars: longest.textContent.length, lines};
            }""")
    assert sizes["answer"] == sizes["body"], sizes
    per_line = sizes["chars"] / sizes["lines"]
    assert sizes["lines"] >= 3 and 60 <= per_line <= 85, sizes


def test_a_link_to_an_answer_lands_below_the_sticky_header(build_site, serve, browser):
    base = serve(build_site(ROOT / "content" / "questions.yaml"))
    target = "privacy-accounting"
    with opened(browser, base + f"topics/privacy.html#{target}", 1280, 700) as page:
        page.evaluate(f"document.getElementById('{target}').scrollIntoView()")
        header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        summary = page.evaluate(f"document.getElementById('{target}').closest('summary').getBoundingClientRect().top")
    assert summary >= header - 1, (summary, header)


def test_place_and_open_answers_survive_a_related_link_and_back(build_site, serve, browser):
    base = serve(build_site(ROOT / "content" / "questions.yaml"))
    with opened(browser, base + "topics/privacy.html", 1280, 800) as page:
        # An answer with a Related link to another question on the same page.
        index = page.evaluate("""() => [...document.querySelectorAll('details.question')]
            .findIndex(d => d.querySelector(".flq-related a[href*='privacy.html#']"))""")
        assert index >= 0
        first = page.locator("details.question").nth(index)
        first.locator(":scope > summary").click()
        link = first.locator(".flq-related a[href*='privacy.html#']").first
        target = link.get_attribute("href").split("#", 1)[1]
        link.scroll_into_view_if_needed()
        before = page.evaluate("scrollY")
        link.click()
        page.wait_for_function("id => document.getElementById(id).closest('details').open", arg=target)
        assert first.evaluate("d => d.open"), "the answer you were reading stays open"
        top = page.evaluate("id => document.getElementById(id).closest('summary').getBoundingClientRect().top", target)
        assert 0 <= top < 800, "the linked answer is in view"
        page.go_back()
        page.wait_for_timeout(300)
        assert first.evaluate("d => d.open")
        assert abs(page.evaluate("scrollY") - before) <= 50
        # Leaving the page and coming back restores the open answers and the place too.
        page.goto(base + "index.html")
        page.go_back()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        assert page.locator("details.question").nth(index).evaluate("d => d.open")
        assert abs(page.evaluate("scrollY") - before) <= 50


def test_an_address_with_a_question_id_opens_that_answer(build_site, serve, browser):
    base = serve(build_site(SMALL))
    with opened(browser, base + "topics/alpha.html#q-two", 390, 844) as page:
        assert page.evaluate("document.getElementById('q-two').closest('details').open")
        assert not page.evaluate("document.getElementById('q-one').closest('details').open")


def phone(browser, url: str):
    """A 390×844 touch phone (no hover, coarse pointer), on `url` once its scripts have run."""
    return opened(browser, url, 390, 844, is_mobile=True, has_touch=True, device_scale_factor=3)


def test_on_a_phone_the_first_practice_card_is_on_the_first_screen(build_site, serve, browser):
    base = serve(build_site(ROOT / "content" / "questions.yaml"))
    with phone(browser, base + "practice.html") as page:
        question = page.locator("#flq-practice .flq-card h2")
        question.wait_for()
        box = question.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        # the filters are folded behind one control, and the keys a phone has not are not shown
        assert page.locator("#flq-practice details.flq-filters").evaluate("d => d.open") is False
        assert page.locator(".flq-keys").is_hidden()
    with opened(browser, base + "practice.html", 1280, 900) as page:
        assert page.locator("#flq-practice details.flq-filters").evaluate("d => d.open") is True
        assert page.locator(".flq-keys").is_visible()


def test_grade_buttons_are_big_enough_to_tap_and_stay_in_view(build_site, serve, browser):
    base = serve(build_site(ROOT / "content" / "questions.yaml"))
    with phone(browser, base + "topics/privacy.html") as page:
        first = page.locator("details.question").first
        first.locator(":scope > summary").click()
        buttons = first.locator(".flq-grade button")
        assert buttons.count() == 3
        for box in buttons.evaluate_all("bs => bs.map(b => b.getBoundingClientRect().toJSON())"):
            assert box["width"] >= 44 and box["height"] >= 44, box
        # Halfway through a long answer, the grade buttons are on screen, not 3 screens down.
        page.evaluate("window.scrollBy(0, 900)")
        page.wait_for_timeout(200)
        top = buttons.first.evaluate("b => b.getBoundingClientRect().top")
        assert 0 <= top < 844, top
        first.get_by_role("button", name="Partly").click()
        assert first.get_by_role("button", name="Partly").get_attribute("aria-pressed") == "true"


def test_toolbar_offers_only_the_action_that_applies(build_site, serve, browser):
    base = serve(build_site(SMALL))
    with opened(browser, base + "topics/alpha.html", 1280, 800) as page:
        buttons = page.locator(".flq-toolbar button")
        assert buttons.all_inner_texts() == ["Show all answers"]
        buttons.first.click()
        assert buttons.all_inner_texts() == ["Hide all answers"]
        page.locator("details.question:has(#q-one) > summary").click()  # one closed again
        assert buttons.all_inner_texts() == ["Show all answers"]


def test_home_page_starts_you_with_accurate_counts(build_site, serve, browser):
    base = serve(build_site(SMALL))
    with opened(browser, base + "index.html", 390, 844) as page:
        first_step = page.locator("#flq-home-progress .flq-next")
        assert first_step.inner_text().startswith("5 new · 0 due")
        box = first_step.bounding_box()
        assert box["y"] + box["height"] <= 844, "the first step is on the first screen"
        first_step.get_by_role("link", name="Start practising").click()
        page.wait_for_url("**/practice.html")
