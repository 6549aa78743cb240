"""The real curriculum: complete, bilingual, assessed, and every recommendation served."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from curriculum.loader import load_catalog
from tests.conftest import run_cli_inprocess

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalog():
    catalog, diags = load_catalog(ROOT)
    assert list(diags) == [], "\n".join(d.render() for d in diags)
    return catalog


def test_check_passes_on_the_repository() -> None:
    result = run_cli_inprocess("check", "--root", str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_curriculum_shape(catalog) -> None:
    assert len(catalog.modules) >= 12
    for m in catalog.modules:
        quiz = catalog.quiz_for(m)
        assert 45 <= m.duration_minutes <= 120, m.id
        assert 3 <= len(m.objectives) <= 6, m.id
        assert quiz is not None and len(quiz.questions) >= 6, m.id
        assert {q.objective for q in quiz.questions} == {o.id for o in m.objectives}, m.id
        assert m.exercises and m.sources, m.id
        assert len({q.type for q in quiz.questions}) >= 2, m.id
    assert sorted({n for m in catalog.modules for n in m.recommendations}) == [1, 2, 3, 4, 5, 6]
    assert len(catalog.terms) >= 60 and len(catalog.avoid) >= 10


def test_track_hours_are_computed_from_module_durations(catalog) -> None:
    durations = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))["duration_minutes"]
                 for p in (ROOT / "modules").glob("*/module.yml")}
    for path in (ROOT / "tracks").glob("*.yml"):
        agenda = yaml.safe_load(path.read_text(encoding="utf-8"))["agenda"]
        expected = sum(durations[item["module"]] for item in agenda if "module" in item)
        track = catalog.track(path.stem)
        assert catalog.track_minutes(track)[0] == expected


@pytest.mark.slow
def test_every_module_page_in_both_languages(catalog, real_sites: dict[str, Path]) -> None:
    site = real_sites["learner"]
    for m in catalog.modules:
        for lang, prefix in (("en", ""), ("es", "es/")):
            html = (site / f"{prefix}{m.folder}/index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html
            assert "<h1 id=" in html and m.title[lang].split(":")[0][:30] in html.replace("&rsquo;", "'")
            assert 'class="cur-quiz"' in html and html.count("quiz.js") == 1
            assert catalog.quiz_for(m).questions[0].prompt[lang][:40].replace("'", "&#x27;") in html


@pytest.mark.slow
def test_learner_edition_has_no_facilitator_content(catalog, real_sites: dict[str, Path]) -> None:
    learner, facilitator = real_sites["learner"], real_sites["facilitator"]
    for m in catalog.modules:
        for prefix in ("", "es/"):
            page = f"{prefix}{m.folder}/index.html"
            text = (learner / page).read_text(encoding="utf-8")
            assert "cur-facilitator" not in text and "cur-key" not in text, page
            assert not re.search(r">(Facilitator notes|Notas para la persona facilitadora)<", text), page
            full = (facilitator / page).read_text(encoding="utf-8")
            assert "cur-facilitator" in full and "cur-key" in full, page


@pytest.mark.slow
def test_policy_page_lists_six_recommendations_with_modules(real_sites: dict[str, Path]) -> None:
    for prefix in ("", "es/"):
        html = (real_sites["learner"] / f"{prefix}reference/policy.html").read_text(encoding="utf-8")
        for n in range(1, 7):
            section = html.split(f'id="recommendation-{n}"')[1].split('id="recommendation-')[0]
            assert section.count("/index.html") >= 1, (prefix, n)


@pytest.mark.slow
def test_glossary_and_404(real_sites: dict[str, Path]) -> None:
    site = real_sites["learner"]
    for prefix in ("", "es/"):
        html = (site / f"{prefix}reference/glossary.html").read_text(encoding="utf-8")
        assert html.count("<dfn>") >= 60
    assert '<html lang="en"' in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "phrase"), [
    ("La amenaza, la coacción o el fraude.", "coacción"),
    ("El rapto de la niña por su padre.", "rapto"),
    ("Un amigo próximo puede colaborar.", "amigo próximo"),
])
def test_the_spanish_reviews_terms_are_enforced(catalog, text: str, phrase: str) -> None:
    from curriculum.terminology import scan_markdown

    found = list(scan_markdown(text, "x.es.md", "es", catalog.avoid))
    assert [d.code for d in found] == ["CUR601"] and phrase in found[0].message
    quoted = text.replace(phrase, f"<!-- verbatim -->{phrase}<!-- /verbatim -->")
    assert list(scan_markdown(quoted, "x.es.md", "es", catalog.avoid)) == []


REPOSITORY_NAMES = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b|shared/seeds|\bsemillas?\b|\bseed (?:document|file|\d)",
                              re.I)


@pytest.mark.slow
def test_no_reader_facing_output_names_a_repository_file(catalog, real_sites: dict[str, Path],
                                                         tmp_path: Path) -> None:
    """The built sites (both editions) and the quiz banks cite publications, never a source file or "semilla"."""
    import zipfile

    from curriculum.export.gift import GiftExporter
    from curriculum.export.moodle import MoodleExporter
    from curriculum.export.qti import QtiExporter

    hits = []
    for site in real_sites.values():
        for path in site.rglob("*"):
            if path.suffix in (".html", ".json", ".js", ".xml", ".txt") and path.is_file() and (
                    m := REPOSITORY_NAMES.search(path.read_text(encoding="utf-8", errors="replace"))):
                hits.append((path.relative_to(site).as_posix(), m.group()))
    for exporter in (GiftExporter, MoodleExporter, QtiExporter):
        for lang in catalog.languages:
            if exporter().problems(catalog, lang):  # Moodle XML and GIFT cannot carry ordering questions (CUR502)
                continue
            for path in exporter().export(catalog, lang, tmp_path):
                texts = ([zipfile.ZipFile(path).read(n).decode("utf-8") for n in zipfile.ZipFile(path).namelist()]
                         if path.suffix == ".zip" else [path.read_text(encoding="utf-8")])
                hits += [(path.name, m.group()) for t in texts if (m := REPOSITORY_NAMES.search(t))]
    assert hits == []
