"""The built site: both languages, both editions, assets, privacy, and nothing lost on failure."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import build

pytestmark = pytest.mark.slow  # every test reads a built site or builds one

EXTERNAL = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?![^>]*\brel=["']?(?:alternate|canonical))[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//|url\(["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_spanish_page_has_spanish_quiz_and_lang(built: dict[str, Path]) -> None:
    es = read(built["learner"], "es/alpha/index.html")
    assert '<html lang="es"' in es
    assert "¿Cuál es una acción conforme al Protocolo?" in es
    assert "Which is an act under the Protocol?" not in es
    assert '<h1 id="modulo-alfa">Módulo alfa</h1>' in es
    assert "Nombrar el elemento de acción." in es  # objectives in the page's language
    assert "Revisar respuestas" in es


def test_english_page_has_english_quiz(built: dict[str, Path]) -> None:
    en = read(built["learner"], "alpha/index.html")
    assert '<html lang="en"' in en
    assert "Which is an act under the Protocol?" in en and "¿Cuál es" not in en
    assert "November 1, 2026" in en and "Legal content last reviewed" in en  # en_US (curriculum.localefmt)
    assert "Training material, not legal advice" in en


def test_quiz_assets_are_separate_files_loaded_once_only_on_quiz_pages(built: dict[str, Path]) -> None:
    site = built["learner"]
    assert (site / "assets/curriculum/quiz.js").is_file() and (site / "assets/curriculum/quiz.css").is_file()
    for page, prefix in (("alpha/index.html", "../"), ("es/alpha/index.html", "../../")):
        html = read(site, page)
        assert html.count("quiz.js") == 1 and html.count("quiz.css") == 1
        assert f'src="{prefix}assets/curriculum/quiz.js"' in html
    for page in ("index.html", "es/index.html", "tracks/basic.html", "es/reference/glossary.html"):
        html = read(site, page)
        assert "quiz.js" not in html and "quiz.css" not in html


def test_sources_are_never_published(built: dict[str, Path]) -> None:
    for site in built.values():
        names = {p.name for p in site.rglob("*")}
        assert "module.yml" not in names
        assert not [p for p in site.rglob("*") if p.suffix in (".yml", ".yaml", ".md")]


def test_no_third_party_requests_in_any_file(built: dict[str, Path]) -> None:
    offenders = []
    for site in built.values():
        for path in site.rglob("*"):
            if path.suffix in (".html", ".css", ".js"):
                text = path.read_text(encoding="utf-8", errors="replace")
                offenders += [f"{path.relative_to(site)}: {m.group(0)}" for m in EXTERNAL.finditer(text)]
    assert offenders == []


def test_no_google_fonts_and_vendored_worker_shim(built: dict[str, Path]) -> None:
    html = read(built["learner"], "es/alpha/index.html")
    assert "fonts.googleapis" not in html and "unpkg.com" not in html
    assert "assets/vendor/iframe-worker/shim.js" in html


def test_learner_edition_has_no_facilitator_notes_or_answer_key(built: dict[str, Path]) -> None:
    for page in ("alpha/index.html", "es/alpha/index.html"):
        html = read(built["learner"], page)
        assert "FACILITATOR-SECRET" not in html
        assert "cur-key" not in html and "data-facilitator" not in html
        assert 'data-choice="recruitment" hidden' in html  # feedback hidden until answered


def test_facilitator_edition_shows_notes_and_answer_key(built: dict[str, Path]) -> None:
    en = read(built["facilitator"], "alpha/index.html")
    es = read(built["facilitator"], "es/alpha/index.html")
    assert "FACILITATOR-SECRET-EN" in en and "FACILITATOR-SECRET-ES" in es
    assert "Facilitator notes" in en and "Notas para la persona facilitadora" in es
    assert re.search(r'value="recruitment">.{0,80}cur-key', en, re.S)


def test_generated_pages(built: dict[str, Path]) -> None:
    site = built["learner"]
    track = read(site, "es/tracks/basic.html")
    assert "Trayectoria básica" in track and "Receso" in track
    assert re.search(r"<strong>60</strong> \(1 h\)", track)  # computed from the module's 60 minutes
    policy = read(site, "reference/policy.html")
    assert "Train law enforcement to recognise trafficking." in policy
    assert 'href="../alpha/index.html#ex-sort"' in policy
    glossary = read(site, "es/reference/glossary.html")
    assert '<dfn>trata de personas</dfn> — <span lang="en">trafficking in persons</span>' in glossary
    home = read(site, "es/index.html")
    assert 'href="alpha/index.html">Módulo alfa</a>' in home


def test_language_switcher_links_same_page(built: dict[str, Path]) -> None:
    es = read(built["learner"], "es/alpha/index.html")
    assert re.search(r'href="\.\./\.\./alpha/index\.html"[^>]*hreflang="en"', es)


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_failed_build_keeps_previous_site(project: Path) -> None:
    site = project / "site"
    first = build(project, site=site)
    assert first.returncode == 0, first.stderr
    before = _digest(site)
    quiz = project / "quizzes/alpha.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("type: single", "type: singel"), encoding="utf-8")
    failed = build(project, site=site)
    assert failed.returncode == 1
    assert "quizzes/alpha.yml:8:11: CUR104" in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert "previous site" in failed.stderr
    assert _digest(site) == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]  # no half-written leftovers


def test_failed_spanish_only_problem_keeps_previous_site(project: Path) -> None:
    site = project / "site"
    assert build(project, site=site).returncode == 0
    before = _digest(site)
    page = project / "modules/alpha/index.es.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[roto](no-existe.md)\n", encoding="utf-8")
    failed = build(project, site=site)
    assert failed.returncode == 1 and "no-existe.md" in failed.stderr
    assert _digest(site) == before


def test_404_pages_keep_their_language(built: dict[str, Path]) -> None:
    """static-i18n lets the last language built overwrite the shared 404 page; the plugin restores it."""
    site = built["learner"]
    assert '<html lang="en"' in read(site, "404.html")
    assert '<html lang="es"' in read(site, "es/404.html")


def test_quiz_form_is_spliced_after_markdown_and_kept_out_of_search(built: dict[str, Path]) -> None:
    html = read(built["learner"], "es/alpha/index.html")
    assert "curriculum:quiz-slot" not in html
    assert html.count('class="cur-quiz" data-search-exclude') == 1
    index = (built["learner"] / "es/search/search_index.json").read_text(encoding="utf-8")
    assert "Sí, la captación es una acción." not in index  # choice feedback never appears in search
