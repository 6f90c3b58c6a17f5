"""The flashcard downloads (flguide/decks.py, scripts/build_decks.py): the Anki deck is
opened as Anki would (a zip holding an SQLite collection), the CSV with Python's csv module."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from flguide.decks import APKG_NAME, CSV_HEADER, CSV_NAME, DECK_NAME, FIELDS, build_decks, csv_rows, note_guid
from flguide.model import Bank
from flguide.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EPOCH = 1700000000


def load(name: str) -> Bank:
    return load_and_validate(FIXTURES / f"{name}.yaml")


def build(bank: Bank, out: Path, timestamp: float = EPOCH) -> Path:
    build_decks(bank, out, timestamp)
    return out


def collection(apkg: Path) -> sqlite3.Connection:
    """The deck's SQLite collection, copied into memory."""
    with zipfile.ZipFile(apkg) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        data = z.read("collection.anki2")
    db = apkg.with_suffix(".anki2")
    db.write_bytes(data)
    disk = sqlite3.connect(db)
    memory = sqlite3.connect(":memory:")
    disk.backup(memory)
    disk.close()
    db.unlink()
    return memory


def notes(apkg: Path) -> list[dict]:
    con = collection(apkg)
    rows = con.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id").fetchall()
    return [
        {"id": i, "guid": g, "mid": m, "tags": t.split(), "fields": dict(zip(FIELDS, f.split("\x1f"), strict=True))}
        for i, g, m, t, f in rows
    ]


def decks(apkg: Path) -> dict[str, int]:
    raw = collection(apkg).execute("SELECT decks FROM col").fetchone()[0]
    return {d["name"]: d["id"] for d in json.loads(raw).values()}


def models(apkg: Path) -> dict:
    return json.loads(collection(apkg).execute("SELECT models FROM col").fetchone()[0])


