"""Search that lands on the question: the builder's search index, rewritten after the build.

Owns what a search entry says. Each question's heading (in its <summary>) already gives it an
entry at `page#id` in both Material's index (`search/search_index.json`) and Zensical's
(`search.json`), but both builders file the answer's text under the page, because the
heading sits inside the <summary>: the page's entry carries every answer and the question's
carries none. This module moves each answer's parts (quizdata.py finds them by class) to its
question's entry, leaves the page entry its own description, and adds index-only synonyms
(ε → epsilon, an abbreviation → its expansion), so that typed words find what the page
writes as symbols. Nothing on the pages changes.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .quizdata import QuestionParts, page_file

# The parts a reader would search for; references are left out (author lists are noise).
SEARCHED_PARTS = ("key-points", "answer", "sample", "follow-ups", "pitfalls", "also-asked")
# Symbols the answers write that readers type as words.
SYMBOLS = {"ε": "epsilon", "δ": "delta", "μ": "mu", "σ": "sigma", "η": "eta", "λ": "lambda", "α": "alpha",
           "β": "beta", "ρ": "rho"}
# Each symbol, or its word, wherever it stands; both are then written together, as often as
# either appears, so typing "epsilon" ranks every entry exactly as typing "ε" does.
SYMBOL_OR_WORD = re.compile("|".join(rf"{s}|\b{w}\b" for s, w in SYMBOLS.items()), re.I)
WORD_OF = {**SYMBOLS, **{w: w for w in SYMBOLS.values()}}
SYMBOL_OF = {w: s for s, w in SYMBOLS.items()}
# An abbreviation's definition that starts with its expansion: "TEE: Trusted execution environment. ..."
EXPANSION_WORDS = 6
LABEL = re.compile(r'<p class="flq-label">.*?</p>', re.S)
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|div|pre|br|blockquote|table|tr|td|th|h[1-6])\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
ABBR = re.compile(r'<abbr title="([^"]*)">([^<]+)</abbr>')
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def plain(fragment: str) -> str:
    """The text of an HTML fragment, escaped again so the index stays safe to show."""
    text = TAG.sub("", BLOCK_TAG.sub(" ", LABEL.sub(" ", fragment)))
    return html.escape(" ".join(html.unescape(text).split()), quote=False)


def with_words(text: str) -> str:
    """"ε" becomes "ε epsilon" and "epsilon" becomes "epsilon ε": index text only. Plain
    spaces, since the index splits words only at spaces, hyphens and full stops."""

    def both(match: re.Match) -> str:
        found = match.group(0)
        word = WORD_OF.get(found) or WORD_OF[found.casefold()]
        return f"{found} {word}" if found in SYMBOLS else f"{found} {SYMBOL_OF[word]}"

    return SYMBOL_OR_WORD.sub(both, text)


def synonyms(fragments: list[str]) -> list[str]:
    """Expansions of the abbreviations these fragments use (from their glossary hover text)."""
    words: list[str] = []
    joined = " ".join(fragments)
    for title, term in ABBR.findall(joined):
        first = html.unescape(title).split(". ")[0].rstrip(".")
        is_abbreviation = any(c.isupper() for c in term[1:]) and 0 < len(first.split()) <= EXPANSION_WORDS
        if is_abbreviation and first.casefold() not in words:
            words.append(first.casefold())
    return words


def question_text(q: QuestionParts) -> str:
    parts = [q.parts[name] for name in SEARCHED_PARTS if q.parts.get(name)]
    text = " ".join(f"<p>{with_words(plain(p))}</p>" for p in parts)
    extra = [w for w in synonyms([q.question, *parts]) if w not in text.casefold()]
    return text + (f" <p>{', '.join(extra)}</p>" if extra else "")


# Punctuation stuck to a word ("drift,", "client?") makes it a different word in the index,
# found only by prefix, which ranks far below an exact match: a question about client drift
# came below one that merely ends in "client?". Titles drop it; they still read plainly.
TITLE_PUNCTUATION = re.compile(r"[,;:?!()\"“”]")


def question_title(q: QuestionParts) -> str:
    """The question as index text: the word beside each symbol ("ε epsilon"), and no
    punctuation stuck to its words."""
    return " ".join(TITLE_PUNCTUATION.sub(" ", with_words(plain(q.question))).split())


def _index_file(site: Path) -> tuple[Path, str] | None:
    for rel, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        if (site / rel).is_file():
            return site / rel, key
    return None


def improve_index(site: Path, pages: dict[str, list[QuestionParts]]) -> int:
    """Rewrite the builder's index in place; return how many question entries it now has."""
    found = _index_file(site)
    if found is None:
        return 0
    path, key = found
    index = json.loads(path.read_text(encoding="utf-8"))
    entries = index[key]
    by_location = {e.get("location"): e for e in entries}
    count = 0
    for page, questions in pages.items():
        for q in questions:
            location = f"{page}#{q.id}"
            entry = by_location.get(location)
            if entry is None:  # a builder that made no section for it: add one
                entry = {"location": location}
                entries.append(entry)
            entry.update(title=question_title(q), text=question_text(q))
            count += 1
        page_entry = by_location.get(page)
        if page_entry is not None and questions:
            page_entry["text"] = _description(site, page)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
    # Zensical also inlines the index into a script for file:// (Material's offline plugin
    # makes its copy after this runs).
    script = site / "search.js"
    if key == "items" and script.is_file():
        script.write_text(f"var __index = {data}", encoding="utf-8")
    return count


def _description(site: Path, page: str) -> str:
    match = DESCRIPTION.search(page_file(site, page).read_text(encoding="utf-8"))
    return f"<p>{plain(html.unescape(match.group(1)))}</p>" if match else ""
