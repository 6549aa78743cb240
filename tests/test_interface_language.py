"""The interface speaks the reader's language (issue 11, item 5).

Every built Spanish page is scanned for the English interface strings — Material's English language file,
our ``locales/en.yml`` (where it differs from the Spanish), the palette toggles' names, the permalink title,
the footer credit — in its text nodes and in what is read out or shown for it (``title``, ``aria-label``,
``placeholder``, ``alt``, a button's ``value``, the ``data-strings`` the scripts print, the translations Material
hands its script); and every English page for the Spanish ones. A passage marked with another ``lang`` (a quoted
term, a language name in the switcher) is the other language on purpose and is not scanned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
import yaml

from tests.conftest import ROOT, build
from tests.sample_project import write_project

LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
SCANNED_ATTRS = {"title", "aria-label", "aria-description", "placeholder", "alt"}
BUTTON_TYPES = {"button", "submit", "reset"}
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
# Theme strings that no language file holds: the palette toggles (mkdocs.yml), Python-Markdown's default
# permalink title, Material's footer credit and 404 heading (its templates).
THEME_EN = ("Switch to dark mode", "Switch to light mode", "Permanent link", "Made with", "Not found")


# -- the strings ---------------------------------------------------------------------------------------------


@cache
def material_strings(lang: str) -> dict[str, str]:
    """Material's interface strings for ``lang`` (its ``partials/languages/<lang>.html`` macro)."""
    text = (LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    pairs = re.findall(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', text, re.M)
    return {k: json.loads(f'"{v}"') for k, v in pairs if k not in NOT_TEXT}


@cache
def locale_strings(lang: str) -> dict[str, str]:
    data = yaml.safe_load((ROOT / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))
    return {str(k).lower() if isinstance(k, bool) else str(k): str(v) for k, v in data.items()}


def _toggle_names() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    palette = config.get("theme", {}).get("palette") or []
    return [p["toggle"]["name"] for p in palette if isinstance(p, dict) and "toggle" in p]


@cache
def interface_strings(lang: str) -> tuple[str, ...]:
    """The interface strings of ``lang`` that the other language says differently (same-in-both ones are fine)."""
    other = "es" if lang == "en" else "en"
    mine, theirs = material_strings(lang), material_strings(other)
    found = [v for k, v in mine.items() if v != theirs.get(k)]
    mine, theirs = locale_strings(lang), locale_strings(other)
    found += [v for k, v in mine.items() if v != theirs.get(k)]
    if lang == "en":
        found += [*THEME_EN, *_toggle_names()]
    return tuple(sorted({s for s in found if re.search(r"[^\W\d_]{2}", _literal(s))}))


def _literal(template: str) -> str:
    return re.sub(r"\{\w+\}|#", " ", template)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern: placeholders (``{name}``, Material's ``#``) stand for anything.

    One word must be the whole text (``Question`` matches ``Question 1.``, not a sentence that uses the word);
    several words may be part of a longer text.
    """
    parts = re.split(r"(\{\w+\}|#)", " ".join(template.split()))
    body = "".join(".+?" if p in ("#",) or re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts)
    if len(_literal(template).split()) == 1:
        return re.compile(rf"^[\s\W\d]*{body}[\s\W\d]*$")
    return re.compile(rf"(?<!\w){body}(?!\w)")


# -- the pages -----------------------------------------------------------------------------------------------


class _Texts(HTMLParser):
    """(what, text) for every text node and read-out attribute whose language is the page's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.page_lang: str | None = None
        self.found: list[tuple[str, str]] = []
        self.json_script = False

    def _lang(self) -> str | None:
        return next((lang for _, lang in reversed(self.stack) if lang), self.page_lang)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page_lang = a.get("lang")
        lang = a.get("lang") or None
        if tag not in VOID:
            self.stack.append((tag, lang))
        if (lang or self._lang()) != self.page_lang:
            return
        for name in SCANNED_ATTRS & a.keys():
            self.found.append((f"<{tag} {name}>", a[name]))
        if a.get("value") and (tag == "button" or (tag == "input" and a.get("type") in BUTTON_TYPES)):
            self.found.append((f"<{tag} value>", a["value"]))
        if tag == "meta" and a.get("name") == "description":
            self.found.append(("<meta description>", a.get("content", "")))
        if "data-strings" in a:  # what the quiz and progress scripts print
            for key, value in json.loads(a["data-strings"]).items():
                self.found.append((f"data-strings {key}", str(value)))
        self.json_script = tag == "script" and a.get("id") == "__config"

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                break
        self.json_script = False

    def handle_data(self, data: str) -> None:
        where = self.stack[-1][0] if self.stack else ""
        if self.json_script:  # Material's script prints these (search results, copy button)
            for key, value in (json.loads(data).get("translations") or {}).items():
                self.found.append((f"__config {key}", value))
        elif where not in ("script", "style") and data.strip() and self._lang() == self.page_lang:
            self.found.append(("text", " ".join(data.split())))


def page_texts(path: Path) -> list[tuple[str, str]]:
    parser = _Texts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def pages(site: Path, lang: str) -> Iterator[Path]:
    """The pages of ``lang``: the Spanish ones under es/, the English ones everywhere else."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if (lang == "es") == rel.startswith("es/"):
            yield path


def foreign_strings(site: Path, lang: str) -> list[str]:
    """Every interface string of the other language found on ``lang``'s pages, as ``page: where: text``."""
    other = "es" if lang == "en" else "en"
    patterns = [(s, _pattern(s)) for s in interface_strings(other)]
    hits = []
    for path in pages(site, lang):
        for where, text in page_texts(path):
            for string, pattern in patterns:
                if pattern.search(text):
                    hits.append(f"{path.relative_to(site).as_posix()}: {where}: {text!r} (interface: {string!r})")
    return hits


# -- the scanner itself (fast) -------------------------------------------------------------------------------


def test_the_scan_knows_the_theme_strings() -> None:
    english = interface_strings("en")
    for s in ("Permanent link", "Made with", "Switch to dark mode", "Back to top", "Search", "Check answers",
              "{score} of {total} questions correct ({percent})."):
        assert s in english, s
    assert "Volver al principio" in interface_strings("es") and "Revisar respuestas" in interface_strings("es")
    assert "Agenda" not in english and "min" not in english  # the same in both languages


def test_the_scan_finds_english_in_text_attributes_and_script_strings(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "es").mkdir(parents=True)
    (site / "es/page.html").write_text(
        '<html lang="es"><head><title>Inicio</title></head><body>'
        '<a class="headerlink" href="#x" title="Permanent link">¶</a>'
        '<div class="cur-quiz" data-strings=\'{"score": "2 of 3 questions correct (67%)."}\'></div>'
        "<footer>Made with <a>Material for MkDocs</a></footer><span class=cur-q-num>Question 1.</span>"
        '<p>Un término: <span lang="en">Search</span>. La palabra Search dentro de una frase.</p>'
        '<input type="radio" value="true"><button value="Try again">x</button>'
        '<script id="__config" type="application/json">{"translations": {"search.result.none": '
        '"No matching documents"}}</script></body></html>', encoding="utf-8")
    hits = "\n".join(foreign_strings(site, "es"))
    for expected in ("<a title>: 'Permanent link'", "data-strings score", "'Made with'", "'Question 1.'",
                     "<button value>: 'Try again'", "__config search.result.none"):
        assert expected in hits, (expected, hits)
    assert "Search" not in hits and "'true'" not in hits  # marked lang="en", inside a sentence, a radio's value


# -- the built sites -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with the real site's palette toggles and heading permalinks, built once."""
    root = write_project(tmp_path_factory.mktemp("themed") / "project")
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    palette = re.search(r"(?ms)^  palette:\n.*?(?=^\S|^  \w)", real)
    assert palette is not None
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  font: false\n", "  font: false\n" + palette.group(0), 1)
    extensions = "markdown_extensions: [attr_list, md_in_html, tables, admonition, "
    config = config.replace(extensions + "toc]", extensions + "{toc: {permalink: true}}]")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = root.parent / "site"
    result = build(root, "learner", site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("edition", ["learner", "facilitator"])
def test_sample_site_speaks_one_language(built: dict[str, Path], edition: str, lang: str) -> None:
    site = built[edition]
    assert list(pages(site, lang)), "no pages scanned"
    hits = foreign_strings(site, lang)
    assert hits == [], "\n".join(hits[:40])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "en"])
def test_palette_permalinks_and_footer_follow_the_language(themed: Path, lang: str) -> None:
    page = (themed / ("es/" if lang == "es" else "") / "alpha/index.html").read_text(encoding="utf-8")
    strings = locale_strings(lang)
    for key in ("palette_to_dark", "palette_to_light", "permalink_title"):
        assert f'title="{strings[key]}"' in page, key
    assert f'aria-label="{strings["palette_to_dark"]}"' in page
    assert strings["made_with"].split("{generator}")[0].strip() in page
    not_found = (themed / ("es/" if lang == "es" else "") / "404.html").read_text(encoding="utf-8")
    assert f"<h1>404 - {strings['not_found']}</h1>" in not_found
    hits = foreign_strings(themed, lang)
    assert hits == [], "\n".join(hits[:40])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "en"])
def test_real_site_speaks_one_language(real_sites: dict[str, Path], lang: str) -> None:
    for edition, site in real_sites.items():
        hits = foreign_strings(site, lang)
        assert hits == [], f"{edition}:\n" + "\n".join(hits[:40])


@pytest.mark.slow
def test_spanish_pages_write_numbers_the_es_mx_way(built: dict[str, Path]) -> None:
    """One place (curriculum.localefmt, CLDR es-MX through Babel): ``50%``, ``1 h``, a long date, the scripts'
    percent pattern and date locale in their strings."""
    site = built["learner"]
    module = (site / "es/alpha/index.html").read_text(encoding="utf-8")
    assert "Calificación aprobatoria: 50%" in module
    assert "1 de noviembre de 2026" in module
    scripts = dict(page_texts(site / "es/alpha/index.html")) | dict(page_texts(site / "es/tracks/basic.html"))
    assert scripts["data-strings percent"] == "{n}%" and scripts["data-strings locale"] == "es-MX"
    english = (site / "alpha/index.html").read_text(encoding="utf-8")
    assert "Pass mark: 50%" in english and "November 1, 2026" in english
