"""What the three choice types (single, multiple, true_false) share: choices, each right or not."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

from curriculum.model import Choice, ChoiceBody, Question, Quiz, Text
from curriculum.questions.base import Gift, Html, Moodle, Paper, Qti, QuestionKind
from curriculum.schema import Reader
from curriculum.yamlsource import Node

# Moodle accepts only these answer fractions (question/format.php); 100/k is one of them for k = 1…10.
MOODLE_FRACTIONS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571",
                    8: "12.5", 9: "11.11111", 10: "10"}

MIN_CHOICES, MAX_CHOICES = 2, 8


def choices_of(q: Question) -> tuple[Choice, ...]:
    return q.body.choices if isinstance(q.body, ChoiceBody) else ()


class ChoiceKind(QuestionKind):
    """A question answered by picking choices; single and multiple read ``choices``, true_false ``answer``."""

    keys = frozenset({"choices"})
    hint = "select_one"
    scorm_type = "choice"
    moodle_type = "multichoice"
    input_type = "radio"
    box = "○"   # the worksheet's answer box

    # -- reading --
    def misplaced(self, r: Reader, key: str, node: Node, where: str) -> None:
        """A key of another type written in a question of this type."""
        if key == "answer":
            r.report(node, "CUR101", "`answer` is only for true_false questions; mark choices `correct: true`")
        else:
            r.report(node, "CUR101", f"`{key}` is not a key of {self.name} questions",
                     f"a {self.name} question states its answer with `choices:`")

    def read(self, r: Reader, f: Mapping[str, Node], node: Node, where: str) -> ChoiceBody | None:
        return ChoiceBody(self._choices(r, f.get("choices"), node, where))

    def _choices(self, r: Reader, node: Node | None, question: Node, where: str) -> tuple[Choice, ...]:
        if node is None:
            r.report(question, "CUR103", f"{where} is missing required key `choices`")
            return ()
        pairs: list[tuple[Choice, Node]] = []
        for item in r.items(node, "choices"):
            f = r.fields(item, "a choice", {"id", "text"}, {"correct", "feedback"})
            if f is None:
                continue
            ident = r.ident(f.get("id"), "choices.id")
            text = r.text(f.get("text"), "choice text", single_line=True)
            correct = r.boolean(f.get("correct"), "correct") if "correct" in f else False
            feedback = r.text(f.get("feedback"), "feedback") if "feedback" in f else None
            if ident and text:
                pairs.append((Choice(ident, text, bool(correct), feedback), item))
        r.unique([(c.id, n) for c, n in pairs], "choice")
        choices = tuple(c for c, _ in pairs)
        if node.is_list and not MIN_CHOICES <= len(node.value) <= MAX_CHOICES:
            r.report(node, "CUR403", f"{where} has {len(node.value)} choice(s); give between {MIN_CHOICES} and "
                     f"{MAX_CHOICES}")
        n_correct = sum(c.correct for c in choices)
        if choices and n_correct == 0:
            r.report(node, "CUR401", f"{where} has no correct choice", "mark the right choice(s) `correct: true`")
        self.check_correct(r, node, where, n_correct)
        return choices

    def check_correct(self, r: Reader, node: Node, where: str, n_correct: int) -> None:
        """How many right choices the type allows (single: one)."""

    def texts(self, q: Question) -> Iterator[tuple[Text, str, str]]:
        for c in choices_of(q):
            yield c.text, "choices", f"choice `{c.id}`"
            if c.feedback is not None:
                yield c.feedback, "choices", f"the feedback of choice `{c.id}`"

    # -- the site --
    def body_html(self, h: Html, q: Question) -> str:
        qid = h.qid(q)
        out = []
        for c in choices_of(q):
            label = self.html_label(h, c)
            marker = f' <strong class="cur-key">✓ {h.s("correct_answer")}</strong>' if h.facilitator and c.correct \
                else ""
            out.append(f'<label class="cur-choice"><input type="{self.input_type}" name="{qid}" value="{c.id}"'
                       f'{self.choice_key(h, q, c)}> <span>{label}</span>{marker} <span class="cur-mark"></span>'
                       "</label>")
        return f'<div class="cur-choices">{"".join(out)}</div>'

    def choice_key(self, h: Html, q: Question, c: Choice) -> str:
        """An attribute the page's script judges a chosen choice by (multiple: which chosen ones are right)."""
        return ""

    def html_label(self, h: Html, c: Choice) -> str:
        return h.text(c.text[h.lang])

    def feedback_html(self, h: Html, q: Question) -> str:
        return "".join(f'<p class="cur-fb" data-choice="{c.id}" hidden>{h.text(c.feedback[h.lang])}</p>'
                       for c in choices_of(q) if c.feedback is not None)

    # -- paper --
    def _lettered(self, p: Paper, q: Question) -> list[tuple[str, str, Choice]]:
        return [(chr(ord("a") + n), self.paper_label(p, c), c) for n, c in enumerate(choices_of(q))]

    def paper_label(self, p: Paper, c: Choice) -> str:
        return p.html(c.text[p.lang])

    def worksheet_html(self, p: Paper, q: Question) -> str:
        choices = "".join(f'<li><span class="box" aria-hidden="true">{self.box}</span> {letter}) {text}</li>'
                          for letter, text, _ in self._lettered(p, q))
        return f'<p class="hint">{p.s(self.hint)}</p><ul class="choices">{choices}</ul>'

    def key_html(self, p: Paper, q: Question) -> str:
        lettered = self._lettered(p, q)
        right = ", ".join(f"{letter}) {text}" for letter, text, c in lettered if c.correct)
        feedback = "".join(f"<li>{letter}) {p.html(c.feedback[p.lang])}</li>"
                           for letter, _, c in lettered if c.feedback is not None)
        return (f'<p class="right">{p.s("correct_answer")}: {right}</p>'
                + (f"<p>{p.t('feedback')}:</p><ul>{feedback}</ul>" if feedback else ""))

    def answer_code(self, p: Paper, q: Question) -> str:
        return ", ".join(letter for letter, _, c in self._lettered(p, q) if c.correct)

    def sheet_cell(self, p: Paper, q: Question) -> str:
        return "   ".join(letter for letter, _, _ in self._lettered(p, q))

    # -- exports --
    def fractions(self, q: Question) -> dict[str, str]:
        """Moodle/GIFT answer weights per choice id: 100 for the right choice, 0 otherwise."""
        return {c.id: "100" if c.correct else "0" for c in choices_of(q)}

    def qti_label(self, x: Qti, c: Choice) -> str:
        return c.text[x.lang]

    def qti_declare(self, x: Qti, root: ET.Element, q: Question) -> None:
        response = x.el(root, "responseDeclaration", {
            "identifier": "RESPONSE", "cardinality": "multiple" if self.name == "multiple" else "single",
            "baseType": "identifier"})
        correct = x.el(response, "correctResponse")
        for cid in q.correct_ids:
            x.el(correct, "value", text=x.ident(cid))

    def qti_interaction(self, x: Qti, body: ET.Element, q: Question) -> None:
        interaction = x.el(body, "choiceInteraction", {
            "responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "0" if self.name == "multiple" else "1",
            "minChoices": "1"})
        x.rich(x.el(interaction, "prompt"), q.prompt[x.lang])
        for c in choices_of(q):
            x.rich(x.el(interaction, "simpleChoice", {"identifier": x.ident(c.id)}), self.qti_label(x, c))

    def qti_feedback(self, x: Qti, rp: ET.Element, root: ET.Element, q: Question) -> None:
        feedback = x.el(x.el(rp, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
        x.el(feedback, "variable", {"identifier": "RESPONSE"})
        x.value(feedback, "identifier", "EXPLANATION")
        for c in choices_of(q):
            if c.feedback is not None:
                x.feedback(root, x.ident(c.id), c.feedback[x.lang])

    def moodle(self, m: Moodle, el: ET.Element, q: Question) -> None:
        weights = self.fractions(q)
        m.simple(el, "single", "true" if self.name == "single" else "false")
        m.simple(el, "shuffleanswers", "false")  # authors order choices on purpose
        m.simple(el, "answernumbering", "abc")
        m.text(el, "correctfeedback", m.html(m.catalog.string(m.lang, "correct")))
        m.text(el, "partiallycorrectfeedback", m.html(m.catalog.string(m.lang, "incorrect")))
        m.text(el, "incorrectfeedback", m.html(m.catalog.string(m.lang, "incorrect")))
        for c in choices_of(q):
            answer = ET.SubElement(el, "answer", {"fraction": weights[c.id], "format": "html"})
            ET.SubElement(answer, "text").text = m.html(c.text[m.lang])
            m.text(answer, "feedback", m.html(c.feedback[m.lang]) if c.feedback is not None else "")

    def gift_mark(self, weights: dict[str, str], c: Choice) -> str:
        return "=" if c.correct else "~"

    def gift(self, g: Gift, q: Question) -> str:
        weights = self.fractions(q)
        lines = []
        for c in choices_of(q):
            line = f"\t{self.gift_mark(weights, c)}{g.answer(g.html(c.text[g.lang]))}"
            if c.feedback is not None:
                line += f"#{g.escape(g.html(c.feedback[g.lang]))}"
            lines.append(line + "\n")
        return "\n" + "".join(lines)

    def scorm(self, quiz: Quiz, q: Question, answer_hash: str) -> list[Any]:
        return [q.id, [c.id for c in choices_of(q)], answer_hash]

    def suspend_width(self, q: Question) -> int:
        return 2  # a bitmask of the picked choices (at most 8)
