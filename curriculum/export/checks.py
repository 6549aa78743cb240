"""What the exports cannot express, found while checking the sources (``curriculum check``) and before export.

A text holding a character XML cannot carry (a control character, usually pasted
in by accident and invisible in editors) is fine on the web site but cannot go
into the QTI, Moodle XML or SCORM files: ``curriculum check`` warns
(CUR501), and ``curriculum export`` refuses those formats for that language.
"""

from __future__ import annotations

from collections.abc import Iterable

from curriculum.diagnostics import Diagnostic, Diagnostics
from curriculum.export.text import XML_FORBIDDEN, Field, quiz_fields, track_fields
from curriculum.model import Catalog

XML_FORMATS = "QTI, Moodle XML and SCORM"
_LANG = {"en": "English", "es": "Spanish"}


def xml_problems(fields: Iterable[Field], lang: str | None = None, formats: str = XML_FORMATS) -> list[Diagnostic]:
    """A CUR501 diagnostic for each field whose text (in ``lang``, or any language) XML cannot carry."""
    out = []
    for f in fields:
        for lg in (lang,) if lang else ("en", "es"):
            match = XML_FORBIDDEN.search(f.text[lg])
            if match:
                char = f"U+{ord(match.group()):04X}"
                out.append(Diagnostic(
                    f.loc.path, f.loc.line, f.loc.col, "CUR501",
                    f"{_LANG.get(lg, lg)} text of {f.what} contains {char}, which XML cannot carry: "
                    f"the {formats} exports in {_LANG.get(lg, lg)} refuse it",
                    "delete the control character (most editors do not show it; look for "
                    "`\\x..` or `\\u00..` escapes in double-quoted YAML)"))
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
