"""`curriculum check --format text|json|github`: stable, machine-readable, and no value can forge a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curriculum.cli import main
from curriculum.diagnostics import Diagnostic, to_github, to_json


def _break(project: Path) -> None:
    quiz = project / "quizzes/alpha.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("type: single", "type: singel"), encoding="utf-8")
    (project / "modules/alpha/index.en.md~").write_text("a backup\n", encoding="utf-8")


def test_json_is_a_list_of_objects_with_stable_keys(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(project)
    assert main(["check", "--root", str(project), "--format", "json"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert {tuple(sorted(i)) for i in items} == {("code", "col", "help", "line", "message", "name", "path",
                                                  "severity")}
    assert {(i["code"], i["severity"], i["path"], i["line"]) for i in items} >= {
        ("CUR104", "error", "quizzes/alpha.yml", 8), ("CUR310", "info", "modules/alpha/index.en.md~", 1)}


def test_github_annotations_one_per_diagnostic(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(project)
    assert main(["check", "--root", str(project), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::error file=quizzes/alpha.yml,line=8,col=11,title=CUR104 invalid-value::`type` ")
               and line.endswith("found `singel`%0Ahelp: did you mean `single`?") for line in lines)
    assert any(line.startswith("::notice file=modules/alpha/index.en.md~,line=1,col=1,title=CUR310 file-left-out::")
               for line in lines)
    assert all(line.startswith("::") for line in lines)


def test_github_values_cannot_end_a_command_or_start_another() -> None:
    d = Diagnostic("a,b:c.yml", 3, 4, "CUR104", "100% bad\n::error file=x::forged\r", "fix:\nit")
    [line] = to_github([d]).splitlines()
    assert line == ("::error file=a%2Cb%3Ac.yml,line=3,col=4,title=CUR104 invalid-value::100%25 bad\\n::error "
                    "file=x::forged\\r%0Ahelp: fix:\\nit")


def test_a_clean_project_prints_nothing_in_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(project), "--format", "github"]) == 0
    assert capsys.readouterr().out == ""


# Terminal escapes in a file name or a value (the hostile re-test of issue 10): shown, never sent raw.
HOSTILE = "bad\x1b]0;pwned\x07\x1b[2J\x9b31m\u202etxt.md\x7f"


def test_github_format_shows_controls_as_escapes() -> None:
    d = Diagnostic(f"modules/{HOSTILE}", 1, 1, "CUR310", f"`{HOSTILE}` is left out", f"rename {HOSTILE}")
    out = to_github([d])
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\x7f"):
        assert raw not in out
    assert "bad\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202etxt.md\\x7f" in out
    assert out.count("\n") == 0


def test_json_format_escapes_c1_and_bidi_controls_and_keeps_the_data() -> None:
    d = Diagnostic(f"modules/{HOSTILE}", 1, 1, "CUR310", f"`{HOSTILE}` é \u2028 is left out", "")
    out = to_json([d])
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\x7f", "\u2028"):
        assert raw not in out
    assert "\\u009b" in out and "\\u202e" in out and "é" in out
    assert json.loads(out) == [d.to_json()]
