"""The PDF downloads: the study and quiz editions and one PDF per topic, typeset by Typst.

Owns what each document holds (pure: `document_data(bank, edition, paper, build)` gives the
JSON the template reads) and compiling it with one long-lived Typst compiler, so a rebuild
after an edit reuses Typst's memoised layout. Presentation lives in templates/guide.typ.
Fonts are the ones Typst bundles: system fonts are never looked up, so the same bank gives
the same bytes on any machine.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from . import pdf_tree
from .model import Bank, Question, Topic
from .render import month_year, ordered_topics, questions_by_topic

Edition = Literal["study", "quiz", "cram"]
Paper = Literal["a4", "letter"]

TEMPLATE = Path(__file__).resolve().parent / "templates" / "guide.typ"
TITLE = "FL Interview Guide"
FILENAMES: dict[Edition, str] = {"study": "fl-interview-guide.pdf", "quiz": "fl-interview-quiz.pdf",
                                 "cram": "fl-interview-cram.pdf"}
TOPIC_FOLDER = "topics"
TYPST_PAPER: dict[Paper, str] = {"a4": "a4", "letter": "us-letter"}
PAPERS = tuple(TYPST_PAPER)
# Page margins in mm: the template sets them, and the tests check text stays inside them.
MARGINS_MM = {"top": 20.0, "right": 18.0, "bottom": 20.0, "left": 18.0}
# Tagged PDF for screen readers: headings, reading order, language, document title.
PDF_STANDARDS = ["ua-1"]

EDITION_TEXT = {
    "study": ("Study edition",
              "Every question with its answer open: what a strong candidate says, a sample spoken answer, "
              "the follow-ups to expect, the pitfalls to avoid and the sources to cite.",
              "Every federated learning interview question with its full answer, sample answer, follow-ups, "
              "pitfalls and references."),
    "quiz": ("Quiz edition",
             "Answer each question in the space under it, then turn to the answer key at the end: every "
             "question says on which page its answer is.",
             "Numbered federated learning interview questions with space to write, and an answer key."),
    "cram": ("Cram sheet",
             "For the last evening: every question with the points an interviewer listens for and a sample "
             "spoken answer, grouped by topic.",
             "Every federated learning interview question with its key points and sample answer."),
}


# The question fields the quiz edition and the cram sheet show (the study edition and the
# topic PDFs show every field).
EDITION_FIELDS: dict[str, tuple[str, ...]] = {
    "quiz": ("id", "number", "question", "level", "kind", "answer", "example", "key_points", "follow_ups"),
    "cram": ("id", "number", "question", "key_points", "example"),
}


@dataclass(frozen=True)
class Build:
    """What the cover and the PDF metadata say about this build."""

    when: datetime
    version: str | None = None

    @property
    def date(self) -> str:
        return self.when.strftime("%Y-%m-%d")


def build_info(source_date_epoch: str | None, version: str | None = None) -> Build:
    """The build time: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now."""
    when = (
        datetime.fromtimestamp(int(source_date_epoch), UTC)
        if source_date_epoch and source_date_epoch.strip()
        else datetime.now(UTC).replace(microsecond=0)
    )
    return Build(when=when, version=version)


def question_numbers(bank: Bank) -> dict[str, str]:
    """Each question's number in every edition, "topic.position" ("3.4"), in reading order."""
    grouped = questions_by_topic(bank)
    return {
        q.id: f"{ti}.{qi}"
        for ti, topic in enumerate(ordered_topics(bank), start=1)
        for qi, q in enumerate(grouped[topic.id], start=1)
    }


def topic_filename(topic: Topic) -> str:
    return f"{TOPIC_FOLDER}/{topic.id}.pdf"


