"""Quotation marks: one style per language, in every text a reader sees (CUR314).

Spanish text quotes with « » (and “ ” inside « »), English text with “ ” (and ‘ ’ inside “ ”);
a language-neutral text uses the marks of the quoted words' language. A straight ASCII double quote
``"`` in reader-facing text is therefore always a mistake (the site publishes it as typed), and so is
a pair of straight single quotes used as quotation marks (``'like this'``). Apostrophes (``don't``,
``the child's``, ``victims'``) are not quotation marks and stay as they are.

Where quotes are syntax they are not text: HTML tags and their attributes (``<span lang="en">``), HTML
comments, code spans and code blocks, ``{…}`` attribute lists, link targets and titles (``](url "t")``,
``[id]: url "t"``), admonition titles (``!!! note "Title"``), YAML front matter, and what is left of
attribute syntax in broken HTML (a quote right after ``=`` or right before ``>``). YAML texts are checked
as the schema reads them (:meth:`curriculum.schema.Reader.text`), so the delimiters of a quoted scalar are
never seen; titles of works in the bibliography keep the punctuation they were published with.

Every scan is linear in the text and starts with a substring test, so the usual page or value (no
straight quote outside markup) costs a few ``in`` tests and the masking of its markup.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from curriculum import pagesafety

CODE = "CUR314"

# The right marks for a language: outer pair, inner pair.
MARKS = {"en": ("“", "”", "‘", "’"), "es": ("«", "»", "“", "”")}
_LANG_NAMES = {"en": "English", "es": "Spanish"}

_TAG = re.compile(r"</?[A-Za-z][^<>]{0,4000}(?:>|(?=<))")  # a tag cut by the next `<` is markup too (as in HTML)
_ATTR_LIST = re.compile(r"\{[^{}\n]{0,400}\}")
# ](target "title"): one level of parentheses inside the target (a URL may hold `(c)`)
_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]{0,400}\)){0,2000}\)")
_REFDEF = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]{1,400}\]:[^\n]*", re.M)  # not a footnote [^1]: (prose)
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[^\n\"]*(\"[^\"\n]*\")", re.M)
# A first pass for the usual page, which blanks only markup that no code span, comment or code block can cut
# (one line, no backtick): what it leaves is a superset of what the full mask leaves.
_QUICK = re.compile(r"<[A-Za-z/][^<>\n`]{0,4000}>|\{[^{}\n`]{0,400}\}|\]\([^()\n`]{0,2000}\)"
                    r"|^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[^\n\"`]*\"[^\"\n`]*\"", re.M)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_LIST_OR_BLOCK = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?)")
# An opening straight single quote: not after a letter, digit or apostrophe, and before a letter or digit;
# its closing one: after a letter, digit or closing punctuation, and not before a letter or digit; apostrophes
# (between two letters) may come between. Bounded, so linear: at most 300 characters between them, on one line.
SINGLE_PAIR = re.compile(r"(?<![\w'’])'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){0,300}?(?<=[\w.,;:!?)\]])'(?!\w)")


def help_for(lang: str) -> str:
    """The help line of a CUR314 diagnostic: the marks to use in ``lang`` (``""``: language-neutral text)."""
    if lang in MARKS:
        o1, c1, o2, c2 = MARKS[lang]
        example = "«dijo “sí”»" if lang == "es" else "“she said ‘yes’”"
        return (f"{_LANG_NAMES[lang]} text quotes with {o1} {c1} ({o2} {c2} inside {o1} {c1}), e.g. {example}; "
                "apostrophes stay as they are")
    return ("a text written once for both languages uses the marks of the quoted words' language: “ ” for "
            "English (‘ ’ inside), « » for Spanish (“ ” inside)")


def find(text: str) -> list[int]:
    """Offsets of the straight quotation marks in ``text`` (markup already blanked): the opening mark of each
    pair of straight double quotes (a lone one too) and of each pair of straight single quotes."""
    out: list[int] = []
    if '"' in text:
        # a quote right after `=` or right before `>` is attribute syntax left over from broken HTML, not a quotation
        doubles = [i for i, ch in enumerate(text) if ch == '"' and text[i - 1:i] != "=" and text[i + 1:i + 2] != ">"]
        out += doubles[0::2]
    if "'" in text:
        out += [m.start() for m in SINGLE_PAIR.finditer(text)]
    return sorted(out)


def message(text: str, offset: int, lang: str) -> str:
    """The message for the straight quotation mark at ``offset`` of ``text``."""
    mark = text[offset]
    close = text.find(mark, offset + 1, offset + 301)
    line_end = text.find("\n", offset)
    if close < 0 or (0 <= line_end < close):
        quoted = text[offset:offset + 30].split("\n")[0]
        shown = f"{quoted}…" if len(quoted) == 30 else quoted
    else:
        inner = text[offset + 1:close]
        shown = mark + (inner if len(inner) <= 40 else inner[:39] + "…") + mark
    if lang in MARKS:
        o1, c1, o2, c2 = MARKS[lang]
        return f"straight quotation marks `{shown}` in {_LANG_NAMES[lang]} text: use {o1}…{c1} (nested: {o2}…{c2})"
    return f"straight quotation marks `{shown}`: use “…” for English words, «…» for Spanish ones"


# -- YAML texts ----------------------------------------------------------------------------------------------


def scan_value(value: str) -> list[int]:
    """Offsets of straight quotation marks in one YAML text (a title, prompt, definition…), outside HTML tags,
    comments and code spans."""
    if '"' not in value and ("'" not in value or SINGLE_PAIR.search(value) is None):
        return []  # most texts: no double quote, and their apostrophes make no pair (blanking markup adds none)
    return find(_mask_inline(value))


def _mask_inline(text: str) -> str:
    """A YAML text with its markup blanked, as a page's: comments, code spans, tags, attribute lists."""
    text = pagesafety.blank_comments_and_code(text)
    return _ATTR_LIST.sub(_spaces, _TAG.sub(_spaces, text))


