"""The flashcard downloads: an Anki deck (.apkg, via genanki) and a CSV, from the bank.

Owns what a card holds (pure: `cards(bank)` and `csv_rows(bank)`), and every id the deck
carries: the note type's id, each deck's id and each note's GUID are hashes of stable
strings (the question's id, the topic's id), never random, so importing a newer deck
updates the notes a learner already has instead of adding duplicates. Writing is the only
I/O: `write_apkg` pins every timestamp (SOURCE_DATE_EPOCH), so the same bank gives the
same bytes. Card layout lives in templates/deck_*.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import tempfile
import time
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import genanki
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .markdown_html import inline_html, to_html
from .model import Bank, Question, Topic
from .render import ordered_topics

DECK_NAME = "FL Interview Guide"
NAMESPACE = "fl-interview-guide"
# Bump only when a change cannot be merged: Anki then sees a new note type, and notes already
# imported can no longer be updated. Adding a field (KeyPoints, after 2026-11-29) keeps the
# note type's id, so Anki 23.10+ can merge it on import ("Merge notetypes").
MODEL_VERSION = "1"
FIELDS = ("Question", "Answer", "Example", "Pitfalls", "References", "Topic", "Level", "KeyPoints")
CSV_HEADER = ("Question", "Answer", "Example", "Pitfalls", "References", "Topic", "Level", "Kind", "Tags", "ID",
              "Key points")
APKG_NAME = "fl-interview.apkg"
CSV_NAME = "fl-interview.csv"
TEMPLATES = Path(__file__).resolve().parent / "templates"
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a zip entry can hold


def stable_id(*parts: str) -> int:
    """An Anki id (in genanki's recommended range 2^30..2^31) from stable strings."""
    digest = hashlib.sha256("\x1f".join((NAMESPACE, *parts)).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def note_guid(question_id: str, follow_up_id: str | None = None) -> str:
    """From ids only, so a note keeps its review history when its text is edited."""
    if follow_up_id is None:
        return genanki.guid_for(NAMESPACE, question_id)
    return genanki.guid_for(NAMESPACE, question_id, follow_up_id)


def deck_name(topic: Topic) -> str:
    # "::" separates Anki sub-decks, so a title must not add a level of its own.
    return f"{DECK_NAME}::{' '.join(topic.title.replace('::', ':').split())}"


def tags(q: Question) -> list[str]:
    return [f"topic::{q.topic}", f"level::{q.level.value}", f"kind::{q.kind.value}"]


@dataclass(frozen=True)
class Card:
    guid: str
    topic: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    kind: str
    question_id: str


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("flguide", "templates"), autoescape=True, undefined=StrictUndefined
    )
    env.filters["md"] = lambda text: Markup(to_html(text))
    env.filters["md_inline"] = lambda text: Markup(inline_html(text))
    return env


def cards(bank: Bank) -> list[Card]:
    """One card per question, in topic order, each followed by one card per follow-up (kind
    "follow-up", tagged with its parent), with every field rendered to HTML. Pure."""
    fields_html = _environment().get_template("deck_fields.html.j2").module
    topics = ordered_topics(bank)
    by_topic = {t.id: t for t in topics}
    rank = {t.id: i for i, t in enumerate(topics)}
    ordered = sorted(bank.questions, key=lambda q: rank[q.topic])  # stable: bank order within a topic
    out: list[Card] = []
    for q in ordered:
        topic, level = inline_html(by_topic[q.topic].title), q.level.value
        out.append(Card(
            guid=note_guid(q.id),
            topic=q.topic,
            fields={
                "Question": inline_html(q.question),
                "Answer": to_html(q.answer),
                "Example": to_html(q.example),
                "Pitfalls": str(fields_html.pitfalls(q.pitfalls)).strip(),
                "References": str(fields_html.references(q.references)).strip(),
                "Topic": topic,
                "Level": level,
                "KeyPoints": str(fields_html.key_points(q.key_points)).strip(),
            },
            tags=tuple(tags(q)),
            kind=q.kind.value,
            question_id=q.id,
        ))
        for f in q.follow_ups:
            out.append(Card(
                guid=note_guid(q.id, f.id),
                topic=q.topic,
                fields={"Question": inline_html(f.question), "Answer": to_html(f.answer), "Example": "",
                        "Pitfalls": "", "References": str(fields_html.references(q.references)).strip(),
                        "Topic": topic, "Level": level, "KeyPoints": ""},
                tags=(*tags(q), "follow-up", f"parent::{q.id}"),
                kind="follow-up",
                question_id=f"{q.id}--{f.id}",
            ))
    return out


def note_model() -> genanki.Model:
    return genanki.Model(
        stable_id("model", MODEL_VERSION),
        f"{DECK_NAME} (v{MODEL_VERSION})",
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": "Question → Answer",
            "qfmt": (TEMPLATES / "deck_front.html").read_text(encoding="utf-8"),
            "afmt": (TEMPLATES / "deck_back.html").read_text(encoding="utf-8"),
        }],
        css=(TEMPLATES / "deck.css").read_text(encoding="utf-8"),
        sort_field_index=0,
    )


