"""The review ledger: kinds stated once in curriculum.yml, a validated ledger per module, the status shown in both
languages, a currency date computed from the bibliography, and `curriculum check --release`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from curriculum import cli, render, reviews
from curriculum.loader import load_catalog

ROOT = Path(__file__).resolve().parent.parent
M, P, B = "modules/alpha/module.yml", "curriculum.yml", "bibliography/sources.yml"
LEDGER = """reviews:
  - kind: us-legal
    date: 2026-10-15
    by: {en: a volunteer attorney, es: una abogada voluntaria}
  - kind: mx-legal
    date: pending
"""
BY = "    by: {en: a volunteer attorney, es: una abogada voluntaria}"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def found(root: Path, code: str, release: bool = False) -> list[tuple[str, int, str]]:
    _, diags = load_catalog(root, release=release)
    return [(d.path, d.line, d.message + " " + d.help) for d in diags if d.code == code]


def check(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["check", "--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


# -- the format ---------------------------------------------------------------------------------------------


def test_kinds_come_from_the_project_and_the_ledger_from_the_module(project: Path) -> None:
    catalog, diags = load_catalog(project)
    assert list(diags) == []
    assert [(k.id, k.required, k.label.es) for k in catalog.review_kinds] == [
        ("us-legal", True, "Revisión jurídica (EE. UU.)"), ("mx-legal", True, "Revisión jurídica (México)")]
    module = catalog.modules[0]
    us, mx = module.reviews
    assert (us.kind, us.done, us.by and us.by.es, us.loc.line) == ("us-legal", dt.date(2026, 10, 15),
                                                                    "una abogada voluntaria", 33)
    assert (mx.kind, mx.done, mx.pending, mx.by) == ("mx-legal", None, True, None)
    assert [(k.id, r) for k, r in reviews.ledger(catalog, module)] == [("us-legal", us), ("mx-legal", mx)]
    assert [k.id for k, _ in reviews.missing(catalog, module)] == ["mx-legal"]


def test_the_ledger_is_required(project: Path) -> None:
    edit(project, M, LEDGER, "")
    assert found(project, "CUR103") == [(M, 1, "module.yml is missing required key `reviews` ")]


def test_an_empty_ledger_is_allowed_and_every_required_review_is_then_missing(project: Path) -> None:
    edit(project, M, LEDGER, "reviews: []\n")
    catalog, diags = load_catalog(project)
    assert list(diags) == []
    assert [(k.id, r) for k, r in reviews.missing(catalog, catalog.modules[0])] == [("us-legal", None),
                                                                                    ("mx-legal", None)]


@pytest.mark.parametrize(("old", "new", "code", "line", "words"), [
    ("kind: mx-legal", "kind: mx-legl", "CUR104", 36, "did you mean `mx-legal`?"),
    ("kind: mx-legal", "kind: Mexican lawyer", "CUR104", 36, "not a valid id"),
    ("kind: mx-legal", "kind: us-legal", "CUR201", 36, "`us-legal` is listed twice in the ledger (first on line 33)"),
    ("date: pending", "date: pendng", "CUR104", 37, "YYYY-MM-DD) or `pending`"),
    ("date: pending", "date: 2099-01-01", "CUR104", 37, "in the future"),
    ("date: pending", "date: 1999-12-31", "CUR104", 37, "before 2000-01-01"),
    ("date: pending", "date: 2026-02-30", "CUR104", 37, "not a date in the calendar"),
    ("date: pending", "date: [2026]", "CUR102", 37, "must be a date"),
    ("    date: pending\n", "", "CUR103", 36, "missing required key `date`"),
    ("    date: pending\n", "    date: pending\n    notes: soon\n", "CUR101", 38, "did you mean `note`?"),
    (BY, "    by: [lawyer]", "CUR102", 35, "`reviews.by`"),
    (BY, "    by: {en: a volunteer attorney}", "CUR301", 35, "no Spanish text"),
])
def test_ledger_problems_are_located(project: Path, old: str, new: str, code: str, line: int, words: str) -> None:
    edit(project, M, old, new)
    hits = found(project, code)
    assert any(path == M and at == line and words in text for path, at, text in hits), hits


def test_a_ledger_that_is_not_a_list_is_reported(project: Path) -> None:
    edit(project, M, LEDGER, "reviews: pending\n")
    assert [(path, line) for path, line, text in found(project, "CUR102") if "`reviews` must be a list" in text] == [
        (M, 32)]


def test_a_plain_by_and_a_note_are_kept(project: Path) -> None:
    edit(project, M, "    date: pending\n", "    date: pending\n    by: Colegio de Abogados\n"
         "    note: {en: Booked for January., es: Programada para enero.}\n")
    catalog, diags = load_catalog(project)
    assert list(diags) == []
    mx = catalog.modules[0].reviews[1]
    assert (mx.by and mx.by.en, mx.note and mx.note.es) == ("Colegio de Abogados", "Programada para enero.")


@pytest.mark.parametrize(("old", "new", "code", "line", "words"), [
    ("  - kind: mx-legal\n    label:", "  - kind: us-legal\n    label:", "CUR201", 9,
     "duplicate review kind id `us-legal` (first on line 7)"),
    ("    label: {en: U.S. legal review", "    lable: {en: U.S. legal review", "CUR101", 8, "did you mean `label`?"),
    ("  - kind: mx-legal\n    label:", "  - kind: mx-legal\n    required: maybe\n    label:", "CUR102", 10,
     "`required`"),
])
def test_review_kind_problems_are_located(project: Path, old: str, new: str, code: str, line: int,
                                          words: str) -> None:
    edit(project, P, old, new)
    hits = found(project, code)
    assert any(path == P and at == line and words in text for path, at, text in hits), hits


def test_a_kind_that_is_not_required_is_shown_when_recorded_and_never_asked_for(project: Path) -> None:
    edit(project, P, "review_kinds:\n", "review_kinds:\n  - kind: fact-check\n    required: false\n"
         "    label: {en: Internal fact-check, es: Verificación interna}\n")
    catalog, _ = load_catalog(project)
    module = catalog.modules[0]
    assert [k.id for k, _ in reviews.ledger(catalog, module)] == ["us-legal", "mx-legal"]  # not listed: not shown
    edit(project, M, "reviews:\n", "reviews:\n  - kind: fact-check\n    date: 2026-09-01\n")
    catalog, diags = load_catalog(project, release=True)
    module = catalog.modules[0]
    assert [k.id for k, _ in reviews.ledger(catalog, module)] == ["fact-check", "us-legal", "mx-legal"]
    assert [d.message for d in diags if d.code == "CUR702"] == [
        "the `mx-legal` (Mexican legal review) of module `alpha` is still pending"]


# -- currency ------------------------------------------------------------------------------------------------


def test_currency_is_the_oldest_checked_date_of_what_the_module_cites(project: Path) -> None:
    catalog, _ = load_catalog(project)
    assert reviews.currency(catalog, catalog.modules[0]) == dt.date(2026, 11, 1)
    # a second entry, cited only inline in the English page, checked earlier: it sets the date
    edit(project, B, "    checked: 2026-11-01\n", "    checked: 2026-11-01\n  - key: older\n    type: report\n"
         "    lang: en\n    author: UNODC\n    title: An older report\n    date: 2020\n    checked: 2026-06-30\n")
    edit(project, "modules/alpha/index.en.md", "Sort the cases.", "Sort the cases [@older, p. 2].")
    catalog, diags = load_catalog(project)
    assert list(diags) == []
    assert reviews.currency(catalog, catalog.modules[0]) == dt.date(2026, 6, 30)


def test_currency_is_unknown_when_a_cited_entry_was_never_checked(project: Path) -> None:
    edit(project, B, "    checked: 2026-11-01\n", "")
    catalog, _ = load_catalog(project)
    assert reviews.currency(catalog, catalog.modules[0]) is None
    assert "not recorded" in render.module_header(catalog, catalog.modules[0], "en")


# -- what the site shows -------------------------------------------------------------------------------------


def test_module_header_shows_each_review_and_the_currency_date_in_both_languages(project: Path) -> None:
    catalog, _ = load_catalog(project)
    module = catalog.modules[0]
    en, es = (render.module_header(catalog, module, lang) for lang in ("en", "es"))
    oct15 = render.format_date(dt.date(2026, 10, 15), "en")
    assert ('<dt>Reviews</dt><dd><ul class="cur-reviews"><li>U.S. legal review: <time datetime="2026-10-15">'
            f"{oct15}</time></li><li>Mexican legal review: <span class=\"cur-pending\">pending</span></li>"
            "</ul></dd>") in en
    assert '<dt>Sources last checked for currency</dt><dd><time datetime="2026-11-01">' in en
    assert "<li>Revisión jurídica (EE. UU.): <time datetime=\"2026-10-15\">" in es
    assert '<li>Revisión jurídica (México): <span class="cur-pending">pendiente</span></li>' in es
    assert "<dt>Última verificación de la vigencia de las fuentes</dt>" in es
    visible = re.sub(r"<[^>]*>", " ", es)
    assert "pending" not in visible and "Reviews" not in visible


def test_a_required_review_the_ledger_omits_is_shown_as_pending(project: Path) -> None:
    edit(project, M, LEDGER, "reviews: []\n")
    catalog, _ = load_catalog(project)
    en = render.module_header(catalog, catalog.modules[0], "en")
    assert en.count('<span class="cur-pending">pending</span>') == 2


def test_review_table_summarises_every_module(project: Path) -> None:
    catalog, _ = load_catalog(project)
    en = render.expand_generated(catalog, "<!-- curriculum:reviews -->", "en", "../")
    es = render.expand_generated(catalog, "<!-- curriculum:reviews -->", "es", "../")
    assert "Required reviews done: 1 of 2 (modules: 1)." in en
    assert "| Module | U.S. legal review | Mexican legal review | Sources last checked for currency |" in en
    oct15, nov1 = (render.format_date(dt.date(2026, m, d), "en") for m, d in ((10, 15), (11, 1)))
    assert (f"| [Alpha module](../alpha/index.md) | {oct15} (by a volunteer attorney) | *pending* | "
            f"{nov1} |") in en
    assert "Revisiones requeridas realizadas: 1 de 2 (módulos: 1)." in es
    assert "(por una abogada voluntaria) | *pendiente* |" in es


def test_review_text_is_escaped(project: Path) -> None:
    edit(project, M, "    date: pending\n", '    date: pending\n    note: "<script>x()</script> | *bold*"\n')
    catalog, _ = load_catalog(project)
    table = render.review_table(catalog, "en", "../")
    assert "<script>" not in table and "&lt;script&gt;" in table and "\\| \\*bold\\*" in table


# -- curriculum check --release --------------------------------------------------------------------------------


def test_check_stays_green_while_reviews_are_pending(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(project, capsys=capsys)
    assert code == 0 and "no problems" in out and "CUR702" not in out


def test_release_lists_every_missing_review_at_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, P, "review_kinds:\n", "review_kinds:\n  - kind: survivor-informed\n"
         "    label: {en: Survivor-informed review, es: Revisión informada por personas sobrevivientes}\n")
    code, out, err = check(project, "--release", capsys=capsys)
    assert code == 1
    lines = [line for line in out.splitlines() if "CUR702" in line]
    assert lines == [
        f"{M}:32:1: CUR702 module `alpha` has no `survivor-informed` (Survivor-informed review) in its review ledger",
        f"{M}:36:5: CUR702 the `mx-legal` (Mexican legal review) of module `alpha` is still pending",
    ]
    assert "2 error(s)" in err and "release: 2 required review(s) not done" in err


def test_release_passes_when_every_required_review_is_done(project: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, M, "date: pending", "date: 2026-11-20")
    code, out, _ = check(project, "--release", capsys=capsys)
    assert code == 0, out
    assert "no problems — release: every review done" in out


def test_release_in_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(project, "--release", "--format", "json", capsys=capsys)
    assert code == 1
    assert [(d["code"], d["line"], d["severity"]) for d in json.loads(out)] == [("CUR702", 36, "error")]


# -- the real curriculum ---------------------------------------------------------------------------------------


def test_every_real_module_lists_every_kind_once_and_no_review_is_invented() -> None:
    catalog, _ = load_catalog(ROOT)
    kinds = [k.id for k in catalog.review_kinds]
    assert {"us-legal", "mx-legal", "mx-translation", "survivor-informed"} <= {
        k.id for k in catalog.review_kinds if k.required}
    for module in catalog.modules:
        assert sorted(r.kind for r in module.reviews) == sorted(kinds), module.id
        for review in module.reviews:
            # a done review names who did it (a role or an organization), so nobody records one by accident
            assert review.pending or review.by is not None, (module.id, review.kind)
    names = re.compile(r"\bby: .*\b(?:Mr|Ms|Mrs|Sr|Sra)\.? [A-Z]")  # who is a role or an organization
    for path in sorted((ROOT / "modules").glob("*/module.yml")):
        assert not names.search(path.read_text(encoding="utf-8")), path


def test_real_release_check_reports_only_review_codes() -> None:
    """`--release` adds CUR702 only: whatever else it reports, plain `check` reports too."""
    _, plain = load_catalog(ROOT)
    _, release = load_catalog(ROOT, release=True)
    extra = set(release) - set(plain)
    assert extra and {d.code for d in extra} == {"CUR702"}


# -- the built site --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_built_module_page_shows_the_review_status_in_both_languages(built: dict[str, Path]) -> None:
    en = (built["learner"] / "alpha/index.html").read_text(encoding="utf-8")
    es = (built["learner"] / "es/alpha/index.html").read_text(encoding="utf-8")
    assert ('<dt>Reviews</dt><dd><ul class="cur-reviews"><li>U.S. legal review: <time datetime="2026-10-15">'
            f'{render.format_date(dt.date(2026, 10, 15), "en")}</time></li>') in en
    assert '<li>Mexican legal review: <span class="cur-pending">pending</span></li>' in en
    assert "<dt>Sources last checked for currency</dt>" in en
    assert '<li>Revisión jurídica (México): <span class="cur-pending">pendiente</span></li>' in es
    assert "<dt>Última verificación de la vigencia de las fuentes</dt>" in es


@pytest.mark.slow
def test_real_about_page_summarises_the_review_status(real_sites: dict[str, Path]) -> None:
    catalog, _ = load_catalog(ROOT)
    for prefix, lang in (("", "en"), ("es/", "es")):
        html = (real_sites["learner"] / f"{prefix}reference/about.html").read_text(encoding="utf-8")
        assert html.count("/index.html\">") >= len(catalog.modules), lang
        for kind in catalog.review_kinds:
            assert kind.label[lang] in html, (lang, kind.id)
        assert "cur-review-kinds" in html
