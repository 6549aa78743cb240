"""Link integrity: every internal link and anchor in the pages resolves, in both languages and editions.

MkDocs (``--strict``) fails on a link to a missing ``.md`` page, but not on a
missing ``#anchor``, and it names neither the line nor the column. This check
reads the Markdown sources directly (no MkDocs import, no Markdown rendering) and
reports a broken link as ``CUR307`` at the position of its target.

How a link target resolves (mkdocs-static-i18n, ``docs_structure: suffix``):

* ``x.md`` on a page of language ``L`` means ``x.L.md`` (or an unsuffixed ``x.md``), and a
  folder ``x/`` means ``x/index.L.md``; ``x.html`` naming a page is reported (MkDocs fails on it
  under ``--strict``: links name the ``.md`` source);
* any other file must exist in the docs folder (or as ``name.L.ext``);
* ``#anchor`` must be an id of the target page: a heading's explicit ``{#id}`` or
  its slug (Python-Markdown's ``toc`` slugify, which MkDocs uses by default), an
  ``id="…"``/``{: #id}`` attribute, a footnote, or an id the generator writes
  (module pages: ``objectives``, ``objective-<id>``, ``quiz``, ``q-<quiz>--<question>``,
  ``sources``, ``source-<id>``; track pages ``agenda``, ``progress``, ``certificate``;
  the glossary ``term-<id>``, ``avoid``; the policy page ``recommendation-<n>``).

Facilitator regions exist only in the facilitator edition: a link outside one
must resolve in both editions (so it may not point at an anchor inside a
facilitator region); a link inside one needs to resolve in the facilitator
edition only. Absolute paths (``/x.html``) are reported too: they break the
site under ``file://`` and under a ``site_url`` sub-path.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from curriculum import markers
from curriculum.diagnostics import Diagnostics
from curriculum.model import Catalog, Module
from curriculum.pagesafety import blank_comments_and_code
from curriculum.render import GENERATED, bibliography_sections

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_INLINE = re.compile(
    r"(?<!\\)!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]\(\s*(?:<([^<>\n]*)>|([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))"
)
_REFDEF = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.M)
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9-]*\b[^<>]*>")
_ATTR = re.compile(r"""\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

_ATX = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)[ \t]*$", re.M)
_SETEXT = re.compile(r"^(?![ \t]*(?:[#>|*+-]|\d+[.)])\s)[ \t]{0,3}(\S[^\n]*)\n[ \t]{0,3}(=+|-+)[ \t]*$", re.M)
# attribute lists are short: the bounds keep a line of a thousand `{` from costing a million steps
_ATTR_LIST = re.compile(r"[ \t]*\{:?([^{}\n]{0,300})\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}#]+)")
_ANY_ATTR_LIST = re.compile(r"\{:?(?:[^{}\n]{0,200}?\s)?#([A-Za-z0-9_:.-]+)[^{}\n]{0,200}\}")
_HTML_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_FOOTNOTE = re.compile(r"^[ \t]{0,3}\[\^([^\]\n]+)\]:", re.M)
_GENERATED = GENERATED
_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


def check(catalog: Catalog, diags: Diagnostics) -> None:
    """Report every internal link of every page that does not resolve (``CUR307``)."""
    site = _Site(catalog)
    for page in catalog.docs.pages:
        if page.text is None:
            continue
        for problem in _page_problems(site, page.doc, page.lang, page.text):
            diags.add(page.rel, *problem)


def _parents(rel: str) -> list[str]:
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out every match of ``pattern`` with spaces, keeping offsets and line numbers."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _prose(text: str) -> str:
    """The page with code and comments blanked out (links there are not links)."""
    return blank_comments_and_code(_mask(text, _FENCE))


def targets(text: str) -> list[tuple[int, str]]:
    """``(offset, target)`` of every link and resource reference in a Markdown page."""
    prose = _prose(text)
    found: list[tuple[int, str]] = []
    for m in _INLINE.finditer(prose):
        group = 1 if m.group(1) is not None else 2
        found.append((m.start(group), m.group(group)))
    found += [(m.start(1), m.group(1)) for m in _REFDEF.finditer(prose)]
    for tag in _TAG.finditer(prose):
        for a in _ATTR.finditer(tag.group(0)):
            group = next(g for g in (2, 3, 4) if a.group(g) is not None)
            found.append((tag.start() + a.start(group), html.unescape(a.group(group))))
    return sorted(found)


