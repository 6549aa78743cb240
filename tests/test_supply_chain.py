"""Supply chain: no built file refers the reader's browser to a third-party host.

What "a reference to a third-party host" means here. The curriculum cites official statutes and treaties
on purpose, and it ships Material's JavaScript, whose licence headers and comments name the projects it
came from. A bare "no foreign URL anywhere" rule would forbid the citations and fail on licence text, so
every URL in every built file (HTML, JS, CSS, JSON, XML, SVG, the gzipped sitemap, licence and source-map
files) is classified by what software would do with it:

1. **A load** — anything the browser fetches without the reader deciding to: ``src``/``srcset``/``poster``/
   ``data``/``action``/``formaction``/``background``, ``<link href>`` (stylesheet, icon, preload, preconnect,
   dns-prefetch), ``<meta http-equiv=refresh>``, SVG ``href``/``xlink:href``, CSS ``url()``/``@import``
   (also inside SVG data URLs), and the same inside HTML the search index holds (Material renders it).
   **Forbidden** for any host but the site's own; no allowlist.
2. **A URL in executable JavaScript** (string and template literals, comments removed by a small lexer).
   Forbidden except the few reviewed entries of ``JS_ALLOWED`` — each in Material's pinned bundle, each
   behind a condition this site never meets, and a test below proves the condition absent.
3. **A hyperlink** (``<a href>``, ``<area href>``): a request only if the reader follows it. Allowed, and
   counted per host; the hosts must be the hosts of the sources in ``bibliography/sources.yml`` (official
   statutes), plus Material's "Made with" credit (``HYPERLINK_EXTRA``). A link to any other host fails.
4. **An identifier never dereferenced**: XML namespaces (``xmlns``), ``rel=canonical``/``alternate`` and
   sitemap ``<loc>`` (which must name the site's own ``site_url`` host), comments and licence text in
   vendored JS/CSS, and source maps (fetched only by developer tools, and self-contained). Counted only.

The site's own host (from ``site_url``) is never third-party. Scanned: the sample project and the real
curriculum, each in both editions and both languages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

JS_ALLOWED = {
    "https://unpkg.com/resize-observer-polyfill":
        "Material bundle: fetched only when the browser has no ResizeObserver (Chrome < 64, Firefox < 69, "
        "Safari < 13.1, all from 2019 or earlier); offline the request simply fails",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js":
        "Material bundle: fetched only on a page with a Mermaid diagram; test_conditions_are_absent",
    "https://api.github.com/repos/":
        "Material bundle: repository facts, only when mkdocs.yml sets repo_url; test_conditions_are_absent",
    "https://api.github.com/users/": "Material bundle: as above (repo_url pointing at a user)",
    "https://bit.ly/2s3ChXG": "Material search worker: text of a console warning about an invalid query; never fetched",
    "https://github.com/isaacs/node-glob/issues/167":
        "lunr/wordcut.js (Material's Thai word splitter, bundling node-glob): text of a TypeError; never fetched",
}
HYPERLINK_EXTRA = {
    "squidfunk.github.io": "Material's 'Made with Material for MkDocs' footer credit (a plain hyperlink)",
}

_URL = re.compile(r"""https?://[^\s"'<>()\\`$,;{}|^]+""")
_ABS = re.compile(r"^\s*(?:https?:)?//", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.I | re.S)
_LOAD_ATTRS = {"src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href", "ping",
               "lowsrc", "dynsrc", "manifest", "codebase", "archive", "cite", "longdesc", "profile", "usemap"}
_HYPERLINK_TAGS = {"a", "area"}


def host(url: str) -> str:
    return (urlsplit(url.strip() if "://" in url else "https:" + url.strip()).hostname or "").lower()


