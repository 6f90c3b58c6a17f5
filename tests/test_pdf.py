"""The PDF downloads (flguide/pdf.py, scripts/build_pdf.py) and the site's print stylesheet.

Each fixture bank's PDFs are built once per session; every test reads those files the way a
reader's PDF viewer would (pypdf for text, outline, links and fonts; pdfplumber for where
each character lands on the page).
"""

from __future__ import annotations

import html
import io
import os
import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from flguide.markdown_html import inline_html, to_html
from flguide.model import Bank
from flguide.pdf import (
    FILENAMES,
    MARGINS_MM,
    build_info,
    build_pdfs,
    compile_documents,
    documents,
    question_numbers,
)
from flguide.render import month_year, ordered_topics, questions_by_topic
from flguide.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BANKS = ("small", "literal")
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
MM = 72 / 25.4
A4 = (595, 842)
LETTER = (612, 792)


# --- helpers -----------------------------------------------------------------------------

def plain(fragment: str) -> str:
    """The text a reader sees for an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def squash(text: str) -> str:
    """Text without whitespace or hyphens: PDF text extraction breaks lines wherever layout
    does, and the layout hyphenates long words, so both sides drop them alike."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 0-based page) for every bookmark, in order."""
    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def run_script(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_pdf.py"), *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=300,
    )


# --- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def banks() -> dict[str, Bank]:
    return {name: load_and_validate(FIXTURES / f"{name}.yaml") for name in BANKS}


