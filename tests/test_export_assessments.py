"""The exam and the pre/post test in every export, read back by independent consumers: the SCORM runtime under
scorm-again (Node.js), QTI 2.1 by pyslet, Moodle XML by moodle-xml-parser, GIFT by gift-pegjs, and the facilitator
handbook by pdftotext."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from curriculum import assessments
from curriculum.loader import load_catalog
from curriculum.model import Catalog
from tests.assessment_project import write_assessment_project
from tests.test_export_quizbanks import gift_parse
from tests.test_export_scorm import NODE_LMS, node_lms

# the runtime harness of test_export_scorm, with pages that send an assessment's submission
NODE_ASSESS = NODE_LMS.replace('(docListeners["curriculum:graded"] || [])',
                               '(docListeners[arg.event || "curriculum:graded"] || [])')
assert NODE_ASSESS != NODE_LMS


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    cat, diags = load_catalog(write_assessment_project(tmp_path_factory.mktemp("assess-export") / "project"))
    assert list(diags) == []
    return cat


@pytest.fixture(scope="module")
def bank_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The assessment project without its ordering question, which Moodle XML and GIFT cannot carry (CUR502)."""
    root = write_assessment_project(tmp_path_factory.mktemp("assess-banks") / "project")
    quiz = root / "quizzes/alpha.yml"
    text = quiz.read_text(encoding="utf-8")
    start, end = text.index("  - id: order-definition\n"), text.index("  - id: harbouring\n")
    quiz.write_text(text[:start] + text[end:], encoding="utf-8")
    cat, diags = load_catalog(root)
    assert list(diags) == []
    return cat


# -- SCORM: the runtime under scorm-again -----------------------------------------------------------------------


def lms(catalog: Catalog, version: str, steps: list, preload: dict | None = None) -> dict[str, str]:
    import tests.test_export_scorm as scorm_tests
    from curriculum.export.scorm import runtime_config

    track = catalog.track("basic")
    config = runtime_config(catalog, track, version, "tracks/basic.html")
    original = scorm_tests.NODE_LMS
    scorm_tests.NODE_LMS = NODE_ASSESS
    try:
        return node_lms(config, version, steps, preload)
    finally:
        scorm_tests.NODE_LMS = original


def right(catalog: Catalog, item: str) -> list[str]:
    quiz_id, qid = item.split("--", 1)
    q = next(q for q in catalog.quizzes[quiz_id].questions if q.id == qid)
    return list(q.answer_tokens)


def wrong(catalog: Catalog, item: str) -> list[str]:
    quiz_id, qid = item.split("--", 1)
    q = next(q for q in catalog.quizzes[quiz_id].questions if q.id == qid)
    if q.type == "ordering":
        return list(q.correct_ids)[::-1]
    if q.type == "matching":
        ids = [p.id for p in q.body.pairs]
        return sorted(f"{p}.{r}" for p, r in zip(ids, ids[1:] + ids[:1], strict=True))
    return [next(c.id for c in q.choices if not c.correct)]


def exam_items(catalog: Catalog, seed: str) -> list[str]:
    track = catalog.track("basic")
    return [i.id for _, i in assessments.exam_draw(catalog, track, track.exam, seed)]