class Inventory:
    """Every external reference found, by category; ``problems`` are the forbidden ones."""

    def __init__(self, own: str, link_hosts: set[str]) -> None:
        self.own, self.link_hosts = own, link_hosts
        self.counts: dict[str, Counter[str]] = {k: Counter() for k in ("load", "js", "hyperlink", "identifier")}
        self.problems: list[str] = []

    def foreign(self, url: str) -> bool:
        return bool(host(url)) and host(url) != self.own

    def load(self, where: str, url: str) -> None:
        if _ABS.match(url) and self.foreign(url):
            self.counts["load"][host(url)] += 1
            self.problems.append(f"{where}: loads {url}")

    def hyperlink(self, where: str, url: str) -> None:
        if not (_ABS.match(url) and self.foreign(url)):
            return
        self.counts["hyperlink"][host(url)] += 1
        if host(url) not in self.link_hosts:
            self.problems.append(f"{where}: hyperlink to {host(url)}, which no cited source uses: {url}")

    def identifier(self, where: str, url: str, must_be_own: bool = False) -> None:
        if _ABS.match(url) and self.foreign(url):
            self.counts["identifier"][host(url)] += 1
            if must_be_own:
                self.problems.append(f"{where}: {url} is not on the site's own host {self.own}")

    def js(self, where: str, source: str) -> None:
        code, comments = split_js(source)
        for url in _URL.findall(code):
            if not self.foreign(url):
                continue
            self.counts["js"][host(url)] += 1
            if not any(url.startswith(allowed) for allowed in JS_ALLOWED):
                self.problems.append(f"{where}: script refers to {url}")
        for url in _URL.findall(comments):
            self.identifier(where, url)

    def css(self, where: str, text: str) -> None:
        for url in _URL.findall("".join(_CSS_COMMENT.findall(text))):
            self.identifier(where, url)
        for m in _CSS_URL.finditer(_CSS_COMMENT.sub("", text)):
            url = (m.group(2) if m.group(2) is not None else m.group(4) or "").strip()
            if url.lower().startswith("data:image/svg+xml"):
                self.html(where + " (SVG data URL)", unquote(url.split(",", 1)[-1]))
            else:
                self.load(where, url)

    def html(self, where: str, text: str) -> None:
        _Scanner(self, where).feed(text)

    def json_value(self, where: str, value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                self.json_value(where, v)
        elif isinstance(value, list):
            for v in value:
                self.json_value(where, v)
        elif isinstance(value, str):
            if "<" in value:
                self.html(where, value)  # Material's search renders these texts as HTML
            else:
                for url in _URL.findall(value):
                    self.identifier(where, url)


class _Scanner(HTMLParser):
    def __init__(self, inventory: Inventory, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.inv, self.where, self.stack = inventory, where, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        where = f"{self.where} <{tag}>"
        self.stack.append(tag)
        for name, value in a.items():
            if name.startswith("xmlns"):
                self.inv.identifier(where, value)
            elif name in _LOAD_ATTRS:
                for part in value.split(",") if name == "srcset" else [value]:
                    self.inv.load(where, part.strip().split(" ")[0])
            elif name == "style":
                self.inv.css(where, value)
            elif name == "href":
                if tag in _HYPERLINK_TAGS:
                    self.inv.hyperlink(where, value)
                elif tag in ("link", "xhtml:link") and {"canonical", "alternate"} & set(a.get("rel", "").split()):
                    self.inv.identifier(where, value, must_be_own=True)
                else:
                    self.inv.load(where, value)  # stylesheet, icon, preload, preconnect, <use>, <image>, <base>
            elif name == "content" and a.get("http-equiv", "").lower() == "refresh":
                self.inv.load(where, value.partition("url=")[2] or value.partition("URL=")[2])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        current = self.stack[-1] if self.stack else ""
        if current == "script":
            self.inv.js(self.where + " <script>", data)
        elif current == "style":
            self.inv.css(self.where + " <style>", data)
        elif current == "loc":
            self.inv.identifier(self.where + " <loc>", data.strip(), must_be_own=True)

    def handle_comment(self, data: str) -> None:
        for url in _URL.findall(data):
            self.inv.identifier(self.where + " <!-- -->", url)


# -- a small JavaScript lexer: code (with its string literals) apart from comments -------------------------

_JS_TOKEN = re.compile(r"""
    (?P<line>//[^\n]*) | (?P<block>/\*.*?(?:\*/|\Z)) |
    (?P<str>"(?:\\.|[^"\\\n])*"? | '(?:\\.|[^'\\\n])*'? | `(?:\\.|[^`\\])*`?) |
    (?P<word>[A-Za-z_$][\w$]*) | (?P<num>\d[\w.]*) | (?P<space>\s+) | (?P<other>.)
""", re.S | re.X)
_REGEX = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-z]*")
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^") | {""}
_KEYWORDS_BEFORE_REGEX = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
                          "instanceof", "yield", "await"}


@lru_cache(maxsize=256)  # the same Material assets are in every site scanned
def split_js(source: str) -> tuple[str, str]:
    """``(code, comments)`` of a script; regex literals are told from division by the token before them."""
    code: list[str] = []
    comments: list[str] = []
    last = ""  # the last significant token
    i = 0
    while i < len(source):
        if source[i] == "/" and source[i + 1: i + 2] not in ("/", "*") and (
                last in _BEFORE_REGEX or last in _KEYWORDS_BEFORE_REGEX):
            m = _REGEX.match(source, i)
            if m:
                code.append(m.group(0))
                i, last = m.end(), "regex"
                continue
        m = _JS_TOKEN.match(source, i)
        assert m is not None
        kind, text = m.lastgroup, m.group(0)
        if kind in ("line", "block"):
            comments.append(text)
        else:
            code.append(text)
            if kind != "space":
                last = text if kind in ("other", "word") else kind
        i = m.end()
    return "".join(code), "\n".join(comments)


# -- the scan ----------------------------------------------------------------------------------------------


