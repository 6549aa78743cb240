"""Run a set of exports: check everything first, write nothing unless every requested export can be made.

Exit codes (as ``curriculum export`` returns them): 0 success; 1 the sources
have errors, a requested format cannot express some text, or the site does not
build; 2 usage (unknown track or language); 3 the output folder cannot be
written, or a tool an export needs (Chromium) is missing.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from curriculum import settings
from curriculum.diagnostics import render_all
from curriculum.export import FORMATS, GROUPS
from curriculum.export.base import Context, Exporter, ExportError, OutputError
from curriculum.export.gift import GiftExporter
from curriculum.export.handbook import HandbookExporter
from curriculum.export.moodle import MoodleExporter
from curriculum.export.offline import OfflineExporter
from curriculum.export.qti import QtiExporter
from curriculum.export.scorm import ScormExporter
from curriculum.export.site import SiteBuilds
from curriculum.loader import load_catalog
from curriculum.model import Catalog


def make(name: str, ctx: Context) -> Exporter:
    factories: dict[str, Callable[[], Exporter]] = {
        "scorm12": lambda: ScormExporter("1.2", ctx),
        "scorm2004": lambda: ScormExporter("2004", ctx),
        "qti": QtiExporter,
        "moodle": MoodleExporter,
        "gift": GiftExporter,
        "handbook": lambda: HandbookExporter(ctx),
        "offline": lambda: OfflineExporter(ctx),
    }
    return factories[name]()


def expand(names: list[str]) -> list[str]:
    """Format names in canonical order, groups (``all``, ``scorm``, ``quizzes``) expanded; default: all."""
    wanted = {f for n in (names or ["all"]) for f in GROUPS.get(n, (n,))}
    return [f for f in FORMATS if f in wanted]


def _err(message: str) -> None:
    print(f"curriculum: error: {message}", file=sys.stderr)


def _probe(out_dir: Path) -> None:
    """Fail early, and clearly, when the output folder cannot be written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder `{out_dir}`: {exc.strerror or exc}") from exc


def run_export(config: Path, out_dir: Path, names: list[str], track_ids: list[str], langs: list[str]) -> int:
    config = config.resolve()
    if not config.is_file():
        _err(f"configuration `{config}` does not exist")
        return 2
    root = config.parent
    docs_dir = settings.docs_dir(root)
    if docs_dir is None:
        _err(f"docs_dir of `{config}` must be a folder inside the project `{root}`")
        return 2
    catalog, diags = load_catalog(root, docs_dir)
    if diags.errors:
        print(render_all(diags.errors), file=sys.stderr)
        _err(f"{len(diags.errors)} error(s) in the sources: nothing was exported")
        return 1
    tracks, code = _tracks(catalog, track_ids)
    if code:
        return code
    langs = langs or list(catalog.languages)
    unknown = [lg for lg in langs if lg not in catalog.languages]
    if unknown:
        _err(f"unknown language `{unknown[0]}`; the curriculum is in {', '.join(catalog.languages)}")
        return 2
    formats = expand(names)
    out_dir = out_dir.resolve()
    scratch: Path | None = None
    try:
        _probe(out_dir)
        scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir))
        ctx = Context(tracks=tracks, site=SiteBuilds(config, scratch), scratch=scratch)
        exporters = [make(name, ctx) for name in formats]
        if not any(n in FORMATS for n in names):  # all, or a group: a format that cannot carry some question
            exporters = _leave_out_partial_formats(exporters, catalog, langs)  # types is left out, with a note
        problems = list(dict.fromkeys(d for ex in exporters for lang in langs for d in ex.problems(catalog, lang)))
        if problems:
            print(render_all(problems), file=sys.stderr)
            _err("some texts or questions cannot be expressed in the formats asked for (listed above): nothing was "
                 "exported")
            return 1
        for ex in exporters:
            preflight = getattr(ex, "preflight", None)
            if preflight is not None:
                preflight()
        written: list[Path] = []
        for ex in exporters:
            for lang in langs:
                written += ex.export(catalog, lang, out_dir / ex.folder)
    except OutputError as exc:
        _err(str(exc))
        return 3
    except ExportError as exc:
        _err(f"{exc}; files already exported in this run are complete, none was left half-written")
        return 1
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    for path in written:
        print(f"{path.relative_to(out_dir.parent) if out_dir.parent in path.parents else path}  "
              f"({_size(path.stat().st_size)})")
    print(f"curriculum: exported {len(written)} file(s) into {out_dir}")
    return 0


def _leave_out_partial_formats(exporters: list[Exporter], catalog: Catalog, langs: list[str]) -> list[Exporter]:
    """When no single format is named (everything, or a group such as ``quizzes``), a format whose only problems
    are question types it cannot express (CUR502) is left out with a note saying what carries them instead;
    named on its own, it fails as usual."""
    kept = []
    for ex in exporters:
        problems = [d for lang in langs for d in ex.problems(catalog, lang)]
        if problems and all(d.code == "CUR502" for d in problems):
            count = len({(d.path, d.line) for d in problems})
            print(f"curriculum: note: {ex.name} left out: {count} question(s) of a type it cannot express "
                  f"(CUR502; `curriculum export {ex.name}` lists them); the QTI banks and the SCORM packages carry "
                  "every question", file=sys.stderr)
            continue
        kept.append(ex)
    return kept


def _tracks(catalog: Catalog, ids: list[str]) -> tuple[tuple, int]:
    if not ids:
        return catalog.tracks, 0
    chosen = []
    for ident in ids:
        track = catalog.track(ident)
        if track is None:
            known = ", ".join(t.id for t in catalog.tracks) or "none"
            _err(f"unknown track `{ident}`; the tracks are: {known}")
            return (), 2
        chosen.append(track)
    return tuple(chosen), 0


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
