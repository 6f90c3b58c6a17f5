"""Search lands on the question (issue: find it, read it): typed into the site's search box on
the real bank, each query's first result group links to the question it is about, and
following that link leaves the answer open and visible below the header."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ROOT

REAL = ROOT / "content" / "questions.yaml"
# query → the question it must find, on the page of the first result group
QUERIES = {
    "client drift": "client-drift",
    "secure aggregation dropout": "secure-aggregation",
    "FedProx mu": "fedprox",
    "gradient inversion": "gradient-inversion",
    "Dirichlet": "dirichlet-split-coding",
    "stragglers": "systems-heterogeneity-stragglers",
    # our own
    "backdoor": "backdoor-attacks",
    "DP-SGD clipping": "differential-privacy-in-fl",
    "LoRA ranks": "heterogeneous-lora-ranks",
}


@pytest.fixture(scope="module")
def base(build_site, serve):
    return serve(build_site(REAL))


def search(page, base: str, query: str) -> None:
    page.goto(base + "index.html", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=15)
    results = page.locator(".md-search-result__item a")
    try:
        expect(results.first).to_be_attached(timeout=3000)
    except AssertionError:
        # Keys typed while the worker was still indexing ask nothing; one more keystroke does.
        page.keyboard.press("Space")
        page.keyboard.press("Backspace")
        expect(results.first).to_be_attached()
    page.wait_for_timeout(400)  # let the results for the whole query settle


def first_group(page, base: str, query: str) -> list[str]:
    """The question ids the first result group links to, in order."""
    search(page, base, query)
    hrefs = page.locator(".md-search-result__item").first.locator("a").evaluate_all(
        "as => as.map(a => new URL(a.href).hash.slice(1)).filter(Boolean)")
    return hrefs


@pytest.mark.parametrize("query,qid", QUERIES.items())
def test_a_query_lands_on_its_question_open_below_the_header(query, qid, base, page):
    ids = first_group(page, base, query)
    assert qid in ids, (query, ids)
    group = page.locator(".md-search-result__item").first
    link = group.locator(f"a[href$='#{qid}']").first
    if not link.is_visible():  # Material folds a group's later sections under "N more on this page"
        group.locator(".md-search-result__more summary").click()
    link.click()
    page.wait_for_url(f"**#{qid}")
    details = page.locator(f"details.question:has(#{qid})")
    expect(details).to_have_attribute("open", "")
    page.wait_for_timeout(300)  # the scroll into view
    header = page.locator(".md-header").bounding_box()
    heading = page.locator(f"#{qid}").bounding_box()
    viewport = page.viewport_size
    assert header["y"] + header["height"] <= heading["y"] < viewport["height"], (header, heading)


def test_epsilon_and_the_symbol_find_the_same_first_question(base, page):
    by_word, by_symbol = first_group(page, base, "epsilon"), first_group(page, base, "ε")
    assert by_word and by_word[0] == by_symbol[0]
    title = page.locator(".md-search-result__item").first.locator("a").nth(1).inner_text()
    assert "ε" in title or "epsilon" in title.casefold()


def test_glossary_terms_stay_findable_without_crowding_out_questions(base, page):
    ids = first_group(page, base, "client drift")
    assert ids[0] == "client-drift"  # the question, not the glossary's one-liner
    search(page, base, "Weiszfeld")  # a term the glossary defines and a few answers use
    links = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
    assert any(link.endswith("/glossary.html") for link in links), links