# -- Markdown pages ------------------------------------------------------------------------------------------


def scan_markdown(text: str, lang: str) -> list[tuple[int, int, str]]:
    """``(line, col, message)`` (1-based) of every straight quotation mark in the prose of a page in ``lang``."""
    if '"' not in text and "'" not in text:
        return []
    quick = _QUICK.sub(lambda m: " " * len(m.group(0)), text)
    if '"' not in quick and ("'" not in quick or SINGLE_PAIR.search(quick) is None):
        return []  # the usual page: its quotes are all in tags, attribute lists, link targets or admonition titles
    found = find(mask_markdown(text))
    if not found:
        return []
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    out = []
    for offset in found:
        line = bisect.bisect_right(starts, offset)
        out.append((line, offset - starts[line - 1] + 1, message(text, offset, lang)))
    return out


def mask_markdown(text: str) -> str:
    """The page with everything that is not prose blanked (offsets and line breaks kept): front matter,
    fenced and indented code, HTML comments, code spans, HTML tags, ``{…}`` attribute lists, link targets,
    reference definitions and admonition titles."""
    text = _blank_lines(text, _code_and_front_matter(text.split("\n")))
    text = pagesafety.blank_comments_and_code(text)
    text = _TAG.sub(_spaces, text)
    text = _ATTR_LIST.sub(_spaces, text)
    text = _LINK_TARGET.sub(_spaces, text)
    text = _REFDEF.sub(_spaces, text)
    return _ADMONITION.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + " " * len(m.group(1)), text)


def _code_and_front_matter(lines: list[str]) -> Iterator[int]:
    """Indexes of the lines that are not prose: YAML front matter, fenced code and indented code.

    Indented code follows Python-Markdown: four spaces more than the enclosing list item or admonition
    (whose content is itself indented four), after a blank line.
    """
    start = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                yield from range(index + 1)
                start = index + 1
                break
    fence = ""
    containers: list[int] = []  # content indentation of the open list items and admonitions
    blank, in_code = True, False
    for index in range(start, len(lines)):
        line = lines[index]
        if fence:
            yield index
            if line.strip().startswith(fence):
                fence = ""
            continue
        if not line.strip():
            blank = True
            if in_code:
                yield index
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        while containers and indent < containers[-1]:
            containers.pop()
        base = containers[-1] if containers else 0
        fenced = _FENCE.match(line)
        if fenced:
            fence, in_code, blank = fenced.group(1), False, False
            yield index
            continue
        if indent >= base + 4 and (in_code or blank):
            in_code = True
            yield index
            continue
        in_code, blank = False, False
        if _LIST_OR_BLOCK.match(line):
            containers.append(indent + 4)


def _spaces(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def _blank_lines(text: str, indexes: Iterable[int]) -> str:
    blank = set(indexes)
    if not blank:
        return text
    return "\n".join(" " * len(line) if i in blank else line for i, line in enumerate(text.split("\n")))
