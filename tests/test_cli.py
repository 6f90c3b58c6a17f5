"""The installable package: the `flguide` command (tested in-process, as datasette tests its
CLI), the MkDocs plugin's page registry, and no path hacks between them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jinja2 import ChoiceLoader, DictLoader

from conftest import FIXTURES, ROOT
from flguide import render
from flguide.cli import main
from flguide.schema import bank_schema_json
from flguide.validate import load_and_validate

SMALL = FIXTURES / "small.yaml"


def test_check_reports_a_good_bank(capsys):
    assert main(["check", "--bank", str(SMALL)]) == 0
    assert "5 questions in 2 topics, no problems" in capsys.readouterr().out


def test_check_gives_one_located_line_per_problem_and_exit_1(capsys):
    assert main(["check", "--bank", str(FIXTURES / "ten_mistakes.yaml")]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if re.match(r"^\S+\.yaml:\d+:\d+: \S+: ", line)]
    assert len(lines) == 10


def test_generate_writes_a_plugin_free_project_outside_docs(tmp_path, capsys):
    before = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*"))
    out = tmp_path / "staged"
    assert main(["generate", "--bank", str(SMALL), "--out", str(out)]) == 0
    docs = out / "docs"
    assert (docs / "topics" / "alpha.md").exists() and (docs / "index.md").exists()
    assert (docs / "assets" / "javascripts" / "store.js").exists()  # the static files came along
    index = json.loads((docs / "data" / "questions.json").read_text())
    assert [q["id"] for q in index["questions"]] == [q.id for q in load_and_validate(SMALL).questions]
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site" and (out / "overrides" / "main.html").exists()
    assert config["nav"][1] == {"Topics": [{"Alpha topic": "topics/alpha.md"}, {"Beta topic": "topics/beta.md"}]}
    assert not any(p == "flguide" or (isinstance(p, dict) and "flguide" in p) for p in config["plugins"])
    # Nothing was generated into the project's own docs/.
    assert sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*")) == before


def test_schema_writes_what_the_model_says(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == bank_schema_json()


def test_a_bad_source_date_epoch_is_refused(monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["decks", "--bank", str(SMALL), "--out", "/nonexistent"]) == 1
    assert "SOURCE_DATE_EPOCH must be an integer" in capsys.readouterr().err


def test_the_installed_command_runs():
    """`pip install -e .` (make setup) puts `flguide` beside the interpreter."""
    command = Path(sys.executable).parent / "flguide"
    result = subprocess.run([str(command), "check", "--bank", str(SMALL)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_package_and_scripts_edit_no_import_path():
    files = [path for folder in ("flguide", "scripts") for path in (ROOT / folder).rglob("*.py")]
    found = [f"{path.relative_to(ROOT)}:{n}" for path in files
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "sys.path.insert" in line or "parent.parent" in line]
    assert found == []


def test_adding_a_page_type_is_one_registry_entry_and_a_template(monkeypatch):
    about = render.PageType("about.md", "about.md.j2", "About", 65)
    monkeypatch.setattr(render, "PAGE_TYPES", [*render.PAGE_TYPES, about])
    env = render._environment()
    template = DictLoader({"about.md.j2": "# About\n\n{{ topics | length }} topics"})
    monkeypatch.setattr(env, "loader", ChoiceLoader([template, env.loader]))
    bank = load_and_validate(SMALL)
    pages = render.render_site(bank)
    assert pages["about.md"].startswith("# About\n\n2 topics")
    titles = [next(iter(entry)) for entry in render.nav(bank)]
    assert titles.index("About") == titles.index("Glossary") + 1  # placed by its nav_order


@pytest.mark.parametrize("page", [t for t in render.PAGE_TYPES if t.nav_title])
def test_every_registered_page_is_rendered_and_in_the_navigation(page):
    bank = load_and_validate(SMALL)
    assert page.path in render.render_site(bank)
    assert {page.nav_title: page.path} in render.nav(bank)


@pytest.mark.parametrize("directory", [False, True])
def test_page_addresses_follow_mkdocs_rule_for_directory_urls(directory):
    """render.Urls gives every generated page the URL MkDocs itself gives it."""
    from mkdocs.structure.files import File

    urls = render.Urls(directory=directory)
    pages = [p for p in render.render_site(load_and_validate(SMALL), urls=urls) if p.endswith(".md")]
    assert "topics/alpha.md" in pages and "index.md" in pages
    for path in pages:
        assert urls.page(path) == File(path, "", "", directory).url, path
    # and a link between two of them lands where MkDocs serves the target
    assert urls.href("topics/alpha.md", "downloads/topics/alpha.pdf") == (
        "../../downloads/topics/alpha.pdf" if directory else "../downloads/topics/alpha.pdf")
    assert urls.href("index.md", "practice.md") == ("practice/" if directory else "practice.html")
