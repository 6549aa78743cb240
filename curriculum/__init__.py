"""Bilingual training-curriculum generator: one catalog, many views.

The core (this package minus :mod:`curriculum.plugin`) knows nothing of MkDocs:
it loads modules, quizzes, tracks, the glossary and interface strings into an
immutable :class:`Catalog` and reports every problem as a coded diagnostic.
"""

from curriculum.diagnostics import Diagnostic as Diagnostic
from curriculum.diagnostics import Diagnostics as Diagnostics
from curriculum.loader import load_catalog as load_catalog
from curriculum.model import Catalog as Catalog

__all__ = ["Catalog", "Diagnostic", "Diagnostics", "load_catalog"]