class _Converted:
    """Each question's text as nodes, converted once and shared by every document of a build."""

    def __init__(self, bank: Bank) -> None:
        self.numbers = question_numbers(bank)
        self.by_id = {q.id: q for q in bank.questions}
        self._questions: dict[str, dict[str, Any]] = {}

    def question(self, q: Question, edition: Edition | Literal["topic"] = "study") -> dict[str, Any]:
        """The fields `edition` shows, and no others: an edit to a field a document does not
        show leaves its data, and so its PDF, unchanged (the compiler then skips it)."""
        full = self._full(q)
        if edition in ("study", "topic"):
            return full
        return {key: full[key] for key in EDITION_FIELDS[edition]}

    def _full(self, q: Question) -> dict[str, Any]:
        if q.id not in self._questions:
            self._questions[q.id] = {
                "id": q.id,
                "number": self.numbers[q.id],
                "question": pdf_tree.inline(q.question),
                "level": q.level.value,
                "kind": q.kind.value,
                "answer": pdf_tree.blocks(q.answer),
                "example": pdf_tree.blocks(q.example),
                "key_points": [pdf_tree.inline(k) for k in q.key_points],
                "follow_ups": [
                    {"id": f.id, "question": pdf_tree.inline(f.question), "answer": pdf_tree.blocks(f.answer)}
                    for f in q.follow_ups
                ],
                "pitfalls": [pdf_tree.blocks(p) for p in q.pitfalls],
                "references": [
                    {"authors": pdf_tree.inline(r.authors), "year": r.year, "title": pdf_tree.inline(r.title),
                     "venue": pdf_tree.inline(r.venue), "url": r.url}
                    for r in q.references
                ],
                "reviewed": month_year(q.reviewed),
                "also": [pdf_tree.inline(a) for a in q.also_asked_as],
                "related": [
                    {"id": rid, "number": self.numbers[rid], "question": pdf_tree.inline(self.by_id[rid].question)}
                    for rid in q.related
                ],
            }
        return self._questions[q.id]


def markdown_texts(bank: Bank) -> list[tuple[bool, str]]:
    """Every (is a block field, text) of the bank that needs Markdown, once each: what a
    build converts up front, split between processes. A field missing here is still
    converted, later and in one process."""
    blocks: list[str] = []
    inline: list[str] = []
    for t in bank.topics:
        inline += [t.title, t.summary]
    for q in bank.questions:
        inline += [q.question, *q.key_points, *q.also_asked_as, *(f.question for f in q.follow_ups)]
        inline += [x for r in q.references for x in (r.authors, r.title, r.venue)]
        blocks += [q.answer, q.example, *q.pitfalls, *(f.answer for f in q.follow_ups)]
    for s in bank.checklist:
        inline += [s.section, *s.items]
    for p in bank.study_plans:
        inline += [p.title, *(s.when for s in p.steps)]
        blocks += [s.do for s in p.steps]
    for f in bank.faq:
        inline.append(f.question)
        blocks.append(f.answer)
    found = [(True, b) for b in blocks] + [(False, i) for i in inline]
    return [x for x in dict.fromkeys(found) if pdf_tree.needs_markdown(x[1])]


T = TypeVar("T")


def balance(items: list[T], weight: Callable[[T], int], parts: int) -> list[list[T]]:
    """`items` in at most `parts` non-empty groups of about equal weight (the heaviest first,
    each to the lightest group), in their given order within each group."""
    loads = [0] * parts
    groups: list[list[int]] = [[] for _ in range(parts)]
    for i in sorted(range(len(items)), key=lambda i: -weight(items[i])):
        least = loads.index(min(loads))
        loads[least] += weight(items[i])
        groups[least].append(i)
    return [[items[i] for i in sorted(g)] for g in groups if g]