def submitted(form: str, answers: dict, seed: str = "", **extra: object) -> list:
    return ["graded", {"event": "curriculum:assessed", "track": "basic", "form": form,
                       "attempt": {"n": 1, "seed": seed, "answers": answers, **extra}}]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_scorm_the_exam_is_the_packages_result_and_pre_post_are_objectives(catalog: Catalog, version: str) -> None:
    track = catalog.track("basic")
    pp = assessments.forms(catalog, track, track.pre_post)
    pre = {i.id: wrong(catalog, i.id) for _, i in pp.pre}
    post = {i.id: right(catalog, i.id) for _, i in pp.post}
    first = {i: wrong(catalog, i) for i in exam_items(catalog, "s1")}
    second = {i: right(catalog, i) for i in exam_items(catalog, "s2")}
    got = lms(catalog, version, [submitted("pre", pre), submitted("post", post), submitted("exam", first, "s1")])
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    raw = "cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"
    assert got[status] == "failed" and got[raw] == "0"   # pre/post at 100 % do not pass the learner
    # the objectives: the quiz, then the exam, the pre-test and the post-test
    ids = [got.get(f"cmi.objectives.{n}.id") for n in range(4)]
    assert ids == ["alpha", "basic-exam", "basic-pre-test", "basic-post-test"]
    if version == "1.2":
        assert [got.get(f"cmi.objectives.{n}.status") for n in (1, 2, 3)] == ["failed", "completed", "completed"]
    else:
        assert [got.get(f"cmi.objectives.{n}.success_status") for n in (1, 2, 3)] == ["failed", "unknown", "unknown"]
    assert [got.get(f"cmi.objectives.{n}.score.raw") for n in (2, 3)] == ["0", "100"]
    # each answer of each form is an interaction of its type, tied to its form's objective
    i = "cmi.interactions.{}.".format
    journal = [(got[i(n) + "id"], got[i(n) + "objectives.0.id"]) for n in range(6)]
    assert journal == [*((x, "basic-pre-test") for x in pre), *((x, "basic-post-test") for x in post),
                       *((x, "basic-exam") for x in exam_items(catalog, "s1"))]
    # the second attempt passes: the package passes, with that attempt's score
    got = lms(catalog, version, [submitted("exam", first, "s1"), submitted("exam", second, "s2")])
    assert got[status] == "passed" and got[raw] == "100"
    if version == "2004":
        assert got["cmi.completion_status"] == "completed" and got["cmi.score.scaled"] == "1"


def test_scorm_the_runtime_scores_the_exam_itself_and_keeps_the_attempt_limit(catalog: Catalog) -> None:
    items = exam_items(catalog, "s1")
    all_right = {i: right(catalog, i) for i in items}
    # a forged claim of a score is not believed; answers to questions the seed did not draw are refused
    other = next(i.id for d in assessments.draws(catalog, catalog.track("basic"), catalog.track("basic").exam)
                 for i in d.pool if i.id not in items)
    for step in (submitted("exam", {i: wrong(catalog, i) for i in items}, "s1", score=2, percent=100, passed=True),
                 submitted("exam", {other: right(catalog, other)}, "s1"),
                 submitted("exam", all_right, "NOT A SEED"),
                 submitted("exam", {items[0]: ["nonsense"]}, "s1")):
        got = lms(catalog, "1.2", [step])
        assert got["cmi.core.lesson_status"] in ("failed", "incomplete")
        assert got.get("cmi.core.score.raw") in (None, "0")
    # two attempts allowed: a third is ignored, even a right one
    wrong_all = {i: wrong(catalog, i) for i in items}
    got = lms(catalog, "1.2", [submitted("exam", wrong_all, "s1"), submitted("exam", wrong_all, "s1"),
                               submitted("exam", all_right, "s1")])
    assert got["cmi.core.lesson_status"] == "failed"
    suspend = got["cmi.suspend_data"]
    assert ";x.2.s1." in suspend
    # on return, the saved attempt is rescored from suspend_data (its answers, drawn again from the seed)
    back = lms(catalog, "1.2", [], preload={"cmi.suspend_data": suspend})
    assert back["cmi.core.lesson_status"] == "failed" and back["cmi.suspend_data"] == suspend
    passed = lms(catalog, "2004", [submitted("exam", all_right, "s1")])
    back = lms(catalog, "2004", [], preload={"cmi.suspend_data": passed["cmi.suspend_data"]})
    assert back["cmi.success_status"] == "passed" and back["cmi.score.raw"] == "100"


# -- QTI 2.1: pyslet ---------------------------------------------------------------------------------------------


