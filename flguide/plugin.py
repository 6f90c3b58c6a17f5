"""The MkDocs plugin (`plugins: [flguide]`): render the pages from the bank on every build
and rebuild and serve them as virtual files (nothing is written into docs/), set the
navigation in topic order, cut the quiz pages' answer files from the built topic pages, and
ship the downloads (PDFs, deck, CSV) with every build.

The only module that knows about MkDocs' plugin API. Zensical reads the same mkdocs.yml but
runs no plugins; `flguide build --builder zensical` (stage.py) does the same steps around it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import markdown_html
from .downloads import Background, Request, make_downloads
from .errors import BankError
from .pdf import build_info
from .pipeline import render_bank
from .render import QUESTIONS_PER_PAGE, Urls, nav
from .stage import finish_site

# A bank this small typesets faster in this process than two fresh ones can start.
PARALLEL_FROM_QUESTIONS = 50
# One worker for the whole process: its Typst compiler stays warm across serve rebuilds.
_background = Background()


class GuideConfig(Config):
    bank = opt.Type(str, default="content/questions.yaml")
    """The question bank, relative to mkdocs.yml."""
    questions_per_page = opt.Type(int, default=QUESTIONS_PER_PAGE)
    """A topic with more questions continues on topics/<id>-2.md and so on."""
    downloads = opt.Type(bool, default=True)
    """Make the PDFs, deck and CSV in every build (FLGUIDE_DOWNLOADS=0 turns them off too)."""
    paper = opt.Choice(("a4", "letter"), default="a4")
    cache_dir = opt.Type(str, default=".cache/flguide/downloads")
    """Where unchanged downloads are kept between builds, relative to mkdocs.yml."""


class GuidePlugin(BasePlugin[GuideConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.request: Request | None = None
        self.pages: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance alive across `mkdocs serve` rebuilds.
        self.command = command

    def _path(self, config, rel: str) -> Path:
        return Path(config.config_file_path).resolve().parent / rel

    def on_config(self, config):
        if self.config.questions_per_page < 1:
            raise PluginError("flguide: questions_per_page must be at least 1")
        markdown_html.use_site_config(Path(config.config_file_path))
        bank_path = self._path(config, self.config.bank)
        try:
            # REPO_URL (the repository's web address; the Pages workflow sets it) gives each
            # answer links to its lines and to a pre-filled report. Not Material's repo_url:
            # its header widget asks GitHub's API for star counts, a third-party request.
            bank, self.pages = render_bank(bank_path, repo_url=os.environ.get("REPO_URL") or None,
                                           site_url=config.site_url or None,
                                           urls=Urls(directory=config.use_directory_urls),
                                           per_page=self.config.questions_per_page)
        except BankError as exc:
            raise PluginError(f"the question bank has {len(exc.problems)} problem(s):\n{exc}") from None
        config.nav = nav(bank, self.config.questions_per_page)
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None
        self.request = Request(bank=bank, bank_bytes=bank_path.read_bytes(), paper=self.config.paper,
                               build=build_info(epoch), timestamp=float(epoch) if epoch else time.time())
        return config

    def on_files(self, files: Files, *, config) -> Files:
        for path, text in self.pages.items():
            # A file of the same name in docs/ (left by an older version that wrote pages
            # there) would shadow the fresh one.
            stale = files.get_file_from_path(path)
            if stale is not None:
                files.remove(stale)
            files.append(File.generated(config, path, content=text))
        return files

    # After the search plugin has written its index (0) and before the offline plugin copies it
    # into a script (-100).
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        site = Path(config.site_dir)
        finish_site(site)  # answer files and search entries; the downloads follow below
        if not self.config.downloads or os.environ.get("FLGUIDE_DOWNLOADS", "1") == "0" or self.request is None:
            return
        cache = self._path(config, self.config.cache_dir)
        if self.command == "serve":
            _background.submit(self.request, site / "downloads", cache)
        else:
            parallel = len(self.request.bank.questions) >= PARALLEL_FROM_QUESTIONS
            make_downloads(self.request, site / "downloads", cache, parallel=parallel)
