"""Load every curriculum source into one :class:`~curriculum.model.Catalog`.

``load_catalog`` never raises for bad content: it returns the catalog of what
could be read together with every diagnostic found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from curriculum import assessments, bibliography, checks, docstree, reviews
from curriculum.diagnostics import Diagnostics
from curriculum.model import (
    AUDIENCES,
    LANGUAGES,
    REQUIRED_STRINGS,
    RESERVED_NAMES,
    REVIEW_PENDING,
    SHOW_ANSWERS,
    AgendaItem,
    Assessment,
    AvoidPhrase,
    Catalog,
    ChoiceBody,
    Cite,
    ContentNote,
    Draw,
    Exercise,
    Loc,
    Module,
    Objective,
    Question,
    Quiz,
    Recommendation,
    Review,
    ReviewKind,
    Term,
    Text,
    Track,
)
from curriculum.questions import KINDS, QUESTION_TYPES, TYPE_KEYS
from curriculum.schema import ID_RE, Reader
from curriculum.settings import PROJECT_FILE
from curriculum.yamlsource import Node, load_yaml

MODULE_FILE = "module.yml"


# A source with one of these could not be read at all: checks that depend on it stay silent about it.
UNREADABLE_CODES = frozenset({"CUR001", "CUR002", "CUR004"})


def load_catalog(root: Path, docs_dir: str = "modules", release: bool = False) -> tuple[Catalog, Diagnostics]:
    """Read the project at ``root``; return the catalog and all diagnostics.

    ``release`` adds what a release needs besides valid sources: every required review done (CUR702).
    """
    root = root.resolve()
    diags = Diagnostics()
    recommendations, rec_source, review_kinds = _load_project(root, diags)
    modules = _load_modules(root, docs_dir, diags)
    quizzes = _load_quizzes(root, diags)
    catalog = Catalog(
        root=root,
        docs_dir=docs_dir,
        modules=tuple(sorted(modules, key=lambda m: (m.order, m.id))),
        quizzes=quizzes,
        tracks=_load_tracks(root, diags),
        terms=(glossary := _load_glossary(root, diags))[0],
        avoid=glossary[1],
        recommendations=recommendations,
        locales=_load_locales(root, diags),
        recommendation_source=rec_source,
        bibliography=bibliography.load(root, diags),
        docs=docstree.scan(root, docs_dir, LANGUAGES, diags),
        review_kinds=review_kinds,
        unreadable=frozenset(d.path for d in diags if d.code in UNREADABLE_CODES),
    )
    checks.run_all(catalog, diags)
    assessments.check(catalog, diags)
    bibliography.check(catalog, diags)
    reviews.check(catalog, diags)
    if release:
        reviews.release_check(catalog, diags)
    return catalog, diags


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _field_locs(r: Reader, node: Node) -> dict[str, Loc]:
    return {key: Loc(r.rel, line, col) for key, (line, col) in node.key_pos.items()}


def _yaml_files(root: Path, folder: str, diags: Diagnostics) -> list[Path]:
    """The ``*.yml``/``*.yaml`` sources of ``folder``; a name stated as both is read once, from ``.yml``."""
    path = root / folder
    if not path.is_dir():
        return []
    files = sorted((p for p in path.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith(".")),
                   key=lambda p: (p.stem, p.suffix != ".yml", p.name))
    out: list[Path] = []
    for p in files:
        if out and out[-1].stem == p.stem:
            diags.add(_rel(root, p), 1, 1, "CUR201", f"`{p.stem}` is stated twice: {_rel(root, out[-1])} and "
                      f"{_rel(root, p)}; this file is ignored", "keep one of the two files")
        else:
            out.append(p)
    return out


# -- project file ------------------------------------------------------------------------------------------


def _load_project(root: Path, diags: Diagnostics) -> tuple[tuple[Recommendation, ...], tuple[Cite, ...],
                                                            tuple[ReviewKind, ...]]:
    path = root / PROJECT_FILE
    rel = PROJECT_FILE
    if not path.exists():
        diags.add(rel, 1, 1, "CUR002", f"cannot read file: the project file `{PROJECT_FILE}` is missing")
        return (), (), ()
    node = load_yaml(path, rel, diags)
    if node is None:
        return (), (), ()
    r = Reader(rel, diags)
    f = r.fields(node, "the project file", {"recommendations"}, {"recommendations_source", "review_kinds"})
    if f is None:
        return (), (), ()
    source = r.cites(f.get("recommendations_source"), "recommendations_source") or ()
    recs: list[Recommendation] = []
    for item in r.items(f.get("recommendations"), "recommendations"):
        g = r.fields(item, "a recommendation", {"number", "text"}, set())
        if g is None:
            continue
        number = r.integer(g.get("number"), "number", 1, 99)
        text = r.text(g.get("text"), "text", single_line=True)
        if number is not None and text is not None:
            recs.append(Recommendation(number, text, r.loc(item)))
    seen: set[int] = set()
    for rec in recs:
        if rec.number in seen:
            diags.add(rel, rec.loc.line, rec.loc.col, "CUR201", f"duplicate recommendation number {rec.number}")
        seen.add(rec.number)
    return tuple(recs), source, _review_kinds(r, f.get("review_kinds"))


def _review_kinds(r: Reader, node: Node | None) -> tuple[ReviewKind, ...]:
    """``review_kinds``: every kind of review a module's ledger may record; ``required`` ones (the default) are
    what ``curriculum check --release`` asks of every module."""
    out: list[tuple[ReviewKind, Node]] = []
    for item in r.items(node, "review_kinds"):
        g = r.fields(item, "a review kind", {"kind", "label"}, {"required", "description"})
        if g is None:
            continue
        ident = r.ident(g.get("kind"), "review_kinds.kind")
        label = r.text(g.get("label"), "label", single_line=True)
        required = r.boolean(g.get("required"), "required") if "required" in g else True
        description = r.text(g.get("description"), "description") if "description" in g else None
        if ident and label:
            out.append((ReviewKind(ident, label, required is not False, description, r.loc(item)), g["kind"]))
    r.unique([(k.id, n) for k, n in out], "review kind")
    return tuple(k for k, _ in out)


# -- modules -----------------------------------------------------------------------------------------------

_MODULE_REQUIRED = {
    "id", "order", "title", "summary", "audiences", "duration_minutes", "recommendations", "quiz",
    "last_legal_review", "objectives", "sources", "reviews",
}


def _load_modules(root: Path, docs_dir: str, diags: Diagnostics) -> list[Module]:
    docs = root / docs_dir
    modules: list[Module] = []
    if not docs.is_dir():
        diags.add(docs_dir, 1, 1, "CUR002", f"cannot read folder: the docs folder `{docs_dir}` is missing")
        return modules
    for meta in sorted(docs.glob(f"**/{MODULE_FILE}")):
        module = _load_module(root, docs, meta, diags)
        if module is not None:
            modules.append(module)
    seen: dict[str, Module] = {}
    for m in modules:
        if m.id in seen:
            diags.add(m.loc.path, m.loc.line, m.loc.col, "CUR201",
                      f"duplicate module id `{m.id}` (also in {seen[m.id].loc.path})")
        seen[m.id] = m
    return modules


def _load_module(root: Path, docs: Path, meta: Path, diags: Diagnostics) -> Module | None:
    rel = _rel(root, meta)
    node = load_yaml(meta, rel, diags)
    if node is None:
        return None
    r = Reader(rel, diags)
    f = r.fields(node, "module.yml", _MODULE_REQUIRED, {"exercises", "content_note"})
    if f is None:
        return None
    folder = meta.parent.relative_to(docs).as_posix()
    ident = r.ident(f.get("id"), "id")
    if ident is not None and ident != meta.parent.name:
        r.report(f["id"], "CUR206", f"module id `{ident}` does not match its folder `{meta.parent.name}`")
    top = folder.partition("/")[0]
    if top in RESERVED_NAMES and "id" in f:
        named = f"id `{top}`" if top == ident else f"folder `{top}` (modules/{folder})"
        r.report(f["id"], "CUR104", f"module {named} is a reserved name of the built site",
                 "the site's top level already has " + ", ".join(f"`{n}`" for n in sorted(RESERVED_NAMES))
                 + ": rename the module (its folder and `id`)")
    audiences = tuple(a for n in r.items(f.get("audiences"), "audiences")
                      if (a := r.choice(n, "audiences", AUDIENCES)))
    recommendations = tuple(v for n in r.items(f.get("recommendations"), "recommendations")
                            if (v := r.integer(n, "recommendations", 1, 99)) is not None)
    objectives = _objectives(r, f.get("objectives"))
    module = Module(
        id=ident or meta.parent.name,
        order=r.integer(f.get("order"), "order", 0, 9999) or 0,
        title=r.text(f.get("title"), "title", single_line=True) or Text("", ""),
        summary=r.text(f.get("summary"), "summary", single_line=True) or Text("", ""),
        audiences=audiences,
        duration_minutes=r.integer(f.get("duration_minutes"), "duration_minutes", 5, 600) or 0,
        recommendations=recommendations,
        quiz_id=r.ident(f.get("quiz"), "quiz") or "",
        last_legal_review=r.date(f.get("last_legal_review"), "last_legal_review", _FIRST_REVIEW, dt.date.today())
        or _NO_DATE,
        objectives=objectives,
        exercises=_exercises(r, f.get("exercises")),
        sources=_sources(r, f.get("sources")),
        folder=folder,
        loc=r.loc(node),
        field_locs=_field_locs(r, node),
        content_note=_content_note(r, f.get("content_note"), Loc(rel, *node.key_pos.get("content_note", (1, 1)))),
        reviews=_reviews(r, f.get("reviews")),
    )
    return module


def _reviews(r: Reader, node: Node | None) -> tuple[Review, ...]:
    """The review ledger: ``- kind: <review kind>``, ``date: YYYY-MM-DD | pending``, optional ``by`` and ``note``.

    Which kinds exist is the project's (``curriculum.yml`` ``review_kinds``), checked in curriculum.reviews.
    """
    out: list[tuple[Review, Node]] = []
    for item in r.items(node, "reviews"):
        f = r.fields(item, "a review", {"kind", "date"}, {"by", "note"})
        if f is None:
            continue
        kind = r.ident(f.get("kind"), "reviews.kind")
        known, done = _review_date(r, f.get("date"))
        by = _plain_or_text(r, f.get("by"), "reviews.by", single_line=True)
        note = _plain_or_text(r, f.get("note"), "reviews.note")
        if kind and known:
            out.append((Review(kind, done, by, note, r.loc(item)), f["kind"]))
    seen: dict[str, int] = {}
    for review, at in out:
        if review.kind in seen:
            r.report(at, "CUR201", f"review `{review.kind}` is listed twice in the ledger (first on line "
                     f"{seen[review.kind]})", "one entry per kind: keep the latest review, with its date")
        seen.setdefault(review.kind, at.line)
    return tuple(review for review, _ in out)


def _review_date(r: Reader, node: Node | None) -> tuple[bool, dt.date | None]:
    """(readable, the date) of a ledger entry: ``pending`` is readable and has no date."""
    if node is None:
        return False, None
    value = node.value
    if value == REVIEW_PENDING:
        return True, None
    if isinstance(value, str) and not _DATE_LIKE.match(value.strip()):
        r.report(node, "CUR104", f"`reviews.date` must be the date the review was done (YYYY-MM-DD) or "
                 f"`{REVIEW_PENDING}`; found `{value[:40]}`", f"write `date: {REVIEW_PENDING}` until it is done")
        return False, None
    done = r.date(node, "reviews.date", _FIRST_REVIEW, dt.date.today())
    return done is not None, done


def _plain_or_text(r: Reader, node: Node | None, where: str, single_line: bool = False) -> Text | None:
    """A name or note: one string for both languages (an organisation's name) or ``{en, es}``."""
    if node is None:
        return None
    if isinstance(node.value, str):
        value = " ".join(node.value.split())
        if not value:
            r.report(node, "CUR104", f"`{where}` is empty")
            return None
        return Text(value, value)
    if not node.is_map:
        r.wrong_type(node, where, "text (one for both languages, or `{en: ..., es: ...}`)")
        return None
    return r.text(node, where, single_line=single_line)


CONTENT_NOTE_MAX = 240  # characters of the module's own line: a note says in one sentence what is ahead


def _content_note(r: Reader, node: Node | None, loc: Loc) -> ContentNote | None:
    """``content_note: true`` (the standard note), ``false`` (none) or ``{en, es}``: the module's own line.

    ``loc`` is where the key is written: the checks report a missing self-care page there."""
    if node is None:
        return None
    if isinstance(node.value, bool):
        return ContentNote(None, loc) if node.value else None
    if not node.is_map:
        r.wrong_type(node, "content_note", "`true` (the standard note) or one line in every language "
                     "(`{en: ..., es: ...}`)")
        return None
    text = r.text(node, "content_note", single_line=True)
    if text is None:
        return None
    for lang in ("en", "es"):
        if len(text[lang]) > CONTENT_NOTE_MAX:
            item = node.value.get(lang, node)
            r.report(item, "CUR104", f"`content_note` ({lang}) is {len(text[lang])} characters long; keep it to "
                     f"{CONTENT_NOTE_MAX}", "say in one sentence what the module covers; the generator adds that "
                     "participants may step out and where the self-care page is")
    return ContentNote(text, loc)


def _objectives(r: Reader, node: Node | None) -> tuple[Objective, ...]:
    out: list[tuple[Objective, Node]] = []
    for item in r.items(node, "objectives"):
        f = r.fields(item, "an objective", {"id", "text"}, set())
        if f is None:
            continue
        ident, text = r.ident(f.get("id"), "objectives.id"), r.text(f.get("text"), "objective text", single_line=True)
        if ident and text:
            out.append((Objective(ident, text, r.loc(item)), item))
    r.unique([(o.id, n) for o, n in out], "objective")
    return tuple(o for o, _ in out)


def _exercises(r: Reader, node: Node | None) -> tuple[Exercise, ...]:
    out: list[tuple[Exercise, Node]] = []
    for item in r.items(node, "exercises"):
        f = r.fields(item, "an exercise", {"id", "title", "minutes"}, {"recommendations"})
        if f is None:
            continue
        ident = r.ident(f.get("id"), "exercises.id")
        title = r.text(f.get("title"), "exercise title", single_line=True)
        minutes = r.integer(f.get("minutes"), "minutes", 1, 600)
        recs = tuple(v for n in r.items(f.get("recommendations"), "recommendations")
                     if (v := r.integer(n, "recommendations", 1, 99)) is not None)
        if ident and title and minutes:
            out.append((Exercise(ident, title, minutes, recs, r.loc(item)), item))
    r.unique([(e.id, n) for e, n in out], "exercise")
    return tuple(e for e, _ in out)


def _sources(r: Reader, node: Node | None) -> tuple[Cite, ...]:
    """A module's ``sources:``: citations by key of bibliography/sources.yml (each key once)."""
    cites = r.cites(node, "sources") or ()
    seen: set[str] = set()
    for c in cites:
        if c.key and c.key in seen:
            r.diags.add(c.loc.path, c.loc.line, c.loc.col, "CUR201", f"`sources` cites `@{c.key}` twice",
                        "cite each source once; put every pinpoint in one `at:`")
        seen.add(c.key)
    return cites


# -- quizzes -----------------------------------------------------------------------------------------------


def _load_quizzes(root: Path, diags: Diagnostics) -> dict[str, Quiz]:
    quizzes: dict[str, Quiz] = {}
    for path in _yaml_files(root, "quizzes", diags):
        quiz = _load_quiz(root, path, diags)
        if quiz is not None:
            quizzes[quiz.id] = quiz
    return quizzes


def _load_quiz(root: Path, path: Path, diags: Diagnostics) -> Quiz | None:
    rel = _rel(root, path)
    node = load_yaml(path, rel, diags)
    if node is None:
        return None
    r = Reader(rel, diags)
    f = r.fields(node, "the quiz", {"id", "title", "pass_mark", "questions"}, set())
    if f is None:
        return None
    ident = r.ident(f.get("id"), "id")
    if ident is not None and ident != path.stem:
        r.report(f["id"], "CUR206", f"quiz id `{ident}` does not match its file name `{path.name}`")
    pairs = [(q, item) for item in r.items(f.get("questions"), "questions") if (q := _question(r, item))]
    r.unique([(q.id, n) for q, n in pairs], "question")
    if "questions" in f and not pairs and f["questions"].is_list:
        r.report(f["questions"], "CUR104", "a quiz needs at least one question")
    elif pairs and all(q.pool_only for q, _ in pairs):
        r.report(f["questions"], "CUR104", "every question of the quiz is `pool_only`: the module's self-check "
                 "would be empty", "keep at least one question without `pool_only: true`")
    return Quiz(
        id=ident or path.stem,
        title=r.text(f.get("title"), "title", single_line=True) or Text("", ""),
        pass_mark=r.integer(f.get("pass_mark"), "pass_mark", 1, 100) or 100,
        questions=tuple(q for q, _ in pairs),
        loc=r.loc(node),
    )


_QUESTION_KEYS = {"id", "type", "objective", "prompt", "explanation", "source"}
_QUESTION_OPTIONAL = {"pool_only"}


def _question(r: Reader, node: Node) -> Question | None:
    """The keys every question has; the type (curriculum.questions) reads and checks its own."""
    f = r.fields(node, "a question", _QUESTION_KEYS, set(TYPE_KEYS) | _QUESTION_OPTIONAL)
    if f is None:
        return None
    ident = r.ident(f.get("id"), "id")
    qtype = r.choice(f.get("type"), "type", QUESTION_TYPES)
    where = f"question `{ident or '?'}`"
    body = None
    if qtype is not None:
        kind = KINDS[qtype]
        for key in sorted((f.keys() - _QUESTION_OPTIONAL) & (TYPE_KEYS - kind.keys)):
            kind.misplaced(r, key, f[key], where)
        body = kind.read(r, f, node, where)
    return Question(
        id=ident or "",
        type=qtype or "single",
        objective=r.ident(f.get("objective"), "objective") or "",
        prompt=r.text(f.get("prompt"), "prompt") or Text("", ""),
        body=body or ChoiceBody(()),
        explanation=r.text(f.get("explanation"), "explanation") or Text("", ""),
        source=r.cites(f.get("source"), "source") or (),
        loc=r.loc(node),
        field_locs=_field_locs(r, node),
        pool_only=bool(r.boolean(f.get("pool_only"), "pool_only")) if "pool_only" in f else False,
    ) if ident else None


# -- tracks, glossary, locales ----------------------------------------------------------------------------


def _load_tracks(root: Path, diags: Diagnostics) -> tuple[Track, ...]:
    tracks: list[Track] = []
    for path in _yaml_files(root, "tracks", diags):
        rel = _rel(root, path)
        node = load_yaml(path, rel, diags)
        if node is None:
            continue
        r = Reader(rel, diags)
        f = r.fields(node, "the track", {"id", "audience", "title", "description", "agenda"}, {"assessments"})
        if f is None:
            continue
        ident = r.ident(f.get("id"), "id")
        if ident is not None and ident != path.stem:
            r.report(f["id"], "CUR206", f"track id `{ident}` does not match its file name `{path.name}`")
        agenda: list[AgendaItem] = []
        named: dict[str, int] = {}  # module id -> line of its first agenda slot
        module_slots = 0
        for item in r.items(f.get("agenda"), "agenda"):
            g = r.fields(item, "an agenda item", set(), {"module", "break"})
            if g is None:
                continue
            if len(g) != 1:
                r.report(item, "CUR104", "an agenda item is either `module: <id>` or `break: <minutes>`")
                continue
            if "module" in g:
                module_slots += 1
                module_id = r.ident(g["module"], "module")
                if module_id is None:
                    continue
                if module_id in named:
                    r.report(g["module"], "CUR201", f"module `{module_id}` is already in this agenda "
                             f"(line {named[module_id]})", "a module is taught once per track: remove one")
                    continue
                named[module_id] = g["module"].line
                agenda.append(AgendaItem(module_id, 0, r.loc(g["module"])))
            else:
                agenda.append(AgendaItem(None, r.integer(g["break"], "break", 1, 240) or 0, r.loc(item)))
        if "agenda" in f and f["agenda"].is_list and not module_slots:
            line, col = node.key_pos["agenda"]
            diags.add(rel, line, col, "CUR104", "a track needs at least one module",
                      "list its modules under `agenda:` as `- module: <id>`")
        tracks.append(Track(
            id=ident or path.stem,
            audience=r.choice(f.get("audience"), "audience", AUDIENCES) or "",
            title=r.text(f.get("title"), "title", single_line=True) or Text("", ""),
            description=r.text(f.get("description"), "description", single_line=True) or Text("", ""),
            agenda=tuple(agenda),
            loc=r.loc(node),
            **_assessments(r, f.get("assessments")),
        ))
    return tuple(tracks)


_ASSESSMENT_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "exam": ({"title", "draw", "pass_mark"}, {"attempts", "time_limit_minutes", "show_answers"}),
    "pre_post": ({"title", "draw"}, {"show_answers"}),
}
_PER_OBJECTIVE = re.compile(r"^per_objective\s+(\S+)$")


