"""The sample project with texts full of characters that the export formats treat specially, exported once.

Every test_export_* module's ``exported`` fixture calls :func:`export_all`: the whole `curriculum export` of that
project runs once per test session (it builds both editions of the site and prints the handbooks, ~15 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from curriculum.loader import load_catalog
from curriculum.model import Catalog
from tests.conftest import CHROMIUM
from tests.sample_project import write_project

DATA = Path(__file__).parent / "data"

# GIFT's ~ = # { } : and backslash, XML/HTML markup and entities, quotes, a line break, a language span,
# and (for GIFT) a choice that starts with a percent sign.
SPECIAL = {
    "      en: Which is an act under the Protocol?\n":
        "Which is an act {under} the ~Protocol = #1: <b>not bold</b> & “quoted” isn't \\ back\\slash? "
        '(<span lang="es">trata</span>)',
    "      es: ¿Cuál es una acción conforme al Protocolo?\n":
        "¿Cuál es una acción {conforme} al ~Protocolo = #1: <i>no</i> & «comillas» \\ diagonal?",
    "          en: Recruitment\n": "Recruitment = act ~ {1} # 2: <u>x</u> & y",
    "          es: Captación\n": "Captación = acción ~ {1} # 2: <u>x</u> & y",
    "          en: Deception\n": "%50 of cases: deception",
    "          en: Yes, recruitment is an act.\n": "Yes: {recruitment} is an act ~ 100% #1 <ok>",
    "          es: Sí, la captación es una acción.\n": "Sí: {la captación} es una acción ~ 100 % #1 <ok>",
    "      en: Transport is an act, not a purpose.\n": "Transport is an act,\nnot a purpose: see art. 3(a) {sic}.",
}


def special_project(root: Path) -> Path:
    write_project(root)
    quiz = root / "quizzes/alpha.yml"
    text = quiz.read_text(encoding="utf-8")
    for old, new in SPECIAL.items():
        assert text.count(old) == 1, old
        key = old.strip().split(":")[0]
        indent = old[: len(old) - len(old.lstrip())]
        text = text.replace(old, f"{indent}{key}: {json.dumps(new, ensure_ascii=False)}\n")
    # Moodle XML and GIFT have no ordering question (CUR502): the project every format exports has none
    text = text[:text.index("  - id: order-definition\n")]
    quiz.write_text(text, encoding="utf-8")
    return root


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CURRICULUM_CHROMIUM": CHROMIUM}
    return subprocess.run([sys.executable, "-m", "curriculum.cli", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env=env)


def digest(root: Path, skip: str = "dist") -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.relative_to(root).parts[0] != skip}


@dataclass
class Export:
    project: Path
    dist: Path
    catalog: Catalog
    result: subprocess.CompletedProcess[str]
    before: dict[str, str]
    after: dict[str, str]
    seconds: float


_CACHE: dict[str, Export] = {}


def export_all(tmp_path_factory: pytest.TempPathFactory) -> Export:
    """The special-character sample project, exported in every format and language (once per session)."""
    if "all" not in _CACHE:
        import time

        if not Path(CHROMIUM).exists():
            raise RuntimeError("export tests need Debian's chromium (apt-get install chromium); .ci/run installs it")
        project = special_project(tmp_path_factory.mktemp("export") / "project")
        catalog, diags = load_catalog(project)
        assert list(diags) == [], "\n".join(d.render() for d in diags)
        before = digest(project)
        start = time.monotonic()
        result = cli("export", "-f", str(project / "mkdocs.yml"))
        seconds = time.monotonic() - start
        assert result.returncode == 0, result.stdout + result.stderr
        _CACHE["all"] = Export(project, project / "dist", catalog, result, before, digest(project), seconds)
    return _CACHE["all"]
