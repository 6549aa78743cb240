"""``type: true_false`` — ``answer: true|false``; the choices `true` and `false` are labelled from the locale."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping

from curriculum.model import Choice, ChoiceBody, Question, Text
from curriculum.questions.base import Gift, Html, Moodle, Paper, Qti
from curriculum.questions.choice import ChoiceKind, choices_of
from curriculum.schema import Reader
from curriculum.yamlsource import Node


class TrueFalse(ChoiceKind):
    name = "true_false"
    keys = frozenset({"answer"})
    scorm_type = "true-false"
    moodle_type = "truefalse"

    def misplaced(self, r: Reader, key: str, node: Node, where: str) -> None:
        if key == "choices":
            r.report(node, "CUR403", f"{where} is true/false: state `answer: true|false`, not `choices`")
        else:
            r.report(node, "CUR101", f"`{key}` is not a key of true_false questions",
                     "a true/false question states its answer with `answer: true|false`")

    def read(self, r: Reader, f: Mapping[str, Node], node: Node, where: str) -> ChoiceBody | None:
        if "answer" not in f:
            r.report(node, "CUR103", f"{where} is missing required key `answer`")
        answer = r.boolean(f.get("answer"), "answer")
        if answer is None:
            return ChoiceBody(())
        return ChoiceBody((Choice("true", Text("", ""), answer, None), Choice("false", Text("", ""), not answer, None)))

    def texts(self, q: Question) -> Iterator[tuple[Text, str, str]]:
        return iter(())  # the labels are interface strings (checked with the locales)

    def html_label(self, h: Html, c: Choice) -> str:
        return h.s(c.id)

    def paper_label(self, p: Paper, c: Choice) -> str:
        return p.s(c.id)

    def qti_label(self, x: Qti, c: Choice) -> str:
        return x.catalog.string(x.lang, c.id)

    def moodle(self, m: Moodle, el: ET.Element, q: Question) -> None:
        for c in choices_of(q):  # Moodle reads the answers `true` and `false` and labels them itself
            answer = ET.SubElement(el, "answer", {"fraction": "100" if c.correct else "0",
                                                  "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = c.id
            m.text(answer, "feedback", "")

    def gift(self, g: Gift, q: Question) -> str:
        return "TRUE\n" if q.correct_ids == ("true",) else "FALSE\n"


KIND = TrueFalse()
