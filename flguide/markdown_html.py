"""Markdown → HTML for the outputs that MkDocs does not build (quiz data, PDFs, decks).

Owns two things: the extension list, read from `mkdocs.yml` so that every output renders
an answer the same way as the site; and `literal`, which makes author text show exactly as
typed (raw HTML is shown, never interpreted).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import markdown
import yaml

# The project's MkDocs configuration, relative to the working directory (the project); the
# plugin points it at the configuration MkDocs loaded.
SITE_CONFIG = Path("mkdocs.yml")
FENCE_LINE = re.compile(r"^[ \t]*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def literal(text: str) -> str:
    """Escape `&` and `<` outside code, so Markdown shows them instead of reading HTML."""
    if "&" not in text and "<" not in text:
        return text  # nothing to escape: most strings in the bank
    out: list[str] = []
    in_fence = False
    for line in text.splitlines(keepends=True):
        if FENCE_LINE.match(line):
            in_fence = not in_fence
            out.append(line)
        elif in_fence:
            out.append(line)
        else:
            out.append(_escape_outside_code_spans(line))
    return "".join(out)


def _escape_outside_code_spans(line: str) -> str:
    pieces, last = [], 0
    for match in CODE_SPAN.finditer(line):
        pieces.append(_escape(line[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_escape(line[last:]))
    return "".join(pieces)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving `!ENV [NAME, default]` from the environment as MkDocs does."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *keys, default = names if len(names) > 1 else (*names, None)
    for key in keys:
        if os.environ.get(str(key)):
            return os.environ[str(key)]
    return default


_ConfigLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict:
    """A MkDocs configuration file as plain data (for the builders that do not load it)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def use_site_config(path: Path) -> None:
    """Render with the Markdown extensions of the MkDocs configuration at `path`."""
    global SITE_CONFIG
    if path.resolve() != SITE_CONFIG.resolve():
        SITE_CONFIG = path
        site_extensions.cache_clear()
        _converter.cache_clear()


@lru_cache(maxsize=1)
def site_extensions() -> tuple[list, dict]:
    config = read_config(SITE_CONFIG)
    names, configs = [], {}
    for entry in config.get("markdown_extensions", []):
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # Building a Markdown instance with every extension costs far more than a conversion;
    # one instance, reset between documents, keeps rendering linear and cheap.
    names, configs = site_extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)


def to_html(text: str) -> str:
    """Render author Markdown to an HTML fragment, with the author's text made literal."""
    converter = _converter()
    try:
        return converter.convert(literal(text))
    finally:
        converter.reset()


def inline_html(text: str) -> str:
    """Render a one-line string (a question, a follow-up) without the wrapping <p>."""
    html = to_html(text).strip()
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html