def run_script(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_decks.py"), *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="session")
def small_out(tmp_path_factory) -> Path:
    return build(load("small"), tmp_path_factory.mktemp("decks-small"))


# --- the Anki deck -----------------------------------------------------------------------

def test_one_note_per_question_and_per_follow_up_and_one_card_each(small_out):
    bank = load("small")
    expected = len(bank.questions) + sum(len(q.follow_ups) for q in bank.questions)
    assert len(notes(small_out / APKG_NAME)) == expected
    assert collection(small_out / APKG_NAME).execute("SELECT count(*) FROM cards").fetchone()[0] == expected


def test_key_points_lead_the_back_and_follow_ups_are_notes_of_their_own(small_out):
    bank = load("small")
    by_guid = {n["guid"]: n for n in notes(small_out / APKG_NAME)}
    q = bank.questions[0]
    main = by_guid[note_guid(q.id)]
    assert all(k in main["fields"]["KeyPoints"] for k in q.key_points)
    (model,) = models(small_out / APKG_NAME).values()
    back = model["tmpls"][0]["afmt"]
    assert back.index("{{KeyPoints}}") < back.index("{{Answer}}")
    for f in q.follow_ups:
        note = by_guid[note_guid(q.id, f.id)]
        assert note["fields"]["Question"] == f.question and f"parent::{q.id}" in note["tags"]
        assert "follow-up" in note["tags"]


def test_a_follow_up_keeps_its_note_when_its_text_changes():
    from flguide.decks import cards

    bank = load("small")
    q = bank.questions[0]
    first = q.follow_ups[0]
    edited_follow_up = first.model_copy(update={"question": "Reworded?", "answer": first.answer + " More."})
    edited = bank.model_copy(update={"questions": [q.model_copy(update={"follow_ups": [edited_follow_up]}),
                                                   *bank.questions[1:]]})
    guid = note_guid(q.id, q.follow_ups[0].id)
    assert guid in {c.guid for c in cards(bank)} and guid in {c.guid for c in cards(edited)}


def test_one_sub_deck_per_topic_under_the_parent(small_out):
    bank = load("small")
    names = set(decks(small_out / APKG_NAME))
    assert DECK_NAME in names
    assert {n for n in names if n.startswith(DECK_NAME + "::")} == {f"{DECK_NAME}::{t.title}" for t in bank.topics}
    con = collection(small_out / APKG_NAME)
    by_id = {v: k for k, v in decks(small_out / APKG_NAME).items()}
    placed = dict(con.execute("SELECT n.flds, c.did FROM cards c JOIN notes n ON n.id = c.nid").fetchall())
    for q in bank.questions:
        title = next(t.title for t in bank.topics if t.id == q.topic)
        (did,) = [did for flds, did in placed.items() if flds.startswith(q.question + "\x1f")]
        assert by_id[did] == f"{DECK_NAME}::{title}"


def test_note_type_has_the_fields_and_shows_answer_pitfalls_references(small_out):
    (model,) = models(small_out / APKG_NAME).values()
    assert [f["name"] for f in model["flds"]] == list(FIELDS) == [
        "Question", "Answer", "Example", "Pitfalls", "References", "Topic", "Level", "KeyPoints"]
    (template,) = model["tmpls"]
    assert "{{Question}}" in template["qfmt"] and "{{Answer}}" not in template["qfmt"]
    for field in ("{{Answer}}", "{{Pitfalls}}", "{{References}}"):
        assert field in template["afmt"]
    assert ".formula" in model["css"]


def test_fields_are_rendered_html_without_raw_markdown(tmp_path):
    for name in ("small", "literal"):
        for note in notes(build(load(name), tmp_path / name) / APKG_NAME):
            for field, value in note["fields"].items():
                assert "**" not in value, (field, value)
                assert "`" not in value, (field, value)
                assert not re.search(r"\[[^\]]+\]\([^)]+\)", value), (field, value)
                assert "<script" not in value, (field, value)
    small = notes(tmp_path / "small" / APKG_NAME)
    one = next(n for n in small if n["fields"]["Question"].startswith("What is the first"))
    assert "<strong>Misconception: fixtures are real.</strong>" in one["fields"]["Pitfalls"]
    assert '<a href="https://example.org/paper">A fixture paper</a>' in one["fields"]["References"]
    # The formula keeps its sub/superscripts and its class, so it is legible on the card.
    assert '<p class="formula">w<sub>t+1</sub> = Σ<sub>k∈S</sub>' in one["fields"]["Answer"]
    assert one["fields"]["Level"] == "fundamentals" and one["fields"]["Topic"] == "Alpha topic"
    code = next(n for n in small if n["fields"]["Question"].startswith("Write the third"))
    assert "<code>" in code["fields"]["Answer"] and "```" not in code["fields"]["Answer"]
    script = next(n for n in notes(tmp_path / "literal" / APKG_NAME) if "alert" in n["fields"]["Question"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in script["fields"]["Question"]
    assert "a &lt; b &amp; c &gt; d" in script["fields"]["Question"]
    assert "{{ 7*7 }}" in script["fields"]["Answer"]


def test_tags_come_from_topic_level_and_kind(small_out):
    one = next(n for n in notes(small_out / APKG_NAME) if n["fields"]["Question"].startswith("What is the first"))
    assert sorted(one["tags"]) == ["kind::concept", "level::fundamentals", "topic::alpha"]


def test_building_twice_gives_identical_guids_and_ids(tmp_path):
    bank = load("small")
    first, second = build(bank, tmp_path / "a") / APKG_NAME, build(bank, tmp_path / "b") / APKG_NAME
    assert notes(first) == notes(second)
    assert decks(first) == decks(second)
    assert models(first).keys() == models(second).keys()


def test_guids_follow_question_ids_not_text(tmp_path):
    bank = load("small")
    base = {n["fields"]["Question"]: n for n in notes(build(bank, tmp_path / "base", EPOCH) / APKG_NAME)}

    edited = bank.model_copy(update={"questions": [
        q.model_copy(update={"answer": q.answer + "\n\nA new sentence."}) if q.id == "q-one" else q
        for q in bank.questions]})
    later = {n["fields"]["Question"]: n for n in notes(build(edited, tmp_path / "edited", EPOCH + 86400) / APKG_NAME)}
    assert {k: n["guid"] for k, n in later.items()} == {k: n["guid"] for k, n in base.items()}
    assert "A new sentence." in later["What is the first fixture question?"]["fields"]["Answer"]
    assert decks(tmp_path / "edited" / APKG_NAME) == decks(tmp_path / "base" / APKG_NAME)
    assert models(tmp_path / "edited" / APKG_NAME).keys() == models(tmp_path / "base" / APKG_NAME).keys()

    renamed = bank.model_copy(update={"questions": [
        q.model_copy(update={"id": "q-one-renamed"}) if q.id == "q-one" else q for q in bank.questions]})
    moved = {n["fields"]["Question"]: n for n in notes(build(renamed, tmp_path / "renamed") / APKG_NAME)}
    assert moved["What is the first fixture question?"]["guid"] != base["What is the first fixture question?"]["guid"]
    assert moved["What is the fourth fixture question?"]["guid"] == base["What is the fourth fixture question?"]["guid"]


# --- the CSV -----------------------------------------------------------------------------

def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_a_header_and_one_row_per_question(small_out):
    bank = load("small")
    rows = read_csv(small_out / CSV_NAME)
    assert rows[0] == list(CSV_HEADER)
    assert rows[0][:2] == ["Question", "Answer"]  # what Anki "Basic" and term/definition tools read
    assert len(rows) == len(bank.questions) + 1
    assert {r[CSV_HEADER.index("ID")] for r in rows[1:]} == {q.id for q in bank.questions}
    raw = (small_out / CSV_NAME).read_bytes()
    raw.decode("utf-8")  # strict UTF-8
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.startswith(b"Question,Answer,") and raw.split(b"\r\n", 1)[0].count(b"\n") == 0


def test_csv_fields_are_simple_html(small_out):
    for row in read_csv(small_out / CSV_NAME)[1:]:
        for value in row:
            assert "class=" not in value and "<span" not in value and "<div" not in value
            assert "**" not in value and "`" not in value
    first = read_csv(small_out / CSV_NAME)[1]
    assert first[0] == "What is the first fixture question?"
    assert "<sub>t+1</sub>" in first[1]


def test_csv_round_trips_commas_quotes_and_newlines(tmp_path):
    bank = load("csv_tricky")
    rows = read_csv(build(bank, tmp_path) / CSV_NAME)
    assert [tuple(r) for r in rows] == csv_rows(bank)
    tricky = rows[1]
    assert tricky[0] == 'One, two, "three"\nand a second line, with \'single\' quotes?'
    assert tricky[1] == (
        '<p>A first paragraph, with commas, and "double quotes".</p>\n'
        "<p>A second paragraph after a blank line,\nand a soft line break.</p>"
    )
    assert tricky[2] == '<p>He said "yes, definitely", then left.</p>'
    assert tricky[5] == 'Tricky, "quoted" topic'
    assert len(rows) == len(bank.questions) + 1


# --- the command line and reproducibility ------------------------------------------------

@pytest.mark.slow
def test_source_date_epoch_gives_byte_identical_files(tmp_path):
    for run in ("one", "two"):
        result = run_script("--bank", str(FIXTURES / "small.yaml"), "--out", str(tmp_path / run),
                            env={"SOURCE_DATE_EPOCH": str(EPOCH)})
        assert result.returncode == 0, result.stderr
    for name in (APKG_NAME, CSV_NAME):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "one" / APKG_NAME) as z:
        assert {info.date_time for info in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    mods = collection(tmp_path / "one" / APKG_NAME).execute("SELECT DISTINCT mod FROM notes").fetchall()
    assert mods == [(EPOCH,)]


@pytest.mark.slow
def test_a_bad_bank_exits_1_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("related: [q-two]", "related: [q-nine]"), encoding="utf-8")
    result = run_script("--bank", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert re.search(r"bad\.yaml:\d+:\d+: .*unknown question id 'q-nine'", result.stderr)
    assert not (tmp_path / "out").exists()


def test_apkg_is_a_zip_anki_can_open(small_out):
    data = (small_out / APKG_NAME).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.read("media") == b"{}"
        assert z.read("collection.anki2").startswith(b"SQLite format 3\x00")
