#!/usr/bin/env python3
"""Write the Practice and Mock pages' answer files into a built site (after a builder other
than MkDocs, such as Zensical; the MkDocs hook does this itself).

    python scripts/build_quiz_data.py [site]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flguide.quizdata import write_answer_files

if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print(f"{write_answer_files(site)} answers written to {site / 'data' / 'answers'}")
