"""`curriculum build`'s safe swap: it replaces only what it built, survives a kill, and leaves nothing behind.

Most tests replace the MkDocs run with a fake that writes two pages (`fake_mkdocs`), so they take
milliseconds; refusals must happen before MkDocs would run, so there a fake that fails the test stands in.
One slow test makes a real build.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from curriculum import cli, sitebuild
from tests.conftest import CLI, run_cli

MARKER = ".curriculum-site"
Runner = Callable[[list[str], dict[str, str], bool], tuple[int, str]]


# -- helpers ---------------------------------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: folders, symlinks and file contents (an emptied folder shows)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = path.read_text(encoding="utf-8", errors="replace")
    return out


def debris(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".new-" in p.name or ".old-" in p.name)


def fake_mkdocs(code: int = 0, seen: list[Path] | None = None, label: str = "new") -> Runner:
    """Stands in for the MkDocs run: writes an English and a Spanish home page into the `-d` folder."""

    def run(command: list[str], env: dict[str, str], quiet: bool) -> tuple[int, str]:
        out = Path(command[command.index("-d") + 1])
        if seen is not None:
            seen.append(out)
        if code:
            return code, "ERROR    -  fake failure"
        (out / "es").mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text(f"{label} {env['CURRICULUM_EDITION']}", encoding="utf-8")
        (out / "es" / "index.html").write_text(f"{label} es", encoding="utf-8")
        return 0, ""

    return run


def forbidden(command: list[str], env: dict[str, str], quiet: bool) -> tuple[int, str]:
    raise AssertionError("MkDocs must not run when the target is refused")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    seen: list[Path] = []
    monkeypatch.setattr(sitebuild, "_run_mkdocs", fake_mkdocs(seen=seen))
    yield seen


def ours(folder: Path, content: str = "old", **stamp: object) -> Path:
    """A folder that looks like a site curriculum built earlier."""
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(content, encoding="utf-8")
    (folder / MARKER).write_text(json.dumps({"generator": "curriculum", "edition": "learner", **stamp}),
                                 encoding="utf-8")
    return folder


def set_config(project: Path, **values: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in values.items():
        text = f"{key}: {value}\n" + "\n".join(line for line in text.splitlines() if not line.startswith(f"{key}:"))
    config.write_text(text + "\n", encoding="utf-8")
    return config


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("curriculum: error: "), err
    return lines[0]


# -- finding 1: never remove what we did not build -------------------------------------------------------------


@pytest.mark.parametrize("rel", [".", "modules", "quizzes/new"])
def test_cli_refuses_the_project_and_its_sources_and_touches_nothing(project: Path, rel: str) -> None:
    (project / ".git").mkdir()
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = snapshot(project.parent)
    result = run_cli("build", "-d", rel, cwd=project)
    assert result.returncode == 2, result.stderr
    assert "refusing" in one_error_line(result.stderr)
    assert snapshot(project.parent) == before  # nothing created, nothing removed, MkDocs never wrote


@pytest.mark.parametrize("rel, why", [
    ("..", "contains the project folder"),
    ("modules/alpha", "source folder"),
    ("modules/assets/new", "source folder"),
    ("tracks", "source folder"),
    ("glossary", "source folder"),
    ("locales", "source folder"),
    ("curriculum.yml", "is a file"),
    ("mkdocs.yml", "is a file"),
])
def test_refuses_before_running_mkdocs(project: Path, rel: str, why: str, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sitebuild, "_run_mkdocs", forbidden)
    before = snapshot(project.parent)
    assert sitebuild.build_site(project / "mkdocs.yml", project / rel) == 2
    assert why in one_error_line(capsys.readouterr().err)
    assert snapshot(project.parent) == before


def test_refuses_a_folder_it_did_not_build(project: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sitebuild, "_run_mkdocs", forbidden)
    notes = project.parent / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("mine", encoding="utf-8")
    fake_marker = project.parent / "fake"  # a marker that is not ours: not JSON, a symlink, a folder
    fake_marker.mkdir()
    (fake_marker / MARKER).write_text("not json", encoding="utf-8")
    linked = project.parent / "linked"
    linked.mkdir()
    (linked / MARKER).symlink_to(fake_marker / MARKER)
    (project.parent / "to-modules").symlink_to(project / "modules")
    before = snapshot(project.parent)
    for name, why in (("notes", "not empty"), ("fake", "not empty"), ("linked", "not empty"),
                      ("to-modules", "source folder")):
        assert sitebuild.build_site(project / "mkdocs.yml", project.parent / name) == 2
        assert why in one_error_line(capsys.readouterr().err), name
    assert snapshot(project.parent) == before


def test_docs_dir_comes_from_the_configuration(project: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sitebuild, "_run_mkdocs", forbidden)
    (project / "modules").rename(project / "pages")
    config = set_config(project, docs_dir="pages")
    assert sitebuild.build_site(config, project / "pages" / "out") == 2
    assert "source folder" in one_error_line(capsys.readouterr().err)
    config = set_config(project, site_dir="pages")  # a dangerous site_dir in the configuration is refused too
    assert sitebuild.build_site(config) == 2
    assert "source folder" in one_error_line(capsys.readouterr().err)
    assert not (project / "pages" / "out").exists()


def test_replaces_an_empty_folder_or_its_own_site_and_writes_the_marker(project: Path, fake: list[Path]) -> None:
    empty = project / "out"
    empty.mkdir()
    assert sitebuild.build_site(project / "mkdocs.yml", empty) == 0
    assert (empty / "index.html").read_text(encoding="utf-8") == "new learner"
    stamp = json.loads((empty / MARKER).read_text(encoding="utf-8"))
    assert stamp == {"generator": "curriculum", "edition": "learner"}  # no pid or time: exports stay reproducible
    site = ours(project / "site", "old")
    (site / "stale.html").write_text("gone", encoding="utf-8")
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 0
    assert (site / "index.html").read_text(encoding="utf-8") == "new learner"
    assert not (site / "stale.html").exists()
    assert debris(project) == []
    assert len(fake) == 2 and fake[0].parent == project and fake[0].name.startswith(".out.new-")


def test_site_dir_comes_from_the_configuration_with_env_tags(project: Path, fake: list[Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    config = set_config(project, site_dir="!ENV [CURRICULUM_TEST_SITE, public]",
                        extra_css="[!!python/name:os.getcwd ]")  # an unknown tag is tolerated
    monkeypatch.delenv("CURRICULUM_TEST_SITE", raising=False)
    assert sitebuild.build_site(config) == 0
    assert (project / "public" / MARKER).is_file() and not (project / "site").exists()
    monkeypatch.setenv("CURRICULUM_TEST_SITE", "elsewhere")
    assert sitebuild.build_site(config) == 0
    assert (project / "elsewhere" / "index.html").is_file()
    # The facilitator edition never goes where the configuration says (that is the learner site).
    assert sitebuild.build_site(config, edition="facilitator") == 0
    assert (project / "site-facilitator" / "index.html").read_text(encoding="utf-8") == "new facilitator"
    assert json.loads((project / "site-facilitator" / MARKER).read_text(encoding="utf-8"))["edition"] == "facilitator"


def test_help_documents_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "site_dir" in text and "site-facilitator" in text and "current folder" in text
    assert MARKER in text


def test_export_site_builds_still_work(project: Path, fake: list[Path], tmp_path: Path) -> None:
    from curriculum.export.site import SiteBuilds

    scratch = project / "dist" / ".export-x"
    scratch.mkdir(parents=True)
    site = SiteBuilds(project / "mkdocs.yml", scratch)("learner")
    assert site == scratch / "site-learner" and (site / "es" / "index.html").is_file()


# -- finding 3: -d is relative to the current folder -----------------------------------------------------------


def test_relative_site_dir_is_relative_to_the_current_folder(project: Path, fake: list[Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert cli.main(["build", "-f", str(project / "mkdocs.yml"), "-d", "modules"]) == 0
    assert (here / "modules" / "index.html").is_file()
    assert (project / "modules" / "alpha" / "module.yml").is_file()  # the project's modules/ is untouched


# -- finding 2: crash safety -----------------------------------------------------------------------------------


def selective_rename(monkeypatch: pytest.MonkeyPatch, root: Path, fail: Callable[[str, str], OSError | None]) -> None:
    """Make os.rename raise ``fail(src, dst)`` (when not None) for renames under ``root``."""
    real = os.rename

    def rename(src: str, dst: str, *args: object, **kwargs: object) -> None:
        if str(src).startswith(str(root)):
            error = fail(str(src), str(dst))
            if error is not None:
                raise error
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)


def test_an_immutable_site_gives_one_line_and_removes_the_new_build(project: Path, fake: list[Path],
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = ours(project / "site")
    before = snapshot(site)
    selective_rename(monkeypatch, project, lambda src, dst: PermissionError(errno.EPERM, "Operation not permitted")
                     if src == str(site) else None)
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "Operation not permitted" in line and "unchanged" in line
    assert snapshot(site) == before and debris(project) == []


def test_a_failed_second_rename_puts_the_previous_site_back(project: Path, fake: list[Path],
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    site = ours(project / "site")
    before = snapshot(site)
    selective_rename(monkeypatch, project, lambda src, dst: OSError(errno.ENOSPC, "No space left on device")
                     if ".site.new-" in src else None)
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 1
    assert "No space left" in one_error_line(capsys.readouterr().err)
    assert snapshot(site) == before and debris(project) == []


KILL_BETWEEN_RENAMES = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from curriculum import sitebuild
    from tests.test_sitebuild import fake_mkdocs

    sitebuild._run_mkdocs = fake_mkdocs()
    real = os.rename

    def rename(src, dst, *args, **kwargs):
        if ".site.new-" in str(src):  # the old site is already aside: die as if SIGKILLed here
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)

    os.rename = rename
    sys.exit(sitebuild.build_site(Path(sys.argv[1]), Path(sys.argv[2])))
""")


