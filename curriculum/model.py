"""The immutable curriculum model: what the loader produces and every view reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

LANGUAGES: tuple[str, ...] = ("en", "es")
AUDIENCES: tuple[str, ...] = ("police", "prosecutors", "ngo")

# Top-level names of the built site (language trees, theme assets, search index, page folders, 404.html,
# sitemap.xml): a module folder of that name would replace or mix with them, so no module may use one.
RESERVED_NAMES: frozenset[str] = frozenset({*LANGUAGES, "assets", "search", "tracks", "reference", "404", "sitemap"})
# What the site build writes at the top of the site besides the pages (with a folder per language, LANGUAGES):
# no top-level entry of the docs folder (a folder, a file, a page's name) may be named so.
SITE_FILES: frozenset[str] = frozenset({"search", "sitemap.xml", "sitemap.xml.gz", "404.html"})

# The self-care and vicarious-trauma page that every content note links to (docs-relative, without `.<lang>.md`).
SELF_CARE_PAGE = "reference/self-care"

# The interface strings of the assessments (exam, pre-test, post-test pages: curriculum.render, assessment.js).
ASSESSMENT_STRINGS: tuple[str, ...] = (
    "assessments", "exam", "pre_test", "post_test", "exam_intro", "pre_test_intro", "post_test_intro",
    "exam_rules_questions", "exam_rules_attempts", "exam_rules_unlimited", "exam_rules_time", "exam_rules_no_time",
    "exam_rules_answers_after_submission", "exam_rules_answers_after_last_attempt", "exam_rules_answers_never",
    "exam_integrity", "exam_start", "exam_submit", "exam_submit_anyway", "exam_retry", "exam_attempts_used",
    "exam_no_attempts_left", "exam_time_left", "exam_time_warning", "exam_time_up", "exam_started",
    "exam_submitted", "exam_result", "exam_by_objective", "exam_objective", "exam_right", "exam_answers_hidden",
    "exam_answers_later", "pre_post_gain", "pre_post_pre", "pre_post_post", "pre_post_gain_points",
    "pre_post_take_pre_first", "pre_post_done", "pre_post_not_taken", "pre_post_note", "assessment_link_exam",
    "assessment_link_pre", "assessment_link_post", "exam_seed", "exam_attempts_used_unlimited",
)

# Interface strings (locales/<lang>.yml keys) the generator reads; each locale file must state them all.
REQUIRED_STRINGS: frozenset[str] = frozenset({
    *(f"audience_{a}" for a in AUDIENCES), "true", "false",  # read through computed keys
    "bib_law", "bib_cases", "bib_works", "bib_web", "author_unknown", "checked_on",  # the bibliography
    "agenda", "audiences", "avoid_intro", "avoid_phrase", "break", "cert_body", "cert_completed_on",
    "cert_date_passed", "cert_honesty", "cert_instruction", "cert_modules", "cert_score", "cert_sign_learner",
    "cert_sign_provider", "cert_title", "cert_track", "cert_version", "certificate", "certificate_locked",
    "certificate_ready", "check_answers", "correct", "correct_answer", "definition", "disclaimer", "duration",
    "exercises", "explanation", "facilitator_edition", "facilitator_notes", "false_friend", "hours", "incorrect",
    "last_legal_review", "learner_id", "learner_name", "location", "minutes", "minutes_long", "module", "modules",
    "mx_usage", "none_yet", "not_passed", "objectives", "objectives_intro", "organisation", "pass_mark", "passed",
    "print_certificate", "progress", "progress_note", "progress_summary", "question", "quiz", "quiz_self_check",
    "recommendation", "score", "select_many", "select_one", "served_by", "source", "sources", "status_not_passed",
    "status_not_started", "status_passed", "term", "total_breaks", "total_instruction", "total_time", "try_again",
    "unanswered", "us_usage", "use_instead", "why",
    "palette_to_dark", "palette_to_light", "permalink_title", "made_with", "not_found",  # the theme's (plugin.py)
    "content_note", "content_note_standard", "content_note_step_out", "content_note_self_care", "self_care_title",
    "quick_exit", "quick_exit_hint",  # trauma-informed defaults (docs/authoring.md)
    "reviews", "review_pending", "review_by", "currency_checked", "not_recorded", "reviews_summary",  # ledger
    "select_match", "select_order", "match_placeholder", "move_up", "move_down", "moved", "position",  # question
    "item_right", "item_wrong", "count_pairs", "count_positions", "print_match", "print_order",        # types
    "match_premises", "match_responses", "count_choices", "worksheet_name", "worksheet_date",
    *ASSESSMENT_STRINGS,
})

@dataclass(frozen=True)
class Text:
    """A human text stated side by side in every language."""

    en: str
    es: str

    def __getitem__(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Loc:
    """Where something was stated (relative path, 1-based line and column)."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Objective:
    id: str
    text: Text
    loc: Loc


