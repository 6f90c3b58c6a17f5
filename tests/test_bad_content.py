"""Hostile and broken banks: every case gives one located message, exit 1, no traceback,
and nothing written. Plus a Hypothesis fuzz of the loader and validator."""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from flguide.errors import BankError
from flguide.load import parse_bank
from flguide.model import Bank
from flguide.validate import validate

sys.path.insert(0, str(ROOT / "scripts"))
import build_pages

CORPUS = sorted((ROOT / "tests" / "bad_content").glob("*.yaml"))
EXPECT = re.compile(rb"# expect: line (\d+), field (\S+)")
MESSAGE = re.compile(r"^(?P<file>\S+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<field>\S+): (?P<message>.+)$")


def run_cli(bank: Path, docs: Path, capsys) -> tuple[int, list[str]]:
    code = build_pages.main(["--bank", str(bank), "--out", str(docs)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if MESSAGE.match(line)]


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("case", CORPUS, ids=[c.stem for c in CORPUS])
def test_bad_bank_is_reported_and_nothing_is_written(case, tmp_path, capsys):
    line, field = EXPECT.search(case.read_bytes()).groups()
    docs = tmp_path / "docs"
    code, messages = run_cli(case, docs, capsys)
    assert code == 1
    assert messages, "expected at least one file:line:col: field: message line"
    first = MESSAGE.match(messages[0])
    assert first["file"].endswith(case.name)
    assert (first["line"], first["field"]) == (line.decode(), field.decode())
    assert not docs.exists()


def test_ten_megabyte_bank_is_refused_before_parsing(tmp_path, capsys):
    huge = tmp_path / "huge.yaml"
    huge.write_text("topics: []\n" + "# padding\n" * 1_100_000)
    assert huge.stat().st_size > 10_000_000
    code, messages = run_cli(huge, tmp_path / "docs", capsys)
    assert code == 1 and len(messages) == 1 and "limit" in messages[0]


HIDDEN_CASES = {"38-nul-as-escape": "U+0000", "39-c1-control-as-escape": "U+009B", "40-bidi-override": "U+202E",
                "41-bidi-isolate": "U+2067", "42-zero-width-space": "U+200B", "43-bom-inside-text": "U+FEFF"}


@pytest.mark.parametrize("stem,code_point", HIDDEN_CASES.items())
def test_hidden_characters_are_named_by_code_point_in_one_message(stem, code_point, tmp_path, capsys):
    code, messages = run_cli(ROOT / "tests" / "bad_content" / f"{stem}.yaml", tmp_path / "docs", capsys)
    assert code == 1 and len(messages) == 1, messages
    assert f": {code_point} " in messages[0] and "not allowed" in messages[0]


def test_every_hidden_character_class_is_refused_and_ordinary_text_is_not():
    from flguide.load import HIDDEN

    refused = ["\x00", "\x07", "\x0d", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069",
               "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u061c"]
    assert all(HIDDEN.fullmatch(c) for c in refused)
    allowed = "\t\n Σ∇‖εδμσ≤≥≈→ αβγ ü ñ ø — “quotes” ½ x² \u00a0 עברית العربية 中文"
    assert HIDDEN.search(allowed) is None


def test_the_documented_size_limit_is_the_enforced_one(tmp_path, capsys):
    from flguide.load import DEFAULT_MAX_BYTES, MAX_BYTES

    documented = re.search(r"at most (\d+) MB", (ROOT / "content" / "README.md").read_text(encoding="utf-8"))
    assert documented and int(documented[1]) * 2**20 == DEFAULT_MAX_BYTES == MAX_BYTES
    over = tmp_path / "over.yaml"
    over.write_bytes(b"topics: []\n" + b"# padding to one byte past the limit\n" * (MAX_BYTES // 37 + 1))
    assert over.stat().st_size > MAX_BYTES
    code, messages = run_cli(over, tmp_path / "docs", capsys)
    assert code == 1 and len(messages) == 1
    assert f"the limit is {documented[1]} MB" in messages[0]
    assert not (tmp_path / "docs").exists()


def test_alias_bomb_is_refused_quickly():
    bomb = next(c for c in CORPUS if "alias-bomb" in c.name).read_bytes()
    with pytest.raises(BankError) as info:
        parse_bank(bomb, "bomb.yaml")
    assert len(info.value.problems) == 1


VALID = yaml.safe_load((ROOT / "tests" / "fixtures" / "small.yaml").read_text())
text = st.text(alphabet=string.printable + "αβε∑‖\u00a0", max_size=40)
scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), text)
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(text, inner, max_size=3)), max_leaves=8)


def _mutate(data, path, new):
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = new
    return data


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(VALID) if p]


def _outcome(raw: bytes) -> None:
    try:
        bank = validate(parse_bank(raw, "fuzz.yaml"))
    except BankError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert MESSAGE.match(str(problem)), str(problem)
    else:
        assert isinstance(bank, Bank)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), value)
def test_fuzz_structural_mutations_end_in_a_model_or_a_clean_error(path, new):
    import copy

    data = _mutate(copy.deepcopy(VALID), path, new)
    _outcome(yaml.safe_dump(data, allow_unicode=True).encode())


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_raw_bytes_end_in_a_model_or_a_clean_error(raw):
    _outcome(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=":-[]{}&*!|>'\"%@`#,? \n\tab1", max_size=120))
def test_fuzz_yaml_punctuation_ends_in_a_model_or_a_clean_error(source):
    _outcome(source.encode())


SCALARS = ["hello", "Über", "yes", "No", "ON", "off", "true", "False", "~", "null", "", "1", "-1", "+1",
           "1e3", "1.5", ".inf", "-.Inf", ".nan", "0x1F", "0o17", "1_000", "2020-01-01", "2020-01-01 10:00:00",
           "<<", "=", "'quoted 1'", '"yes"', "y", "n", "Yes please", "10 clients", "-", "- x", "*", "!"]


@given(st.one_of(st.sampled_from(SCALARS), st.text(alphabet=string.printable.replace("\x0b", "").replace("\x0c", ""),
                                                   max_size=12)))
@settings(max_examples=300, deadline=None)
def test_fast_tag_resolution_agrees_with_pyyaml(scalar):
    """The loader's shortcut must give every scalar the type PyYAML's full lookup gives it.

    The reference is the same libyaml parser without the shortcut: PyYAML's pure-Python
    parser accepts a few documents libyaml refuses (`[?:0]`), which is not the point here."""
    from flguide.load import YAML_LOADER, _BankLoader  # the private loader is the thing under test

    document = f"a: {scalar}\nb: [{scalar}]\n"
    try:
        expected = yaml.compose(document, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return  # not a valid document either way; the syntax tests cover errors
    actual = yaml.compose(document, Loader=_BankLoader)

    def tags(node):
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value)
        if isinstance(node, yaml.SequenceNode):
            return [tags(n) for n in node.value]
        return [(tags(k), tags(v)) for k, v in node.value]

    assert tags(actual) == tags(expected)
