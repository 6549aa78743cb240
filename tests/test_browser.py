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


MATCH = {"act": "act", "means": "means", "purpose": "purpose"}   # premise -> its response (the answer key)
ORDER = ["act", "means", "purpose"]


def choose_by_keyboard(page: object, select: object, value: str) -> None:
    """Pick an option of a native <select> with the arrow keys, as a keyboard user does."""
    select.focus()
    values = select.evaluate("s => Array.from(s.options).map(o => o.value)")
    steps = values.index(value) - values.index(select.input_value())
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert select.input_value() == value


def match_by_keyboard(page: object, question: str, pairs: dict[str, str]) -> None:
    for premise, response in pairs.items():
        choose_by_keyboard(page, page.locator(f'select[name="alpha--{question}--{premise}"]'), response)


def shown_order(page: object, question: str) -> list[str]:
    return page.locator(f"#q-alpha--{question} .cur-item").evaluate_all("els => els.map(e => e.dataset.item)")


def order_by_keyboard(page: object, question: str, order: list[str]) -> None:
    """Move each item up into its place with its "Move up" button (Enter), focus staying on the button."""
    for position, item in enumerate(order):
        now = shown_order(page, question).index(item)
        if now > position:
            page.locator(f'#q-alpha--{question} .cur-item[data-item="{item}"] .cur-up').focus()
            for _ in range(now - position):
                page.keyboard.press("Enter")
    assert shown_order(page, question) == order


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
    match_by_keyboard(page, "match-elements", MATCH)  # q4: each premise's menu
    order_by_keyboard(page, "order-definition", ORDER)
    page.locator(".cur-check").focus()  # the submit button
    page.keyboard.press("Enter")


def test_quiz_right_and_wrong_by_keyboard(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "es/alpha/index.html")
    status = page.locator(".cur-score")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    answer_alpha_by_keyboard(page, right=False)
    assert status.inner_text().startswith("4 de 5 preguntas correctas (80%).")  # CLDR es_MX: no space before %
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
    assert "5 de 5 preguntas correctas (100%). Aprobado" in status.inner_text()
    saved = json.loads(session.storage("curriculum:v1:quiz:alpha"))
    assert saved["v"] == 1 and saved["passed"] is True
    assert saved["answers"]["purposes"] == ["forced-labour", "sexual"]
    assert saved["answers"]["match-elements"] == ["act.act", "means.means", "purpose.purpose"]  # stable ids
    assert saved["answers"]["order-definition"] == ORDER


def test_unanswered_questions_are_announced(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    page.locator(".cur-check").click()
    assert page.locator(".cur-score").inner_text() == "Answer every question first (4 unanswered)."


def test_progress_survives_reload_and_is_shared_by_languages(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    answer_alpha_by_keyboard(page, right=True)
    page.reload()
    assert "5 of 5 questions correct" in page.locator(".cur-score").inner_text()
    assert page.locator('input[value="recruitment"]').is_checked()
    assert page.locator('select[name="alpha--match-elements--means"]').input_value() == "means"
    assert shown_order(page, "order-definition") == ORDER
    page = session.open(built["learner"], "es/alpha/index.html")  # same quiz id, same progress
    assert "5 de 5" in page.locator(".cur-score").inner_text()


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
    assert "5 of 5" in page.locator(".cur-score").inner_text()


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
    assert "5 de 5" in page.locator(".cur-score").inner_text()


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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_matching_and_ordering_by_keyboard_with_per_item_feedback(built: dict[str, Path], session: Session,
                                                                  lang: str) -> None:
    """Matching (a native menu per premise) and ordering (Move up/down buttons, announced) by keyboard only:
    scored all-or-nothing, each pair and position marked, the feedback of right items only, stable ids stored."""
    page = session.open(built["learner"], "alpha/index.html" if lang == "en" else "es/alpha/index.html")
    matching, ordering = page.locator("#q-alpha--match-elements"), page.locator("#q-alpha--order-definition")
    # every menu is labelled by its premise; every button names its item; nothing is drag-only
    assert page.locator('label[for="alpha--match-elements--act"]').inner_text() == ("Act" if lang == "en" else "Acción")
    assert matching.locator("select").count() == 3 and matching.locator("option").count() == 3 * 5
    shown = shown_order(page, "order-definition")
    assert sorted(shown) == sorted(ORDER) and shown != ORDER             # a seeded shuffle, never the answer
    first = ordering.locator(".cur-item").first
    assert first.locator(".cur-up").get_attribute("aria-disabled") == "true"
    # a move is announced in the page's language and keeps the focus on the button
    second = ordering.locator(".cur-item").nth(1)
    moved = second.get_attribute("data-item")
    second.locator(".cur-up").focus()
    page.keyboard.press("Enter")
    assert shown_order(page, "order-definition")[0] == moved
    assert page.evaluate("document.activeElement.classList.contains('cur-up')")
    live = ordering.locator(".cur-live").inner_text()
    assert live.endswith("now in position 1 of 3." if lang == "en" else "ahora en la posición 1 de 3.")
    # the choice questions right; one pair wrong; two items swapped
    page.locator('input[name="alpha--which-act"][value="recruitment"]').focus()
    page.keyboard.press("Space")
    for value in ("forced-labour", "sexual"):
        page.locator(f'input[name="alpha--purposes"][value="{value}"]').focus()
        page.keyboard.press("Space")
    page.locator('input[name="alpha--child-means"][value="true"]').focus()
    page.keyboard.press("Space")
    match_by_keyboard(page, "match-elements", {"act": "act", "means": "consent", "purpose": "purpose"})
    order_by_keyboard(page, "order-definition", ["means", "act", "purpose"])
    page.locator(".cur-check").focus()
    page.keyboard.press("Enter")
    score = page.locator(".cur-score").inner_text()
    assert score.startswith("3 of 5 questions correct" if lang == "en" else "3 de 5 preguntas correctas")
    assert matching.locator(".cur-result").inner_text() == (
        "Not quite. Right matches: 2 of 3." if lang == "en" else "No exactamente. Correspondencias correctas: 2 de 3.")
    assert ordering.locator(".cur-result").inner_text() == (
        "Not quite. Items in the right place: 1 of 3." if lang == "en"
        else "No exactamente. Elementos en su lugar correcto: 1 de 3.")
    right, wrong = ("✓ Right", "✗ Not right") if lang == "en" else ("✓ Correcto", "✗ Incorrecto")
    assert matching.locator("#mark-alpha--match-elements--act").inner_text() == right
    assert matching.locator("#mark-alpha--match-elements--means").inner_text() == wrong
    assert matching.locator('.cur-fb[data-item="act"]').is_visible()       # feedback of a right pair only
    marks = ordering.locator(".cur-item .cur-mark").all_inner_texts()
    assert marks == [wrong, wrong, right]
    assert not ordering.locator('.cur-fb[data-item="act"]').is_visible()   # `act` is not in its place
    assert matching.locator("select").first.is_disabled() and ordering.locator(".cur-up").first.is_disabled()
    saved = json.loads(session.storage("curriculum:v1:quiz:alpha"))
    assert saved["answers"]["match-elements"] == ["act.act", "means.consent", "purpose.purpose"]
    assert saved["answers"]["order-definition"] == ["means", "act", "purpose"]
    load_axe(page)
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))", WCAG)
    assert violations == []
    # Try again: back to the first shuffle, nothing chosen, nothing marked
    page.locator(".cur-retry").focus()
    page.keyboard.press("Enter")
    assert shown_order(page, "order-definition") == shown
    assert matching.locator("select").first.input_value() == "" and matching.locator(".cur-mark").all_inner_texts() \
        == ["", "", ""]