@dataclass(frozen=True)
class Exercise:
    id: str
    title: Text
    minutes: int
    recommendations: tuple[int, ...]
    loc: Loc


@dataclass(frozen=True)
class Cite:
    """One citation of a bibliography entry by key, with an optional pinpoint (article, section, page).

    ``text`` is set only for a citation written by hand (no ``@key``): it is reported (CUR805) and shown as
    written until it is replaced by a key.
    """

    key: str
    at: Text | None
    loc: Loc
    text: Text | None = None

    @property
    def id(self) -> str:
        """The anchor name of the cited entry in a module's reference list (``source-<id>``)."""
        return self.key


REFERENCE_TYPES: tuple[str, ...] = (
    "statute", "regulation", "treaty", "case", "report", "article", "book", "web", "news", "other")


@dataclass(frozen=True)
class Reference:
    """One entry of ``bibliography/sources.yml``: a source stated once, cited everywhere by ``key``."""

    key: str
    type: str
    title: Text
    author: Text | None
    venue: Text | None
    short: Text | None
    date: str
    url: str | None
    checked: dt.date | None
    note: Text | None
    loc: Loc
    field_locs: Mapping[str, Loc] = field(default_factory=dict, repr=False)
    lang: str | None = None  # `lang:`, the language of the texts the entry writes once (WCAG 3.1.2)
    once: frozenset[str] = frozenset()  # which of title, author, venue, short are written once, in `lang`

    def at(self, key: str) -> Loc:
        return self.field_locs.get(key, self.loc)


@dataclass(frozen=True)
class Bibliography:
    """Every source of the curriculum, in the order of the registry file."""

    entries: tuple[Reference, ...] = ()
    _by_key: Mapping[str, Reference] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Reference] = {}
        for ref in self.entries:
            by_key.setdefault(ref.key, ref)
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    def get(self, key: str) -> Reference | None:
        return self._by_key.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key


@dataclass(frozen=True)
class ContentNote:
    """A module's content note: one line on the distressing material it covers, shown before the lesson.

    ``text`` is the module's own line; ``None`` means the standard one (``content_note: true``). The generator
    adds, in the reader's language, that participants may step out and where the self-care page is.
    """

    text: Text | None
    loc: Loc


REVIEW_PENDING = "pending"
"""What a module's ledger writes as the `date` of a review not done yet."""


@dataclass(frozen=True)
class ReviewKind:
    """A kind of review (``curriculum.yml`` ``review_kinds``): a required one is asked for by ``check --release``."""

    id: str
    label: Text
    required: bool
    description: Text | None
    loc: Loc


@dataclass(frozen=True)
class Review:
    """One line of a module's review ledger: a kind, the day it was done (``None`` while pending), who, a note.

    ``by`` names a role or an organisation, never a survivor.
    """

    kind: str
    done: dt.date | None
    by: Text | None
    note: Text | None
    loc: Loc

    @property
    def pending(self) -> bool:
        return self.done is None


@dataclass(frozen=True)
class Module:
    id: str
    order: int
    title: Text
    summary: Text
    audiences: tuple[str, ...]
    duration_minutes: int
    recommendations: tuple[int, ...]
    quiz_id: str
    last_legal_review: dt.date
    objectives: tuple[Objective, ...]
    exercises: tuple[Exercise, ...]
    sources: tuple[Cite, ...]
    folder: str
    loc: Loc
    field_locs: Mapping[str, Loc] = field(default_factory=dict, repr=False)
    content_note: ContentNote | None = None
    reviews: tuple[Review, ...] = ()  # the review ledger as written (curriculum.reviews reads it)

    def at(self, key: str) -> Loc:
        """Where ``key`` was stated in module.yml (the file start if it was not)."""
        return self.field_locs.get(key, self.loc)

    def page(self, lang: str) -> str:
        """Path of the module's page for ``lang``, relative to the docs dir."""
        return f"{self.folder}/index.{lang}.md"

    @property
    def url_path(self) -> str:
        """Language-neutral docs path (as written in ``nav``)."""
        return f"{self.folder}/index.md"


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    correct: bool
    feedback: Text | None