def test_qti_assessment_tests_per_exam_and_form_load_in_pyslet(catalog: Catalog, tmp_path: Path) -> None:
    import pyslet.qtiv2.tests as qtitests
    import pyslet.qtiv2.xml as qtixml

    from curriculum.export.qti import QtiExporter

    [path] = QtiExporter().export(catalog, "es", tmp_path / "out")
    zipfile.ZipFile(path).extractall(tmp_path / "pkg")
    pkg = tmp_path / "pkg"
    track = catalog.track("basic")

    def refs(section: object) -> list[str]:
        return [c.identifier for c in section.get_children() if type(c).__name__ == "AssessmentItemRef"]

    def load(name: str) -> object:
        doc = qtixml.QTIDocument(baseURI=(pkg / f"tests/{name}.xml").as_uri())
        doc.read()
        return doc.root

    exam = load("basic-exam")
    assert exam.identifier == "basic-exam" and exam.title == "Trayectoria básica: examen final"
    sections = exam.TestPart[0].AssessmentSection
    drawn = assessments.draws(catalog, track, track.exam)
    assert [s.identifier for s in sections] == [f"s-{d.module.id}-{d.objective.id}" for d in drawn]
    for s, d in zip(sections, drawn, strict=True):   # one section per objective: its pool, a draw and a shuffle
        assert s.Selection.select == d.count and s.Ordering.shuffle is True
        assert refs(s) == [i.id for i in d.pool]
    forms = {tuple(f.components) for f in (qtitests.TestForm(exam) for _ in range(30))}
    assert len(forms) > 1                               # pyslet draws different forms from the same test
    for form in forms:
        items = [c for c in form if "--" in c]
        assert len(items) == sum(d.count for d in drawn)
    raw = ET.parse(pkg / "tests/basic-exam.xml").getroot()
    ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
    assert raw.find(".//q:timeLimits", ns).get("maxTime") == "60"
    assert raw.find(".//q:itemSessionControl", ns).get("maxAttempts") == "1"
    assert raw.find(".//q:testPart", ns).get("submissionMode") == "simultaneous"
    pp = assessments.forms(catalog, track, track.pre_post)
    fixed = {}
    for name, form in (("basic-pre-test", pp.pre), ("basic-post-test", pp.post)):
        test = load(name)
        listed = [r for s in test.TestPart[0].AssessmentSection for r in refs(s)]
        assert listed == [i.id for _, i in form]
        assert all(s.Selection is None for s in test.TestPart[0].AssessmentSection)   # a fixed form
        fixed[name] = set(listed)
    assert not fixed["basic-pre-test"] & fixed["basic-post-test"]
    manifest = ET.parse(pkg / "imsmanifest.xml").getroot()
    cp = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}
    hrefs = [r.get("href") for r in manifest.findall(".//cp:resource", cp)]
    assert len(hrefs) == len(set(hrefs)) and "items/alpha--harbouring.xml" in hrefs   # pool-only items too
    assert {"tests/basic-exam.xml", "tests/basic-pre-test.xml", "tests/basic-post-test.xml"} <= set(hrefs)


# -- Moodle XML and GIFT -------------------------------------------------------------------------------------------


