"""MkDocs hook: run the generator before every build and rebuild, set the navigation, cut
the quiz pages' answer files from the built topic pages, and ship the downloads (PDFs,
deck, CSV) with every build.

The only place that knows about MkDocs. The generator itself stays builder-independent
(Zensical reads the same mkdocs.yml but not hooks: run scripts/build_pages.py first and
scripts/build_quiz_data.py after).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flguide.downloads import Background, Request, make_downloads
from flguide.errors import BankError
from flguide.pdf import build_info
from flguide.pipeline import DEFAULT_BANK, generate
from flguide.quizdata import write_answer_files
from flguide.render import nav

# A bank this small typesets faster in this process than two fresh ones can start.
PARALLEL_FROM_QUESTIONS = 50
_state: dict = {"command": "build", "request": None}
_background = Background()


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    try:
        # REPO_URL (the repository's web address; the Pages workflow sets it) gives each answer
        # links to its lines and to a pre-filled report. Not Material's repo_url: its header
        # widget asks GitHub's API for star counts, a request to a third-party host.
        bank, _ = generate(DEFAULT_BANK, Path(config["docs_dir"]), repo_url=os.environ.get("REPO_URL") or None,
                           site_url=config.get("site_url") or None)
    except BankError as exc:
        raise PluginError(f"the question bank has {len(exc.problems)} problem(s):\n{exc}") from None
    config["nav"] = nav(bank)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None
    _state["request"] = Request(bank=bank, bank_bytes=DEFAULT_BANK.read_bytes(), paper="a4",
                                build=build_info(epoch), timestamp=float(epoch) if epoch else time.time())
    return config


def on_post_build(config):
    site = Path(config["site_dir"])
    write_answer_files(site)
    if os.environ.get("FLGUIDE_DOWNLOADS", "1") == "0":
        return  # pages only: the benchmark times the pages and the downloads apart
    cache = Path(config["config_file_path"]).resolve().parent / ".cache" / "flguide" / "downloads"
    request = _state["request"]
    if _state["command"] == "serve":
        _background.submit(request, site / "downloads", cache)
    else:
        parallel = len(request.bank.questions) >= PARALLEL_FROM_QUESTIONS
        make_downloads(request, site / "downloads", cache, parallel=parallel)
