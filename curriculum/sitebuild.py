"""Build the site without ever losing the last good one, and without ever removing anything else.

MkDocs empties ``site_dir`` before it writes, so a failed build would leave a
half-written site. We build into a fresh sibling folder and swap it in only
when the build succeeded.

Only a folder that this wrapper built is ever replaced or removed: every site
it builds carries a marker file, ``.curriculum-site`` (a short JSON stamp; a
dotfile, so MkDocs neither lists nor deletes it). A target that is or contains
the project, lies inside a source folder, is a file, or is a non-empty folder
without the marker, or lies inside a folder with the marker (a site inside a
site) is refused before MkDocs runs.

The swap is two renames: the old site aside, the new one in. A build killed in
between leaves no site, so every build first puts an aside site of ours back
where it was and removes the debris of dead builds (our marker, owner gone).
The folders and the swap are guarded by a lock on the parent folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curriculum.settings import SOURCE_DIRS, read_settings

DEFAULT_DIRS = {"learner": "site", "facilitator": "site-facilitator"}
MARKER = ".curriculum-site"  # in every site built here; only a folder holding it is ever replaced or removed
GENERATOR = "curriculum"

# The MkDocs child: dies with this process even if it is SIGKILLed (Linux), then runs `mkdocs` as `-m` would.
_CHILD = """\
import os, sys
if sys.platform.startswith("linux"):
    try:
        import ctypes, signal
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    if str(os.getppid()) != os.environ.get("CURRICULUM_BUILD_PARENT", str(os.getppid())):
        sys.exit(1)  # the build died before prctl took effect
from mkdocs.__main__ import cli
cli(prog_name="mkdocs")
"""


class Refused(Exception):
    """The target folder must not be built into; the message says why."""


def build_site(config: Path, site_dir: Path | None = None, *, edition: str = "learner", strict: bool = True,
               quiet: bool = False) -> int:
    """Build ``config`` into ``site_dir``; return 0 on success, 1 if the build failed, 2 if refused.

    ``site_dir`` (relative to the current folder) defaults to the configuration's ``site_dir`` for the learner
    edition and to ``site-facilitator`` beside the configuration for the facilitator edition.
    ``quiet`` prints MkDocs' messages only if the build fails (exports build the site as one step of many).
    """
    config = config.resolve()
    if not config.is_file():
        print(f"curriculum: error: configuration `{config}` does not exist", file=sys.stderr)
        return 2
    settings = read_settings(config)
    target = site_target(config, site_dir, edition, settings)
    try:
        check_target(target, config, settings, edition)
    except Refused as refusal:
        print(f"curriculum: error: refusing to build into `{target}`: {refusal}", file=sys.stderr)
        return 2
    parent, fresh = target.parent, None
    try:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            with _locked(parent):
                _recover(target)
            fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
            os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp's 0700 would lock a web server out of the site
            _write_marker(fresh, {"generator": GENERATOR, "edition": edition, "pid": os.getpid()})
        except OSError as exc:
            print(f"curriculum: error: cannot write beside `{target}`: {_reason(exc)}", file=sys.stderr)
            return 1
        env = {**os.environ, "CURRICULUM_EDITION": edition, "NO_MKDOCS_2_WARNING": "1",
               "CURRICULUM_BUILD_PARENT": str(os.getpid())}
        command = [sys.executable, "-c", _CHILD, "build", "-f", str(config), "-d", str(fresh)]
        if strict:
            command.insert(4, "--strict")
        try:
            code, output = _run_mkdocs(command, env, quiet)
        except (KeyboardInterrupt, _Terminated):
            kept = f"the previous site in {target} is unchanged" if target.exists() else "no site was written"
            print(f"curriculum: build interrupted; {kept}", file=sys.stderr)
            raise
        if code != 0:
            if quiet:  # show what went wrong, without the progress messages
                print("\n".join(line for line in output.splitlines() if not line.startswith("INFO")), file=sys.stderr)
            kept = f"the previous site in {target} is unchanged" if target.exists() else "no site was written"
            print(f"curriculum: build failed; {kept}", file=sys.stderr)
            return code if code > 0 else 1
        try:
            with _locked(parent):
                check_target(target, config, settings)  # again: the folder may have changed during the build
                _write_marker(fresh, {"generator": GENERATOR, "edition": edition})  # reproducible once published
                _swap(fresh, target)
        except Refused as refusal:
            print(f"curriculum: error: refusing to build into `{target}`: {refusal}", file=sys.stderr)
            return 2
        except OSError as exc:
            kept = "the previous site is unchanged" if target.exists() else "no site was written"
            print(f"curriculum: error: cannot replace `{target}`: {_reason(exc)}; {kept}", file=sys.stderr)
            return 1
        fresh = None
    finally:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
    if not quiet:
        print(f"curriculum: built the {edition} edition: open {target / 'index.html'} (Spanish: "
              f"{target / 'es' / 'index.html'})")
    return 0


# -- where to build, and whether we may -----------------------------------------------------------------------


def _setting_dir(config: Path, settings: dict[str, Any], key: str, default: str) -> Path:
    value = settings.get(key)
    return (config.parent / (value if isinstance(value, str) and value.strip() else default)).resolve()


def site_target(config: Path, site_dir: Path | None, edition: str, settings: dict[str, Any]) -> Path:
    """The folder to build into: ``site_dir`` (relative to the current folder), else the edition's default."""
    if site_dir is not None:
        return Path(site_dir).resolve()
    if edition == "learner":
        return _setting_dir(config, settings, "site_dir", DEFAULT_DIRS["learner"])
    return (config.parent / DEFAULT_DIRS[edition]).resolve()


