"""Quiz banks read back by independent readers: GIFT by gift-pegjs, Moodle XML by moodle-xml-parser, QTI 2.1 by
pyslet (which also scores the items) and its manifest by the official IMS Content Packaging schema."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import xmlschema

from curriculum.bibliography import cite_text
from curriculum.export.gift import GiftExporter
from curriculum.export.moodle import MoodleExporter
from curriculum.export.qti import QtiExporter
from curriculum.export.text import pass_count, plain
from curriculum.loader import load_catalog
from curriculum.model import Catalog, Question
from tests.exporting import DATA, export_all, special_project

LANGS = ("en", "es")
BANKS = (GiftExporter, MoodleExporter, QtiExporter)


@dataclass
class Banks:
    """The quiz banks of the special-character project, rendered in-process: no site build, no Chromium."""

    project: Path
    dist: Path
    catalog: Catalog


def render_banks(catalog: Catalog, dist: Path) -> list[Path]:
    return [p for lang in LANGS for ex in BANKS for p in ex().export(catalog, lang, dist / "quizzes")]


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> Banks:
    project = special_project(tmp_path_factory.mktemp("banks") / "project")
    catalog, diags = load_catalog(project)
    assert list(diags) == [], "\n".join(d.render() for d in diags)
    render_banks(catalog, project / "dist")
    return Banks(project, project / "dist", catalog)
XSD = Path(__file__).resolve().parent.parent / "curriculum/export/xsd"


def questions(catalog: Catalog) -> list[tuple[str, Question]]:
    return [(quiz.id, q) for quiz in catalog.quizzes.values() for q in quiz.questions]


def choice_text(catalog: Catalog, q: Question, cid: str, lang: str) -> str:
    return catalog.string(lang, cid) if q.type == "true_false" else next(c.text[lang] for c in q.choices
                                                                          if c.id == cid)


# -- GIFT --------------------------------------------------------------------------------------------------


def gift_parse(path: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the GIFT test reads the export with gift-pegjs under Node.js: install nodejs")
    script = ("const p = require(process.argv[1]); const fs = require('fs');"
              "process.stdout.write(JSON.stringify(p.parse(fs.readFileSync(process.argv[2], 'utf8'))));")
    result = subprocess.run([node, "-e", script, str(DATA / "gift-pegjs/gift-parser.js"), str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", LANGS)
def test_gift_reads_back_to_the_same_questions_and_keys(banks: Banks, lang: str) -> None:
    path = banks.dist / f"quizzes/quizzes.{lang}.gift.txt"
    parsed = gift_parse(path)
    cat = banks.catalog
    module = cat.modules[0]
    assert parsed[0] == {"type": "Category", "title": f"$course$/top/01 {module.title[lang]}"}
    items = [p for p in parsed if p["type"] != "Category"]
    expected = questions(cat)
    assert [p["title"] for p in items] == [f"{quiz}/{q.id}" for quiz, q in expected]
    for p, (_, q) in zip(items, expected, strict=True):
        assert p["stem"]["format"] == "html"
        assert html.unescape(p["stem"]["text"]) == q.prompt[lang]
        general = html.unescape(p["globalFeedback"]["text"])
        assert q.explanation[lang] in general and cite_text(cat, q.source, lang) in general
        if q.type == "true_false":
            assert p["type"] == "TF" and p["isTrue"] == (q.correct_ids == ("true",))
            continue
        if q.type == "matching":   # each premise with its response; a distractor has an empty premise
            body = q.body
            pairs = [(html.unescape(m["subquestion"]["text"]), html.unescape(m["subanswer"])) for m in p["matchPairs"]]
            assert pairs == [(x.premise[lang], x.response[lang]) for x in body.pairs] + [
                ("", d.text[lang]) for d in body.distractors]
            continue
        assert p["type"] == "MC"
        assert [html.unescape(c["text"]["text"]) for c in p["choices"]] == [c.text[lang] for c in q.choices]
        if q.type == "single":
            assert [c["isCorrect"] for c in p["choices"]] == [c.correct for c in q.choices]
        else:  # weights: the right choices share 100 %, a wrong one costs 100 %
            assert [c["weight"] > 0 for c in p["choices"]] == [c.correct for c in q.choices]
            assert sum(c["weight"] for c in p["choices"] if c["weight"] > 0) == pytest.approx(100, abs=0.01)
        assert [html.unescape(c["feedback"]["text"]) if c["feedback"] else None for c in p["choices"]] == [
            c.feedback[lang] if c.feedback else None for c in q.choices]


def test_gift_escapes_its_special_characters(banks: Banks) -> None:
    text = (banks.dist / "quizzes/quizzes.en.gift.txt").read_text(encoding="utf-8")
    assert r"act \{under\} the \~Protocol \= \#1\: &lt;b&gt;not bold&lt;/b&gt; &amp;" in text
    assert r"\\ back\\slash" in text
    assert r'<span lang\="es">trata</span>' in text          # the language span stays markup
    assert "\t~&\\#37;50 of cases" in text                   # a leading % would read as a weight
    assert "Transport is an act,\\nnot a purpose" in text    # a line break cannot end the question
    assert "\n\n\n" not in text.split("\n", 2)[2]


# -- Moodle XML --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_moodle_xml_reads_back_to_the_same_questions_and_keys(banks: Banks, lang: str) -> None:
    from moodle_xml_parser import parser

    path = banks.dist / f"quizzes/quizzes.{lang}.moodle.xml"
    parsed = parser.parse_file(str(path))["multichoice"]
    expected = [(quiz, q) for quiz, q in questions(banks.catalog) if q.type in ("single", "multiple")]
    assert [p.name for p in parsed] == [f"{quiz}/{q.id}" for quiz, q in expected]
    for p, (_, q) in zip(parsed, expected, strict=True):
        assert p.text_pre_parse == q.prompt[lang]  # the reader unescapes the HTML
        assert p.single == (q.type == "single")
        assert [o.answer for o in p.options] == [c.text[lang] for c in q.choices]
        assert [o.score_fraction > 0 for o in p.options] == [c.correct for c in q.choices]
        assert sum(o.score_fraction for o in p.options if o.score_fraction > 0) == pytest.approx(100, abs=0.01)
        assert [o.feedback or None for o in p.options] == [c.feedback[lang] if c.feedback else None
                                                           for c in q.choices]
        assert q.explanation[lang] in html.unescape(p.general_feedback)

    # moodle-xml-parser reads only multichoice: true/false is checked against Moodle's documented shape
    root = ET.parse(path).getroot()
    tf = [(quiz, q) for quiz, q in questions(banks.catalog) if q.type == "true_false"]
    found = root.findall("question[@type='truefalse']")
    assert [el.findtext("name/text") for el in found] == [f"{quiz}/{q.id}" for quiz, q in tf]
    for el, (_, q) in zip(found, tf, strict=True):
        answers = {a.findtext("text"): a.get("fraction") for a in el.findall("answer")}
        assert answers == {c.id: "100" if c.correct else "0" for c in q.choices}
        assert html.unescape(el.findtext("questiontext/text")) == q.prompt[lang]

    # nor matching: checked against Moodle's documented shape (question/type/match, qformat_xml import_match)
    matching = [(quiz, q) for quiz, q in questions(banks.catalog) if q.type == "matching"]
    found = root.findall("question[@type='matching']")
    assert matching and [el.findtext("name/text") for el in found] == [f"{quiz}/{q.id}" for quiz, q in matching]
    for el, (_, q) in zip(found, matching, strict=True):
        subs = [(html.unescape(sub.findtext("text") or ""), sub.findtext("answer/text"))
                for sub in el.findall("subquestion")]
        assert subs == [(x.premise[lang], plain(x.response[lang])) for x in q.body.pairs] + [
            ("", plain(d.text[lang])) for d in q.body.distractors]
        assert all(sub.get("format") == "html" for sub in el.findall("subquestion"))
        assert el.findtext("shuffleanswers") == "true" and el.findtext("defaultgrade") == "1"
        assert q.explanation[lang] in html.unescape(el.findtext("generalfeedback/text"))


def test_moodle_xml_escapes_markup_twice(banks: Banks) -> None:
    raw = (banks.dist / "quizzes/quizzes.en.moodle.xml").read_text(encoding="utf-8")
    # the text is HTML (&lt;b&gt;) inside XML (&amp;lt;b&amp;gt;): nothing authored becomes markup
    assert "&amp;lt;b&amp;gt;not bold&amp;lt;/b&amp;gt; &amp;amp; “quoted” isn't" in raw
    assert '&lt;span lang="es"&gt;trata&lt;/span&gt;' in raw  # the language span stays HTML markup
    assert "<category>" in raw and "$course$/top/01 Alpha module" in raw


# -- QTI 2.1 -----------------------------------------------------------------------------------------------


def _qti(banks: Banks, lang: str, tmp: Path) -> Path:
    with zipfile.ZipFile(banks.dist / f"quizzes/quizzes.{lang}.qti21.zip") as zf:
        zf.extractall(tmp)
    return tmp


@pytest.mark.parametrize("lang", LANGS)
def test_qti_manifest_is_valid_ims_content_packaging(banks: Banks, lang: str, tmp_path: Path) -> None:
    pkg = _qti(banks, lang, tmp_path)
    schema = xmlschema.XMLSchema(str(XSD / "scorm2004/imscp_v1p1.xsd"))  # IMS CP 1.1.4, the QTI 2.1 package
    schema.validate(str(pkg / "imsmanifest.xml"))
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}
    manifest = ET.parse(pkg / "imsmanifest.xml").getroot()
    resources = manifest.findall("cp:resources/cp:resource", ns)
    ids = {r.get("identifier") for r in resources}
    files = {f.get("href") for r in resources for f in r.findall("cp:file", ns)}
    on_disk = {p.relative_to(pkg).as_posix() for p in pkg.rglob("*") if p.is_file()} - {"imsmanifest.xml"}
    assert files == on_disk
    assert all(d.get("identifierref") in ids for r in resources for d in r.findall("cp:dependency", ns))
    kinds = sorted(r.get("type") for r in resources)
    n_items = len(questions(banks.catalog))
    assert kinds == ["imsqti_item_xmlv2p1"] * n_items + ["imsqti_test_xmlv2p1"] * len(banks.catalog.quizzes)


@pytest.mark.parametrize("lang", LANGS)
def test_qti_items_load_and_score_in_an_independent_qti_engine(banks: Banks, lang: str, tmp_path: Path) -> None:
    import pyslet.qtiv2.variables as variables
    import pyslet.qtiv2.xml as qtixml

    pkg = _qti(banks, lang, tmp_path)
    for quiz_id, q in questions(banks.catalog):
        path = pkg / f"items/{quiz_id}--{q.id}.xml"
        doc = qtixml.QTIDocument(baseURI=path.as_uri())
        doc.read()
        item = doc.root
        assert type(item).__name__ == "AssessmentItem" and item.identifier == f"{quiz_id}--{q.id}"
        kinds = [type(c).__name__ for c in item.get_children()]
        assert kinds[:4] == ["ResponseDeclaration", "OutcomeDeclaration", "OutcomeDeclaration", "ItemBody"]
        assert "ResponseProcessing" in kinds and "XMLElement" not in kinds  # nothing unknown to the engine
        declared = item.ResponseDeclaration[0]
        if q.type not in ("single", "multiple", "true_false"):
            continue   # matching and ordering: test_qti_matching_and_ordering_score_in_an_independent_qti_engine
        assert variables.Cardinality.to_str(declared.cardinality) == ("multiple" if q.type == "multiple" else "single")
        wrong = next(c.id for c in q.choices if not c.correct)
        for answer, score in ((list(q.correct_ids), 1.0), ([wrong], 0.0)):
            state = variables.ItemSessionState(item)
            state.begin_session()
            state["RESPONSE"].set_value(answer if q.type == "multiple" else answer[0])
            item.ResponseProcessing.run(state)
            assert state["SCORE"].value == score, (q.id, answer)
            assert set(state["FEEDBACK"].value) == {*answer, "EXPLANATION"}
        shown = {fb.identifier for fb in item.QTIModalFeedback}
        assert shown == {"EXPLANATION", *(c.id for c in q.choices if c.feedback is not None)}

        # the texts come back as written (language spans become xml:lang spans)
        ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
        root = ET.parse(path).getroot()
        assert "".join(root.find(".//q:prompt", ns).itertext()) == plain(q.prompt[lang])
        labels = ["".join(c.itertext()) for c in root.findall(".//q:simpleChoice", ns)]
        assert labels == [plain(choice_text(banks.catalog, q, c.id, lang)) for c in q.choices]


def test_qti_language_span_and_test_pass_mark(banks: Banks, tmp_path: Path) -> None:
    pkg = _qti(banks, "en", tmp_path)
    ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1", "xml": "http://www.w3.org/XML/1998/namespace"}
    item = ET.parse(pkg / "items/alpha--which-act.xml").getroot()
    span = item.find(".//q:prompt/q:span", ns)
    assert span is not None and span.text == "trata" and span.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    test = ET.parse(pkg / "tests/alpha.xml").getroot()
    threshold = test.find(".//q:setOutcomeValue[@identifier='PASSED']/q:gte/q:baseValue", ns)
    quiz = banks.catalog.quizzes["alpha"]
    assert float(threshold.text) == pass_count(quiz) == 2  # 2 of 3 right = 67 % >= 50 %; 1 of 3 = 33 %


@pytest.mark.parametrize(("mark", "total"), [(80, 7), (80, 5), (67, 3), (50, 3), (100, 8), (1, 9), (85, 7)])
def test_pass_count_matches_the_sites_rounding(mark: int, total: int) -> None:
    from fractions import Fraction
    from types import SimpleNamespace

    from curriculum.model import Loc, Quiz, Text

    questions = tuple(SimpleNamespace(pool_only=False) for _ in range(total))
    quiz = Quiz("q", Text("", ""), mark, questions, Loc("q.yml"))  # type: ignore[arg-type]

    def passes(right: int) -> bool:  # quiz.js: Math.round(100 * right / total) >= pass mark
        x = Fraction(100 * right, total)
        return int(x + Fraction(1, 2)) >= mark

    assert pass_count(quiz) == min(r for r in range(total + 1) if passes(r))


# -- the renderers in-process, and the command that runs them ----------------------------------------------


@pytest.mark.export
def test_the_command_writes_exactly_what_the_renderers_render(banks: Banks,
                                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    exported = export_all(tmp_path_factory)
    for lang in LANGS:
        for name in (f"quizzes.{lang}.gift.txt", f"quizzes.{lang}.moodle.xml", f"quizzes.{lang}.qti21.zip"):
            assert (exported.dist / "quizzes" / name).read_bytes() == (banks.dist / "quizzes" / name).read_bytes()


def _with_module_title(catalog: Catalog, title: str) -> Catalog:
    """The catalog with its first module retitled, as if the loader had let the title through."""
    from dataclasses import replace

    from curriculum.model import Text

    first = replace(catalog.modules[0], title=Text(title, title))
    return replace(catalog, modules=(first, *catalog.modules[1:]))


INJECTION = "Alpha\n\n::injected::Free point{TRUE}\n\n$CATEGORY: x"


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n", "\u2028"])
def test_gift_a_line_break_in_a_category_injects_nothing(banks: Banks, newline: str, tmp_path: Path) -> None:
    catalog = _with_module_title(banks.catalog, INJECTION.replace("\n", newline))
    [path] = GiftExporter().export(catalog, "en", tmp_path)
    parsed = gift_parse(path)
    # the module's category and one per objective (its pool); no question was added
    assert [p["type"] for p in parsed] == ["Category", "Category", "MC", "Category", "MC", "TF", "Matching"]
    assert [p["title"] for p in parsed if p["type"] != "Category"] == [
        f"alpha/{q.id}" for q in catalog.quizzes["alpha"].questions]
    assert parsed[0]["title"].startswith("$course$/top/01 Alpha") and "injected" in parsed[0]["title"]
    text = path.read_text(encoding="utf-8")
    head = "$CATEGORY: $course$/top/01 Alpha  ::injected::Free point{TRUE}  $CATEGORY: x"   # one line, as written
    assert [line for line in text.splitlines() if "injected" in line] == [
        head, f"{head}/Name the act element.", f"{head}/Name the purpose element."]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_gift_every_line_break_in_a_text_is_escaped(banks: Banks, newline: str, tmp_path: Path) -> None:
    from dataclasses import replace

    from curriculum.model import Text

    quiz = banks.catalog.quizzes["alpha"]
    evil = f"Prompt{newline}{newline}::injected::Free point{{TRUE}}{newline}"
    first = replace(quiz.questions[0], prompt=Text(evil, evil))
    catalog = replace(banks.catalog, quizzes={"alpha": replace(quiz, questions=(first, *quiz.questions[1:]))})
    [path] = GiftExporter().export(catalog, "en", tmp_path)
    parsed = gift_parse(path)
    assert [p["title"] for p in parsed if p["type"] != "Category"] == [f"alpha/{q.id}" for q in quiz.questions]
    assert "\r" not in path.read_text(encoding="utf-8")


# -- XML that cannot be written is never written -------------------------------------------------------------


def _with_locale(catalog: Catalog, lang: str, key: str, value: str) -> Catalog:
    from dataclasses import replace

    locales = {lg: dict(strings) for lg, strings in catalog.locales.items()}
    locales[lang][key] = value
    return replace(catalog, locales=locales)


@pytest.mark.parametrize(("exporter", "key"), [(MoodleExporter, "correct"), (MoodleExporter, "explanation"),
                                              (QtiExporter, "true"), (QtiExporter, "explanation"),
                                              (QtiExporter, "source")])
def test_a_text_xml_cannot_carry_is_a_clean_error_even_past_the_checks(banks: Banks, exporter: type, key: str,
                                                                        tmp_path: Path) -> None:
    """Defence in depth: were a control character to get past `problems()`, the writer refuses the document."""
    from curriculum.export.base import ExportError

    catalog = _with_locale(banks.catalog, "en", key, "Bad\x07text")
    with pytest.raises(ExportError, match="XML"):
        exporter().export(catalog, "en", tmp_path)
    assert list(tmp_path.iterdir()) == []      # nothing written, not even a temporary file


@pytest.mark.parametrize("exporter", [MoodleExporter, QtiExporter])
@pytest.mark.parametrize("key", ["true", "false", "correct", "incorrect", "explanation", "source"])
def test_the_quiz_banks_refuse_a_locale_string_xml_cannot_carry(banks: Banks, exporter: type, key: str) -> None:
    catalog = _with_locale(banks.catalog, "es", key, "Malo\x0btexto")
    found = exporter().problems(catalog, "es")
    assert [d.code for d in found] == ["CUR501"]
    assert found[0].path == "locales/es.yml" and found[0].line > 1 and f"`{key}`" in found[0].message
    assert "U+000B" in found[0].message
    assert exporter().problems(catalog, "en") == []   # the English export is unaffected


# -- matching and ordering ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The plain sample project: its quiz has a matching and an ordering question."""
    from tests.sample_project import write_project

    catalog, diags = load_catalog(write_project(tmp_path_factory.mktemp("types") / "project"))
    assert list(diags) == []
    return catalog


