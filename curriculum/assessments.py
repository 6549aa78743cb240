"""Question pools, draws and forms: what a track's exam and its matched pre-test and post-test ask.

A **pool** is every question that assesses one objective of one module: the questions of the module's quiz
whose ``objective`` is that objective, those marked ``pool_only`` included. It is named
``<module>/<objective>``. A track's assessments (``tracks/<id>.yml`` ``assessments:``; :class:`Assessment`)
say how many questions they draw from which pools.

* The **exam** draws afresh for every attempt: from each pool, its count of questions in a shuffle seeded by
  the attempt's seed, then all of them in one more seeded shuffle (:func:`exam_draw`). The same seed gives the
  same questions in the same order, in Python and in the browser (``assessment.js`` mirrors it, through
  ``display_order``), so a stored attempt can be shown and re-scored again, and each question keeps its stable
  id ``<quiz>--<question>``.
* The **pre-test and post-test** are two fixed forms over the same objectives (:func:`forms`): from each
  pool, in a shuffle seeded by the track, the first ``count`` questions go to the pre-test and the next
  ``count`` to the post-test, so the two forms never share a question. A pool smaller than twice the count
  cannot give two disjoint forms: that is CUR405, which says how many more questions the objective needs.

The checks (:func:`check`) report, where each is written: an objective outside the track (CUR209), an
objective its module does not define (CUR210), a draw larger than its pool (CUR404) and a pre/post pool too
small for two forms (CUR405).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from curriculum.diagnostics import Diagnostics
from curriculum.model import Assessment, Catalog, Draw, Module, Objective, Question, Quiz, Track
from curriculum.questions.base import display_order

PAGES: dict[str, tuple[str, str]] = {"exam": ("exam", "exam"), "pre": ("pre_post", "pre-test"),
                                     "post": ("pre_post", "post-test")}
"""The assessment pages of a track: form → (the assessment it belongs to, its page name under tracks/<id>/)."""


@dataclass(frozen=True)
class PoolItem:
    """One question of a pool, with the quiz it belongs to."""

    quiz: Quiz
    question: Question

    @property
    def id(self) -> str:
        """The stable id of the question everywhere (pages, stored answers, LMS reports): ``<quiz>--<question>``."""
        return item_id(self.quiz, self.question)


def item_id(quiz: Quiz, q: Question) -> str:
    return f"{quiz.id}--{q.id}"


@dataclass(frozen=True)
class ResolvedDraw:
    """A draw with what it draws from: its module, objective and pool."""

    draw: Draw
    module: Module
    objective: Objective
    pool: tuple[PoolItem, ...]

    @property
    def ref(self) -> str:
        return self.draw.ref

    @property
    def count(self) -> int:
        return self.draw.count


def track_modules(catalog: Catalog, track: Track) -> list[Module]:
    return [m for item in track.agenda if (m := catalog.module(item.module_id or ""))]


def pool(catalog: Catalog, module: Module, objective: str) -> tuple[PoolItem, ...]:
    """Every question of ``module``'s quiz that assesses ``objective``, in authored order."""
    quiz = catalog.quiz_for(module)
    if quiz is None:
        return ()
    return tuple(PoolItem(quiz, q) for q in quiz.questions if q.objective == objective)


def _drawn(catalog: Catalog, track: Track, a: Assessment) -> Iterator[tuple[Draw, Module | None, Objective | None]]:
    """Every draw of ``a`` with its module and objective (None where they do not resolve)."""
    if a.per_objective is not None:
        left_out = {d.ref for d in a.exclude}
        for module in track_modules(catalog, track):
            for o in module.objectives:
                if f"{module.id}/{o.id}" not in left_out:
                    yield Draw(module.id, o.id, a.per_objective, a.at("draw")), module, o
        return
    for d in a.draws:
        found = catalog.module(d.module_id)
        objective = next((o for o in found.objectives if o.id == d.objective), None) if found else None
        yield d, found, objective


def draws(catalog: Catalog, track: Track, a: Assessment) -> tuple[ResolvedDraw, ...]:
    """The draws of ``a`` that resolve, in track order (``per_objective``) or as listed; a draw never asks more
    than its pool has (the checks report one that would)."""
    modules = {m.id for m in track_modules(catalog, track)}
    out = []
    for d, module, objective in _drawn(catalog, track, a):
        if module is None or objective is None or module.id not in modules:
            continue
        items = pool(catalog, module, objective.id)
        if items:
            out.append(ResolvedDraw(Draw(d.module_id, d.objective, min(d.count, len(items)), d.loc), module,
                                    objective, items))
    return tuple(out)


def pool_items(catalog: Catalog, track: Track, a: Assessment) -> list[PoolItem]:
    """Every question any draw of ``a`` may ask, in draw order (what an exam page and package carry)."""
    return [item for d in draws(catalog, track, a) for item in d.pool]