def _assessments(r: Reader, node: Node | None) -> dict[str, Assessment | None]:
    """``assessments:`` of a track: ``exam`` and ``pre_post`` (docs/authoring.md, "Assessments")."""
    out: dict[str, Assessment | None] = {"exam": None, "pre_post": None}
    if node is None:
        return out
    f = r.fields(node, "`assessments`", set(), set(_ASSESSMENT_KEYS))
    if f is None:
        return out
    for kind, value in f.items():
        required, optional = _ASSESSMENT_KEYS[kind]
        g = r.fields(value, f"the `{kind}` assessment", required, optional)
        if g is None:
            continue
        per_objective, exclude, draws = _draw(r, g.get("draw"), kind)
        exam = kind == "exam"
        limit = g.get("time_limit_minutes")
        time_limit = r.integer(limit, "time_limit_minutes", 1, 600) if limit is not None else None  # ≤ 0: CUR104
        attempts = r.integer(g["attempts"], "attempts", 1, 99) if "attempts" in g else None
        show = (r.choice(g["show_answers"], "show_answers", SHOW_ANSWERS) if "show_answers" in g else None) \
            or "after-submission"
        out[kind] = Assessment(
            kind=kind,
            title=r.text(g.get("title"), "title", single_line=True) or Text("", ""),
            per_objective=per_objective, exclude=exclude, draws=draws,
            pass_mark=(r.integer(g.get("pass_mark"), "pass_mark", 1, 100) or 100) if exam else None,
            attempts=attempts, time_limit_minutes=time_limit, show_answers=show,
            loc=r.loc(value), field_locs=_field_locs(r, value) if value.is_map else {},
        )
    return out


