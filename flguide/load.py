"""Stage 1: read the bank's YAML safely and remember where every value came from.

Owns the byte and syntax level: encoding, size, YAML syntax, duplicate keys, anchors and
tags. Returns plain Python data plus a map from field path to (line, column), which the
validator uses to point at the exact spot of each mistake.
"""

from __future__ import annotations

import gc
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import BankError, Problem

# A guard against hostile input, documented in content/README.md: about 700 questions of
# today's average length. Bigger banks (the benchmark's) set FLGUIDE_MAX_BANK_BYTES.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
MAX_BYTES = int(os.environ.get("FLGUIDE_MAX_BANK_BYTES", DEFAULT_MAX_BYTES))
# libyaml's parser is ~30x faster than PyYAML's pure-Python one and reports the same marks.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Loaded:
    data: Any
    marks: dict[Path_, tuple[int, int]]
    file: str
    # The last line of each entry of a top-level list (a question, a topic...): where its
    # source ends, for links to an entry's lines.
    last_lines: dict[Path_, int] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the deepest known node on `path` (a missing field points at its parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (1, 1)


def format_path(path: Path_) -> str:
    """`questions[3].references[0].url`; odd keys are quoted so the path stays one token."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][\w-]*", str(part)):
            out += f".{part}" if out else str(part)
        else:
            out += "[" + json.dumps(str(part)).replace(" ", "\\u0020") + "]"
    return out or "(document)"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:g} MB"


def load_bank(path: Path, display_name: str | None = None) -> Loaded:
    name = display_name or str(path)
    raw = path.read_bytes()
    return parse_bank(raw, name)


def parse_bank(raw: bytes, name: str) -> Loaded:
    def fail(line: int, col: int, message: str) -> BankError:
        return BankError([Problem(name, line, col, "(document)", message)])

    if len(raw) > MAX_BYTES:
        raise fail(1, 1, f"file is {len(raw):,} bytes; the limit is {_megabytes(MAX_BYTES)} ({MAX_BYTES:,} bytes; "
                         "FLGUIDE_MAX_BANK_BYTES raises it)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail(1, 1, "file starts with a UTF-8 byte-order mark; save it without one")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(line, col, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}") from None
    if "\x00" in text:
        before = text[: text.index("\x00")]
        raise fail(before.count("\n") + 1, len(before) - before.rfind("\n"), "NUL character in file")

    with gc_paused():
        return _parse_text(text, fail, name)


@contextmanager
def gc_paused() -> Iterator[None]:
    # Parsing allocates one object per node and mark and frees almost none of them: the
    # cyclic collector would rescan the growing graph again and again (half the time at
    # 5,000 questions) and find nothing. It only pauses; it collects as usual afterwards.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_text(text: str, fail: Callable[[int, int, str], BankError], name: str) -> Loaded:
    try:
        node = yaml.compose(text, Loader=_BankLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [exc.context, exc.problem])) or "YAML syntax error"
        raise fail(line, col, f"YAML syntax error: {message}") from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise fail(line, col, f"character {exc.character!r} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise fail(1, 1, f"YAML error: {exc}") from None

    if node is None:
        raise fail(1, 1, "file is empty")
    marks: dict[Path_, tuple[int, int]] = {}
    problems: list[Problem] = []
    source = _Source(name, text)
    data = _to_python(node, (), marks, problems, source)
    if problems:
        raise BankError(problems)
    return Loaded(data=data, marks=marks, file=name, last_lines=source.last_lines)


# The standard tags that plain YAML resolves to; anything else (custom or Python tags) is a
# code path the bank does not need.
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


_scalars = yaml.SafeLoader("")
STR_TAG = "tag:yaml.org,2002:str"


class _BankLoader(YAML_LOADER):  # type: ignore[misc, valid-type]
    """libyaml's loader with a shortcut in tag resolution, which it calls back into Python
    for every scalar: a quoted scalar, or a plain one whose first character starts no
    implicit type (int, float, bool, null, timestamp...), is a string, exactly as the full
    lookup would decide."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and not self.yaml_path_resolvers and (
            not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers)
        ):
            return STR_TAG
        return super().resolve(kind, value, implicit)


def _scalar(node: yaml.ScalarNode) -> Any:
    # Nearly every scalar in the bank is a string, whose value the composer already holds;
    # the general constructor costs more than the rest of the walk together.
    if node.tag == STR_TAG:
        return node.value
    return _scalars.construct_object(node)


