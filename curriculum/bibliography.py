"""The bibliography: every source stated once in ``bibliography/sources.yml`` and cited everywhere by key.

Three parts, all pure functions of the catalog:

* :func:`load` reads the registry into a :class:`~curriculum.model.Bibliography` (CUR803, CUR804);
* :func:`check` checks every citation of the catalog against it: unknown keys (CUR801), entries cited
  nowhere (CUR802), citations written by hand (CUR805), and repository file names in reader-facing text
  (CUR806);
* :func:`reference_parts` is the one formatter: the site (``render``), the quiz banks and the handbooks
  serialise its parts as HTML or as plain text (:func:`reference_text`, :func:`cite_text`).

The formatter is our own, not CSL through citeproc-py: see ``docs/authoring.md`` ("Why not CSL").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from curriculum import localefmt
from curriculum.diagnostics import Diagnostics
from curriculum.model import LANGUAGES, REFERENCE_TYPES, Bibliography, Catalog, Cite, Loc, Reference, Text
from curriculum.schema import Reader
from curriculum.yamlsource import Node, load_yaml, read_text

REGISTRY = "bibliography/sources.yml"

# What each type of entry must state besides key, type, title and checked (CUR803).
REQUIRED: dict[str, tuple[str, ...]] = {
    "statute": ("url",),             # the official text: uscode.house.gov, govinfo.gov, diputados.gob.mx, dof.gob.mx
    "regulation": ("url",),
    "treaty": ("url", "date"),
    "case": ("venue", "date"),      # the court and docket
    "article": ("author", "venue", "date"),  # the journal, volume, issue, article or pages
    "report": ("author", "date"),   # the issuing body (or `author: unknown`)
    "book": ("author", "date"),
    "web": ("url",),
    "news": ("venue", "date"),      # the newspaper or agency
    "other": (),
}
_KEYS = {"key", "type", "title", "checked"}
_OPTIONAL = {"author", "venue", "short", "date", "url", "note", "lang"}
# The texts an entry may write once, in the source's own language (`lang:`); the others are the project's own.
_ONCE = ("author", "title", "venue", "short")
# Types whose title is a whole work (printed in italics); the others are parts of a venue (in quotes).
_WHOLE = {"statute", "regulation", "treaty", "case", "report", "book"}
UNKNOWN_AUTHOR = "unknown"
_DATE_RE = re.compile(r"^(?:c\. )?\d{4}(?:[–-]\d{4})?$|^\d{4}-\d{2}(?:-\d{2})?$")

# -- loading ----------------------------------------------------------------------------------------------


def load(root: Path, diags: Diagnostics) -> Bibliography:
    """Read ``bibliography/sources.yml`` (an empty bibliography if the project has none)."""
    path = root / REGISTRY
    if not path.exists():
        return Bibliography()
    node = load_yaml(path, REGISTRY, diags)
    if node is None:
        return Bibliography()
    r = Reader(REGISTRY, diags)
    f = r.fields(node, "the bibliography", {"sources"}, set())
    if f is None:
        return Bibliography()
    entries: list[Reference] = []
    for item in r.items(f.get("sources"), "sources"):
        ref = _entry(r, item)
        if ref is not None:
            entries.append(ref)
    _duplicates(entries, diags)
    return Bibliography(tuple(entries))


def _entry(r: Reader, node: Node) -> Reference | None:
    f = r.fields(node, "a bibliography entry", _KEYS, _OPTIONAL)
    if f is None:
        return None
    key = r.ident(f.get("key"), "key")
    kind = r.choice(f.get("type"), "type", REFERENCE_TYPES)
    title = _name(r, f.get("title"), "title")
    if key is None or title is None:
        return None
    author = f.get("author")
    url = f.get("url")
    url_text = None
    if url is not None:
        if isinstance(url.value, str) and url.value.startswith(("https://", "http://")) and " " not in url.value:
            url_text = url.value
        else:
            r.report(url, "CUR104", "`url` must be one address starting with https:// or http://")
    date = f.get("date")
    date_text = ""
    if date is not None:
        value = date.value.isoformat() if isinstance(date.value, dt.date) else str(date.value).strip()
        if _DATE_RE.match(value):
            date_text = value
        else:
            r.report(date, "CUR104", f"`date` `{value}` is not a year, YYYY-MM, YYYY-MM-DD, `c. YYYY` or "
                     "`YYYY–YYYY`")
    once = frozenset(name for name in _ONCE if _written_once(f.get(name)))
    lang = r.choice(f.get("lang"), "lang", LANGUAGES)
    ref = Reference(
        key=key,
        type=kind or "other",
        title=title,
        author=_name(r, author, "author"),
        venue=_name(r, f.get("venue"), "venue"),
        short=_name(r, f.get("short"), "short"),
        date=date_text,
        url=url_text,
        checked=r.date(f.get("checked"), "checked"),
        note=r.citation(f.get("note"), "note"),
        loc=r.loc(node),
        field_locs={k: Loc(r.rel, line, col) for k, (line, col) in node.key_pos.items()},
        lang=lang,
        once=once,
    )
    if once and f.get("lang") is None:  # a `lang` that is not en or es is CUR104 (r.choice)
        names = ", ".join(f"`{name}`" for name in _ONCE if name in once)
        r.report(node, "CUR803", f"{ref.type} `{key}` writes its {names} once but does not state their language",
                 "add `lang: en` or `lang: es`, the language the source is written in (a screen reader voices "
                 "it so on the other language's pages); a text with an official translation can be written "
                 "`{en: ..., es: ...}` instead")
    missing = [name for name in REQUIRED.get(ref.type, ()) if not _has(ref, name)]
    if missing:
        r.report(node, "CUR803", f"{ref.type} `{key}` does not state its {', '.join(missing)}",
                 _REQUIRED_HELP.get(ref.type, ""))
    return ref


def _written_once(node: Node | None) -> bool:
    """A text written as one string, in the source's language (``author: unknown`` is the project's own)."""
    if node is None or not isinstance(node.value, str | int) or isinstance(node.value, bool):
        return False
    return str(node.value).strip().casefold() != UNKNOWN_AUTHOR and bool(str(node.value).strip())


def _name(r: Reader, node: Node | None, where: str) -> Text | None:
    """A title, name or venue: one string in its original language, or ``{en, es}`` where both are official."""
    if node is not None and isinstance(node.value, str | int) and not isinstance(node.value, bool):
        value = " ".join(str(node.value).split())
        if not value:
            r.report(node, "CUR104", f"`{where}` is empty")
            return None
        return Text(value, value)
    return r.text(node, where, quotes=False)  # a work's title keeps the punctuation it was published with


_REQUIRED_HELP = {
    "statute": "give the official text: uscode.house.gov, govinfo.gov, diputados.gob.mx or dof.gob.mx",
    "regulation": "give the official text (ecfr.gov, govinfo.gov, dof.gob.mx)",
    "treaty": "give the depositary's or a party's official text (treaties.un.org, ohchr.org, hcch.net, sre.gob.mx)",
    "case": "`venue:` names the court and the docket number; `date:` the decision",
    "article": "`venue:` names the journal with volume, issue and article or pages",
    "report": "`author:` names the issuing body (`author: unknown` when no search could identify it)",
    "news": "`venue:` names the newspaper or agency",
}


def _has(ref: Reference, name: str) -> bool:
    value = getattr(ref, name)
    return bool(value.en if isinstance(value, Text) else value)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.sub(r"[^\w§]+", " ", "".join(c for c in text if not unicodedata.combining(c))).split())


def _norm_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").casefold()


def _duplicates(entries: list[Reference], diags: Diagnostics) -> None:
    by_key: dict[str, Reference] = {}
    by_url: dict[str, Reference] = {}
    by_title: dict[tuple[str, str, str], Reference] = {}
    for ref in entries:
        loc = ref.loc
        if ref.key in by_key:
            first = by_key[ref.key]
            diags.add(loc.path, loc.line, loc.col, "CUR804",
                      f"bibliography key `{ref.key}` is stated twice (first on line {first.loc.line})",
                      "keep one entry; keys are what pages and quizzes cite")
            continue
        by_key[ref.key] = ref
        if ref.url:
            other = by_url.setdefault(_norm_url(ref.url), ref)
            if other is not ref:
                at = ref.at("url")
                diags.add(at.path, at.line, at.col, "CUR804",
                          f"`{ref.key}` has the same address as `{other.key}` (line {other.loc.line})",
                          f"one source, one entry: cite `@{other.key}` with a pinpoint instead")
                continue
        title = (_norm(ref.title.en), _norm(ref.venue.en if ref.venue else ""), ref.date)
        other = by_title.setdefault(title, ref)
        if other is not ref:
            at = ref.at("title")
            diags.add(at.path, at.line, at.col, "CUR804",
                      f"`{ref.key}` has the same title, venue and date as `{other.key}` (line {other.loc.line})",
                      f"one source, one entry: cite `@{other.key}` with a pinpoint instead")


# -- checks -----------------------------------------------------------------------------------------------


def citations(catalog: Catalog) -> Iterator[tuple[Cite, str]]:
    """Every citation the YAML sources make, with what cites it."""
    for cite in catalog.recommendation_source:
        yield cite, "`recommendations_source`"
    for m in catalog.modules:
        for cite in m.sources:
            yield cite, f"the sources of module `{m.id}`"
    for quiz in catalog.quizzes.values():
        for q in quiz.questions:
            for cite in q.source:
                yield cite, f"question `{q.id}` of quiz `{quiz.id}`"
    for t in catalog.terms:
        for cite in t.source:
            yield cite, f"glossary term `{t.id}`"


# `[@key]`, `[@key, pinpoint]`, `[@a; @b, p. 3]` in a Markdown page (Pandoc's syntax); never a link `[..](..)`.
INLINE = re.compile(r"(?<![\\!\]])\[(@[a-z0-9][^\[\]\n]*)\](?![(\[:])")


def page_citations(text: str, rel: str) -> Iterator[Cite]:
    """The inline citations of a Markdown page, located."""
    from curriculum.schema import CITE_RE, split_cites

    for match in INLINE.finditer(_mask_code(text)):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        for part in split_cites(match.group(1)):
            found = CITE_RE.fullmatch(part.strip())
            if found:
                pin = (found.group(2) or "").strip()
                yield Cite(found.group(1), Text(pin, pin) if pin else None, Loc(rel, line, col))


_CODE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)|`[^`\n]*`|<!--.*?-->", re.M | re.S)


def _mask_code(text: str) -> str:
    """``text`` with code blocks, code spans and HTML comments blanked (same length, same lines)."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _pages(catalog: Catalog) -> Iterator[tuple[str, str]]:
    docs = catalog.root / catalog.docs_dir
    for path in sorted(docs.glob("**/*.md")) if docs.is_dir() else []:
        rel = path.relative_to(catalog.root).as_posix()
        text = read_text(path, rel, Diagnostics())
        if text is not None:
            yield rel, text


