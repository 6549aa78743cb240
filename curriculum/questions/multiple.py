"""``type: multiple`` — every right choice among 2–8, as checkboxes; all-or-nothing on the site."""

from __future__ import annotations

from curriculum.model import Choice, Question
from curriculum.questions.base import Html, item_key
from curriculum.questions.choice import MOODLE_FRACTIONS, ChoiceKind, choices_of


class Multiple(ChoiceKind):
    name = "multiple"
    hint = "select_many"
    input_type = "checkbox"
    box = "☐"

    def choice_key(self, h: Html, q: Question, c: Choice) -> str:
        """Each choice's hash of whether it is right: the page says how many right ones were missed and marks the
        chosen wrong ones (no more readable than the question's hash; docs/security.md)."""
        return f' data-k="{item_key(h.quiz.id, q.id, f"{c.id}|{int(c.correct)}")}"'

    def fractions(self, q: Question) -> dict[str, str]:
        """The right choices share 100 and a wrong choice costs 100: only the full right set scores 100 in
        Moodle (choosing part of it scores part; any wrong choice scores 0)."""
        right = MOODLE_FRACTIONS[len(q.correct_ids)]
        return {c.id: right if c.correct else "-100" for c in choices_of(q)}

    def gift_mark(self, weights: dict[str, str], c: Choice) -> str:
        return f"~%{weights[c.id]}%"


KIND = Multiple()