def test_a_build_killed_between_the_renames_is_recovered_next_time(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    site = ours(project / "site")
    before = snapshot(site)
    root = Path(__file__).resolve().parent.parent
    killed = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, str(project / "mkdocs.yml"), str(site)],
                            cwd=root, capture_output=True, text=True, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not site.exists()  # the crash window: no site/ at all
    assert any(".site.old-" in name for name in debris(project)), debris(project)
    # The next build puts the previous site back before it starts, so even a failed build leaves it in place.
    monkeypatch.setattr(sitebuild, "_run_mkdocs", fake_mkdocs(code=1))
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 1
    assert "previous site" in capsys.readouterr().err
    assert snapshot(site) == before
    assert debris(project) == []  # the dead build's new folder is gone too


def test_stale_debris_of_our_making_is_removed_and_nothing_else(project: Path, fake: list[Path],
                                                               tmp_path: Path) -> None:
    site = ours(project / "site")
    dead = ours(project / ".site.new-dead1", pid=dead_pid())
    unfinished = ours(project / ".site.new-nopid")  # killed while swapping (its marker no longer names a pid)
    live = ours(project / ".site.new-live1", pid=os.getpid())  # a build still running
    aside = ours(project / ".site.old-aside1")  # left by a kill after the swap
    alien = project / ".site.new-alien"
    alien.mkdir()
    (alien / "keep.txt").write_text("not ours", encoding="utf-8")
    victim = ours(tmp_path / "victim", pid=dead_pid())  # ours-looking, but reached only through a symlink
    (project / ".site.new-link").symlink_to(victim)
    other = ours(project / ".other.new-dead2", pid=dead_pid())  # another target's
    victim_before = snapshot(victim)
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 0
    for gone in (dead, unfinished, aside):
        assert not gone.exists(), gone
    for kept in (live, alien, other, project / ".site.new-link"):
        assert kept.exists() or kept.is_symlink(), kept
    assert snapshot(victim) == victim_before
    assert (site / "index.html").read_text(encoding="utf-8") == "new learner"


