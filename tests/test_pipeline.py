"""The pipeline (issue: one YAML bank → validated model → generated pages → site)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import FIXTURES, ROOT, free_port, make_project, run_mkdocs
from flguide.render import month_year
from flguide.schema import bank_schema_json
from flguide.validate import load_and_validate
from htmltools import loaded_urls, top_level_details

SMALL = FIXTURES / "small.yaml"


def tree_digest(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


# Where `scripts/build_pages.py` (flguide generate) writes the plugin-free project.
STAGED_DOCS = Path(".cache") / "flguide" / "build" / "docs"


def build_pages(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build_pages.py", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_ten_mistakes_give_ten_located_messages_and_write_nothing(tmp_path):
    project = make_project(tmp_path / "p", SMALL)
    docs_before = tree_digest(project / "docs")
    assert run_mkdocs(project).returncode == 0
    # The plugin serves the generated pages as virtual files: a build writes nothing into docs/.
    assert tree_digest(project / "docs") == docs_before
    assert (project / "site" / "topics" / "alpha.html").exists()
    site_before = tree_digest(project / "site")

    shutil.copy2(FIXTURES / "ten_mistakes.yaml", project / "content" / "questions.yaml")
    result = build_pages(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    messages = [line for line in result.stderr.splitlines() if line.startswith("content/questions.yaml:")]
    assert len(messages) == 10, result.stderr
    for line in messages:
        assert re.match(r"^content/questions\.yaml:\d+:\d+: [\w\[\]\.]+: .+", line), line
    # each mistake is reported at its own line
    assert len({line.split(":")[1] for line in messages}) == 10

    build = run_mkdocs(project)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "questions.yaml" in build.stderr
    assert tree_digest(project / "docs") == docs_before
    assert tree_digest(project / "site") == site_before


@pytest.mark.slow
def test_generator_is_deterministic(tmp_path):
    first = make_project(tmp_path / "a", SMALL)
    second = make_project(tmp_path / "b", SMALL)
    assert build_pages(first).returncode == 0
    assert build_pages(second).returncode == 0
    digest = tree_digest(first / STAGED_DOCS)
    assert "topics/alpha.md" in digest and digest == tree_digest(second / STAGED_DOCS)
    # a second run gives the same files again
    assert build_pages(first).returncode == 0
    assert tree_digest(first / STAGED_DOCS) == digest


@pytest.mark.slow
def test_removing_a_topic_leaves_no_stale_page(tmp_path):
    project = make_project(tmp_path / "p", SMALL)
    assert build_pages(project).returncode == 0
    assert (project / STAGED_DOCS / "topics/beta.md").exists()
    bank = (project / "content/questions.yaml").read_text()
    beta = "  - id: beta\n    title: Beta topic\n    summary: The second fixture topic.\n    order: 2\n"
    bank = bank.replace(beta, "")
    bank = bank.replace("topic: beta", "topic: alpha")
    (project / "content/questions.yaml").write_text(bank)
    assert build_pages(project).returncode == 0, "fixture edit should stay valid"
    assert not (project / STAGED_DOCS / "topics/beta.md").exists()
    assert (project / STAGED_DOCS / "topics/alpha.md").exists()
    assert (project / "docs/assets").is_dir(), "hand-written assets are not the generator's to delete"


def test_each_topic_page_has_one_closed_details_per_question(build_site):
    site = build_site(SMALL)
    expected = {"alpha": ["q-one", "q-two", "q-three"], "beta": ["q-four", "q-five"]}
    questions = {
        "q-one": "What is the first fixture question?",
        "q-four": "What is the fourth fixture question?",
    }
    for topic, ids in expected.items():
        blocks = top_level_details((site / "topics" / f"{topic}.html").read_text())
        assert [b.anchor_ids for b in blocks] == [[i] for i in ids]
        assert all(not b.open for b in blocks)
        for block, qid in zip(blocks, ids, strict=True):
            if qid in questions:
                assert questions[qid] in block.summary_text


def test_each_answer_says_when_it_was_last_reviewed(build_site):
    site = build_site(SMALL)
    bank = load_and_validate(SMALL)
    reviewed = {q.id: q.reviewed for q in bank.questions}
    assert len(set(reviewed.values())) > 1, "the fixture must tell two dates apart"
    seen = 0
    for topic in ("alpha", "beta"):
        page = (site / "topics" / f"{topic}.html").read_text()
        for block in top_level_details(page):
            (qid,) = block.anchor_ids
            day = reviewed[qid]
            assert f"Reviewed {month_year(day)}" in " ".join(block.text.split()), qid
            seen += 1
        for qid in re.findall(r'class="flq-question" id="([^"]+)"', page):
            assert f'datetime="{reviewed[qid].isoformat()}"' in page
    assert seen == len(bank.questions)
    assert month_year(date(2026, 12, 1)) == "December 2026"


def test_no_page_loads_anything_from_another_host(build_site):
    site = build_site(SMALL)
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        for url in loaded_urls(page.read_text()):
            parsed = urlparse(url)
            assert not parsed.netloc and parsed.scheme in ("", "data"), f"{page.name} loads {url}"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()):
            assert not urlparse(url).netloc, f"{css.name} loads {url}"
        assert "@import url(http" not in css.read_text()


def test_search_index_finds_a_word_only_in_a_collapsed_answer(build_site):
    site = build_site(SMALL)
    index = json.loads((site / "search" / "search_index.json").read_text())
    hits = [doc["location"] for doc in index["docs"] if "zanzibarite" in doc["text"].lower()]
    assert hits and all(h.startswith("topics/alpha.html") for h in hits)
    assert (site / "search" / "search_index.js").exists(), "offline search needs the inlined index"


def test_search_box_finds_the_hidden_word_in_chromium(build_site, serve, page):
    base = serve(build_site(SMALL))
    page.goto(base + "index.html")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("zanzibarite", delay=20)
    result = page.locator("a.md-search-result__link").first
    result.wait_for(state="attached", timeout=15_000)
    assert "topics/alpha.html" in result.get_attribute("href")


def test_schema_file_is_generated_from_the_model_and_referenced_by_the_bank():
    schema = ROOT / "content" / "questions.schema.json"
    assert schema.read_text(encoding="utf-8") == bank_schema_json(), "run `make schema`"
    first_line = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./questions.schema.json"


@pytest.mark.slow
def test_real_bank_builds_strict_and_search_finds_every_glossary_term(tmp_path):
    project = make_project(tmp_path / "real", ROOT / "content" / "questions.yaml")
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    # Each term the glossary defines is in the search index under the glossary page, so
    # searching for a new term always finds its definition.
    bank = load_and_validate(ROOT / "content" / "questions.yaml")
    docs = json.loads((project / "site" / "search" / "search_index.json").read_text())["docs"]
    folded = [(d["location"], " ".join(f"{d['title']} {d['text']}".casefold().split())) for d in docs]
    missing = [g.term for g in bank.glossary
               if not any(g.term.casefold() in text for where, text in folded if where.startswith("glossary"))]
    assert missing == []


@pytest.mark.slow
def test_unreadable_bank_is_a_clean_error(tmp_path):
    result = build_pages(ROOT, "--bank", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "docs"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "docs").exists()


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("FLGUIDE_SKIP_SERVE") == "1", reason="explicitly skipped")
def test_serve_picks_up_a_yaml_edit_without_restart_or_loop(tmp_path):
    import time
    import urllib.request

    project = make_project(tmp_path / "p", SMALL)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
            return r.read().decode()

    def wait_for(predicate, seconds: float = 60) -> bool:
        end = time.time() + seconds
        while time.time() < end:
            try:
                if predicate():
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert wait_for(lambda: "first fixture question" in fetch("topics/alpha.html"))
        bank = project / "content" / "questions.yaml"
        bank.write_text(bank.read_text().replace("first fixture question", "edited fixture question"))
        assert wait_for(lambda: "edited fixture question" in fetch("topics/alpha.html"))
        time.sleep(4)  # a rebuild loop would keep rebuilding during this quiet period
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
        log.append(out)
    builds = log[0].count("Building documentation")
    assert builds <= 3, f"rebuilt {builds} times for one edit:\n{log[0]}"


def test_quiz_index_is_small_and_answer_files_hold_every_answer(build_site):
    site = build_site(SMALL)
    index = json.loads((site / "data" / "questions.json").read_text())
    assert [q["id"] for q in index["questions"]] == ["q-one", "q-two", "q-three", "q-four", "q-five"]
    assert "answer" not in index["questions"][0], "answers load per topic, not with the index"
    js = (site / "data" / "questions.js").read_text()
    assert json.loads(js[js.index("{"): js.rindex("}") + 1]) == index
    answers = {}
    for entry in index["pages"]:
        text = (site / entry["answers"]).read_text()
        answers.update(json.loads(text[text.index("= {") + 2: text.rindex("}") + 1]))
    assert set(answers) == {q["id"] for q in index["questions"]}
    assert "zanzibarite" in answers["q-one"]["answer"] and "<sub>" in answers["q-one"]["answer"]
    assert "first answer" not in answers["q-one"]["example"] and "briefly" in answers["q-one"]["example"]
    assert answers["q-one"]["question"] == "What is the first fixture question?"
    assert "Pitfalls" not in answers["q-one"]["answer"], "the answer stops at the sample answer"


QUESTION_HTML = (
    '<details class="question"><summary><h2 class="flq-question" id="q-x">Q <code>a&lt;b</code>?</h2>'
    ' <span class=flq-badges><span class="b">x</span></span></summary>'
    '<div class="flq-part flq-part--answer"><p>See <a href="beta.html#q-y">y</a>, <a href="#q-z">z</a>,'
    ' <a href="https://a.org/p">p</a>.</p>'
    '<details class="note"><summary>inner</summary><p>nested</p></details></div>'
    '<div class="flq-part flq-part--sample"><p class="flq-label"><strong>Sample answer</strong></p>'
    '<blockquote><p>Said.</p></blockquote></div>'
    '<div class="flq-part flq-part--pitfalls"><p class="flq-label"><strong>Pitfalls</strong></p><ul><li>Trap.</li></ul>'
    "</div></details>"
)


def test_answer_parts_are_found_by_class_and_links_rebased_to_the_site_root():
    from flguide.quizdata import answers_from_page, questions_from_page

    found = answers_from_page(QUESTION_HTML, "topics/alpha.html")["q-x"]
    assert found["question"] == "Q <code>a&lt;b</code>?"
    assert 'href="topics/beta.html#q-y"' in found["answer"]
    assert 'href="topics/alpha.html#q-z"' in found["answer"]
    assert 'href="https://a.org/p"' in found["answer"] and "nested" in found["answer"]
    assert "Sample answer" not in found["answer"] and found["example"] == "<p>Said.</p>"
    [q] = questions_from_page(QUESTION_HTML)
    assert sorted(q.parts) == ["answer", "pitfalls", "sample"] and q.parts["pitfalls"].endswith("<li>Trap.</li></ul>")
    # The same fragment on a page served as a directory (use_directory_urls: true).
    found = answers_from_page(QUESTION_HTML.replace('"beta.html', '"../beta/'), "topics/alpha/")["q-x"]
    assert 'href="topics/beta/#q-y"' in found["answer"] and 'href="topics/alpha/#q-z"' in found["answer"]


def test_answer_parts_do_not_depend_on_their_labels():
    """Renaming "Sample answer" (a translation, say) changes nothing the quiz reads."""
    from flguide.quizdata import answers_from_page

    renamed = QUESTION_HTML.replace("Sample answer", "Model answer").replace("Pitfalls", "Traps")
    assert answers_from_page(renamed, "p.html") == answers_from_page(QUESTION_HTML, "p.html")


@pytest.mark.slow
def test_a_big_topic_is_split_into_pages_that_link_to_each_other(tmp_path):
    """The plugin's `questions_per_page` (12 unless mkdocs.yml says otherwise) splits a topic."""
    import yaml

    QUESTIONS_PER_PAGE = 5
    bank = yaml.safe_load(SMALL.read_text())
    template = bank["questions"][1]
    many = [dict(template, id=f"bulk-{i}", question=f"Bulk question number {i}?", related=["q-one"])
            for i in range(2 * QUESTIONS_PER_PAGE)]
    bank["questions"][0]["related"] = ["q-two", f"bulk-{2 * QUESTIONS_PER_PAGE - 1}"]
    bank["questions"] += many
    path = tmp_path / "big.yaml"
    path.write_text(json.dumps(bank, default=str))  # JSON is YAML, and has no aliases
    project = make_project(tmp_path / "p", path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      paper: a4\n", "      paper: a4\n      questions_per_page: 5\n"))
    assert "questions_per_page: 5" in config.read_text()
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    parts = [site / "topics" / name for name in ("alpha.html", "alpha-2.html", "alpha-3.html")]
    counts = [len(top_level_details(p.read_text())) for p in parts]
    assert counts == [QUESTIONS_PER_PAGE, QUESTIONS_PER_PAGE, 3]  # 3 fixture questions + 10 more
    assert not (site / "topics" / "alpha-4.html").exists()
    first = parts[0].read_text()
    assert f'href="alpha-3.html#bulk-{2 * QUESTIONS_PER_PAGE - 1}"' in first
    assert 'href="alpha-2.html"' in first
    index = json.loads((site / "data" / "questions.json").read_text())
    last = next(q for q in index["questions"] if q["id"] == f"bulk-{2 * QUESTIONS_PER_PAGE - 1}")
    assert last["answers"] == "data/answers/alpha-3.js"
    assert f"bulk-{2 * QUESTIONS_PER_PAGE - 1}" in (site / "data/answers/alpha-3.js").read_text()


def test_vendored_shim_is_the_pinned_npm_package(tmp_path):
    """make serve needs no Node: the iframe-worker shim is committed, with its licence, and
    must be exactly what `make vendor` copies from the version package-lock.json pins."""
    vendored = ROOT / "docs" / "assets" / "vendor" / "iframe-worker"
    package = ROOT / "node_modules" / "iframe-worker"
    assert (vendored / "shim.js").read_bytes() == (package / "shim" / "index.js").read_bytes()
    assert (vendored / "LICENSE").read_bytes() == (package / "LICENSE").read_bytes()
    tracked = subprocess.run(["git", "ls-files", "docs/assets/vendor"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode == 0:  # in a git checkout (CI's clean clone is one)
        assert "docs/assets/vendor/iframe-worker/shim.js" in tracked.stdout.split()


@pytest.mark.slow
def test_make_serve_serves_the_home_page_on_port_8000_without_npm(tmp_path):
    """The README's first command: set up, generate and serve on 127.0.0.1:8000, with no
    Node on the machine: `npm` and `node` here fail as a missing command does."""
    import signal
    import time
    import urllib.request

    for tool in ("npm", "node", "npx"):
        fake = tmp_path / tool
        fake.write_text(f"#!/bin/sh\necho '{tool}: command not found' >&2\nexit 127\n")
        fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    proc = subprocess.Popen(["make", "serve"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True, env=env)
    try:
        deadline, page = time.time() + 300, ""
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8000/", timeout=5) as response:
                    page = response.read().decode()
                    break
            except OSError:
                time.sleep(1)
        assert "FL Interview Guide" in page and "How to use it" in page, proc.poll()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=60)
