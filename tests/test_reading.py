"""Find it, read it, on any screen (first part): no page scrolls sideways on a phone, an open
answer is set at the body size with a reading measure, and a link to an answer lands with
its question below the sticky header."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT
from flguide import render

SMALL = FIXTURES / "small.yaml"
PAGES = ["topics/alpha.html", *[t.html for t in render.PAGE_TYPES if t.nav_title]]


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
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "topics/privacy.html")
        page.wait_for_load_state("networkidle")
        page.click("details.question > summary")
        sizes = page.evaluate(
            """() => {
                const body = getComputedStyle(document.querySelector('.md-content article > p')).fontSize;
                const answer = document.querySelector('details.question[open] > p');
                const paragraphs = [...document.querySelectorAll('details.question[open] > p')];
                const longest = paragraphs.sort((a, b) => b.textContent.length - a.textContent.length)[0];
                const lines = longest.getClientRects().length ? (() => {
                    const range = document.createRange(); range.selectNodeContents(longest);
                    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })() : 1;
                return {body, answer: getComputedStyle(answer).fontSize, chars: longest.textContent.length, lines};
            }""")
    finally:
        context.close()
    assert sizes["answer"] == sizes["body"], sizes
    per_line = sizes["chars"] / sizes["lines"]
    assert sizes["lines"] >= 3 and 60 <= per_line <= 85, sizes


def test_a_link_to_an_answer_lands_below_the_sticky_header(build_site, serve, browser):
    base = serve(build_site(ROOT / "content" / "questions.yaml"))
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    try:
        page = context.new_page()
        target = "privacy-accounting"
        page.goto(base + f"topics/privacy.html#{target}")
        page.wait_for_load_state("networkidle")
        page.evaluate(f"document.getElementById('{target}').scrollIntoView()")
        header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        summary = page.evaluate(f"document.getElementById('{target}').closest('summary').getBoundingClientRect().top")
    finally:
        context.close()
    assert summary >= header - 1, (summary, header)
