"""Link integrity: the CUR307 check on sources, and every internal href/src/#fragment of the built site.

The source check (``curriculum/links.py``) is what fails the build with a file and a line; the built-site
scan is the ground truth it is measured against: every link in the HTML MkDocs, Material, static-i18n and
the generator wrote, in both languages and both editions, must land on a file and, for a ``#fragment``,
on an element id of that file.
"""

from __future__ import annotations

import posixpath
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from curriculum import links
from curriculum.loader import load_catalog
from tests.conftest import build

EN, ES = "modules/alpha/index.en.md", "modules/alpha/index.es.md"

# Links an author may write that must all resolve: pages in the same and other folders, folders, generated
# anchors (module, glossary, policy, track), heading slugs (accents, duplicates, inline markup), explicit ids,
# raw-HTML ids, footnotes, images and files, and a facilitator-only anchor linked from inside the notes.
GOOD_EN = """
## Links that work {#links-ok}

See [home](../index.md), [home again](../index.md#home), [the track](../tracks/basic.md#agenda),
[progress](../tracks/basic.md#progress), [the glossary](../reference/glossary.md#term-trafficking),
[avoid](../reference/glossary.md#avoid), [policy](../reference/policy.md#recommendation-1),
[objective](#objective-know-act), [quiz](#quiz), [question](#q-alpha--which-act), [sources](#sources),
[source](#source-palermo), [title](#alpha-module), [the exercise](#ex-sort), [lesson](#the-lesson),
[key points](index.md#key-points), [folder](../), [policy title](../reference/policy.md#policy),
[dup 1](#repeated), [dup 2](#repeated_1), [styled](#bold-code-and-a-link),
[raw](#raw-id), [block](#para-id), <a href="#ex-sort">html link</a>, [ref link][glossary].
![logo](../assets/logo.png) and [a file](../assets/handout.pdf).

[glossary]: ../reference/glossary.md#term-trafficking

## Repeated

## Repeated

## **Bold** `code` and [a link](../index.md)

<div id="raw-id">raw</div>

A paragraph with an id.
{: #para-id }

```markdown
[not a link](nowhere.md#nothing) inside a code block
```

And `[not a link](nowhere.md)` inside code.

<!-- [commented out](nowhere.md) -->
"""

GOOD_ES = """
## Enlaces que funcionan {#links-ok}

Ver [la lección](#la-leccion), [el glosario](../reference/glossary.md#term-trafficking),
[la política](../reference/policy.md#recommendation-1), [el ejercicio](#ex-sort), [¿qué?](#que-es-esto).

## ¿Qué es esto?
"""

FACILITATOR_LINK = "\n\nSee also [the notes](#facilitator-notes) and [timing](#timing).\n\n### Timing\n\nTen.\n"


@pytest.fixture
def linked(project: Path) -> Path:
    (project / "modules/assets").mkdir(exist_ok=True)
    (project / "modules/assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (project / "modules/assets/handout.pdf").write_bytes(b"%PDF-1.4\n")
    for rel, extra in ((EN, GOOD_EN), (ES, GOOD_ES)):
        page = project / rel
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("<!-- facilitator -->", extra + "\n<!-- facilitator -->"), encoding="utf-8")
    notes = project / EN  # a link inside the notes may point into the notes
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("FACILITATOR-SECRET-EN: give 20 minutes.",
                                  "FACILITATOR-SECRET-EN: give 20 minutes." + FACILITATOR_LINK), encoding="utf-8")
    return project


def link_diags(project: Path) -> list:
    _, diags = load_catalog(project)
    return [d for d in diags if d.code == "CUR307"]


def test_every_kind_of_good_link_resolves(linked: Path) -> None:
    _, diags = load_catalog(linked)
    assert [d.render() for d in diags] == []


def add(project: Path, rel: str, text: str) -> int:
    """Append ``text`` to a page (before the facilitator notes); return the line it starts on."""
    page = project / rel
    old = page.read_text(encoding="utf-8")
    head, marker, tail = old.partition("<!-- facilitator -->")
    page.write_text(head + text + "\n\n" + marker + tail, encoding="utf-8")
    return head.count("\n") + 1


