"""``type: ordering`` — items written in the right order, shown in a seeded shuffle.

On the site the items are a list; each has "Move up" and "Move down" buttons (keyboard, touch and screen
reader alike; each move is announced in a live region). A learner's answer is the item ids in their order.
Moodle XML and GIFT have no ordering question (Moodle's is a plugin): those exports refuse it (CUR502).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar

from curriculum.model import Question, QuestionBody, Quiz, Text
from curriculum.questions.base import (
    BANK_FORMATS,
    Gift,
    Html,
    Moodle,
    Paper,
    Qti,
    QuestionKind,
    display_order,
    item_key,
    plain,
)
from curriculum.schema import Reader
from curriculum.yamlsource import Node

MIN_ITEMS, MAX_ITEMS = 3, 8


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    feedback: Text | None


@dataclass(frozen=True)
class OrderingBody(QuestionBody):
    ordered: ClassVar[bool] = True
    items: tuple[Item, ...] = ()

    def answer(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)


def body_of(q: Question) -> OrderingBody:
    return q.body if isinstance(q.body, OrderingBody) else OrderingBody()


def shown_items(quiz_id: str, q: Question, attempt: str = "") -> list[Item]:
    """The items in the order learners first see them: a seeded shuffle that is never the right order."""
    items = {i.id: i for i in body_of(q).items}
    return [items[i] for i in display_order(list(items), quiz_id, q.id, attempt)]


class Ordering(QuestionKind):
    name = "ordering"
    keys = frozenset({"items"})
    hint = "select_order"
    scorm_type = "sequencing"
    moodle_type = ""

    # -- reading and checks --
    def read(self, r: Reader, f: Mapping[str, Node], node: Node, where: str) -> OrderingBody | None:
        if "items" not in f:
            r.report(node, "CUR103", f"{where} is missing required key `items`")
        items: list[tuple[Item, Node]] = []
        for item in r.items(f.get("items"), "items"):
            g = r.fields(item, "an item", {"id", "text"}, {"feedback"})
            if g is None:
                continue
            ident = r.ident(g.get("id"), "items.id")
            text = r.text(g.get("text"), "item text", single_line=True)
            feedback = r.text(g.get("feedback"), "feedback") if "feedback" in g else None
            if ident and text:
                items.append((Item(ident, text, feedback), item))
        r.unique([(i.id, n) for i, n in items], "item")
        given = f.get("items")
        if given is not None and given.is_list and not MIN_ITEMS <= len(given.value) <= MAX_ITEMS:
            r.report(given, "CUR403", f"{where} has {len(given.value)} item(s); give between {MIN_ITEMS} and "
                     f"{MAX_ITEMS}, in the right order")
        for lang in ("en", "es"):
            seen: dict[str, Node] = {}
            for i, n in items:
                key = " ".join(i.text[lang].split()).casefold()
                if key and key in seen:
                    r.report(n, "CUR104", f"{where}: two items read the same in {lang} (`{i.text[lang][:40]}`, "
                             f"first on line {seen[key].line})", "a learner could not tell them apart: reword one")
                seen.setdefault(key, n)
        return OrderingBody(tuple(i for i, _ in items))

    def texts(self, q: Question) -> Iterator[tuple[Text, str, str]]:
        for i in body_of(q).items:
            yield i.text, "items", f"item `{i.id}`"
            if i.feedback is not None:
                yield i.feedback, "items", f"the feedback of item `{i.id}`"

    # -- the site --
    def body_html(self, h: Html, q: Question) -> str:
        right = {i.id: n for n, i in enumerate(body_of(q).items, 1)}
        rows = []
        for item in shown_items(h.quiz.id, q):
            name = escape(plain(item.text[h.lang]))
            key = ""
            if h.facilitator:
                key = f' <strong class="cur-key">✓ {h.s("position", n=right[item.id])}</strong>'
            rows.append(
                f'<li class="cur-item" data-item="{item.id}" '
                f'data-k="{item_key(h.quiz.id, q.id, f"{item.id}@{right[item.id]}")}">'
                f'<span class="cur-blank" aria-hidden="true"></span> '
                f'<span class="cur-item-text">{h.text(item.text[h.lang])}</span>{key} '
                f'<span class="cur-moves">'
                f'<button type="button" class="md-button cur-up">{h.s("move_up")}<span class="cur-sr">: {name}</span>'
                f'</button> <button type="button" class="md-button cur-down">{h.s("move_down")}'
                f'<span class="cur-sr">: {name}</span></button></span> <span class="cur-mark"></span></li>')
        return (f'<p class="cur-print-hint">{h.s("print_order")}</p><ol class="cur-order">{"".join(rows)}</ol>'
                f'<p class="cur-live cur-sr" aria-live="polite"></p>')

    def feedback_html(self, h: Html, q: Question) -> str:
        return "".join(f'<p class="cur-fb" data-item="{i.id}" hidden><strong>{h.text(i.text[h.lang])}:</strong> '
                       f"{h.text(i.feedback[h.lang])}</p>" for i in body_of(q).items if i.feedback is not None)

    # -- paper --
    def worksheet_html(self, p: Paper, q: Question) -> str:
        items = "".join(f'<li><span class="blank" aria-hidden="true"></span> {p.html(i.text[p.lang])}</li>'
                        for i in shown_items(p.quiz.id, q))
        return f'<p class="hint">{p.s("print_order")}</p><ul class="order">{items}</ul>'

    def key_html(self, p: Paper, q: Question) -> str:
        items = body_of(q).items
        right = "".join(f"<li>{p.html(i.text[p.lang])}</li>" for i in items)
        feedback = "".join(f"<li>{p.html(i.text[p.lang])}: {p.html(i.feedback[p.lang])}</li>"
                           for i in items if i.feedback is not None)
        return (f'<p class="right">{p.s("correct_answer")}:</p><ol class="order-key">{right}</ol>'
                + (f"<p>{p.t('feedback')}:</p><ul>{feedback}</ul>" if feedback else ""))

    def answer_code(self, p: Paper, q: Question) -> str:
        """The right position of each item, in the order the worksheet lists them."""
        right = {i.id: n for n, i in enumerate(body_of(q).items, 1)}
        return ", ".join(str(right[i.id]) for i in shown_items(p.quiz.id, q))

    def sheet_cell(self, p: Paper, q: Question) -> str:
        return "   ".join("____" for _ in body_of(q).items)

    # -- exports --
    def unsupported(self, fmt: str, q: Question) -> str | None:
        return (f"{BANK_FORMATS.get(fmt, fmt)} has no ordering question (core Moodle has none; its `ordering` "
                "question type is a plugin)")

    def qti_declare(self, x: Qti, root: ET.Element, q: Question) -> None:
        response = x.el(root, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "ordered",
                                                      "baseType": "identifier"})
        correct = x.el(response, "correctResponse")
        for i in body_of(q).items:
            x.el(correct, "value", text=x.ident(i.id))

    def qti_interaction(self, x: Qti, body: ET.Element, q: Question) -> None:
        # the items are written in the right order: the delivery engine must shuffle them
        interaction = x.el(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        x.rich(x.el(interaction, "prompt"), q.prompt[x.lang])
        for i in body_of(q).items:
            x.rich(x.el(interaction, "simpleChoice", {"identifier": x.ident(i.id)}), i.text[x.lang])

    def qti_feedback(self, x: Qti, rp: ET.Element, root: ET.Element, q: Question) -> None:
        start = x.el(x.el(rp, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
        x.value(start, "identifier", "EXPLANATION")
        for n, i in enumerate(body_of(q).items, 1):
            if i.feedback is None:
                continue
            if_ = x.el(x.el(rp, "responseCondition"), "responseIf")   # the item is in its right place
            match = x.el(if_, "match")
            x.el(x.el(match, "index", {"n": str(n)}), "variable", {"identifier": "RESPONSE"})
            x.value(match, "identifier", x.ident(i.id))
            x.add_feedback(if_, x.ident(i.id))
            x.feedback(root, x.ident(i.id), i.feedback[x.lang])

    def moodle(self, m: Moodle, el: ET.Element, q: Question) -> None:
        raise ValueError("Moodle XML cannot carry an ordering question (checked before export: CUR502)")

    def gift(self, g: Gift, q: Question) -> str:
        raise ValueError("GIFT cannot carry an ordering question (checked before export: CUR502)")

    def scorm(self, quiz: Quiz, q: Question, answer_hash: str) -> list[Any]:
        return [q.id, [i.id for i in body_of(q).items], answer_hash, "ordering"]

    def suspend_width(self, q: Question) -> int:
        return len(body_of(q).items)  # per position one hex digit: the index of the item there


KIND = Ordering()