@pytest.fixture(scope="session")
def pdfs(banks, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(bank name, edition) → the A4 PDF, each built once."""
    built = {}
    for name, bank in banks.items():
        out = tmp_path_factory.mktemp(f"pdf-{name}")
        build_pdfs(bank, out, "a4", build_info(EPOCH), parallel=False)
        for edition, filename in FILENAMES.items():
            built[name, edition] = out / filename
    return built


@pytest.fixture(scope="session")
def letter_runs(tmp_path_factory) -> list[Path]:
    """Two command-line builds on US Letter with SOURCE_DATE_EPOCH set."""
    outs = []
    # The second build sees another machine's fonts: a font folder of its own, and no
    # fontconfig. The PDFs use only the fonts inside Typst, so the bytes must not change.
    fonts = tmp_path_factory.mktemp("other-fonts")
    for found in sorted(Path("/usr/share/fonts").rglob("*.ttf"))[:3]:
        (fonts / found.name).write_bytes(found.read_bytes())
    other_machine = {"TYPST_FONT_PATHS": str(fonts), "FONTCONFIG_FILE": "/nonexistent", "FONTCONFIG_PATH": str(fonts),
                     "XDG_DATA_HOME": str(fonts), "HOME": str(fonts)}
    for i in range(2):
        out = tmp_path_factory.mktemp(f"letter-{i}")
        result = run_script("--bank", str(FIXTURES / "small.yaml"), "--out", str(out), "--paper", "letter",
                            env={"SOURCE_DATE_EPOCH": EPOCH, **(other_machine if i else {})})
        assert result.returncode == 0, result.stderr
        outs.append(out)
    return outs


# --- the files ---------------------------------------------------------------------------

def test_the_command_line_writes_both_editions(letter_runs):
    for filename in ("fl-interview-guide.pdf", "fl-interview-quiz.pdf"):
        path = letter_runs[0] / filename
        assert path.is_file() and path.read_bytes().startswith(b"%PDF-")
        assert len(PdfReader(path).pages) >= 3


@pytest.mark.parametrize("edition", ["study", "quiz"])
def test_a4_by_default_and_letter_on_request(pdfs, letter_runs, edition):
    for page in PdfReader(pdfs["small", edition]).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
    for page in PdfReader(letter_runs[0] / FILENAMES[edition]).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER


def test_same_bank_and_source_date_epoch_give_identical_bytes_on_any_fonts(letter_runs):
    written = sorted(p.relative_to(letter_runs[0]) for p in letter_runs[0].rglob("*.pdf"))
    assert len(written) == len(FILENAMES) + 2  # the editions and one PDF per topic
    for filename in written:
        assert (letter_runs[0] / filename).read_bytes() == (letter_runs[1] / filename).read_bytes()
    meta = PdfReader(letter_runs[0] / FILENAMES["study"]).metadata
    assert meta["/CreationDate"].startswith("D:20231114221320")
    assert meta["/ModDate"].startswith("D:20231114221320")


@pytest.mark.slow
def test_a_bad_bank_exits_1_with_one_line_per_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("topic: beta", "topic: gamma", 1), encoding="utf-8")
    result = run_script("--bank", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert re.search(r"bad\.yaml:\d+:\d+: questions(\[3\]|\.3)\.topic: unknown topic 'gamma'", result.stderr)
    assert not (tmp_path / "out").exists()


# --- study edition -----------------------------------------------------------------------

@pytest.mark.parametrize("bank_name", BANKS)
def test_study_outline_has_every_topic_and_question(pdfs, banks, bank_name):
    bank = banks[bank_name]
    entries = outline(pdfs[bank_name, "study"])
    topics = [(d, t) for d, t, _ in entries if d == 0]
    questions = [t for d, t, _ in entries if d == 1]
    # Numbered as in the quiz edition: "2. Topic", "2.3 Question".
    for ti, topic in enumerate(ordered_topics(bank), start=1):
        assert (0, f"{ti}. {plain(inline_html(topic.title))}") in topics
    numbers = question_numbers(bank)
    for q in bank.questions:
        assert squash(f"{numbers[q.id]} {plain(inline_html(q.question))}") in map(squash, questions), q.id
    for section in ("Preparation checklist", "Study plans", "Frequently asked questions", "Glossary"):
        if bank_name == "small":
            assert (0, section) in topics


@pytest.mark.parametrize("bank_name", BANKS)
def test_every_question_and_answer_is_in_the_study_edition(pdfs, banks, bank_name):
    text = squash("".join(page_texts(pdfs[bank_name, "study"])))
    for q in banks[bank_name].questions:
        assert squash(plain(inline_html(q.question))) in text, q.id
        first_line = q.answer.splitlines()[0]
        assert squash(plain(inline_html(first_line)))[:60] in text, q.id
        assert squash(plain(inline_html(q.example.splitlines()[0])))[:40] in text, q.id
        for k in q.key_points:
            assert squash(plain(inline_html(k))) in text, (q.id, k)
        for f in q.follow_ups:
            assert squash(plain(inline_html(f.question))) in text
            assert squash(plain(inline_html(f.answer)))[:40] in text, (q.id, f.id)
        for p in q.pitfalls:
            assert squash(plain(inline_html(p)))[:40] in text
        for r in q.references:
            assert squash(plain(inline_html(r.title))) in text


@pytest.mark.parametrize("bank_name", BANKS)
def test_study_edition_says_when_each_answer_was_reviewed(pdfs, banks, bank_name):
    text = squash("".join(page_texts(pdfs[bank_name, "study"])))
    expected = Counter(squash(f"Reviewed {month_year(q.reviewed)}") for q in banks[bank_name].questions)
    assert {label: text.count(label) for label in expected} == dict(expected)


def test_study_edition_has_checklist_plans_faq_and_glossary(pdfs, banks):
    text = squash("".join(page_texts(pdfs["small", "study"])))
    bank = banks["small"]
    items = [i for s in bank.checklist for i in s.items]
    steps = [s.do for p in bank.study_plans for s in p.steps]
    for needle in [*items, *steps, bank.faq[0].question, bank.faq[0].answer,
                   bank.glossary[0].term, bank.glossary[0].definition]:
        assert squash(needle) in text


@pytest.mark.parametrize("bank_name", BANKS)
def test_toc_page_numbers_are_where_each_topic_starts(pdfs, banks, bank_name):
    path = pdfs[bank_name, "study"]
    texts = page_texts(path)
    starts = {t: page for d, t, page in outline(path) if d == 0}
    toc_lines = [line for text in texts[1:min(starts.values())] for line in text.splitlines()]
    for ti, topic in enumerate(ordered_topics(banks[bank_name]), start=1):
        title = f"{ti}. {plain(inline_html(topic.title))}"
        lines = [line for line in toc_lines if squash(line).startswith(squash(title))]
        assert lines, f"{title!r} is not in the table of contents"
        number = int(re.search(r"(\d+)\s*$", lines[0]).group(1))
        assert number == starts[title] + 1
        start_page = squash(texts[number - 1])
        assert squash(title) + squash(plain(inline_html(topic.summary))) in start_page


def test_running_header_names_the_topic_and_footer_numbers_pages(pdfs, banks):
    path = pdfs["small", "study"]
    texts = page_texts(path)
    total = len(texts)
    for d, title, page in outline(path):
        if d == 0:
            assert texts[page].lstrip().startswith(title), texts[page][:80]
    for number, text in enumerate(texts[1:], start=2):
        assert f"{number} / {total}" in text


def test_cover_gives_build_date_and_question_count(pdfs, banks):
    cover = PdfReader(pdfs["small", "study"]).pages[0].extract_text()
    assert "2023-11-14" in cover
    assert f"{len(banks['small'].questions)} in {len(banks['small'].topics)} topics" in cover


def test_internal_links_point_at_existing_destinations(pdfs):
    for edition in ("study", "quiz"):
        reader = PdfReader(pdfs["small", edition])
        names = set(reader.named_destinations)
        pages = {page.indirect_reference.idnum for page in reader.pages}
        targets = [
            annot.get_object()["/Dest"]
            for page in reader.pages for annot in page.get("/Annots", [])
            if "/Dest" in annot.get_object()
        ]
        assert len(targets) >= 5
        named = [str(t) for t in targets if isinstance(t, str)]
        explicit = [t for t in targets if not isinstance(t, str)]
        assert named, "cross-references use named destinations"
        assert set(named) <= names
        # Contents entries point straight at a page: it must be one of this document's.
        assert all(t[0].idnum in pages for t in explicit)


def test_related_questions_are_cited_by_the_number_their_heading_carries(pdfs, banks):
    bank = banks["small"]
    numbers = question_numbers(bank)
    by_id = {q.id: q for q in bank.questions}
    text = "".join(squash(t) for t in page_texts(pdfs["small", "study"]))
    headings = {squash(title) for _, title, _ in outline(pdfs["small", "study"])}
    cited = 0
    for q in bank.questions:
        for rid in q.related:
            title = squash(f"{numbers[rid]} {plain(inline_html(by_id[rid].question))}")
            assert squash("Related:") + title in text
            # The same number heads the related question's own entry (and its bookmark).
            assert title in headings
            cited += 1
    assert cited >= 2
    # Topic numbering matches the quiz edition: 1.1, 1.2 ... in reading order.
    assert list(numbers.values())[:2] == ["1.1", "1.2"]


# --- quiz edition ------------------------------------------------------------------------

@pytest.mark.parametrize("bank_name", BANKS)
def test_quiz_numbers_questions_per_topic_and_links_each_to_its_answer(pdfs, banks, bank_name):
    path = pdfs[bank_name, "quiz"]
    raw = page_texts(path)
    texts = [squash(t) for t in raw]
    key_start = next(page for d, t, page in outline(path) if d == 0 and t == "Answer key")
    bank = banks[bank_name]
    grouped = questions_by_topic(bank)
    for ti, topic in enumerate(ordered_topics(bank), start=1):
        for qi, q in enumerate(grouped[topic.id], start=1):
            heading = squash(f"{ti}.{qi} {plain(inline_html(q.question))}")
            pages = [i for i, t in enumerate(texts[:key_start]) if heading in t]
            assert pages, f"question {ti}.{qi} not found before the key"
            # The k-th "answer on page N" on the page belongs to the k-th question on it.
            k = texts[pages[0]][: texts[pages[0]].index(heading)].count("answeronpage")
            answer_page = int(re.findall(r"answer on page (\d+)", raw[pages[0]])[k])
            key_page = texts[answer_page - 1]
            assert answer_page - 1 >= key_start
            assert heading in key_page
            assert squash(plain(to_html(q.answer)))[:50] in key_page
            # the entry (key points, answer, sample, follow-ups) may run onto the next page
            assert squash(f"back to question {ti}.{qi}") in "".join(texts[answer_page - 1:answer_page + 1])


@pytest.mark.parametrize("bank_name", BANKS)
def test_quiz_key_has_every_answer_grouped_by_topic(pdfs, banks, bank_name):
    path = pdfs[bank_name, "quiz"]
    entries = outline(path)
    key_at = next(i for i, (d, t, _) in enumerate(entries) if d == 0 and t == "Answer key")
    key_text = squash("".join(page_texts(path)[entries[key_at][2]:]))
    bank = banks[bank_name]
    key_topics = [t for d, t, _ in entries[key_at + 1:] if d == 1]
    assert key_topics == [f"{i}. {plain(inline_html(t.title))}" for i, t in enumerate(ordered_topics(bank), 1)]
    for q in bank.questions:
        assert squash(plain(to_html(q.answer)))[:40] in key_text, q.id
    quiz_outline = [t for d, t, _ in entries[:key_at] if d == 1]
    for q in bank.questions:
        assert any(squash(plain(inline_html(q.question))) in squash(t) for t in quiz_outline)


def test_quiz_leaves_space_to_write(pdfs):
    with pdfplumber.open(pdfs["small", "quiz"]) as pdf:
        page = pdf.pages[2]  # the first topic: two questions with their writing boxes
        tall_boxes = [r for r in page.rects + page.curves if r["height"] > 40 * MM]
        assert len(tall_boxes) >= 2


# --- layout, fonts, literal text ---------------------------------------------------------

@pytest.mark.parametrize("bank_name", BANKS)
@pytest.mark.parametrize("edition", ["study", "quiz"])
def test_nothing_overflows_the_margins(pdfs, bank_name, edition):
    """Body text stays inside the margins; the running header and footer sit in the top and
    bottom margins by design, so vertically characters only have to stay clear of the edge."""
    left, right = MARGINS_MM["left"] * MM, MARGINS_MM["right"] * MM
    with pdfplumber.open(pdfs[bank_name, edition]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert page.chars, f"page {number} is empty"
            for c in page.chars:
                if c["text"].isspace():
                    continue  # the space a wrapped line ends with is no ink
                where = f"page {number}: {c['text']!r} at x {c['x0']:.1f}–{c['x1']:.1f}, y {c['top']:.1f}"
                assert c["x0"] >= left - 0.5 and c["x1"] <= page.width - right + 0.5, where
                assert c["top"] >= 8 * MM and c["bottom"] <= page.height - 8 * MM, where


def test_fonts_are_embedded_and_are_the_ones_typst_bundles(pdfs):
    families = set()
    for edition in ("study", "quiz"):
        for page in PdfReader(pdfs["literal", edition]).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                families.add(re.sub(r"^/?[A-Z]{6}\+|-Identity-H$", "", font["/BaseFont"]))
                for descendant in font.get("/DescendantFonts", [font]):
                    descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    # Typst's own fonts, never the machine's: body text, code, and the maths fallback.
    assert {"LibertinusSerif-Regular", "LibertinusSerif-Bold", "DejaVuSansMono"} <= families
    assert all(f.startswith(("LibertinusSerif", "DejaVuSansMono", "NewCM")) for f in families), families


def test_greek_maths_and_sub_superscripts_print(pdfs):
    text = "".join(page_texts(pdfs["literal", "study"]))
    for symbol in "Σ∇‖εδμσηα≤≥≈∈→∞·":
        assert symbol in text, symbol
    with pdfplumber.open(pdfs["small", "study"]) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        sigma = next(c for c in chars if c["text"] == "Σ")
        line = [c for c in chars if c["page_number"] == sigma["page_number"] and abs(c["top"] - sigma["top"]) < 12]
        # The subscript "k∈S" after Σ is smaller than Σ and sits on a lower baseline.
        sub = next(c for c in line if c["text"] == "∈")
        assert sub["size"] < sigma["size"] and sub["matrix"][5] < sigma["matrix"][5]


@pytest.mark.parametrize("edition", ["study", "quiz"])
def test_markup_and_template_syntax_print_literally(pdfs, edition):
    text = " ".join(" ".join(page_texts(pdfs["literal", edition])).split())
    for needle in ["<script>alert(1)</script>", "a < b & c > d", "{{ 7*7 }}", "{% if x %}"]:
        assert needle in text, needle
    if edition == "study":
        for needle in ['"double"', "'single'", "Literal <b>text</b> & friends", "A <i>title</i> & more"]:
            assert needle in text, needle
    assert not re.search(r"\b49\b", text)


# --- Typst: tagged PDF, topics, literal text, no stranded headings -------------------------

@pytest.mark.parametrize("name", [*FILENAMES.values(), "topics/alpha.pdf"])
def test_every_pdf_is_tagged_for_screen_readers(letter_runs, name):
    reader = PdfReader(letter_runs[0] / name)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("FL Interview Guide")
    # Compiled as PDF/UA-1, which Typst records in the XMP metadata.
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_each_topic_has_its_own_pdf_holding_only_that_topic(letter_runs, banks):
    bank = banks["small"]
    numbers = question_numbers(bank)
    for topic in ordered_topics(bank):
        path = letter_runs[0] / "topics" / f"{topic.id}.pdf"
        titles = [squash(t) for d, t, _ in outline(path) if d == 1]
        expected = [q for q in bank.questions if q.topic == topic.id]
        assert titles == [squash(f"{numbers[q.id]} {plain(inline_html(q.question))}") for q in expected]
        text = squash("".join(page_texts(path)))
        for q in expected:
            assert squash(plain(to_html(q.answer)))[:60] in text


def test_each_topic_page_links_to_its_pdf(build_site):
    site = build_site(FIXTURES / "small.yaml")
    for topic in ("alpha", "beta"):
        page = (site / "topics" / f"{topic}.html").read_text()
        assert f'href="../downloads/topics/{topic}.pdf"' in page
    downloads = (site / "downloads.html").read_text()
    assert 'href="downloads/topics/alpha.pdf"' in downloads and 'href="downloads/topics/beta.pdf"' in downloads


@pytest.fixture(scope="module")
def real_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The real bank's two editions: long enough for page breaks to land anywhere."""
    bank = load_and_validate(ROOT / "content" / "questions.yaml")
    out = tmp_path_factory.mktemp("real-pdf")
    build_pdfs(bank, out, "a4", build_info(EPOCH), topics=False, parallel=False)
    return {edition: out / filename for edition, filename in FILENAMES.items()}


def test_real_study_edition_lists_every_question_in_its_contents_and_bookmarks(real_pdfs):
    bank = load_and_validate(ROOT / "content" / "questions.yaml")
    numbers = question_numbers(bank)
    bookmarks = {squash(t) for d, t, _ in outline(real_pdfs["study"]) if d == 1}
    texts = page_texts(real_pdfs["study"])
    contents = squash("".join(texts[1:next(p for d, _, p in outline(real_pdfs["study"]) if d == 0 and p > 1)]))
    for q in bank.questions:
        entry = squash(f"{numbers[q.id]} {plain(inline_html(q.question))}")
        assert entry in bookmarks, q.id
        assert entry in contents, q.id


@pytest.mark.parametrize("edition", ["study", "quiz"])
def test_no_heading_is_the_last_text_on_its_page(real_pdfs, edition):
    texts = page_texts(real_pdfs[edition])
    stranded = []
    for _depth, title, page in outline(real_pdfs[edition]):
        # The footer ("12 / 188") closes every page; what comes before it is the body's end.
        body = squash(re.sub(r"\d+\s*/\s*\d+\s*$", "", texts[page].rstrip()))
        if body.endswith(squash(title)):
            stranded.append(f"p. {page + 1}: {title}")
    assert stranded == []


LITERAL_ALPHABET = string.ascii_letters + string.digits + " #$*_@<>\\[]`/{}()!?:;.,'\"=+-%&|~^αβεδμσΣ∇‖≤≥≈→·–—“”é²"
PAYLOADS = ['#read("/etc/passwd")', '#panic("x")', "$x^2$", "// not a comment", "/* nor this */", "@label",
            "<label>", "#let x = 1", "\\u{41}", "[#sys.inputs]", "```typ #panic()```", "= Heading"]
author_text = st.one_of(st.sampled_from(PAYLOADS), st.text(alphabet=LITERAL_ALPHABET, min_size=1, max_size=40)).filter(
    lambda t: t.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=author_text, answer=author_text, reference=author_text, term=author_text, definition=author_text)
def test_any_author_text_prints_as_the_site_shows_it_and_runs_nothing(tmp_path, question, answer, reference, term,
                                                                       definition):
    data = yaml.safe_load((FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    first = data["questions"][0]
    first["question"], first["answer"] = f"Q {question}", f"A {answer}"
    first["references"][0]["title"] = f"R {reference}"
    data["glossary"] = [{"term": f"T {term}", "definition": f"D {definition}"}]
    try:
        bank = Bank.model_validate(data)
    except ValueError:
        return  # not a valid bank (the validator's job, tested elsewhere)
    pdf = compile_documents(documents(bank, "a4", build_info(EPOCH), topics=False), build_info(EPOCH))
    text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf[FILENAMES["study"]])).pages))
    reference_title = first["references"][0]["title"]
    for shown in (inline_html(first["question"]), to_html(first["answer"]), inline_html(reference_title)):
        assert squash(plain(shown)) in text
    assert squash(f"T {term}") in text and squash(f"D {definition}") in text
    assert "root:" not in text  # nothing was read from the disk


