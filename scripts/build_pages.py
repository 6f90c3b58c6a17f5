#!/usr/bin/env python3
"""Generate the site's Markdown pages and quiz data from the question bank.

    python scripts/build_pages.py [--bank content/questions.yaml] [--docs docs]

Exit 0 on success; on a bad bank, print one line per problem (file:line:col: field:
message) and exit 1, having written nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flguide.cli import report
from flguide.errors import BankError
from flguide.pipeline import DEFAULT_BANK, DEFAULT_DOCS, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