class _Site:
    """The docs tree, read lazily; anchors of each page per edition, cached."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        docs = catalog.docs  # only what is published: a link to a left-out file is broken
        self.files = frozenset(p.doc for p in docs.pages) | docs.assets
        self.dirs = {parent for f in self.files for parent in _parents(f)}
        self._anchors: dict[tuple[str, str, bool], frozenset[str]] = {}

    def text(self, rel_doc: str) -> str | None:
        page = self.catalog.docs.page(rel_doc)
        return page.text if page is not None else None

    def page(self, stem: str, lang: str) -> str | None:
        """The source of page ``stem`` (docs-relative, no ``.md``) in ``lang``, if it exists."""
        for candidate in (f"{stem}.{lang}.md", f"{stem}.md"):
            if candidate in self.files:
                return candidate
        return None

    def anchors(self, rel_doc: str, lang: str, facilitator: bool) -> frozenset[str]:
        key = (rel_doc, lang, facilitator)
        if key not in self._anchors:
            text = self.text(rel_doc) or ""
            module = self.catalog.module_for_page(rel_doc)
            self._anchors[key] = frozenset(page_anchors(self.catalog, text, lang, facilitator, module))
        return self._anchors[key]


def _page_problems(site: _Site, rel_doc: str, lang: str, text: str) -> list[tuple[int, int, str, str, str]]:
    problems = []
    regions = markers.regions(text, markers.FACILITATOR)
    here = posixpath.dirname(rel_doc)
    for offset, raw in targets(text):
        target = raw.strip()
        if not target or _SCHEME.match(target) or target.startswith("//"):
            continue  # external (or mailto:, tel:, data:) — not ours to resolve
        inside = any(start <= offset < end for start, end in regions)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problem = _resolve(site, here, rel_doc, lang, target, inside)
        if problem is not None:
            message, hint = problem
            problems.append((line, col, "CUR307", message, hint))
    return problems


def _resolve(site: _Site, here: str, rel_doc: str, lang: str, target: str, inside: bool) -> tuple[str, str] | None:
    path, _, fragment = target.partition("#")
    path = unquote(path.partition("?")[0])
    fragment = unquote(fragment)
    shown = f"`{_clip(target)}`"
    if path.startswith("/"):
        return (f"link {shown} is an absolute path; it breaks the site offline (file://) and under a sub-path",
                "write the path relative to this page, e.g. `../reference/glossary.md`")
    page: str | None
    if not path:
        page = rel_doc
    else:
        joined = posixpath.normpath(posixpath.join(here, path))
        if joined == ".." or joined.startswith("../"):
            return f"link {shown} leads outside the docs folder", "link only to pages and files in the docs folder"
        page = _find(site, joined, path, lang)
        if page is None:
            return _missing(site, joined, path, lang, shown)
        if page.endswith(".md") and posixpath.splitext(path)[1] == ".html":
            page_link = posixpath.splitext(path)[0] + ".md" + (f"#{fragment}" if fragment else "")
            return (f"link {shown} names the built page; MkDocs finds no such file and fails",
                    f"link the page's source: `{page_link}` (MkDocs writes the .html link)")
        if not page.endswith(".md"):
            return None  # a file (image, PDF…): no anchors to check
    if not fragment:
        return None
    editions = (True,) if inside else (False, True)
    for facilitator in editions:
        ids = site.anchors(page, lang, facilitator)
        if fragment not in ids:
            if not facilitator and fragment in site.anchors(page, lang, True):
                return (f"link {shown}: `#{fragment}` is inside facilitator notes, which the learner edition omits",
                        "link to a heading outside `<!-- facilitator -->`, or move the link into the notes")
            close = difflib.get_close_matches(fragment, sorted(ids), n=1, cutoff=0.6)
            hint = f"did you mean `#{close[0]}`?" if close else "anchors are heading slugs or explicit `{#id}` ids"
            return f"link {shown}: no anchor `#{fragment}` in {page}", hint
    return None


def _find(site: _Site, joined: str, path: str, lang: str) -> str | None:
    """The docs file a link path lands on (a page source or a static file), if any."""
    if path.endswith("/") or joined in site.dirs or joined == ".":
        base = "index" if joined == "." else f"{joined}/index"
        return site.page(base, lang)
    stem, ext = posixpath.splitext(joined)
    if ext in (".md", ".html"):
        if ext == ".md" and joined in site.files:
            return joined  # an explicit x.en.md, or an unsuffixed x.md
        return site.page(stem, lang)
    if joined in site.files:
        return joined
    localized = f"{stem}.{lang}{ext}"
    return localized if localized in site.files else None


def _missing(site: _Site, joined: str, path: str, lang: str, shown: str) -> tuple[str, str]:
    stem, ext = posixpath.splitext(joined)
    if ext in (".md", ".html") or path.endswith("/") or not ext:
        base = f"{joined}/index" if (path.endswith("/") or not ext) else stem
        other = [ln for ln in site.catalog.languages if ln != lang and site.page(base, ln)]
        if other:
            return (f"link {shown}: the page exists in {', '.join(other)} but not in {lang} ({base}.{lang}.md)",
                    "write the translation, or link to a page that exists in both languages")
        pages = sorted(f for f in site.files if f.endswith(".md"))
        close = difflib.get_close_matches(f"{stem}.{lang}.md", pages, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "paths are relative to this page's folder"
        return f"link {shown}: no page {base}.{lang}.md in the docs folder", hint
    return f"link {shown}: no file {joined} in the docs folder", "paths are relative to this page's folder"


# -- anchors ------------------------------------------------------------------------------------------------


def page_anchors(catalog: Catalog, text: str, lang: str, facilitator: bool, module: Module | None = None) -> set[str]:
    """Every element id the built page will have, as far as the source tells (lenient, never short)."""
    body = text if facilitator else markers.remove(text, markers.FACILITATOR)
    generated = [m.groups() for m in _GENERATED.finditer(_mask(body, _FENCE))]
    prose = _prose(body)
    explicit: set[str] = set()
    explicit.update(m.group(1) for m in _ANY_ATTR_LIST.finditer(prose))
    raw_ids = {html.unescape(next(g for g in m.groups() if g is not None)) for m in _HTML_ID.finditer(prose)}
    explicit.update(f"fn:{m.group(1)}" for m in _FOOTNOTE.finditer(prose))
    explicit.update(f"fnref:{m.group(1)}" for m in _FOOTNOTE.finditer(prose))
    headings: list[str] = []  # heading texts without an explicit id, in page order
    before: list[str] = []
    after: set[str] = set()
    if module is not None:
        before.append(module.title[lang])
        explicit.update({"objectives", "quiz", "sources"})
        explicit.update(f"objective-{o.id}" for o in module.objectives)
        explicit.update(f"source-{s.id}" for s in module.sources)
        quiz = catalog.quiz_for(module)
        if quiz is not None:
            after.update(f"{p}-{quiz.id}--{q.id}" for q in quiz.questions for p in ("q", "hint"))
    for kind, arg in generated:
        if kind == "track" and (track := catalog.track(arg or "")) is not None:
            before.append(track.title[lang])
            explicit.update({"agenda", "progress", "certificate", "cur-cert-title"})
        elif kind == "glossary":
            after.update(f"term-{t.id}" for t in catalog.terms)
            after.add("avoid")
        elif kind == "policy":
            explicit.update(f"recommendation-{r.number}" for r in catalog.recommendations)
        elif kind == "bibliography":
            explicit.update(f"ref-{r.key}" for r in catalog.bibliography.entries)
            explicit.update(heading.replace("_", "-") for heading, _ in bibliography_sections(catalog))
    found = sorted([(m.start(2), m.end(2)) for m in _ATX.finditer(prose)]
                   + [(m.start(1), m.end(1)) for m in _SETEXT.finditer(prose)])
    for start, end in found:
        raw = body[start:end]  # the prose has code spans blanked; a heading's text keeps them
        attrs = _ATTR_LIST.search(raw)
        if attrs and _ATTR_ID.search(attrs.group(1)):
            continue  # its explicit id is already in ``explicit``
        headings.append(_heading_text(raw[: attrs.start()] if attrs else raw))
    used: set[str] = set(explicit)
    counters: dict[str, int] = {}
    for title in before + headings:
        _unique(slugify(title), used, counters)
    return used | raw_ids | after


def _heading_text(raw: str) -> str:
    """The plain text Python-Markdown's toc slugifies for a heading written as ``raw``."""
    text = re.sub(r"[ \t]+#+[ \t]*$", "", raw).strip()
    if re.fullmatch(r"#+", text):
        return ""
    text = re.sub(r"\[\^[^\]]*\]", "", text)  # footnote references
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images have no text
    text = re.sub(r"\[((?:[^\[\]]|\\.)*)\](?:\([^)]*\)|\[[^\]]*\])", r"\1", text)  # links keep their text
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text)


@lru_cache(maxsize=65536)
def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown's ``toc`` slugify (MkDocs' default), reproduced to keep the core free of Markdown."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def _unique(ident: str, ids: set[str], counters: dict[str, int]) -> str:
    """Python-Markdown's ``toc.unique``: append ``_1``, ``_2``… to an id already taken.

    ``counters`` remembers the highest suffix known taken per base, as Python-Markdown 3.11 does, so that
    thousands of equal headings cost linear time, not quadratic.
    """
    if ident in ids or not ident:
        m = _IDCOUNT.match(ident)
        base, count = (m.group(1), int(m.group(2))) if m else (ident, 0)
        known = counters.get(base, 0)
        skip = count <= known or ident == f"{base}_{known + 1}"
        if skip:
            count = max(count, known)
        count += 1
        while f"{base}_{count}" in ids:
            count += 1
        ident = f"{base}_{count}"
        if skip:
            counters[base] = count
    ids.add(ident)
    return ident


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
