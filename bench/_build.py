"""Build one MkDocs project in this process, the way ``mkdocs build`` does, and report on stdout (JSON).

Usage: ``python bench/_build.py CONFIG SITE_DIR``. Reports the wall time and the CPU time of the build,
the peak resident memory of the process, and the CPU time spent inside the curriculum plugin's event
handlers (its own time, catalog loading included), summed over the per-language builds. A build is one
thread, so its CPU time is what it costs, whatever else the machine is doing; wall time is not.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PLUGIN_TIME = [0.0]
HOOK_TIME: dict[str, float] = {}


def _timed(fn):
    @functools.wraps(fn)  # keeps mkdocs_priority and the like
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            PLUGIN_TIME[0] += spent
            HOOK_TIME[fn.__name__] = HOOK_TIME.get(fn.__name__, 0.0) + spent
    return wrapper


def main(config_file: str, site_dir: str) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    try:
        from curriculum.plugin.plugin import CurriculumPlugin
    except ImportError:  # pragma: no cover
        CurriculumPlugin = None
    if CurriculumPlugin is not None:
        for name in [n for n in vars(CurriculumPlugin) if n.startswith("on_")]:
            setattr(CurriculumPlugin, name, _timed(getattr(CurriculumPlugin, name)))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    start, cpu_start = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "cpu": cpu, "plugin": PLUGIN_TIME[0], "peak_mib": peak_kib / 1024,
                      "hooks": {k: round(v, 3) for k, v in sorted(HOOK_TIME.items())}}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