@pytest.mark.parametrize(("rel", "text", "col", "words"), [
    (EN, "A [missing page](../nowhere.md).", 18, "no page nowhere.en.md"),
    (EN, "A [missing anchor](../reference/glossary.md#term-nothing).", 20, "no anchor `#term-nothing`"),
    (EN, "A [typo](#the-leson).", 10, "did you mean `#the-lesson`"),
    (ES, "Un [ancla inglesa](#the-lesson).", 20, "no anchor `#the-lesson` in alpha/index.es.md"),
    (EN, "Read [the notes](#facilitator-notes).", 18, "inside facilitator notes"),
    (EN, "An [absolute](/reference/policy.html).", 15, "absolute path"),
    (EN, "[Out](../../README.md)", 7, "outside the docs folder"),
    (EN, "![img](missing.png)", 8, "no file alpha/missing.png"),
    (EN, '<a href="../reference/policy.md#recommendation-9">x</a>', 10, "no anchor `#recommendation-9`"),
    (EN, "[ref][r]\n\n[r]: ../tracks/basic.md#agendaa", 6, "did you mean `#agenda`"),
    (EN, "[folder](../tracks/)", 10, "no page tracks/index.en.md"),
    (EN, "[built name](../reference/policy.html)", 14, "`../reference/policy.md`"),
])
def test_broken_link_is_reported_at_its_target(project: Path, rel: str, text: str, col: int, words: str) -> None:
    line = add(project, rel, text)
    if text.startswith("[ref]"):
        line += 2
    found = link_diags(project)
    assert found, "no CUR307"
    assert any(d.path == rel and d.line == line and d.col == col and words in d.message + d.help
               for d in found), "\n".join(d.render() for d in found)


def test_page_only_in_one_language_is_named(project: Path) -> None:
    (project / "modules/reference/extra.en.md").write_text("# Extra\n", encoding="utf-8")
    add(project, ES, "[extra](../reference/extra.md)")
    [d] = link_diags(project)
    assert d.path == ES and "exists in en but not in es" in d.message


def test_slugify_matches_python_markdown() -> None:
    from markdown.extensions.toc import slugify

    for text in ("¿Qué es esto?", "Joint exercise: Sorting cases", "18 U.S.C. § 1591 — the law", "snake_case  x",
                 "Niñas, niños y adolescentes", "Ley General (LGPSEDMTP)", "ÆØÅ ß ﬁ", "a--b", "  "):
        assert links.slugify(text) == slugify(text, "-"), text


@pytest.mark.slow
def test_build_fails_on_broken_anchor_with_file_and_line(project: Path) -> None:
    line = add(project, ES, "Ver [el glosario](../reference/glossary.md#term-no-existe).")
    result = build(project, site=project / "site")
    assert result.returncode == 1
    assert f"{ES}:{line}:19: CUR307" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# -- the built site ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"] or "")
        for attr in ("href", "src"):
            value = a.get(attr)
            if value is not None and not (tag == "link" and attr == "href" and "alternate" in (a.get("rel") or "")
                                          and value.startswith("http")):
                self.refs.append((tag, value))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def site_path(site: Path) -> str:
    """The path of ``site_url`` (e.g. ``/sample/``), read back from the sitemap."""
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return posixpath.commonpath([urlsplit(loc).path for loc in locs]).rstrip("/") + "/"


