"""A throwaway copy of the project around a given bank.

Owns what a build needs besides the bank (site config, generator, theme overrides, entry
points, static assets), so the tests and the benchmarks build in copies and never touch the
real docs/ or site/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["mkdocs.yml", "flguide", "overrides", "scripts", "docs/assets"]


def make_project(dest: Path, bank: bytes) -> Path:
    """Copy the project into `dest` with `bank` as content/questions.yaml; return `dest`."""
    for rel in PROJECT_FILES:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / "content").mkdir(parents=True, exist_ok=True)
    # Bytes, not text: the hostile-input tests hand over banks that are not valid UTF-8.
    (dest / "content" / "questions.yaml").write_bytes(bank)
    return dest
