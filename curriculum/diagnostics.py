"""Diagnostics: located, coded problems found in curriculum sources.

Loading never raises for bad content: every problem becomes a :class:`Diagnostic`
collected in a :class:`Diagnostics` list, and the edges (CLI, MkDocs plugin)
decide what failure means.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from curriculum.codes import CODES


class Severity(enum.StrEnum):
    """How bad a diagnostic is: errors and warnings fail the strict build (see :func:`fails_build`);
    an info is a note that fails nothing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Text output is read in a terminal: C0/C1 controls, DEL, and the invisible characters that reorder or break
# lines (bidi controls, U+2028/U+2029) are shown as escapes, so a value or a file name can neither drive the
# terminal nor forge a diagnostic line. The GitHub format shows them the same way; JSON writes them as \uXXXX.
_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_VISIBLE |= {ord("\n"): "\\n", ord("\t"): "\\t", ord("\r"): "\\r"}
_VISIBLE |= {c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)}


# JSON escapes C0 itself; DEL, C1 and the bidi and line-separator characters it would leave raw (ensure_ascii=False)
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in _VISIBLE if c >= 0x7F}


def visible(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``)."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: ``path:line:col: CODE message``."""

    path: str
    line: int
    col: int
    code: str
    message: str
    help: str = field(default="", compare=False)

    @property
    def severity(self) -> Severity:
        return Severity(CODES[self.code].severity)

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def render(self) -> str:
        """``path:line:col: CODE message`` (and an indented help line), with control characters escaped."""
        text = f"{visible(self.path)}:{self.line}:{self.col}: {self.code} {visible(self.message)}"
        if self.help:
            text += f"\n  help: {visible(self.help)}"
        return text

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["name"] = self.name
        return data


class Diagnostics:
    """An append-only collector; refuses codes that are not in the registry."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, path: str, line: int, col: int, code: str, message: str, help: str = "") -> None:
        if code not in CODES:
            raise KeyError(f"unregistered diagnostic code {code}")
        self._items.append(Diagnostic(path, max(line, 1), max(col, 1), code, message, help))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self._items)))

    def __len__(self) -> int:
        return len(set(self._items))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Diagnostic]:
        """Notes: reported, but they fail nothing."""
        return [d for d in self if d.severity is Severity.INFO]


def fails_build(items: Iterable[Diagnostic]) -> bool:
    """The one rule for `curriculum check` and the site build: any error or warning fails.

    ``mkdocs build --strict`` (how the site is always built) turns every logged warning into a failure,
    so a check that passed warnings would promise a build that then fails. Infos fail nothing.
    """
    return any(d.severity is not Severity.INFO for d in items)


def render_all(items: Iterable[Diagnostic]) -> str:
    """Render diagnostics one per line, sorted by file and position."""
    return "\n".join(d.render() for d in sorted(items))


def to_json(items: Iterable[Diagnostic]) -> str:
    """A JSON list of objects with the keys path, line, col, code, name, severity, message, help (stable)."""
    text = json.dumps([d.to_json() for d in sorted(items)], ensure_ascii=False, indent=2)
    return text.translate(_JSON_ESCAPES)  # only inside strings (keys are ASCII): the same data for a JSON reader


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(items: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one per line: ``::error file=…,line=…,col=…,title=CODE name::message``.

    Control characters are first shown as escapes, as in the text format (a file name's terminal escapes never
    reach the runner's log); then the message, help and properties are escaped as the runner requires, so no
    value can end the command early or start another one.
    """
    lines = []
    for d in sorted(items):
        props = (f"file={_github_property(visible(d.path))},line={d.line},col={d.col},"
                 f"title={_github_property(f'{d.code} {d.name}')}")
        message = visible(d.message) + (f"\nhelp: {visible(d.help)}" if d.help else "")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_github_data(message)}")
    return "\n".join(lines)