def unresolved(site: Path) -> list[str]:
    """Every internal href/src or #fragment in the site's HTML that lands on no file or no element id.

    Pages link page-relative (they must work from file://). The exception is a ``404.html`` (one per
    language): a web server shows it at any depth, so its links are absolute under the ``site_url`` path.
    """
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in site.rglob("*.html")}
    base = site_path(site)
    bad = []
    for rel, page in pages.items():
        for tag, ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue  # external: tests/test_supply_chain.py decides what may be there
            path = unquote(parts.path)
            here = posixpath.dirname(rel)
            if posixpath.basename(rel) == "404.html" and path.startswith(base):
                path, here = path[len(base):] or "index.html", ""  # absolute: from the site root
            target = rel if not parts.path else posixpath.normpath(posixpath.join(here, path))
            if parts.path.endswith("/"):
                target = posixpath.join(target, "index.html")
            if target.startswith("../") or not (site / target).is_file():
                bad.append(f"{rel}: <{tag}> {ref} -> no file {target}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.endswith(".html") and fragment not in pages[target].ids:
                bad.append(f"{rel}: <{tag}> {ref} -> no id #{fragment} in {target}")
    return bad


@pytest.mark.slow
def test_every_internal_link_of_the_built_sample_resolves(built: dict[str, Path]) -> None:
    for edition, site in built.items():
        assert (site / "es/index.html").is_file()
        assert unresolved(site) == [], edition


@pytest.mark.slow
def test_every_link_an_author_can_write_resolves_in_the_built_site(linked: Path, tmp_path: Path) -> None:
    """The source check's anchors are the ones MkDocs writes: its green light means a working site."""
    for edition in ("learner", "facilitator"):
        site = tmp_path / edition
        result = build(linked, edition, site)
        assert result.returncode == 0, result.stderr
        assert unresolved(site) == [], edition
        assert 'href="#repeated_1"' in (site / "alpha/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_predicted_anchors_exist_in_the_built_pages(built: dict[str, Path], tmp_path: Path) -> None:
    """Every id the source check believes in (except raw lenient extras) is an id in the built page."""
    from tests.sample_project import write_project

    root = write_project(tmp_path / "p")
    catalog, _ = load_catalog(root)
    for edition, site in built.items():
        for src in sorted((root / "modules").rglob("*.md")):
            rel = src.relative_to(root / "modules").as_posix()
            stem, lang = rel.rsplit(".", 2)[0], rel.rsplit(".", 2)[1]
            out = site / (f"{stem}.html" if lang == "en" else f"es/{stem}.html")
            ids = _parse(out).ids
            predicted = links.page_anchors(catalog, src.read_text(encoding="utf-8"), lang, edition == "facilitator",
                                           catalog.module_for_page(rel))
            missing = predicted - ids
            assert not missing, (edition, rel, missing)  # e.g. an empty bibliography section is no anchor


HOSTILE_PAGES = {
    "braces": "{ " * 100_000, "heading-braces": "## " + "{" * 100_000, "comments": "<!--" * 50_000,
    "brackets": "[" * 200_000, "tags": "<a " * 60_000,
    "backticks": "".join("`" * (i % 50 + 1) + "a" for i in range(20_000)),
    "equal-headings": "## a\n" * 50_000, "setext": "a\n---\n" * 40_000,
}


@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_hostile_page_is_scanned(project: Path, name: str) -> None:
    """Each of these took from minutes to hours with naive regexes or suffix search (found while fuzzing).

    The default run proves they finish (a regression would stall the suite); the budget is the perf test below.
    """
    catalog, _ = load_catalog(project)
    assert isinstance(links.targets(HOSTILE_PAGES[name]), list)
    assert isinstance(links.page_anchors(catalog, HOSTILE_PAGES[name], "en", False), set)


@pytest.mark.perf
@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_hostile_page_costs_linear_time(project: Path, name: str) -> None:
    catalog, _ = load_catalog(project)
    start = time.process_time()
    links.targets(HOSTILE_PAGES[name])
    links.page_anchors(catalog, HOSTILE_PAGES[name], "en", False)
    assert time.process_time() - start < 1.0


def test_duplicate_heading_ids_match_python_markdown() -> None:
    from markdown.extensions.toc import unique

    seq = ["a", "a_1", "a", "a_3", "a", "a", "a_2", "b_1", "b", "b", "", ""]
    ours, theirs = (set(), {}), (set(), {})
    assert [links._unique(x, *ours) for x in seq] == [unique(x, *theirs) for x in seq]