@dataclass(frozen=True)
class QuestionBody:
    """What a question holds besides what every question has: its type's own data.

    Each question type (a module of :mod:`curriculum.questions`) has its own subclass. ``answer`` is the answer
    key as ids (the tokens the site stores for a right answer); ``ordered`` says whether their order is part
    of the answer (ordering) or not (a set of choices or of pairs).
    """

    ordered: ClassVar[bool] = False

    def answer(self) -> tuple[str, ...]:
        raise NotImplementedError


@dataclass(frozen=True)
class ChoiceBody(QuestionBody):
    """single, multiple and true_false: the choices, each right or not (true/false: `true` and `false`)."""

    choices: tuple[Choice, ...] = ()

    def answer(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices if c.correct)


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # a name of curriculum.questions.KINDS
    objective: str
    prompt: Text
    body: QuestionBody
    explanation: Text
    source: tuple[Cite, ...]
    loc: Loc
    field_locs: Mapping[str, Loc] = field(default_factory=dict, repr=False)
    pool_only: bool = False  # in its objective's pool (assessments) but not in the module's self-check

    def at(self, key: str) -> Loc:
        return self.field_locs.get(key, self.loc)

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The choices of a choice question (single, multiple, true_false); none for the other types."""
        return self.body.choices if isinstance(self.body, ChoiceBody) else ()

    @property
    def correct_ids(self) -> tuple[str, ...]:
        """The answer key as ids: the right choices, the right pairs (`premise.response`) or the right order."""
        return self.body.answer()

    @property
    def answer_tokens(self) -> tuple[str, ...]:
        """The answer key as the site hashes it: sorted, unless the order is the answer."""
        return self.correct_ids if self.body.ordered else tuple(sorted(self.correct_ids))


@dataclass(frozen=True)
class Quiz:
    id: str
    title: Text
    pass_mark: int
    questions: tuple[Question, ...]  # every question: the module's pools (curriculum.assessments)
    loc: Loc

    @property
    def self_check(self) -> tuple[Question, ...]:
        """The questions of the module's self-check: all but those marked ``pool_only``."""
        return tuple(q for q in self.questions if not q.pool_only)


@dataclass(frozen=True)
class AgendaItem:
    """One agenda slot: a module, or a break of ``break_minutes``."""

    module_id: str | None
    break_minutes: int
    loc: Loc


ASSESSMENT_KINDS: tuple[str, ...] = ("exam", "pre_post")
SHOW_ANSWERS: tuple[str, ...] = ("after-submission", "after-last-attempt", "never")


@dataclass(frozen=True)
class Draw:
    """How many questions an assessment draws from one objective's pool (``<module>/<objective>``)."""

    module_id: str
    objective: str
    count: int
    loc: Loc

    @property
    def ref(self) -> str:
        return f"{self.module_id}/{self.objective}"


@dataclass(frozen=True)
class Assessment:
    """A track's exam or its matched pre-test and post-test (``tracks/<id>.yml`` ``assessments:``).

    ``per_objective`` draws that many questions from the pool of every objective of the track's modules, except
    those in ``exclude`` (count 0); ``draws`` lists objectives one by one instead. curriculum.assessments resolves
    both against the catalog.
    """

    kind: str                      # "exam" or "pre_post"
    title: Text
    per_objective: int | None
    exclude: tuple[Draw, ...]
    draws: tuple[Draw, ...]
    pass_mark: int | None          # the exam's pass mark (percent); pre/post tests have none
    attempts: int | None           # the exam's attempt limit; None: unlimited
    time_limit_minutes: int | None
    show_answers: str
    loc: Loc
    field_locs: Mapping[str, Loc] = field(default_factory=dict, repr=False)

    def at(self, key: str) -> Loc:
        return self.field_locs.get(key, self.loc)


@dataclass(frozen=True)
class Track:
    id: str
    audience: str
    title: Text
    description: Text
    agenda: tuple[AgendaItem, ...]
    loc: Loc
    exam: Assessment | None = None
    pre_post: Assessment | None = None


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: Text
    us: Text | None
    mx: Text | None
    false_friend: Text | None
    source: tuple[Cite, ...]
    loc: Loc


@dataclass(frozen=True)
class AvoidPhrase:
    id: str
    lang: str
    phrase: str
    use_instead: Text
    reason: Text
    loc: Loc


@dataclass(frozen=True)
class Recommendation:
    number: int
    text: Text
    loc: Loc


@dataclass(frozen=True)
class Page:
    """A Markdown page of the docs folder, read once while the catalog loads."""

    doc: str   # relative to the docs folder, as MkDocs names it (``x/index.en.md``)
    rel: str   # relative to the project, as diagnostics name it (``modules/x/index.en.md``)
    lang: str
    text: str | None  # None when the file could not be read (already reported)