class _Refused(Exception):
    """Raised from inside the walk: one message is enough (a bomb has thousands of aliases)."""


# Characters that make text display differently from what it is, or not at all: a reviewer
# reading the YAML in a pull request would see one thing and readers another ("Trojan
# Source"). YAML refuses most controls written raw, but its escapes ("\0", "\x9b") and the
# printable-but-invisible ones below pass, so every string is checked.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline, DEL, C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # direction marks, overrides, isolates
    "\u180e\u200b-\u200d\u2060-\u2064\ufeff]"  # zero-width characters, BOM
)


def _hidden_kind(char: str) -> str:
    point = ord(char)
    if point < 0x20 or point == 0x7F:
        return "a control character"
    if point <= 0x9F:
        return "a C1 control character"
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return "a bidirectional override or isolate, which makes text display in another order than it is"
    if point == 0xFEFF:
        return "a byte-order mark inside text"
    if point in (0x200E, 0x200F, 0x061C):
        return "an invisible direction mark"
    return "an invisible zero-width character"


def hidden_character_message(char: str) -> str:
    name = unicodedata.name(char, "")
    label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return f"{label} is not allowed in text: {_hidden_kind(char)} (see content/README.md)"


@dataclass(frozen=True)
class _Source:
    name: str
    text: str
    last_lines: dict[Path_, int] = field(default_factory=dict)

    @property
    def has_hidden(self) -> bool:
        return HIDDEN.search(self.text) is not None


def _hidden_problem(node: yaml.ScalarNode, value: str, path: Path_, source: _Source) -> Problem | None:
    """The first hidden character in a string, located where it stands in the file when it
    is written there as itself (an escape such as "\0" points at its scalar)."""
    found = HIDDEN.search(value)
    if not found:
        return None
    start, end = node.start_mark.index, node.end_mark.index
    raw = source.text.find(found[0], start, end)
    if raw < 0:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
    else:
        line = source.text.count("\n", 0, raw) + 1
        col = raw - (source.text.rfind("\n", 0, raw) + 1) + 1
    return Problem(source.name, line, col, format_path(path), hidden_character_message(found[0]))


def _to_python(node: yaml.Node, path: Path_, marks: dict, problems: list[Problem], source: _Source,
               seen: set[int] | None = None, scan_all: bool | None = None) -> Any:
    name = source.name
    if seen is None:
        try:
            return _to_python(node, path, marks, problems, source, set(), source.has_hidden)
        except _Refused:
            return None
    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    # An alias is the same node object met twice: aliases make "billion laughs" documents
    # possible, so they are refused before anything is expanded.
    if id(node) in seen:
        problems.append(Problem(name, *where, "(document)", "YAML anchors and aliases are not allowed"))
        raise _Refused
    seen.add(id(node))
    if node.tag not in PLAIN_TAGS:
        problems.append(Problem(name, *where, "(document)", f"YAML tag {node.tag!r} is not allowed"))
        raise _Refused
    marks[path] = where
    if len(path) == 2:
        # A block entry's end mark is where the next token starts (0-based line): when only
        # indentation precedes it, the entry ended on the line before (1-based: end.line).
        end = node.end_mark
        before = source.text[source.text.rfind("\n", 0, end.index) + 1 : end.index]
        source.last_lines[path] = end.line + (1 if before.strip() else 0)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            try:
                key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            except (yaml.constructor.ConstructorError, ValueError):
                key = None  # a key YAML reads as something else, such as "=" (the value tag)
            if not isinstance(key, str):
                problems.append(Problem(name, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        format_path(path), "mapping keys must be plain strings"))
                continue
            if key in out:
                problems.append(Problem(name, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        format_path(path + (key,)), f"duplicate key {key!r}"))
                continue
            out[key] = _to_python(value_node, path + (key,), marks, problems, source, seen, scan_all)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(child, path + (i,), marks, problems, source, seen, scan_all)
                for i, child in enumerate(node.value)]
    try:
        value = _scalar(node)
    except (yaml.constructor.ConstructorError, ValueError) as exc:
        problems.append(Problem(name, node.start_mark.line + 1, node.start_mark.column + 1,
                                format_path(path), f"bad value: {exc}"))
        return None
    # Only a double-quoted scalar can spell a character by escape; any other scalar can hold
    # one only if the file itself does.
    if isinstance(value, str) and (scan_all or node.style == '"'):
        hidden = _hidden_problem(node, value, path, source)
        if hidden:
            problems.append(hidden)
    return value
