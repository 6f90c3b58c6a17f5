"""The whole generator as one call: load → validate → render (→ export).

Used by the MkDocs plugin (which serves the pages as virtual files), the `flguide` command
and the tests, so every entry point runs exactly the same steps. Default paths are relative
to the working directory (the project), as MkDocs' own are.
"""

from __future__ import annotations

from pathlib import Path

from .export import write_tree
from .load import Loaded, gc_paused, load_bank
from .model import Bank
from .render import FILE_URLS, QUESTIONS_PER_PAGE, SourceLinks, Urls, render_site
from .validate import validate

DEFAULT_BANK = Path("content") / "questions.yaml"


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


def render_bank(bank_path: Path = DEFAULT_BANK, repo_url: str | None = None, site_url: str | None = None,
                urls: Urls = FILE_URLS, per_page: int = QUESTIONS_PER_PAGE) -> tuple[Bank, dict[str, str]]:
    """The bank and its pages ({path under the docs folder: text}). Raises BankError if the
    bank is invalid. With `repo_url` (the repository's web address), each answer links to its
    lines and to a pre-filled report."""
    with gc_paused():  # see load.gc_paused: pydantic and the templates allocate the same way
        loaded = load_bank(bank_path, display_name(bank_path))
        bank = validate(loaded)
        links = SourceLinks(repo_url.rstrip("/"), question_lines(loaded), site_url or "") if repo_url else None
        return bank, render_site(bank, links, urls, per_page)


def generate(bank_path: Path, docs_dir: Path, repo_url: str | None = None, site_url: str | None = None,
             urls: Urls = FILE_URLS) -> tuple[Bank, list[str]]:
    """Write the pages into `docs_dir` (for a builder that runs no plugins); nothing is written
    if the bank is invalid. Returns the bank and the paths that changed."""
    bank, pages = render_bank(bank_path, repo_url, site_url, urls)
    return bank, write_tree(pages, docs_dir)
