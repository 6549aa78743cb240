"""IMS QTI 2.1: every quiz as an IMS content package (one zip per language).

Each question is an ``assessmentItem`` with a ``choiceInteraction`` (true/false
is a choice between two localised labels), all-or-nothing scoring like the
site's, a ``modalFeedback`` per choice that has feedback and one with the
explanation and source (``EXPLANATION``). Each quiz is an ``assessmentTest``
whose ``PASSED`` outcome applies the quiz's pass mark exactly as the site does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

from curriculum import assessments, bibliography, questions
from curriculum.diagnostics import Diagnostic
from curriculum.export.base import VERSION, ExportError, artifact, write_zip, xml_bytes
from curriculum.export.checks import locale_problems, quiz_bank_fields, xml_problems
from curriculum.export.quizbank import quizzes_in_order
from curriculum.export.text import html, pass_count, string
from curriculum.model import Catalog, Question, Quiz, Track

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("xsi", XSI)


def ident(value: str) -> str:
    """A QTI identifier (an XML NCName) for a curriculum id: ids that start with a digit get a `_`."""
    return value if re.match(r"[A-Za-z_]", value) else "_" + value


def item_id(quiz: Quiz, q: Question) -> str:
    return ident(f"{quiz.id}--{q.id}")


def _el(parent: ET.Element | None, tag: str, attrib: dict[str, str] | None = None, text: str | None = None,
        ns: str | None = None) -> ET.Element:
    """An element; a root element (no parent) declares ``ns`` as the default namespace of the document."""
    attrib = dict(attrib or {})
    if parent is None:
        attrib = {"xmlns": ns or QTI, **attrib}
    el = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text is not None:
        el.text = text
    return el


def _rich(parent: ET.Element, text: str) -> ET.Element:
    """Append ``text`` (plain, with language spans) to ``parent`` as QTI inline content."""
    try:
        frag = ET.fromstring(f'<w>{html(text, "xml:lang")}</w>')
    except ET.ParseError as exc:
        raise ExportError(f"the text {text[:60]!r}… would not be well-formed XML ({exc}): it holds a character "
                          "XML cannot carry (`curriculum check` reports it as CUR501)") from exc
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + (frag.text or "")
    else:
        parent.text = (parent.text or "") + (frag.text or "")
    parent.extend(list(frag))
    return parent


def _value(parent: ET.Element, base_type: str, value: str) -> None:
    _el(parent, "baseValue", {"baseType": base_type}, value)


class Builder:
    """What a question type (curriculum.questions) builds its QTI parts with."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog, self.lang = catalog, lang

    def el(self, parent: ET.Element, tag: str, attrib: dict[str, str] | None = None,
           text: str | None = None) -> ET.Element:
        return _el(parent, tag, attrib, text)

    def rich(self, parent: ET.Element, text: str) -> ET.Element:
        return _rich(parent, text)

    def ident(self, value: str) -> str:
        return ident(value)

    def value(self, parent: ET.Element, base_type: str, value: str) -> None:
        _value(parent, base_type, value)

    def feedback(self, root: ET.Element, identifier: str, text: str) -> None:
        """A ``modalFeedback`` shown when FEEDBACK holds ``identifier``."""
        _rich(_el(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show",
                                          "identifier": identifier, "title": string("feedback", self.lang)}), text)

    def add_feedback(self, parent: ET.Element, identifier: str) -> None:
        """Add ``identifier`` to FEEDBACK (inside a ``responseIf``)."""
        add = _el(_el(parent, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
        _el(add, "variable", {"identifier": "FEEDBACK"})
        _value(add, "identifier", identifier)


def item(catalog: Catalog, quiz: Quiz, q: Question, lang: str) -> ET.Element:
    """One question as an ``assessmentItem``: its type declares, asks and processes the response."""
    kind = questions.kind(q)
    x = Builder(catalog, lang)
    root = _el(None, "assessmentItem", {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}", "identifier": item_id(quiz, q),
        "title": f"{quiz.title[lang]} — {q.id}", "adaptive": "false", "timeDependent": "false",
        XML_LANG: lang, "toolName": "curriculum", "toolVersion": VERSION})
    kind.qti_declare(x, root, q)
    score = _el(root, "outcomeDeclaration", {
        "identifier": "SCORE", "cardinality": "single", "baseType": "float", "normalMaximum": "1"})
    _el(_el(score, "defaultValue"), "value", text="0")
    _el(root, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"})
    kind.qti_interaction(x, _el(root, "itemBody"), q)

    rp = _el(root, "responseProcessing")
    cond = _el(rp, "responseCondition")  # all or nothing, as on the site
    if_ = _el(cond, "responseIf")
    match = _el(if_, "match")
    _el(match, "variable", {"identifier": "RESPONSE"})
    _el(match, "correct", {"identifier": "RESPONSE"})
    _value(_el(if_, "setOutcomeValue", {"identifier": "SCORE"}), "float", "1")
    _value(_el(_el(cond, "responseElse"), "setOutcomeValue", {"identifier": "SCORE"}), "float", "0")
    kind.qti_feedback(x, rp, root, q)

    expl = _el(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show",
                                       "identifier": "EXPLANATION", "title": catalog.string(lang, "explanation")})
    _rich(_el(expl, "p"), q.explanation[lang])
    src = _el(expl, "p")
    _el(src, "strong", text=f"{catalog.string(lang, 'source')}:").tail = " "
    _rich(_el(src, "cite"), bibliography.cite_text(catalog, q.source, lang))
    return root


def test(catalog: Catalog, quiz: Quiz, lang: str) -> ET.Element:
    root = _el(None, "assessmentTest", {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}", "identifier": ident(f"test-{quiz.id}"),
        "title": quiz.title[lang], "toolName": "curriculum", "toolVersion": VERSION})
    score = _el(root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    _el(_el(score, "defaultValue"), "value", text="0")
    _el(root, "outcomeDeclaration", {"identifier": "PASSED", "cardinality": "single", "baseType": "boolean"})
    part = _el(root, "testPart", {"identifier": "part-1", "navigationMode": "nonlinear",
                                  "submissionMode": "simultaneous"})
    section = _el(part, "assessmentSection", {"identifier": "section-1", "title": quiz.title[lang],
                                              "visible": "true"})
    for q in quiz.self_check:
        _el(section, "assessmentItemRef", {"identifier": item_id(quiz, q), "href": f"../items/{item_id(quiz, q)}.xml"})
    op = _el(root, "outcomeProcessing")
    _el(_el(_el(op, "setOutcomeValue", {"identifier": "SCORE"}), "sum"), "testVariables",
        {"variableIdentifier": "SCORE"})
    gte = _el(_el(op, "setOutcomeValue", {"identifier": "PASSED"}), "gte")
    _el(gte, "variable", {"identifier": "SCORE"})
    _value(gte, "float", str(pass_count(quiz)))
    return root


def track_test(catalog: Catalog, track: Track, form: str, lang: str) -> tuple[ET.Element, list[str]]:
    """A track's exam (``form`` ``exam``) or one of its pre/post forms as an ``assessmentTest``: one section per
    objective. The exam's sections draw (``selection``) their count from the objective's pool and shuffle
    (``ordering``), as the site draws per attempt; the pre-test and post-test sections hold their fixed items.
    Returns the test and the hrefs of the items it refers to (relative to the package)."""
    a = track.exam if form == "exam" else track.pre_post
    assert a is not None
    name = {"exam": "exam", "pre": "pre-test", "post": "post-test"}[form]
    title = track.exam.title[lang] if form == "exam" and track.exam else (
        f"{catalog.string(lang, 'pre_test' if form == 'pre' else 'post_test')}: {a.title[lang]}")
    root = _el(None, "assessmentTest", {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}", "identifier": ident(f"{track.id}-{name}"),
        "title": title, "toolName": "curriculum", "toolVersion": VERSION})
    score = _el(root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    _el(_el(score, "defaultValue"), "value", text="0")
    if form == "exam":
        _el(root, "outcomeDeclaration", {"identifier": "PASSED", "cardinality": "single", "baseType": "boolean"})
    part = _el(root, "testPart", {"identifier": "part-1", "navigationMode": "nonlinear",
                                  "submissionMode": "simultaneous"})  # one submission: every answer at once
    _el(part, "itemSessionControl", {"maxAttempts": "1", "showFeedback": "false", "showSolution": "false"})
    if form == "exam" and a.time_limit_minutes:
        _el(part, "timeLimits", {"maxTime": str(a.time_limit_minutes * 60)})
    if form == "exam":
        sections = [(d, list(d.pool)) for d in assessments.draws(catalog, track, a)]
    else:
        fixed = assessments.forms(catalog, track, a)
        sections = [(d, [i for dd, i in fixed.form(form) if dd.ref == d.ref]) for d in fixed.draws]
    hrefs: list[str] = []
    total = 0
    for d, items in sections:
        section = _el(part, "assessmentSection", {"identifier": ident(f"s-{d.module.id}-{d.objective.id}"),
                                                  "title": d.objective.text[lang], "visible": "true"})
        if form == "exam":
            _el(section, "selection", {"select": str(d.count)})
            _el(section, "ordering", {"shuffle": "true"})
        total += d.count if form == "exam" else len(items)
        for item in items:
            ref = item_id(item.quiz, item.question)
            _el(section, "assessmentItemRef", {"identifier": ref, "href": f"../items/{ref}.xml"})
            if f"items/{ref}.xml" not in hrefs:
                hrefs.append(f"items/{ref}.xml")
    op = _el(root, "outcomeProcessing")
    _el(_el(_el(op, "setOutcomeValue", {"identifier": "SCORE"}), "sum"), "testVariables",
        {"variableIdentifier": "SCORE"})
    if form == "exam":
        gte = _el(_el(op, "setOutcomeValue", {"identifier": "PASSED"}), "gte")
        _el(gte, "variable", {"identifier": "SCORE"})
        _value(gte, "float", str(passing(total, a.pass_mark or 100)))
    return root, hrefs


def passing(total: int, pass_mark: int) -> int:
    """Fewest right answers of ``total`` that pass: round(100 × right / total) ≥ pass mark (as the site)."""
    for right in range(total + 1):
        if Fraction(100 * right, max(total, 1)) >= Fraction(2 * pass_mark - 1, 2):
            return right
    return total


def manifest(catalog: Catalog, lang: str, tests: list[tuple[str, list[str]]],
             extra: tuple[str, ...] = ()) -> ET.Element:
    root = _el(None, "manifest", {"identifier": f"curriculum-quizzes-{lang}",
                                  f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}"}, ns=CP)
    meta = _el(root, "metadata")
    _el(meta, "schema", text="QTIv2.1 Package")
    _el(meta, "schemaversion", text="1.0.0")
    _el(root, "organizations")
    resources = _el(root, "resources")
    for test_href, item_hrefs in tests:
        res = _el(resources, "resource", {"identifier": _res_id(test_href), "type": "imsqti_test_xmlv2p1",
                                          "href": test_href})
        _el(res, "file", {"href": test_href})
        for href in item_hrefs:
            _el(res, "dependency", {"identifierref": _res_id(href)})
    items = dict.fromkeys(href for _, item_hrefs in tests for href in item_hrefs)  # each item once
    items.update(dict.fromkeys(extra))  # pool-only questions no test refers to
    for href in items:
        res = _el(resources, "resource", {"identifier": _res_id(href), "type": "imsqti_item_xmlv2p1", "href": href})
        _el(res, "file", {"href": href})
    return root


def _res_id(href: str) -> str:
    return "res-" + href.removesuffix(".xml").replace("/", "-")


_INLINE = {"prompt", "simpleChoice", "modalFeedback", "p"}


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent element-only content; mixed content (prompts, choices, feedback) is left exactly as written."""
    if el.tag in _INLINE or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = pad[:-2]


def _xml(root: ET.Element, what: str) -> bytes:
    _indent(root)
    return xml_bytes(root, what)


def package(catalog: Catalog, lang: str) -> list[tuple[str, bytes]]:
    """The zip entries of the content package: manifest first, then tests and items."""
    entries: list[tuple[str, bytes]] = []
    tests = []
    for quiz, _module in quizzes_in_order(catalog):
        hrefs = []
        for q in quiz.questions:
            href = f"items/{item_id(quiz, q)}.xml"
            entries.append((href, _xml(item(catalog, quiz, q, lang), f"{href} of the {lang} QTI package")))
            hrefs.append(href)
        test_href = f"tests/{ident(quiz.id)}.xml"
        entries.append((test_href, _xml(test(catalog, quiz, lang), f"{test_href} of the {lang} QTI package")))
        tests.append((test_href, [f"items/{item_id(quiz, q)}.xml" for q in quiz.self_check]))
    for track in catalog.tracks:   # each track's exam and pre/post forms, over the same items
        for form in (["exam"] if track.exam else []) + (["pre", "post"] if track.pre_post else []):
            name = {"exam": "exam", "pre": "pre-test", "post": "post-test"}[form]
            test_href = f"tests/{ident(f'{track.id}-{name}')}.xml"
            root, item_hrefs = track_test(catalog, track, form, lang)
            entries.append((test_href, _xml(root, f"{test_href} of the {lang} QTI package")))
            tests.append((test_href, item_hrefs))
    every = tuple(href for href, _ in entries if href.startswith("items/"))
    return [("imsmanifest.xml", _xml(manifest(catalog, lang, tests, every),
                                     f"the manifest of the {lang} QTI package")),
            *entries]


class QtiExporter:
    name, folder, editions = "qti", "quizzes", ()
    summary = "every quiz as an IMS QTI 2.1 content package (zip), per language"

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        return [*xml_problems(quiz_bank_fields(catalog), lang, "QTI"), *locale_problems(catalog, lang, "QTI")]

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        return [write_zip(artifact(out_dir, "quizzes", lang, "qti21", "zip"), package(catalog, lang))]
