"""The JSON Schema of the bank, derived from the model so the two never disagree."""

from __future__ import annotations

import json

from .model import Bank


def bank_schema_json() -> str:
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "FL Interview Guide question bank"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
