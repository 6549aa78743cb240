"""Pools, draws, seeding, the matched pre/post forms, their checks and the class tally: in process, no build."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from curriculum import assessments
from curriculum.export import forms
from curriculum.loader import load_catalog
from curriculum.model import Catalog
from tests.assessment_project import ASSESSMENTS, write_assessment_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def real() -> Catalog:
    catalog, diags = load_catalog(ROOT)
    assert not diags.errors
    return catalog


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_assessment_project(tmp_path / "project")


def load(root: Path) -> Catalog:
    catalog, diags = load_catalog(root)
    assert list(diags) == [], "\n".join(d.render() for d in diags)
    return catalog


def test_a_pool_is_every_question_of_an_objective_pool_only_included(sample: Path) -> None:
    catalog = load(sample)
    module = catalog.module("alpha")
    assert module is not None
    act = assessments.pool(catalog, module, "know-act")
    assert [i.id for i in act] == ["alpha--which-act", "alpha--harbouring"]
    assert [i.id for i in assessments.pool(catalog, module, "know-purpose")] == [
        "alpha--purposes", "alpha--child-means", "alpha--match-elements", "alpha--order-definition"]
    quiz = catalog.quizzes["alpha"]
    assert [q.id for q in quiz.self_check] == [q.id for q in quiz.questions if q.id != "harbouring"]  # pool_only


def test_the_exam_draw_is_reproducible_per_seed_and_keeps_stable_ids(sample: Path) -> None:
    catalog = load(sample)
    track = catalog.track("basic")
    assert track is not None and track.exam is not None
    draws = {seed: [(d.ref, i.id) for d, i in assessments.exam_draw(catalog, track, track.exam, seed)]
             for seed in ("a", "b", "c", "d", "e", "f", "0", "1")}
    for seed, drawn in draws.items():
        assert drawn == [(d.ref, i.id) for d, i in assessments.exam_draw(catalog, track, track.exam, seed)]
        assert sorted(ref for ref, _ in drawn) == ["alpha/know-act", "alpha/know-purpose"]   # one per objective
        assert all(re.fullmatch(r"alpha--[a-z-]+", i) for _, i in drawn)
    assert len({tuple(d) for d in draws.values()}) > 2          # the seed changes the questions and their order
    assert {i for d in draws.values() for _, i in d} >= {"alpha--which-act", "alpha--harbouring"}


def test_pre_and_post_forms_are_matched_and_never_share_a_question(sample: Path, real: Catalog) -> None:
    catalog = load(sample)
    for cat in (catalog, real):
        for track in cat.tracks:
            assert track.pre_post is not None
            pp = assessments.forms(cat, track, track.pre_post)
            pre, post = [i.id for _, i in pp.pre], [i.id for _, i in pp.post]
            assert pre and len(pre) == len(post) and not set(pre) & set(post)
            assert [d.ref for d, _ in pp.pre] == [d.ref for d, _ in pp.post]   # the same objectives, in order
            assert assessments.forms(cat, track, track.pre_post) == pp         # fixed: the same every time


def test_every_real_track_has_an_exam_and_a_pre_post_test_from_the_real_pools(real: Catalog) -> None:
    assert sum(len(q.questions) for q in real.quizzes.values()) == 125
    for track in real.tracks:
        assert track.exam is not None and track.pre_post is not None
        assert track.exam.title.en and track.exam.title.es and track.pre_post.title.es
        objectives = [(m.id, o.id) for m in assessments.track_modules(real, track) for o in m.objectives]
        drawn = assessments.draws(real, track, track.exam)
        assert [(d.module.id, d.objective.id) for d in drawn] == objectives   # every objective of the track
        attempt = assessments.exam_draw(real, track, track.exam, "5eed")
        assert len(attempt) == len(objectives) and len({i.id for _, i in attempt}) == len(objectives)
        left_out = {d.ref for d in track.pre_post.exclude}
        for m in assessments.track_modules(real, track):   # only objectives whose pool is too small are left out
            for o in m.objectives:
                small = len(assessments.pool(real, m, o.id)) < 2
                assert (f"{m.id}/{o.id}" in left_out) == small


# the sample track's assessments start on line 12 of tracks/basic.yml


def diagnose(root: Path, text: str) -> list[tuple[str, int, str]]:
    track = root / "tracks/basic.yml"
    base = track.read_text(encoding="utf-8").split("assessments:")[0]
    track.write_text(base + text, encoding="utf-8")
    _, diags = load_catalog(root)
    return [(d.code, d.line, d.message + " " + d.help) for d in diags]


@pytest.mark.parametrize(("change", "code", "line", "words"), [
    (("time_limit_minutes: 1", "time_limit_minutes: 0"), "CUR104", 17, "`time_limit_minutes` is 0"),
    (("time_limit_minutes: 1", "time_limit_minutes: -5"), "CUR104", 17, "between 1 and 600"),
    (("attempts: 2", "attempts: 0"), "CUR104", 16, "`attempts` is 0"),
    (("show_answers: after-last-attempt", "show_answers: at-the-end"), "CUR104", 18, "after-submission"),
    (("    draw: per_objective 1\n  pre_post", "    draw: per_objective 3\n  pre_post"), "CUR404", 19,
     "draws 3 question(s) of objective `alpha/know-act`, whose pool has 2"),
    (("    draw: per_objective 1\n  pre_post", "    draw: per_objective\n  pre_post"), "CUR104", 19,
     "`per_objective <n>`"),
    (("    draw: per_objective 1\n  pre_post", "    draw:\n      - {objective: alpha, count: 1}\n  pre_post"),
     "CUR210", 20, "`<module>/<objective>`"),
    (("    draw: per_objective 1\n  pre_post", "    draw:\n      - {objective: omega/x, count: 1}\n  pre_post"),
     "CUR209", 20, "`omega` is no module"),
    (("pass_mark: 50", "pass_mark: 50\n    shuffle: true"), "CUR101", 16, "unknown key `shuffle`"),
    (("  pre_post:\n    title: {en: Basic track, es: Trayectoria básica}\n    draw: per_objective 1",
      "  pre_post:\n    title: {en: Basic track, es: Trayectoria básica}\n    draw: per_objective 2"), "CUR405", 22,
     "objective `alpha/know-act` needs 2 more question(s)"),
    (("  pre_post:\n    title: {en: Basic track, es: Trayectoria básica}\n    draw: per_objective 1",
      "  pre_post:\n    title: {en: Basic track, es: Trayectoria básica}\n    draw: {per_objective: 1, except: "
      "[alpha/know-nothing]}"), "CUR210", 22, "defines no objective `know-nothing`"),
    (("  pre_post:\n    title: {en: Basic track, es: Trayectoria básica}\n    draw: per_objective 1",
      "  pre_post:\n    title: {en: Basic track}\n    draw: per_objective 1"), "CUR301", 21, "no Spanish text"),
])
def test_assessment_problems_are_located(sample: Path, change: tuple[str, str], code: str, line: int,
                                         words: str) -> None:
    assert ASSESSMENTS.count(change[0]) == 1
    found = diagnose(sample, ASSESSMENTS.replace(*change))
    assert any(c == code and ln == line and words in text for c, ln, text in found), found


def test_a_module_not_in_the_track_is_reported(real: Catalog, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "real"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", ".git", "site*", "dist", "node_modules"))
    track = root / "tracks/ngo-volunteers.yml"
    text = track.read_text(encoding="utf-8")
    old = "    draw: per_objective 1            # one question from the pool of each of the 25 objectives"
    assert text.count(old) == 1
    text = text.replace(old, "    draw:\n      - {objective: us-law/select-federal-statute, count: 1}")
    track.write_text(text, encoding="utf-8")
    _, diags = load_catalog(root)
    hits = [d for d in diags if d.code == "CUR209"]
    assert hits and hits[0].path == "tracks/ngo-volunteers.yml" and "not in its agenda" in hits[0].message


def test_every_form_and_tally_of_the_real_tracks_in_both_languages(real: Catalog) -> None:
    for track in real.tracks:
        for lang in ("en", "es"):
            html = forms.chapter(real, track, lang)
            assert html.count('class="worksheet paper-form"') == 2 and html.count("answer-sheet") >= 2
            assert "scoring-key" in html
            forms.tally_csv(real, track, lang)


# -- the class tally -----------------------------------------------------------------------------------------


def evaluate(formula: str, cells: dict[str, float]) -> float:
    """A formula of the tally (SUM, COUNT, ranges, + - * /) evaluated over ``cells`` as a spreadsheet would."""
    def col_number(letters: str) -> int:
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - ord("A") + 1
        return n

    def values(match: re.Match[str]) -> list[float]:
        c1, r1, c2, r2 = match.group(1), int(match.group(2)), match.group(3), int(match.group(4))
        assert c1 == c2
        return [cells[f"{c1}{r}"] for r in range(r1, r2 + 1) if f"{c1}{r}" in cells]

    expr = formula.removeprefix("=")
    expr = re.sub(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", lambda m: repr(sum(values(m))), expr)
    expr = re.sub(r"COUNT\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", lambda m: repr(len(values(m))), expr)
    expr = re.sub(r"\b([A-Z]+)(\d+)\b", lambda m: repr(cells[m.group(0)]), expr)
    assert re.fullmatch(r"[\d.+\-*/() ]+", expr), expr
    assert col_number("AA") == 27
    return float(eval(expr))  # only numbers and arithmetic are left


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_class_tally_computes_the_groups_gain_per_objective(sample: Path, lang: str) -> None:
    catalog = load(sample)
    track = catalog.track("basic")
    assert track is not None
    text = forms.tally_csv(catalog, track, lang)
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[0] == ("Learner" if lang == "en" else "Participante")
    pre, post = ("Pre-test", "Post-test") if lang == "en" else ("Evaluación diagnóstica", "Evaluación de cierre")
    assert header[1] == f"{pre} — " + ("Name the act element. (0–1)" if lang == "en"
                                       else "Nombrar el elemento de acción. (0–1)")
    assert header[2].startswith(f"{post} — ") and header[3].startswith(f"{pre} — ")
    assert len(header) == 1 + 2 * 2 + 2 and all(len(r) == len(header) for r in rows)
    assert [r[0] for r in rows[1:31]] == [str(n) for n in range(1, 31)]
    counts, means, gains = rows[-3], rows[-2], rows[-1]
    assert counts[0] == ("Learners who took it" if lang == "en" else "Participantes que la respondieron")
    assert means[1] == "=100*SUM(B2:B31)/(1*COUNT(B2:B31))" and gains[2] == "=C34-B34" and gains[1] == ""
    # a class of three: pre 0, 1, 0 and post 1, 1, 1 on the act; pre 1, 1, 0 and post 1, 1, 1 on the purpose
    cells: dict[str, float] = {}
    for n, marks in enumerate([(0, 1, 1, 1), (1, 1, 1, 1), (0, 1, 0, 1)], 2):
        for col, mark in zip("BCDE", marks, strict=True):
            cells[f"{col}{n}"] = mark
    for n, row in enumerate(rows[32:], 33):   # the group's rows, evaluated in order (gains read the means)
        for k, formula in enumerate(row[1:], 1):
            if formula:
                cells[f"{forms.column(k)}{n}"] = evaluate(formula, cells)
    assert cells["B33"] == 3 and cells["B34"] == pytest.approx(100 / 3) and cells["C34"] == 100
    assert cells["C35"] == pytest.approx(200 / 3) and cells["E35"] == pytest.approx(100 / 3)
    assert cells["F34"] == pytest.approx(50) and cells["G34"] == 100 and cells["G35"] == pytest.approx(50)


def test_the_tally_columns_go_past_z(real: Catalog) -> None:
    assert [forms.column(n) for n in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
    track = real.track("police-academy")
    assert track is not None
    header = next(csv.reader(io.StringIO(forms.tally_csv(real, track, "en"))))
    assert len(header) == 1 + 2 * 29 + 2
