"""Every diagnostic code: a failing input, its location and its message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from curriculum.codes import CODES
from curriculum.diagnostics import Diagnostic
from curriculum.loader import load_catalog
from tests.conftest import run_cli
from tests.sample_project import MODULE_YML, QUIZ_YML

Mutation = Callable[[Path], None]


def replace(rel: str, old: str, new: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return apply


def write(rel: str, content: str | bytes) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return apply


def delete(rel: str) -> Mutation:
    return lambda root: (root / rel).unlink()


Q, M, B = "quizzes/alpha.yml", "modules/alpha/module.yml", "bibliography/sources.yml"


def exam_drawing(objective: str, count: int) -> Mutation:
    """The sample track with an exam drawing ``count`` questions of ``objective`` (the draw is on line 17)."""
    return append("tracks/basic.yml", "assessments:\n  exam:\n    title: {en: Exam, es: Examen}\n    pass_mark: 80\n"
                  f"    draw:\n      - {{objective: {objective}, count: {count}}}\n")


def append(rel: str, text: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply
UNUSED_ENTRY = ("  - key: unused-report\n    type: report\n    author: UNODC\n    title: Unused report\n"
                "    date: 2020\n    checked: 2026-11-01\n")

# code, mutation, expected path, expected line, words the message must contain
CASES: list[tuple[str, Mutation, str, int, str]] = [
    ("CUR001", replace(Q, "en: Which is an act under", "en: Which is an act: under"), Q, 11, "invalid YAML"),
    ("CUR002", write(Q, b"id: alpha\n\xff\xfe bad\n"), Q, 2, "not valid UTF-8"),
    ("CUR003", replace(M, "order: 1\n", "order: 1\norder: 2\n"), M, 3, "duplicate key `order`"),
    ("CUR004", write(Q, "a: " + "[" * 100 + "]" * 100 + "\n"), Q, 1, "nested more than"),
    ("CUR005", write("modules/reference/huge.en.md", "x" * 2_000_001), "modules/reference/huge.en.md", 1,
     "larger than 2,000,000 bytes"),
    ("CUR101", replace(Q, "    prompt:\n      en: Which is", "    promt:\n      en: Which is"), Q, 10, "did you mean"),
    ("CUR102", replace(M, "duration_minutes: 60", "duration_minutes: ninety"), M, 10, "whole number"),
    ("CUR103", replace(Q, '    source: "@palermo, art. 3(a)"\n  - id: purposes',
                       "  - id: purposes"), Q, 7, "missing required key `source`"),
    ("CUR104", replace(Q, "type: single", "type: single-choice"), Q, 8, "must be one of"),
    ("CUR201", replace(Q, "- id: deception", "- id: recruitment"), Q, 22, "duplicate choice id"),
    ("CUR202", replace(M, "quiz: alpha", "quiz: alphaa"), M, 12, "quizzes/alphaa.yml does not exist"),
    ("CUR203", write("quizzes/orphan.yml", QUIZ_YML.replace("id: alpha", "id: orphan")), "quizzes/orphan.yml", 1,
     "used by no module"),
    ("CUR204", replace(Q, "objective: know-act", "objective: know-acts"), Q, 9, "does not define"),
    ("CUR205", replace(Q, "objective: know-act", "objective: know-purpose"), M, 15, "assessed by no question"),
    ("CUR206", replace(M, "id: alpha", "id: beta"), M, 1, "does not match its folder"),
    ("CUR207", write("modules/beta/module.yml", MODULE_YML.replace("id: alpha", "id: beta")),
     "modules/beta/module.yml", 12, "also used by another module"),
    ("CUR208", replace("tracks/basic.yml", "module: alpha", "module: alphx"), "tracks/basic.yml", 10,
     "names module `alphx`"),
    ("CUR209", exam_drawing("beta/know-act", 1), "tracks/basic.yml", 17, "`beta` is no module"),
    ("CUR210", exam_drawing("alpha/know-acts", 1), "tracks/basic.yml", 17, "defines no objective `know-acts`"),
    ("CUR301", replace(Q, "      es: ¿Cuál es una acción conforme al Protocolo?\n", ""), Q, 11, "no Spanish text"),
    ("CUR302", delete("modules/alpha/index.es.md"), M, 1, "has no es page"),
    ("CUR303", replace("modules/alpha/index.es.md", " {#ex-sort}", ""), "modules/alpha/index.es.md", 1,
     "exercise `ex-sort`"),
    ("CUR304", replace("locales/en.yml", "agenda: Agenda\n", "agenda: Agenda\nextra_key: Extra\n"), "locales/es.yml", 1,
     "`extra_key` is missing"),
    ("CUR305", replace("modules/alpha/index.en.md", "## The lesson", "# Alpha\n\n## The lesson"),
     "modules/alpha/index.en.md", 1, "own H1"),
    ("CUR306", replace("modules/alpha/index.en.md", "<!-- /facilitator -->", ""), "modules/alpha/index.en.md", 13,
     "never closed"),
    ("CUR307", replace("modules/alpha/index.es.md", "Clasifiquen los casos.",
                       "Vean el [glosario](../reference/glossary.md#term-trata)."), "modules/alpha/index.es.md", 11,
     "no anchor `#term-trata`"),
    ("CUR308", replace(M, '"@palermo, art. 3"', '"@palermo, arts. 3 and 5"'), M, 31, "English words (and)"),
    ("CUR309", replace("modules/alpha/index.en.md", "Sort the cases.", "Sort the cases.\n<!-- Facilitator -->"),
     "modules/alpha/index.en.md", 12, "looks like a region marker"),
    ("CUR310", write("modules/alpha/index.en.md~", "a backup\n"), "modules/alpha/index.en.md~", 1,
     "left out of the site"),
    ("CUR311", lambda root: (root / "modules/answers").symlink_to(root / "quizzes", target_is_directory=True),
     "modules/answers", 1, "outside the docs folder"),
    ("CUR312", replace("modules/alpha/index.en.md", "Sort the cases.", 'Sort the <b onclick="x()">cases</b>.'),
     "modules/alpha/index.en.md", 11, "event handler `onclick`"),
    ("CUR313", replace("modules/alpha/index.en.md", "Sort the cases.", "![x](https://t.example.net/p.gif)"),
     "modules/alpha/index.en.md", 11, "loaded from elsewhere"),
    ("CUR314", replace(Q, "es: ¿Cuál es una acción conforme al Protocolo?",
                       'es: ¿Cuál es una "acción" conforme al Protocolo?'), Q, 12, "in Spanish text: use «…»"),
    ("CUR401", replace(Q, "        correct: true\n        text:\n          en: Recruitment",
                       "        text:\n          en: Recruitment"), Q, 14, "no correct choice"),
    ("CUR402", replace(Q, "      - id: deception\n", "      - id: deception\n        correct: true\n"), Q, 14,
     "2 correct choices"),
    ("CUR403", replace(Q, "      - id: deception\n        text:\n          en: Deception\n          es: Engaño\n"
                          "        feedback:\n          en: No, deception is a means.\n"
                          "          es: No, el engaño es un medio.\n", ""), Q, 14, "1 choice(s)"),
    ("CUR404", exam_drawing("alpha/know-act", 2), "tracks/basic.yml", 17, "whose pool has 1"),
    ("CUR405", append("tracks/basic.yml", "assessments:\n  pre_post:\n    title: {en: Basic, es: Básica}\n"
                                          "    draw: per_objective 1\n"), "tracks/basic.yml", 15,
     "objective `alpha/know-act` needs 1 more question(s)"),
    ("CUR501", replace(Q, "en: Which is an act under the Protocol?", 'en: "Which is an act\\x07 under the Protocol?"'),
     Q, 10, "XML cannot carry"),
    ("CUR502", lambda root: None, Q, 96, "cannot be written in GIFT"),   # the sample quiz's ordering question
    ("CUR601", replace("modules/alpha/index.en.md", "Sort the cases.", "Never a child prostitute."),
     "modules/alpha/index.en.md", 11, "use “child victim of sexual exploitation”"),
    ("CUR701", replace("curriculum.yml", "recommendations:\n",
                       "recommendations:\n  - number: 2\n    text: {en: Second., es: Segunda.}\n"),
     "curriculum.yml", 2, "served by no module"),
    ("CUR702", replace(M, "date: 2026-10-15", "date: pending"), M, 33, "`us-legal` (U.S. legal review) of module "
     "`alpha` is still pending"),
    ("CUR801", replace(Q, '"@palermo, art. 3(c)"', '"@palermos, art. 3(c)"'), Q, 68, "did you mean `@palermo`?"),
    ("CUR802", replace(B, "    checked: 2026-11-01\n", "    checked: 2026-11-01\n" + UNUSED_ENTRY), B, 14,
     "`unused-report` is cited nowhere"),
    ("CUR803", replace(B, "    url: https://www.ohchr.org/", "    note: no address\n    rl: https://www.ohchr.org/"),
     B, 2, "does not state its url"),
    ("CUR804", replace(B, "    checked: 2026-11-01\n", "    checked: 2026-11-01\n" + UNUSED_ENTRY.replace(
        "key: unused-report", "key: palermo")), B, 14, "stated twice"),
    ("CUR805", replace(Q, '"@palermo, art. 3(c)"', "Palermo Protocol, art. 3(c)"), Q, 68, "`@palermo`"),
    ("CUR806", replace("modules/alpha/index.en.md", "Sort the cases.",
                       "Sort the cases (seed 001_1fc763367e951b33.txt)."), "modules/alpha/index.en.md", 11,
     "source document"),
]


RELEASE_ONLY = {"CUR702"}  # reported by `curriculum check --release` (load_catalog(..., release=True)) only
EXPORT_ONLY = {"CUR502"}  # reported by `curriculum export` of the format (its exporter's problems()) only


def test_every_code_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(CODES)


def test_sample_project_is_clean(project: Path) -> None:
    _, diags = load_catalog(project)
    assert list(diags) == []


@pytest.mark.parametrize(("code", "mutate", "path", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_code_is_reported_at_its_place(project: Path, code: str, mutate: Mutation, path: str, line: int,
                                       words: str) -> None:
    mutate(project)
    catalog, diags = load_catalog(project, release=code in RELEASE_ONLY)
    if code in EXPORT_ONLY:
        from curriculum.export.gift import GiftExporter

        diags = GiftExporter().problems(catalog, "en")
    hits = [d for d in diags if d.code == code]
    assert hits, f"{code} not reported; got:\n" + "\n".join(d.render() for d in diags)
    assert any(d.path == path and d.line == line and words in d.message + d.help for d in hits), "\n".join(
        d.render() for d in hits)


def test_all_problems_are_reported_in_one_run(project: Path) -> None:
    replace(Q, "type: single", "type: single-choice")(project)
    replace(M, "duration_minutes: 60", "duration_minutes: ninety")(project)
    replace("tracks/basic.yml", "module: alpha", "module: alphx")(project)
    _, diags = load_catalog(project)
    assert {"CUR104", "CUR102", "CUR208"} <= {d.code for d in diags}


def test_verbatim_quotation_is_not_flagged(project: Path) -> None:
    replace("modules/alpha/index.es.md", "Clasifiquen los casos.",
            "La ley dice <!-- verbatim -->«tráfico de personas»<!-- /verbatim --> para el tráfico ilícito.")(project)
    _, diags = load_catalog(project)
    assert [d for d in diags if d.code == "CUR601"] == []
    replace("modules/alpha/index.es.md", "para el tráfico ilícito.", "y el tráfico de personas.")(project)
    _, diags = load_catalog(project)
    assert [(d.path, d.line) for d in diags if d.code == "CUR601"] == [("modules/alpha/index.es.md", 11)]


def test_diagnostic_renders_as_path_line_col_code() -> None:
    d = Diagnostic("quizzes/a.yml", 3, 7, "CUR104", "bad value", "fix it")
    assert d.render() == "quizzes/a.yml:3:7: CUR104 bad value\n  help: fix it"


def test_check_cli_exit_codes_and_output(project: Path) -> None:
    ok = run_cli("check", "--root", str(project))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "no problems" in ok.stdout
    replace(Q, "en: Which is an act under", "en: Which is an act: under")(project)
    replace(M, "duration_minutes: 60", "duration_minutes: ninety")(project)
    bad = run_cli("check", "--root", str(project))
    assert bad.returncode == 1
    assert "quizzes/alpha.yml:11:" in bad.stdout and "CUR001" in bad.stdout
    assert "modules/alpha/module.yml:10:19: CUR102" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
    as_json = run_cli("check", "--root", str(project), "--format", "json")
    assert as_json.returncode == 1 and '"code": "CUR102"' in as_json.stdout


def test_check_cli_usage_errors(tmp_path: Path) -> None:
    assert run_cli("check", "--root", str(tmp_path / "nowhere")).returncode == 2
    assert run_cli("frobnicate").returncode == 2
