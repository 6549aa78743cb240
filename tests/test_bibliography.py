"""One bibliography, cited by key (issue 11, items 1 and 2): the registry, citations, formatting and checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curriculum import bibliography, render
from curriculum.diagnostics import Diagnostic
from curriculum.loader import load_catalog
from tests.conftest import build

ROOT = Path(__file__).resolve().parent.parent
Q, M, B, G = "quizzes/alpha.yml", "modules/alpha/module.yml", "bibliography/sources.yml", "glossary/terms.yml"
PAGE_EN = "modules/alpha/index.en.md"

ARTICLE = """\
  - key: walters-davis-2011
    type: article
    lang: en
    author: Walters, J. & Davis, P. H.
    date: 2011
    title: Human Trafficking, Sex Tourism, and Child Exploitation on the Southern Border
    venue:
      en: "Journal of Applied Research on Children: Informing Policy for Children at Risk 2(1), art. 6"
      es: "Journal of Applied Research on Children: Informing Policy for Children at Risk 2(1), art. 6"
    short: Walters & Davis 2011
    url: https://digitalcommons.library.tmc.edu/childrenatrisk/vol2/iss1/6/
    checked: 2026-11-01
"""


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_entry(root: Path, entry: str) -> None:
    path = root / B
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


def found(root: Path, code: str) -> list[Diagnostic]:
    _, diags = load_catalog(root)
    return [d for d in diags if d.code == code]


def test_sample_project_cites_by_key_and_is_clean(project: Path) -> None:
    catalog, diags = load_catalog(project)
    assert not list(diags), [d.render() for d in diags]
    module = catalog.modules[0]
    assert [(c.key, c.at.en if c.at else None) for c in module.sources] == [("palermo", "art. 3")]
    ref = catalog.bibliography.get("palermo")
    assert ref is not None and ref.type == "treaty" and ref.loc.path == B and ref.loc.line == 2


# -- the citation syntax ------------------------------------------------------------------------------------


def test_one_string_many_citations_and_the_list_form(project: Path) -> None:
    add_entry(project, ARTICLE)
    edit(project, Q, '    source: "@palermo, art. 3(c)"\n',
         '    source:\n      - "@palermo (c)"\n      - cite: walters-davis-2011\n'
         '        at: {en: "p. 5 and note 3", es: "p. 5 y nota 3"}\n')
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @walters-davis-2011"')
    catalog, diags = load_catalog(project)
    assert not list(diags), [d.render() for d in diags]
    q = next(q for q in catalog.quizzes["alpha"].questions if q.id == "child-means")
    assert [(c.key, c.at and c.at.es) for c in q.source] == [
        ("palermo", "(c)"), ("walters-davis-2011", "p. 5 y nota 3")]
    assert bibliography.cite_label(catalog, q.source[0], "es") == "Protocolo de Palermo(c)"
    assert bibliography.cite_label(catalog, q.source[1], "en") == "Walters & Davis 2011, p. 5 and note 3"
    assert [c.key for c in catalog.modules[0].sources] == ["palermo", "walters-davis-2011"]


def test_an_english_pinpoint_written_once_is_not_neutral(project: Path) -> None:
    edit(project, Q, '"@palermo, art. 3(c)"', '"@palermo, arts. 3 and 5"')
    hits = found(project, "CUR308")
    assert [(d.path, d.line) for d in hits] == [(Q, 68)] and "`@palermo`" in hits[0].message


def test_a_semicolon_inside_parentheses_belongs_to_the_pinpoint(project: Path) -> None:
    edit(project, Q, '"@palermo, art. 3(c)"', "{cite: palermo, at: {en: \"(see a; b)\", es: \"(véase a; b)\"}}")
    edit(project, G, '"@palermo, art. 3(a)"', '"@palermo (dates to be confirmed; SRE)"')
    catalog, diags = load_catalog(project)
    assert [c.at.en for c in catalog.terms[0].source if c.at] == ["(dates to be confirmed; SRE)"]
    assert not list(diags), [d.render() for d in diags]


def test_a_malformed_citation_is_reported(project: Path) -> None:
    edit(project, Q, '"@palermo, art. 3(c)"', '"@palermo, art. 3(c); @Bad Key"')
    hits = [d for d in found(project, "CUR104") if "is not a citation" in d.message]
    assert [(d.path, d.line) for d in hits] == [(Q, 68)]


# -- the checks, each with its failing fixture -------------------------------------------------------------


def test_unknown_key_cur801(project: Path) -> None:
    edit(project, G, '"@palermo, art. 3(a)"', '"@palerm, art. 3(a)"')
    hits = found(project, "CUR801")
    assert [(d.path, d.line) for d in hits] == [(G, 5)]
    assert "glossary term `trafficking`" in hits[0].message and "`@palermo`" in hits[0].help


def test_unknown_key_in_a_page_cur801(project: Path) -> None:
    edit(project, PAGE_EN, "Sort the cases.", "Sort the cases [@unknown-report, p. 4].")
    hits = found(project, "CUR801")
    assert [(d.path, d.line, d.col) for d in hits] == [(PAGE_EN, 11, 16)]


def test_unused_entry_is_a_warning_cur802(project: Path) -> None:
    add_entry(project, ARTICLE)
    hits = found(project, "CUR802")
    assert [(d.path, d.line) for d in hits] == [(B, 14)] and hits[0].severity == "warning"
    edit(project, PAGE_EN, "Sort the cases.", "Sort the cases [@walters-davis-2011, p. 4].")
    assert not found(project, "CUR802")  # a page's inline citation is a use


@pytest.mark.parametrize(("kind", "drop", "missing"), [
    ("statute", "    url: https://digitalcommons.library.tmc.edu/childrenatrisk/vol2/iss1/6/\n", "url"),
    ("article", "    venue:\n", "venue"),
    ("article", "    date: 2011\n", "date"),
    ("case", "    venue:\n", "venue"),
])
def test_entry_missing_what_its_type_requires_cur803(project: Path, kind: str, drop: str, missing: str) -> None:
    entry = ARTICLE.replace("type: article", f"type: {kind}")
    entry = re.sub(r"    venue:\n(      .*\n)+", "", entry) if drop == "    venue:\n" else entry.replace(drop, "")
    add_entry(project, entry)
    hits = found(project, "CUR803")
    assert [(d.path, d.line) for d in hits] == [(B, 14)], hits
    assert missing in hits[0].message and hits[0].help


def test_entry_without_checked_date_is_incomplete(project: Path) -> None:
    edit(project, B, "    checked: 2026-11-01\n", "")
    hits = found(project, "CUR103")
    assert [(d.path, d.line) for d in hits] == [(B, 2)] and "`checked`" in hits[0].message


@pytest.mark.parametrize(("change", "words"), [
    (lambda e: e.replace("walters-davis-2011", "palermo"), "stated twice"),
    (lambda e: e.replace("https://digitalcommons.library.tmc.edu/childrenatrisk/vol2/iss1/6/",
                         "https://www.ohchr.org/en/instruments-mechanisms/instruments/"
                         "protocol-prevent-suppress-and-punish-trafficking-persons/"), "same address as `palermo`"),
])
def test_duplicate_entries_cur804(project: Path, change: object, words: str) -> None:
    add_entry(project, change(ARTICLE))  # type: ignore[operator]
    hits = found(project, "CUR804")
    assert len(hits) == 1 and words in hits[0].message and hits[0].path == B, hits


def test_same_title_venue_and_date_is_a_duplicate_cur804(project: Path) -> None:
    add_entry(project, ARTICLE + ARTICLE.replace("key: walters-davis-2011", "key: walters-2011")
              .replace("/6/", "/6"))
    hits = found(project, "CUR804")
    assert len(hits) == 1 and "`walters-2011` has the same address" in hits[0].message


def test_citation_by_hand_names_the_key_cur805(project: Path) -> None:
    edit(project, Q, '    source: "@palermo, art. 3(c)"\n',
         "    source:\n      en: Palermo Protocol, art. 3(c)\n      es: Protocolo de Palermo, art. 3(c)\n")
    hits = found(project, "CUR805")
    assert [(d.path, d.line) for d in hits] == [(Q, 69)]
    assert "by hand" in hits[0].message and "`@palermo`" in hits[0].help


def test_citation_by_hand_without_an_entry_cur805(project: Path) -> None:
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3"\n  - Some report nobody registered (2009)')
    hits = found(project, "CUR805")
    assert [(d.path, d.line) for d in hits] == [(M, 32)] and B in hits[0].help


@pytest.mark.parametrize(("rel", "old", "new"), [
    (PAGE_EN, "Sort the cases.", "Sort the cases (seed 001_1fc763367e951b33.txt)."),
    (PAGE_EN, "Sort the cases.", "Sort the cases (see ../shared/seeds/)."),
    ("modules/alpha/index.es.md", "Clasifiquen los casos.", "Clasifiquen los casos (semilla 003)."),
    (Q, "Transport is an act, not a purpose.", "Transport is an act (002_3acaaea005f510d9.txt)."),
    ("locales/es.yml", "sources: Fuentes", "sources: Fuentes (semillas)"),
    (B, "checked: 2026-11-01", "note: see 001_1fc763367e951b33.txt\n    checked: 2026-11-01"),
])
def test_repository_file_names_fail_the_build_cur806(project: Path, rel: str, old: str, new: str) -> None:
    edit(project, rel, old, new)
    hits = found(project, "CUR806")
    assert hits and {d.path for d in hits} == {rel} and hits[0].severity == "error", hits


def test_file_names_in_comments_and_ids_are_not_reader_facing(project: Path) -> None:
    edit(project, PAGE_EN, "Sort the cases.", "Sort the cases.\n\n<!-- from seed 001_1fc763367e951b33.txt -->")
    edit(project, Q, "id: alpha\n", "# drafted from seed 001_1fc763367e951b33.txt\nid: alpha\n")
    edit(project, Q, "  - id: purposes", "  - id: seed-purposes")  # a stable id: renaming it loses saved progress
    assert not found(project, "CUR806")


# -- formatting -------------------------------------------------------------------------------------------


def test_reference_formatting_in_both_languages(project: Path) -> None:
    add_entry(project, ARTICLE.replace("date: 2011", "date: 2023-07"))
    catalog, _ = load_catalog(project)
    ref = catalog.bibliography.get("walters-davis-2011")
    assert ref is not None
    assert bibliography.reference_text(catalog, ref, "en") == (
        "Walters, J. & Davis, P. H. (July 2023). “Human Trafficking, Sex Tourism, and Child Exploitation on the "
        "Southern Border”. Journal of Applied Research on Children: Informing Policy for Children at Risk 2(1), "
        "art. 6. <https://digitalcommons.library.tmc.edu/childrenatrisk/vol2/iss1/6/>")
    assert "(julio de 2023)" in bibliography.reference_text(catalog, ref, "es")
    treaty = bibliography.reference_text(catalog, catalog.bibliography.get("palermo"), "es")  # type: ignore[arg-type]
    assert treaty.startswith("Asamblea General de las Naciones Unidas (15 de noviembre de 2000). Protocolo para")


def test_unknown_author_and_circa_dates(project: Path) -> None:
    add_entry(project, "  - key: brief\n    type: report\n    author: unknown\n    date: c. 2004\n"
                       "    title: Policy brief\n    checked: 2026-11-01\n")
    catalog, _ = load_catalog(project)
    ref = catalog.bibliography.get("brief")
    assert ref is not None
    assert bibliography.reference_text(catalog, ref, "en") == "Author not identified (c. 2004). Policy brief."
    assert bibliography.reference_text(catalog, ref, "es") == "Autoría no identificada (ca. 2004). Policy brief."


def test_exports_print_the_same_citation_with_its_address(project: Path) -> None:
    catalog, _ = load_catalog(project)
    q = catalog.quizzes["alpha"].questions[0]
    assert bibliography.cite_text(catalog, q.source, "es") == (
        "Protocolo de Palermo, art. 3(a) <https://www.ohchr.org/en/instruments-mechanisms/instruments/"
        "protocol-prevent-suppress-and-punish-trafficking-persons>")
    assert bibliography.as_written(q.source).en == "@palermo, art. 3(a)"


def test_generated_bibliography_page_in_both_languages(project: Path) -> None:
    catalog, _ = load_catalog(project)
    en = render.expand_generated(catalog, "<!-- curriculum:bibliography -->", "en", "../")
    es = render.expand_generated(catalog, "<!-- curriculum:bibliography -->", "es", "../")
    assert "## Laws, regulations and treaties {#bib-law}" in en and '<li id="ref-palermo">' in en
    assert "## Leyes, reglamentos y tratados {#bib-law}" in es and "última consulta:" in es
    assert "<cite>Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas" in es


def test_inline_citations_link_to_the_bibliography(project: Path) -> None:
    catalog, _ = load_catalog(project)
    out = render.expand_generated(catalog, "As defined [@palermo, art. 3(a)]; `[@palermo]` stays code.", "es", "../")
    assert out == ("As defined ([Protocolo de Palermo, art. 3(a)](../reference/bibliography.md#ref-palermo)); "
                   "`[@palermo]` stays code.")


# -- the built site ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_built_pages_end_with_references_in_the_readers_language(project: Path) -> None:
    edit(project, PAGE_EN, "Sort the cases.", "Sort the cases [@palermo, art. 3(b)].")
    site = project.parent / "site"
    result = build(project, "learner", site)
    assert result.returncode == 0, result.stderr[-3000:]
    en = (site / "alpha/index.html").read_text(encoding="utf-8")
    es = (site / "es/alpha/index.html").read_text(encoding="utf-8")
    for html, heading, title in ((en, "Sources", "Protocol to Prevent"), (es, "Fuentes", "Protocolo para Prevenir")):
        refs = html[html.index('<h2 id="sources"'):]
        assert heading in refs[:200] and '<li id="source-palermo">' in refs and title in refs
        assert 'href="https://www.ohchr.org/en/instruments-mechanisms/instruments/' in refs
        assert html.index('<h2 id="sources"') > html.index('id="quiz"')  # the page ends with its references
    assert '<a href="#source-palermo">Protocolo de Palermo, art. 3(a)</a>' in es
    assert 'href="../reference/bibliography.html#ref-palermo">Palermo Protocol, art. 3(b)</a>' in en
    bib_en = (site / "reference/bibliography.html").read_text(encoding="utf-8")
    bib_es = (site / "es/reference/bibliography.html").read_text(encoding="utf-8")
    assert 'id="ref-palermo"' in bib_en and "last checked" in bib_en
    assert 'id="ref-palermo"' in bib_es and "última consulta" in bib_es and "Leyes, reglamentos y tratados" in bib_es
    glossary = (site / "es/reference/glossary.html").read_text(encoding="utf-8")
    assert 'href="../reference/bibliography.html#ref-palermo">Protocolo de Palermo, art. 3(a)</a>' in glossary


# -- the real repository -----------------------------------------------------------------------------------


def test_the_repository_cites_every_source_by_key() -> None:
    catalog, diags = load_catalog(ROOT)
    problems = [d.render() for d in diags if d.code.startswith("CUR8") and d.severity == "error"]
    assert not problems, "\n".join(problems[:40])
    assert catalog.bibliography.get("walters-davis-2011") is not None
    assert all(c.key for m in catalog.modules for c in m.sources)
