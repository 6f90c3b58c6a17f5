"""Stage 2: turn loaded data into a `Bank`, or report every problem with file:line:col.

Owns the rules that span entries: unique slug ids, existing topic and related ids,
no duplicate questions once case and punctuation are ignored. Field-level rules live on
the model (`model.py`). Cross-entry rules run on the raw data even when some fields are
invalid, so an author sees every problem in one run.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import BankError, Problem
from .load import Loaded, format_path, load_bank
from .model import Bank


def normalise_question(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def _entries(data: dict, section: str) -> list[tuple[int, dict]]:
    items = data.get(section)
    return [(i, e) for i, e in enumerate(items) if isinstance(e, dict)] if isinstance(items, list) else []


def _str(entry: dict, key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) and value.strip() else None


def cross_entry_problems(data: dict[str, Any]) -> list[tuple[tuple, str]]:
    """(path, message) for every rule that spans more than one entry."""
    found: list[tuple[tuple, str]] = []
    topic_ids: set[str] = set()
    for i, topic in _entries(data, "topics"):
        tid = _str(topic, "id")
        if tid in topic_ids:
            found.append((("topics", i, "id"), f"duplicate topic id {tid!r}"))
        if tid:
            topic_ids.add(tid)

    questions = _entries(data, "questions")
    first_index: dict[str, int] = {}
    for i, q in questions:
        qid = _str(q, "id")
        if qid in first_index:
            first = f"questions[{first_index[qid]}]"
            found.append((("questions", i, "id"), f"duplicate question id {qid!r} (first at {first})"))
        elif qid:
            first_index[qid] = i

    seen_text: dict[str, str] = {}
    for i, q in questions:
        qid = _str(q, "id") or f"questions[{i}]"
        topic = _str(q, "topic")
        if topic and topic not in topic_ids:
            found.append((("questions", i, "topic"), f"unknown topic {topic!r}"))
        related = q.get("related")
        for j, rel in enumerate(related if isinstance(related, list) else []):
            if rel == qid:
                found.append((("questions", i, "related", j), "a question cannot be related to itself"))
            elif isinstance(rel, str) and rel not in first_index:
                found.append((("questions", i, "related", j), f"unknown question id {rel!r}"))
        follow_ups = q.get("follow_ups")
        seen_follow_ups: set[str] = set()
        for j, follow_up in enumerate(follow_ups if isinstance(follow_ups, list) else []):
            fid = follow_up.get("id") if isinstance(follow_up, dict) else None
            if isinstance(fid, str) and fid in seen_follow_ups:
                found.append((("questions", i, "follow_ups", j, "id"), f"duplicate follow-up id {fid!r}"))
            elif isinstance(fid, str):
                seen_follow_ups.add(fid)
        alts = q.get("also_asked_as")
        phrasings = [(("questions", i, "question"), q.get("question"))] + [
            (("questions", i, "also_asked_as", j), alt) for j, alt in enumerate(alts if isinstance(alts, list) else [])
        ]
        for path, text in phrasings:
            if not isinstance(text, str) or not text.strip():
                continue
            key = normalise_question(text)
            if key in seen_text and seen_text[key] != qid:
                found.append((path, f"same question as {seen_text[key]!r} (ignoring case and punctuation)"))
            elif key in seen_text:
                found.append((path, "repeats another phrasing of this question"))
            seen_text.setdefault(key, qid)

    plan_ids: set[str] = set()
    for i, plan in _entries(data, "study_plans"):
        pid = _str(plan, "id")
        if pid in plan_ids:
            found.append((("study_plans", i, "id"), f"duplicate study plan id {pid!r}"))
        if pid:
            plan_ids.add(pid)
        steps = plan.get("steps")
        for j, step in enumerate(steps if isinstance(steps, list) else []):
            named = step.get("questions") if isinstance(step, dict) else None
            for k, qid in enumerate(named if isinstance(named, list) else []):
                if isinstance(qid, str) and qid not in first_index:
                    found.append((("study_plans", i, "steps", j, "questions", k), f"unknown question id {qid!r}"))
    terms: set[str] = set()
    for i, entry in _entries(data, "glossary"):
        term = _str(entry, "term")
        if term and term.casefold() in terms:
            found.append((("glossary", i, "term"), f"duplicate glossary term {term!r}"))
        if term:
            terms.add(term.casefold())
    return found


def validate(loaded: Loaded) -> Bank:
    def problem(path: tuple, message: str) -> Problem:
        return Problem(loaded.file, *loaded.where(path), format_path(path), message)

    if not isinstance(loaded.data, dict):
        raise BankError([problem((), "the bank must be a mapping with topics, questions, checklist and faq")])
    problems = [problem(path, message) for path, message in cross_entry_problems(loaded.data)]
    try:
        bank = Bank.model_validate(loaded.data)
    except ValidationError as exc:
        problems += [problem(tuple(err["loc"]), _message(err)) for err in exc.errors()]
        bank = None
    if problems or bank is None:
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
    if kind.startswith("date_"):
        return "must be a date written YYYY-MM-DD"
    if kind == "string_pattern_mismatch":
        return "must be a slug: lower-case letters, digits and single hyphens"
    return err["msg"].removeprefix("Value error, ")


def load_and_validate(path: Path, display_name: str | None = None) -> Bank:
    return validate(load_bank(path, display_name))
