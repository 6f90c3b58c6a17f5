"""The downloads every site build ships: both PDF editions, one PDF per topic, the Anki deck
and the CSV, written into `<site>/downloads`.

Owns when they are made and where from: a build whose bank, templates, engines and build
date are unchanged copies the files from a cache instead of typesetting them again. MkDocs
calls this after every build, so `mkdocs build`, `gh-deploy` and `serve` all publish them.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .decks import build_decks
from .model import Bank
from .pdf import Build, Paper, build_pdfs

PACKAGE = Path(__file__).resolve().parent
# What the files depend on besides the bank: the code and templates that make them.
SOURCES = ["pdf.py", "pdf_tree.py", "decks.py", "markdown_html.py", "model.py", "templates"]
ENGINES = ["typst", "genanki", "markdown", "pymdown-extensions"]
KEEP = 3  # cached builds kept; older ones are removed
log = logging.getLogger("mkdocs.plugins.flguide")


@dataclass(frozen=True)
class Request:
    bank: Bank
    bank_bytes: bytes
    paper: Paper
    build: Build
    timestamp: float  # the decks' timestamps (SOURCE_DATE_EPOCH or now)


def cache_key(request: Request) -> str:
    digest = hashlib.sha256()
    digest.update(request.bank_bytes)
    for rel in SOURCES:
        path = PACKAGE / rel
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
    for name in ENGINES:
        digest.update(f"{name}={_version(name)}".encode())
    # The cover carries the build date: a new day (or another SOURCE_DATE_EPOCH) rebuilds.
    digest.update(f"{request.paper}|{request.build.date}|{request.build.version}".encode())
    return digest.hexdigest()[:24]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def make_downloads(request: Request, target: Path, cache_dir: Path, parallel: bool = True) -> bool:
    """Fill `target` with every download; True if they came from the cache."""
    key = cache_key(request)
    cached = cache_dir / key
    hit = (cached / ".complete").exists()
    if not hit:
        partial = cache_dir / f"{key}.part"
        shutil.rmtree(partial, ignore_errors=True)
        build_pdfs(request.bank, partial, request.paper, request.build, parallel=parallel)
        build_decks(request.bank, partial, request.timestamp)
        (partial / ".complete").touch()
        shutil.rmtree(cached, ignore_errors=True)
        partial.rename(cached)
        _prune(cache_dir, keep=cached)
    for file in cached.rglob("*"):
        if file.is_file() and file.name != ".complete":
            dest = target / file.relative_to(cached)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, dest)
    return hit


def _prune(cache_dir: Path, keep: Path) -> None:
    builds = sorted((p for p in cache_dir.iterdir() if p.is_dir() and p != keep and not p.name.endswith(".part")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


class Background:
    """Makes the downloads off the request path, for `mkdocs serve`: a save that changes
    only pages does not wait for the PDFs, which appear when they are ready. Work starts
    once saves have settled for `settle` seconds (a save rebuilds the pages twice, and a
    burst of saves needs only the last one's PDFs); one job runs at a time."""

    def __init__(self, settle: float = 1.5) -> None:
        self.settle = settle
        self._lock = threading.Lock()
        self._pending: tuple[Request, Path, Path] | None = None
        self._submitted = 0.0
        self._worker: threading.Thread | None = None

    def submit(self, request: Request, target: Path, cache_dir: Path) -> None:
        with self._lock:
            self._pending = (request, target, cache_dir)
            self._submitted = time.monotonic()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="flguide-downloads", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                wait = self._submitted + self.settle - time.monotonic()
                if wait <= 0:
                    job, self._pending = self._pending, None
                    if job is None:
                        return
            if wait > 0:
                time.sleep(wait)
                continue
            try:
                # In-process: the long-lived Typst compiler makes a rebuild after an edit cheap.
                make_downloads(*job, parallel=False)
                log.info("downloads ready in %s", job[1])
            except Exception:  # a failed PDF must not stop the server; the next save retries
                log.exception("the downloads could not be built")