def _qti_item(catalog: Catalog, qid: str, lang: str, tmp: Path) -> object:
    import pyslet.qtiv2.xml as qtixml

    from curriculum.export.qti import item as qti_item
    from curriculum.export.qti import xml_bytes

    quiz = catalog.quizzes["alpha"]
    q = next(q for q in quiz.questions if q.id == qid)
    path = tmp / f"{qid}.{lang}.xml"
    path.write_bytes(xml_bytes(qti_item(catalog, quiz, q, lang), qid))
    doc = qtixml.QTIDocument(baseURI=path.as_uri())
    doc.read()
    return doc.root


def _run(item: object, value: object) -> tuple[float, set[str]]:
    import pyslet.qtiv2.variables as variables

    state = variables.ItemSessionState(item)
    state.begin_session()
    state["RESPONSE"].set_value(value)
    item.ResponseProcessing.run(state)
    return state["SCORE"].value, set(state["FEEDBACK"].value or ())


@pytest.mark.parametrize("lang", LANGS)
def test_qti_matching_and_ordering_score_in_an_independent_qti_engine(sample: Catalog, lang: str,
                                                                      tmp_path: Path) -> None:
    """A matchInteraction of directed pairs and an orderInteraction of an ordered response: pyslet loads both
    (nothing unknown to it), scores them all-or-nothing and shows the feedback of the right pairs and places."""
    import pyslet.qtiv2.variables as variables

    match = _qti_item(sample, "match-elements", lang, tmp_path)
    kinds = [type(c).__name__ for c in match.get_children()]
    assert "XMLElement" not in kinds and "ResponseProcessing" in kinds
    declared = match.ResponseDeclaration[0]
    assert variables.Cardinality.to_str(declared.cardinality) == "multiple"
    assert variables.BaseType.to_str(declared.baseType) == "directedPair"
    assert type(match.ItemBody.get_children().__next__()).__name__ == "MatchInteraction"
    right = [("P_act", "R_act"), ("P_means", "R_means"), ("P_purpose", "R_purpose")]
    assert _run(match, right) == (1.0, {"EXPLANATION", "act"})                  # `act` has feedback
    assert _run(match, [("P_act", "R_act"), ("P_means", "R_consent"), ("P_purpose", "R_purpose")]) == (
        0.0, {"EXPLANATION", "act"})                                             # all or nothing; act still right
    assert _run(match, [("P_act", "R_means"), ("P_means", "R_act"), ("P_purpose", "R_purpose")]) == (
        0.0, {"EXPLANATION"})

    order = _qti_item(sample, "order-definition", lang, tmp_path)
    declared = order.ResponseDeclaration[0]
    assert variables.Cardinality.to_str(declared.cardinality) == "ordered"
    assert type(order.ItemBody.get_children().__next__()).__name__ == "OrderInteraction"
    assert _run(order, ["act", "means", "purpose"]) == (1.0, {"EXPLANATION", "act"})
    assert _run(order, ["means", "act", "purpose"]) == (0.0, {"EXPLANATION"})   # act is not first
    assert _run(order, ["act", "purpose", "means"]) == (0.0, {"EXPLANATION", "act"})

    ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
    root = ET.parse(tmp_path / f"order-definition.{lang}.xml").getroot()
    interaction = root.find(".//q:orderInteraction", ns)
    assert interaction.get("shuffle") == "true"        # written in the right order: the engine shuffles
    q = next(q for q in sample.quizzes["alpha"].questions if q.id == "order-definition")
    assert ["".join(c.itertext()) for c in interaction.findall("q:simpleChoice", ns)] == [
        i.text[lang] for i in q.body.items]