@dataclass(frozen=True)
class DocsTree:
    """Every file under the docs folder, classified: pages, assets a reader may receive, files left out."""

    pages: tuple[Page, ...] = ()
    assets: frozenset[str] = frozenset()     # docs-relative paths
    left_out: frozenset[str] = frozenset()   # docs-relative paths never published
    _by_doc: Mapping[str, Page] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_doc", MappingProxyType({p.doc: p for p in self.pages}))

    def page(self, doc: str) -> Page | None:
        return self._by_doc.get(doc)

    def publishable(self, doc: str) -> bool:
        """Whether the file ``doc`` (docs-relative) may be part of the built site."""
        return doc in self._by_doc or doc in self.assets

    @property
    def files(self) -> frozenset[str]:
        """Every docs-relative file that exists: pages, assets and files left out."""
        return frozenset(self._by_doc) | self.assets | self.left_out


@dataclass(frozen=True)
class Catalog:
    """Everything the curriculum states, loaded once and read by every view."""

    root: Path
    docs_dir: str
    modules: tuple[Module, ...]
    quizzes: Mapping[str, Quiz]
    tracks: tuple[Track, ...]
    terms: tuple[Term, ...]
    avoid: tuple[AvoidPhrase, ...]
    recommendations: tuple[Recommendation, ...]
    locales: Mapping[str, Mapping[str, str]]
    recommendation_source: tuple[Cite, ...] = ()
    bibliography: Bibliography = field(default_factory=Bibliography)
    languages: tuple[str, ...] = LANGUAGES
    docs: DocsTree = field(default_factory=lambda: DocsTree())
    unreadable: frozenset[str] = frozenset()  # sources that could not be read or parsed (already reported)
    review_kinds: tuple[ReviewKind, ...] = ()
    _by_folder: Mapping[str, Module] = field(default_factory=dict, repr=False)
    _by_id: Mapping[str, Module] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "quizzes", MappingProxyType(dict(self.quizzes)))
        object.__setattr__(self, "_by_folder", MappingProxyType({m.folder: m for m in self.modules}))
        # A module is named by its id; its folder may be nested (modules/part-1/<id>/). First one wins.
        object.__setattr__(self, "_by_id", MappingProxyType({m.id: m for m in reversed(self.modules)}))

    def module(self, module_id: str) -> Module | None:
        return self._by_id.get(module_id)

    def module_for_page(self, src_uri: str) -> Module | None:
        """The module whose page ``src_uri`` (``<id>/index[.<lang>].md``) is, if any."""
        folder, _, name = src_uri.replace("\\", "/").rpartition("/")
        if name.split(".")[0] != "index":
            return None
        return self._by_folder.get(folder)

    def unknown_because_unreadable(self, kind: str, ident: str = "") -> bool:
        """Whether a ``kind`` (``quiz``, ``module``, ``track``, ``reference``) named ``ident`` may exist in a
        source that could not be read: then a check says nothing about it (the read error is the one message).
        Without ``ident``: whether any source of that kind is unreadable (e.g. before saying "used by no module")."""
        for path in self.unreadable:
            folder, _, name = path.rpartition("/")
            stem = name.rsplit(".", 1)[0]
            if kind == "quiz" and folder == "quizzes" and (not ident or stem == ident):
                return True
            if kind == "module" and name in ("module.yml", "module.yaml") and (
                    not ident or folder.rpartition("/")[2] == ident):
                return True
            if kind == "track" and folder == "tracks" and (not ident or stem == ident):
                return True
            if kind == "reference" and folder == "bibliography":
                return True
        return False

    def quiz_for(self, module: Module) -> Quiz | None:
        return self.quizzes.get(module.quiz_id)

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def string(self, lang: str, key: str) -> str:
        """An interface string; the key itself if it is not a required one and the locale lacks it.

        A required string (:data:`REQUIRED_STRINGS`) missing from ``lang`` was reported as CUR304; it
        comes from another language rather than printing its key, and missing everywhere it raises.
        """
        value = self.locales.get(lang, {}).get(key)
        if value is not None:
            return value
        if key not in REQUIRED_STRINGS:
            return key
        for other in self.languages:
            if (value := self.locales.get(other, {}).get(key)) is not None:
                return value
        raise KeyError(f"interface string `{key}` is missing from every locale file (CUR304)")

    def track_minutes(self, track: Track) -> tuple[int, int]:
        """(instructional minutes, break minutes) of a track, computed from its modules."""
        teach = sum(m.duration_minutes for i in track.agenda if (m := self.module(i.module_id or "")))
        rest = sum(i.break_minutes for i in track.agenda)
        return teach, rest