def check(catalog: Catalog, diags: Diagnostics) -> None:
    """Every citation against the registry, and reader-facing text against repository file names."""
    bib = catalog.bibliography
    pages = list(_pages(catalog))
    cited: set[str] = set()
    everything = [(c, where) for c, where in citations(catalog)]
    everything += [(c, f"page {rel}") for rel, text in pages for c in page_citations(text, rel)]
    for cite, where in everything:
        loc = cite.loc
        if not cite.key:
            _by_hand(catalog, cite, where, diags)
            continue
        cited.add(cite.key)
        if cite.key not in bib and not catalog.unknown_because_unreadable("reference"):
            import difflib

            close = difflib.get_close_matches(cite.key, [r.key for r in bib.entries], n=1, cutoff=0.6)
            hint = f"did you mean `@{close[0]}`?" if close else f"add the source to {REGISTRY}"
            diags.add(loc.path, loc.line, loc.col, "CUR801", f"{where} cites `@{cite.key}`, which is not in "
                      f"{REGISTRY}", hint)
    unread = any(catalog.unknown_because_unreadable(kind) for kind in ("module", "quiz"))
    for ref in bib.entries:
        if ref.key not in cited and not unread:  # an unreadable module or quiz may cite it
            diags.add(ref.loc.path, ref.loc.line, ref.loc.col, "CUR802",
                      f"bibliography entry `{ref.key}` is cited nowhere",
                      "cite it (`@" + ref.key + "`) where the curriculum relies on it, or remove it")
    file_names(catalog, pages, diags)