@pytest.mark.parametrize("exporter", [MoodleExporter, GiftExporter])
def test_moodle_and_gift_refuse_an_ordering_question_before_writing(sample: Catalog, exporter: type,
                                                                    tmp_path: Path) -> None:
    from curriculum.export.base import ExportError

    found = exporter().problems(sample, "en")
    assert [(d.code, d.path, d.line) for d in found] == [("CUR502", "quizzes/alpha.yml", 96)]
    assert "`order-definition` (ordering)" in found[0].message and "plugin" in found[0].message
    with pytest.raises(ExportError, match=r"ordering|order-definition"):   # and the writer, should it be called
        exporter().export(sample, "en", tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert QtiExporter().problems(sample, "en") == []                      # QTI carries every type


@pytest.mark.parametrize("exporter", [MoodleExporter, GiftExporter])
def test_a_matching_question_moodle_cannot_import_is_refused(sample: Catalog, exporter: type) -> None:
    """Moodle's matching question needs two premises and three responses: two pairs and no distractor is not one."""
    from dataclasses import replace

    quiz = sample.quizzes["alpha"]
    match = next(q for q in quiz.questions if q.id == "match-elements")
    small = replace(match, body=replace(match.body, pairs=match.body.pairs[:2], distractors=()))
    catalog = replace(sample, quizzes={"alpha": replace(quiz, questions=(small,))})
    found = exporter().problems(catalog, "es")
    assert [d.code for d in found] == ["CUR502"] and "at least 3" in found[0].message


@pytest.mark.export
def test_the_command_refuses_gift_for_an_ordering_question_and_writes_nothing(tmp_path: Path) -> None:
    from tests.exporting import cli
    from tests.sample_project import write_project

    project = write_project(tmp_path / "p")
    result = cli("export", "gift", "moodle", "-f", str(project / "mkdocs.yml"), "-o", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert result.stderr.count("quizzes/alpha.yml:96:5: CUR502") == 2        # once per format, not per language
    assert not list((tmp_path / "dist").rglob("*.txt")) and not list((tmp_path / "dist").rglob("*.xml"))
    ok = cli("export", "qti", "-f", str(project / "mkdocs.yml"), "-o", str(tmp_path / "dist"))
    assert ok.returncode == 0, ok.stderr


def test_a_group_leaves_out_a_format_that_cannot_carry_a_question_type_with_a_note(tmp_path: Path) -> None:
    """`curriculum export quizzes` (as `make export`, which asks for everything) exports what can be exported."""
    from tests.exporting import cli
    from tests.sample_project import write_project

    project = write_project(tmp_path / "p")
    result = cli("export", "quizzes", "-f", str(project / "mkdocs.yml"), "-o", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    assert "note: moodle left out: 1 question(s)" in result.stderr and "note: gift left out" in result.stderr
    written = sorted(p.name for p in (tmp_path / "dist/quizzes").iterdir())
    assert written == ["quizzes.en.qti21.zip", "quizzes.es.qti21.zip"]
