"""Region markers in Markdown pages: ``<!-- name -->`` … ``<!-- /name -->``.

``facilitator`` regions are left out of the learner edition's HTML entirely;
``verbatim`` regions are quotations the terminology check must not touch.

Fail closed: a comment that is not exactly a marker (or a generated ``<!-- curriculum:… -->`` one) but has a
marker's shape (``<!-- facilitador -->``, ``<!-- /notas -->``), or that names facilitators or quotations in any
disguise (case, accents, look-alike letters, invisible characters, a line break), is an error, since it would
publish notes to learners; so is a comment a browser ends differently from the author (``--!>``, ``<!-->``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

FACILITATOR = "facilitator"
VERBATIM = "verbatim"

_MARKER = re.compile(r"<!--\s*(/?)(facilitator|verbatim)\s*-->")
_COMMENT_OPEN = "<!--"
# A marker's shape: an optional `/`, then one to five words (`facilitador`, `notas del instructor`).
_MARKER_SHAPE = re.compile(r"/?\s*[\w-]+(?:\s+[\w-]+){0,4}")
# Ways a comment ends early for a browser, or seems to end for an author (`-- >` does not end it).
_ODD_END = re.compile(r"--!?\s+>")
# Latin look-alikes (after NFKD, accents dropped and casefold): Cyrillic, Greek, small capitals, digits.
_CONFUSABLES = str.maketrans({
    **dict(zip("авсԁеһніјкӏмоԛрѕтухԝг", "abcdehhijkimoqpstyxwr", strict=True)),
    **dict(zip("αβεηικνορτυχγϲϳ", "abenikvoptuxycj", strict=True)),
    **dict(zip("ıɩɪʟᴀʙᴄᴅᴇɢʜᴊᴋᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢɑɡ", "iiiiabcdeghjkmnoprstuvwyzag", strict=True)),
    **dict(zip("013457|!@$", "oieastiias", strict=True)),
    "l": "i",  # `facliitator`, `faciIitator`: l and i are folded together on both sides
})
_NOT_LETTER = re.compile(r"[^a-z]+")


def _fold(text: str) -> str:
    """``text`` as its letters look: accents, invisible characters and everything but letters dropped, and
    look-alikes folded to Latin letters (a Cyrillic a, a zero-width space, a hyphen and a line break inside
    the word: all give ``faciiitator`` for facilitator)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold().translate(_CONFUSABLES).replace("rn", "m")
    return _NOT_LETTER.sub("", text)


# A comment that talks about facilitators or quotations is meant as a marker: if it is not exactly one, it would
# publish notes to learners, so it is an error (fail closed), whatever its case, suffix, language or disguise.
_KEYWORDS = tuple(_fold(word) for word in ("facilit", "verbatim"))


def _visible_text(text: str) -> str:
    """NFKC with format characters (zero-width space, soft hyphen, bidi controls) removed."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")


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
    """Spans of HTML comments ``<!-- … -->`` as a browser reads them: ``--!>`` ends one too, and ``<!-->`` and
    ``<!--->`` are whole (empty) comments; an unclosed one runs to the end (linear time)."""
    at = text.find(_COMMENT_OPEN)
    close = bang = -1  # the next `-->` and `--!>` at or after the comment's body (-2: there is none)
    while at >= 0:
        body = at + 4
        if text.startswith(">", body):
            end = body + 1
        elif text.startswith("->", body):
            end = body + 2
        else:
            if close != -2 and close < body:
                close = text.find("-->", body)
                close = -2 if close < 0 else close
            if bang != -2 and bang < body:
                bang = text.find("--!>", body)
                bang = -2 if bang < 0 else bang
            end = min((p + n for p, n in ((close, 3), (bang, 4)) if p >= 0), default=len(text))
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


def problems(text: str, known: re.Pattern[str] | None = None) -> Iterator[tuple[int, str, str]]:
    """Yield ``(line, code, problem)`` for every marker problem of a page, in order of position.

    Markers that open twice, close unopened or never close; comments that look like a marker and are not
    one (``<!-- Facilitator -->``, ``<!-- facilitator notes -->``, ``<!-- facilitador -->``, ``<!-- /notas -->``,
    a look-alike letter or an invisible character in the word) unless ``known`` matches them whole (the
    generated markers); a comment that ends as browsers end it and authors do not expect (``--!>``, ``<!-->``);
    and a comment that is never closed. At most :data:`MAX_REPORTS` are yielded, then a count.
    """
    found = list(_problems(text, known))
    yield from found[:MAX_REPORTS]
    if len(found) > MAX_REPORTS:
        line, code, _ = found[MAX_REPORTS]
        yield line, code, f"… and {len(found) - MAX_REPORTS} more marker problem(s) in this page"


def _problems(text: str, known: re.Pattern[str] | None) -> Iterator[tuple[int, str, str]]:
    lines = _Lines(text)
    open_at: dict[str, int] = {}
    for start, end in comments(text):
        line = lines.at(start)
        comment = text[start:end]
        m = _MARKER.fullmatch(comment)
        if m is None:
            if known is None or not known.fullmatch(comment):
                yield from _odd_comment(line, comment)
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


def _odd_comment(line: int, comment: str) -> Iterator[tuple[int, str, str]]:
    """The problem of a comment that is not a marker, if it has one."""
    shown = " ".join(comment.split())[:60]
    if comment.endswith("--!>") or comment in ("<!-->", "<!--->"):
        yield line, MALFORMED, (f"`{shown}`: a browser ends the comment at `{comment[-4:]}`, and what follows "
                                "is shown to readers; end every comment with ` -->`")
    elif not comment.endswith("-->"):
        yield line, MALFORMED, "an HTML comment `<!--` is never closed with `-->`"
    elif _ODD_END.search(comment, 4, len(comment) - 3):
        yield line, MALFORMED, (f"`{shown}` contains `--` and `>`, which some readers take for the comment's end "
                                "(a browser does not): write `-->` only at the end")
    else:
        inner = _visible_text(comment[4:-3]).strip()
        folded = _fold(inner)
        if inner.startswith("curriculum:"):
            yield line, MALFORMED, (f"`{shown}` is not a generated marker: they are `<!-- curriculum:modules -->`, "
                                    "`policy`, `glossary`, `bibliography`, `reviews` and `track <id>`")
        elif _MARKER_SHAPE.fullmatch(inner) or any(word in folded for word in _KEYWORDS):
            yield line, MALFORMED, (f"`{shown}` looks like a region marker but is not one: write exactly "
                                    "`<!-- facilitator -->` … `<!-- /facilitator -->` (or `verbatim`), lower "
                                    "case, in English; an ordinary comment has more than five words and does not "
                                    "name facilitators or quotations")


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span (in order, not overlapping) blanked to spaces; line breaks,
    offsets and line numbers kept."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


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