def test_moodle_xml_pools_are_categories_and_the_exam_random_questions(bank_catalog: Catalog, tmp_path: Path) -> None:
    from moodle_xml_parser import parser

    from curriculum.export.moodle import MoodleExporter

    assert MoodleExporter().problems(bank_catalog, "en") == []
    [path] = MoodleExporter().export(bank_catalog, "en", tmp_path)
    root = ET.parse(path).getroot()
    current, placed = "", []
    for el in root.findall("question"):
        if el.get("type") == "category":
            current = el.findtext("category/text")
        else:
            placed.append((current, el.get("type"), el.findtext("name/text")))
    act = "$course$/top/01 Alpha module/Name the act element."
    purpose = "$course$/top/01 Alpha module/Name the purpose element."
    assert (act, "multichoice", "alpha/which-act") in placed and (act, "truefalse", "alpha/harbouring") in placed
    assert (purpose, "matching", "alpha/match-elements") in placed
    # the exam draws one question per objective: one random question in each objective's category
    assert [p for p in placed if p[1] == "random"] == [(act, "random", "exam:basic/alpha/know-act/1"),
                                                       (purpose, "random", "exam:basic/alpha/know-purpose/1")]
    rnd = root.find("question[@type='random']")
    assert rnd.findtext("questiontext/text") == "0" and rnd.findtext("defaultgrade") == "1"
    # the pre/post forms: a category each, with copies of their questions under their own names
    track = bank_catalog.track("basic")
    pp = assessments.forms(bank_catalog, track, track.pre_post)
    for form, title in (("pre", "Pre-test: Basic track"), ("post", "Post-test: Basic track")):
        names = [n for c, _, n in placed if c == f"$course$/top/{title}"]
        assert names == [f"{form}:basic/{i.quiz.id}/{i.question.id}" for _, i in pp.form(form)]
    parsed = parser.parse_file(str(path))["multichoice"]     # the independent reader reads the choice questions
    names = [p.name for p in parsed]
    assert "alpha/which-act" in names and "alpha/purposes" in names
    assert len(names) == len(set(names))


def test_gift_pools_are_categories_per_objective(bank_catalog: Catalog, tmp_path: Path) -> None:
    from curriculum.export.gift import GiftExporter

    [path] = GiftExporter().export(bank_catalog, "es", tmp_path)
    parsed = gift_parse(path)
    current, placed = "", []
    for p in parsed:
        if p["type"] == "Category":
            current = p["title"]
        else:
            placed.append((current, p["title"]))
    head = "$course$/top/01 Módulo alfa"
    assert (f"{head}/Nombrar el elemento de acción.", "alpha/harbouring") in placed
    assert (f"{head}/Nombrar el elemento de fines.", "alpha/purposes") in placed
    track = bank_catalog.track("basic")
    pp = assessments.forms(bank_catalog, track, track.pre_post)
    pre = [t for c, t in placed if c == "$course$/top/Evaluación diagnóstica: Trayectoria básica"]
    assert pre == [f"pre:basic/{i.quiz.id}/{i.question.id}" for _, i in pp.pre]


# -- the handbook and the class tally --------------------------------------------------------------------------------


@pytest.mark.export
def test_the_facilitator_handbook_prints_the_forms_sheets_and_keys(tmp_path: Path) -> None:
    from tests.conftest import CHROMIUM
    from tests.exporting import cli

    if not Path(CHROMIUM).exists():
        raise RuntimeError("handbooks are printed with Debian's chromium (apt-get install chromium)")
    root = write_assessment_project(tmp_path / "project")
    result = cli("export", "handbook", "--lang", "es", "-f", str(root / "mkdocs.yml"), "-o", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "dist/handbooks"
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext (poppler-utils) is needed to read the handbooks back"

    def text(name: str) -> str:
        return " ".join(subprocess.run([tool, str(out / name), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())

    facilitator, learner = text("basic.es.facilitator.pdf"), text("basic.es.learner.pdf")
    for words in ("Evaluaciones diagnóstica y de cierre", "Evaluación diagnóstica: Trayectoria básica",
                  "Evaluación de cierre: Trayectoria básica", "Hoja de respuestas", "Clave de calificación",
                  "basic.es.tally.csv"):
        assert words in facilitator and words not in learner
    catalog, _ = load_catalog(root)
    track = catalog.track("basic")
    pp = assessments.forms(catalog, track, track.pre_post)
    for _, item in pp.pre:   # every question of the pre-test is on its form
        assert " ".join(item.question.prompt.es.split()) in facilitator
    tally = list(csv.reader(io.StringIO((out / "basic.es.tally.csv").read_text(encoding="utf-8"))))
    assert tally[0][0] == "Participante" and tally[-1][0] == "Avance (puntos porcentuales)"
    assert json.dumps(tally)   # plain strings, one header row in the reader's language