def _by_hand(catalog: Catalog, cite: Cite, where: str, diags: Diagnostics) -> None:
    text = cite.text or Text("", "")
    matches = match_entries(catalog.bibliography.entries, f"{text.en} {text.es}")
    if matches:
        hint = "write " + "; ".join(f"`@{r.key}`" for r in matches[:3]) + " (with the pinpoint after a comma)"
    else:
        hint = f"state the source once in {REGISTRY} and cite it as `@key`"
    loc = cite.loc
    diags.add(loc.path, loc.line, loc.col, "CUR805",
              f"{where} writes its citation by hand (`{_clip(text.en)}`)", hint)


def match_entries(entries: Iterable[Reference], text: str) -> list[Reference]:
    """The registry entries a hand-written citation names (by address, short form or title)."""
    norm = f" {_norm(text)} "
    out = []
    for ref in entries:
        names = [ref.short.en, ref.short.es] if ref.short else []
        names += [ref.title.en, ref.title.es]
        if (ref.url and _norm_url(ref.url) in text.casefold()) or any(
                len(n := _norm(name)) >= 6 and f" {n} " in norm for name in names):
            out.append(ref)
    return out


def _clip(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Repository file names and the word for them: never in what a reader sees (issue 11, item 2).
FILE_NAME = re.compile(
    r"\b\d{3}_[0-9a-f]{16}(?:\.txt)?\b|(?:\.\./)*shared/seeds/?|\bseeds?\b|\bsemillas?\b",
    re.IGNORECASE)


def file_names(catalog: Catalog, pages: list[tuple[str, str]], diags: Diagnostics) -> None:
    """Report reader-facing text naming a repository file or calling the source documents "seeds" (CUR806)."""
    files: list[tuple[str, str, bool]] = [(rel, text, False) for rel, text in pages]
    root = catalog.root
    yaml_files = [root / "curriculum.yml", root / REGISTRY, root / "glossary" / "terms.yml"]
    yaml_files += sorted((root / "quizzes").glob("*.yml")) + sorted((root / "tracks").glob("*.yml"))
    yaml_files += sorted((root / "locales").glob("*.yml"))
    yaml_files += [root / m.loc.path for m in catalog.modules]
    for path in yaml_files:
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            text = read_text(path, rel, Diagnostics())
            if text is not None:
                files.append((rel, text, True))
    for rel, text, is_yaml in files:
        masked = _mask_yaml_comments(text) if is_yaml else _mask_code_blocks(text)
        for match in FILE_NAME.finditer(masked):
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            word = match.group(0)
            if word.casefold().startswith(("seed", "semilla")):
                message = f"reader-facing text calls a source document “{word}”"
                hint = ("cite the publication by key (`@walters-davis-2011`); where the text must speak of the "
                        "documents, say “source document” / “documento fuente”")
            else:
                message = f"reader-facing text names a repository file (`{word}`)"
                hint = "no reader can open it: cite the publication by key (`@key`, see bibliography/sources.yml)"
            diags.add(rel, line, col, "CUR806", message, hint)


def _mask_yaml_comments(text: str) -> str:
    """Comments and identifiers (ids, keys, objective and quiz names) are not what a reader sees."""
    return re.sub(r"(?m)^[ \t]*#[^\n]*|(?<=\s)#[^\n'\"]*$|^[ \t]*(?:- )?(?:id|key|cite|objective|quiz|module):[^\n]*",
                  lambda m: " " * len(m.group(0)), text)


def _mask_code_blocks(text: str) -> str:
    """HTML comments are not shown; code is shown (and so checked)."""
    return re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)


