"""Typed readers over located YAML nodes; each problem becomes a diagnostic.

A reader method returns the converted value, or ``None`` after reporting why
it could not. Callers carry on with what they have, so one run reports every
problem in a file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping

from curriculum import typography
from curriculum.diagnostics import Diagnostics
from curriculum.model import LANGUAGES, Cite, Loc, Text
from curriculum.yamlsource import Node, char_position, parsed_text

# Words that make a citation English rather than language-neutral (titles in quotes are exempt).
_ENGLISH_CONNECTORS = re.compile(
    r"\b(and|see|check|transitory|module|section|chapter|summarized|opinion|articles|as amended|cited|"
    r"usage|press|reports?|reported|reviewed|translator|confirm|released?|archived)\b",
    re.IGNORECASE)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# One citation by key: `@key`, then an optional pinpoint after a comma, a space or directly `(`.
CITE_RE = re.compile(r"@([a-z0-9]+(?:-[a-z0-9]+)*)(?:(?=\()|,\s*|\s+|$)(.*)")


def split_cites(value: str) -> list[str]:
    """``@a, p. 3; @b (c)`` → its citations; a `;` inside parentheses belongs to a pinpoint."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth <= 0:
            parts.append(value[start:i])
            start = i + 1
    return [*parts, value[start:]]
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ID = 64


def describe(value: object) -> str:
    """A reader-friendly name for the type of a YAML value."""
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"a yes/no value (`{str(value).lower()}`)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"a number (`{value}`)"
    if isinstance(value, dt.date):
        return f"a date (`{value}`)"
    return f"text (`{_clip(str(value))}`)"


