"""Cross-file checks over a loaded catalog: references, pages, coverage, terminology."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator

from curriculum import links, markers, pagesafety, typography
from curriculum.diagnostics import Diagnostics
from curriculum.export import checks as export_checks
from curriculum.model import SELF_CARE_PAGE, Catalog, Loc, Module
from curriculum.render import GENERATED
from curriculum.terminology import scan_markdown, scan_yaml
from curriculum.yamlsource import read_text

_FENCE = re.compile(r"^\s*(```|~~~)")


def run_all(catalog: Catalog, diags: Diagnostics) -> None:
    """Run every cross-file check, appending to ``diags``."""
    _quiz_references(catalog, diags)
    _objectives(catalog, diags)
    _recommendations(catalog, diags)
    _tracks(catalog, diags)
    _content_notes(catalog, diags)
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
            if catalog.unknown_because_unreadable("quiz", m.quiz_id) or any(
                    (catalog.root / "quizzes" / f"{m.quiz_id}{ext}").is_file() for ext in (".yml", ".yaml")):
                continue  # the quiz file exists and has its own errors; "does not exist" would be false
            _add(diags, m.at("quiz"), "CUR202", f"module `{m.id}` names quiz `{m.quiz_id}`, "
                 f"but quizzes/{m.quiz_id}.yml does not exist")
        elif m.quiz_id and users[m.quiz_id] > 1:
            _add(diags, m.at("quiz"), "CUR207", f"quiz `{m.quiz_id}` is also used by another module")
    for quiz in catalog.quizzes.values():
        if quiz.id not in users and not catalog.unknown_because_unreadable("module"):
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
            if catalog.unknown_because_unreadable("module"):
                break  # a module that could not be read may serve it
            _add(diags, rec.loc, "CUR701", f"policy recommendation {rec.number} is served by no module",
                 f"add {rec.number} to `recommendations` of the modules that teach it")


def _tracks(catalog: Catalog, diags: Diagnostics) -> None:
    seen: dict[str, Loc] = {}
    for track in catalog.tracks:
        if track.id in seen:
            _add(diags, track.loc, "CUR201", f"duplicate track id `{track.id}`")
        seen[track.id] = track.loc
        for item in track.agenda:
            if item.module_id and catalog.module(item.module_id) is None and not \
                    catalog.unknown_because_unreadable("module", item.module_id):
                _add(diags, item.loc, "CUR208", f"track `{track.id}` names module `{item.module_id}`, "
                     "which does not exist")


def _content_notes(catalog: Catalog, diags: Diagnostics) -> None:
    """Every content note links to the self-care page: it must exist in each language."""
    noted = [(m, m.content_note) for m in catalog.modules if m.content_note is not None]
    if not noted:
        return
    module, note = noted[0]
    for lang in catalog.languages:
        doc = f"{SELF_CARE_PAGE}.{lang}.md"
        if catalog.docs.page(doc) is None:
            _add(diags, note.loc, "CUR208", f"module `{module.id}` has a content note, which links to the self-care "
                 f"page, but {catalog.docs_dir}/{doc} does not exist",
                 f"write the self-care and vicarious-trauma page in every language ({SELF_CARE_PAGE}.<lang>.md)")


def _pages(catalog: Catalog, diags: Diagnostics) -> None:
    """Every page the site will publish is checked, whatever its name or folder (the docs tree lists them)."""
    modules = {m.page(lang): m for m in catalog.modules for lang in catalog.languages}
    for m in catalog.modules:
        for lang in catalog.languages:
            if catalog.docs.page(m.page(lang)) is None:
                _add(diags, m.loc, "CUR302", f"module `{m.id}` has no {lang} page ({catalog.docs_dir}/{m.page(lang)})")
    for page in catalog.docs.pages:
        if page.text is not None:
            check_page_text(catalog, page.text, page.rel, page.lang, diags, module=modules.get(page.doc))
    for doc in sorted(catalog.docs.assets):
        suffix = doc.rsplit(".", 1)[-1].lower()
        if suffix not in ("svg", "css"):
            continue
        rel = f"{catalog.docs_dir}/{doc}"
        text = read_text(catalog.root / rel, rel, diags)
        if text is not None:
            found = pagesafety.scan_svg(text) if suffix == "svg" else pagesafety.scan_css(text)
            _add_at_offsets(diags, rel, text, found)


_H1_ATX = re.compile(r"^ {0,3}#(?!#)")
# What opens a container whose content may hold a heading: a quotation's `>`, a list item's marker (its content is
# indented four columns, as Python-Markdown reads it), an admonition's or a collapsible block's first line.
_QUOTE_OR_ITEM = re.compile(r">[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ADMONITION = re.compile(r"(?:!!!|\?\?\?\+?)(?:[ \t]|$)")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_HTML_H1 = re.compile(r"<h1\b", re.I)
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
MAX_NESTING = 16  # list or quotation levels; Python-Markdown recurses per level and real lessons use three
_QUOTES = re.compile(r"^[ \t]*(?:>[ \t]*){%d,}" % (MAX_NESTING + 1))  # noqa: UP031 (a regex of braces)


def _add_at_offsets(diags: Diagnostics, rel: str, text: str, found: list[tuple[int, str, str]]) -> None:
    """Report ``(offset, code, message)`` problems at their line and column."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"] if found else []
    for offset, code, message in found:
        line = bisect.bisect_right(starts, offset)
        diags.add(rel, line, offset - starts[line - 1] + 1, code, message)


