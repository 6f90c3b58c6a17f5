#!/usr/bin/env python3
"""Build the flashcard downloads (Anki deck and CSV) from the question bank.

    python scripts/build_decks.py [--bank content/questions.yaml] [--out site/downloads]

Writes fl-interview.apkg (one sub-deck per topic) and fl-interview.csv. SOURCE_DATE_EPOCH,
when set, fixes every timestamp in the deck (reproducible builds). On a bad bank, print
one line per problem (file:line:col: field: message) and exit 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flguide.cli import load_or_report
from flguide.decks import build_decks
from flguide.pipeline import DEFAULT_BANK, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "downloads")
    args = parser.parse_args(argv)
    bank = load_or_report(args.bank)
    if bank is None:
        return 1
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        timestamp = float(int(epoch)) if epoch else time.time()
    except ValueError:
        print(f"SOURCE_DATE_EPOCH must be an integer, not {epoch!r}", file=sys.stderr)
        return 1
    written = build_decks(bank, args.out, timestamp)
    print(f"{len(bank.questions)} card(s); wrote {', '.join(map(str, written))}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