def _clip(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Reader:
    """Reads one source file's nodes, reporting into a shared collector."""

    def __init__(self, rel: str, diags: Diagnostics) -> None:
        self.rel, self.diags = rel, diags

    def loc(self, node: Node) -> Loc:
        return Loc(self.rel, node.line, node.col)

    def report(self, node: Node, code: str, message: str, help: str = "") -> None:
        self.diags.add(self.rel, node.line, node.col, code, message, help)

    def wrong_type(self, node: Node, where: str, expected: str) -> None:
        hint = ""
        if isinstance(node.value, bool) and expected.startswith("text"):
            hint = "YAML reads yes/no/on/off/true/false as yes/no values: quote the text"
        self.report(node, "CUR102", f"`{where}` must be {expected}, found {describe(node.value)}", hint)

    def fields(self, node: Node, where: str, required: set[str], optional: set[str]) -> dict[str, Node] | None:
        """Check a mapping's keys; report unknown (with a suggestion) and missing ones."""
        if not node.is_map:
            self.wrong_type(node, where, "a mapping")
            return None
        known = required | optional
        for key, (line, col) in node.key_pos.items():
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
                hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(sorted(known))
                self.diags.add(self.rel, line, col, "CUR101", f"unknown key `{key}` in {where}", hint)
        for key in sorted(required - node.value.keys()):
            self.report(node, "CUR103", f"{where} is missing required key `{key}`")
        return {k: v for k, v in node.value.items() if k in known}

    def text(self, node: Node | None, where: str, single_line: bool = False, *, quotes: bool = True) -> Text | None:
        """A translatable text: a mapping with a non-empty string per language.

        ``single_line`` texts (titles, terms, choices, summaries: they land in headings, table cells and
        GIFT lines) may not hold a line break; ``>-`` folding gives spaces, so only ``|`` blocks, blank
        lines and quoted ``\\n`` are reported. Every text is reader-facing, so its quotation marks are
        checked (CUR314); ``quotes=False`` is for titles of works, which keep their published punctuation.
        """
        if node is None:
            return None
        if not node.is_map:
            self.wrong_type(node, where, "text in every language (`en:` and `es:`)")
            return None
        values: dict[str, str] = {}
        for lang in LANGUAGES:
            item = node.value.get(lang)
            if item is None or (isinstance(item.value, str) and not item.value.strip()) or item.value is None:
                at = item or node
                self.report(at, "CUR301", f"`{where}` has no {_LANG_NAMES[lang]} text (`{lang}:`)")
                values[lang] = ""
            elif not isinstance(item.value, str | int | float) or isinstance(item.value, bool):
                self.wrong_type(item, f"{where}.{lang}", "text")
                values[lang] = ""
            else:
                values[lang] = value = str(item.value).strip()
                if quotes and ('"' in value or "'" in value):
                    self.quotation_marks(item, value, lang)
                if single_line and ("\n" in value or "\r" in value):
                    self.report(item, "CUR104", f"`{where}` must be one line ({_LANG_NAMES[lang]} text has a "
                                "line break)", _ONE_LINE_HELP)
        for key, (line, col) in node.key_pos.items():
            if key not in LANGUAGES:
                close = difflib.get_close_matches(key, LANGUAGES, n=1, cutoff=0.5)
                hint = f"did you mean `{close[0]}`?" if close else "a text has only `en:` and `es:`"
                if " " in key:
                    hint = "inside `{ }` a comma starts a new entry: quote text that contains commas"
                self.diags.add(self.rel, line, col, "CUR101", f"unknown language key `{key}` in `{where}`", hint)
        return Text(values["en"], values["es"])

    def citation(self, node: Node | None, where: str) -> Text | None:
        """A citation: one string for both languages, or a translatable text."""
        if node is None:
            return None
        if isinstance(node.value, str) and not isinstance(node.value, bool):
            if not node.value.strip():
                self.report(node, "CUR104", f"`{where}` is empty")
                return None
            value = " ".join(node.value.split())
            self.quotation_marks(node, node.value.strip(), "")
            words = _ENGLISH_CONNECTORS.findall(re.sub(r'"[^"]*"|“[^”]*”|«[^»]*»', "", value))
            if words:
                self.report(
                    node, "CUR308", f"`{where}` is one text for both languages but has English words "
                    f"({', '.join(sorted(set(w.lower() for w in words)))})",
                    "write it as `{en: ..., es: ...}` so the Spanish page reads in Spanish",
                )
            return Text(value, value)
        return self.text(node, where)

    def cites(self, node: Node | None, where: str) -> tuple[Cite, ...] | None:
        """Citations of bibliography entries by key (``docs/authoring.md``, "Citing sources").

        Either one string, ``"@usc-18-1591 (b); @lgpsedmtp, arts. 42–43"``, or a list whose items are such
        strings or ``{cite: key, at: pinpoint}`` (the pinpoint a neutral string or ``{en, es}``). Text
        without ``@key`` is kept as a hand-written citation, which the bibliography check reports (CUR805).
        """
        if node is None:
            return None
        if node.is_map and "cite" not in node.value:  # the old free-text form {en, es}
            text = self.text(node, where)
            return (Cite("", None, self.loc(node), text),) if text else None
        items = node.value if node.is_list else [node]
        if node.is_list and not items:
            self.report(node, "CUR104", f"`{where}` is an empty list: cite at least one source")
            return None
        out: list[Cite] = []
        for item in items:
            if item.is_map:
                f = self.fields(item, f"a citation in `{where}`", {"cite"}, {"at"})
                key = self.ident(f.get("cite"), f"{where}.cite") if f is not None else None
                if key is not None:
                    at = self.citation(f.get("at"), f"{where}.at") if f is not None else None
                    out.append(Cite(key, at, self.loc(item)))
            elif isinstance(item.value, str) and not isinstance(item.value, bool):
                out += self._cite_string(item, where)
            else:
                self.wrong_type(item, where, "`@key` citations (text) or a list of `{cite: key, at: ...}`")
        return tuple(out) or None

    def _cite_string(self, node: Node, where: str) -> list[Cite]:
        value = " ".join(str(node.value).split())
        loc = self.loc(node)
        if not value:
            self.report(node, "CUR104", f"`{where}` is empty")
            return []
        self.quotation_marks(node, str(node.value).strip(), "")
        if not value.startswith("@"):
            return [Cite("", None, loc, Text(value, value))]
        out: list[Cite] = []
        for part in split_cites(value):
            match = CITE_RE.fullmatch(part.strip())
            if match is None:
                self.report(node, "CUR104", f"`{where}`: `{_clip(part.strip())}` is not a citation `@key[, pinpoint]`",
                            "keys are lower-case-words-with-hyphens; separate citations with `;`")
                continue
            key, pin = match.group(1), (match.group(2) or "").strip()
            at = None
            if pin:
                words = _ENGLISH_CONNECTORS.findall(re.sub(r'"[^"]*"|“[^”]*”|«[^»]*»', "", pin))
                if words:
                    self.report(node, "CUR308", f"the pinpoint `{_clip(pin)}` of `@{key}` in `{where}` has English "
                                f"words ({', '.join(sorted(set(w.lower() for w in words)))})",
                                "write it as `{cite: " + key + ", at: {en: ..., es: ...}}`")
                at = Text(pin, pin)
            out.append(Cite(key, at, loc))
        return out

    def quotation_marks(self, node: Node, value: str, lang: str) -> None:
        """Report the straight quotation marks of one reader-facing ``value`` (the text of ``node`` in ``lang``;
        ``""``: a text for both languages) at their line and column (CUR314)."""
        for offset in typography.scan_value(value):
            line, col = node.line, node.col
            source = parsed_text(self.rel)
            if source is not None:
                mark = value[offset]
                line, col = char_position(source, node.line, node.col, mark, value.count(mark, 0, offset)) or (
                    line, col)
            self.diags.add(self.rel, line, col, typography.CODE, typography.message(value, offset, lang),
                           typography.help_for(lang))

    def ident(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node.value, str):
            self.wrong_type(node, where, "an id (lower-case-words-with-hyphens)")
            return None
        if not ID_RE.match(node.value):
            self.report(
                node, "CUR104", f"`{where}` `{_clip(node.value)}` is not a valid id",
                "use lower-case letters, digits and single hyphens, e.g. `palermo-elements`",
            )
            return None
        if len(node.value) > MAX_ID:  # ids become file names, URLs and element ids (found by fuzzing)
            self.report(node, "CUR104", f"`{where}` `{_clip(node.value)}` is longer than {MAX_ID} characters",
                        "shorten it: ids name files, pages and saved progress")
            return None
        return node.value

    def integer(self, node: Node | None, where: str, lo: int, hi: int) -> int | None:
        if node is None:
            return None
        if not isinstance(node.value, int) or isinstance(node.value, bool):
            self.wrong_type(node, where, "a whole number")
            return None
        if not lo <= node.value <= hi:
            self.report(node, "CUR104", f"`{where}` is {node.value}; it must be between {lo} and {hi}")
            return None
        return node.value

    def boolean(self, node: Node | None, where: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node.value, bool):
            self.wrong_type(node, where, "`true` or `false`")
            return None
        return node.value

    def date(self, node: Node | None, where: str, lo: dt.date | None = None,
             hi: dt.date | None = None) -> dt.date | None:
        """A YYYY-MM-DD date; with ``lo``/``hi``, one outside that range is reported (and returned)."""
        if node is None:
            return None
        value = node.value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                if _DATE_SHAPE.match(value.strip()):
                    self.report(node, "CUR104", f"`{where}` `{_clip(value)}` is not a date in the calendar",
                                "check the month (01–12) and the day of the month")
                    return None
        if not isinstance(value, dt.date):
            self.report(node, "CUR102", f"`{where}` must be a date written YYYY-MM-DD, found {describe(value)}")
            return None
        if lo is not None and value < lo:
            self.report(node, "CUR104", f"`{where}` {value} is before {lo}: not a plausible date",
                        "check the year")
        elif hi is not None and value > hi:
            self.report(node, "CUR104", f"`{where}` {value} is in the future (today is {hi})",
                        "write the date the review actually took place")
        return value

    def choice(self, node: Node | None, where: str, allowed: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        if not isinstance(node.value, str) or node.value not in allowed:
            close = difflib.get_close_matches(str(node.value), allowed, n=1, cutoff=0.4)
            hint = f"did you mean `{close[0]}`?" if close else ""
            self.report(
                node, "CUR104", f"`{where}` must be one of {', '.join(allowed)}; found `{_clip(str(node.value))}`",
                hint,
            )
            return None
        return node.value

    def items(self, node: Node | None, where: str) -> list[Node]:
        if node is None:
            return []
        if not node.is_list:
            self.wrong_type(node, where, "a list")
            return []
        return node.value

    def unique(self, entries: Mapping[str, Node] | list[tuple[str, Node]], what: str) -> None:
        """Report ids stated more than once (entries: (id, node) pairs)."""
        seen: dict[str, Node] = {}
        pairs = entries.items() if isinstance(entries, Mapping) else entries
        for ident, node in pairs:
            if ident in seen:
                self.report(node, "CUR201", f"duplicate {what} id `{ident}` (first on line {seen[ident].line})")
            else:
                seen[ident] = node


_LANG_NAMES = {"en": "English", "es": "Spanish"}
_ONE_LINE_HELP = ("write it as one paragraph on one line; a long text may be folded with `>-` "
                  "(lines joined by spaces), not `|`, and without blank lines")
