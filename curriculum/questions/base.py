"""What every question type is: one unit with its own reading, checks, rendering, answer key and encodings.

A type is a :class:`QuestionKind`. The loader reads the keys every question has (``id``, ``type``,
``objective``, ``prompt``, ``explanation``, ``source``) and asks the type to read its own (:meth:`read`);
the site asks it for the HTML of its answer area (:meth:`body_html`, :meth:`feedback_html`), the handbook for
its worksheet and key, and each export for its encoding. The views pass in what they own (escaping, XML
builders, interface strings) through the small protocols below, so a type module imports neither
:mod:`curriculum.render` nor :mod:`curriculum.export` nor MkDocs.

The browser side of a type (answering, scoring, per-item feedback, stored answers) is in
``curriculum/assets/quiz.js`` and, for SCORM, ``curriculum/export/scorm.js``: one handler per
``data-type`` each.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from curriculum.model import Catalog, Question, QuestionBody, Quiz, Text
from curriculum.schema import Reader
from curriculum.yamlsource import Node

# The export formats a type may be unable to express (the quiz banks; QTI and SCORM carry every type).
BANK_FORMATS: dict[str, str] = {"moodle": "Moodle XML", "gift": "GIFT"}


def fnv1a(text: str) -> str:
    """32-bit FNV-1a of a string's UTF-8 bytes, as 8 hex digits (mirrored in quiz.js and scorm.js)."""
    h = 0x811C9DC5
    for ch in text.encode("utf-8"):
        h = ((h ^ ch) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def item_key(quiz_id: str, question_id: str, token: str) -> str:
    """The hash of one right part of an answer (a right choice, pair or position): per-item feedback."""
    return fnv1a(f"{quiz_id}|{question_id}|{token}")


def plain(text: str) -> str:
    """An authored text without its language spans (for a menu option, which holds text only)."""
    return re.sub(r'<span lang="(?:en|es)">(.*?)</span>', r"\1", text, flags=re.S)


def display_order(ids: Sequence[str], quiz_id: str, question_id: str, attempt: str = "",
                  rotate: bool = True) -> list[str]:
    """``ids`` in a shuffled order seeded by the quiz, the question and an attempt seed.

    The same for every learner and every build (``attempt=""``); a later exam step may pass a seed per
    attempt. Fisher–Yates over mulberry32 seeded with FNV-1a: small enough to mirror in JavaScript. Never the
    authored order (an ordering question's answer; a matching question's premises' order): a shuffle that
    gives it back is rotated by one. Only the display order changes; the ids the site stores and reports stay
    the authored ones. ``rotate=False`` is a plain shuffle (a draw from a pool: every question may come first).
    """
    state = int(fnv1a(f"{quiz_id}|{question_id}|{attempt}"), 16)

    def rand() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t = (t ^ (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF))) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    out = list(ids)
    for i in range(len(out) - 1, 0, -1):
        j = int(rand() * (i + 1))
        out[i], out[j] = out[j], out[i]
    if rotate and out == list(ids) and len(out) > 1:  # a shuffle giving the authored order back would show the answer
        out = out[1:] + out[:1]
    return out


# -- what the views pass in ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Html:
    """What the site's renderer lends a type: the quiz, the language, escaping and interface strings."""

    catalog: Catalog
    quiz: Quiz
    lang: str
    facilitator: bool
    text: Callable[[str], str]        # an authored text as HTML (escaped, language spans kept)
    s: Callable[..., str]             # an interface string by key, escaped for HTML (values fill its {slots})

    def qid(self, q: Question) -> str:
        """The page-wide id of a question (``<quiz>--<question>``): input names and element ids."""
        return f"{self.quiz.id}--{q.id}"


@dataclass(frozen=True)
class Paper:
    """What the handbook lends a type for its worksheet and answer key."""

    catalog: Catalog
    quiz: Quiz
    lang: str
    html: Callable[[str], str]        # an authored text as HTML
    s: Callable[[str], str]           # an interface string (locales), escaped
    t: Callable[[str], str]           # a string only the exports print (curriculum.export.text), escaped


class Qti(Protocol):
    """The QTI exporter's element builder (curriculum.export.qti)."""

    catalog: Catalog
    lang: str

    def el(self, parent: ET.Element, tag: str, attrib: dict[str, str] | None = None,
           text: str | None = None) -> ET.Element: ...

    def rich(self, parent: ET.Element, text: str) -> ET.Element: ...

    def ident(self, value: str) -> str: ...

    def value(self, parent: ET.Element, base_type: str, value: str) -> None: ...

    def feedback(self, root: ET.Element, identifier: str, text: str) -> None: ...

    def add_feedback(self, parent: ET.Element, identifier: str) -> None: ...


