"""Injection: hostile text in every YAML source is rendered inert, in both languages and both editions.

Markdown pages are author-controlled HTML by design (as in any MkDocs site); everything written in YAML —
quiz prompts, choices, feedback, explanations, sources, objectives, titles, summaries, exercise titles,
track descriptions, glossary entries, policy recommendations and interface strings — is text, escaped by
``curriculum/render.py`` (only ``<span lang="en|es">…</span>`` survives). The sample project is rewritten
with a payload in every such text; the site must build, the payloads must show up as visible text, no
element may carry an event-handler attribute or a ``javascript:`` URL, and Chromium, visiting every page,
answering the quiz and searching, must count zero script executions and zero dialogs.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from curriculum.diagnostics import Diagnostics
from curriculum.loader import load_catalog
from curriculum.yamlsource import parse_yaml
from tests.conftest import build
from tests.sample_project import write_project

PWN = "window.__pwned=(window.__pwned||0)+1"
PAYLOADS = [
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN};alert(1)">',
    "<svg/onload=alert(2)>",
    '"><script>alert(3)</script>',
    "'><img src=x onerror=alert(4)>",
    '<a href="javascript:alert(5)">click</a>',
    "[click](javascript:alert(6))",
    '<span lang="en" onclick="alert(7)" onmouseover="alert(7)">x</span>',
    '<span lang="es"><script>alert(8)</script></span>',
    'Title {: onclick="alert(9)" }',
    "<!-- --><script>alert(10)</script>",
    "&lt;script&gt;alert(11)&lt;/script&gt;",
    '<iframe src="javascript:alert(12)"></iframe>',
    "</textarea></title></style><script>alert(13)</script>",
    "<details open ontoggle=alert(14)>",
    '<span lang="en">ok</span><span lang="en" <script>alert(15)</script>',
    "![x](javascript:alert(16))",
    "<javascript:alert(17)>",
    "`<script>alert(18)</script>`",
    "\\<script>alert(19)</script>",
    "{{ 7*191 }} ${alert(20)}",
    "<style>body{display:none}</style>alert(21)",
    '<math><mi xlink:href="javascript:alert(22)">x</mi></math>',
    '<form action="javascript:alert(23)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(24)">',
    '<base href="javascript:alert(25)//">',
    "[x]: javascript:alert(26)\n\n[y][x]",
    '<span lang="en&quot; onclick=&quot;alert(27)">x</span>',
    "</span><script>alert(28)</script><span>",
    "\u2028\u2029</script><script>alert(29)</script>",
]
TEXT_KEYS = {"en", "es", "citation", "source"}
URL_PAYLOAD = 'https://example.org/a"onmouseover="alert(30)"x=\'><script>alert(31)</script>'


# A page title also lands in <title>, where Material's striptags unescapes it: the plugin's main.html
# escapes it again (see test_titles_cannot_break_out_of_the_title_element).
TITLE_PAYLOADS = [p for p in PAYLOADS if "</title>" not in p]


# Texts that must be one line (they land in headings, table cells and GIFT lines: CUR104) get the payloads with
# their line breaks turned into spaces; every payload still reaches other texts whole.
ONE_LINE = {"title", "summary", "term", "short", "text"}


def _poison(value: object, payloads: Iterator[str], titles: Iterator[str], one_line: bool = False) -> object:
    """Put a payload into every human text of a loaded YAML document (ids, numbers, dates untouched)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in TEXT_KEYS and isinstance(item, str) and not item.startswith("@"):
                payload = next(payloads)  # a `@key, pinpoint` citation is a reference, not text
                out[key] = f"{item} {payload.replace(chr(10), ' ') if one_line else payload}"
            elif key == "url":
                out[key] = URL_PAYLOAD
            elif key == "title":
                out[key] = _poison(item, titles, titles, True)
            else:
                out[key] = _poison(item, payloads, titles, one_line or key in ONE_LINE)
        return out
    if isinstance(value, list):
        return [_poison(v, payloads, titles, one_line) for v in value]
    return value


CONTENT = ("quizzes/alpha.yml", "modules/alpha/module.yml", "tracks/basic.yml", "glossary/terms.yml", "curriculum.yml",
           "bibliography/sources.yml")


