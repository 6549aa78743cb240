"""The language of a source's own texts (WCAG 2.1 SC 3.1.2, Language of Parts): `lang:` in the registry.

A title, author, venue or short form written once (one string) is in the source's language; the formatter
(curriculum.bibliography) marks it `<span lang="…">` on the other language's pages, the bibliography page,
module references, quiz and glossary sources, handbooks and quiz banks alike. A text written `{en, es}` is
in each language already.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum import bibliography, render
from curriculum.diagnostics import Diagnostic
from curriculum.export import gift, handbook
from curriculum.export.quizbank import general_feedback_html
from curriculum.export.text import plain
from curriculum.loader import load_catalog
from curriculum.model import Catalog

Q, M, B = "quizzes/alpha.yml", "modules/alpha/module.yml", "bibliography/sources.yml"

STATUTE = """\
  - key: usc-1591
    type: statute
    lang: en
    title: Sex trafficking of children or by force, fraud, or coercion
    short: 18 U.S.C. § 1591
    venue: United States Code, title 18
    url: https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section1591&num=0&edition=prelim
    checked: 2026-11-01
"""
LEY = """\
  - key: lgv
    type: statute
    lang: es
    title: Ley General de Víctimas
    short: LGV
    venue: DOF 09-01-2013
    url: https://www.diputados.gob.mx/LeyesBiblio/pdf/LGV.pdf
    checked: 2026-11-01
"""
EN_TITLE = "Sex trafficking of children or by force, fraud, or coercion"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_entries(root: Path, *entries: str) -> None:
    path = root / B
    path.write_text(path.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")


def found(root: Path, code: str) -> list[Diagnostic]:
    _, diags = load_catalog(root)
    return [d for d in diags if d.code == code]


def cited(project: Path) -> Catalog:
    """The sample project with an English and a Mexican statute, cited by the module and by a question."""
    add_entries(project, STATUTE, LEY)
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @usc-1591 (a); @lgv, art. 6"')
    edit(project, Q, 'source: "@palermo, art. 3(c)"', 'source: "@palermo, art. 3(c); @usc-1591 (a); @lgv, art. 6"')
    catalog, diags = load_catalog(project)
    assert not list(diags), [d.render() for d in diags]
    return catalog


# -- the registry ----------------------------------------------------------------------------------------------


def test_a_text_written_once_needs_its_language_cur803(project: Path) -> None:
    add_entries(project, STATUTE.replace("    lang: en\n", ""))
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @usc-1591"')
    hits = found(project, "CUR803")
    assert [(d.path, d.line, d.col) for d in hits] == [(B, 14, 5)], hits  # at the entry
    assert "`title`, `venue`, `short`" in hits[0].message and "language" in hits[0].message
    assert "lang: en" in hits[0].help and "{en: ..., es: ...}" in hits[0].help


def test_texts_written_in_both_languages_need_no_language(project: Path) -> None:
    add_entries(project, """\
  - key: both
    type: report
    author: unknown
    title: {en: A report, es: Un informe}
    date: 2020
    checked: 2026-11-01
""")  # `author: unknown` is the project's own words, not the source's
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @both"')
    catalog, diags = load_catalog(project)
    assert not list(diags), [d.render() for d in diags]
    ref = catalog.bibliography.get("both")
    assert ref is not None and ref.lang is None and ref.once == frozenset()
    assert catalog.bibliography.get("palermo").lang is None  # type: ignore[union-attr]


def test_an_unknown_language_cur104(project: Path) -> None:
    add_entries(project, STATUTE.replace("    lang: en\n", "    lang: english\n"))
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @usc-1591"')
    _, diags = load_catalog(project)
    assert [(d.code, d.line) for d in diags] == [("CUR104", 16)], [d.render() for d in diags]  # not CUR803 too
    assert "`lang` must be one of en, es" in next(iter(diags)).message


def test_the_entry_states_its_language_and_what_it_writes_once(project: Path) -> None:
    catalog = cited(project)
    ref = catalog.bibliography.get("usc-1591")
    assert ref is not None and ref.lang == "en" and ref.once == {"title", "short", "venue"}


# -- the formatter ---------------------------------------------------------------------------------------------


def test_spanish_page_marks_an_english_title_and_leaves_a_bilingual_one(project: Path) -> None:
    catalog = cited(project)
    usc, palermo = catalog.bibliography.get("usc-1591"), catalog.bibliography.get("palermo")
    assert usc is not None and palermo is not None
    es = render.reference_html(catalog, usc, "es")
    assert es.startswith(f'<cite><span lang="en">{EN_TITLE}</span></cite>. '
                         '<span lang="en">United States Code, title 18</span>. <a href=')
    assert "<span" not in render.reference_html(catalog, palermo, "es")
    assert "<span" not in render.reference_html(catalog, usc, "en")
    module = catalog.modules[0]
    sources = render.sources_block(catalog, module, "es")  # the module's references
    assert f'<li id="source-usc-1591"><cite><span lang="en">{EN_TITLE}</span></cite>' in sources
    page = render.expand_generated(catalog, "<!-- curriculum:bibliography -->", "es", "../")  # the bibliography
    assert f'<li id="ref-usc-1591"><cite><span lang="en">{EN_TITLE}</span></cite>' in page
    assert "<cite>Protocolo para Prevenir" in page
    quiz = render.quiz_block(catalog, catalog.quizzes["alpha"], "es")  # a question's sources
    assert '<a href="#source-usc-1591"><span lang="en">18 U.S.C. § 1591</span>(a)</a>' in quiz
    assert '<a href="#source-lgv">LGV, art. 6</a>' in quiz and '<a href="#source-palermo">Protocolo de Palermo' in quiz


def test_english_page_marks_a_spanish_title_the_same_way_round(project: Path) -> None:
    catalog = cited(project)
    lgv = catalog.bibliography.get("lgv")
    assert lgv is not None
    assert render.reference_html(catalog, lgv, "en").startswith(
        '<cite><span lang="es">Ley General de Víctimas</span></cite>. <span lang="es">DOF 09-01-2013</span>. ')
    assert "<span" not in render.reference_html(catalog, lgv, "es")
    assert bibliography.cite_label(catalog, catalog.modules[0].sources[2], "en") == '<span lang="es">LGV</span>, art. 6'
    page = render.expand_generated(catalog, "<!-- curriculum:bibliography -->", "en", "../")
    assert '<cite><span lang="es">Ley General de Víctimas</span></cite>' in page
    assert "<cite>Protocol to Prevent" in page


def test_inline_citations_keep_the_language_as_markup(project: Path) -> None:
    catalog = cited(project)
    md = render.inline_citations(catalog, "See [@usc-1591 (b); @lgv, art. 6].", "es", "../")
    assert md == ('See ([<span lang="en">18 U.S.C. § 1591</span>(b)](../reference/bibliography.md#ref-usc-1591); '
                  "[LGV, art. 6](../reference/bibliography.md#ref-lgv)).")


def test_a_text_that_carries_a_span_is_not_wrapped_again() -> None:
    assert bibliography.in_language('<span lang="es">Ley General</span>', "es", "en") == (
        '<span lang="es">Ley General</span>')
    assert bibliography.in_language('Ley <span lang="en">AMBER</span> de México', "es", "en") == (
        '<span lang="es">Ley</span> <span lang="en">AMBER</span> <span lang="es">de México</span>')
    assert bibliography.in_language("Ley", "es", "es") == "Ley"
    assert bibliography.in_language("Ley", None, "en") == "Ley"


def test_a_marked_author_keeps_one_full_stop(project: Path) -> None:
    add_entries(project, """\
  - key: davis
    type: other
    lang: en
    author: Davis, P. H.
    title: {en: A report, es: Un informe}
    checked: 2026-11-01
