"""A source that cannot be read is reported once: the checks that depend on it say nothing false about it.

Before, a YAML mistake in a quiz was followed by "quizzes/alpha.yml does not exist", one in a module by "quiz
used by no module … or delete the file", "recommendation served by no module" and "track names a module that
does not exist", and a broken bibliography by one "unknown key" per citation (issue 14, item 3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.loader import load_catalog

BROKEN_YAML = "\n  bad: [unclosed\n"


@pytest.mark.parametrize("rel", ["quizzes/alpha.yml", "modules/alpha/module.yml", "tracks/basic.yml",
                                 "bibliography/sources.yml", "glossary/terms.yml", "locales/es.yml", "curriculum.yml"])
def test_a_file_that_does_not_parse_is_reported_once(project: Path, rel: str) -> None:
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8").replace("\n", BROKEN_YAML, 1), encoding="utf-8")
    _, diags = load_catalog(project)
    assert [(d.path, d.code) for d in diags] == [(rel, "CUR001")], "\n".join(d.render() for d in diags)


def test_a_quiz_that_is_not_a_mapping_is_not_said_to_be_missing(project: Path) -> None:
    (project / "quizzes/alpha.yml").write_text("- a list, not a quiz\n", encoding="utf-8")
    _, diags = load_catalog(project)
    messages = [d.render() for d in diags]
    assert not any("does not exist" in m or "delete the file" in m for m in messages), messages
    assert any(d.path == "quizzes/alpha.yml" for d in diags)


def test_a_page_that_cannot_be_read_is_reported_once(project: Path) -> None:
    (project / "modules/alpha/index.es.md").write_bytes(b"\xff\xfe not utf-8")
    _, diags = load_catalog(project)
    assert [(d.path, d.code) for d in diags] == [("modules/alpha/index.es.md", "CUR002")]


def test_a_missing_quiz_is_still_reported(project: Path) -> None:
    (project / "quizzes/alpha.yml").unlink()
    _, diags = load_catalog(project)
    assert any(d.code == "CUR202" and "does not exist" in d.message for d in diags)