def write_hostile_project(root: Path, locales: bool = False) -> Path:
    """The sample project with a payload in every content text (and, if asked, every interface string)."""
    write_project(root)
    payloads, titles = itertools.cycle(PAYLOADS), itertools.cycle(TITLE_PAYLOADS)
    for rel in CONTENT:
        path = root / rel
        data = _poison(yaml.safe_load(path.read_text(encoding="utf-8")), payloads, titles)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    for lang in ("en", "es") if locales else ():
        path = root / f"locales/{lang}.yml"
        node = parse_yaml(path.read_text(encoding="utf-8"), "x.yml", Diagnostics())  # keeps `true:` a word
        lines = [f"{key}: {json.dumps(f'{value.value} {payload}', ensure_ascii=False)}"
                 for (key, value), payload in zip(node.value.items(), itertools.cycle(PAYLOADS), strict=False)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def problems(site: Path) -> list[str]:
    out = []
    for page in sorted(site.rglob("*.html")):
        a = audit(page)
        bad = a.handlers + a.js_urls + [s[:60] for s in a.scripts if "alert(" in s or "__pwned" in s]
        out += [f"{page.relative_to(site)}: {b}" for b in bad]
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = write_hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    _, diags = load_catalog(root)
    assert diags.errors == [], "\n".join(d.render() for d in diags.errors)
    sites = {}
    for edition in ("learner", "facilitator"):
        site = root.parent / f"site-{edition}"
        result = build(root, edition, site)
        assert result.returncode == 0, result.stderr[-3000:]
        sites[edition] = site
    return sites


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("title", "textarea"):
            self.set_cdata_mode(tag)  # RCDATA in browsers: a tag inside is text, only its end tag ends it
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if value and "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                self.js_urls.append(f"<{tag} {name}={value!r}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def audit(path: Path) -> _Audit:
    a = _Audit()
    a.feed(path.read_text(encoding="utf-8"))
    return a


@pytest.mark.slow
def test_payloads_are_inert_in_the_html(hostile: dict[str, Path]) -> None:
    for edition, site in hostile.items():
        assert problems(site) == [], edition
        seen = ""
        for page in sorted(site.rglob("*.html")):
            a = audit(page)
            where = f"{edition}/{page.relative_to(site)}"
            assert not {"iframe", "base", "math", "object", "embed"} & set(a.tags), where
            assert "1337" not in page.read_text(encoding="utf-8"), where  # no template evaluation
            seen += "".join(a.text)
        # every payload reached the page as text a reader can see (escaped, not dropped)
        for n in range(1, 30):
            assert f"alert({n})" in seen, (edition, n)
        assert "window.__pwned" in seen and "<script>" in seen


@pytest.mark.slow
def test_span_language_markup_still_works(hostile: dict[str, Path]) -> None:
    """The one allowed tag survives, and only in its exact form."""
    pages = {p.relative_to(hostile["learner"]).as_posix(): p.read_text(encoding="utf-8")
             for p in hostile["learner"].rglob("*.html")}
    assert [rel for rel, html in pages.items() if '<span lang="en">ok</span>' in html]
    assert [rel for rel, html in pages.items() if '<span lang="en" onclick' in html] == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "//evil.example/x", "vbscript:x",
                                 "file:///etc/passwd", "ftp://example.org/x"])
def test_source_url_must_be_http(project: Path, url: str) -> None:
    meta = project / "bibliography/sources.yml"
    text = meta.read_text(encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith("    url: "))
    meta.write_text(re.sub(r"(?m)^    url: .*$", lambda _: f"    url: {json.dumps(url)}", text), encoding="utf-8")
    _, diags = load_catalog(project)
    found = [(d.code, d.line) for d in diags.errors if d.code != "CUR803"]  # CUR803: so the treaty has no url
    assert found == [("CUR104", line)], [d.render() for d in diags]


# -- in the browser -----------------------------------------------------------------------------------------

EVENTS = """() => { for (const el of document.querySelectorAll('body *'))
  for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'error', 'load', 'animationstart', 'input'])
    el.dispatchEvent(new Event(type)); }"""


@pytest.mark.slow
@pytest.mark.browser
def test_zero_script_executions_and_dialogs_in_chromium(hostile: dict[str, Path], browser: object) -> None:
    dialogs: list[str] = []
    outside: list[str] = []
    executed = 0
    context = browser.new_context()
    context.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
                                         else (outside.append(route.request.url), route.abort())))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    visited = 0
    for edition, site in hostile.items():
        for path in sorted(site.rglob("*.html")):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            visited += 1
            if page.locator(".cur-quiz").count():  # answer and check: the script writes feedback and results
                for fieldset in page.locator(".cur-q").all():   # ordering: the order shown is an answer
                    for select in fieldset.locator("select").all():    # matching (locked once graded)
                        if select.is_enabled():
                            select.select_option(index=1)
                    if fieldset.locator("input").count():
                        fieldset.locator("input").first.check()
                page.locator(".cur-check").click()
                page.locator(".cur-fb, .cur-expl").first.wait_for(state="attached")
            page.evaluate(EVENTS)  # fire every handler an attribute could have smuggled in
            executed += page.evaluate("window.__pwned || 0")
        search = hostile[edition] / "index.html"
        page.goto(search.as_uri())
        page.locator("label.md-search__icon, .md-search__input").first.click()
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_text=re.compile(r"\S")).wait_for()  # "Type to start searching": the index is loaded
        # "alpha" matches the module's pages, whose indexed texts (summary, objectives...) carry payloads: the
        # results are rendered from the index, so wait for them and check the payloads show as text
        page.locator("input.md-search__input").press_sequentially("alpha", delay=15)
        meta.filter(has_text=re.compile(r"\d")).wait_for()  # "N matching documents"
        page.locator("a.md-search-result__link").first.wait_for()
        assert "alert(" in page.locator(".md-search-result__list").inner_text(), edition
        executed += page.evaluate("window.__pwned || 0")
    context.close()
    assert visited >= 20
    assert (executed, dialogs) == (0, [])
    assert outside == []


@pytest.mark.slow
def test_titles_cannot_break_out_of_the_title_element(project: Path, tmp_path: Path) -> None:
    payload = "</title><script>alert(13)</script>"
    meta = project / "modules/alpha/module.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("  en: Alpha module", f"  en: {json.dumps(payload)}"),
                    encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site=site).returncode == 0
    html = (site / "alpha/index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "<script>alert(13)" not in head


@pytest.mark.slow
def test_interface_strings_are_inert(tmp_path: Path) -> None:
    root = write_hostile_project(tmp_path / "project", locales=True)
    found = []
    for edition in ("learner", "facilitator"):
        site = tmp_path / edition
        assert build(root, edition, site).returncode == 0
        found += problems(site)
    assert found == []
