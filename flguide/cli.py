"""The `flguide` command: check the bank, generate the pages, make the downloads.

    flguide check    [--bank content/questions.yaml]
    flguide generate [--bank ...] [--docs docs]
    flguide pdf      [--bank ...] [--out site/downloads] [--paper a4|letter] [--version V] [--no-topics]
    flguide decks    [--bank ...] [--out site/downloads]
    flguide quizdata [site]
    flguide schema   [--out content/questions.schema.json]

Paths are relative to the working directory, as MkDocs' are. On a bad bank every command
prints one `file:line:col: field: message` line per problem and exits 1, writing nothing.
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
from .pipeline import DEFAULT_BANK, DEFAULT_DOCS, display_name, generate
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
    try:
        bank, changed = generate(args.bank, args.docs, repo_url=os.environ.get("REPO_URL") or None,
                                 site_url=os.environ.get("SITE_URL") or None)
    except BankError as exc:
        report(exc.problems)
        return 1
    except OSError as exc:
        print(f"{args.bank}:1:1: (document): cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{len(bank.questions)} questions in {len(bank.topics)} topics; {len(changed)} file(s) changed.")
    return 0


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
    from .quizdata import write_answer_files

    print(f"{write_answer_files(args.site)} answers written to {args.site / 'data' / 'answers'}")
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
    generate_cmd = command("generate", cmd_generate, "write the site's Markdown pages and quiz data")
    bank(generate_cmd)
    generate_cmd.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    pdf = command("pdf", cmd_pdf, "typeset the study and quiz editions and one PDF per topic")
    bank(pdf)
    pdf.add_argument("--out", type=Path, default=DEFAULT_OUT)
    pdf.add_argument("--paper", choices=["a4", "letter"], default="a4")
    pdf.add_argument("--version", default=None, help="shown on the cover, e.g. a git tag")
    pdf.add_argument("--no-topics", dest="topics", action="store_false", help="only the two editions")
    decks = command("decks", cmd_decks, "write the Anki deck and the CSV")
    bank(decks)
    decks.add_argument("--out", type=Path, default=DEFAULT_OUT)
    quiz = command("quizdata", cmd_quizdata, "cut the quiz answer files from a built site (after Zensical)")
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
