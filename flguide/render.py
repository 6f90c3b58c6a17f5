"""Stage 3: render a validated `Bank` into the site's Markdown pages and quiz data.

Owns what files the site gets and what goes in them. Pure: `render_site(bank)` returns
{relative path: text} and touches no disk, so the same bank always gives the same bytes.
Presentation lives in `templates/`; this module only prepares the data they need.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

from jinja2 import Environment, PackageLoader, StrictUndefined

from .markdown_html import literal
from .model import Bank, Question, Topic

SITE_DESCRIPTION = (
    "Federated learning interview questions with cited answers, self-grading, "
    "spaced-repetition practice and mock interviews."
)


def _yaml_str(text: str) -> str:
    # Front matter values reach the HTML unescaped (page title, meta description), so the
    # templates escape them with `e` first; this only makes them one safe YAML string.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("flguide", "templates"),
        autoescape=False,  # the output is Markdown; author text is made literal by `lit`
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(lit=literal, yaml_str=_yaml_str, blockquote=_blockquote, slug=slug)
    return env


def ordered_topics(bank: Bank) -> list[Topic]:
    return sorted(bank.topics, key=lambda t: (t.order, t.id))


def questions_by_topic(bank: Bank) -> dict[str, list[Question]]:
    grouped: dict[str, list[Question]] = {t.id: [] for t in bank.topics}
    for q in bank.questions:
        grouped[q.topic].append(q)
    return grouped


def nav(bank: Bank) -> list:
    """The navigation, in topic order; the MkDocs hook installs it."""
    return [
        {"Home": "index.md"},
        # MkDocs puts nav titles into HTML unescaped; author text must stay text.
        {"Topics": [{html.escape(t.title, quote=False): topic_path(t.id)} for t in ordered_topics(bank)]},
        {"Practice": "practice.md"},
        {"Mock interview": "mock.md"},
        {"Checklist and plans": "checklist.md"},
        {"FAQ": "faq.md"},
        {"Glossary": "glossary.md"},
        {"Download PDF": "downloads.md"},
    ]


def quiz_data(bank: Bank) -> dict:
    """The index the browser features start from. Answers are not in it: they are cut from
    the built topic pages into data/answers/<topic>.js (quizdata.py) and load on demand."""
    return {
        "version": 2,
        "topics": [
            {"id": t.id, "title": t.title, "page": f"topics/{t.id}.html", "answers": f"data/answers/{t.id}.js"}
            for t in ordered_topics(bank)
        ],
        "questions": [
            {"id": q.id, "topic": q.topic, "level": q.level.value, "kind": q.kind.value, "question": q.question}
            for q in bank.questions
        ],
    }


def render_site(bank: Bank) -> dict[str, str]:
    env = _environment()
    grouped = questions_by_topic(bank)
    topics = ordered_topics(bank)
    by_id = {q.id: q for q in bank.questions}
    topics_by_id = {t.id: t for t in topics}

    def link(here: str, target: Question) -> str:
        return posixpath.relpath(topic_path(target.topic), posixpath.dirname(here) or ".") + f"#{target.id}"

    env.globals["link"] = link
    common = dict(
        bank=bank, topics=topics, questions=bank.questions, questions_by_id=by_id,
        topics_by_id=topics_by_id, checklist=bank.checklist, study_plans=bank.study_plans,
        faq=bank.faq, glossary=sorted(bank.glossary, key=lambda g: g.term.casefold()),
        counts={t.id: len(grouped[t.id]) for t in topics}, site_description=SITE_DESCRIPTION,
    )

    pages = {
        "index.md": env.get_template("index.md.j2").render(common),
        "checklist.md": env.get_template("checklist.md.j2").render(common),
        "faq.md": env.get_template("faq.md.j2").render(common),
        "glossary.md": env.get_template("glossary.md.j2").render(common),
        "practice.md": env.get_template("practice.md.j2").render(common),
        "mock.md": env.get_template("mock.md.j2").render(common),
        "downloads.md": env.get_template("downloads.md.j2").render(common),
        ".snippets/abbreviations.md": env.get_template("abbreviations.md.j2").render(common),
    }
    for topic in topics:
        pages[topic_path(topic.id)] = env.get_template("topic.md.j2").render(
            common, topic=topic, questions=grouped[topic.id]
        )
    data = json.dumps(quiz_data(bank), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    pages["data/questions.json"] = data + "\n"
    pages["data/questions.js"] = env.get_template("questions.js.j2").render(bank_json=data)
    return pages
