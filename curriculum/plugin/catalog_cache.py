"""Load the catalog once per set of source files, shared by the per-language builds.

mkdocs-static-i18n runs the whole build once per language on the same plugin
instance, and ``mkdocs serve`` rebuilds on every save: the cache is keyed by
the size and modification time of every source file.
"""

from __future__ import annotations

from pathlib import Path

from curriculum.diagnostics import Diagnostics
from curriculum.loader import load_catalog
from curriculum.model import Catalog
from curriculum.settings import PROJECT_FILE, SOURCE_DIRS

_cache: dict[tuple[Path, str], tuple[tuple, Catalog, Diagnostics]] = {}


def fingerprint(root: Path, docs_dir: str) -> tuple:
    files = [root / PROJECT_FILE]
    for folder in (*SOURCE_DIRS, docs_dir):
        base = root / folder
        if base.is_dir():
            files += [p for p in base.rglob("*") if p.suffix in (".yml", ".yaml", ".md")]
    stats = []
    for path in sorted(files):
        try:
            st = path.stat()
        except OSError:
            continue
        stats.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stats)


def cached_catalog(root: Path, docs_dir: str) -> tuple[Catalog, Diagnostics, bool]:
    """The catalog for ``root``; the flag says whether it was freshly loaded."""
    key, stamp = (root.resolve(), docs_dir), fingerprint(root, docs_dir)
    hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1], hit[2], False
    catalog, diags = load_catalog(root, docs_dir)
    _cache[key] = (stamp, catalog, diags)
    return catalog, diags, True
