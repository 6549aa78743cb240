"""Moodle XML: the question-bank format Moodle imports without loss, one file per language.

One category per quiz (named after its module, numbered in curriculum order);
single and multiple choice become ``multichoice`` questions, true/false becomes
``truefalse``. Texts are HTML (escaped, with language spans kept) inside XML
text nodes, so XML markup in a text is escaped twice over and comes back intact.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from curriculum import questions
from curriculum.diagnostics import Diagnostic
from curriculum.export.base import ExportError, artifact, write_bytes, xml_bytes
from curriculum.export.checks import locale_problems, quiz_bank_fields, type_problems, xml_problems
from curriculum.export.quizbank import (
    category,
    general_feedback_html,
    header_comment,
    question_name,
    quizzes_in_order,
)
from curriculum.export.text import html, plain
from curriculum.model import Catalog, Question, Quiz


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _simple(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


class Builder:
    """What a question type (curriculum.questions) writes its Moodle XML part with."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog, self.lang = catalog, lang

    def text(self, parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
        return _text(parent, tag, value, fmt)

    def simple(self, parent: ET.Element, tag: str, value: str) -> None:
        _simple(parent, tag, value)

    def html(self, text: str) -> str:
        return html(text)

    def plain(self, text: str) -> str:
        return plain(text)


def question(catalog: Catalog, quiz: Quiz, q: Question, lang: str) -> ET.Element:
    kind = questions.kind(q)
    if (why := kind.unsupported("moodle", q)) is not None:   # problems() said so first (CUR502)
        raise ExportError(f"question `{q.id}` of quiz `{quiz.id}` cannot be written in Moodle XML: {why}")
    el = ET.Element("question", {"type": kind.moodle_type})
    _text(el, "name", question_name(quiz, q), fmt=None)
    _text(el, "questiontext", html(q.prompt[lang]))
    _text(el, "generalfeedback", general_feedback_html(catalog, q, lang))
    _simple(el, "defaultgrade", "1")
    _simple(el, "penalty", "0")
    _simple(el, "hidden", "0")
    _simple(el, "idnumber", question_name(quiz, q))
    kind.moodle(Builder(catalog, lang), el, q)
    return el


def render(catalog: Catalog, lang: str) -> bytes:
    root = ET.Element("quiz")
    root.append(ET.Comment(f" {header_comment(lang)} "))
    for quiz, module in quizzes_in_order(catalog):
        cat = ET.SubElement(root, "question", {"type": "category"})
        _text(cat, "category", "$course$/top/" + category(catalog, quiz, module, lang).replace("/", "//"), fmt=None)
        _text(cat, "info", html(quiz.title[lang]))
        for q in quiz.questions:
            root.append(question(catalog, quiz, q, lang))
    ET.indent(root)
    return xml_bytes(root, f"the Moodle XML of the {lang} quizzes")


class MoodleExporter:
    name, folder, editions = "moodle", "quizzes", ()
    summary = "every quiz as Moodle XML, per language"

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        return [*type_problems(catalog, "moodle"), *xml_problems(quiz_bank_fields(catalog), lang, "Moodle XML"),
                *locale_problems(catalog, lang, "Moodle XML")]

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        return [write_bytes(artifact(out_dir, "quizzes", lang, "moodle", "xml"), render(catalog, lang))]