def scan(site: Path, root: Path) -> Inventory:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    own = host(re.search(r"<loc>([^<]+)</loc>", sitemap).group(1))
    cited = set()
    for meta in [*(root / "modules").glob("**/module.yml"), *(root / "bibliography").glob("*.yml")]:
        data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
        cited |= {host(s["url"]) for s in data.get("sources") or [] if isinstance(s, dict) and s.get("url")}
    inv = Inventory(own, cited | set(HYPERLINK_EXTRA))
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if path.suffix == ".gz":
            data, rel = gzip.decompress(data), rel[:-3]
        if path.suffix in (".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf", ".pdf"):
            continue
        text = data.decode("utf-8", errors="replace")
        suffix = Path(rel).suffix
        if suffix in (".html", ".xml", ".svg"):
            inv.html(rel, text)
        elif rel.endswith("search_index.js") and text.startswith("var __index = "):
            inv.json_value(rel, json.loads(text[len("var __index = "):]))
        elif suffix == ".js":
            inv.js(rel, text)
        elif suffix == ".css":
            inv.css(rel, text)
        elif suffix == ".json":
            inv.json_value(rel, json.loads(text))
        elif suffix == ".map":  # source maps: developer tools only, sources embedded — counted, never loaded
            for url in _URL.findall(text):
                inv.identifier(rel, url)
        else:  # licence files and anything else: text, never executed
            for url in _URL.findall(text):
                inv.identifier(rel, url)
    return inv


def report(inv: Inventory) -> str:
    return "\n".join([*inv.problems[:40], *(f"{k}: {dict(v.most_common(12))}" for k, v in inv.counts.items())])


@pytest.fixture(scope="module")
def sample_sites(built: dict[str, Path]) -> list[tuple[str, Path, Path]]:
    return [(f"sample-{edition}", site, site.parent / "project") for edition, site in built.items()]


@pytest.mark.slow
def test_sample_site_has_no_third_party_reference(sample_sites: list[tuple[str, Path, Path]]) -> None:
    for name, site, root in sample_sites:
        inv = scan(site, root)
        assert inv.problems == [], name + "\n" + report(inv)
        assert inv.counts["load"] == Counter()
        assert inv.counts["hyperlink"]["www.ohchr.org"] >= 2, report(inv)  # the cited source, in each language


@pytest.mark.slow
def test_real_site_has_no_third_party_reference(real_sites: dict[str, Path]) -> None:
    for edition, site in real_sites.items():
        inv = scan(site, ROOT)
        assert inv.problems == [], edition + "\n" + report(inv)
        assert inv.counts["load"] == Counter()
        assert set(inv.counts["js"]) <= {host(u) for u in JS_ALLOWED}
        assert inv.counts["hyperlink"]["squidfunk.github.io"] <= sum(1 for _ in site.rglob("*.html"))


@pytest.mark.slow
def test_conditions_are_absent(built: dict[str, Path], real_sites: dict[str, Path]) -> None:
    """The allowlisted script URLs fire only with a Mermaid diagram or a repo_url: neither exists."""
    for site in [*built.values(), *real_sites.values()]:
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            assert 'class="mermaid"' not in html, page
            assert 'data-md-component="source"' not in html, page


def test_scanner_catches_each_kind_of_load(tmp_path: Path) -> None:
    inv = Inventory("example.org", {"www.ohchr.org"})
    inv.html("x.html", '<img src="https://cdn.example.net/a.png"><link rel="stylesheet" href="//fonts.example.com/c">'
             '<link rel="preconnect" href="https://fonts.gstatic.com"><script src="https://unpkg.com/x"></script>'
             '<meta http-equiv="refresh" content="0; url=https://evil.example/">'
             '<div style="background: url(https://img.example/b.png)"></div><a href="https://www.ohchr.org/x">ok</a>'
             '<a href="https://random.example/">not a cited source</a><link rel="canonical" href="https://x.example/">')
    inv.css("x.css", '@import "https://fonts.googleapis.com/css";/* https://licence.example */ a{b:url(x.png)}')
    inv.js("x.js", 'fetch("https://tracker.example/p"); // https://comment.example\n'
           'const r = /"https:\\/\\/not-a-string/; x = a / b / "https://after-division.example";'
           'load(`https://unpkg.com/mermaid@11/dist/mermaid.min.js`)')
    hosts = {p.split(" ", 3)[-1] for p in inv.problems}
    for expected in ("cdn.example.net", "fonts.example.com", "fonts.gstatic.com", "unpkg.com/x", "evil.example",
                     "img.example", "random.example", "x.example", "fonts.googleapis.com", "tracker.example",
                     "after-division.example"):
        assert any(expected in p for p in inv.problems), (expected, inv.problems)
    assert not any("licence.example" in p or "comment.example" in p or "ohchr" in p or "mermaid" in p
                   for p in inv.problems), hosts
    assert inv.counts["hyperlink"]["www.ohchr.org"] == 1


@pytest.mark.slow
def test_material_bundle_urls_in_code_are_exactly_the_reviewed_ones(built: dict[str, Path]) -> None:
    """The lexer is right about the pinned bundle: its code names only JS_ALLOWED, its comments the rest."""
    [bundle] = (built["learner"] / "assets/javascripts").glob("bundle.*.min.js")
    code, comments = split_js(bundle.read_text(encoding="utf-8"))
    in_code = {u for u in _URL.findall(code) if "unpkg.com" in u or "github.com" in u}
    assert in_code and all(any(u.startswith(a) for a in JS_ALLOWED) for u in in_code), in_code
    assert "clipboardjs.com" in comments  # a licence header
