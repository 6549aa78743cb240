"""GIFT: Moodle's plain-text question format, one file per language.

Texts are written in GIFT's ``[html]`` format: HTML-escaped first, then GIFT's
special characters ``~ = # { } :`` (and the backslash itself) are escaped with a
backslash, and line breaks (``\\r\\n``, ``\\r`` or ``\\n``) become ``\\n``. A choice text that starts
with ``%`` would read as a weight, so its ``%`` is written as the HTML reference ``&#37;`` (``&\\#37;``).

A line that GIFT reads up to its end (``$CATEGORY:`` and ``//`` comments) cannot escape anything, so
every kind of line break in it becomes a space: no text can end the line early and start a question.
"""

from __future__ import annotations

import re
from pathlib import Path

from curriculum import assessments, questions
from curriculum.diagnostics import Diagnostic
from curriculum.export.base import ExportError, artifact, write_text
from curriculum.export.checks import type_problems
from curriculum.export.quizbank import (
    category,
    general_feedback_html,
    header_comment,
    question_name,
    quizzes_in_order,
)
from curriculum.export.text import html
from curriculum.model import Catalog, Question, Quiz

_SPECIAL = "\\~=#{}:"
_LINE_BREAK = re.compile("\r\n|[\r\n]")
# Every character some reader may take for the end of a line (Python's str.splitlines() set).
_ANY_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape(text: str) -> str:
    """Escape GIFT's special characters in an already HTML-escaped text."""
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)
    return _LINE_BREAK.sub("\\\\n", out)


def one_line(text: str) -> str:
    """``text`` for a line GIFT reads to its end (category, comment): every line break becomes a space."""
    return _ANY_BREAK.sub(" ", text)


def _answer(text: str) -> str:
    text = escape(text)
    return "&\\#37;" + text[1:] if text.startswith("%") else text  # `&#37;` with GIFT's `#` escaped


def _category_path(name: str, top: bool = True) -> str:
    escaped = one_line(name).replace("/", "//")  # Moodle escapes `/` in a category name as `//`
    return "$course$/top/" + escaped if top else escaped


class Helpers:
    """What a question type (curriculum.questions) writes its GIFT answers with."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog, self.lang = catalog, lang

    def escape(self, text: str) -> str:
        return escape(text)

    def answer(self, text: str) -> str:
        return _answer(text)

    def html(self, text: str) -> str:
        return html(text)


def question(catalog: Catalog, quiz: Quiz, q: Question, lang: str, name: str | None = None) -> str:
    if (why := questions.kind(q).unsupported("gift", q)) is not None:   # problems() said so first (CUR502)
        raise ExportError(f"question `{q.id}` of quiz `{quiz.id}` cannot be written in GIFT: {why}")
    head = f"::{escape(name or question_name(quiz, q))}::[html]{escape(html(q.prompt[lang]))}"
    general = f"\t####{escape(general_feedback_html(catalog, q, lang))}\n"
    answers = questions.kind(q).gift(Helpers(catalog, lang), q)
    return f"{head}{{{answers}{general}}}\n"


def render(catalog: Catalog, lang: str) -> str:
    """A category per module and, inside it, one per objective (the objective's pool), as in Moodle XML; each
    pre/post form a category of its own with copies of its questions. GIFT has no random question: an exam is
    put together in Moodle from the objectives' categories (docs/authoring.md)."""
    parts = [f"// {one_line(header_comment(lang))}\n"]

    def ask(quiz: Quiz, q: Question, name: str | None = None) -> None:
        parts.append(f"\n// {one_line(f'{q.id} ({q.type}; objective: {q.objective})')}\n")
        parts.append(question(catalog, quiz, q, lang, name))

    for quiz, module in quizzes_in_order(catalog):
        head = category(catalog, quiz, module, lang)
        objectives = module.objectives if module is not None else ()
        known = {o.id for o in objectives}
        parts.append(f"\n$CATEGORY: {_category_path(head)}\n")   # the module's category, then its pools
        for o in objectives:
            parts.append(f"\n$CATEGORY: {_category_path(head)}/{_category_path(o.text[lang], top=False)}\n")
            for q in quiz.questions:
                if q.objective == o.id:
                    ask(quiz, q)
        rest = [q for q in quiz.questions if q.objective not in known]
        if rest:
            if objectives:
                parts.append(f"\n$CATEGORY: {_category_path(head)}\n")
            for q in rest:
                ask(quiz, q)
    for track in catalog.tracks:
        if track.pre_post is None:
            continue
        forms = assessments.forms(catalog, track, track.pre_post)
        for form, key in (("pre", "pre_test"), ("post", "post_test")):
            title = f"{catalog.string(lang, key)}: {track.pre_post.title[lang]}"
            parts.append(f"\n$CATEGORY: {_category_path(title)}\n")
            for _, item in forms.form(form):
                ask(item.quiz, item.question, f"{form}:{track.id}/{question_name(item.quiz, item.question)}")
    return "".join(parts)


class GiftExporter:
    name, folder, editions = "gift", "quizzes", ()
    summary = "every quiz as GIFT (Moodle's text format), per language"

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        return type_problems(catalog, "gift")  # every character and line break has a GIFT spelling

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        return [write_text(artifact(out_dir, "quizzes", lang, "gift", "txt"), render(catalog, lang))]
