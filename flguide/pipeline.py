"""The whole generator as one call: load → validate → render → export.

Used by `scripts/build_pages.py`, the MkDocs hook and the tests, so every entry point
runs exactly the same steps.
"""

from __future__ import annotations

from pathlib import Path

from .export import write_tree
from .load import gc_paused
from .model import Bank
from .render import render_site
from .validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BANK = ROOT / "content" / "questions.yaml"
DEFAULT_DOCS = ROOT / "docs"


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def generate(bank_path: Path = DEFAULT_BANK, docs_dir: Path = DEFAULT_DOCS) -> tuple[Bank, list[str]]:
    """Raises BankError (and writes nothing) if the bank is invalid."""
    with gc_paused():  # see load.gc_paused: pydantic and the templates allocate the same way
        bank = load_and_validate(bank_path, display_name(bank_path))
        pages = render_site(bank)
    return bank, write_tree(pages, docs_dir)
