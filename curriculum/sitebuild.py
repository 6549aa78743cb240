"""Build the site without ever losing the last good one.

MkDocs empties ``site_dir`` before it writes, so a failed build would leave a
half-written site. We build into a fresh sibling folder and swap it in only
when the build succeeded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT_DIRS = {"learner": "site", "facilitator": "site-facilitator"}


def build_site(config: Path, site_dir: Path | None = None, *, edition: str = "learner", strict: bool = True,
               quiet: bool = False) -> int:
    """Build ``config`` into ``site_dir``; return MkDocs' exit code (0 on success).

    ``quiet`` prints MkDocs' messages only if the build fails (exports build the site as one step of many).
    """
    config = config.resolve()
    if not config.is_file():
        print(f"curriculum: error: configuration `{config}` does not exist", file=sys.stderr)
        return 2
    target = (site_dir or config.parent / DEFAULT_DIRS[edition]).resolve()
    fresh = target.parent / f".{target.name}.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    env = {**os.environ, "CURRICULUM_EDITION": edition, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(fresh)]
    if strict:
        command.insert(4, "--strict")
    try:
        # quiet: MkDocs' --quiet would also hide the warnings that --strict counts, so capture instead
        result = subprocess.run(command, env=env, check=False, capture_output=quiet, text=True)
    except KeyboardInterrupt:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if result.returncode != 0:
        if quiet:  # show what went wrong, without the progress messages
            lines = (result.stdout or "").splitlines() + (result.stderr or "").splitlines()
            print("\n".join(line for line in lines if not line.startswith("INFO")), file=sys.stderr)
        shutil.rmtree(fresh, ignore_errors=True)
        kept = f"the previous site in {target} is unchanged" if target.exists() else "no site was written"
        print(f"curriculum: build failed; {kept}", file=sys.stderr)
        return result.returncode or 1
    _swap(fresh, target)
    if quiet:
        return 0
    print(f"curriculum: built the {edition} edition: open {target / 'index.html'} (Spanish: "
          f"{target / 'es' / 'index.html'})")
    return 0


def _swap(fresh: Path, target: Path) -> None:
    """Replace ``target`` with ``fresh``; the old site is removed only once the new one is in place."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