def document_data(bank: Bank, edition: Edition | Literal["topic"], paper: Paper, build: Build,
                  topic_id: str | None = None, converted: _Converted | None = None) -> dict[str, Any]:
    """Everything one document shows, as plain data for templates/guide.typ. Pure."""
    conv = converted or _Converted(bank)
    grouped = questions_by_topic(bank)
    numbered = list(enumerate(ordered_topics(bank), start=1))
    chosen = [(n, t) for n, t in numbered if topic_id is None or t.id == topic_id]
    name, blurb, description = EDITION_TEXT["study" if edition == "topic" else edition]
    questions = sum(len(grouped[t.id]) for _, t in chosen)
    if edition == "topic":
        (number, topic), = chosen
        name = f"Topic {number}: {pdf_tree.plain_text(pdf_tree.inline(topic.title))}"
    whole = edition == "study"  # the checklist, plans, FAQ and glossary
    return {
        "edition": edition,
        "title": TITLE,
        "edition_name": name,
        "blurb": blurb,
        "description": description,
        "paper": TYPST_PAPER[paper],
        "margins": MARGINS_MM,
        "built": build.date + (f" · version {build.version}" if build.version else ""),
        "counts": f"{questions} in {len(chosen)} topic{'s' if len(chosen) != 1 else ''}",
        "topics": [
            {"id": t.id, "number": n, "title": pdf_tree.inline(t.title),
             "summary": pdf_tree.inline(t.summary) if edition != "cram" else [],
             "questions": [conv.question(q, edition) for q in grouped[t.id]]}
            for n, t in chosen
        ],
        "checklist": [{"section": pdf_tree.inline(s.section), "items": [pdf_tree.inline(i) for i in s.items]}
                      for s in bank.checklist] if whole else [],
        "plans": [{"id": p.id, "title": pdf_tree.inline(p.title),
                   "steps": [{"when": pdf_tree.inline(s.when), "do": pdf_tree.blocks(s.do)} for s in p.steps]}
                  for p in bank.study_plans] if whole else [],
        "faq": [{"question": pdf_tree.inline(f.question), "answer": pdf_tree.blocks(f.answer)}
                for f in bank.faq] if whole else [],
        "glossary": [{"term": g.term, "definition": g.definition}
                     for g in sorted(bank.glossary, key=lambda g: g.term.casefold())] if whole else [],
    }


class PdfCompiler:
    """One Typst compiler kept alive: Typst memoises layout between compilations, so after a
    one-answer edit only what changed is laid out again.

    Each document is a two-line main file beside a copy of the template, in a private
    folder that is Typst's root: the data goes in as a file, which Typst tracks on its own
    (an input would invalidate everything), and the template can read nothing else. A
    document whose data and build time are the ones of its last compilation is not
    compiled again: even with every layout memoised, exporting a PDF costs a few tenths of
    a second."""

    def __init__(self) -> None:
        import typst

        self._root = Path(tempfile.mkdtemp(prefix="flguide-typst-"))
        shutil.copyfile(TEMPLATE, self._root / TEMPLATE.name)
        # ignore_system_fonts: only the fonts inside Typst, whatever the machine has installed.
        self._compiler = typst.Compiler(root=self._root, ignore_system_fonts=True)
        self._lock = threading.Lock()
        self._last: dict[str, tuple[bytes, bytes]] = {}  # stem → (digest of data and time, PDF)

    def compile(self, name: str, data: dict[str, Any], build: Build) -> bytes:
        """PDF bytes for the document `name` (any identifier, stable across rebuilds)."""
        stem = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        digest = hashlib.sha256(payload + build.when.isoformat().encode()).digest()
        with self._lock:
            last = self._last.get(stem)
            if last is not None and last[0] == digest:
                return last[1]
            _write_if_changed(self._root / f"{stem}.json", payload)
            main = self._root / f"{stem}.typ"
            _write_if_changed(main, f'#import "{TEMPLATE.name}": guide\n#guide(json("{stem}.json"))\n'.encode())
            pdf = self._compiler.compile(input=main, pdf_standards=PDF_STANDARDS, timestamp=build.when)
            assert isinstance(pdf, bytes)
            self._last[stem] = (digest, pdf)
        return pdf


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


# Compilers per process: Typst releases the GIL while it works, so two threads lay out two
# documents at once (Typst's memoised work is shared by every compiler of a process).
THREADS = max(1, min(2, os.cpu_count() or 1))


_COMPILERS: dict[int, PdfCompiler] = {}
_COMPILERS_LOCK = threading.Lock()


def compiler(slot: int = 0) -> PdfCompiler:
    """This process's long-lived compiler number `slot` (one per thread of compile_documents)."""
    with _COMPILERS_LOCK:
        if slot not in _COMPILERS:
            _COMPILERS[slot] = PdfCompiler()
        return _COMPILERS[slot]


