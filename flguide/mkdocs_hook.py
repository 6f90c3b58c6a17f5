"""MkDocs hook: run the generator before every build and rebuild, set the navigation, and
cut the quiz pages' answer files from the built topic pages.

The only place that knows about MkDocs. The generator itself stays builder-independent
(Zensical reads the same mkdocs.yml but not hooks: run scripts/build_pages.py first and
scripts/build_quiz_data.py after).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flguide.errors import BankError
from flguide.pipeline import DEFAULT_BANK, generate
from flguide.quizdata import write_answer_files
from flguide.render import nav


def on_config(config):
    try:
        bank, _ = generate(DEFAULT_BANK, Path(config["docs_dir"]))
    except BankError as exc:
        raise PluginError(f"the question bank has {len(exc.problems)} problem(s):\n{exc}") from None
    config["nav"] = nav(bank)
    return config


def on_post_build(config):
    write_answer_files(Path(config["site_dir"]))
