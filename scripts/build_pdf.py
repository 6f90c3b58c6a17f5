#!/usr/bin/env python3
"""Build the study and quiz PDF editions of the guide from the question bank.

    python scripts/build_pdf.py [--bank content/questions.yaml] [--out site/downloads]
                                [--paper a4|letter] [--version TEXT]

Writes fl-interview-guide.pdf, fl-interview-quiz.pdf and topics/<topic>.pdf (one per topic,
unless --no-topics), typeset by Typst. SOURCE_DATE_EPOCH, when set,
fixes the build date on the cover and in the PDF metadata (reproducible builds). On a bad
bank, print one line per problem (file:line:col: field: message) and exit 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flguide.cli import load_or_report
from flguide.pdf import PAPERS, build_info, build_pdfs
from flguide.pipeline import DEFAULT_BANK, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "downloads")
    parser.add_argument("--paper", choices=PAPERS, default="a4")
    parser.add_argument("--version", default=None, help="shown on the cover, e.g. a git tag")
    parser.add_argument("--no-topics", dest="topics", action="store_false",
                        help="only the two editions, not one PDF per topic")
    args = parser.parse_args(argv)
    bank = load_or_report(args.bank)
    if bank is None:
        return 1
    started = time.monotonic()
    try:
        build = build_info(os.environ.get("SOURCE_DATE_EPOCH"), args.version)
    except ValueError:
        print(f"SOURCE_DATE_EPOCH must be an integer, not {os.environ['SOURCE_DATE_EPOCH']!r}", file=sys.stderr)
        return 1
    written = build_pdfs(bank, args.out, args.paper, build, topics=args.topics)
    print(f"{len(bank.questions)} question(s); wrote {len(written)} PDFs into {args.out} ({args.paper}) "
          f"in {time.monotonic() - started:.1f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