def document_names(bank: Bank, topics: bool = True) -> list[str]:
    """Every PDF of a build, as paths under the downloads folder: the editions first."""
    names = list(FILENAMES.values())
    return names + ([topic_filename(t) for t in ordered_topics(bank)] if topics else [])


def _data_for(bank: Bank, name: str, paper: Paper, build: Build, conv: _Converted) -> dict[str, Any]:
    editions = {filename: edition for edition, filename in FILENAMES.items()}
    if name in editions:
        return document_data(bank, editions[name], paper, build, converted=conv)
    topic = next(t for t in bank.topics if topic_filename(t) == name)
    return document_data(bank, "topic", paper, build, topic.id, converted=conv)


def documents(bank: Bank, paper: Paper, build: Build, topics: bool = True) -> dict[str, dict[str, Any]]:
    """{file name under the downloads folder: document data} for every PDF of a build. Pure."""
    conv = _Converted(bank)
    return {name: _data_for(bank, name, paper, build, conv) for name in document_names(bank, topics)}


def _weight(data: dict[str, Any]) -> int:
    """Roughly how long a document takes to lay out: what it shows of its questions."""
    fields = {"study": 12, "topic": 12, "quiz": 9, "cram": 2}[data["edition"]]
    return sum(len(t["questions"]) for t in data["topics"]) * fields + 1


def share(docs: dict[str, dict[str, Any]], parts: int) -> list[list[str]]:
    """The documents' names in `parts` groups of about equal work."""
    return balance(list(docs), lambda name: _weight(docs[name]), parts)


def compile_documents(docs: dict[str, dict[str, Any]], build: Build, threads: int | None = None) -> dict[str, bytes]:
    """PDF bytes for each named document's data, with this process's long-lived compilers,
    `threads` documents at a time (THREADS unless given)."""
    groups = share(docs, threads or THREADS)

    def run(i: int) -> dict[str, bytes]:
        return {name: compiler(i).compile(name, docs[name], build) for name in groups[i]}

    if len(groups) == 1:
        done = run(0)
    else:
        with ThreadPoolExecutor(len(groups), thread_name_prefix="flguide-typst") as threads_:
            done = {name: pdf for part in threads_.map(run, range(len(groups))) for name, pdf in part.items()}
    return {name: done[name] for name in docs}


def _compile_in_worker(docs: dict[str, dict[str, Any]], build: Build) -> dict[str, bytes]:
    return compile_documents(docs, build, threads=1)


def build_pdfs(bank: Bank, out_dir: Path, paper: Paper, build: Build, topics: bool = True,
               parallel: bool = True) -> list[Path]:
    """Write the editions (and, with `topics`, one PDF per topic) into `out_dir`.

    `parallel` uses two fresh processes: they convert the bank's Markdown, half each, then
    lay out the documents in two groups of about equal work (the study edition in one, the
    quiz edition and the cram sheet in the other, the topic PDFs shared out). Each process
    holds only its own documents' layout. Without `parallel`, this process's long-lived
    compilers do all of them, two threads at once, which is what a long-lived caller wants:
    their memoised layout makes rebuilds after an edit cheap.
    """
    names = document_names(bank, topics)
    workers = min(2, os.cpu_count() or 1)
    if parallel and workers > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            # The workers convert the bank's Markdown, half each, then lay out the documents.
            converted = pool.map(pdf_tree.convert, balance(markdown_texts(bank), lambda t: len(t[1]), workers))
            pdf_tree.prime({key: nodes for part in converted for key, nodes in part.items()})
            docs = documents(bank, paper, build, topics)
            groups = [{name: docs[name] for name in group} for group in share(docs, workers)]
            parts = pool.map(_compile_in_worker, groups, [build] * len(groups))
            pdfs = {name: data for part in parts for name, data in part.items()}
    else:
        pdfs = compile_documents(documents(bank, paper, build, topics), build)
    written = []
    for name in names:
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".pdf.part")
        partial.write_bytes(pdfs[name])
        partial.replace(target)
        written.append(target)
    return written
