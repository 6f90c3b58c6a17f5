"""The `flguide` command: check the bank, generate the pages, make the downloads.

    flguide check    [--bank content/questions.yaml]
    flguide build    [--builder mkdocs|zensical]
    flguide generate [--bank ...] [--out .cache/flguide/build]
    flguide pdf      [--bank ...] [--out site/downloads] [--paper a4|letter] [--version V] [--no-topics]
    flguide decks    [--bank ...] [--out site/downloads]
    flguide quizdata [site]
    flguide schema   [--out content/questions.schema.json]

Paths are relative to the working directory (the project, with its mkdocs.yml), as MkDocs'
are. `build` gives the whole site with either builder; `generate` writes the plugin-free
project another builder reads (pages included), never into docs/. On a bad bank every
command prints one `file:line:col: field: message` line per problem and exits 1, writing
nothing.
SOURCE_DATE_EPOCH, when set, fixes the build date of the PDFs and decks (reproducible
builds); REPO_URL and SITE_URL give `generate` the links to each answer's source.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .errors import BankError
from .model import Bank
from .pipeline import DEFAULT_BANK, display_name
from .validate import load_and_validate

DEFAULT_OUT = Path("site") / "downloads"


def report(problems: list) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s); nothing was written.", file=sys.stderr)


def load_or_report(path: Path) -> Bank | None:
    """The validated bank, or None after printing one line per problem to stderr."""
    try:
        return load_and_validate(path, display_name(path))
    except BankError as exc:
        report(exc.problems)
    except OSError as exc:
        print(f"{path}:1:1: (document): cannot read: {exc.strerror}", file=sys.stderr)
    return None


def _epoch() -> str | None:
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None


def cmd_check(args: argparse.Namespace) -> int:
    bank = load_or_report(args.bank)
    if bank is None:
        return 1
    print(f"{args.bank}: {len(bank.questions)} questions in {len(bank.topics)} topics, no problems.")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from .stage import stage_project

    try:
        config_file, request = stage_project(Path.cwd(), args.out, args.bank)
    except BankError as exc:
        report(exc.problems)
        return 1
    except OSError as exc:
        print(f"cannot read the project: {exc}", file=sys.stderr)
        return 1
    print(f"{len(request.bank.questions)} questions in {len(request.bank.topics)} topics; "
          f"build it with: zensical build -f {display_name(config_file)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    if args.builder == "mkdocs":
        import subprocess

        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"]).returncode
    from .stage import build_with_zensical

    try:
        return build_with_zensical(Path.cwd())
    except BankError as exc:
        report(exc.problems)
        return 1


def cmd_pdf(args: argparse.Namespace) -> int:
    from .pdf import build_info, build_pdfs

    bank = load_or_report(args.bank)
    if bank is None:
        return 1
    started = time.monotonic()
    build = build_info(_epoch(), args.version)
    written = build_pdfs(bank, args.out, args.paper, build, topics=args.topics)
    print(f"{len(bank.questions)} question(s); wrote {len(written)} PDFs into {args.out} ({args.paper}) "
          f"in {time.monotonic() - started:.1f}s.")
    return 0


def cmd_decks(args: argparse.Namespace) -> int:
    from .decks import build_decks

    bank = load_or_report(args.bank)
    if bank is None:
        return 1
    epoch = _epoch()
    written = build_decks(bank, args.out, float(epoch) if epoch else time.time())
    print(f"{len(bank.questions)} card(s); wrote {', '.join(map(str, written))}.")
    return 0


def cmd_quizdata(args: argparse.Namespace) -> int:
    from .stage import finish_site

    print(f"{finish_site(args.site)} answers written to {args.site / 'data' / 'answers'}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import bank_schema_json

    args.out.write_text(bank_schema_json(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="flguide", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)

    def command(name: str, run, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    def bank(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--bank", type=Path, default=DEFAULT_BANK, help="the question bank (YAML)")

    bank(command("check", cmd_check, "validate the bank and report every problem"))
    build = command("build", cmd_build, "build the whole site: pages, quiz data, search, downloads")
    build.add_argument("--builder", choices=["mkdocs", "zensical"], default="mkdocs")
    generate_cmd = command("generate", cmd_generate, "write a plugin-free copy of the project, pages included")
    generate_cmd.add_argument("--out", type=Path, default=Path(".cache") / "flguide" / "build")
    generate_cmd.add_argument("--bank", type=Path, default=None, help="instead of the bank mkdocs.yml names")
    pdf = command("pdf", cmd_pdf, "typeset the study and quiz editions and one PDF per topic")
    bank(pdf)
    pdf.add_argument("--out", type=Path, default=DEFAULT_OUT)
    pdf.add_argument("--paper", choices=["a4", "letter"], default="a4")
    pdf.add_argument("--version", default=None, help="shown on the cover, e.g. a git tag")
    pdf.add_argument("--no-topics", dest="topics", action="store_false", help="only the two editions")
    decks = command("decks", cmd_decks, "write the Anki deck and the CSV")
    bank(decks)
    decks.add_argument("--out", type=Path, default=DEFAULT_OUT)
    quiz = command("quizdata", cmd_quizdata, "add the quiz answer files and question search entries to a built site")
    quiz.add_argument("site", type=Path, nargs="?", default=Path("site"))
    schema = command("schema", cmd_schema, "write the bank's JSON Schema from the model")
    schema.add_argument("--out", type=Path, default=Path("content") / "questions.schema.json")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    epoch = _epoch()
    if epoch is not None and not epoch.isdigit():
        print(f"SOURCE_DATE_EPOCH must be an integer, not {epoch!r}", file=sys.stderr)
        return 1
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