# --- the site, printed from the browser --------------------------------------------------

@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "css-only"])
def test_printing_a_page_expands_answers_and_hides_controls(build_site, serve, browser, javascript):
    """With JavaScript off, only print.css can open a closed <details> (Material's script
    also opens them before printing), so both ways are checked."""
    base = serve(build_site(FIXTURES / "small.yaml"))
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(base + "topics/alpha.html")
        page.wait_for_load_state("networkidle")
        assert not page.is_visible("text=zanzibarite"), "the answer should start collapsed on screen"
        if javascript:  # grade one answer, so every control quiz.js makes is on the page
            page.locator("details.question:has(#q-one) > summary").click()
            page.get_by_role("button", name="Didn't know").first.click()
        labels = set(page.eval_on_selector_all(
            ".flq-toolbar button, .flq-meter, .flq-grade button, .flq-grade__label, .flq-mark",
            "els => els.map(e => e.textContent.trim())"))
        if javascript:
            assert {"Show all answers", "Knew it", "Didn't know", "How did you do?"} <= labels
        else:
            assert labels == set(), "without JavaScript the page has no quiz controls"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
    finally:
        context.close()
    assert "zanzibarite" in text
    assert "The second answer talks about design choices" in " ".join(text.split())
    for label in filter(None, labels):
        assert label not in text, label
    assert "Search" not in text



@pytest.mark.parametrize("bank_name", BANKS)
def test_cram_sheet_holds_every_question_with_its_key_points_and_sample_answer(pdfs, banks, bank_name):
    text = squash("".join(page_texts(pdfs[bank_name, "cram"])))
    for q in banks[bank_name].questions:
        assert squash(plain(inline_html(q.question))) in text, q.id
        for k in q.key_points:
            assert squash(plain(inline_html(k))) in text, (q.id, k)
        assert squash(plain(inline_html(q.example.splitlines()[0])))[:40] in text, q.id
        answer_start = squash(plain(inline_html(q.answer.splitlines()[0])))[:60]
        assert answer_start not in text, "the full answer is not crammed in"


@pytest.mark.parametrize("bank_name", BANKS)
def test_quiz_key_gives_key_points_and_follow_up_answers(pdfs, banks, bank_name):
    text = squash("".join(page_texts(pdfs[bank_name, "quiz"])))
    for q in banks[bank_name].questions:
        for k in q.key_points:
            assert squash(plain(inline_html(k))) in text, (q.id, k)
        for f in q.follow_ups:
            assert squash(plain(inline_html(f.question))) in text
            assert squash(plain(inline_html(f.answer)))[:40] in text, (q.id, f.id)
