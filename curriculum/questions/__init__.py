"""The question types, one module each, registered here: the one place a new type is added.

``KINDS`` maps each ``type:`` value to its :class:`~curriculum.questions.base.QuestionKind`; the loader's
allowed values (``QUESTION_TYPES``), the site, the handbook and every export read it from here. To add a
type: write its module (its body dataclass, reading and checks, HTML, paper, encodings), add it below, give
quiz.js (and scorm.js) a handler for its ``data-type``, and test it in tests/test_question_types.py.
"""

from __future__ import annotations

from curriculum.model import Question
from curriculum.questions import matching, multiple, ordering, single, true_false
from curriculum.questions.base import QuestionKind

KINDS: dict[str, QuestionKind] = {k.name: k for k in (single.KIND, multiple.KIND, true_false.KIND, matching.KIND,
                                                      ordering.KIND)}

QUESTION_TYPES: tuple[str, ...] = tuple(KINDS)

TYPE_KEYS: frozenset[str] = frozenset().union(*(k.keys for k in KINDS.values()))
"""Every type-specific key of a question, of any type."""


def kind(q: Question) -> QuestionKind:
    """The type of a loaded question (the loader keeps only questions of a known type)."""
    return KINDS[q.type]
