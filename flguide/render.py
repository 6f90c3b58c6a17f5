"""Stage 3: render a validated `Bank` into the site's Markdown pages and quiz data.

Owns what files the site gets and what goes in them. Pure: `render_site(bank)` returns
{relative path: text} and touches no disk, so the same bank always gives the same bytes.
Presentation lives in `templates/`; this module only prepares the data they need.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from .markdown_html import literal
from .model import Bank, Question, Topic

SITE_DESCRIPTION = (
    "Federated learning interview questions with cited answers, self-grading, "
    "spaced-repetition practice and mock interviews."
)


def _yaml_str(text: str) -> str:
    # Front matter values reach the HTML unescaped (page title, meta description), so the
    # templates escape them with `e` first; this only makes them one safe YAML string.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def month_year(day: date) -> str:
    """"November 2026": fixed English names, since strftime's %B follows the machine's locale."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def groupby_initial(items: list) -> list[tuple[str, list]]:
    """Glossary entries grouped by the first letter of their term (digits and symbols under "#")."""
    groups: dict[str, list] = {}
    for item in items:
        first = item.term[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(item)
    return list(groups.items())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


# A topic page holds at most this many questions; a larger topic continues on
# topics/<id>-2.md and so on, so no page outgrows the 300 KB budget at 5,000 questions
# (README, Performance). Not fewer: every extra page adds a link to the navigation that
# each page carries.
QUESTIONS_PER_PAGE = 12


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    part: int  # 1-based
    parts: int
    questions: list[Question]

    @property
    def stem(self) -> str:
        return self.topic.id if self.part == 1 else f"{self.topic.id}-{self.part}"

    @property
    def path(self) -> str:
        return f"topics/{self.stem}.md"

    @property
    def title(self) -> str:
        return self.topic.title if self.parts == 1 else f"{self.topic.title} ({self.part}/{self.parts})"


def topic_pages(bank: Bank, per_page: int = QUESTIONS_PER_PAGE) -> list[TopicPage]:
    grouped = questions_by_topic(bank)
    pages = []
    for topic in ordered_topics(bank):
        chunks = [grouped[topic.id][i : i + per_page]
                  for i in range(0, len(grouped[topic.id]), per_page)] or [[]]
        pages += [TopicPage(topic, n, len(chunks), chunk) for n, chunk in enumerate(chunks, 1)]
    return pages


def page_of_question(pages: list[TopicPage]) -> dict[str, TopicPage]:
    return {q.id: page for page in pages for q in page.questions}


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    # Compiling the templates costs about as much as rendering the whole bank; Jinja's cache is
    # keyed by each template's source checksum, so a stale entry is never used.
    folder = Path(tempfile.gettempdir()) / f"flguide-jinja-{os.getuid() if hasattr(os, 'getuid') else 0}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("flguide", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,  # the output is Markdown; author text is made literal by `lit`
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(groupby_initial=groupby_initial, lit=literal, yaml_str=_yaml_str, blockquote=_blockquote,
                       slug=slug, month_year=month_year)
    return env


def ordered_topics(bank: Bank) -> list[Topic]:
    return sorted(bank.topics, key=lambda t: (t.order, t.id))


def questions_by_topic(bank: Bank) -> dict[str, list[Question]]:
    grouped: dict[str, list[Question]] = {t.id: [] for t in bank.topics}
    for q in bank.questions:
        grouped[q.topic].append(q)
    return grouped


@dataclass(frozen=True)
class Urls:
    """Where each page is served, as MkDocs (and Zensical) decide from `use_directory_urls`:
    `topics/x.md` is `topics/x.html`, or `topics/x/` with directory URLs. Every link the
    templates write by hand, and every address in the quiz data, comes from here."""

    directory: bool = False

    def page(self, path: str) -> str:
        """The page's URL relative to the site root ("./" for the home page with directory URLs)."""
        stem = path.removesuffix(".md")
        if not self.directory:
            return stem + ".html"
        if stem == "index":
            return "./"
        return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"

    def href(self, here: str, target: str) -> str:
        """A relative link from page `here` to `target`: a page (`*.md`) or any other file."""
        url = self.page(target) if target.endswith(".md") else target
        rel = posixpath.relpath(url, posixpath.dirname(self.page(here).removeprefix("./")) or ".")
        if rel == ".":
            return "./"
        return rel + "/" if url.endswith("/") else rel


# `use_directory_urls: false`, which the offline plugin (file://) requires.
FILE_URLS = Urls()


@dataclass(frozen=True)
class PageType:
    """One kind of page the generator writes: its Markdown path, its template, and where it
    sits in the navigation (None: not in it). Adding a page is one entry and one template."""

    path: str
    template: str
    nav_title: str | None
    nav_order: int = 0

    def url(self, urls: Urls = FILE_URLS) -> str:
        return urls.page(self.path)


# The topic pages (one or more per topic, from topic.md.j2) sit in the navigation here.
TOPICS_NAV_ORDER = 10
PAGE_TYPES: list[PageType] = [
    PageType("index.md", "index.md.j2", "Home", 0),
    PageType("practice.md", "practice.md.j2", "Practice", 20),
    PageType("mock.md", "mock.md.j2", "Mock interview", 30),
    PageType("plans.md", "plans.md.j2", "Study plans", 35),
    PageType("checklist.md", "checklist.md.j2", "Checklist", 40),
    PageType("faq.md", "faq.md.j2", "FAQ", 50),
    PageType("glossary.md", "glossary.md.j2", "Glossary", 60),
    PageType("downloads.md", "downloads.md.j2", "Download PDF", 70),
]


def nav(bank: Bank, per_page: int = QUESTIONS_PER_PAGE) -> list:
    """The navigation, in the registry's order with the topics in theirs; the plugin sets it."""
    # MkDocs puts nav titles into HTML unescaped; author text must stay text. A topic split
    # into parts is a section of its own, so navigation.prune leaves other topics' parts out
    # of every page (at 5,000 questions they were over a third of each page).
    pages, topics = topic_pages(bank, per_page), []
    for topic in ordered_topics(bank):
        parts = [p for p in pages if p.topic == topic]
        title = html.escape(topic.title, quote=False)
        topics.append({title: parts[0].path} if len(parts) == 1
                      else {title: [{f"Part {p.part} of {p.parts}": p.path} for p in parts]})
    entries = [(t.nav_order, {t.nav_title: t.path}) for t in PAGE_TYPES if t.nav_title]
    entries.append((TOPICS_NAV_ORDER, {"Topics": topics}))
    return [entry for _, entry in sorted(entries, key=lambda e: e[0])]


def quiz_data(bank: Bank, urls: Urls = FILE_URLS, per_page: int = QUESTIONS_PER_PAGE) -> dict:
    """The index the browser features start from. Answers are not in it: they are cut from
    each built topic page into data/answers/<page>.js (quizdata.py) and load on demand.
    Every address is relative to the site root."""
    pages = topic_pages(bank, per_page)
    where = page_of_question(pages)
    return {
        "version": 3,
        "topics": [{"id": t.id, "title": t.title, "page": urls.page(f"topics/{t.id}.md")}
                   for t in ordered_topics(bank)],
        "pages": [{"page": urls.page(p.path), "answers": f"data/answers/{p.stem}.js"} for p in pages],
        "questions": [
            {"id": q.id, "topic": q.topic, "level": q.level.value, "kind": q.kind.value, "question": q.question,
             "follow_ups": [f.id for f in q.follow_ups],
             "page": urls.page(where[q.id].path), "answers": f"data/answers/{where[q.id].stem}.js"}
            for q in bank.questions
        ],
    }


@dataclass(frozen=True)
class SourceLinks:
    """Where a reader goes to see or report an answer: the repository's web address (GitHub),
    each question's lines in the bank, and the published site's address, if known."""

    repo_url: str
    lines: dict[str, tuple[int, int]]
    site_url: str = ""
    bank_path: str = "content/questions.yaml"
    branch: str = "main"

    def view(self, q: Question) -> str:
        first, last = self.lines[q.id]
        return f"{self.repo_url}/blob/{self.branch}/{self.bank_path}#L{first}-L{last}"

    def report(self, q: Question, page_url: str) -> str:
        page = f"{page_url}#{q.id}"
        fields = {"template": "content-error.yml", "title": f"Content: {q.id}", "question-id": q.id,
                  "page": (self.site_url.rstrip("/") + "/" + page) if self.site_url else page,
                  "reviewed": q.reviewed.isoformat()}
        return f"{self.repo_url}/issues/new?{urlencode(fields)}"


def render_site(bank: Bank, source_links: SourceLinks | None = None, urls: Urls = FILE_URLS,
                per_page: int = QUESTIONS_PER_PAGE) -> dict[str, str]:
    env = _environment()
    grouped = questions_by_topic(bank)
    topics = ordered_topics(bank)
    by_id = {q.id: q for q in bank.questions}
    topics_by_id = {t.id: t for t in topics}

    pages_list = topic_pages(bank, per_page)
    where = page_of_question(pages_list)

    def link(here: str, target: Question) -> str:
        """A Markdown link to a question: the builder turns the .md path into the page's URL."""
        return posixpath.relpath(where[target.id].path, posixpath.dirname(here) or ".") + f"#{target.id}"

    common = dict(
        link=link, href=urls.href, page_url=urls.page,
        bank=bank, topics=topics, questions=bank.questions, questions_by_id=by_id,
        topics_by_id=topics_by_id, checklist=bank.checklist, study_plans=bank.study_plans,
        faq=bank.faq, glossary=sorted(bank.glossary, key=lambda g: g.term.casefold()),
        counts={t.id: len(grouped[t.id]) for t in topics}, site_description=SITE_DESCRIPTION,
        source_links=source_links,
    )

    # Every page defines the glossary's abbreviations itself (hover text on each term), so no
    # builder needs a snippets file on disk.
    abbreviations = env.get_template("abbreviations.md.j2").render(common)
    pages = {page.path: env.get_template(page.template).render(common, here=page.path) + abbreviations
             for page in PAGE_TYPES}
    for page in pages_list:
        pages[page.path] = env.get_template("topic.md.j2").render(
            common, topic=page.topic, page=page, siblings=[p for p in pages_list if p.topic == page.topic],
            questions=page.questions, total=len(grouped[page.topic.id]), here=page.path,
        ) + abbreviations
    data = json.dumps(quiz_data(bank, urls, per_page), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    pages["data/questions.json"] = data + "\n"
    pages["data/questions.js"] = env.get_template("questions.js.j2").render(bank_json=data)
    return pages
