#!/usr/bin/env python3
"""Generate the site's Markdown pages and quiz data from the question bank, as a plugin-free
project for a builder that runs no MkDocs plugins (MkDocs itself needs no such step).

    python scripts/build_pages.py [--out .cache/flguide/build]

A thin shim over `flguide generate` (the installed command; `make setup` installs it), kept
so the project's documented entry points keep working. Exit 1 on a bad bank, after one
`file:line:col: field: message` line per problem.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from flguide.cli import main as flguide


def main(argv: Sequence[str] | None = None) -> int:
    return flguide(["generate", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