def _draw(r: Reader, node: Node | None, kind: str) -> tuple[int | None, tuple[Draw, ...], tuple[Draw, ...]]:
    """``draw: per_objective <n>``, ``draw: {per_objective: <n>, except: [<module>/<objective>, ...]}`` or a list
    of ``{objective: <module>/<objective>, count: <n>}``: (per objective, left out, drawn one by one)."""
    if node is None:
        return None, (), ()
    if isinstance(node.value, str):
        m = _PER_OBJECTIVE.match(node.value.strip())
        count = int(m.group(1)) if m and m.group(1).isdigit() else None
        if count is None or not 1 <= count <= 20:
            r.report(node, "CUR104", f"`draw` of `{kind}` must be `per_objective <n>` (n from 1 to 20), a mapping "
                     f"`{{per_objective: <n>, except: [...]}}` or a list of `{{objective: <module>/<objective>, "
                     f"count: <n>}}`; found `{node.value[:40]}`")
            return None, (), ()
        return count, (), ()
    if node.is_map:
        g = r.fields(node, "`draw`", {"per_objective"}, {"except"})
        if g is None:
            return None, (), ()
        count = r.integer(g.get("per_objective"), "per_objective", 1, 20)
        exclude = []
        for item in r.items(g.get("except"), "except"):
            ref = _objective_ref(r, item, "except")
            if ref is not None:
                exclude.append(Draw(ref[0], ref[1], 0, r.loc(item)))
        r.unique([(d.ref, n) for d, n in zip(exclude, r.items(g.get("except"), "except"), strict=False)],
                 "left-out objective")
        return count, tuple(exclude), ()
    draws: list[tuple[Draw, Node]] = []
    for item in r.items(node, "draw"):
        g = r.fields(item, "a draw", {"objective", "count"}, set())
        if g is None:
            continue
        ref = _objective_ref(r, g.get("objective"), "objective")
        count = r.integer(g.get("count"), "count", 1, 20)
        if ref is not None and count is not None:
            draws.append((Draw(ref[0], ref[1], count, r.loc(g["objective"])), g["objective"]))
    r.unique([(d.ref, n) for d, n in draws], "drawn objective")
    if node.is_list and not node.value:
        r.report(node, "CUR104", f"`draw` of `{kind}` is an empty list: draw from at least one objective")
    return None, (), tuple(d for d, _ in draws)


