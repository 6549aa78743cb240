"""Trauma-informed defaults (issue 11, item 6): content notes, the self-care page and the quick-exit button.

The loader and schema tests run in-process on the sample project; one build (module-scoped) checks the note in
both languages, the self-care page and the quick exit; the browser tests use the button by mouse and keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum import render
from curriculum.loader import load_catalog
from curriculum.model import SELF_CARE_PAGE
from tests.conftest import ROOT, build
from tests.sample_project import write_project

MODULE = "modules/alpha/module.yml"
NOTE = ('content_note:\n  en: "This module discusses recruitment, in general terms."\n'
        '  es: "Este módulo aborda la captación, en términos generales."\n')
NEUTRAL = "https://neutral.example/"


def _with_note(root: Path, note: str = NOTE, self_care: bool = True) -> None:
    path = root / MODULE
    path.write_text(path.read_text(encoding="utf-8").replace("audiences:", note + "audiences:", 1), encoding="utf-8")
    if self_care:
        for lang, title in (("en", "Self-care and vicarious trauma"), ("es", "Autocuidado y trauma vicario")):
            (root / "modules" / f"{SELF_CARE_PAGE}.{lang}.md").write_text(f"# {title}\n\nSupport.\n", encoding="utf-8")


def _codes(root: Path) -> list[tuple[str, str, int]]:
    _, diags = load_catalog(root)
    return [(d.code, d.path, d.line) for d in diags]


# -- loader and schema ------------------------------------------------------------------------------------------

def test_a_module_without_a_note_has_none(project: Path) -> None:
    catalog, diags = load_catalog(project)
    assert not diags.errors
    assert catalog.module("alpha").content_note is None  # type: ignore[union-attr]


def test_the_modules_own_note_is_loaded_in_both_languages(project: Path) -> None:
    _with_note(project)
    catalog, diags = load_catalog(project)
    assert [d.code for d in diags if d.severity != "note"] == []
    note = catalog.module("alpha").content_note  # type: ignore[union-attr]
    assert note is not None and note.text is not None
    assert note.text.en.startswith("This module discusses") and note.text.es.startswith("Este módulo aborda")
    assert (note.loc.path, note.loc.line) == (MODULE, 9)


@pytest.mark.parametrize("value, standard", [("true", True), ("false", False)])
def test_true_is_the_standard_note_and_false_is_none(project: Path, value: str, standard: bool) -> None:
    _with_note(project, f"content_note: {value}\n")
    catalog, diags = load_catalog(project)
    assert not diags.errors
    note = catalog.module("alpha").content_note  # type: ignore[union-attr]
    assert (note is not None and note.text is None) if standard else note is None


@pytest.mark.parametrize("note, code", [
    ('content_note: "yes please"\n', "CUR102"),                       # neither true nor {en, es}
    ("content_note: [a, b]\n", "CUR102"),
    ('content_note:\n  en: "Only English."\n', "CUR301"),             # a language missing
    ('content_note:\n  en: "One."\n  es: "Uno."\n  fr: "Un."\n', "CUR101"),
    ('content_note:\n  en: |\n    Two\n    lines.\n  es: "Una."\n', "CUR104"),  # not one line
    ('content_note:\n  en: "' + "x" * 241 + '"\n  es: "Corto."\n', "CUR104"),    # not short
])
def test_a_malformed_note_is_reported_in_module_yml(project: Path, note: str, code: str) -> None:
    _with_note(project, note)
    assert any(c == code and path == MODULE for c, path, _ in _codes(project)), _codes(project)


def test_a_note_needs_the_self_care_page_in_every_language(project: Path) -> None:
    _with_note(project, self_care=False)
    found = [(c, path, line) for c, path, line in _codes(project) if c == "CUR208"]
    assert found == [("CUR208", MODULE, 9), ("CUR208", MODULE, 9)]  # en and es
    (project / "modules" / f"{SELF_CARE_PAGE}.en.md").write_text("# Self-care\n", encoding="utf-8")
    _, diags = load_catalog(project)
    assert [d.message for d in diags if d.code == "CUR208"] == [
        "module `alpha` has a content note, which links to the self-care page, but "
        "modules/reference/self-care.es.md does not exist"]


def test_the_rendered_note_is_an_accessible_note_in_the_readers_language(project: Path) -> None:
    _with_note(project, NOTE.replace("recruitment,", '<b>recruitment</b> and <span lang=\\"es\\">captación</span>,'))
    catalog, _ = load_catalog(project)
    module = catalog.module("alpha")
    assert module is not None
    en, es = render.content_note(catalog, module, "en"), render.content_note(catalog, module, "es")
    assert en.startswith('<div class="cur-content-note" role="note" aria-labelledby="content-note-label">')
    assert "<strong id=\"content-note-label\">Content note.</strong>" in en
    assert "&lt;b&gt;recruitment&lt;/b&gt;" in en and '<span lang="es">captación</span>' in en  # escaped, lang kept
    assert "You may step out" in en and '<a href="../reference/self-care.html">Self-care and vicarious trauma</a>' in en
    assert "Aviso sobre el contenido." in es and "Puede salir de la sala" in es
    assert '<a href="../reference/self-care.html">Autocuidado y trauma vicario</a>' in es
    assert 'role="alert"' not in en + es
    header = render.module_header(catalog, module, "es")
    assert header.index("# Módulo alfa") < header.index("cur-content-note") < header.index("cur-module-head")


def test_the_standard_note_and_a_nested_module_folder(project: Path) -> None:
    _with_note(project, "content_note: true\n")
    catalog, _ = load_catalog(project)
    module = catalog.module("alpha")
    assert module is not None
    assert "This module deals with the exploitation of children" in render.content_note(catalog, module, "en")
    nested = type(module)(**{**module.__dict__, "folder": "part-1/alpha"})
    assert 'href="../../reference/self-care.html"' in render.content_note(catalog, nested, "es")


def test_every_real_module_opens_with_a_note_and_the_real_self_care_page_exists() -> None:
    catalog, diags = load_catalog(ROOT)
    assert [m.id for m in catalog.modules if m.content_note is None] == []
    for lang in ("en", "es"):
        page = catalog.docs.page(f"{SELF_CARE_PAGE}.{lang}.md")
        assert page is not None and page.text is not None
        assert "<!-- facilitator -->" in page.text and "<!-- /facilitator -->" in page.text
    assert not [d for d in diags if d.code in ("CUR208", "CUR101") and "content_note" in d.message]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "/relative", "ftp://example.org/",
                                 'https://example.org/"onclick="x'])
def test_the_quick_exit_url_must_be_an_https_address(url: str) -> None:
    from mkdocs.config.base import ValidationError

    from curriculum.plugin.config import QUICK_EXIT_URL, _ExitURL

    with pytest.raises(ValidationError):
        _ExitURL().validate(url)
    assert _ExitURL().validate(QUICK_EXIT_URL) == QUICK_EXIT_URL


# -- the built site ---------------------------------------------------------------------------------------------

def _quick_exit_config(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("      edition: !ENV [CURRICULUM_EDITION, learner]\n",
                        f"      edition: !ENV [CURRICULUM_EDITION, learner]\n      quick_exit: true\n"
                        f"      quick_exit_url: {NEUTRAL}\n", 1)
    text = text.replace("      - reference/bibliography.md\n", "      - reference/bibliography.md\n"
                        "      - reference/self-care.md\n", 1)
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def noted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with a content note, the self-care page and the quick exit on, built once."""
    root = write_project(tmp_path_factory.mktemp("trauma") / "project")
    _with_note(root)
    _quick_exit_config(root)
    site = root.parent / "site"
    result = build(root, "learner", site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.slow
def test_the_note_renders_in_both_languages_and_the_self_care_page_exists(noted_site: Path) -> None:
    for rel, label, link_text in (("alpha/index.html", "Content note.", "Self-care and vicarious trauma"),
                                  ("es/alpha/index.html", "Aviso sobre el contenido.", "Autocuidado y trauma vicario")):
        html = (noted_site / rel).read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        note = re.search(r'<div class="cur-content-note" role="note"[^>]*>.*?</div>', article, re.S)
        assert note is not None, rel
        assert label in note.group(0) and f'href="../reference/self-care.html">{link_text}</a>' in note.group(0)
        assert article.index("cur-content-note") < article.index("cur-module-head") < article.index('id="objectives"')
        target = (noted_site / rel).parent / "../reference/self-care.html"
        assert target.resolve().is_file(), target
    assert "Autocuidado y trauma vicario" in (noted_site / "es/reference/self-care.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_quick_exit_is_on_every_page_with_its_own_files(noted_site: Path) -> None:
    pages = [p for p in noted_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        body = re.search(r"<body\b[^>]*>\s*<a class=\"cur-quick-exit\" data-quick-exit href=\"([^\"]+)\"", html)
        assert body is not None and body.group(1) == NEUTRAL, page
        label = "Salida rápida" if page.relative_to(noted_site).as_posix().startswith("es/") else "Quick exit"
        assert f">{label}</a>" in html, page
        assert re.search(r'<script src="[./]*assets/curriculum/quick-exit\.js" defer></script>', html), page
        assert re.search(r'<link rel="stylesheet" href="[./]*assets/curriculum/quick-exit\.css">', html), page
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html[html.find("<body"):]), page  # no inline handler
    assert (noted_site / "assets/curriculum/quick-exit.js").is_file()


@pytest.mark.slow
def test_the_quick_exit_is_absent_when_off(built: dict[str, Path]) -> None:
    site = built["learner"]
    assert not (site / "assets/curriculum/quick-exit.js").exists()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "cur-quick-exit" not in html and "quick-exit.js" not in html, page


# -- in Chromium ------------------------------------------------------------------------------------------------

_VIOLATIONS = ("window.__csp = [];"
               "document.addEventListener('securitypolicyviolation',"
               " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


class ExitSession:
    """A browser context that serves the neutral page itself and records every other request leaving file://."""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context()
        self.outside: list[str] = []
        self.neutral: list[str] = []
        self.errors: list[str] = []
        self.context.add_init_script(_VIOLATIONS)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: object) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        elif url.startswith(NEUTRAL):
            self.neutral.append(url)
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Neutral</title><p>ok</p>")
        else:
            self.outside.append(url)
            route.abort()

    def open(self, site: Path, rel: str) -> object:
        self.page.goto((site / rel).as_uri())
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def exit_session(browser: object) -> Iterator[ExitSession]:
    s = ExitSession(browser)
    yield s
    s.context.close()
    assert s.outside == [], f"requests left file://: {s.outside}"
    assert s.errors == [], f"JavaScript errors: {s.errors}"


def _left_for_neutral(s: ExitSession, site: Path) -> None:
    s.page.wait_for_url(NEUTRAL, timeout=10_000)
    assert s.neutral == [NEUTRAL]
    s.page.go_back()  # the module page was replaced: Back lands on the page before it, not on the module
    s.page.wait_for_load_state("load")
    assert s.page.url == (site / "index.html").as_uri()


@pytest.mark.browser
@pytest.mark.slow
def test_quick_exit_by_click_replaces_the_page(noted_site: Path, exit_session: ExitSession) -> None:
    s = exit_session
    s.open(noted_site, "index.html")
    page = s.open(noted_site, "es/alpha/index.html")
    button = page.get_by_role("link", name="Salida rápida")
    assert button.is_visible()
    assert button.get_attribute("aria-describedby") == "cur-quick-exit-hint"
    assert "Esc dos veces" in page.locator("#cur-quick-exit-hint").inner_text()
    assert page.evaluate("window.__csp") == [] and s.neutral == []  # nothing fetched before the reader chooses
    button.click()
    _left_for_neutral(s, noted_site)


@pytest.mark.browser
@pytest.mark.slow
def test_quick_exit_by_keyboard_tab_enter_and_escape_twice(noted_site: Path, exit_session: ExitSession) -> None:
    s = exit_session
    s.open(noted_site, "index.html")
    page = s.open(noted_site, "alpha/index.html")
    page.keyboard.press("Tab")  # the first stop of the page
    assert page.evaluate("document.activeElement.matches('a.cur-quick-exit')")
    page.keyboard.press("Escape")  # one Escape alone does nothing
    page.wait_for_timeout(1200)
    page.keyboard.press("Escape")  # ... nor a second one after the one-second window
    page.wait_for_timeout(200)
    assert page.url.endswith("alpha/index.html") and page.evaluate("window.__csp") == []
    page.keyboard.press("Enter")
    _left_for_neutral(s, noted_site)
    page = s.open(noted_site, "es/alpha/index.html")
    page.locator("body").click(position={"x": 5, "y": 300})  # focus anywhere in the page
    s.neutral.clear()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL, timeout=10_000)
    assert s.neutral == [NEUTRAL]


@pytest.mark.browser
@pytest.mark.slow
def test_pages_with_the_note_and_the_button_pass_axe(noted_site: Path, exit_session: ExitSession) -> None:
    axe = Path(__file__).parent / "data" / "axe" / "axe.min.js"
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    problems = []
    for rel in ("alpha/index.html", "es/alpha/index.html", "reference/self-care.html", "es/reference/self-care.html"):
        page = exit_session.open(noted_site, rel)
        page.evaluate(axe.read_text(encoding="utf-8") + "\n;typeof axe")  # through DevTools: the CSP refuses a <script>
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
            "v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | ')))", tags)
        problems += [f"{rel}: {v}" for v in violations]
        assert page.evaluate("window.__csp") == [], rel
    assert problems == []
