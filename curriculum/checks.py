"""Cross-file checks over a loaded catalog: references, pages, coverage, terminology."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from curriculum import links, markers
from curriculum.diagnostics import Diagnostics
from curriculum.export import checks as export_checks
from curriculum.model import Catalog, Loc, Module
from curriculum.terminology import scan_markdown, scan_yaml
from curriculum.yamlsource import read_text

_H1 = re.compile(r"^# \S|^#\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def run_all(catalog: Catalog, diags: Diagnostics) -> None:
    """Run every cross-file check, appending to ``diags``."""
    _quiz_references(catalog, diags)
    _objectives(catalog, diags)
    _recommendations(catalog, diags)
    _tracks(catalog, diags)
    _pages(catalog, diags)
    _terminology_in_yaml(catalog, diags)
    export_checks.run(catalog, diags)  # what the XML exports cannot carry (CUR501)
    links.check(catalog, diags)


def _add(diags: Diagnostics, loc: Loc, code: str, message: str, help: str = "") -> None:
    diags.add(loc.path, loc.line, loc.col, code, message, help)


def _quiz_references(catalog: Catalog, diags: Diagnostics) -> None:
    users = Counter(m.quiz_id for m in catalog.modules if m.quiz_id)
    for m in catalog.modules:
        if m.quiz_id and m.quiz_id not in catalog.quizzes:
            _add(diags, m.at("quiz"), "CUR202", f"module `{m.id}` names quiz `{m.quiz_id}`, "
                 f"but quizzes/{m.quiz_id}.yml does not exist")
        elif m.quiz_id and users[m.quiz_id] > 1:
            _add(diags, m.at("quiz"), "CUR207", f"quiz `{m.quiz_id}` is also used by another module")
    for quiz in catalog.quizzes.values():
        if quiz.id not in users:
            _add(diags, quiz.loc, "CUR203", f"quiz `{quiz.id}` is used by no module",
                 "name it in a module.yml (`quiz: " + quiz.id + "`) or delete the file")


def _objectives(catalog: Catalog, diags: Diagnostics) -> None:
    for m in catalog.modules:
        quiz = catalog.quiz_for(m)
        if quiz is None:
            continue
        known = {o.id for o in m.objectives}
        assessed = set()
        for q in quiz.questions:
            if q.objective and q.objective not in known:
                _add(diags, q.at("objective"), "CUR204",
                     f"question `{q.id}` names objective `{q.objective}`, which module `{m.id}` does not define",
                     "objectives of this module: " + ", ".join(sorted(known)))
            assessed.add(q.objective)
        for o in m.objectives:
            if o.id not in assessed:
                _add(diags, o.loc, "CUR205", f"objective `{o.id}` is assessed by no question of quiz `{quiz.id}`")


def _recommendations(catalog: Catalog, diags: Diagnostics) -> None:
    numbers = {r.number for r in catalog.recommendations}
    if not numbers:
        return
    served: set[int] = set()
    for m in catalog.modules:
        for n in m.recommendations:
            if n not in numbers:
                _add(diags, m.at("recommendations"), "CUR208", f"there is no policy recommendation {n}")
            served.add(n)
        for ex in m.exercises:
            for n in ex.recommendations:
                if n not in numbers:
                    _add(diags, ex.loc, "CUR208", f"there is no policy recommendation {n}")
    for rec in catalog.recommendations:
        if rec.number not in served:
            _add(diags, rec.loc, "CUR701", f"policy recommendation {rec.number} is served by no module",
                 f"add {rec.number} to `recommendations` of the modules that teach it")


def _tracks(catalog: Catalog, diags: Diagnostics) -> None:
    seen: dict[str, Loc] = {}
    for track in catalog.tracks:
        if track.id in seen:
            _add(diags, track.loc, "CUR201", f"duplicate track id `{track.id}`")
        seen[track.id] = track.loc
        for item in track.agenda:
            if item.module_id and catalog.module(item.module_id) is None:
                _add(diags, item.loc, "CUR208", f"track `{track.id}` names module `{item.module_id}`, "
                     "which does not exist")


def _page_path(catalog: Catalog, module: Module, lang: str) -> tuple[Path, str]:
    rel = f"{catalog.docs_dir}/{module.page(lang)}"
    return catalog.root / rel, rel


def _pages(catalog: Catalog, diags: Diagnostics) -> None:
    for m in catalog.modules:
        for lang in catalog.languages:
            path, rel = _page_path(catalog, m, lang)
            if not path.exists():
                _add(diags, m.loc, "CUR302", f"module `{m.id}` has no {lang} page ({rel})")
                continue
            text = read_text(path, rel, diags)
            if text is None:
                continue
            check_page_text(catalog, text, rel, lang, diags, module=m)
    docs = catalog.root / catalog.docs_dir
    module_pages = {f"{catalog.docs_dir}/{m.page(lang)}" for m in catalog.modules for lang in catalog.languages}
    for path in sorted(docs.glob("**/*.md")) if docs.is_dir() else []:
        rel = path.relative_to(catalog.root).as_posix()
        if rel in module_pages:
            continue
        lang = path.suffixes[-2].lstrip(".") if len(path.suffixes) >= 2 else "en"
        if lang not in catalog.languages:
            continue
        text = read_text(path, rel, diags)
        if text is not None:
            check_page_text(catalog, text, rel, lang, diags)


def check_page_text(catalog: Catalog, text: str, rel: str, lang: str, diags: Diagnostics,
                    module: Module | None = None) -> None:
    """Checks of one Markdown page: markers, title, exercise anchors, terminology."""
    for line, problem in markers.unbalanced(text):
        diags.add(rel, line, 1, "CUR306", problem)
    if module is not None:
        in_fence = False
        for number, line in enumerate(text.splitlines(), 1):
            if _FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and _H1.match(line):
                diags.add(rel, number, 1, "CUR305", "module pages do not write their own H1 title",
                          "the title comes from module.yml; start sections at `##`")
        for ex in module.exercises:
            if not re.search(r"\{[^{}\n]{0,300}#" + re.escape(ex.id) + r"[\s}]", text):
                diags.add(rel, 1, 1, "CUR303", f"exercise `{ex.id}` ({ex.loc.path}:{ex.loc.line}) has no heading "
                          f"with `{{#{ex.id}}}` in this page")
    for d in scan_markdown(text, rel, lang, catalog.avoid):
        diags.extend([d])


def _terminology_in_yaml(catalog: Catalog, diags: Diagnostics) -> None:
    files = [catalog.root / q.loc.path for q in catalog.quizzes.values()]  # .yml or .yaml, as found
    files += [catalog.root / m.loc.path for m in catalog.modules]
    files += [catalog.root / t.loc.path for t in catalog.tracks]
    for path in files:
        if not path.exists():
            continue
        rel = path.relative_to(catalog.root).as_posix()
        text = read_text(path, rel, Diagnostics())
        if text is not None:
            diags.extend(scan_yaml(text, rel, catalog.avoid))
