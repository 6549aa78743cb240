"""`make bench`: build time, check time, memory and page weight on synthetic curricula, against budgets.

For each size (10, 100 and 1,000 modules, both languages, a 10-question quiz each) the same synthetic
pages are built with the curriculum plugin and without it (plugin removed from mkdocs.yml), interleaved
and repeated, each build in a fresh process; the medians give the ratio. Then ``curriculum check`` on the
largest curriculum, the quiz assets gzipped, and a module page against the same quiz made with
mkdocs-quiz (installed from PyPI into ``bench/.work/`` only, never into the project). Results go to
``bench/.work/results.json``; the run ends with one line per budget:

    budget NAME: VALUE (limit LIMIT) ok|MISS

Times are the CPU time of each build process (a build is single-threaded, and CPU time does not grow when
other work shares the machine); wall times are recorded beside them. ``curriculum check`` is timed the
same way (CPU time of the command, interpreter start-up included).

Options: ``--sizes 10,100`` and ``--repeat N`` for a shorter run; ``--skip-mkdocs-quiz``;
``--experiments N`` to also measure navigation.sections against navigation.prune and the language order
once at N modules (the before/after figures in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CURRICULUM_EDITION": "learner"}
PRUNE = ["navigation.prune", "navigation.top", "toc.follow", "search.highlight"]  # instead of navigation.sections
MKDOCS_QUIZ = "mkdocs-quiz==1.7.1"


def log(message: str) -> None:
    print(message, flush=True)


def build(config: Path, site: Path, extra_env: dict[str, str] | None = None) -> dict:
    """One build in a fresh process (bench/_build.py); wall time, plugin time and peak memory."""
    shutil.rmtree(site, ignore_errors=True)
    result = subprocess.run([PY, str(ROOT / "bench/_build.py"), str(config), str(site)], capture_output=True,
                            text=True, env={**ENV, **(extra_env or {})}, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def site_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def compare(n: int, repeat: int, features: list[str]) -> dict:
    """Plugin vs no plugin at ``n`` modules: interleaved builds, medians of the builds' CPU time.

    Three variants of the same synthetic curriculum: ``plugin`` (the curriculum plugin renders quizzes and
    generated pages), ``bare`` (plugin removed, the same page Markdown: the budget's baseline) and
    ``prerendered`` (plugin removed, each page already holding what the plugin would add: the plugin's
    machinery alone).
    """
    projects = {"plugin": synth.write(WORK / f"n{n}", n, plugin=True, features=features),
                "bare": synth.write(WORK / f"n{n}-bare", n, plugin=False, features=features),
                "prerendered": synth.write(WORK / f"n{n}-pre", n, plugin=False, features=features, prerender=True)}
    runs: dict[str, list[dict]] = {name: [] for name in projects}
    for r in range(repeat):
        names = list(projects) if r % 2 == 0 else list(reversed(projects))
        for name in names:
            if name == "prerendered" and r and n >= 1000:
                continue  # not a budget: once is enough at the largest size (keeps `make bench` near 10 min)
            runs[name].append(build(projects[name] / "mkdocs.yml", WORK / f"site-n{n}-{name}"))
    med = {name: {k: statistics.median(run[k] for run in rs) for k in ("wall", "cpu", "plugin", "peak_mib")}
           for name, rs in runs.items()}
    out = {
        "modules": n, "pages": 2 * (n + 9), "repeat": repeat,
        "plugin_cpu": med["plugin"]["cpu"], "bare_cpu": med["bare"]["cpu"],
        "plugin_wall": med["plugin"]["wall"], "bare_wall": med["bare"]["wall"],
        "ratio": med["plugin"]["cpu"] / med["bare"]["cpu"], "wall_ratio": med["plugin"]["wall"] / med["bare"]["wall"],
        "prerendered_cpu": med["prerendered"]["cpu"],
        "machinery_ratio": med["plugin"]["cpu"] / med["prerendered"]["cpu"],
        "plugin_own": med["plugin"]["plugin"], "peak_mib": med["plugin"]["peak_mib"],
        "bare_peak_mib": med["bare"]["peak_mib"],
        "site_mib": site_size(WORK / f"site-n{n}-plugin") / 2**20,
        "cpu_runs": {name: [round(run["cpu"], 2) for run in rs] for name, rs in runs.items()},
    }
    log(f"  {n:>5} modules: CPU with plugin {out['plugin_cpu']:.2f} s, without {out['bare_cpu']:.2f} s, "
        f"ratio {out['ratio']:.3f} (wall {out['plugin_wall']:.2f} / {out['bare_wall']:.2f} s); against the "
        f"pre-rendered pages {out['prerendered_cpu']:.2f} s, ratio {out['machinery_ratio']:.3f}; plugin's own "
        f"{out['plugin_own']:.2f} s; peak {out['peak_mib']:.0f} MiB; site {out['site_mib']:.1f} MiB; {out['cpu_runs']}")
    return out


def check_time(project: Path, repeat: int = 3) -> tuple[float, float]:
    """Median CPU and wall time of the `curriculum check` command, interpreter start-up included."""
    cpus, walls = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([PY, "-m", "curriculum.cli", "check", "--root", str(project)], capture_output=True,
                                text=True, env=ENV, check=False, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if result.returncode != 0:
            raise SystemExit(f"curriculum check failed on {project}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return statistics.median(cpus), statistics.median(walls)


def catalog_cache_effect(project: Path) -> dict:
    """What caching the parsed catalog across the per-language builds saves (in this process)."""
    from curriculum.loader import load_catalog
    from curriculum.plugin.catalog_cache import fingerprint

    start = time.process_time()
    load_catalog(project)
    load = time.process_time() - start
    start = time.process_time()
    fingerprint(project.resolve(), "modules")
    stamp = time.process_time() - start
    return {"load_s": load, "fingerprint_s": stamp, "without_cache_s": 2 * load, "with_cache_s": load + 2 * stamp}


def experiments(n: int) -> dict:
    """Before/after, once each at ``n`` modules with the plugin: the site's settings against the bench's."""
    out = {}
    for name, features, default_last in (("sections, default language last (the site's mkdocs.yml)", None, True),
                                         ("sections, default language first", None, False),
                                         ("prune, default language last", PRUNE, True),
                                         ("prune, default language first (bench default)", PRUNE, False)):
        project = synth.write(WORK / "experiment", n, plugin=True, features=features, default_last=default_last)
        result = build(project / "mkdocs.yml", WORK / "site-experiment")
        result["site_mib"] = site_size(WORK / "site-experiment") / 2**20
        out[name] = result
        log(f"  {n} modules, {name}: CPU {result['cpu']:.1f} s, wall {result['wall']:.1f} s, site "
            f"{result['site_mib']:.0f} MiB, peak {result['peak_mib']:.0f} MiB")
    shutil.rmtree(WORK / "experiment", ignore_errors=True)
    shutil.rmtree(WORK / "site-experiment", ignore_errors=True)
    return out


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def quiz_assets(site: Path) -> dict:
    js, css = (site / "assets/curriculum/quiz.js").read_bytes(), (site / "assets/curriculum/quiz.css").read_bytes()
    return {"raw": len(js) + len(css), "gzip": gz(js) + gz(css)}


def our_page_weight(site: Path) -> dict:
    """A module page with its quiz: the HTML plus the quiz assets it loads (cached after the first page)."""
    html = (site / "m0001/index.html").read_bytes()
    assets = quiz_assets(site)
    return {"html": len(html), "html_gzip": gz(html), "assets": assets["raw"], "assets_gzip": assets["gzip"],
            "first_visit_gzip": gz(html) + assets["gzip"], "quizless_page_gzip": gz((site / "index.html").read_bytes())}


def mkdocs_quiz_page_weight(n_site: Path) -> dict | None:
    """The same lesson and the same 10 questions (English) built with mkdocs-quiz, in a throwaway folder."""
    lib = WORK / "mkdocs-quiz-lib"
    if not (lib / "mkdocs_quiz").is_dir():
        log(f"  installing {MKDOCS_QUIZ} (and polib) into {lib.relative_to(ROOT)} for this comparison only")
        result = subprocess.run([PY, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(lib),
                                 MKDOCS_QUIZ, "polib"], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log(f"  could not install mkdocs-quiz ({result.stderr.strip().splitlines()[-1:]}); "
                "using the figures in shared/reference/peers.md instead")
            return None
    project = WORK / "mkdocs-quiz-site"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    lesson = synth._page(1, 2, "en", "t001").split("<!-- facilitator -->")[0]
    (project / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (project / "docs/m0001.md").write_text(f"# Module 1\n\n{lesson}\n## Quiz\n\n{synth.quiz_markdown(1)}",
                                           encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: q\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
        "markdown_extensions: [{toc: {permalink: true}}, admonition, attr_list, md_in_html, tables]\n"
        "plugins: [search, mkdocs_quiz]\nnav: [index.md, m0001.md]\n", encoding="utf-8")
    env = {**ENV, "PYTHONPATH": str(lib)}
    result = subprocess.run([PY, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log(f"  mkdocs-quiz build failed: {result.stderr[-800:]}")
        return None
    html = (project / "site/m0001.html").read_bytes()
    home = (project / "site/index.html").read_bytes()
    return {"html": len(html), "html_gzip": gz(html), "first_visit_gzip": gz(html),
            "quizless_page_gzip": gz(home), "questions": html.count(b'class="quiz')}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=0, help="builds per variant (default: 5, 3, 3 by size)")
    parser.add_argument("--skip-mkdocs-quiz", action="store_true")
    parser.add_argument("--experiments", type=int, default=0, metavar="N",
                        help="also measure, once at N modules, navigation.sections vs prune and the language order")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "sizes": {}}

    largest = max(sizes)
    if args.experiments:
        results["experiments"] = experiments(args.experiments)
    log("plugin against no plugin (same pages, interleaved, medians of CPU time), navigation.prune:")
    for n in sizes:
        repeat = args.repeat or (5 if n <= 10 else 3 if n <= 100 else 2)
        results["sizes"][n] = compare(n, repeat, PRUNE)
    big = results["sizes"][largest]

    project = WORK / f"n{largest}"
    results["check_s"], results["check_wall_s"] = check_time(project)
    results["catalog_cache"] = catalog_cache_effect(project)
    log(f"curriculum check on {largest} modules: {results['check_s']:.2f} s CPU, {results['check_wall_s']:.2f} s "
        f"wall (build {big['plugin_cpu']:.1f} s CPU: {big['plugin_cpu'] / results['check_s']:.1f}x)")
    cache = results["catalog_cache"]
    log(f"catalog cache across the two language builds: {cache['without_cache_s']:.2f} s without, "
        f"{cache['with_cache_s']:.2f} s with (load {cache['load_s']:.2f} s, "
        f"fingerprint {cache['fingerprint_s']:.3f} s)")

    site = WORK / f"site-n{min(sizes)}-plugin"
    results["quiz_assets"] = quiz_assets(site)
    results["our_page"] = our_page_weight(site)
    results["mkdocs_quiz_page"] = None if args.skip_mkdocs_quiz else mkdocs_quiz_page_weight(site)
    if results["mkdocs_quiz_page"] is None:  # peers.md: a quiz-less page went from 8,971 to 72,733 bytes
        results["mkdocs_quiz_page"] = {"html": None, "first_visit_gzip": None, "from": "peers.md",
                                       "inlined_per_page": 72_733 - 8_971}
    ours, theirs = results["our_page"], results["mkdocs_quiz_page"]
    log(f"quiz assets: {results['quiz_assets']['raw']:,} bytes, {results['quiz_assets']['gzip']:,} gzipped")
    log(f"module page with its 10-question quiz, first visit gzipped: ours {ours['first_visit_gzip']:,} bytes "
        f"(HTML {ours['html_gzip']:,} + assets {ours['assets_gzip']:,}); mkdocs-quiz "
        f"{theirs.get('first_visit_gzip') or 'n/a'} bytes")
    log(f"a page without a quiz, gzipped: ours {ours['quizless_page_gzip']:,}; mkdocs-quiz "
        f"{theirs.get('quizless_page_gzip') or 'n/a'}")
    results["elapsed_s"] = time.perf_counter() - started
    (WORK / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    log(f"(bench took {results['elapsed_s'] / 60:.1f} min; raw results in {(WORK / 'results.json').relative_to(ROOT)})")

    budgets = []
    for n in sizes:
        r = results["sizes"][n]
        budgets.append((f"plugin-overhead-{n}-modules", f"+{(r['ratio'] - 1) * 100:.1f}%", "+5.0%", r["ratio"] <= 1.05))
    for n in sizes:  # not a budget of the issue: the same comparison against pages already holding the content
        r = results["sizes"][n]
        log(f"measure plugin-machinery-{n}-modules (against pre-rendered pages): "
            f"{(r['machinery_ratio'] - 1) * 100:+.1f}%")
    if 100 in results["sizes"] and 1000 in results["sizes"]:
        growth = results["sizes"][1000]["plugin_own"] / results["sizes"][100]["plugin_own"]
        budgets.append(("plugin-own-time-1000-vs-100", f"{growth:.1f}x", "12x", growth <= 12))
    speed = big["plugin_cpu"] / results["check_s"]  # CPU time against CPU time
    budgets.append((f"check-vs-build-{largest}-modules", f"{speed:.1f}x faster", ">= 20x faster", speed >= 20))
    budgets.append((f"peak-memory-{largest}-modules", f"{big['peak_mib']:.0f} MiB", "1024 MiB",
                    big["peak_mib"] <= 1024))
    budgets.append(("quiz-assets-gzip", f"{results['quiz_assets']['gzip']:,} B", "10,240 B",
                    results["quiz_assets"]["gzip"] <= 10_240))
    if theirs.get("first_visit_gzip"):
        budgets.append(("module-page-vs-mkdocs-quiz", f"{ours['first_visit_gzip']:,} B",
                        f"{theirs['first_visit_gzip']:,} B", ours["first_visit_gzip"] <= theirs["first_visit_gzip"]))
    for name, value, limit, ok in budgets:
        log(f"budget {name}: {value} (limit {limit}) {'ok' if ok else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