# -- where new users stumbled (issue 12, item 6) -------------------------------------------------------------


def test_try_again_is_hidden_until_the_quiz_is_checked(built: dict[str, Path], session: Session) -> None:
    page = session.open(built["learner"], "alpha/index.html")
    retry = page.locator(".cur-retry")
    assert retry.get_attribute("hidden") is not None and not retry.is_visible()   # a style must not override it
    answer_alpha_by_keyboard(page, right=True)
    assert retry.is_visible()
    retry.focus()
    page.keyboard.press("Enter")
    assert not retry.is_visible()


def answer_all_but_purposes(page: object) -> None:
    page.locator('input[name="alpha--which-act"][value="recruitment"]').check()
    page.locator('input[name="alpha--child-means"][value="true"]').check()
    for premise in MATCH:
        page.locator(f'select[name="alpha--match-elements--{premise}"]').select_option(MATCH[premise])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_partly_right_multiple_answer_says_what_was_missed(built: dict[str, Path], session: Session,
                                                            lang: str) -> None:
    page = session.open(built["learner"], "alpha/index.html" if lang == "en" else "es/alpha/index.html")
    q = page.locator("#q-alpha--purposes")
    answer_all_but_purposes(page)
    q.locator('input[value="forced-labour"]').check()    # one of the two right answers, nothing wrong
    page.locator(".cur-check").click()
    assert q.locator(".cur-result").inner_text() == (
        "Not quite. Right answers chosen: 1 of 2; wrong answers chosen: 0." if lang == "en"
        else "No exactamente. Respuestas correctas elegidas: 1 de 2; respuestas incorrectas elegidas: 0.")
    page.locator(".cur-retry").click()
    answer_all_but_purposes(page)
    q.locator('input[value="forced-labour"]').check()
    q.locator('input[value="transport"]').check()        # and a wrong one: it is marked as wrong
    page.locator(".cur-check").click()
    assert q.locator(".cur-result").inner_text().endswith(
        "1 of 2; wrong answers chosen: 1." if lang == "en" else "1 de 2; respuestas incorrectas elegidas: 1.")
    right, wrong = ("✓ Right", "✗ Not right") if lang == "en" else ("✓ Correcto", "✗ Incorrecto")
    assert q.locator('label:has(input[value="transport"]) .cur-mark').inner_text() == wrong
    assert q.locator('label:has(input[value="forced-labour"]) .cur-mark').inner_text() == right
    assert q.locator('label:has(input[value="sexual"]) .cur-mark').inner_text() == ""   # not chosen: not revealed


@pytest.mark.parametrize("lang", ["en", "es"])
def test_printing_letters_the_choices_and_adds_name_and_date_lines(built: dict[str, Path], session: Session,
                                                                  lang: str, tmp_path: Path) -> None:
    """What the browser prints (Chromium's own PDF, read back by pdftotext): lettered answers, name and date."""
    import subprocess

    page = session.open(built["learner"], "alpha/index.html" if lang == "en" else "es/alpha/index.html")
    fields = page.locator(".cur-print-fields")
    assert not fields.is_visible()                                            # on screen: no worksheet lines
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(page.pdf())
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                                   text=True).stdout.split())
    if lang == "en":
        assert "A. Forced labour B. Sexual exploitation C. Transport" in text and "A. True B. False" in text
    else:
        assert "A. Trabajos forzados B. Explotación sexual C. Transporte" in text and "A. Verdadero B. Falso" in text
    page.emulate_media(media="print")
    assert fields.is_visible()
    assert fields.inner_text().split() == (["Name:", "Date:"] if lang == "en" else ["Nombre:", "Fecha:"])
    assert ("Name: Date:" if lang == "en" else "Nombre: Fecha:") in text
    assert page.locator(".cur-bank").first.is_visible() and not page.locator(".cur-moves").first.is_visible()
