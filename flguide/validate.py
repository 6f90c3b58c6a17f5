"""Stage 2: turn loaded data into a `Bank`, or report every problem with file:line:col.

Owns the rules that span entries: unique slug ids, existing topic and related ids,
no duplicate questions once case and punctuation are ignored. Field-level rules live on
the model itself (`model.py`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pydantic import ValidationError

from .errors import BankError, Problem
from .load import Loaded, format_path, load_bank
from .model import Bank


def normalise_question(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def validate(loaded: Loaded) -> Bank:
    def problem(path: tuple, message: str) -> Problem:
        return Problem(loaded.file, *loaded.where(path), format_path(path), message)

    if not isinstance(loaded.data, dict):
        raise BankError([problem((), "the bank must be a mapping with topics, questions, checklist and faq")])
    try:
        bank = Bank.model_validate(loaded.data)
    except ValidationError as exc:
        raise BankError([problem(tuple(err["loc"]), _message(err)) for err in exc.errors()]) from None

    problems: list[Problem] = []
    topic_ids: dict[str, int] = {}
    for i, topic in enumerate(bank.topics):
        if topic.id in topic_ids:
            problems.append(problem(("topics", i, "id"), f"duplicate topic id {topic.id!r}"))
        topic_ids.setdefault(topic.id, i)

    question_ids: dict[str, int] = {}
    for i, q in enumerate(bank.questions):
        if q.id in question_ids:
            problems.append(problem(("questions", i, "id"), f"duplicate question id {q.id!r} (first at questions[{question_ids[q.id]}])"))
        question_ids.setdefault(q.id, i)

    seen_text: dict[str, str] = {}
    for i, q in enumerate(bank.questions):
        if q.topic not in topic_ids:
            problems.append(problem(("questions", i, "topic"), f"unknown topic {q.topic!r}"))
        for j, rel in enumerate(q.related):
            if rel == q.id:
                problems.append(problem(("questions", i, "related", j), "a question cannot be related to itself"))
            elif rel not in question_ids:
                problems.append(problem(("questions", i, "related", j), f"unknown question id {rel!r}"))
        phrasings = [(("questions", i, "question"), q.question)] + [
            (("questions", i, "also_asked_as", j), alt) for j, alt in enumerate(q.also_asked_as)
        ]
        for path, text in phrasings:
            key = normalise_question(text)
            if key in seen_text and seen_text[key] != q.id:
                problems.append(problem(path, f"same question as {seen_text[key]!r} (ignoring case and punctuation)"))
            elif key in seen_text:
                problems.append(problem(path, "phrasing repeats another phrasing of this question"))
            seen_text.setdefault(key, q.id)

    plan_ids: set[str] = set()
    for i, plan in enumerate(bank.study_plans):
        if plan.id in plan_ids:
            problems.append(problem(("study_plans", i, "id"), f"duplicate study plan id {plan.id!r}"))
        plan_ids.add(plan.id)
    terms: set[str] = set()
    for i, entry in enumerate(bank.glossary):
        if entry.term.casefold() in terms:
            problems.append(problem(("glossary", i, "term"), f"duplicate glossary term {entry.term!r}"))
        terms.add(entry.term.casefold())

    if problems:
        raise BankError(problems)
    return bank


def _message(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return "must be a slug: lower-case letters, digits and single hyphens"
    return err["msg"].removeprefix("Value error, ")


def load_and_validate(path: Path, display_name: str | None = None) -> Bank:
    return validate(load_bank(path, display_name))
