"""What the quiz-bank formats (GIFT, Moodle XML, QTI) share: categories, scoring and feedback text."""

from __future__ import annotations

from curriculum import bibliography
from curriculum.export.text import html, string
from curriculum.model import Catalog, Module, Question, Quiz


def quizzes_in_order(catalog: Catalog) -> list[tuple[Quiz, Module | None]]:
    """Every quiz with the module that uses it, in curriculum order (unused quizzes last, by id)."""
    users = {m.quiz_id: m for m in catalog.modules}
    order = {m.quiz_id: n for n, m in enumerate(catalog.modules)}
    quizzes = sorted(catalog.quizzes.values(), key=lambda q: (order.get(q.id, len(order)), q.id))
    return [(q, users.get(q.id)) for q in quizzes]


def category(catalog: Catalog, quiz: Quiz, module: Module | None, lang: str) -> str:
    """The bank category of a quiz: numbered like the curriculum, named after its module."""
    if module is None:
        return quiz.title[lang]
    return f"{module.order:02d} {module.title[lang]}"


def question_name(quiz: Quiz, q: Question) -> str:
    """A stable, language-neutral question name: learners' results and re-imports are keyed by it."""
    return f"{quiz.id}/{q.id}"


def general_feedback_html(catalog: Catalog, q: Question, lang: str) -> str:
    """The explanation and source of a question, as HTML (Moodle's general feedback)."""
    return (f"<p><strong>{html(catalog.string(lang, 'explanation'))}.</strong> {html(q.explanation[lang])}</p>"
            f"<p><strong>{html(catalog.string(lang, 'source'))}:</strong> "
            f"<cite>{html(bibliography.cite_text(catalog, q.source, lang))}</cite></p>")


def header_comment(lang: str) -> str:
    return string("generated", lang)