# -- formatting -------------------------------------------------------------------------------------------

# A reference is formatted once, as parts; render.py writes them as HTML, reference_text as plain text.
# Part kinds: "text" (authored, may hold <span lang>), "title" (in italics), "quoted" (a title in quotes),
# "url" (an address, shown and linked) and "plain" (punctuation and interface words).
# A text the entry writes once is in the source's language (`lang:`): for a reader of the other language it
# is marked `<span lang="…">` (WCAG 3.1.2), which every HTML view keeps and plain text strips.

_SPAN = re.compile(r'<span lang="(?:en|es)">.*?</span>', re.S)


def in_language(text: str, text_lang: str | None, lang: str) -> str:
    """``text``, written in ``text_lang``, for a reader of ``lang``: marked with its language where it differs.

    What already carries a ``<span lang>`` keeps it and only the rest is marked (spans never nest)."""
    if not text_lang or text_lang == lang:
        return text
    out, last = [], 0
    for match in _SPAN.finditer(text):
        out += [_mark(text[last:match.start()], text_lang), match.group(0)]
        last = match.end()
    out.append(_mark(text[last:], text_lang))
    return "".join(out)


def _mark(segment: str, lang: str) -> str:
    core = segment.strip()
    if not core:
        return segment
    start = segment.index(core)
    return f'{segment[:start]}<span lang="{lang}">{core}</span>{segment[start + len(core):]}'