def package(bank: Bank) -> genanki.Package:
    """The parent deck and one sub-deck per topic, every note with its stable GUID."""
    model = note_model()
    parent = genanki.Deck(stable_id("deck"), DECK_NAME, description="Federated learning interview questions.")
    decks = {
        t.id: genanki.Deck(stable_id("deck", t.id), deck_name(t), description=inline_html(t.summary))
        for t in ordered_topics(bank)
    }
    for position, card in enumerate(cards(bank), start=1):
        decks[card.topic].add_note(genanki.Note(
            model=model,
            fields=[card.fields[name] for name in FIELDS],
            tags=list(card.tags),
            guid=card.guid,
            due=position,
        ))
    return genanki.Package([parent, *decks.values()])


def write_apkg(pkg: genanki.Package, target: Path, timestamp: float) -> None:
    """genanki's file, re-zipped with fixed entry dates: same bank and timestamp, same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.apkg"
        pkg.write_to_file(str(raw), timestamp=timestamp)
        with zipfile.ZipFile(raw) as src:
            entries = [(info.filename, src.read(info)) for info in src.infolist()]
    date = time.gmtime(max(int(timestamp), ZIP_EPOCH))[:6]
    partial = target.with_suffix(".apkg.part")
    with zipfile.ZipFile(partial, "w") as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    partial.replace(target)


class _Simplifier(HTMLParser):
    """Keeps the tags any flashcard tool understands, drops classes and wrappers."""

    KEEP = {
        "p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "code", "pre", "sub", "sup",
        "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "del", "ins", "mark",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            self.out.append(f'<a href="{html.escape(href)}">' if href else "<a>")
        elif tag in self.KEEP:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.KEEP and tag not in {"br", "hr"}:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def simple_html(fragment: str) -> str:
    """`fragment` with only plain tags (no classes, no highlighting spans)."""
    parser = _Simplifier()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).strip()


def csv_rows(bank: Bank) -> list[tuple[str, ...]]:
    """Header, then one row per question: Question and Answer first, for Basic imports."""
    rows: list[tuple[str, ...]] = [CSV_HEADER]
    for card in cards(bank):
        if card.kind == "follow-up":
            continue  # the CSV is for "Basic" imports: one row per question
        f = card.fields
        rows.append((
            simple_html(f["Question"]), simple_html(f["Answer"]), simple_html(f["Example"]),
            simple_html(f["Pitfalls"]), simple_html(f["References"]), simple_html(f["Topic"]),
            f["Level"], card.kind, " ".join(card.tags), card.question_id, simple_html(f["KeyPoints"]),
        ))
    return rows


def csv_text(rows: list[tuple[str, ...]]) -> str:
    """RFC 4180: comma-separated, CRLF line ends, fields quoted when they need it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue()


def build_decks(bank: Bank, out_dir: Path, timestamp: float) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    apkg, table = out_dir / APKG_NAME, out_dir / CSV_NAME
    write_apkg(package(bank), apkg, timestamp)
    partial = table.with_suffix(".csv.part")
    partial.write_bytes(csv_text(csv_rows(bank)).encode("utf-8"))
    partial.replace(table)
    return [apkg, table]
