"""Shared fixtures: a valid sample project in a temporary folder, and site builds of it."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sample_project import write_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
CHROMIUM = "/usr/bin/chromium"  # Debian's; browser downloads are impossible here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
CLI = [sys.executable, "-m", "curriculum.cli"]
ROOT = Path(__file__).resolve().parent.parent


PERF = os.environ.get("CURRICULUM_PERF") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Time budgets (``@pytest.mark.perf``) depend on the machine: they run only with CURRICULUM_PERF=1."""
    if PERF:
        return
    skip = pytest.mark.skip(reason="time budget: set CURRICULUM_PERF=1 (`make perf`) to measure it")
    for item in items:
        if "perf" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every browser test of the run."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CURRICULUM_SKIP_BROWSER"):
            pytest.skip("CURRICULUM_SKIP_BROWSER set and no Chromium")
        raise RuntimeError("browser tests need Debian's chromium (apt-get install chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command in a fresh interpreter: for what needs the process boundary (signals, exit, a build)."""
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, check=False)


def run_cli_inprocess(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``curriculum.cli.main(args)`` in this process, with the same result as :func:`run_cli`.

    For ``check`` and ``codes``, where a subprocess adds only an interpreter start-up. Output is captured by
    redirecting ``sys.stdout``/``sys.stderr``; a usage error (argparse's ``SystemExit``) becomes its exit code.
    """
    from curriculum import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # as the interpreter would exit: None is 0, a message is printed and 1
            code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
            if not isinstance(exit_.code, int | None):
                print(exit_.code, file=sys.stderr)
    return subprocess.CompletedProcess([*CLI, *args], code, out.getvalue(), err.getvalue())


def build(project: Path, edition: str = "learner", site: Path | None = None) -> subprocess.CompletedProcess[str]:
    args = ["build", "-f", str(project / "mkdocs.yml"), "--edition", edition]
    if site is not None:
        args += ["-d", str(site)]
    return run_cli(*args)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample project built once in each edition: {'learner': site, 'facilitator': site}."""
    root = write_project(tmp_path_factory.mktemp("built") / "project")
    sites = {}
    for edition in ("learner", "facilitator"):
        site = root.parent / f"site-{edition}"
        result = build(root, edition, site)
        assert result.returncode == 0, result.stderr
        sites[edition] = site
    return sites


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("real")
    sites = {}
    for edition in ("learner", "facilitator"):
        site = out / edition
        result = run_cli("build", "-f", str(ROOT / "mkdocs.yml"), "--edition", edition, "-d", str(site))
        assert result.returncode == 0, result.stderr[-3000:]
        assert "WARNING" not in result.stderr, result.stderr[-3000:]
        sites[edition] = site
    return sites
