"""Answer files for Practice and Mock interview, cut from the built topic pages.

Owns `data/answers/<page>.js` in the built site, one per topic page. The generator's `questions.js` carries
only the index (ids, topics, levels, kinds), so it stays small and cheap to make; each
topic's answers are taken from the HTML the builder already rendered, so they look exactly
as on the topic page, cost no second Markdown pass, and load only when a card needs them.
Reads the builder's output, not its internals: it runs after MkDocs (the plugin) or after
any other builder (`flguide quizdata site`).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

DETAILS_TAG = re.compile(r"<(/?)details\b[^>]*>", re.I)
QUESTION_OPEN = re.compile(r'<details class="?question"?[^>]*>', re.I)
ANCHOR = re.compile(r"<span class=\"?flq-anchor\"? id=\"?([a-z0-9-]+)\"?></span>")
BADGES = re.compile(r"\s*<span class=\"?flq-badges\"?>.*?</span></span>", re.S)
SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.S)
SAMPLE_LABEL = re.compile(r'<p class="flq-label"><strong>Sample answer</strong></p>')
FIRST_QUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.S)
HREF = re.compile(r'href="([^"]*)"')


def _blocks(html: str) -> list[str]:
    """Inner HTML of each top-level question <details>, nested blocks kept inside."""
    found = []
    for start in QUESTION_OPEN.finditer(html):
        if found and start.start() < found[-1][1]:
            continue  # nested in the previous block
        depth, end = 0, len(html)
        for tag in DETAILS_TAG.finditer(html, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.start()
                break
        found.append((start.end(), end))
    return [html[a:b] for a, b in found]


def _rebase(fragment: str, page: str) -> str:
    """Make links relative to the site root, where the quiz pages live."""
    folder = posixpath.dirname(page)

    def fix(match: re.Match) -> str:
        url = match.group(1)
        if url.startswith("#"):
            return f'href="{page}{url}"'
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            return match.group(0)
        return f'href="{posixpath.normpath(posixpath.join(folder, url))}"'

    return HREF.sub(fix, fragment)


def answers_from_page(html: str, page: str) -> dict[str, dict[str, str]]:
    """{question id: {question, answer, example}} as HTML, from one built topic page."""
    out = {}
    for block in _blocks(html):
        summary = SUMMARY.search(block)
        anchor = ANCHOR.search(summary.group(1)) if summary else None
        if not anchor:
            continue
        question = BADGES.sub("", ANCHOR.sub("", summary.group(1))).strip()
        body = block[summary.end():]
        label = SAMPLE_LABEL.search(body)
        answer, rest = (body[: label.start()], body[label.end():]) if label else (body, "")
        quote = FIRST_QUOTE.search(rest)
        out[anchor.group(1)] = {
            "question": question,
            "answer": _rebase(answer.strip(), page),
            "example": _rebase(quote.group(1).strip(), page) if quote else "",
        }
    return out


def answers_script(key: str, answers: dict[str, dict[str, str]]) -> str:
    data = json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"(window.FLGUIDE_ANSWERS = window.FLGUIDE_ANSWERS || {{}})[{json.dumps(key)}] = {data};\n"


def write_answer_files(site: Path) -> int:
    """Write data/answers/<page>.js for every built topic page; return how many answers."""
    index = json.loads((site / "data" / "questions.json").read_text(encoding="utf-8"))
    total = 0
    for entry in index["pages"]:
        html = (site / entry["page"]).read_text(encoding="utf-8")
        answers = answers_from_page(html, entry["page"])
        target = site / entry["answers"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(answers_script(entry["answers"], answers), encoding="utf-8")
        total += len(answers)
    return total
