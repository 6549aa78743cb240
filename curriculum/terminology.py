"""The terminology check: flag phrases the glossary marks as wrong or harmful.

Pages are scanned per language, outside ``<!-- verbatim -->`` regions and code
fences. YAML sources are scanned line by line; a line ending in
``# verbatim`` is a quotation and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from curriculum import markers
from curriculum.diagnostics import Diagnostic
from curriculum.model import AvoidPhrase

_FENCE = re.compile(r"^\s*(```|~~~)")


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in phrase.split())


def _present(phrases: list[AvoidPhrase], text: str) -> list[AvoidPhrase]:
    """The phrases whose every word occurs somewhere in ``text``: only those can match one of its lines."""
    low = text.lower()
    out = []
    for p in phrases:
        words = _words(p.phrase)
        if words[0] in low and (len(words) == 1 or all(w in low for w in words[1:])):
            out.append(p)
    return out


def _matches(line: str, phrases: Iterable[AvoidPhrase]) -> Iterator[tuple[int, AvoidPhrase]]:
    low = line.lower()
    for phrase in phrases:
        words = _words(phrase.phrase)
        if words[0] not in low or not all(w in low for w in words[1:]):
            continue  # a cheap substring test first: most lines hold no avoided phrase (docs/benchmarks.md)
        for m in _pattern(phrase.phrase).finditer(line):
            yield m.start(), phrase


_QUOTE_HINT = {
    "md": "quote original words between <!-- verbatim --> and <!-- /verbatim -->",
    "yml": "if the line quotes original words, end it with `# verbatim`",
}


def _diagnostic(rel: str, line: int, col: int, phrase: AvoidPhrase, lang: str, kind: str = "md") -> Diagnostic:
    return Diagnostic(
        rel, line, col + 1, "CUR601",
        f"avoid “{phrase.phrase}”: use “{phrase.use_instead[lang]}”",
        f"{phrase.reason[lang]} (glossary: {phrase.id}; {_QUOTE_HINT[kind]})",
    )


def scan_markdown(text: str, rel: str, lang: str, avoid: Iterable[AvoidPhrase]) -> list[Diagnostic]:
    """Diagnostics for avoided phrases of ``lang`` in a Markdown page."""
    phrases = _present([a for a in avoid if a.lang == lang], text)
    if not phrases:
        return []
    out, in_fence = [], False
    for number, line in enumerate(markers.mask(text, markers.VERBATIM).splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            out += [_diagnostic(rel, number, col, p, lang) for col, p in _matches(line, phrases)]
    return out


def scan_yaml(text: str, rel: str, avoid: Iterable[AvoidPhrase]) -> list[Diagnostic]:
    """Diagnostics for avoided phrases (of any language) in a YAML source."""
    phrases = _present(list(avoid), text)
    if not phrases:
        return []
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(r"#\s*verbatim\s*$", line):
            continue
        out += [_diagnostic(rel, number, col, p, p.lang, "yml") for col, p in _matches(line, phrases)]
    return out


def scan_text(text: str, lang: str, avoid: Iterable[AvoidPhrase]) -> list[str]:
    """The avoided phrases of ``lang`` found in a plain text (for tests and exporters)."""
    return [p.phrase for _, p in _matches(text, [a for a in avoid if a.lang == lang])]
