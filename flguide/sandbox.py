"""A throwaway copy of the project around a given bank.

Owns what a build needs besides the bank (site config, generator, theme overrides, entry
points, static assets), so the tests and the benchmarks build in copies and never touch the
real docs/ or site/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# The installed flguide package (and its MkDocs plugin) builds the copy: only the project's
# own files are copied.
PROJECT_FILES = ["mkdocs.yml", "overrides", "scripts", "docs/assets"]


def make_project(dest: Path, bank: bytes, source: Path) -> Path:
    """Copy the project at `source` into `dest` with `bank` as content/questions.yaml."""
    for rel in PROJECT_FILES:
        src = source / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / "content").mkdir(parents=True, exist_ok=True)
    # Bytes, not text: the hostile-input tests hand over banks that are not valid UTF-8.
    (dest / "content" / "questions.yaml").write_bytes(bank)
    return dest
