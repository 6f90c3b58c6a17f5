#!/usr/bin/env python3
"""Build the study and quiz PDF editions and one PDF per topic.

    python scripts/build_pdf.py [--bank ...] [--out site/downloads] [--paper a4|letter] [--no-topics]

A thin shim over `flguide pdf` (the installed command; `make setup` installs it), kept
so the project's documented entry points keep working. Exit 1 on a bad bank, after one
`file:line:col: field: message` line per problem.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from flguide.cli import main as flguide


def main(argv: Sequence[str] | None = None) -> int:
    return flguide(["pdf", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
