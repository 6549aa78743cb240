"""``type: single`` — one right choice among 2–8, as radio buttons."""

from __future__ import annotations

from curriculum.questions.choice import ChoiceKind
from curriculum.schema import Reader
from curriculum.yamlsource import Node


class Single(ChoiceKind):
    name = "single"

    def check_correct(self, r: Reader, node: Node, where: str, n_correct: int) -> None:
        if n_correct > 1:
            r.report(node, "CUR402", f"{where} is single-choice but has {n_correct} correct choices",
                     "keep one `correct: true`, or use `type: multiple`")


KIND = Single()
