"""The docs folder as the site will publish it: pages, allowed assets, and what is left out.

One walk of the docs folder, made once while the catalog loads, decides for every
file whether it is a page (read here, once, with its language), an asset a reader
may receive, or a file that is left out of the site. The checks, the link check and
the MkDocs plugin all read this inventory, so a file the checks never saw can never
be published.

The walk follows symlinked folders the way MkDocs does, but refuses any symlink whose
target lies outside the docs folder (``CUR311``: a link to ``quizzes/`` would publish
every answer key) and any symlink loop; it reads only regular files (``CUR002``: a
FIFO or a device would hang or exhaust the build). A symlinked file is published only
if what it points at would be too, a binary asset only if its first bytes are what its
name says (a renamed copy of ``quizzes/x.yml`` is not a PNG), and no asset with a second
name (a hard link may be any file's content). A top-level entry named like what the
site build writes itself (a language's folder, ``search``, ``sitemap.xml``) is an error
(``CUR104``, as for a module of that name): it would replace or mix with it.
"""

from __future__ import annotations

import os
import posixpath
import stat
import xml.parsers.expat
from collections.abc import Callable, Iterator
from pathlib import Path

from curriculum.diagnostics import Diagnostics
from curriculum.model import SITE_FILES, DocsTree, Page
from curriculum.yamlsource import MAX_BYTES, read_regular, read_text

MODULE_FILE = "module.yml"
PAGE_SUFFIX = ".md"  # exactly, as MkDocs' own page detection is case-sensitive
# MkDocs takes these as pages too (mkdocs.utils.markdown_extensions); they, and `.MD`, are left out with a note.
MARKDOWN_LIKE = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")

# What a reader may receive from the docs folder: images, documents, captions, media, fonts, styles.
ASSET_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".pdf", ".vtt", ".mp3", ".mp4", ".webm", ".ogg",
    ".woff", ".woff2", ".css",
})
# Vendored third-party code (with its licence) lives in one folder, reviewed like our own.
VENDOR_FOLDER = "assets/vendor/"
VENDOR_SUFFIXES = frozenset({".js"})
VENDOR_LICENCES = frozenset({"LICENSE", "LICENSE.txt", "LICENCE", "LICENCE.txt", "NOTICE", "NOTICE.txt",
                             "COPYING", "COPYING.txt"})
# Scanned for script and remote resources like pages are (an SVG opened directly runs its scripts).
ACTIVE_ASSET_SUFFIXES = frozenset({".svg", ".css"})


def page_language(name: str, languages: tuple[str, ...]) -> str:
    """``x.es.md`` is Spanish; any other page (``x.md``, ``notes.v2.md``) is in the default language."""
    parts = name.split(".")
    if len(parts) >= 3 and parts[-2] in languages:
        return parts[-2]
    return languages[0]


def classify(doc: str) -> str:
    """``page``, ``asset`` or ``left-out`` for a docs-relative file name (no file access)."""
    name = posixpath.basename(doc)
    suffix = posixpath.splitext(name)[1].lower()
    if name.startswith("."):
        return "left-out"
    if name.endswith(PAGE_SUFFIX) and name == name.strip():
        return "page"
    if suffix in ASSET_SUFFIXES:
        return "asset"
    if doc.startswith(VENDOR_FOLDER) and (suffix in VENDOR_SUFFIXES or name in VENDOR_LICENCES):
        return "asset"
    return "left-out"


# -- what a binary asset's first bytes must be ------------------------------------------------------------------

HEAD_BYTES = 64  # enough for every signature below (the ftyp box of MP4 and AVIF included)


def _ftyp_brands(head: bytes) -> list[bytes]:
    """The major and compatible brands of an ISO media file's leading ``ftyp`` box ([] if it has none)."""
    if head[4:8] != b"ftyp":
        return []
    size = min(int.from_bytes(head[:4], "big"), len(head))
    return [head[8:12]] + [head[i:i + 4] for i in range(16, size - 3, 4)]


def _mp3(head: bytes) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _vtt(head: bytes) -> bool:
    head = head.removeprefix(b"\xef\xbb\xbf")
    return head.startswith(b"WEBVTT") and head[6:7] in (b"", b" ", b"\t", b"\n", b"\r")


