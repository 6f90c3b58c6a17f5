"""Building without the plugin: a complete, plugin-free copy of the project for a builder that
runs no MkDocs plugins (Zensical), and the steps that must follow its build.

Owns the write-to-disk mode. The MkDocs plugin serves the generated pages as virtual files;
Zensical cannot take them that way, so `stage_project` writes the project's static docs
plus the generated pages into a staging folder (never into docs/) with a copy of mkdocs.yml
that points there, lists the navigation in topic order, and sends the site to the project's
own site folder. `finish_site` then does what the plugin does after a build: the quiz
answer files, the question-level search entries, the minified scripts and styles, and the
downloads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from .assets import minify_own_assets
from .downloads import Request, make_downloads
from .markdown_html import read_config
from .pdf import build_info
from .pipeline import render_bank
from .quizdata import read_pages, write_answer_files
from .render import QUESTIONS_PER_PAGE, Urls, nav
from .search import improve_index

DEFAULT_STAGE = Path(".cache") / "flguide" / "build"
# Settings only the MkDocs plugin reads; Zensical warns about plugins it does not run.
PLUGIN_NAME = "flguide"


def _plugin_options(config: dict) -> dict:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}


def stage_project(project: Path, stage: Path, bank_path: Path | None = None) -> tuple[Path, Request]:
    """Write the staged project; return its config file and what the downloads need. The
    bank is the plugin's (mkdocs.yml) unless given. Raises BankError (and writes nothing) if
    the bank is invalid."""
    project = project.resolve()
    config = read_config(project / "mkdocs.yml")
    options = _plugin_options(config)
    bank_path = bank_path or project / options.get("bank", "content/questions.yaml")
    urls = Urls(directory=bool(config.get("use_directory_urls", True)))
    per_page = int(options.get("questions_per_page", QUESTIONS_PER_PAGE))
    bank, pages = render_bank(bank_path, repo_url=os.environ.get("REPO_URL") or None,
                              site_url=config.get("site_url") or None, urls=urls, per_page=per_page)
    stage = stage.resolve()
    docs = stage / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(project / config.get("docs_dir", "docs"), docs)
    for rel, text in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    # Zensical wants every folder inside the project it builds: the site is built here and
    # then moved to the project's own site folder.
    config.update(docs_dir="docs", site_dir="site", nav=nav(bank, per_page))
    theme = config.get("theme") or {}
    if isinstance(theme, dict):
        # Zensical's "classic" variant is Material's look, which the guide's styles (and their
        # contrast checks) are made for; its "modern" default is another design.
        theme.setdefault("variant", "classic")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.rmtree(stage / "overrides", ignore_errors=True)
        shutil.copytree(project / theme["custom_dir"], stage / "overrides")
        theme["custom_dir"] = "overrides"
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (p == PLUGIN_NAME or (isinstance(p, dict) and PLUGIN_NAME in p))]
    config.pop("watch", None)
    config_file = stage / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None
    request = Request(bank=bank, bank_bytes=bank_path.read_bytes(), paper=options.get("paper", "a4"),
                      build=build_info(epoch), timestamp=float(epoch) if epoch else time.time())
    return config_file, request


def finish_site(site: Path, request: Request | None = None, cache: Path | None = None) -> int:
    """After any builder: answer files, search entries and (with a request) the downloads.
    Returns how many answers were written."""
    pages = read_pages(site)
    answers = write_answer_files(site, pages)
    improve_index(site, pages)
    minify_own_assets(site)
    if request is not None and cache is not None:
        make_downloads(request, site / "downloads", cache, parallel=len(request.bank.questions) >= 50)
    return answers


def zensical_command() -> list[str]:
    beside = Path(sys.executable).parent / "zensical"
    return [str(beside)] if beside.exists() else ["zensical"]


def build_with_zensical(project: Path, stage: Path = DEFAULT_STAGE, downloads: bool = True) -> int:
    """The whole site with Zensical: stage, build, finish. Returns the builder's exit code."""
    project = project.resolve()
    config_file, request = stage_project(project, stage)
    built = config_file.parent / "site"
    shutil.rmtree(built, ignore_errors=True)
    result = subprocess.run([*zensical_command(), "build", "-f", str(config_file)], cwd=config_file.parent)
    if result.returncode != 0:
        return result.returncode
    config = read_config(project / "mkdocs.yml")
    site = project / config.get("site_dir", "site")
    shutil.rmtree(site, ignore_errors=True)  # as MkDocs does: nothing stale is published
    shutil.move(built, site)
    cache = project / _plugin_options(config).get("cache_dir", ".cache/flguide/downloads")
    wanted = downloads and os.environ.get("FLGUIDE_DOWNLOADS", "1") != "0"
    finish_site(site, request if wanted else None, cache)
    return 0
