"""What the exports cannot express, found while checking the sources (``curriculum check``) and before export.

A text holding a character XML cannot carry (a control character, usually pasted
in by accident and invisible in editors) is fine on the web site but cannot go
into the QTI, Moodle XML or SCORM files: ``curriculum check`` warns
(CUR501), and ``curriculum export`` refuses those formats for that language.
The scan covers the authored texts the exports write and every interface string
of every locale (the quiz banks write several: true, false, correct, incorrect,
explanation, source…), each reported at its key's line in ``locales/<lang>.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from curriculum import questions
from curriculum.diagnostics import Diagnostic, Diagnostics
from curriculum.export.text import XML_FORBIDDEN, Field, quiz_fields, track_fields
from curriculum.model import Catalog
from curriculum.questions.base import BANK_FORMATS
from curriculum.yamlsource import load_yaml

XML_FORMATS = "QTI, Moodle XML and SCORM"
_LANG = {"en": "English", "es": "Spanish"}


def xml_problems(fields: Iterable[Field], lang: str | None = None, formats: str = XML_FORMATS) -> list[Diagnostic]:
    """A CUR501 diagnostic for each field whose text (in ``lang``, or any language) XML cannot carry."""
    out = []
    for f in fields:
        for lg in (lang,) if lang else ("en", "es"):
            match = XML_FORBIDDEN.search(f.text[lg])
            if match:
                out.append(_diagnostic(f.loc.path, f.loc.line, f.loc.col, lg, f.what, match.group(), formats))
    return out


def _diagnostic(path: str, line: int, col: int, lang: str, what: str, char: str, formats: str) -> Diagnostic:
    name = _LANG.get(lang, lang)
    return Diagnostic(
        path, line, col, "CUR501",
        f"{name} text of {what} contains U+{ord(char):04X}, which XML cannot carry: "
        f"the {formats} exports in {name} refuse it",
        "delete the control character (most editors do not show it; look for "
        "`\\x..` or `\\u00..` escapes in double-quoted YAML)")


def locale_problems(catalog: Catalog, lang: str | None = None, formats: str = XML_FORMATS) -> list[Diagnostic]:
    """A CUR501 diagnostic for each interface string (of ``lang``, or every locale) that XML cannot carry.

    Every string of the locale is scanned, not only those an export writes today: a format that starts
    writing one more string cannot forget to check it. The catalog keeps locales as plain mappings, so the
    position of a bad key is read back from its file (line 1 if the file cannot be read again).
    """
    out = []
    for lg in (lang,) if lang else tuple(catalog.locales):
        bad = [(key, m.group()) for key, text in catalog.locales.get(lg, {}).items()
               if (m := XML_FORBIDDEN.search(text))]
        if not bad:
            continue
        rel = f"locales/{lg}.yml"
        positions = _key_positions(catalog, rel)
        for key, char in bad:
            line, col = positions.get(key, (1, 1))
            out.append(_diagnostic(rel, line, col, lg, f"the interface string `{key}`", char, formats))
    return out


def _key_positions(catalog: Catalog, rel: str) -> Mapping[str, tuple[int, int]]:
    node = load_yaml(catalog.root / rel, rel, Diagnostics())
    return node.key_pos if node is not None and node.is_map else {}


def type_problems(catalog: Catalog, fmt: str) -> list[Diagnostic]:
    """A CUR502 diagnostic for each question the quiz-bank format ``fmt`` (moodle, gift) cannot carry.

    Checked only by the export of that format, not by ``curriculum check``: the site, QTI and SCORM carry
    every type, so a curriculum with ordering questions is valid; it just cannot go to Moodle as they are.
    """
    name = BANK_FORMATS[fmt]
    out = []
    for quiz in catalog.quizzes.values():
        for q in quiz.questions:
            why = questions.kind(q).unsupported(fmt, q)
            if why is not None:
                loc = q.at("type")
                out.append(Diagnostic(
                    loc.path, loc.line, loc.col, "CUR502",
                    f"question `{q.id}` ({q.type}) of quiz `{quiz.id}` cannot be written in {name}: {why}",
                    f"leave {name} out of this export (`curriculum export qti scorm handbook offline`); the site, "
                    "QTI and SCORM carry it"))
    return out


def quiz_bank_fields(catalog: Catalog) -> list[Field]:
    fields: list[Field] = []
    users = {m.quiz_id: m for m in catalog.modules}
    for quiz in catalog.quizzes.values():
        fields += quiz_fields(quiz, users.get(quiz.id))
    return fields


def run(catalog: Catalog, diags: Diagnostics) -> None:
    """Warn about every text that an XML export would refuse (called by ``checks.run_all``)."""
    fields = quiz_bank_fields(catalog)
    for track in catalog.tracks:
        fields += track_fields(catalog, track)
    diags.extend(xml_problems(fields))
    diags.extend(locale_problems(catalog))
