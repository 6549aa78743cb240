"""Region markers in Markdown pages: ``<!-- name -->`` … ``<!-- /name -->``.

``facilitator`` regions are left out of the learner edition's HTML entirely;
``verbatim`` regions are quotations the terminology check must not touch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FACILITATOR = "facilitator"
VERBATIM = "verbatim"

_MARKER = re.compile(r"<!--\s*(/?)(facilitator|verbatim)\s*-->")


def regions(text: str, name: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of complete ``name`` regions, markers included."""
    spans, start = [], None
    for m in _MARKER.finditer(text):
        if m.group(2) != name:
            continue
        if not m.group(1) and start is None:
            start = m.start()
        elif m.group(1) and start is not None:
            spans.append((start, m.end()))
            start = None
    return spans


def unbalanced(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line, problem)`` for markers that open twice, close unopened or never close."""
    open_at: dict[str, int] = {}
    for m in _MARKER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        name, closing = m.group(2), bool(m.group(1))
        if not closing:
            if name in open_at:
                yield line, f"`<!-- {name} -->` opened again before the one on line {open_at[name]} was closed"
            open_at[name] = line
        elif name not in open_at:
            yield line, f"`<!-- /{name} -->` closes a region that was never opened"
        else:
            del open_at[name]
    for name, line in open_at.items():
        yield line, f"`<!-- {name} -->` is never closed with `<!-- /{name} -->`"


def remove(text: str, name: str) -> str:
    """Drop ``name`` regions (content and markers), keeping line count stable is not needed."""
    out, last = [], 0
    for start, end in regions(text, name):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


def unwrap(text: str, name: str, before: str, after: str) -> str:
    """Replace the markers of ``name`` regions with ``before``/``after`` (content kept)."""
    out, last = [], 0
    for start, end in regions(text, name):
        inner = _MARKER.sub("", text[start:end], count=1)
        inner = inner[: inner.rfind("<!--")]
        out += [text[last:start], before, inner, after]
        last = end
    out.append(text[last:])
    return "".join(out)


def mask(text: str, name: str) -> str:
    """Blank out ``name`` regions with spaces, keeping every other offset and line number."""
    chars = list(text)
    for start, end in regions(text, name):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
