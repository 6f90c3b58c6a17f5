"""The whole generator as one call: load → validate → render → export.

Used by the `flguide generate` command, the MkDocs plugin and the tests, so every entry
point runs exactly the same steps. Default paths are relative to the working directory (the
project), as MkDocs' own are.
"""

from __future__ import annotations

from pathlib import Path

from .export import write_tree
from .load import Loaded, gc_paused, load_bank
from .model import Bank
from .render import SourceLinks, render_site
from .validate import validate

DEFAULT_BANK = Path("content") / "questions.yaml"
DEFAULT_DOCS = Path("docs")


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def question_lines(loaded: Loaded) -> dict[str, tuple[int, int]]:
    """Each question's first and last line in the bank file, for links to its source."""
    questions = loaded.data["questions"]
    return {q["id"]: (loaded.marks[("questions", i)][0], loaded.last_lines[("questions", i)])
            for i, q in enumerate(questions)}


def generate(bank_path: Path = DEFAULT_BANK, docs_dir: Path = DEFAULT_DOCS, repo_url: str | None = None,
             site_url: str | None = None) -> tuple[Bank, list[str]]:
    """Raises BankError (and writes nothing) if the bank is invalid. With `repo_url` (the
    repository's web address), each answer links to its lines and to a pre-filled report."""
    with gc_paused():  # see load.gc_paused: pydantic and the templates allocate the same way
        loaded = load_bank(bank_path, display_name(bank_path))
        bank = validate(loaded)
        links = SourceLinks(repo_url.rstrip("/"), question_lines(loaded), site_url or "") if repo_url else None
        pages = render_site(bank, links)
    return bank, write_tree(pages, docs_dir)