def _project_roots(config: Path, settings: dict[str, Any]) -> list[Path]:
    """The configuration's folder, and the curriculum plugin's ``root`` if it sets one (as the plugin reads it)."""
    roots = [config.parent]
    plugins = settings.get("plugins")
    if isinstance(plugins, dict):  # MkDocs takes a mapping or a list of names and one-key mappings
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else ():
        options = entry.get("curriculum") if isinstance(entry, dict) else None
        if isinstance(options, dict) and isinstance(options.get("root"), str):
            roots.append(Path(options["root"]).resolve())
    return roots


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _is_within(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or inside it, by name or (for what exists) by identity: case-insensitive file systems,
    bind mounts."""
    if path == folder or folder in path.parents:
        return True
    wanted = _identity(folder)
    return wanted is not None and any(_identity(p) == wanted for p in (path, *path.parents))


def check_target(target: Path, config: Path, settings: dict[str, Any], edition: str | None = None) -> None:
    """Raise :class:`Refused` unless ``target`` is missing, an empty folder, or a site this wrapper built
    (of the same ``edition``, when one is given: a facilitator build never replaces a learner site), and is not
    inside a site this wrapper built (notes and answer keys would be published with it)."""
    for folder in target.parents:
        if _marker(folder) is not None:
            raise Refused(f"it is inside the site `{folder}` (built by curriculum): a site inside a site would be "
                          "published with it; build each edition into its own folder, outside the other")
    roots = _project_roots(config, settings)
    sources = [_setting_dir(config, settings, "docs_dir", "docs")]
    sources += [root / name for root in roots for name in SOURCE_DIRS]
    for root in roots:
        if _is_within(root, target):
            same = root == target or _identity(root) == _identity(target)
            raise Refused("it is the project folder" if same else f"it contains the project folder `{root}`")
    for source in sources:
        if _is_within(target, source):
            raise Refused(f"it is in the source folder `{source}`")
        if _is_within(source, target):
            raise Refused(f"it contains the source folder `{source}`")
    try:
        if not stat.S_ISDIR(os.lstat(target).st_mode):
            raise Refused("it is a file, not a folder")
        stamp = _marker(target)
        if stamp is not None:
            if edition is not None and stamp.get("edition") not in (None, edition):
                raise Refused(f"it holds the {stamp.get('edition')} edition; the {edition} edition goes to its own "
                              "folder, so that notes and answer keys never replace a site that may be published")
            return
        with os.scandir(target) as entries:
            empty = next(entries, None) is None
    except FileNotFoundError:
        return
    except OSError as exc:
        raise Refused(_reason(exc)) from None
    if not empty:
        raise Refused(f"the folder is not empty and is not a site that curriculum built (no `{MARKER}` in it; "
                      "sites built before the marker existed have none): choose another folder with -d, "
                      "or remove or empty this one yourself")


# -- the marker ------------------------------------------------------------------------------------------------


def _marker(folder: Path) -> dict[str, Any] | None:
    """The stamp in ``folder``'s marker if it is a regular file of ours (never through a symlink)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(folder / MARKER, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        data = handle.read(4097)
    try:
        stamp = json.loads(data) if len(data) <= 4096 else None
    except ValueError:
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("generator") == GENERATOR else None


def _write_marker(folder: Path, stamp: dict[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f"{MARKER}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(stamp, sort_keys=True) + "\n")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, folder / MARKER)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- crash safety ----------------------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file): one recovery or swap at a time per parent."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):  # a file system without locks: carry on unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _debris(target: Path, kind: str) -> list[Path]:
    """Our ``.<name>.<kind>-*`` folders beside ``target``: real folders (not symlinks) holding our marker."""
    prefix = f".{target.name}.{kind}-"
    out = []
    try:
        with os.scandir(target.parent) as it:
            entries = list(it)
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
            path = Path(entry.path)
            if _marker(path) is not None:
                out.append(path)
    return out


def _recover(target: Path) -> None:
    """Undo what a killed build left (call with the parent locked): put an aside site of ours back if ``target``
    is missing, then remove our aside sites and the new folders of builds that are no longer running."""
    aside = _debris(target, "old")
    if aside and not os.path.lexists(target):
        latest = max(aside, key=lambda p: p.stat().st_mtime_ns)
        os.rename(latest, target)
        aside.remove(latest)
        print(f"curriculum: put back the previous site in {target} (a build was interrupted)", file=sys.stderr)
    dead = [p for p in _debris(target, "new") if not _alive((_marker(p) or {}).get("pid"))]
    for path in aside + dead:
        shutil.rmtree(path, ignore_errors=True)


def _swap(fresh: Path, target: Path) -> None:
    """Replace ``target`` with ``fresh`` (call with the parent locked); the old site is removed only once the new
    one is in place, and put back if the new one cannot be."""
    old = None
    if os.path.lexists(target):
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        try:
            os.rename(target, old)  # onto the empty folder mkdtemp made: a new, unpredictable name
        except BaseException:
            with contextlib.suppress(OSError):
                os.rmdir(old)
            raise
    try:
        os.rename(fresh, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# -- the MkDocs child ------------------------------------------------------------------------------------------


class _Terminated(SystemExit):
    """SIGTERM or SIGHUP while MkDocs runs: leave as the signal would (128 + its number), after cleaning up."""


def _on_signal(signum: int, frame: object) -> None:
    raise _Terminated(128 + signum)


def _run_mkdocs(command: list[str], env: dict[str, str], quiet: bool) -> tuple[int, str]:
    """Run MkDocs in its own process group; return its exit code and (if ``quiet``) its merged output.

    Interrupted (Ctrl-C, SIGTERM, SIGHUP), the whole group is killed before the exception goes on.
    """
    posix = os.name == "posix"
    handled = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in handled:  # before the child exists: no moment where a signal would orphan it
            if signal.getsignal(signum) is not signal.SIG_IGN:  # `nohup` stays nohup
                previous[signum] = signal.signal(signum, _on_signal)
    try:
        proc = subprocess.Popen(  # its own process group on POSIX, so that it can be killed with its children
            command, env=env, text=True, stdout=subprocess.PIPE if quiet else None,
            stderr=subprocess.STDOUT if quiet else None, process_group=0 if posix else None)
        try:
            output, _ = proc.communicate()
        except BaseException:
            _kill(proc, posix)
            raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
    return proc.returncode, output or ""


def _kill(proc: subprocess.Popen[str], posix: bool) -> None:
    for sig, wait in ((signal.SIGTERM, 5.0), (getattr(signal, "SIGKILL", signal.SIGTERM), None)):
        with contextlib.suppress(OSError):
            if posix:
                os.killpg(proc.pid, sig)
            else:
                proc.kill()
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
