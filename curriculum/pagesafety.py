"""No script but ours, no request to anyone: what a page (or an SVG/CSS asset) may not contain.

The learner site is published and copied onto USB sticks: one tracking pixel in a lesson
reveals who studies it, one ``onerror=`` runs someone else's code beside the learner's
stored progress. Tags are read with a real HTML tokenizer (:mod:`html.parser`: quoted
attributes may hold ``<`` and ``>``, entities are decoded before an address is judged),
and CSS with its escapes undone, so that spelling tricks change nothing. Reported:

* ``CUR312`` script or a page that is not a page: ``<script>``, ``<object>``, ``<embed>``,
  ``<applet>``, ``<base>``, ``<meta>``, ``<frameset>``, ``srcdoc=``, an ``on…=`` event
  attribute in a tag or a ``{…}`` attribute list, a ``javascript:``/``vbscript:``/
  ``data:text/html`` address, and front matter that chooses a template, redirects or holds
  markup;
* ``CUR313`` a resource loaded from elsewhere: ``src``, ``srcset``, ``poster``, ``data``,
  ``<link href>``, SVG ``href``, CSS ``url()``, ``image-set()`` and ``@import`` (in ``style``
  attributes, ``<style>`` blocks and CSS files), and Markdown images, whose address has a
  scheme (other than ``data:`` for images) or starts with ``//``. Plain links stay allowed;
* ``CUR005`` HTML elements nested so deeply that Python-Markdown's ``md_in_html`` would
  exhaust its recursion.

The same scan runs on each page's HTML as MkDocs renders it (the plugin), and the built
site carries a Content-Security-Policy as the last line of defence.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Iterator
from html.parser import HTMLParser

from curriculum import markers

Problem = tuple[int, str, str]  # (offset in the text, code, message)

SCRIPT_TAGS = frozenset({"script", "object", "embed", "applet", "base", "meta", "frameset", "frame"})
RESOURCE_ATTRS = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "formaction",
                            "ping", "archive", "codebase", "longdesc", "manifest", "icon", "imagesrcset"})
HREF_RESOURCE_TAGS = frozenset({"link", "image", "use", "feimage", "script"})  # href loads something on these
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
MAX_ELEMENT_DEPTH = 48  # md_in_html recurses once per level; real pages nest a handful
FRONT_MATTER_KEYS = frozenset({"title", "description", "search", "hide"})  # what a page may set about itself

_SCRIPT_URL = re.compile(r"^\s*(?:(?:java|vb|live)script\s*:|data\s*:\s*(?:text/html|application/xhtml|image/svg))",
                         re.I)
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]{0,400})\}")
_EVENT = re.compile(r"(?:^|[\s\"'])(on[a-z]{2,30})\s*=", re.I)
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\(\s*<?([^\s)>]+)")
_MD_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]+)")
_REFDEF = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.M)
_REF_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\](?:\[([^\]\n]*)\])?")
_TICKS = re.compile(r"`+")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_CSS_FETCH = re.compile(r"""(?:url\(|image-set\(|@import)\s*['"]?\s*([^'")\s,]*)"""
                        r"""|['"]\s*((?:https?|ftp|file|wss?):[^'"]*|//[^'"]*)""", re.I)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def is_remote(address: str, *, image: bool = False) -> bool:
    """Whether ``address`` would be fetched from another host or the local machine."""
    value = _FORMAT_CHARS.sub("", address).strip().strip("'\"")
    if value.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    scheme = _SCHEME.match(value)
    if scheme is None:
        return False
    return not (image and scheme.group(1).lower() == "data" and not _SCRIPT_URL.match(value))


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of inline code: a run of backticks up to the next run of the same length (linear time)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    following: dict[int, list[int]] = {}
    for index in range(len(runs) - 1, -1, -1):  # for each run, the index of the next run of the same length
        following.setdefault(runs[index][1] - runs[index][0], []).append(index)
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        same = following[end - start]
        while same and same[-1] <= index:
            same.pop()
        if not same:
            index += 1
            continue
        close = same[-1]
        spans.append((start, runs[close][1]))
        index = close + 1
    return spans


def blank_comments_and_code(text: str) -> str:
    """The page with HTML comments and code spans blanked out, offsets and lines kept."""
    text = markers.blank_spans(text, markers.comments(text))
    return markers.blank_spans(text, code_spans(text))


def css_text(css: str) -> str:
    """CSS with comments removed and escapes undone (``u\\rl(`` is ``url(``), so that tricks change nothing."""
    css = _CSS_COMMENT.sub(" ", css)

    def unescape(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return m.group(2)
    return _CSS_ESCAPE.sub(unescape, css)


def scan_css(text: str, offset: int = 0) -> list[Problem]:
    """A remote ``url()``, ``image-set()``, ``@import`` or quoted address in a stylesheet (CUR313)."""
    found = []
    for m in _CSS_FETCH.finditer(css_text(text)):
        address = m.group(1) if m.group(1) is not None else m.group(2)
        if address and (is_remote(address, image=True)
                        or (m.group(0).lower().startswith("@import") and is_remote(address))):
            found.append((offset, "CUR313", f"the style loads `{address[:80]}` from elsewhere"))
    return found[:1] if found else []


class _Tags(HTMLParser):
    """Every tag of an HTML fragment, judged with decoded attributes; positions as (line, col) of the tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[int, int], str, str]] = []
        self.depth = 0
        self.deepest = (0, (1, 0))
        self.in_style = False

    def _add(self, code: str, message: str) -> None:
        self.found.append((self.getpos(), code, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag not in VOID:
            self.depth += 1
            if self.depth > self.deepest[0]:
                self.deepest = (self.depth, self.getpos())
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.depth:
            self.depth -= 1
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            for _, code, message in scan_css(data):
                self._add(code, message)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag.lower()
        if name in SCRIPT_TAGS:
            self._add("CUR312", f"`<{name}>` is not allowed in a page: pages run no script and stay pages")
        for key, value in attrs:
            key, value = key.lower(), _FORMAT_CHARS.sub("", value or "")
            local = key.rpartition(":")[2]
            if key.startswith("on"):
                self._add("CUR312", f"`<{name}>` sets the event handler `{key}`: pages run no script")
            elif local == "srcdoc":
                self._add("CUR312", f"`<{name} srcdoc=…>` embeds a page that can run script")
            elif _SCRIPT_URL.match(value):
                self._add("CUR312", f"`<{name} {key}=…>` is a script address")
            elif local == "style":
                for _, code, message in scan_css(value):
                    self._add(code, message)
            elif local in RESOURCE_ATTRS or (local == "href" and name in HREF_RESOURCE_TAGS):
                parts = value.split(",") if local in ("srcset", "imagesrcset") else [value]
                if any(is_remote((p.split() or [""])[0], image=name in ("img", "source", "picture")) for p in parts):
                    self._add("CUR313", f"`<{name} {key}=\"{value[:80]}\">` loads a resource from elsewhere")


def _complete_tags_only(html: str) -> str:
    """``html`` with the ``<`` of every tag that never ends blanked, in one linear pass.

    :mod:`html.parser` rescans the rest of the text for each unterminated tag (quadratic: 20,000 copies of
    ``<a `` took 22 s). A tag's end is found honouring quoted attribute values, as browsers do; a tag that
    reaches the end of the text unterminated swallows the rest, so nothing after it is a tag either.
    """
    n, i, out, last = len(html), 0, [], 0
    while True:
        lt = html.find("<", i)
        if lt < 0 or lt + 1 >= n:
            break
        nxt = html[lt + 1]
        if not (nxt.isalpha() or nxt in "/!?"):
            i = lt + 1
            continue
        k, quote, after_equals = lt + 1, "", False
        while k < n:
            c = html[k]
            if quote:
                if c == quote:
                    quote = ""
            elif c in "\"'" and after_equals:
                quote = c
            elif c == ">":
                break
            after_equals = c == "=" or (after_equals and c in " \t\n")
            k += 1
        if k >= n:  # never ends: blank every "<" from here on
            out.append(html[last:lt])
            out.append(html[lt:].replace("<", " "))
            last = n
            break
        i = k + 1
    out.append(html[last:])
    return "".join(out)


def scan_html(html: str) -> list[tuple[int, int, str, str]]:
    """``(line, col, code, message)`` for every script, remote resource or too-deep nesting in HTML."""
    parser = _Tags()
    try:
        parser.feed(_complete_tags_only(html))
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed input: fail closed
        parser._add("CUR312", "the page's HTML could not be read as HTML")
    out = [(line, col + 1, code, message) for (line, col), code, message in parser.found]
    depth, (line, col) = parser.deepest
    if depth > MAX_ELEMENT_DEPTH:
        out.append((line, col + 1, "CUR005", f"HTML elements are nested {depth} levels deep (at most "
                                              f"{MAX_ELEMENT_DEPTH}): Markdown would exhaust its recursion"))
    return out


def scan_markdown(text: str) -> list[Problem]:
    """``(offset, code, message)`` for every script, remote resource or deep nesting in a Markdown page."""
    prose = blank_comments_and_code(text)
    found: list[Problem] = list(front_matter_problems(text))
    starts = [0] + [m.end() for m in re.finditer("\n", prose)]
    for line, col, code, message in scan_html(prose):
        found.append((starts[min(line, len(starts)) - 1] + col - 1, code, message))
    for m in _ATTR_LIST.finditer(prose):
        for ev in _EVENT.finditer(m.group(1)):
            found.append((m.start(1) + ev.start(1), "CUR312",
                          f"the attribute list sets the event handler `{ev.group(1)}`: pages run no script"))
        if "style" in m.group(1).lower():
            found += [(m.start(1), code, message) for _, code, message in scan_css(m.group(1))]
    for m in _MD_IMAGE.finditer(prose):
        if is_remote(m.group(1), image=True):
            found.append((m.start(1), "CUR313", f"the image `{m.group(1)[:80]}` is loaded from elsewhere"))
    for m in _MD_LINK_TARGET.finditer(prose):
        if _SCRIPT_URL.match(m.group(1)):
            found.append((m.start(1), "CUR312", f"the link `{m.group(1)[:80]}` runs script"))
    refs = {m.group(1).strip().lower(): (m.start(2), m.group(2)) for m in _REFDEF.finditer(prose)}
    for m in _REFDEF.finditer(prose):
        if _SCRIPT_URL.match(m.group(2)):
            found.append((m.start(2), "CUR312", f"the link `{m.group(2)[:80]}` runs script"))
    for m in _REF_IMAGE.finditer(prose):
        name = (m.group(2) or m.group(1)).strip().lower()
        if name in refs and is_remote(refs[name][1], image=True):
            found.append((refs[name][0], "CUR313", f"the image `{refs[name][1][:80]}` is loaded from elsewhere"))
    return sorted(set(found))


def front_matter_problems(text: str) -> Iterator[Problem]:
    """Front matter may only name the page (``title``, ``description``) and hide parts of it, in plain text:
    a template, a redirect (``location``) or markup in a value would run outside the page's content."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        yield 0, "CUR312", "the page's front matter is not valid YAML"
        return
    if not isinstance(data, dict):
        yield 0, "CUR312", "the page's front matter must be a mapping of `key: value`"
        return
    for key, value in data.items():
        if str(key) not in FRONT_MATTER_KEYS:
            yield 0, "CUR312", (f"front matter `{key}` is not allowed: a page may set only "
                                f"{', '.join(sorted(FRONT_MATTER_KEYS))} (no template, no redirect)")
        elif re.search(r"[<>&\"`]", repr(value)) or "\\x" in repr(value):
            yield 0, "CUR312", f"front matter `{key}` holds markup; write plain text"


def scan_svg(text: str) -> list[Problem]:
    """An SVG asset opened on its own runs its scripts: parsed as XML (namespaces resolved, no DTD or entity),
    no script, ``foreignObject`` or event handler, and nothing loaded from elsewhere."""
    found: list[Problem] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator="|")

    def refuse_dtd(*_: object) -> None:
        raise ValueError("a DTD or entity declaration")

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition("|")[2].lower()
        where = parser.CurrentByteIndex
        if local in ("script", "foreignobject", "iframe", "embed", "object"):
            found.append((where, "CUR312", f"the SVG holds `<{local}>`: an SVG opened on its own would run it"))
        for key, value in attrs.items():
            attr = key.rpartition("|")[2].lower()
            if attr.startswith("on"):
                found.append((where, "CUR312", f"the SVG sets the event handler `{attr}`"))
            elif _SCRIPT_URL.match(value):
                found.append((where, "CUR312", f"the SVG's `{attr}` is a script address"))
            elif attr in ("href", "src") and is_remote(value, image=True):
                found.append((where, "CUR313", f"the SVG loads `{value[:80]}` from elsewhere"))
            elif attr == "style":
                found.extend((where, c, msg) for _, c, msg in scan_css(value))

    def data(chars: str) -> None:
        if "url(" in chars or "@import" in chars:
            found.extend((parser.CurrentByteIndex, c, msg) for _, c, msg in scan_css(chars))

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text.encode("utf-8"), True)
    except (xml.parsers.expat.ExpatError, ValueError) as exc:
        found.append((0, "CUR312", f"the SVG cannot be read as plain XML ({exc}); it is not published safely"))
    # expat reports byte offsets; convert to character offsets for the caller
    raw = text.encode("utf-8")
    return sorted({(len(raw[:max(o, 0)].decode("utf-8", "ignore")), c, m) for o, c, m in found})