# Each binary type readers receive, by its signature (the suffixes of one type share it).
_TYPES: dict[str, Callable[[bytes], bool]] = {
    "PNG": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "JPEG": lambda h: h.startswith(b"\xff\xd8\xff"),
    "GIF": lambda h: h[:6] in (b"GIF87a", b"GIF89a"),
    "WebP": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    "AVIF": lambda h: bool({b"avif", b"avis"} & set(_ftyp_brands(h))),
    "ICO": lambda h: h.startswith(b"\x00\x00\x01\x00"),
    "PDF": lambda h: h.startswith(b"%PDF-"),
    "WOFF": lambda h: h.startswith(b"wOFF"),
    "WOFF2": lambda h: h.startswith(b"wOF2"),
    "MP3": _mp3,
    "MP4": lambda h: bool(_ftyp_brands(h)),
    "WebM": lambda h: h.startswith(b"\x1a\x45\xdf\xa3"),
    "Ogg": lambda h: h.startswith(b"OggS"),
    "WebVTT": _vtt,
}
_EXPECTED = {".png": ("PNG",), ".jpg": ("JPEG",), ".jpeg": ("JPEG",), ".gif": ("GIF",), ".webp": ("WebP",),
             ".avif": ("AVIF",), ".ico": ("ICO", "PNG"), ".pdf": ("PDF",), ".woff": ("WOFF",),
             ".woff2": ("WOFF2",), ".mp3": ("MP3",), ".mp4": ("MP4",), ".webm": ("WebM",), ".ogg": ("Ogg",),
             ".vtt": ("WebVTT",)}


def _sniffed(head: bytes) -> str:
    """What ``head`` looks like, for the note: a known type, text, or neither (never its bytes: they may be
    an answer key)."""
    found = next((name for name, matches in _TYPES.items() if matches(head)), None)
    if found is not None:
        return f"{found} data"
    if not head:
        return "empty"
    if b"\x00" in head:
        return "other binary data"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":  # a character cut by the end of the read is still text
            return "other binary data"
    return "text"


class _Root(Exception):
    """The root element (or the DOCTYPE's name) of an XML document, found."""


def _svg_root(data: bytes) -> str | None:
    """The local name of the XML document's root element (or of its DOCTYPE, where parsing stops: a DTD is
    the SVG scan's to refuse), or None if ``data`` is not well-formed XML."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root: list[str] = []

    def doctype(name: str, *_: object) -> None:
        root.append(name.rpartition(":")[2])
        raise _Root

    def start(name: str, _attrs: object) -> None:
        if not root:
            root.append(name.rpartition(" ")[2])

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Root:
        pass
    except xml.parsers.expat.ExpatError:
        return None
    return root[0] if root else None


def content_mismatch(path: Path, suffix: str) -> str | None:
    """Why the file ``path`` is not what its ``suffix`` says (a PNG's first bytes, an SVG's root), or None.

    Only the first :data:`HEAD_BYTES` are read, but for an SVG (parsed as XML, at most 2,000,000 bytes)."""
    expected = _EXPECTED.get(suffix)
    if expected is None and suffix != ".svg":
        return None  # CSS and vendored scripts are text: scanned (CSS) or reviewed (scripts)
    try:
        data = read_regular(path, MAX_BYTES + 1 if suffix == ".svg" else HEAD_BYTES)
    except OSError:
        return None  # gone or unreadable since the walk: MkDocs' copy fails loudly
    if expected is not None:
        if any(_TYPES[name](data) for name in expected):
            return None
        return f"its content is {_sniffed(data)}, not {' or '.join(expected)} as its name says"
    if len(data) > MAX_BYTES:
        return None  # the SVG scan refuses it as too large (CUR004)
    root = _svg_root(data)
    if root == "svg":
        return None
    shown = "not well-formed XML" if root is None else f"an XML document whose root is `<{root[:40]}>`"
    return f"its content is {shown}, not an SVG image (an XML document whose root is `<svg>`)"


def _stem(name: str, languages: tuple[str, ...]) -> str:
    """The name a top-level entry takes in the built site: a page's without ``.md`` and its language."""
    if not name.endswith(PAGE_SUFFIX):
        return name
    stem = name.removesuffix(PAGE_SUFFIX)
    base, _, lang = stem.rpartition(".")
    return base if base and lang in languages else stem


def _site_part(name: str, languages: tuple[str, ...]) -> str | None:
    """What the site build writes at its top under ``name`` (then a docs entry must not have it), or None."""
    if name in languages:
        return f"the pages in language `{name}`"
    if name in SITE_FILES:
        return _SITE_PARTS.get(name, f"`{name}`")
    return None


_SITE_PARTS = {"search": "the search index", "sitemap.xml": "the sitemap", "sitemap.xml.gz": "the sitemap",
               "404.html": "the 404 page"}


