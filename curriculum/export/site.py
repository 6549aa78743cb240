"""The built site as exports use it: built once per edition, and cut down to one language.

The site is built with the same ``curriculum build`` as ``make site`` (strict,
both languages) into a scratch folder inside the output folder. A language's
part of the site is every page of that language plus the shared assets; the
language selector and ``hreflang`` alternates that point at the pages left
out are removed, so nothing links outside the bundle.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from curriculum.export.base import ExportError
from curriculum.sitebuild import MARKER

# Files of a built site that are for web servers and developers, not for packages
# (404.html is for web servers: its links are absolute, from site_url.)
_SKIP = re.compile(rf"(^|/)(sitemap\.xml(\.gz)?|\.DS_Store|{re.escape(MARKER)})$|\.map$|(^|/)404\.html$")
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([A-Za-z-]+)\"")


class SiteBuilds:
    """Builds each edition of the site at most once per export run."""

    def __init__(self, config: Path, scratch: Path) -> None:
        self.config, self.scratch = config, scratch
        self._built: dict[str, Path] = {}

    def __call__(self, edition: str) -> Path:
        if edition not in self._built:
            from curriculum.sitebuild import build_site  # MkDocs is imported only when a site is needed

            target = self.scratch / f"site-{edition}"
            shutil.rmtree(target, ignore_errors=True)
            if build_site(self.config, target, edition=edition, strict=True, quiet=True) != 0:
                raise ExportError(f"the {edition} edition of the site did not build (see the messages above)")
            self._built[edition] = target
        return self._built[edition]


def default_language(site: Path) -> str:
    """The language of the site's root pages (the other languages live in ``<lang>/`` folders)."""
    index = site / "index.html"
    match = _HTML_LANG.search(index.read_text(encoding="utf-8", errors="replace")[:4000]) if index.is_file() else None
    return match.group(1).split("-")[0] if match else "en"


def language_files(site: Path, lang: str, languages: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    """``(relative path, file)`` of every file of ``lang``'s part of the built ``site``, sorted."""
    default = default_language(site)
    if lang != default and not (site / lang / "index.html").is_file():
        raise ExportError(f"the built site has no `{lang}/` pages")
    others = {lg for lg in languages if lg not in (lang, default)}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        top = rel.split("/", 1)[0]
        if _SKIP.search(rel) or top in others:
            continue
        # Outside <lang>/ keep only shared assets: no default-language pages, and not the default language's
        # search index if this language has its own.
        if lang != default and top != lang and (
                rel.endswith(".html") or (top == "search" and (site / lang / "search").is_dir())):
            continue
        yield rel, path


def strip_other_languages(html: str, lang: str) -> str:
    """Drop the language selector entries and ``hreflang`` alternates of every language but ``lang``."""
    html = re.sub(r'<li class="md-select__item">\s*<a\b[^>]*\bhreflang="(?!' + re.escape(lang) + r'")[^"]*"'
                  r"[^>]*>.*?</a>\s*</li>", "", html, flags=re.S)
    return re.sub(r'<link\b[^>]*\brel="alternate"[^>]*\bhreflang="(?!' + re.escape(lang) + r'")[^"]*"[^>]*>\s*',
                  "", html)


_LINK = re.compile(r"""\b(?:href|src)="([^"#?]*)[^"]*\"""")


def dangling_links(files: dict[str, bytes]) -> list[str]:
    """Relative links and sources in the HTML ``files`` that point at no file of ``files``: ``page -> target``."""
    out = []
    for rel, data in files.items():
        if not rel.endswith(".html"):
            continue
        for match in _LINK.finditer(data.decode("utf-8", errors="replace")):
            target = match.group(1)
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if path.endswith("/") or path == ".":
                path = posixpath.join(path, "index.html")
            if path not in files:
                out.append(f"{rel} -> {target}")
    return out


def redirect_page(target: str, lang: str, title: str) -> bytes:
    """A page that opens ``target`` (relative), from a server or from file://, with and without scripts."""
    from html import escape

    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">'
        f"<title>{escape(title)}</title></head>"
        f'<body><p><a href="{escape(target)}">{escape(title)}</a></p></body></html>\n'
    ).encode()
