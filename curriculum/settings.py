"""Where the project's sources are, and the few MkDocs settings the core needs (read as plain YAML).

One place for the project's paths: the source folders beside the docs folder, the project file, and
how ``docs_dir`` and ``site_dir`` are found in ``mkdocs.yml`` without importing MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from curriculum.diagnostics import Diagnostics
from curriculum.yamlsource import read_text

PROJECT_FILE = "curriculum.yml"
MKDOCS_FILE = "mkdocs.yml"
SOURCE_DIRS = ("quizzes", "tracks", "glossary", "locales", "bibliography")  # beside the docs folder
DEFAULT_DOCS_DIR = "modules"


class _Loader(yaml.SafeLoader):
    """MkDocs' YAML: ``!ENV`` is read from the environment, any other tag (``!!python/name:…``) is None."""


def _env_tag(loader: Any, node: Any) -> Any:
    try:
        from yaml_env_tag import construct_env_tag  # MkDocs' own (a dependency of MkDocs, not MkDocs itself)
    except ImportError:
        return None
    return construct_env_tag(loader, node)


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_constructor(None, lambda loader, node: None)


def read_settings(config: Path, depth: int = 0, root: Path | None = None) -> dict[str, Any]:
    """The top-level settings of an MkDocs configuration (with its ``INHERIT`` parent); {} if unreadable.

    Read like every source (a regular file, at most 2,000,000 bytes: a FIFO or ``/dev/zero`` is refused
    unread); an ``INHERIT`` parent outside the configuration's folder is never read. An unreadable
    configuration is MkDocs' to report; the checks then assume its defaults.
    """
    root = root or config.parent.resolve()
    text = read_text(config, config.name, Diagnostics())
    if text is None:
        return {}
    try:
        data = yaml.load(text, Loader=_Loader)
    except (ValueError, yaml.YAMLError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    parent = data.get("INHERIT")
    if isinstance(parent, str) and depth < 8:
        try:
            path = (config.parent / parent).resolve()
        except (OSError, RuntimeError):
            return data
        if path.is_relative_to(root):  # never a file outside the project
            data = {**read_settings(path, depth + 1, root), **data}
    return data


def docs_dir(root: Path, given: str | None = None) -> str | None:
    """The docs folder relative to ``root``: as given, else ``docs_dir`` of the project's mkdocs.yml.

    ``None`` when it lies outside the project, or is the project itself: the build reads nothing outside it.
    """
    root = root.resolve()
    if given is None:
        value = read_settings(root / MKDOCS_FILE).get("docs_dir")
        given = value if isinstance(value, str) and value.strip() else DEFAULT_DOCS_DIR
    folder = (root / given).resolve()
    if not folder.is_relative_to(root) or folder == root:
        return None
    return folder.relative_to(root).as_posix()
