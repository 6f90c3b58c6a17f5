"""Quality guarantees across the built site: links, privacy, accessibility, the quiz and
search, reproducibility. The link, privacy, axe, quiz and search tests run on every way of
building (conftest.BUILDERS): MkDocs with file URLs, MkDocs with directory URLs, Zensical."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import BUILDERS, FIXTURES, axe_violations, make_project, page_url, set_scheme
from flguide import render
from htmltools import broken_links

SMALL = FIXTURES / "small.yaml"
# Every page type the generator's registry has, plus a topic page.
PAGE_TYPES = ["topics/alpha.html", *[t.url() for t in render.PAGE_TYPES if t.nav_title]]
PAGE_SOURCES = ["topics/alpha.md", *[t.path for t in render.PAGE_TYPES if t.nav_title]]


@pytest.fixture(scope="module")
def full_site(build_site):
    """A plain `mkdocs build`: it ships the downloads itself, so none may be missing."""
    return build_site(SMALL)


@pytest.fixture(scope="module", params=BUILDERS)
def built(request, build_site) -> tuple[Path, str]:
    """The small bank's complete site, built each way; (site folder, builder)."""
    return build_site(SMALL, request.param), request.param


def test_every_internal_link_and_anchor_resolves(built):
    site, _ = built
    assert broken_links(site) == []
    # The downloads the pages link to were built, whichever way the site was.
    assert (site / "downloads" / "fl-interview-guide.pdf").read_bytes().startswith(b"%PDF-")
    assert (site / "downloads" / "topics" / "alpha.pdf").exists()


def test_quiz_works_the_same_whichever_way_the_site_was_built(built, serve, page):
    """A question's address opens it, a grade survives a reload, Practice loads an answer from
    its file and links back to the question, and Mock interview starts."""
    site, builder = built
    base = serve(site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + page_url("topics/alpha.md", builder) + "#q-two", wait_until="networkidle")
    two = page.locator("details.question:has(#q-two)")
    expect(two).to_have_attribute("open", "")
    # an open answer leads with the rubric, and a follow-up's address opens it inside its question
    assert two.locator(".flq-part").first.get_attribute("class") == "flq-part flq-part--key-points"
    page.goto(base + page_url("topics/alpha.md", builder) + "#q-one--first-follow-up", wait_until="networkidle")
    expect(page.locator("details.question:has(#q-one)")).to_have_attribute("open", "")
    expect(page.locator("#q-one--first-follow-up")).to_have_attribute("open", "")
    page.goto(base + page_url("topics/alpha.md", builder) + "#q-two", wait_until="networkidle")
    two.get_by_role("button", name="Didn't know", exact=True).click()
    page.reload()
    expect(two.locator(".flq-mark")).to_have_text("Didn't know")

    page.goto(base + page_url("practice.md", builder))
    card = page.locator("#flq-practice .flq-card[data-id]")
    expect(card).to_have_attribute("data-id", "q-two")  # graded Didn't know: due first
    page.keyboard.press("Space")
    expect(page.locator("#flq-practice .flq-answer-body")).to_contain_text("The second answer talks about design")
    # the rubric leads the revealed answer, as a checklist
    expect(page.locator("#flq-practice .flq-key-points input[type=checkbox]")).to_have_count(3)
    page.get_by_role("link", name="Open it in the guide").click()
    page.wait_for_url("**/" + page_url("topics/alpha.md", builder) + "#q-two")
    expect(two).to_have_attribute("open", "")

    page.goto(base + page_url("mock.md", builder))
    page.get_by_role("button", name="Start the interview").click()
    expect(page.locator("#flq-mock .flq-card .flq-meta")).to_contain_text("Question 1 of")
    assert errors == []


def test_search_has_one_entry_per_question_with_its_answer(built):
    site, builder = built
    index_file = site / ("search.json" if builder == "zensical" else "search/search_index.json")
    index = json.loads(index_file.read_text(encoding="utf-8"))
    entries = {e["location"]: e for e in index["items" if builder == "zensical" else "docs"]}
    alpha = page_url("topics/alpha.md", builder)
    one = entries[f"{alpha}#q-one"]
    assert one["title"] == "What is the first fixture question"  # punctuation is kept out of index words
    assert "zanzibarite" in one["text"] and "I would answer the first question" in one["text"]
    assert "Doe, Roe" not in one["text"]  # references are not searched
    # The page's own entry no longer carries every answer.
    assert "zanzibarite" not in entries[alpha]["text"]
    assert {f"{alpha}#q-{n}" for n in ("one", "two", "three")} <= set(entries)


