"""The core must not depend on MkDocs; the reference page must match the code registry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from curriculum import codes

ROOT = Path(__file__).resolve().parent.parent


def test_core_imports_without_mkdocs() -> None:
    code = ("import sys, curriculum, curriculum.cli, curriculum.render, curriculum.sitebuild; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_diagnostics_reference_is_generated_from_registry() -> None:
    assert (ROOT / "docs/diagnostics.md").read_text(encoding="utf-8") == codes.render_markdown(), (
        "run: curriculum codes --markdown > docs/diagnostics.md")


def test_every_code_is_documented_with_bad_and_good_examples() -> None:
    for c in codes.CODES.values():
        assert c.code.startswith("CUR") and len(c.code) == 6
        assert c.summary and c.why and c.bad and c.good and c.bad != c.good, c.code
