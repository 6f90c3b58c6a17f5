"""Shared test fixtures: building a site from a fixture bank, serving it, and a real Chromium.

Every behaviour test builds its own site from a bank under tests/ (never the real bank),
in a temporary copy of the project, so tests never touch the working tree's docs/ or site/.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from flguide import sandbox
from flguide.render import Urls

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# Fixtures that build a site or PDFs, serve, or start the browser: a test using one is slow.
SLOW_FIXTURES = {"build_site", "serve", "browser", "page", "pdfs", "letter_runs", "real_pdfs", "full_site", "built"}


def pytest_collection_modifyitems(items):
    """Mark browser and slow tests by what they use, so the markers cannot drift."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & {"browser", "page"}:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def make_project(dest: Path, bank: Path | str) -> Path:
    """A throwaway copy of the project whose content/questions.yaml is the file `bank`."""
    return sandbox.make_project(dest, Path(bank).read_bytes(), ROOT)


def free_port() -> int:
    """A loopback port nothing listens on, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_mkdocs(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


# Every way the project builds the whole site: MkDocs as configured (file URLs, offline), MkDocs
# with directory URLs (the offline plugin, which needs file URLs, turned off), and Zensical.
BUILDERS = ("mkdocs", "mkdocs-directory-urls", "zensical")


def use_directory_urls(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed = text.replace("use_directory_urls: false", "use_directory_urls: true").replace(
        "  - offline\n", "  - offline:\n      enabled: false\n")
    assert changed.count("use_directory_urls: true") == 1 and "enabled: false" in changed
    config.write_text(changed, encoding="utf-8")


def page_url(source: str, builder: str) -> str:
    """Where the page built from `source` (e.g. "topics/alpha.md") is served, per builder."""
    return Urls(directory=builder == "mkdocs-directory-urls").page(source)


def drill_bank(path: Path, topics: int = 5, per_topic: int = 6) -> Path:
    """A bank for the drilling tests: `topics` topics of `per_topic` questions each (30 by
    default), each question with five key points and two follow-ups, the rest as small.yaml."""
    import yaml

    small = yaml.safe_load((FIXTURES / "small.yaml").read_text(encoding="utf-8"))
    names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"][:topics]
    template = small["questions"][0]
    questions = []
    for name in names:
        for i in range(per_topic):
            qid = f"{name}-{i + 1}"
            questions.append({
                **{k: v for k, v in template.items() if k not in ("related", "also_asked_as")},
                "id": qid, "topic": name, "question": f"Drill question {qid}?",
                "answer": f"The answer to {qid} has enough words to be an answer.",
                "key_points": [f"Point {n} of {qid}" for n in range(1, 6)],
                "follow_ups": [{**f, "id": f"{qid}-{f['id']}", "question": f"{f['question'][:-1]} of {qid}?"}
                               for f in template["follow_ups"]],
            })
    topic_list = [{"id": n, "title": f"{n.title()} topic", "summary": f"The {n} topic.", "order": i + 1}
                  for i, n in enumerate(names)]
    bank = {**small, "topics": topic_list, "questions": questions}
    class NoAliases(yaml.SafeDumper):  # the bank refuses YAML aliases
        def ignore_aliases(self, data):
            return True

    text = yaml.dump(bank, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    return path


@functools.cache
def _built(bank: str, base: str, builder: str) -> Path:
    project = make_project(Path(base) / f"{Path(bank).stem}-{builder}", bank)
    if builder == "zensical":
        result = subprocess.run([str(Path(sys.executable).parent / "flguide"), "build", "--builder", "zensical"],
                                cwd=project, capture_output=True, text=True, timeout=600)
    else:
        if builder == "mkdocs-directory-urls":
            use_directory_urls(project)
        result = run_mkdocs(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def build_site(tmp_path_factory):
    """Call with a bank path (and a builder); returns the built site/ folder (cached)."""
    base = tmp_path_factory.mktemp("sites")
    return lambda bank=FIXTURES / "small.yaml", builder="mkdocs": _built(str(bank), str(base), builder)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def serve():
    """Call with a folder; returns the base URL of a loopback HTTP server for it."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser fails the run (CI must install it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """Run axe-core (from its npm package, injected into the page) and return its violations."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => ({id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )


def set_scheme(page, scheme: str) -> None:
    """Switch Material's palette ('default' light or 'slate' dark) the way its toggle does."""
    page.evaluate(
        """scheme => {
             document.body.setAttribute('data-md-color-scheme', scheme);
             const key = (window.__md_scope || new URL('.', location)).pathname + '.__palette';
             localStorage.setItem(key, JSON.stringify({index: scheme === 'slate' ? 1 : 0,
               color: {media: '', scheme, primary: 'indigo', accent: 'indigo'}}));
           }""",
        scheme,
    )