def check_page_text(catalog: Catalog, text: str, rel: str, lang: str, diags: Diagnostics,
                    module: Module | None = None) -> None:
    """Checks of one Markdown page: markers, script and remote resources, size, generated markers, terminology,
    quotation marks; for a module page also its title and exercise anchors."""
    for line, code, problem in markers.problems(text, known=GENERATED):
        diags.add(rel, line, 1, code, problem)
    _add_at_offsets(diags, rel, text, pagesafety.scan_markdown(text))
    _nesting(text, rel, diags)
    _generated_markers(catalog, text, rel, diags)
    if module is not None:
        _module_page(text, rel, module, diags)
    for d in scan_markdown(text, rel, lang, catalog.avoid):
        diags.extend([d])
    for line, col, problem in typography.scan_markdown(text, lang):
        diags.add(rel, line, col, typography.CODE, problem, typography.help_for(lang))


def _nesting(text: str, rel: str, diags: Diagnostics) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        m = _LIST_ITEM.match(line)
        depth = len(m.group(1).expandtabs(4)) // 2 if m else 0
        if depth > 2 * MAX_NESTING or _QUOTES.match(line):
            diags.add(rel, number, 1, "CUR005", f"lists or quotations are nested more than {MAX_NESTING} levels deep",
                      "flatten the list; a lesson rarely needs more than three levels")
            return


def _generated_markers(catalog: Catalog, text: str, rel: str, diags: Diagnostics) -> None:
    """``<!-- curriculum:… -->`` markers: a named track must exist; a glossary or track appears once."""
    seen: dict[str, int] = {}
    for m in GENERATED.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        kind, arg = m.group(1), m.group(2)
        if kind == "track" and (arg is None or catalog.track(arg) is None) and not (arg and (
                catalog.unknown_because_unreadable("track", arg) or any(
                    (catalog.root / "tracks" / f"{arg}{ext}").is_file() for ext in (".yml", ".yaml")))):
            known = ", ".join(t.id for t in catalog.tracks) or "none"
            diags.add(rel, line, 1, "CUR208", f"marker `{m.group(0)}` names no track in tracks/",
                      f"tracks: {known}")
        if kind in ("glossary", "track"):
            if kind in seen:
                diags.add(rel, line, 1, "CUR104", f"`<!-- curriculum:{kind} -->` appears twice in this page (line "
                          f"{seen[kind]} has it): its ids would repeat")
            seen.setdefault(kind, line)


def _titles(text: str) -> Iterator[int]:
    """Line numbers of the H1 headings of a page: ``# …``, ``<h1>``, a ``===`` underline, also inside a
    quotation, a list item or an admonition (``> # …``, ``- # …``, ``!!! note`` then ``    # …``); never in code.

    One pass: the content columns of the open list items and admonitions are kept on a stack; a line indented
    four columns past its container's content is code, a line indented less closes the containers it leaves.
    """
    in_fence, previous = False, ""
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence, previous = not in_fence, ""
            continue
        if in_fence:
            continue
        if _HTML_H1.search(line):
            yield number
            continue
        rest = line.lstrip(" \t")
        if not rest:
            previous = ""
            continue
        column = len(line[: len(line) - len(rest)].expandtabs(4))
        while indents and column < indents[-1]:
            indents.pop()
        if column - (indents[-1] if indents else 0) >= 4:  # an indented code block
            previous = ""
            continue
        while (m := _QUOTE_OR_ITEM.match(rest)) is not None:
            if rest[0] != ">":
                indents.append(column + 4)
            column, rest = column + m.end(), rest[m.end():]
        if _ADMONITION.match(rest):
            indents.append(column + 4)
            previous = ""
            continue
        if _H1_ATX.match(rest) or (_SETEXT_H1.match(rest) and previous):
            yield number
        previous = rest.strip()


def _module_page(text: str, rel: str, module: Module, diags: Diagnostics) -> None:
    for number in _titles(text):
        diags.add(rel, number, 1, "CUR305", "module pages do not write their own H1 title",
                  "the title comes from module.yml; start sections at `##`")
    # an anchor inside facilitator notes or a comment does not exist on the learner page
    learner = markers.mask(text, markers.FACILITATOR)
    learner = pagesafety.blank_comments_and_code(learner)
    for ex in module.exercises:
        if not re.search(r"\{[^{}\n]{0,300}#" + re.escape(ex.id) + r"[\s}]", learner):
            diags.add(rel, 1, 1, "CUR303", f"exercise `{ex.id}` ({ex.loc.path}:{ex.loc.line}) has no heading "
                      f"with `{{#{ex.id}}}` in this page (outside facilitator notes and comments)")


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
