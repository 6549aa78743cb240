"""Typed configuration of the ``curriculum`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CurriculumConfig(base.Config):
    """Options under ``plugins: - curriculum:`` in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (pages then build without quizzes)."""

    root = c.Optional(c.Type(str))
    """Project folder holding quizzes/, tracks/, glossary/, locales/; default: the folder of mkdocs.yml."""

    edition = c.Choice(("learner", "facilitator"), default="learner")
    """learner: facilitator notes and answer keys are left out of the HTML; facilitator: shown."""
