"""The bank's data model: what a topic, question, checklist, FAQ and glossary entry are.

This module owns the shape of `content/questions.yaml`. Cross-entry rules (unique ids,
existing references, duplicate questions) live in `validate.py`; this file only says
what one well-formed entry looks like, and is the source of the JSON Schema.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
FENCE = re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE)


def _fences_balanced(text: str) -> str:
    # An unclosed fence swallows the rest of the collapsible block and the page after it.
    if len(FENCE.findall(text)) % 2:
        raise ValueError("unclosed code fence (``` or ~~~)")
    return text


def _http_url(url: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$", url):
        raise ValueError("must be an absolute http(s) URL")
    return url


def _words_between(low: int, high: int):
    def check(text: str) -> str:
        count = len(text.split())
        if not low <= count <= high:
            raise ValueError(f"{count} words; must be {low} to {high}")
        return text
    return check


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Markdown = Annotated[Text, AfterValidator(_fences_balanced)]
# What an interviewer listens for: one concrete point a panel would score against.
KeyPoint = Annotated[Text, AfterValidator(_words_between(1, 20))]
FollowUpAnswer = Annotated[Markdown, AfterValidator(_words_between(30, 100))]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Url = Annotated[str, AfterValidator(_http_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Level(StrEnum):
    fundamentals = "fundamentals"
    intermediate = "intermediate"
    advanced = "advanced"


class Kind(StrEnum):
    concept = "concept"
    design = "design"
    coding = "coding"
    behavioural = "behavioural"


class Topic(Strict):
    id: Slug
    title: Text
    summary: Text = Field(description="One line shown under the title and on the home page.")
    order: int = Field(ge=0)


class Reference(Strict):
    title: Text
    authors: Text
    year: int = Field(ge=1900, le=2100)
    venue: Text = Field(description="Journal, conference, arXiv or 'Official documentation'.")
    url: Url


class FollowUp(Strict):
    id: Slug = Field(description="Stable forever, unique within its question: progress and flashcards hang on it.")
    question: Text
    answer: FollowUpAnswer = Field(description="30 to 100 words; cite a source wherever it states a fact.")


class Question(Strict):
    id: Slug = Field(description="Stable forever: anchors URLs, saved progress and flashcards.")
    topic: Slug
    level: Level
    kind: Kind
    question: Text
    also_asked_as: list[Text] = Field(default_factory=list)
    answer: Markdown
    example: Markdown = Field(description="A spoken-style sample answer.")
    key_points: list[KeyPoint] = Field(
        min_length=3, max_length=6,
        description="3 to 6 concrete points (at most 20 words each) an interviewer listens for.")
    follow_ups: list[FollowUp] = Field(default_factory=list, max_length=4)
    pitfalls: list[Markdown] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    article: list[int] = Field(
        default_factory=list,
        description="Numbers of the source article's questions this entry answers.",
    )
    reviewed: date = Field(
        description="When someone other than its writer last checked every claim against the sources "
        "(YYYY-MM-DD). Shown as 'Reviewed Month YYYY'.",
    )


class ChecklistSection(Strict):
    section: Text
    items: list[Text] = Field(min_length=1)


class PlanStep(Strict):
    when: Text
    do: Markdown
    questions: list[Slug] = Field(default_factory=list,
                                  description="Ids of the questions this step names; each becomes a link.")


class StudyPlan(Strict):
    id: Slug
    title: Text
    steps: list[PlanStep] = Field(min_length=1)


class FaqEntry(Strict):
    question: Text
    answer: Markdown


class GlossaryTerm(Strict):
    term: Text
    definition: Text = Field(description="Plain text: it is also the hover tooltip.")


class Bank(Strict):
    topics: list[Topic] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    checklist: list[ChecklistSection] = Field(default_factory=list)
    study_plans: list[StudyPlan] = Field(default_factory=list)
    faq: list[FaqEntry] = Field(default_factory=list)
    glossary: list[GlossaryTerm] = Field(default_factory=list)