""")
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @davis"')
    catalog, diags = load_catalog(project)
    assert not list(diags), [d.render() for d in diags]
    ref = catalog.bibliography.get("davis")
    assert ref is not None
    assert bibliography.reference_text(catalog, ref, "es") == '<span lang="en">Davis, P. H.</span> “Un informe”.'
    assert bibliography.reference_text(catalog, ref, "en") == "Davis, P. H. “A report”."


def test_the_bibliography_page_sorts_by_the_text_not_the_markup(project: Path) -> None:
    add_entries(project, STATUTE.replace("usc-1591", "zz").replace("title: Sex", "title: Zz"))
    add_entries(project, STATUTE.replace("usc-1591", "aa").replace("title: Sex", "title: Aa").replace(
        "section1591", "section1590"))
    edit(project, M, '  - "@palermo, art. 3"', '  - "@palermo, art. 3; @zz; @aa"')
    catalog, diags = load_catalog(project)
    assert not list(diags), [d.render() for d in diags]
    page = render.expand_generated(catalog, "<!-- curriculum:bibliography -->", "es", "../")
    assert page.index('id="ref-aa"') < page.index('id="ref-palermo"') < page.index('id="ref-zz"')


# -- the exports -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_quiz_banks_and_handbooks_print_the_same_marked_citation(project: Path, lang: str) -> None:
    catalog = cited(project)
    quiz = catalog.quizzes["alpha"]
    q = next(q for q in quiz.questions if q.id == "child-means")
    marked = ('<span lang="en">18 U.S.C. § 1591</span>(a)' if lang == "es" else
              '18 U.S.C. § 1591(a)')
    feedback = general_feedback_html(catalog, q, lang)  # Moodle XML, GIFT
    assert marked in feedback and "&lt;span" not in feedback
    key = handbook.answer_key(catalog, quiz, catalog.modules[0], lang)
    assert marked in key and "&lt;span" not in key
    text = bibliography.cite_text(catalog, q.source, lang)
    assert plain(text) == text.replace('<span lang="en">', "").replace('<span lang="es">', "").replace("</span>", "")
    assert "<span" not in plain(text)


def test_gift_carries_the_language_as_its_html_markup_only(project: Path) -> None:
    """GIFT writes its texts as [html]: the language of a source's short form is HTML markup there, as an
    authored `<span lang>` is (tests/test_export_quizbanks.py), never escaped text; its plain-text parts (the
    question name, `//` comments, `$CATEGORY:`) hold no citation and no span."""
    catalog = cited(project)
    quiz = catalog.quizzes["alpha"]
    q = next(q for q in quiz.questions if q.id == "child-means")
    for lang, other in (("es", "en"), ("en", "es")):
        text = gift.question(catalog, quiz, q, lang)
        name, body = text.split("::")[1], text.split("::", 2)[2]
        assert name == "alpha/child-means"
        assert "&lt;span" not in body and f'<span lang\\="{other}"><span' not in body  # never text, never nested
        assert body.count(f'<span lang\\="{other}">') == 1 and f'<span lang\\="{lang}">' not in body
    es = gift.question(catalog, quiz, q, "es")
    assert r'<span lang\="en">18 U.S.C. § 1591</span>(a)' in es
    assert "<span" not in plain(general_feedback_html(catalog, q, "es"))  # a plain-text field strips it