def scan(root: Path, docs_dir: str, languages: tuple[str, ...], diags: Diagnostics) -> DocsTree:
    """Walk ``root/docs_dir`` once; report unsafe files; read every page."""
    docs = root / docs_dir
    if not docs.is_dir():
        return DocsTree()
    pages: list[Page] = []
    assets: set[str] = set()
    left_out: set[str] = set()
    for doc, path, real, nlink in _walk(docs, docs_dir, languages, diags):
        kind = classify(doc)
        rel = f"{docs_dir}/{doc}"
        name = posixpath.basename(doc)
        why, fix = "it is not a page or an asset type readers receive", (
            "pages end in .md; assets are images, PDFs, captions, media, fonts and CSS (scripts only under "
            "assets/vendor/, with their licence); delete editor backups and stray sources")
        if kind == "left-out" and name.lower().endswith(MARKDOWN_LIKE) and not name.startswith("."):
            why = "a page's name ends in `.md`, in lower case (MkDocs would copy this file as it is)"
            fix = f"rename it to `{name.rpartition('.')[0].strip()}.md`"
        elif kind != "left-out" and real != doc and classify(real) == "left-out":
            kind, why = "left-out", f"it is a symlink to `{docs_dir}/{real}`, which is not published"
            fix = "link to a page or an asset, or copy the file"
        elif kind == "asset" and nlink > 1:
            kind, why = "left-out", (f"it is a hard link (the file has {nlink} names), so its content may be "
                                     "another file's")
            fix = "copy the file into the docs folder instead of linking it"
        elif kind == "asset" and (mismatch := content_mismatch(path, posixpath.splitext(name)[1].lower())):
            kind, why = "left-out", mismatch
            fix = "put the real file in its place, or give it the suffix of what it holds"
        if kind == "page":
            pages.append(Page(doc, rel, page_language(name, languages), read_text(path, rel, diags, code="CUR005")))
        elif kind == "asset":
            assets.add(doc)
        else:
            left_out.add(doc)
            if name != MODULE_FILE and not name.startswith("."):
                diags.add(rel, 1, 1, "CUR310", f"`{rel}` is left out of the site: {why}", fix)
    return DocsTree(tuple(sorted(pages, key=lambda p: p.doc)), frozenset(assets), frozenset(left_out))


def _walk(docs: Path, docs_dir: str, languages: tuple[str, ...],
          diags: Diagnostics) -> Iterator[tuple[str, Path, str, int]]:
    """Yield ``(docs-relative name, path, docs-relative name of the file it is, link count)`` of every regular
    file, following safe symlinks, in sorted order; report top-level names the site build writes itself."""
    top = docs.resolve()
    stack: list[tuple[Path, str, str, tuple[Path, ...]]] = [(docs, "", "", (top,))]
    while stack:
        folder, prefix, real_prefix, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            diags.add(f"{docs_dir}/{prefix}".rstrip("/"), 1, 1, "CUR002", f"cannot read folder: {exc.strerror or exc}")
            continue
        files: list[tuple[str, Path, str, int]] = []
        for entry in entries:
            doc = f"{prefix}{entry.name}"
            rel = f"{docs_dir}/{doc}"
            path = Path(entry.path)
            real_doc = f"{real_prefix}{entry.name}"
            if not prefix and (part := _site_part(_stem(entry.name, languages), languages)) is not None:
                diags.add(rel, 1, 1, "CUR104", f"`{rel}` has the name of {part}, which the site build writes at the "
                          "top of the site: it would replace or mix with it",
                          "rename it; the top of the docs folder holds pages, module folders, `assets`, `tracks` "
                          "and `reference`")
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    diags.add(rel, 1, 1, "CUR311", f"`{rel}` is a broken or looping symlink")
                    continue
                if not target.is_relative_to(top):
                    diags.add(rel, 1, 1, "CUR311", f"`{rel}` is a symlink to a place outside the docs folder "
                              f"`{docs_dir}`", "copy the file into the docs folder, or remove the link")
                    continue
                real_doc = target.relative_to(top).as_posix()
            try:
                info = path.stat()
            except OSError as exc:
                diags.add(rel, 1, 1, "CUR002", f"cannot read file: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(info.st_mode):
                real = path.resolve()
                if real in ancestors:
                    diags.add(rel, 1, 1, "CUR311", f"`{rel}` is a symlink loop (it leads back to a folder above it)")
                    continue
                if not entry.name.startswith("."):
                    stack.append((path, f"{doc}/", f"{real.relative_to(top).as_posix()}/", (*ancestors, real)))
            elif stat.S_ISREG(info.st_mode):
                files.append((doc, path, real_doc, info.st_nlink))
            elif not entry.name.startswith("."):
                diags.add(rel, 1, 1, "CUR002", f"`{rel}` is not a regular file (a pipe, socket or device)",
                          "sources and assets must be ordinary files")
        yield from reversed(files)
