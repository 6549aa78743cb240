"""Moodle XML: the question-bank format Moodle imports without loss, one file per language.

One category per quiz (named after its module, numbered in curriculum order);
single and multiple choice become ``multichoice`` questions, true/false becomes
``truefalse``. Texts are HTML (escaped, with language spans kept) inside XML
text nodes, so XML markup in a text is escaped twice over and comes back intact.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from curriculum import assessments, questions
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


def question(catalog: Catalog, quiz: Quiz, q: Question, lang: str, name: str | None = None) -> ET.Element:
    """One question; ``name`` (also its idnumber) for a copy in a pre/post form's category."""
    kind = questions.kind(q)
    if (why := kind.unsupported("moodle", q)) is not None:   # problems() said so first (CUR502)
        raise ExportError(f"question `{q.id}` of quiz `{quiz.id}` cannot be written in Moodle XML: {why}")
    el = ET.Element("question", {"type": kind.moodle_type})
    _text(el, "name", name or question_name(quiz, q), fmt=None)
    _text(el, "questiontext", html(q.prompt[lang]))
    _text(el, "generalfeedback", general_feedback_html(catalog, q, lang))
    _simple(el, "defaultgrade", "1")
    _simple(el, "penalty", "0")
    _simple(el, "hidden", "0")
    _simple(el, "idnumber", name or question_name(quiz, q))
    kind.moodle(Builder(catalog, lang), el, q)
    return el


def _category(root: ET.Element, path: list[str], info: str) -> None:
    cat = ET.SubElement(root, "question", {"type": "category"})
    _text(cat, "category", "$course$/top/" + "/".join(p.replace("/", "//") for p in path), fmt=None)
    _text(cat, "info", info)


def random_question(name: str) -> ET.Element:
    """A Moodle ``random`` question: drawn, in each attempt, from the category it is in (not its sub-categories:
    ``questiontext`` 0), as Moodle's own export writes one."""
    el = ET.Element("question", {"type": "random"})
    _text(el, "name", name, fmt=None)
    _text(el, "questiontext", "0")
    _text(el, "generalfeedback", "")
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0")):
        _simple(el, tag, value)
    return el


def render(catalog: Catalog, lang: str) -> bytes:
    """One category per module and, inside it, one per objective: the objective's pool. Each track's exam adds
    to each pool it draws from as many ``random`` questions as it draws (named ``exam:<track>/<objective>/<n>``);
    each pre/post form is a category of its own with copies of its questions (``pre:<track>/<quiz>/<question>``)."""
    root = ET.Element("quiz")
    root.append(ET.Comment(f" {header_comment(lang)} "))
    random: dict[str, list[str]] = {}   # objective ref -> names of the random questions that draw from it
    for track in catalog.tracks:
        if track.exam is not None:
            for d in assessments.draws(catalog, track, track.exam):
                random.setdefault(d.ref, []).extend(f"exam:{track.id}/{d.ref}/{n}" for n in range(1, d.count + 1))
    for quiz, module in quizzes_in_order(catalog):
        head = category(catalog, quiz, module, lang)
        _category(root, [head], html(quiz.title[lang]))
        objectives = module.objectives if module is not None else ()
        by_objective = {o.id: [q for q in quiz.questions if q.objective == o.id] for o in objectives}
        rest = [q for q in quiz.questions if q.objective not in by_objective]
        for o in objectives:
            _category(root, [head, o.text[lang]], html(o.text[lang]))
            for q in by_objective[o.id]:
                root.append(question(catalog, quiz, q, lang))
            for name in random.get(f"{module.id}/{o.id}" if module else "", []):
                root.append(random_question(name))
        if rest:
            _category(root, [head], html(quiz.title[lang]))
            for q in rest:
                root.append(question(catalog, quiz, q, lang))
    for track in catalog.tracks:
        if track.pre_post is None:
            continue
        forms = assessments.forms(catalog, track, track.pre_post)
        for form, key in (("pre", "pre_test"), ("post", "post_test")):
            title = f"{catalog.string(lang, key)}: {track.pre_post.title[lang]}"
            _category(root, [title], html(title))
            for _, item in forms.form(form):
                root.append(question(catalog, item.quiz, item.question, lang,
                                     name=f"{form}:{track.id}/{question_name(item.quiz, item.question)}"))
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
