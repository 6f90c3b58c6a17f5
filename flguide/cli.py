"""What the command-line entry points share: reading the bank and reporting its problems."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import BankError
from .model import Bank
from .pipeline import display_name
from .validate import load_and_validate


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