def _objective_ref(r: Reader, node: Node | None, where: str) -> tuple[str, str] | None:
    """``<module>/<objective>``: two ids."""
    if node is None:
        return None
    if not isinstance(node.value, str) or node.value.count("/") != 1:
        r.report(node, "CUR210", f"`{where}` must name an objective as `<module>/<objective>`; found "
                 f"`{str(node.value)[:60]}`", "e.g. `legal-framework/palermo-elements`")
        return None
    module, objective = node.value.split("/")
    if not (ID_RE.match(module) and ID_RE.match(objective)):
        r.report(node, "CUR210", f"`{where}` `{node.value[:60]}` is not `<module id>/<objective id>`",
                 "ids are lower-case-words-with-hyphens")
        return None
    return module, objective


def _load_glossary(root: Path, diags: Diagnostics) -> tuple[tuple[Term, ...], tuple[AvoidPhrase, ...]]:
    path = root / "glossary" / "terms.yml"
    if not path.exists():
        return (), ()
    rel = _rel(root, path)
    node = load_yaml(path, rel, diags)
    if node is None:
        return (), ()
    r = Reader(rel, diags)
    f = r.fields(node, "the glossary", set(), {"terms", "avoid"})
    if f is None:
        return (), ()
    terms: list[tuple[Term, Node]] = []
    for item in r.items(f.get("terms"), "terms"):
        g = r.fields(item, "a term", {"id", "term", "definition", "source"}, {"us", "mx", "false_friend"})
        if g is None:
            continue
        ident = r.ident(g.get("id"), "id")
        term, definition = r.text(g.get("term"), "term", single_line=True), r.text(g.get("definition"), "definition")
        source = r.cites(g.get("source"), "source")
        if ident and term and definition and source:
            terms.append((Term(ident, term, definition, r.text(g.get("us"), "us"), r.text(g.get("mx"), "mx"),
                               r.text(g.get("false_friend"), "false_friend"), source, r.loc(item)), item))
    avoid: list[tuple[AvoidPhrase, Node]] = []
    for item in r.items(f.get("avoid"), "avoid"):
        g = r.fields(item, "an avoided phrase", {"id", "lang", "phrase", "use_instead", "reason"}, set())
        if g is None:
            continue
        ident, lang = r.ident(g.get("id"), "id"), r.choice(g.get("lang"), "lang", LANGUAGES)
        phrase = g.get("phrase")
        if phrase is not None and not (isinstance(phrase.value, str) and phrase.value.strip()):
            r.wrong_type(phrase, "phrase", "text")
            phrase = None
        use, reason = r.text(g.get("use_instead"), "use_instead"), r.text(g.get("reason"), "reason")
        if ident and lang and phrase and use and reason:
            avoid.append((AvoidPhrase(ident, lang, phrase.value.strip(), use, reason, r.loc(item)), item))
    r.unique([(t.id, n) for t, n in terms], "term")
    r.unique([(a.id, n) for a, n in avoid], "avoided phrase")
    return tuple(sorted((t for t, _ in terms), key=lambda t: t.term.en.lower())), tuple(a for a, _ in avoid)


