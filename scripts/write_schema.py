#!/usr/bin/env python3
"""Write content/questions.schema.json from the model (run after changing flguide/model.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flguide.schema import bank_schema_json  # noqa: E402

if __name__ == "__main__":
    target = ROOT / "content" / "questions.schema.json"
    target.write_text(bank_schema_json(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