def part(ref: Reference, name: str, lang: str) -> str:
    """The entry's ``title``, ``author``, ``venue`` or ``short`` in ``lang``, marked if written once in the other."""
    value = getattr(ref, name)
    if value is None:
        return ""
    return in_language(value[lang], ref.lang if name in ref.once else None, lang)


def reference_parts(catalog: Catalog, ref: Reference, lang: str) -> list[tuple[str, str]]:
    """The full reference of ``ref`` in ``lang``: author (date). Title. Venue. Note. Address."""
    parts: list[tuple[str, str]] = []
    date = display_date(ref.date, lang)
    if ref.author is not None:
        parts.append(("text", author(catalog, ref, lang)))
        parts.append(("plain", f" ({date}). " if date else ". "))
        parts.append(("title" if ref.type in _WHOLE else "quoted", part(ref, "title", lang)))
        parts.append(("plain", ". "))
    else:  # a title that stands alone (no author, no venue) is printed as stated
        alone = ref.venue is None and ref.type not in _WHOLE
        parts.append(("text" if alone else "title" if ref.type in _WHOLE else "quoted", part(ref, "title", lang)))
        parts.append(("plain", f" ({date}). " if date else ". "))
    if ref.venue is not None:
        parts += [("text", part(ref, "venue", lang)), ("plain", ". ")]
    if ref.note is not None:
        parts += [("text", ref.note[lang]), ("plain", ". ")]
    if ref.url:
        parts += [("url", ref.url)]
    return _join_punctuation(parts)