class Moodle(Protocol):
    """The Moodle XML exporter's builder (curriculum.export.moodle)."""

    catalog: Catalog
    lang: str

    def text(self, parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element: ...

    def simple(self, parent: ET.Element, tag: str, value: str) -> None: ...

    def html(self, text: str) -> str: ...

    def plain(self, text: str) -> str: ...


class Gift(Protocol):
    """The GIFT exporter's text helpers (curriculum.export.gift)."""

    catalog: Catalog
    lang: str

    def escape(self, text: str) -> str: ...

    def answer(self, text: str) -> str: ...

    def html(self, text: str) -> str: ...


# -- the type ----------------------------------------------------------------------------------------------


class QuestionKind:
    """One question type. Subclasses set the class attributes and implement the methods."""

    name: ClassVar[str]                      # the `type:` value
    keys: ClassVar[frozenset[str]]           # the type's own keys in a question (besides the common ones)
    hint: ClassVar[str]                      # locale key of the instruction under the prompt
    scorm_type: ClassVar[str]                # cmi.interactions.n.type
    moodle_type: ClassVar[str]               # <question type="...">

    # -- reading and checks --
    def misplaced(self, r: Reader, key: str, node: Node, where: str) -> None:
        """A key of another type (``node`` is its value) written in a question of this type."""
        r.report(node, "CUR101", f"`{key}` is not a key of {self.name} questions",
                 "keys of this type: " + ", ".join(f"`{k}`" for k in sorted(self.keys)))

    def read(self, r: Reader, f: Mapping[str, Node], node: Node, where: str) -> QuestionBody | None:
        """The type's own keys of question ``node`` (its fields ``f``), checked and located; None if unusable."""
        raise NotImplementedError

    def texts(self, q: Question) -> Iterator[tuple[Text, str, str]]:
        """Every authored text of the type's own part: (text, the key it was written under, what it is)."""
        raise NotImplementedError

    # -- the site --
    def body_html(self, h: Html, q: Question) -> str:
        """The answer area of the question (inputs, lists) in the page's language."""
        raise NotImplementedError

    def feedback_html(self, h: Html, q: Question) -> str:
        """The per-item feedback shown after checking (hidden until then), each tagged with its item."""
        raise NotImplementedError

    # -- paper --
    def worksheet_html(self, p: Paper, q: Question) -> str:
        """The hint and answer area of the printed worksheet."""
        raise NotImplementedError

    def key_html(self, p: Paper, q: Question) -> str:
        """The right answer (and per-item feedback) for the facilitator's answer key."""
        raise NotImplementedError

    def answer_code(self, p: Paper, q: Question) -> str:
        """The right answer as a facilitator scores a paper form by it: letters, pairs or positions, plain text."""
        raise NotImplementedError

    def sheet_cell(self, p: Paper, q: Question) -> str:
        """What a learner fills in on the paper answer sheet for ``q`` (plain text: letters to circle, blanks)."""
        raise NotImplementedError

    # -- exports --
    def unsupported(self, fmt: str, q: Question) -> str | None:
        """Why format ``fmt`` (a key of BANK_FORMATS) cannot carry ``q``; None when it can."""
        return None

    def qti_declare(self, x: Qti, root: ET.Element, q: Question) -> None:
        """The ``responseDeclaration`` of RESPONSE with its correct response."""
        raise NotImplementedError

    def qti_interaction(self, x: Qti, body: ET.Element, q: Question) -> None:
        """The interaction inside ``itemBody`` (with the prompt)."""
        raise NotImplementedError

    def qti_feedback(self, x: Qti, rp: ET.Element, root: ET.Element, q: Question) -> None:
        """Response processing of the FEEDBACK outcome (which per-item feedback shows) and its modalFeedback."""
        raise NotImplementedError

    def moodle(self, m: Moodle, el: ET.Element, q: Question) -> None:
        """The type-specific part of a Moodle XML ``<question>`` (after the common elements)."""
        raise NotImplementedError

    def gift(self, g: Gift, q: Question) -> str:
        """The answers of a GIFT question: the text after its ``{``, up to the general feedback, ending with a
        line break."""
        raise NotImplementedError

    def scorm(self, quiz: Quiz, q: Question, answer_hash: str) -> list[Any]:
        """The question as the SCORM runtime knows it (config.js): ``[id, ids, hash, *type data]``."""
        raise NotImplementedError

    def suspend_width(self, q: Question) -> int:
        """Hex digits of ``cmi.suspend_data`` the runtime writes for an answer to ``q``."""
        raise NotImplementedError
