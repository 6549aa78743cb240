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
_COMMENT_OPEN = "<!--"
# A comment that talks about facilitators or quotations is meant as a marker: if it is not exactly
# one, it would publish notes to learners, so it is an error (fail closed), whatever its case or suffix.
_LOOKS_LIKE_MARKER = re.compile(r"facilitat|verbatim", re.I)
UNBALANCED, MALFORMED = "CUR306", "CUR309"
MAX_REPORTS = 20  # per page: a page of a thousand bad markers gets twenty lines and a count


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


def comments(text: str) -> Iterator[tuple[int, int]]:
    """Spans of HTML comments ``<!-- … -->``; an unclosed one runs to the end (linear time)."""
    at = text.find(_COMMENT_OPEN)
    while at >= 0:
        close = text.find("-->", at + 4)
        end = len(text) if close < 0 else close + 3
        yield at, end
        at = text.find(_COMMENT_OPEN, end)


class _Lines:
    """Line numbers of increasing offsets, counted incrementally (linear over a whole page)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def problems(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield ``(line, code, problem)`` for every marker problem of a page, in order of position.

    Markers that open twice, close unopened or never close; comments that look like a marker
    and are not one (``<!-- Facilitator -->``, ``<!-- facilitator notes -->``, ``<!-- facilitator --->``);
    and a comment that is never closed. At most :data:`MAX_REPORTS` are yielded, then a count.
    """
    found = list(_problems(text))
    yield from found[:MAX_REPORTS]
    if len(found) > MAX_REPORTS:
        line, code, _ = found[MAX_REPORTS]
        yield line, code, f"… and {len(found) - MAX_REPORTS} more marker problem(s) in this page"


def _problems(text: str) -> Iterator[tuple[int, str, str]]:
    lines = _Lines(text)
    open_at: dict[str, int] = {}
    for start, end in comments(text):
        line = lines.at(start)
        comment = text[start:end]
        m = _MARKER.fullmatch(comment)
        if m is None:
            if not comment.endswith("-->"):
                yield line, MALFORMED, "an HTML comment `<!--` is never closed with `-->`"
            elif _LOOKS_LIKE_MARKER.search(comment):
                shown = " ".join(comment.split())[:60]
                yield line, MALFORMED, (f"`{shown}` looks like a region marker but is not one: write exactly "
                             "`<!-- facilitator -->` … `<!-- /facilitator -->` (or `verbatim`), lower case")
            continue
        name, closing = m.group(2), bool(m.group(1))
        if not closing:
            if name in open_at:
                yield line, UNBALANCED, (f"`<!-- {name} -->` opened again before the one on line {open_at[name]} "
                                         "was closed")
            open_at[name] = line
        elif name not in open_at:
            yield line, UNBALANCED, f"`<!-- /{name} -->` closes a region that was never opened"
        else:
            del open_at[name]
    for name, line in open_at.items():
        yield line, UNBALANCED, f"`<!-- {name} -->` is never closed with `<!-- /{name} -->`"


def strip_comments(html: str) -> str:
    """Drop every HTML comment from rendered HTML (comments are never published to readers)."""
    out, last = [], 0
    for start, end in comments(html):
        out.append(html[last:start])
        last = end
    out.append(html[last:])
    return "".join(out)


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