def _join_punctuation(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """No doubled full stops where an authored text already ends with one ("P. H.", "etc.")."""
    out: list[tuple[str, str]] = []
    for kind, value in parts:
        if kind == "plain" and value.startswith(".") and out and _ends_sentence(out[-1][1]):
            value = value[1:]
        if value:
            out.append((kind, value))
    while out and out[-1][0] == "plain":
        value = out.pop()[1].rstrip()
        if value:
            out.append(("plain", value))
            break
    return out


def _ends_sentence(text: str) -> bool:
    return re.sub(r"(?:</span>)+$", "", text.rstrip()).rstrip().endswith((".", "?", "!"))


def author(catalog: Catalog, ref: Reference, lang: str) -> str:
    if ref.author is None:
        return ""
    if ref.author.en.strip().casefold() == UNKNOWN_AUTHOR:
        return catalog.string(lang, "author_unknown")
    return part(ref, "author", lang)


def display_date(value: str, lang: str) -> str:
    """A registry date for readers: "2011", "July 2023", "June 14, 2012", "c. 2019" / "ca. 2019" (localefmt)."""
    if not value:
        return ""
    if value.startswith("c. "):
        return ("ca. " if lang == "es" else "c. ") + value[3:]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return localefmt.date(dt.date.fromisoformat(value), lang)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return localefmt.month_year(int(value[:4]), int(value[5:]), lang)
    return value


def short(catalog: Catalog, ref: Reference, lang: str) -> str:
    """How a citation names ``ref``: its `short` form, else author and year, else its title."""
    if ref.short is not None:
        return part(ref, "short", lang)
    year = re.search(r"\d{4}", ref.date)
    if ref.author is not None and year:
        return f"{author(catalog, ref, lang)} {year.group(0)}"
    return part(ref, "title", lang)


def cite_label(catalog: Catalog, cite: Cite, lang: str) -> str:
    """One citation as a reader sees it: short form and pinpoint (``18 U.S.C. § 1591(b)``)."""
    if not cite.key:
        return (cite.text or Text("", ""))[lang]
    ref = catalog.bibliography.get(cite.key)
    name = short(catalog, ref, lang) if ref else cite.key
    if cite.at is None:
        return name
    pin = cite.at[lang]
    if _SUBSECTION.match(pin):  # 18 U.S.C. § 1591(b)
        return f"{name}{pin}"
    if pin[:1].isdigit() or pin[:1] == "(":  # Fed. R. Crim. P. 11; LGPSEDMTP (DOF 14-06-2012)
        return f"{name} {pin}"
    return f"{name}, {pin}"


_SUBSECTION = re.compile(r"\([A-Za-z0-9]{1,5}\)")


def cite_text(catalog: Catalog, cites: Iterable[Cite], lang: str, urls: bool = True) -> str:
    """Citations as text, each with its official address (the quiz banks and handbooks print this); the short
    forms keep their language spans (:func:`in_language`)."""
    out = []
    for cite in cites:
        label = cite_label(catalog, cite, lang)
        ref = catalog.bibliography.get(cite.key) if cite.key else None
        out.append(f"{label} <{ref.url}>" if urls and ref is not None and ref.url else label)
    return "; ".join(out)


def reference_text(catalog: Catalog, ref: Reference, lang: str) -> str:
    """The full reference as text: authored ``<span lang>`` and those of the entry's language kept, as in every
    authored text (``export.text.plain`` strips them for a format that takes plain text)."""
    return "".join(f"“{v}”" if k == "quoted" else f"<{v}>" if k == "url" else v
                   for k, v in reference_parts(catalog, ref, lang))


def module_references(catalog: Catalog, module_sources: tuple[Cite, ...],
                      quiz_cites: Iterable[Cite]) -> list[tuple[Reference, list[Cite]]]:
    """A module's reference list: its ``sources`` in order, then what its quiz cites besides."""
    order: dict[str, list[Cite]] = {}
    for cite in module_sources:
        order.setdefault(cite.key, []).append(cite)
    for cite in quiz_cites:
        order.setdefault(cite.key, [])
    return [(ref, cites) for key, cites in order.items() if key and (ref := catalog.bibliography.get(key))]


def as_written(cites: Iterable[Cite]) -> Text:
    """Citations as their author wrote them (``@key, pinpoint; …``): what a check of the authored text reads."""
    def one(cite: Cite, lang: str) -> str:
        if not cite.key:
            return (cite.text or Text("", ""))[lang]
        return f"@{cite.key}, {cite.at[lang]}" if cite.at is not None else f"@{cite.key}"

    cites = tuple(cites)
    return Text("; ".join(one(c, "en") for c in cites), "; ".join(one(c, "es") for c in cites))
