"""Offline bundle: a zip per language of the learner site that works from ``file://`` once unpacked.

The zip holds one folder, ``curriculum-<lang>/``, with that language's pages and
the shared assets (the site is built with ``use_directory_urls: false`` and the
offline plugin, so it needs no server and fetches nothing), an ``index.html``
that opens the language's home page, and a short README in the language.
"""

from __future__ import annotations

from pathlib import Path

from curriculum.diagnostics import Diagnostic
from curriculum.export.base import Context, artifact, write_zip
from curriculum.export.site import default_language, language_files, redirect_page, strip_other_languages
from curriculum.export.text import string
from curriculum.model import Catalog


def bundle(catalog: Catalog, site: Path, lang: str) -> list[tuple[str, bytes]]:
    """The zip entries: ``curriculum-<lang>/…``."""
    top = f"curriculum-{lang}"
    files: dict[str, bytes] = {}
    for rel, path in language_files(site, lang, catalog.languages):
        data = path.read_bytes()
        if rel.endswith(".html"):
            data = strip_other_languages(data.decode("utf-8"), lang).encode("utf-8")
        files[rel] = data
    if lang != default_language(site):
        files["index.html"] = redirect_page(f"{lang}/index.html", lang, catalog.string(lang, "modules"))
    files["README.txt"] = string("offline_readme", lang).encode("utf-8")
    return [(f"{top}/{rel}", files[rel]) for rel in sorted(files)]


class OfflineExporter:
    name, folder, editions = "offline", "offline", ("learner",)
    summary = "the learner site per language as a zip that works from file:// (USB stick, no server)"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        return []  # HTML carries every text

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        entries = bundle(catalog, self.ctx.site("learner"), lang)
        return [write_zip(artifact(out_dir, "site", lang, "offline", "zip"), entries)]
