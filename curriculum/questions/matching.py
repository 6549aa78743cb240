"""``type: matching`` — premises matched to responses; the answer key is the pairing.

Each pair states a premise and its one right response (the pair's id names both); ``distractors`` add
responses that match no premise. On the site each premise has a native ``<select>`` of every response (in a
seeded shuffle); a learner's answer is one token ``<premise>.<response>`` per premise.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from curriculum.model import Question, QuestionBody, Quiz, Text
from curriculum.questions.base import Gift, Html, Moodle, Paper, Qti, QuestionKind, display_order, item_key, plain
from curriculum.schema import Reader
from curriculum.yamlsource import Node

MIN_PAIRS, MAX_PAIRS, MAX_DISTRACTORS = 2, 8, 3
MOODLE_MIN_RESPONSES = 3  # Moodle's matching question: at least 2 sub-questions and 3 answers


@dataclass(frozen=True)
class Pair:
    id: str
    premise: Text
    response: Text
    feedback: Text | None


@dataclass(frozen=True)
class Distractor:
    id: str
    text: Text


@dataclass(frozen=True)
class MatchingBody(QuestionBody):
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[Distractor, ...] = ()

    def answer(self) -> tuple[str, ...]:
        return tuple(f"{p.id}.{p.id}" for p in self.pairs)

    @property
    def responses(self) -> tuple[tuple[str, Text], ...]:
        """Every response (the pairs', then the distractors'), as (id, text), in authored order."""
        return (*((p.id, p.response) for p in self.pairs), *((d.id, d.text) for d in self.distractors))


def body_of(q: Question) -> MatchingBody:
    return q.body if isinstance(q.body, MatchingBody) else MatchingBody()


def shown_responses(quiz_id: str, q: Question, attempt: str = "") -> list[tuple[str, Text]]:
    """The responses in the order learners see them (seeded: the same on the site and on paper)."""
    texts = dict(body_of(q).responses)
    return [(rid, texts[rid]) for rid in display_order(list(texts), quiz_id, q.id, attempt)]


def _letter(n: int) -> str:
    return chr(ord("A") + n)


class Matching(QuestionKind):
    name = "matching"
    keys = frozenset({"pairs", "distractors"})
    hint = "select_match"
    scorm_type = "matching"
    moodle_type = "matching"

    # -- reading and checks --
    def read(self, r: Reader, f: Mapping[str, Node], node: Node, where: str) -> MatchingBody | None:
        if "pairs" not in f:
            r.report(node, "CUR103", f"{where} is missing required key `pairs`")
        pairs: list[tuple[Pair, Node]] = []
        for item in r.items(f.get("pairs"), "pairs"):
            g = r.fields(item, "a pair", {"id", "premise", "response"}, {"feedback"})
            if g is None:
                continue
            ident = r.ident(g.get("id"), "pairs.id")
            premise = r.text(g.get("premise"), "premise", single_line=True)
            response = r.text(g.get("response"), "response", single_line=True)
            feedback = r.text(g.get("feedback"), "feedback") if "feedback" in g else None
            if ident and premise and response:
                pairs.append((Pair(ident, premise, response, feedback), item))
        distractors: list[tuple[Distractor, Node]] = []
        for item in r.items(f.get("distractors"), "distractors"):
            g = r.fields(item, "a distractor", {"id", "text"}, set())
            if g is None:
                continue
            ident = r.ident(g.get("id"), "distractors.id")
            text = r.text(g.get("text"), "distractor text", single_line=True)
            if ident and text:
                distractors.append((Distractor(ident, text), item))
        # pairs and distractors share one set of ids: the responses a learner picks from
        r.unique([(p.id, n) for p, n in pairs] + [(d.id, n) for d, n in distractors], "pair or distractor")
        given = f.get("pairs")
        if given is not None and given.is_list and not MIN_PAIRS <= len(given.value) <= MAX_PAIRS:
            r.report(given, "CUR403", f"{where} has {len(given.value)} pair(s); give between {MIN_PAIRS} and "
                     f"{MAX_PAIRS}")
        extra = f.get("distractors")
        if extra is not None and extra.is_list and len(extra.value) > MAX_DISTRACTORS:
            r.report(extra, "CUR403", f"{where} has {len(extra.value)} distractors; give at most {MAX_DISTRACTORS}",
                     "a distractor is a response that matches no premise")
        _same_texts(r, [(p.premise, n) for p, n in pairs], "premises", where)
        _same_texts(r, [(p.response, n) for p, n in pairs] + [(d.text, n) for d, n in distractors],
                    "responses", where)
        return MatchingBody(tuple(p for p, _ in pairs), tuple(d for d, _ in distractors))

    def texts(self, q: Question) -> Iterator[tuple[Text, str, str]]:
        body = body_of(q)
        for p in body.pairs:
            yield p.premise, "pairs", f"the premise of pair `{p.id}`"
            yield p.response, "pairs", f"the response of pair `{p.id}`"
            if p.feedback is not None:
                yield p.feedback, "pairs", f"the feedback of pair `{p.id}`"
        for d in body.distractors:
            yield d.text, "distractors", f"distractor `{d.id}`"

    # -- the site --
    def body_html(self, h: Html, q: Question) -> str:
        qid = h.qid(q)
        shown = shown_responses(h.quiz.id, q)
        options = f'<option value="">{h.s("match_placeholder")}</option>' + "".join(
            f'<option value="{rid}">{escape(plain(text[h.lang]))}</option>' for rid, text in shown)
        rows = []
        for p in body_of(q).pairs:
            sid = f"{qid}--{p.id}"
            key = ""
            if h.facilitator:
                key = f' <strong class="cur-key">✓ {h.text(p.response[h.lang])}</strong>'
            rows.append(
                f'<div class="cur-pair"><span class="cur-blank" aria-hidden="true"></span>'
                f'<label class="cur-premise" for="{sid}">{h.text(p.premise[h.lang])}</label> '
                f'<select id="{sid}" name="{sid}" data-premise="{p.id}" '
                f'data-k="{item_key(h.quiz.id, q.id, f"{p.id}.{p.id}")}" aria-describedby="mark-{sid}">{options}'
                f'</select> <span class="cur-mark" id="mark-{sid}"></span>{key}</div>')
        bank = "".join(f"<li>{h.text(text[h.lang])}</li>" for _, text in shown)
        return (f'<p class="cur-print-hint">{h.s("print_match")}</p><div class="cur-match">{"".join(rows)}'
                f'<ol class="cur-bank" type="A">{bank}</ol></div>')

    def feedback_html(self, h: Html, q: Question) -> str:
        return "".join(f'<p class="cur-fb" data-item="{p.id}" hidden><strong>{h.text(p.premise[h.lang])}:</strong> '
                       f"{h.text(p.feedback[h.lang])}</p>" for p in body_of(q).pairs if p.feedback is not None)

    # -- paper --
    def worksheet_html(self, p: Paper, q: Question) -> str:
        shown = shown_responses(p.quiz.id, q)
        pairs = body_of(q).pairs
        rows = []
        for n in range(max(len(pairs), len(shown))):
            left = (f'{n + 1}. <span class="blank" aria-hidden="true"></span> {p.html(pairs[n].premise[p.lang])}'
                    if n < len(pairs) else "")
            right = f"{_letter(n)}) {p.html(shown[n][1][p.lang])}" if n < len(shown) else ""
            rows.append(f"<tr><td>{left}</td><td>{right}</td></tr>")
        return (f'<p class="hint">{p.s("print_match")}</p><table class="match"><thead><tr>'
                f'<th scope="col">{p.s("match_premises")}</th><th scope="col">{p.s("match_responses")}</th></tr>'
                f'</thead><tbody>{"".join(rows)}</tbody></table>')

    def key_html(self, p: Paper, q: Question) -> str:
        letters = {rid: _letter(n) for n, (rid, _) in enumerate(shown_responses(p.quiz.id, q))}
        body = body_of(q)
        right = "".join(f"<li>{n}. {p.html(pair.premise[p.lang])} → {letters[pair.id]}) "
                        f"{p.html(pair.response[p.lang])}</li>" for n, pair in enumerate(body.pairs, 1))
        feedback = "".join(f"<li>{p.html(pair.premise[p.lang])}: {p.html(pair.feedback[p.lang])}</li>"
                           for pair in body.pairs if pair.feedback is not None)
        return (f'<p class="right">{p.s("correct_answer")}:</p><ul class="pairs">{right}</ul>'
                + (f"<p>{p.t('feedback')}:</p><ul>{feedback}</ul>" if feedback else ""))

    def answer_code(self, p: Paper, q: Question) -> str:
        letters = {rid: _letter(n) for n, (rid, _) in enumerate(shown_responses(p.quiz.id, q))}
        return ", ".join(f"{n} → {letters[pair.id]}" for n, pair in enumerate(body_of(q).pairs, 1))

    def sheet_cell(self, p: Paper, q: Question) -> str:
        return "   ".join(f"{n} ____" for n in range(1, len(body_of(q).pairs) + 1))

    # -- exports --
    def unsupported(self, fmt: str, q: Question) -> str | None:
        n = len(body_of(q).responses)
        if n < MOODLE_MIN_RESPONSES:
            return (f"it has {n} responses and Moodle's matching question needs at least {MOODLE_MIN_RESPONSES}: "
                    "add a pair or a distractor")
        return None

    def qti_declare(self, x: Qti, root: ET.Element, q: Question) -> None:
        response = x.el(root, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "multiple",
                                                      "baseType": "directedPair"})
        correct = x.el(response, "correctResponse")
        for p in body_of(q).pairs:
            x.el(correct, "value", text=f"{_premise(x, p.id)} {_response(x, p.id)}")

    def qti_interaction(self, x: Qti, body: ET.Element, q: Question) -> None:
        b = body_of(q)
        interaction = x.el(body, "matchInteraction", {
            "responseIdentifier": "RESPONSE", "shuffle": "true", "maxAssociations": str(len(b.pairs)),
            "minAssociations": "0"})
        x.rich(x.el(interaction, "prompt"), q.prompt[x.lang])
        premises = x.el(interaction, "simpleMatchSet")
        for p in b.pairs:
            x.rich(x.el(premises, "simpleAssociableChoice", {"identifier": _premise(x, p.id), "matchMax": "1"}),
                   p.premise[x.lang])
        responses = x.el(interaction, "simpleMatchSet")
        for rid, text in b.responses:  # a response may answer several premises, as on the site
            x.rich(x.el(responses, "simpleAssociableChoice", {"identifier": _response(x, rid),
                                                              "matchMax": str(len(b.pairs))}), text[x.lang])

    def qti_feedback(self, x: Qti, rp: ET.Element, root: ET.Element, q: Question) -> None:
        start = x.el(x.el(rp, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
        x.value(start, "identifier", "EXPLANATION")
        for p in body_of(q).pairs:
            if p.feedback is None:
                continue
            if_ = x.el(x.el(rp, "responseCondition"), "responseIf")
            member = x.el(if_, "member")
            x.value(member, "directedPair", f"{_premise(x, p.id)} {_response(x, p.id)}")
            x.el(member, "variable", {"identifier": "RESPONSE"})
            x.add_feedback(if_, x.ident(p.id))
            x.feedback(root, x.ident(p.id), p.feedback[x.lang])

    def moodle(self, m: Moodle, el: ET.Element, q: Question) -> None:
        m.simple(el, "shuffleanswers", "true")  # Moodle shuffles the responses of each attempt
        m.text(el, "correctfeedback", m.html(m.catalog.string(m.lang, "correct")))
        m.text(el, "partiallycorrectfeedback", m.html(m.catalog.string(m.lang, "incorrect")))
        m.text(el, "incorrectfeedback", m.html(m.catalog.string(m.lang, "incorrect")))
        b = body_of(q)
        for p in b.pairs:   # the answer is plain text in Moodle (a menu item); the premise is HTML
            sub = m.text(el, "subquestion", m.html(p.premise[m.lang]))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = m.plain(p.response[m.lang])
        for d in b.distractors:  # an answer with an empty sub-question: a response that matches nothing
            sub = m.text(el, "subquestion", "")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = m.plain(d.text[m.lang])

    def gift(self, g: Gift, q: Question) -> str:
        b = body_of(q)
        lines = [f"\t={g.escape(g.html(p.premise[g.lang]))} -> {g.escape(g.html(p.response[g.lang]))}\n"
                 for p in b.pairs]
        lines += [f"\t= -> {g.escape(g.html(d.text[g.lang]))}\n" for d in b.distractors]
        return "\n" + "".join(lines)

    def scorm(self, quiz: Quiz, q: Question, answer_hash: str) -> list[Any]:
        b = body_of(q)
        return [q.id, [p.id for p in b.pairs], answer_hash, "matching", [rid for rid, _ in b.responses]]

    def suspend_width(self, q: Question) -> int:
        return len(body_of(q).pairs)  # per premise one hex digit: 1 + its response's index (0: none)


def _premise(x: Qti, ident: str) -> str:
    return x.ident(f"P_{ident}")


def _response(x: Qti, ident: str) -> str:
    return x.ident(f"R_{ident}")


def _same_texts(r: Reader, texts: list[tuple[Text, Node]], what: str, where: str) -> None:
    """Two premises (or two responses) that read the same in a language cannot be told apart (CUR104)."""
    for lang in ("en", "es"):
        seen: dict[str, Node] = {}
        for text, node in texts:
            key = " ".join(text[lang].split()).casefold()
            if key and key in seen:
                r.report(node, "CUR104", f"{where}: two {what} read the same in {lang} (`{text[lang][:40]}`, first "
                         f"on line {seen[key].line})", "a learner could not tell them apart: reword one")
            seen.setdefault(key, node)


KIND = Matching()