def test_link_checker_catches_a_broken_anchor(full_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(full_site, copy)
    page = copy / "topics" / "alpha.html"
    page.write_text(page.read_text().replace('href="beta.html', 'href="beta.html#no-such-question" data-x="'))
    page.write_text(page.read_text() + '<a href="gone.html">x</a>')
    assert len(broken_links(copy)) >= 1 and any("gone.html" in b for b in broken_links(copy))


@pytest.mark.parametrize("source", PAGE_SOURCES)
def test_pages_request_nothing_from_other_hosts_and_set_no_cookies(source, built, serve, browser):
    site, builder = built
    base = serve(site)
    path = page_url(source, builder)
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []

    def watch(route):
        url = route.request.url
        if not url.startswith(base) and not url.startswith(("data:", "blob:", "about:")):
            foreign.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", watch)
    page.goto(base + path, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("fixture", delay=10)  # exercise search, which starts a worker
    page.wait_for_timeout(500)
    assert foreign == []
    assert context.cookies() == []
    context.close()


def show_the_widgets(page, source: str) -> None:
    """Put the page's quiz widgets in their fullest state, so axe checks them too."""
    if source.startswith("topics/"):
        q = page.locator("details.question:has(#q-one)")
        q.locator(":scope > summary").click()
        q.get_by_role("button", name="Knew it").click()
    elif source == "practice.md":
        page.wait_for_selector("#flq-practice .flq-card[data-id]")
        page.get_by_label("My interview is on").fill("2030-01-10")
        page.get_by_label("My interview is on").blur()
        page.keyboard.press("Space")
        page.locator("#flq-practice .flq-key-points input").first.check()
    elif source == "mock.md":
        page.get_by_role("button", name="Start the interview").click()
        page.get_by_role("button", name="Reveal the model answer").click()
        page.locator("#flq-mock .flq-key-points input").first.check()
    elif source == "index.md":
        page.wait_for_selector("#flq-home-progress p")
        page.get_by_label("My interview is on").fill("2030-01-10")


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("source", PAGE_SOURCES)
def test_axe_reports_no_violations(source, scheme, built, serve, page):
    site, builder = built
    base = serve(site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + page_url(source, builder), wait_until="networkidle")
    set_scheme(page, scheme)
    show_the_widgets(page, source)
    page.wait_for_timeout(200)
    violations = axe_violations(page)
    assert violations == [] and errors == [], (violations, errors)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    digests = []
    for name in ("first", "second"):
        project = make_project(tmp_path / name, SMALL)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                                env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        digests.append(_digest(project / "site"))
    # The plain build shipped every download itself.
    assert {"downloads/fl-interview-guide.pdf", "downloads/fl-interview-quiz.pdf", "downloads/topics/alpha.pdf",
            "downloads/fl-interview.apkg", "downloads/fl-interview.csv"} <= set(digests[0])
    differing = sorted(k for k in digests[0] if digests[0][k] != digests[1].get(k))
    assert differing == [] and digests[0].keys() == digests[1].keys()


LITERAL = FIXTURES / "literal.yaml"


def test_markup_in_text_renders_literally_and_adds_no_element(build_site, serve, page):
    site = build_site(LITERAL)
    base = serve(site)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "topics/literal.html", wait_until="networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = page.inner_text("article")
    for literal in ["<script>alert(1)</script>", "a < b & c > d", '"double"', "'single'", "{{ 7*7 }}", "{% if x %}"]:
        assert literal in text, literal
    assert "49" not in text
    # no element came from author text (the fixture writes <b>, <i>, <em> and <script> tags)
    assert page.locator("b, i").count() == 0
    assert page.locator("em", has_text="tags").count() == 0
    assert page.evaluate("[...document.scripts].filter(s => s.text.includes('alert(1)')).length") == 0
    assert dialogs == []
    html = (site / "topics" / "literal.html").read_text()
    assert "<script>alert(1)</script>" not in html


LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({ type: "layout-shift" });
"""


@pytest.mark.parametrize("width", [412, 1280])
@pytest.mark.parametrize("path", ["index.html", "topics/alpha.html", "practice.html", "mock.html"])
def test_quiz_widgets_appear_without_shifting_the_page(path, width, full_site, serve, browser):
    """The widgets are drawn by deferred scripts after the first paint; their room is reserved.

    The first of our scripts is held back until the page is parsed and painted, so only what
    the scripts do is measured (a slow parser may also paint a half-parsed page, which is not
    the widgets' doing and would make the figure vary from run to run)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    held = []
    page.route("**/assets/javascripts/store.js", lambda route: held.append(route))
    page.goto(serve(full_site) + path, wait_until="commit")
    page.wait_for_function("document.readyState !== 'loading'")
    page.wait_for_timeout(300)  # a few frames: the parsed page is on screen
    page.evaluate(LAYOUT_SHIFTS)
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_selector(".flq-toolbar button, .flq-card, #flq-mock form, #flq-home-progress p")
    page.wait_for_timeout(300)
    assert sum(page.evaluate("window.__shifts")) < 0.01
    context.close()


def test_closed_answers_are_not_rendered_until_opened(full_site, serve, page):
    page.goto(serve(full_site) + "topics/alpha.html")
    first = page.locator("details.question").first
    body = first.locator(":scope > :not(summary)").first
    assert body.evaluate("e => getComputedStyle(e).display") == "none"
    first.locator(":scope > summary").click()
    assert body.evaluate("e => getComputedStyle(e).display") != "none"
    assert body.is_visible()
