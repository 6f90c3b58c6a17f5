"""The two PDF downloads, study and quiz editions, rendered by WeasyPrint from the bank.

Owns what each edition's HTML holds (pure: `render_html(bank, edition, paper, build)`) and
turning that HTML into PDF bytes with CSS paged media: no browser, no JavaScript, nothing
fetched. Presentation lives in templates/pdf_*.html.j2 and templates/pdf.css; the fonts are
Debian's, named by family in the CSS.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .markdown_html import inline_html, to_html
from .model import Bank
from .render import month_year, ordered_topics, questions_by_topic

Edition = Literal["study", "quiz"]
Paper = Literal["a4", "letter"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = TEMPLATES / "pdf.css"
TITLE = "FL Interview Guide"
FILENAMES: dict[Edition, str] = {"study": "fl-interview-guide.pdf", "quiz": "fl-interview-quiz.pdf"}
# Page sizes in CSS keywords and in PDF points (1/72 in), and the page margins in mm:
# the template writes them into @page, and the tests check text stays inside them.
PAPER_CSS: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
PAPER_POINTS: dict[Paper, tuple[float, float]] = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MARGINS_MM = {"top": 20.0, "right": 18.0, "bottom": 20.0, "left": 18.0}


@dataclass(frozen=True)
class Build:
    """What the cover and the PDF metadata say about this build."""

    when: datetime
    version: str | None = None

    @property
    def date(self) -> str:
        return self.when.strftime("%Y-%m-%d")

    @property
    def w3c(self) -> str:
        return self.when.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_info(source_date_epoch: str | None, version: str | None = None) -> Build:
    """The build time: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now."""
    when = (
        datetime.fromtimestamp(int(source_date_epoch), UTC)
        if source_date_epoch and source_date_epoch.strip()
        else datetime.now(UTC).replace(microsecond=0)
    )
    return Build(when=when, version=version)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("flguide", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Author Markdown becomes HTML with the site's extensions; `to_html` makes raw HTML in
    # the author's text literal, so the result is safe to mark as markup.
    env.filters["md"] = lambda text: Markup(to_html(text))
    env.filters["md_inline"] = lambda text: Markup(inline_html(text))
    env.filters["month_year"] = month_year
    return env


def question_numbers(bank: Bank) -> dict[str, str]:
    """Each question's number in both editions, "topic.position" ("3.4"), in reading order."""
    grouped = questions_by_topic(bank)
    return {
        q.id: f"{ti}.{qi}"
        for ti, topic in enumerate(ordered_topics(bank), start=1)
        for qi, q in enumerate(grouped[topic.id], start=1)
    }


def render_html(bank: Bank, edition: Edition, paper: Paper, build: Build) -> str:
    """The edition's whole document as HTML, ready for WeasyPrint. Pure."""
    topics = ordered_topics(bank)
    grouped = questions_by_topic(bank)
    context = dict(
        numbers=question_numbers(bank),
        title=TITLE,
        build=build,
        paper=PAPER_CSS[paper],
        margins=MARGINS_MM,
        topics=topics,
        questions_by_topic=grouped,
        questions_by_id={q.id: q for q in bank.questions},
        question_count=len(bank.questions),
        checklist=bank.checklist,
        study_plans=bank.study_plans,
        faq=bank.faq,
        glossary=sorted(bank.glossary, key=lambda g: g.term.casefold()),
    )
    return _environment().get_template(f"pdf_{edition}.html.j2").render(context)


def html_to_pdf(html: str) -> bytes:
    """Lay out and write the PDF. Only local files are readable: nothing is fetched."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    document = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher)
    stylesheet = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    # No PDF identifier (it would be random); the dates come from <meta name=dcterms.*>.
    return document.write_pdf(stylesheets=[stylesheet], pdf_identifier=False)


def build_pdfs(bank: Bank, out_dir: Path, paper: Paper, build: Build) -> list[Path]:
    """Write both editions into `out_dir`; return their paths.

    Layout is the slow part and each edition is independent, so the two are laid out in
    parallel processes ("spawn": no state shared with the caller, same bytes as in series).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = {edition: render_html(bank, edition, paper, build) for edition in FILENAMES}
    workers = min(len(documents), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            pdfs = dict(zip(documents, pool.map(html_to_pdf, documents.values()), strict=True))
    else:
        pdfs = {edition: html_to_pdf(html) for edition, html in documents.items()}
    written = []
    for edition, name in FILENAMES.items():
        target = out_dir / name
        partial = target.with_suffix(".pdf.part")
        partial.write_bytes(pdfs[edition])
        partial.replace(target)
        written.append(target)
    return written
