"""Author Markdown → a small JSON tree that the Typst templates lay out.

Owns the one crossing from author text into the PDF. The Markdown is rendered by the site's
own extensions (`markdown_html.to_html`, which already shows raw HTML as text), and the HTML
is walked into nodes: a string is text, a dict is `{"t": kind, "c": children, ...}`. The
templates only ever place these strings as text, never evaluate them as Typst markup, so no
character an author writes (`#`, `$`, `*`, `@`, `<`, backslashes, comment markers) can run
code or change the layout, and nothing needs escaping anywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from .markdown_html import inline_html, to_html

Node = str | dict[str, Any]

# HTML element → node kind. Anything else keeps its children and drops the element.
BLOCKS = {"p": "p", "ul": "ul", "ol": "ol", "li": "li", "blockquote": "quote", "table": "table",
          "tr": "tr", "th": "th", "td": "td", "h1": "p", "h2": "p", "h3": "p", "h4": "p"}
INLINE = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "code": "code", "sub": "sub",
          "sup": "sup", "a": "link", "del": "strike", "s": "strike"}
VOID = {"br", "hr", "img", "input"}
# Text with none of these characters and no block marker at its start renders as itself:
# it can skip Markdown, which is most of the time a build spends on the PDFs' data.
MARKDOWN_SYNTAX = re.compile(r"[*_`~^\[\]<>&\\#|{}!\n]|^\s*(?:[-+>]|\d+[.)])\s|^\s|\s$|\s\s")
FENCE_INFO = re.compile(r"^[ \t]*(?:```|~~~)[ \t]*\{?[ \t]*\.?([A-Za-z0-9_+-]*)", re.M)


class _TreeBuilder(HTMLParser):
    def __init__(self, code_languages: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict[str, Any] = {"t": "root", "c": []}
        self.stack: list[dict[str, Any]] = [self.root]
        self.code_depth = 0  # inside a highlighted code block: collect text only
        self.languages = iter(code_languages)

    @property
    def top(self) -> dict[str, Any]:
        return self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if self.code_depth:
            if tag not in VOID:
                self.code_depth += 1
            return
        if tag == "div" and "highlight" in classes:
            node = {"t": "codeblock", "lang": next(self.languages, ""), "text": ""}
            self.top["c"].append(node)
            self.stack.append(node)
            self.code_depth = 1
            return
        if tag == "br":
            self.top["c"].append({"t": "br"})
            return
        if tag in VOID:
            return
        kind = BLOCKS.get(tag) or INLINE.get(tag)
        node: dict[str, Any] = {"t": kind or "span", "c": []}
        if tag == "p" and "formula" in classes:
            node["t"] = "formula"
        if tag == "a":
            node["href"] = found.get("href") or ""
        if tag == "ol" and (found.get("start") or "").isdigit():
            node["start"] = int(found["start"] or 1)
        self.top["c"].append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if self.code_depth:
            self.code_depth -= 1
            if self.code_depth == 0:
                block = self.stack.pop()
                block["text"] = block["text"].strip("\n")
            return
        if tag in VOID or len(self.stack) == 1:
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.code_depth:
            self.top["text"] += data
        elif data.strip() or self.top["t"] not in {"root", "ul", "ol", "table", "tr", "quote", "li"}:
            self.top["c"].append(data)


def _simplify(node: Node) -> Node:
    """Drop wrapper spans and whitespace between blocks; merge neighbouring strings."""
    if isinstance(node, str) or "c" not in node:
        return node
    children: list[Node] = []
    container = node["t"] in {"root", "ul", "ol", "table", "tr", "quote"}
    for child in node["c"]:
        if container and isinstance(child, str) and not child.strip():
            continue
        child = _simplify(child)
        parts = child["c"] if isinstance(child, dict) and child.get("t") == "span" else [child]
        for part in parts:
            if isinstance(part, str) and children and isinstance(children[-1], str):
                children[-1] += part
            else:
                children.append(part)
    return {**node, "c": children}


def _tree(html: str, markdown_source: str) -> list[Node]:
    builder = _TreeBuilder(FENCE_INFO.findall(markdown_source))
    builder.feed(html)
    builder.close()
    root = _simplify(builder.root)
    assert isinstance(root, dict)
    return [c for c in root["c"] if not (isinstance(c, str) and not c.strip())]


# Conversions made in other processes (`convert`, then `prime`): a build splits the bank's
# Markdown between its worker processes instead of converting it all in one.
_primed: dict[tuple[bool, str], list[Node]] = {}


def needs_markdown(markdown_text: str) -> bool:
    return bool(MARKDOWN_SYNTAX.search(markdown_text))


def _converted(block: bool, markdown_text: str) -> list[Node]:
    """Nodes for a text that needs Markdown: primed from another process, or converted here."""
    primed = _primed.get((block, markdown_text))
    if primed is not None:
        return primed
    return _tree((to_html if block else inline_html)(markdown_text), markdown_text)


@lru_cache(maxsize=4096)
def blocks(markdown_text: str) -> list[Node]:
    """A Markdown field (answer, example, pitfall, FAQ answer) as block nodes."""
    if not needs_markdown(markdown_text):
        return [{"t": "p", "c": [markdown_text]}]
    return _converted(True, markdown_text)


@lru_cache(maxsize=16384)
def inline(markdown_text: str) -> list[Node]:
    """A one-line field (question, title, follow-up) as inline nodes."""
    if not needs_markdown(markdown_text):
        return [markdown_text]
    return _converted(False, markdown_text)


def convert(texts: list[tuple[bool, str]]) -> dict[tuple[bool, str], list[Node]]:
    """Each (is a block field, text) as nodes, converted in this process."""
    return {(block, text): (blocks if block else inline)(text) for block, text in texts}


def prime(converted: dict[tuple[bool, str], list[Node]]) -> None:
    """Use conversions made elsewhere (by `convert`, in other processes) from now on, in
    place of the ones primed before."""
    _primed.clear()
    _primed.update(converted)


def plain_text(nodes: list[Node]) -> str:
    """The text a reader sees, for bookmarks and document metadata."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.get("t") == "codeblock":
            out.append(node["text"])
        elif node.get("t") == "br":
            out.append(" ")
        else:
            out.append(plain_text(node.get("c", [])))
    return "".join(out)