def _load_locales(root: Path, diags: Diagnostics) -> dict[str, dict[str, str]]:
    locales: dict[str, dict[str, str]] = {}
    positions: dict[str, Mapping[str, tuple[int, int]]] = {}
    for lang in LANGUAGES:
        path = root / "locales" / f"{lang}.yml"
        rel = f"locales/{lang}.yml"
        if not path.exists():
            diags.add(rel, 1, 1, "CUR002", f"cannot read file: the interface strings `{rel}` are missing")
            continue
        node = load_yaml(path, rel, diags)
        if node is None:
            continue
        r = Reader(rel, diags)
        if not node.is_map:
            r.wrong_type(node, "the locale file", "a mapping of `key: text`")
            continue
        strings: dict[str, str] = {}
        for key, value in node.value.items():
            if isinstance(value.value, str) and value.value.strip():
                strings[key] = value.value
                r.quotation_marks(value, value.value.strip(), lang)  # interface strings are read too (CUR314)
            else:
                r.wrong_type(value, key, "non-empty text")
        locales[lang], positions[lang] = strings, node.key_pos
    everything = set().union(*(s.keys() for s in locales.values()))
    for lang, strings in locales.items():
        if len(locales) == len(LANGUAGES):
            for key in sorted(everything - strings.keys()):
                other = next(ln for ln in LANGUAGES if key in locales[ln])
                line, _ = positions[other][key]
                diags.add(f"locales/{lang}.yml", 1, 1, "CUR304",
                          f"interface string `{key}` is missing (locales/{other}.yml:{line} has it)")
        for key in sorted(REQUIRED_STRINGS - everything):
            diags.add(f"locales/{lang}.yml", 1, 1, "CUR304",
                      f"interface string `{key}` is missing; the site needs it (in every language)")
    return locales


_NO_DATE = dt.date(1970, 1, 1)
_FIRST_REVIEW = dt.date(2000, 1, 1)  # an earlier legal review is a typo, not a review
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")  # what r.date reads (or reports as not in the calendar)
