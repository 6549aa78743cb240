"""Awkward and hostile YAML: always diagnostics, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.diagnostics import Diagnostics
from curriculum.loader import load_catalog
from curriculum.yamlsource import load_yaml, parse_yaml

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def codes_of(text: str) -> list[str]:
    diags = Diagnostics()
    parse_yaml(text, "x.yml", diags)
    return [d.code for d in diags]


@pytest.mark.parametrize(("text", "code"), [
    (BILLION_LAUGHS, "CUR004"),
    ("a: " + "[" * 200 + "]" * 200, "CUR004"),
    ("a:\n\tb: 1\n", "CUR001"),
    ("a: 1\na: 2\n", "CUR003"),
    ("a: [1, 2\n", "CUR001"),
    ("&a [*a]", "CUR004"),
    ("a: \x07\n", "CUR002"),
])
def test_hostile_yaml_becomes_a_diagnostic(text: str, code: str) -> None:
    assert code in codes_of(text)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfid: alpha\r\ntitle:\r\n  en: A\r\n  es: B\r\n")
    diags = Diagnostics()
    node = load_yaml(path, "x.yml", diags)
    assert list(diags) == [] and node is not None and node.key_pos["title"] == (2, 1) and node.value["title"].line == 3


def test_binary_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"id: a\x00\x01\x02")
    diags = Diagnostics()
    assert load_yaml(path, "x.yml", diags) is None
    assert [d.code for d in diags] == ["CUR002"]


def test_norway_problem_gets_a_hint(project: Path) -> None:
    quiz = project / "quizzes/alpha.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("es: Captación", "es: no"), encoding="utf-8")
    _, diags = load_catalog(project)
    [d] = [d for d in diags if d.code == "CUR102"]
    assert d.line == 18 and "quote" in d.help


def test_empty_and_wrong_shaped_files(project: Path) -> None:
    (project / "quizzes/alpha.yml").write_text("", encoding="utf-8")
    (project / "tracks/basic.yml").write_text("- just\n- a list\n", encoding="utf-8")
    _, diags = load_catalog(project)
    found = {d.code for d in diags}
    assert "CUR102" in found  # each file says what is wrong with it ...
    assert not found & {"CUR202", "CUR208"}  # ... and nothing claims that the files do not exist
