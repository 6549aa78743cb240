"""The docs folder as the site will publish it: pages, allowed assets, and what is left out.

One walk of the docs folder, made once while the catalog loads, decides for every
file whether it is a page (read here, once, with its language), an asset a reader
may receive, or a file that is left out of the site. The checks, the link check and
the MkDocs plugin all read this inventory, so a file the checks never saw can never
be published.

The walk follows symlinked folders the way MkDocs does, but refuses any symlink whose
target lies outside the docs folder (``CUR311``: a link to ``quizzes/`` would publish
every answer key) and any symlink loop; it reads only regular files (``CUR002``: a
FIFO or a device would hang or exhaust the build).
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterator
from pathlib import Path

from curriculum.diagnostics import Diagnostics
from curriculum.model import DocsTree, Page
from curriculum.yamlsource import read_text

MODULE_FILE = "module.yml"

# What a reader may receive from the docs folder: images, documents, captions, media, fonts, styles.
ASSET_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".pdf", ".vtt", ".mp3", ".mp4", ".webm", ".ogg",
    ".woff", ".woff2", ".css",
})
# Vendored third-party code (with its licence) lives in one folder, reviewed like our own.
VENDOR_FOLDER = "assets/vendor/"
VENDOR_SUFFIXES = frozenset({".js", ".txt", ""})
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
    if suffix == ".md" and name == name.strip():
        return "page"
    if suffix in ASSET_SUFFIXES:
        return "asset"
    if doc.startswith(VENDOR_FOLDER) and suffix in VENDOR_SUFFIXES:
        return "asset"
    return "left-out"


def scan(root: Path, docs_dir: str, languages: tuple[str, ...], diags: Diagnostics) -> DocsTree:
    """Walk ``root/docs_dir`` once; report unsafe files; read every page."""
    docs = root / docs_dir
    if not docs.is_dir():
        return DocsTree()
    pages: list[Page] = []
    assets: set[str] = set()
    left_out: set[str] = set()
    for doc, path in _walk(docs, docs_dir, diags):
        kind = classify(doc)
        rel = f"{docs_dir}/{doc}"
        if kind == "page":
            pages.append(Page(doc, rel, page_language(posixpath.basename(doc), languages),
                              read_text(path, rel, diags, code="CUR005")))
        elif kind == "asset":
            assets.add(doc)
        else:
            left_out.add(doc)
            name = posixpath.basename(doc)
            if name != MODULE_FILE and not name.startswith("."):
                diags.add(rel, 1, 1, "CUR310", f"`{rel}` is left out of the site: it is not a page or an asset type "
                          "readers receive", "pages end in .md; assets are images, PDFs, captions, media, fonts "
                          "and CSS (scripts only under assets/vendor/); delete editor backups and stray sources")
    return DocsTree(tuple(sorted(pages, key=lambda p: p.doc)), frozenset(assets), frozenset(left_out))


def _walk(docs: Path, docs_dir: str, diags: Diagnostics) -> Iterator[tuple[str, Path]]:
    """Yield ``(docs-relative name, path)`` of every regular file, following safe symlinks, in sorted order."""
    top = docs.resolve()
    stack: list[tuple[Path, str, tuple[Path, ...]]] = [(docs, "", (top,))]
    while stack:
        folder, prefix, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            diags.add(f"{docs_dir}/{prefix}".rstrip("/"), 1, 1, "CUR002", f"cannot read folder: {exc.strerror or exc}")
            continue
        files: list[tuple[str, Path]] = []
        for entry in entries:
            doc = f"{prefix}{entry.name}"
            rel = f"{docs_dir}/{doc}"
            path = Path(entry.path)
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
                    stack.append((path, f"{doc}/", (*ancestors, real)))
            elif stat.S_ISREG(info.st_mode):
                files.append((doc, path))
            elif not entry.name.startswith("."):
                diags.add(rel, 1, 1, "CUR002", f"`{rel}` is not a regular file (a pipe, socket or device)",
                          "sources and assets must be ordinary files")
        yield from reversed(files)
