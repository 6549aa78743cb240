"""Typed configuration of the ``curriculum`` MkDocs plugin."""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c

QUICK_EXIT_URL = "https://www.wikipedia.org/"
"""The quick exit's default neutral page: non-commercial, in both languages, and it asks nothing of the reader."""


class _ExitURL(c.URL):
    """An absolute ``http(s)://`` address: a ``javascript:``, ``data:`` or relative one is refused."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.netloc or any(ch in url for ch in "\"'<> "):
            raise base.ValidationError(f"`quick_exit_url` must be an https:// address, not `{url}`")
        return url


class CurriculumConfig(base.Config):
    """Options under ``plugins: - curriculum:`` in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (pages then build without quizzes)."""

    root = c.Optional(c.Type(str))
    """Project folder holding quizzes/, tracks/, glossary/, locales/; default: the folder of mkdocs.yml."""

    edition = c.Choice(("learner", "facilitator"), default="learner")
    """learner: facilitator notes and answer keys are left out of the HTML; facilitator: shown."""

    quick_exit = c.Type(bool, default=False)
    """Show a "Quick exit" / "Salida rápida" button on every page (for builds aimed at the public; docs/authoring.md).

    A click on it, or Escape pressed twice, replaces the page with ``quick_exit_url`` (``location.replace``: the
    current history entry is overwritten, earlier ones are not). Its script and style load only when this is on.
    """

    quick_exit_url = _ExitURL(default=QUICK_EXIT_URL)
    """Where the quick exit goes: an ``https://`` (or ``http://``) address; default Wikipedia's portal."""
