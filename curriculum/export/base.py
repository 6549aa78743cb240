"""The shared interface of every export: the protocol, names, errors and atomic writing.

An exporter turns the catalog (and, for site-based formats, a built edition of
the site) into files for one language. It never writes a file in place: each
file is written next to its destination under a temporary name and moved over
it with ``os.replace`` only once complete, so an interrupted or failed export
never leaves a half-written file where a good one was.
"""

from __future__ import annotations

import contextlib
import os
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from curriculum.diagnostics import Diagnostic
from curriculum.model import Catalog, Track

try:
    from importlib.metadata import version as _version

    VERSION = _version("curriculum")
except Exception:  # running from a source tree that was never installed
    VERSION = "0"

# Fixed timestamp for zip entries: packages are byte-for-byte reproducible from the same input.
ZIP_EPOCH = (2000, 1, 1, 0, 0, 0)


class ExportError(Exception):
    """The export cannot be done as asked; the message says why and what to do (exit code 1)."""


class OutputError(ExportError):
    """The output cannot be written or a tool the export needs is missing (exit code 3)."""


SiteProvider = Callable[[str], Path]
"""Returns the folder of a built edition of the site (``learner`` or ``facilitator``), building it once."""


@dataclass
class Context:
    """What every exporter may use besides the catalog: the selected tracks and the built site."""

    tracks: tuple[Track, ...]
    site: SiteProvider
    scratch: Path
    notes: list[str] = field(default_factory=list)


class Exporter(Protocol):
    """One export format. ``export`` writes this format's files for ``lang`` and returns their paths."""

    name: str          # command-line name, e.g. ``scorm12``
    folder: str        # sub-folder of the output folder, e.g. ``scorm``
    summary: str       # one line for `curriculum export --help`

    @property
    def editions(self) -> tuple[str, ...]:
        """Editions of the site it needs built (none for the quiz banks)."""
        ...

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        """What in the catalog this format cannot express in ``lang`` (checked before anything is written)."""
        ...

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        """Write this format's files for ``lang`` into ``out_dir``; return the paths written."""
        ...


def artifact(out_dir: Path, stem: str, lang: str, fmt: str, ext: str) -> Path:
    """The predictable name of an output: ``<stem>.<lang>.<format>.<ext>`` (stem: a track id, or a kind)."""
    return out_dir / f"{stem}.{lang}.{fmt}.{ext}"


@contextlib.contextmanager
def atomic_path(dest: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; move it over ``dest`` only if the block succeeds."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder `{dest.parent}`: {exc.strerror or exc}") from exc
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        with open(tmp, "rb") as fh:  # the bytes are on disk before the name points at them
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        raise OutputError(f"cannot write `{dest}`: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes(dest: Path, data: bytes) -> Path:
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)
    return dest


def write_text(dest: Path, text: str) -> Path:
    return write_bytes(dest, text.encode("utf-8"))


def write_zip(dest: Path, entries: Iterable[tuple[str, bytes]]) -> Path:
    """Write a deflated zip of ``(name, data)`` entries, in the order given, with fixed timestamps."""
    seen: set[str] = set()
    with atomic_path(dest) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries:
            if name in seen:
                raise ExportError(f"internal error: `{name}` would be written twice into {dest.name}")
            seen.add(name)
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return dest


def xml_bytes(root: ET.Element, what: str) -> bytes:
    """``root`` as a UTF-8 XML document, read back by an XML parser before anything is written.

    The checks (CUR501) keep characters XML cannot carry out of the documents; should one get past them,
    the document is refused here with a clear error rather than written ill-formed.
    """
    try:
        data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
        ET.fromstring(data)
    except (ET.ParseError, ValueError) as exc:  # UnicodeError (a lone surrogate) is a ValueError
        raise ExportError(f"{what} would not be well-formed XML ({exc}): a text holds a character XML cannot "
                          "carry (`curriculum check` reports it as CUR501); nothing was written for it") from exc
    return data
