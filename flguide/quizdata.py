"""What a built topic page says about each question, read back by structure.

Owns two outputs made from the builder's HTML, one per topic page: the answer files
(`data/answers/<page>.js`) that Practice and Mock interview load on demand, and the
question-level search entries (`search.py` merges them into the builder's index). The
templates mark each part of an answer with a class (`flq-part--answer`,
`flq-part--sample`, ...); a real HTML parser finds them by those classes, never by their
wording, so the answers look exactly as on the topic page and cost no second Markdown pass.
Reads the builder's output, not its internals: it runs after MkDocs (the plugin) or after
any other builder (`flguide build --builder zensical`).
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PART_PREFIX = "flq-part--"
HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Element:
    tag: str
    classes: frozenset[str]
    id: str
    start: int  # where the start tag begins
    inner_start: int  # just after the start tag
    inner_end: int = -1  # where the end tag begins
    children: list[Element] = field(default_factory=list)

    def find(self, tag: str, cls: str | None = None) -> Element | None:
        for child in self.children:
            if child.tag == tag and (cls is None or cls in child.classes):
                return child
            found = child.find(tag, cls)
            if found:
                return found
        return None

    def find_all(self, tag: str, cls: str) -> list[Element]:
        """Every descendant <tag class=cls>, but none inside another one (those are its own)."""
        found = []
        for child in self.children:
            found += [child] if child.tag == tag and cls in child.classes else child.find_all(tag, cls)
        return found


class _Tree(HTMLParser):
    """The element tree with source offsets, so inner HTML is cut from the page unchanged."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.root = Element("#root", frozenset(), "", 0, 0, len(html))
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        start = self._offset()
        element = Element(tag, frozenset((values.get("class") or "").split()), values.get("id") or "", start,
                          start + len(self.get_starttag_text() or ""))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not any(e.tag == tag for e in self.stack[1:]):
            return  # a stray end tag closes nothing
        end = self._offset()
        while self.stack[-1].tag != tag:
            self.stack.pop().inner_end = end
        self.stack.pop().inner_end = end


@dataclass(frozen=True)
class QuestionParts:
    """One question as built: its id, its title and each marked part, as HTML."""

    id: str
    question: str
    parts: dict[str, str]
    follow_ups: dict[str, tuple[str, str]] = field(default_factory=dict)  # id: (question, answer)

    @property
    def example(self) -> str:
        """The sample answer itself: the quotation inside its part, without the label."""
        sample = self.parts.get("sample", "")
        match = re.search(r"<blockquote>(.*)</blockquote>", sample, re.S)
        return match.group(1).strip() if match else ""


def questions_from_page(html: str) -> list[QuestionParts]:
    tree = _Tree(html)
    out = []
    for details in tree.root.find_all("details", "question"):
        heading = details.find("h2", "flq-question")
        if heading is None or not heading.id:
            continue
        parts = {}
        for child in details.children:
            for cls in child.classes:
                if cls.startswith(PART_PREFIX):
                    parts[cls.removeprefix(PART_PREFIX)] = html[child.inner_start:child.inner_end].strip()
        out.append(QuestionParts(heading.id, html[heading.inner_start:heading.inner_end].strip(), parts,
                                 _follow_ups(details, heading.id, html)))
    return out


def _follow_ups(details: Element, qid: str, html: str) -> dict[str, tuple[str, str]]:
    """Each follow-up's question (its summary) and answer (what follows the summary), by the
    follow-up's own id, from the <details id="question-id--follow-up-id"> inside the question."""
    found = {}
    for element in details.find_all("details", "flq-follow-up"):
        summary = element.find("summary")
        if summary is not None and element.id.startswith(qid + "--"):
            answer = html[summary.inner_end:element.inner_end].removeprefix("</summary>").strip()
            found[element.id.removeprefix(qid + "--")] = (html[summary.inner_start:summary.inner_end].strip(), answer)
    return found


def rebase(fragment: str, page: str) -> str:
    """Make the links in a fragment of the page at `page` relative to the site root; the quiz
    pages resolve them against the root they know (store.js), wherever those pages live."""
    folder = posixpath.dirname(page)

    def fix(match: re.Match) -> str:
        url = match.group(1)
        if url.startswith("#"):
            return f'href="{page}{url}"'
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, url))
        return f'href="{target}/"' if url.endswith("/") and not target.endswith("/") else f'href="{target}"'

    return HREF.sub(fix, fragment)


LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def answers_of(questions: list[QuestionParts], page: str) -> dict[str, dict]:
    """{question id: {question, answer, example, key_points, follow_ups: {id: {question,
    answer}}}} as HTML, for the questions of the page at `page`."""
    return {q.id: {"question": q.question, "answer": rebase(q.parts.get("answer", ""), page),
                   "example": rebase(q.example, page),
                   "key_points": [rebase(k.strip(), page) for k in LIST_ITEM.findall(q.parts.get("key-points", ""))],
                   "follow_ups": {fid: {"question": fq, "answer": rebase(fa, page)}
                                  for fid, (fq, fa) in q.follow_ups.items()}}
            for q in questions}


def answers_from_page(html: str, page: str) -> dict[str, dict[str, str]]:
    return answers_of(questions_from_page(html), page)


def answers_script(key: str, answers: dict[str, dict[str, str]]) -> str:
    data = json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"(window.FLGUIDE_ANSWERS = window.FLGUIDE_ANSWERS || {{}})[{json.dumps(key)}] = {data};\n"


def page_file(site: Path, url: str) -> Path:
    """The built file behind a page URL, with or without directory URLs."""
    return site / (url + "index.html" if url.endswith("/") or url == "" else url)


def read_pages(site: Path) -> dict[str, list[QuestionParts]]:
    """{page URL: its questions} for every topic page the quiz data lists."""
    index = json.loads((site / "data" / "questions.json").read_text(encoding="utf-8"))
    return {entry["page"]: questions_from_page(page_file(site, entry["page"]).read_text(encoding="utf-8"))
            for entry in index["pages"]}


def write_answer_files(site: Path, pages: dict[str, list[QuestionParts]] | None = None) -> int:
    """Write data/answers/<page>.js for every built topic page; return how many answers."""
    index = json.loads((site / "data" / "questions.json").read_text(encoding="utf-8"))
    pages = read_pages(site) if pages is None else pages
    total = 0
    for entry in index["pages"]:
        answers = answers_of(pages[entry["page"]], entry["page"])
        target = site / entry["answers"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(answers_script(entry["answers"], answers), encoding="utf-8")
        total += len(answers)
    return total