def test_temporary_names_are_unpredictable_and_planted_symlinks_are_not_followed(
        project: Path, fake: list[Path], tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep", encoding="utf-8")
    site = ours(project / "site")
    for kind in ("new", "old"):  # the names the old code used
        (project / f".site.{kind}-{os.getpid()}").symlink_to(victim, target_is_directory=True)
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 0
    assert snapshot(victim) == {"precious.txt": "keep"}
    assert fake[0].name != f".site.new-{os.getpid()}" and not fake[0].exists()


def test_the_site_folder_gets_the_usual_permissions(project: Path, fake: list[Path]) -> None:
    mask = os.umask(0o022)
    try:
        assert sitebuild.build_site(project / "mkdocs.yml", project / "site") == 0
    finally:
        os.umask(mask)
    assert (project / "site").stat().st_mode & 0o777 == 0o755  # mkdtemp's 0700 would lock out a web server


# -- the MkDocs child: its own process group, killed with the build --------------------------------------------


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_build(project: Path, site: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([*CLI, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        kids = children(proc.pid)
        if kids and cmdline(kids[0]) not in (b"", cmdline(proc.pid)):  # forked and exec'd
            return proc, kids[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.kill()
    raise AssertionError("the build never started MkDocs")


def wait_dead(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


linux = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@linux
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)])
def test_a_terminated_build_kills_mkdocs_and_cleans_up(project: Path, sig: int, code: int) -> None:
    site = ours(project / "site")
    before = snapshot(site)
    proc, child = start_build(project, site)
    assert os.getpgid(child) != os.getpgid(proc.pid)  # its own group: the whole group can be killed
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert wait_dead(child), "mkdocs outlived the build"
    assert snapshot(site) == before and debris(project) == []


@linux
def test_a_sigkilled_build_takes_mkdocs_with_it(project: Path, fake: list[Path]) -> None:
    site = ours(project / "site")
    proc, child = start_build(project, site)
    proc.kill()
    proc.communicate(timeout=60)
    assert wait_dead(child), "mkdocs outlived the build"
    assert debris(project)  # the killed build's new folder; the next build removes it
    assert sitebuild.build_site(project / "mkdocs.yml", site) == 0
    assert debris(project) == []


# -- one real build --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_build_goes_to_the_configured_site_dir_with_a_marker_nobody_reads(project: Path) -> None:
    set_config(project, site_dir="public")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "public"
    assert (site / "index.html").is_file() and (site / "es" / "index.html").is_file()
    assert json.loads((site / MARKER).read_text(encoding="utf-8")) == {"generator": "curriculum",
                                                                      "edition": "learner"}
    assert str(site / "index.html") in result.stdout
    for listing in ("sitemap.xml", "search/search_index.json", "es/search/search_index.json"):
        assert MARKER not in (site / listing).read_text(encoding="utf-8"), listing
    assert not (project / "site").exists() and debris(project) == []


def test_a_facilitator_build_never_replaces_a_learner_site(project: Path, fake: list[Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    site = ours(project / "public", "learner site")
    assert sitebuild.build_site(project / "mkdocs.yml", site, edition="facilitator") == 2
    assert "holds the learner edition" in one_error_line(capsys.readouterr().err)
    assert (site / "index.html").read_text(encoding="utf-8") == "learner site" and fake == []
    assert sitebuild.build_site(project / "mkdocs.yml", site, edition="learner") == 0
