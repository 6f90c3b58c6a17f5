#!/usr/bin/env python3
"""Write content/questions.schema.json from the model.

    python scripts/write_schema.py

A thin shim over `flguide schema` (the installed command; `make setup` installs it), kept
so the project's documented entry points keep working. Exit 1 on a bad bank, after one
`file:line:col: field: message` line per problem.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from flguide.cli import main as flguide


def main(argv: Sequence[str] | None = None) -> int:
    return flguide(["schema", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
