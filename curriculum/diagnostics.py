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
    """How bad a diagnostic is: errors fail `curriculum check` and the build."""

    ERROR = "error"
    WARNING = "warning"


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
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        if self.help:
            text += f"\n  help: {self.help}"
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


def render_all(items: Iterable[Diagnostic]) -> str:
    """Render diagnostics one per line, sorted by file and position."""
    return "\n".join(d.render() for d in sorted(items))


def to_json(items: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in sorted(items)], ensure_ascii=False, indent=2)
