"""Every way of building gives the whole site: `mkdocs build`, `gh-deploy` and `serve` all
ship the downloads (PDFs, deck, CSV), and `serve` answers before they are ready."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, free_port, make_project, run_mkdocs

pytestmark = pytest.mark.slow

DOWNLOADS = ["downloads/fl-interview-guide.pdf", "downloads/fl-interview-quiz.pdf", "downloads/fl-interview-cram.pdf",
             "downloads/topics/alpha.pdf", "downloads/topics/beta.pdf", "downloads/fl-interview.apkg",
             "downloads/fl-interview.csv"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_gh_deploy_publishes_the_downloads(tmp_path):
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    project = make_project(tmp_path / "guide", FIXTURES / "small.yaml")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "guide", cwd=project)
    git("remote", "add", "origin", str(remote), cwd=project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], cwd=project,
                            env={**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert set(DOWNLOADS) <= published
    assert {"index.html", "topics/alpha.html", "downloads.html"} <= published


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def test_serve_answers_first_and_ships_the_downloads_when_they_are_ready(tmp_path):
    project = make_project(tmp_path / "guide", FIXTURES / "small.yaml")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.time() + 120
        while time.time() < deadline and not _get(base + "topics/alpha.html"):
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.2)
        assert _get(base + "topics/alpha.html"), "the page was never served"
        # The downloads are made in the background after the pages; they appear, whole.
        while time.time() < deadline and not all(_get(base + rel) for rel in DOWNLOADS):
            time.sleep(0.5)
        guide = _get(base + DOWNLOADS[0])
        assert guide and guide.startswith(b"%PDF-") and guide.rstrip().endswith(b"%%EOF")
        # An edit to one answer shows on the page; the downloads follow it in the background.
        bank = project / "content" / "questions.yaml"
        bank.write_text(bank.read_text().replace("zanzibarite", "zanzibarite-edited"))
        while time.time() < deadline and b"zanzibarite-edited" not in (_get(base + "topics/alpha.html") or b""):
            time.sleep(0.2)
        assert b"zanzibarite-edited" in (_get(base + "topics/alpha.html") or b"")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _build(project: Path, **env: str) -> Path:
    result = run_mkdocs(project, env={"FLGUIDE_DOWNLOADS": "0", **env})
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_with_repo_url_each_answer_links_to_its_lines_and_a_prefilled_report(tmp_path):
    import re
    from urllib.parse import parse_qs, unquote, urlparse

    project = make_project(tmp_path / "guide", FIXTURES / "small.yaml")
    site = _build(project, REPO_URL="https://github.com/example/guide")
    lines = (project / "content" / "questions.yaml").read_text().splitlines()
    seen = []
    for topic in ("alpha", "beta"):
        page = (site / "topics" / f"{topic}.html").read_text()
        for view, report in re.findall(r'class="flq-source" href="([^"]+)".*?class="flq-report" href="([^"]+)"', page):
            view, report = view.replace("&amp;", "&"), report.replace("&amp;", "&")
            first, last = map(int, re.fullmatch(
                r"https://github\.com/example/guide/blob/main/content/questions\.yaml#L(\d+)-L(\d+)", view).groups())
            qid = re.fullmatch(r"  - id: (\S+)", lines[first - 1])[1]
            # The range ends just before the next entry or section.
            after = lines[last] if last < len(lines) else ""
            assert after.startswith("  - id: ") or re.match(r"^[a-z_]+:", after) or not after.strip(), after
            assert all(not line.startswith("  - id: ") for line in lines[first:last])
            query = parse_qs(urlparse(report).query)
            assert urlparse(report).path == "/example/guide/issues/new"
            assert query["template"] == ["content-error.yml"] and query["question-id"] == [qid]
            assert unquote(query["page"][0]) == f"topics/{topic}.html#{qid}"
            seen.append(qid)
    assert sorted(seen) == ["q-five", "q-four", "q-one", "q-three", "q-two"]


def test_without_repo_url_no_source_or_report_link_exists(tmp_path):
    site = _build(make_project(tmp_path / "guide", FIXTURES / "small.yaml"))
    pages = "".join(p.read_text() for p in site.rglob("*.html"))
    assert "flq-source" not in pages and "flq-report" not in pages and "github.com" not in pages
