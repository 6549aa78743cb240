"""The learner's and facilitator's experience, in Debian's Chromium over file:// with the network blocked."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "data" / "axe" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") + "\n;typeof axe"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Chromium, on sites built by the session fixtures. Without Chromium the `browser` fixture (conftest.py) fails
# each test, or skips it with CURRICULUM_SKIP_BROWSER=1: `-m "not browser"` still collects this file anywhere.
pytestmark = [pytest.mark.browser, pytest.mark.slow]


class Session:
    """A fresh browser context that blocks and records every request leaving file://."""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        # every page is held to the site's Content-Security-Policy: our own scripts must never trip it
        self.context.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                                     "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.text.startswith("CSP violation") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: object) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, site: Path, rel: str) -> object:
        self.page.goto((site / rel).as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def storage(self, key: str) -> str | None:
        return self.page.evaluate("k => localStorage.getItem(k)", key)


def load_axe(page: object) -> None:
    """Load axe-core through DevTools: the site's Content-Security-Policy (rightly) refuses an injected <script>."""
    page.evaluate(AXE_SOURCE)


@pytest.fixture
def session(browser: object) -> Iterator[Session]:
    s = Session(browser)
    yield s
    s.context.close()
    assert s.outside == [], f"requests left file://: {s.outside}"
    assert s.errors == [], f"JavaScript errors: {s.errors}"


def answer_alpha_by_keyboard(page: object, right: bool) -> None:
    """Answer the sample quiz with the keyboard only: Space selects, arrows move, Enter submits."""
    page.locator('input[name="alpha--which-act"]').first.focus()
    page.keyboard.press("Space")  # recruitment (right)
    if not right:
        page.keyboard.press("ArrowDown")  # deception (wrong)
    page.keyboard.press("Tab")  # q2: forced labour
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # sexual exploitation
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # transport: leave unchecked
    page.keyboard.press("Tab")  # q3: true
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Enter")


def test_quiz_right_and_wrong_by_keyboard(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "es/alpha/index.html")
    status = page.locator(".cur-score")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    answer_alpha_by_keyboard(page, right=False)
    assert status.inner_text().startswith("2 de 3 preguntas correctas (67%).")  # CLDR es_MX: no space before %
    first = page.locator("#q-alpha--which-act")
    assert "cur-bad" in first.get_attribute("class")
    assert first.locator(".cur-result").inner_text() == "No exactamente."
    assert first.locator('.cur-fb[data-choice="deception"]').is_visible()  # feedback of the chosen choice
    assert not first.locator('.cur-fb[data-choice="recruitment"]').is_visible()
    assert first.locator(".cur-src").inner_text() == "Fuente: Protocolo de Palermo, art. 3(a)"
    assert page.evaluate("document.activeElement.classList.contains('cur-score')")  # focus moved to the result
    retry = page.locator(".cur-retry")
    retry.focus()
    page.keyboard.press("Enter")
    assert status.inner_text() == "" and not page.locator(".cur-quiz input:checked").count()
    answer_alpha_by_keyboard(page, right=True)
    assert "3 de 3 preguntas correctas (100%). Aprobado" in status.inner_text()
    saved = json.loads(session.storage("curriculum:v1:quiz:alpha"))
    assert saved["v"] == 1 and saved["passed"] is True
    assert saved["answers"]["purposes"] == ["forced-labour", "sexual"]


def test_unanswered_questions_are_announced(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    page.locator(".cur-check").click()
    assert page.locator(".cur-score").inner_text() == "Answer every question first (3 unanswered)."


def test_progress_survives_reload_and_is_shared_by_languages(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    answer_alpha_by_keyboard(page, right=True)
    page.reload()
    assert "3 of 3 questions correct" in page.locator(".cur-score").inner_text()
    assert page.locator('input[value="recruitment"]').is_checked()
    page = session.open(built["learner"], "es/alpha/index.html")  # same quiz id, same progress
    assert "3 de 3" in page.locator(".cur-score").inner_text()


@pytest.mark.parametrize("stored", [
    "{not json",
    '"a string"',
    '{"v": 99, "answers": {}}',
    '{"v": 1, "answers": []}',
    "null",
])
def test_corrupt_or_foreign_stored_value_is_set_aside(built: dict[str, Path], session: Session, stored: str) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    page.evaluate("v => localStorage.setItem('curriculum:v1:quiz:alpha', v)", stored)
    page.reload()
    assert session.storage("curriculum:v1:quiz:alpha") is None
    assert session.storage("curriculum:v1:quarantine:alpha") == stored
    answer_alpha_by_keyboard(page, right=True)  # the page still works
    assert "3 of 3" in page.locator(".cur-score").inner_text()


def test_edited_quiz_ignores_answers_to_questions_that_changed(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    old = {"v": 1, "answers": {"which-act": ["recruitment"], "removed-question": ["x"], "purposes": ["gone"]},
           "score": 3, "total": 3, "percent": 100, "passed": True, "at": "2026-01-01T00:00:00Z"}
    page.evaluate("v => localStorage.setItem('curriculum:v1:quiz:alpha', v)", json.dumps(old))
    page.reload()
    assert page.locator('input[value="recruitment"]').is_checked()
    assert page.locator(".cur-score").inner_text() == ""  # not re-graded from a partial answer set


def test_switch_language_lands_on_same_module(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "es/alpha/index.html")
    with page.expect_navigation():
        page.eval_on_selector('a.md-select__link[hreflang="en"]', "a => a.click()")
    assert page.url.endswith("/alpha/index.html") and "/es/" not in page.url
    assert page.locator("h1").inner_text() == "Alpha module"
    assert page.locator('a.md-select__link[hreflang="es"]').get_attribute("lang") == "es"
    with page.expect_navigation():
        page.eval_on_selector('a.md-select__link[hreflang="es"]', "a => a.click()")
    assert page.url.endswith("/es/alpha/index.html") and page.locator("h1").inner_text() == "Módulo alfa"


def test_completing_the_track_unlocks_a_certificate(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "es/tracks/basic.html")
    assert page.locator(".cur-cert-locked").is_visible() and not page.locator(".cur-cert-panel").is_visible()
    assert page.locator(".cur-progress-summary").inner_text() == "0 de 1 módulos aprobados."
    page = session.open(built["learner"], "es/alpha/index.html")
    answer_alpha_by_keyboard(page, right=True)
    page = session.open(built["learner"], "es/tracks/basic.html")
    assert page.locator(".cur-progress-summary").inner_text() == "1 de 1 módulos aprobados."
    assert page.locator(".cur-cert-panel").is_visible()
    page.locator("#cur-name").fill("Ana Pérez")
    page.locator("#cur-learner-id").fill("MX-1234")
    cert = page.locator(".cur-cert")
    assert "Se hace constar que Ana Pérez concluyó" in cert.inner_text()
    assert "Trayectoria básica" in cert.inner_text() and "MX-1234" in cert.inner_text()
    assert "Tiempo de instrucción: 60 minutos (1 h)" in cert.inner_text()
    assert "no se trata de un examen supervisado" in cert.inner_text()
    assert page.locator('.cur-cert-modules tr[data-quiz="alpha"] .cur-cert-score').inner_text() == "100%"
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", page.locator(".cur-cert-completed").inner_text())  # es-MX
    page.emulate_media(media="print")
    page.evaluate("document.documentElement.classList.add('cur-printing-certificate')")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    assert cert.evaluate("e => getComputedStyle(e).visibility") == "visible"


def search(session: Session, site: Path, rel: str, query: str) -> list[str]:
    """Open ``rel`` afresh, type ``query`` into Material's search and return the result links."""
    page = session.open(site, rel)
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    initial = meta.inner_text()  # "Type to start searching": the index is loaded
    box.press_sequentially(query, delay=15)
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent !== t", arg=initial)
    page.wait_for_function("() => /\\d|No|Ning/.test(document.querySelector('.md-search-result__meta').textContent)")
    return page.eval_on_selector_all("a.md-search-result__link", "as => as.map(a => a.href)")


def test_search_returns_results_in_the_readers_language(built: dict[str, Path], session: Session) -> None:
    site = built["learner"]
    hits = search(session, site, "es/index.html", "clasifiquen")
    assert hits and all("/es/" in h for h in hits), hits
    assert search(session, site, "es/index.html", "cases") == []  # English-only word: no hit for a Spanish reader
    hits = search(session, site, "index.html", "cases")
    assert hits and not any("/es/" in h for h in hits), hits
    assert search(session, site, "index.html", "clasifiquen") == []


def test_print_stylesheet_makes_a_handout_with_a_worksheet(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    page.emulate_media(media="print")
    hidden = "e => getComputedStyle(e).display"
    assert page.locator(".md-header").evaluate(hidden) == "none"
    assert page.locator(".md-sidebar--primary").evaluate(hidden) == "none"
    assert page.locator(".cur-actions").evaluate(hidden) == "none"
    assert page.locator(".cur-q").first.is_visible() and page.locator(".cur-choice").first.is_visible()


def test_facilitator_edition_shows_keys_without_answering(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["facilitator"], "alpha/index.html")
    assert page.locator(".cur-facilitator").is_visible()
    assert page.locator("#q-alpha--which-act .cur-expl").is_visible()
    assert page.locator(".cur-key").first.is_visible()


PAGES = ["index.html", "alpha/index.html", "tracks/basic.html", "reference/glossary.html", "reference/policy.html"]


@pytest.mark.parametrize("edition", ["learner", "facilitator"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_axe_wcag21_aa_and_lang_on_every_page_type(built: dict[str, Path], session: Session, edition: str,
                                                  lang: str) -> None:
    site = built[edition]
    for rel in PAGES:
        page = session.open(site, rel if lang == "en" else f"es/{rel}")
        assert page.evaluate("document.documentElement.lang") == lang, rel
        load_axe(page)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
            "v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))", WCAG)
        assert result == [], f"{edition} {lang} {rel}: {result}"
        others = page.eval_on_selector_all(
            "[lang]:not(html)", "es => es.map(e => e.getAttribute('lang')).filter(l => !['en', 'es'].includes(l))")
        assert others == [], rel


def test_site_works_from_a_copied_folder(built: dict[str, Path], session: Session, tmp_path: Path) -> None:
    """A USB stick: copy the folder elsewhere and everything still resolves."""
    usb = tmp_path / "USB STICK" / "curso"
    shutil.copytree(built["learner"], usb)
    page = session.open(usb, "es/index.html")
    with page.expect_navigation():
        page.locator(".md-content a[href='alpha/index.html']").first.click()
    assert re.search(r"/es/alpha/index\.html$", page.url)
    answer_alpha_by_keyboard(page, right=True)
    assert "3 de 3" in page.locator(".cur-score").inner_text()


def real_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def test_real_site_wcag21_aa_and_language_of_parts(real_sites: dict[str, Path], session: Session) -> None:
    """Every page of the real learner site, and the facilitator module pages, pass axe with zero violations."""
    problems = []
    learner = real_sites["learner"]
    pages = [(learner, rel) for rel in real_pages(learner)]
    pages += [(real_sites["facilitator"], rel) for rel in real_pages(real_sites["facilitator"]) if "/index.html" in rel]
    for site, rel in pages:
        page = session.open(site, rel)
        lang = "es" if rel.startswith("es/") else "en"
        if page.evaluate("document.documentElement.lang") != lang:
            problems.append(f"{rel}: html lang")
        load_axe(page)
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
            "v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | ')))", WCAG)
        problems += [f"{site.name}/{rel}: {v}" for v in violations]
    assert problems == []


def test_reinitialising_on_document_observable_is_idempotent(built: dict[str, Path], session: Session) -> None:
    """Material's instant navigation re-emits document$; widgets must not bind twice."""
    page = session.open(built["learner"], "alpha/index.html")
    assert page.evaluate("typeof window.document$ !== 'undefined'")
    page.evaluate("() => { window.__graded = 0;"
                  " document.addEventListener('curriculum:graded', () => window.__graded++);"
                  " document$.next(document); document$.next(document); }")
    answer_alpha_by_keyboard(page, right=True)
    assert page.evaluate("window.__graded") == 1
    assert page.locator(".cur-quiz[data-ready]").count() == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_dark_palette_passes_contrast(built: dict[str, Path], session: Session, lang: str) -> None:
    page = session.open(built["facilitator"], "alpha/index.html" if lang == "en" else "es/alpha/index.html")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    answer_alpha_by_keyboard(page, right=False)  # show right and wrong states, feedback and keys
    load_axe(page)
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})"
                           ".then(r => r.violations.map(v => v.nodes.map(n => n.target.join(' '))))")
    assert result == []