def exam_draw(catalog: Catalog, track: Track, a: Assessment, seed: str) -> list[tuple[ResolvedDraw, PoolItem]]:
    """The questions of one exam attempt, in the order it asks them: reproducible from ``seed``."""
    picked: list[tuple[ResolvedDraw, PoolItem]] = []
    for d in draws(catalog, track, a):
        by_id = {item.id: item for item in d.pool}
        chosen = display_order(list(by_id), f"exam:{track.id}", d.ref, seed, rotate=False)[: d.count]
        picked += [(d, by_id[i]) for i in chosen]
    order = display_order([item.id for _, item in picked], f"exam:{track.id}", "", seed, rotate=False)
    by_item = {item.id: (d, item) for d, item in picked}
    return [by_item[i] for i in order]


@dataclass(frozen=True)
class Forms:
    """The matched pre-test and post-test: the same draws, disjoint questions, in the same objective order."""

    draws: tuple[ResolvedDraw, ...]
    pre: tuple[tuple[ResolvedDraw, PoolItem], ...]
    post: tuple[tuple[ResolvedDraw, PoolItem], ...]

    def form(self, name: str) -> tuple[tuple[ResolvedDraw, PoolItem], ...]:
        return self.pre if name == "pre" else self.post


def forms(catalog: Catalog, track: Track, a: Assessment) -> Forms:
    """The two fixed forms of a pre/post assessment (seeded by the track: the same in every build and export)."""
    pre: list[tuple[ResolvedDraw, PoolItem]] = []
    post: list[tuple[ResolvedDraw, PoolItem]] = []
    resolved = draws(catalog, track, a)
    for d in resolved:
        by_id = {item.id: item for item in d.pool}
        order = display_order(list(by_id), f"pre-post:{track.id}", d.ref, rotate=False)
        pre += [(d, by_id[i]) for i in order[: d.count]]
        post += [(d, by_id[i]) for i in order[d.count: 2 * d.count]]
    return Forms(resolved, tuple(pre), tuple(post))


def objective_text(catalog: Catalog, ref: str, lang: str) -> str:
    module_id, _, objective = ref.partition("/")
    module = catalog.module(module_id)
    found = next((o for o in module.objectives if o.id == objective), None) if module else None
    return found.text[lang] if found else ref


# -- checks ------------------------------------------------------------------------------------------------


def check(catalog: Catalog, diags: Diagnostics) -> None:
    """Every assessment of every track: its objectives exist in the track, its pools are large enough."""
    for track in catalog.tracks:
        for a in (track.exam, track.pre_post):
            if a is not None:
                _check(catalog, track, a, diags)


def _add(diags: Diagnostics, draw: Draw, code: str, message: str, help: str = "") -> None:
    diags.add(draw.loc.path, draw.loc.line, draw.loc.col, code, message, help)


def _check(catalog: Catalog, track: Track, a: Assessment, diags: Diagnostics) -> None:
    agenda = {m.id for m in track_modules(catalog, track)}
    named = list(a.exclude) if a.per_objective is not None else []
    for d in named:  # `except:` names objectives of the track
        _where(catalog, track, d, agenda, diags, "leaves out")
    drawn = list(_drawn(catalog, track, a))
    explicit = a.per_objective is None
    for d, module, objective in drawn:
        if explicit and not _where(catalog, track, d, agenda, diags, "draws from"):
            continue
        if module is None or objective is None:
            continue
        size = len(pool(catalog, module, objective.id))
        need = d.count * (2 if a.kind == "pre_post" else 1)
        if a.kind == "exam" and d.count > size:
            _add(diags, d, "CUR404", f"the exam of track `{track.id}` draws {d.count} question(s) of objective "
                 f"`{d.ref}`, whose pool has {size}", f"draw at most {size}, or add {d.count - size} question(s) "
                 f"with `objective: {objective.id}` to quiz `{module.quiz_id}`")
        elif a.kind == "pre_post" and need > size:
            more = need - size
            _add(diags, d, "CUR405", f"the pre-test and post-test of track `{track.id}` need {need} different "
                 f"questions of objective `{d.ref}` ({d.count} per form) and its pool has {size}: objective "
                 f"`{d.ref}` needs {more} more question(s)",
                 f"add {more} question(s) with `objective: {objective.id}` to quiz `{module.quiz_id}` (they may be "
                 f"`pool_only: true`), or leave the objective out of the forms (`except: [{d.ref}]`)")
    if a.per_objective is not None and not drawn and agenda:
        loc = a.at("draw")
        diags.add(loc.path, loc.line, loc.col, "CUR104", f"the `{a.kind}` assessment of track `{track.id}` leaves "
                  "out every objective: it would ask no question")


def _where(catalog: Catalog, track: Track, d: Draw, agenda: set[str], diags: Diagnostics, verb: str) -> bool:
    """Whether ``d`` names an objective of a module of the track (reported where it does not)."""
    module = catalog.module(d.module_id)
    if module is None or module.id not in agenda:
        what = "no module" if module is None else "a module that is not in its agenda"
        _add(diags, d, "CUR209", f"track `{track.id}` {verb} `{d.ref}`, but `{d.module_id}` is {what}",
             "modules of the track: " + (", ".join(sorted(agenda)) or "none"))
        return False
    if d.objective not in {o.id for o in module.objectives}:
        _add(diags, d, "CUR210", f"track `{track.id}` {verb} `{d.ref}`, but module `{module.id}` defines no "
             f"objective `{d.objective}`", "objectives of the module: "
             + ", ".join(o.id for o in module.objectives))
        return False
    return True
