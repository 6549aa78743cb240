"""No script but ours, no request to anyone: what a page (or an SVG/CSS asset) may not contain.

The learner site is published and copied onto USB sticks: one tracking pixel in a lesson
reveals who studies it, one ``onerror=`` runs someone else's code beside the learner's
stored progress. Pages are scanned as written, with code spans and HTML comments blanked
(the site strips comments from its HTML), and report:

* ``CUR312`` script: ``<script>``, ``<object>``/``<embed>``/``<applet>``, ``<base>``,
  ``<meta http-equiv>``, ``srcdoc=``, an ``on…=`` event attribute in a tag or in a
  ``{…}`` attribute list, a ``javascript:``/``vbscript:``/``data:text/html`` URL;
* ``CUR313`` a resource loaded from elsewhere: ``src``, ``srcset``, ``poster``, ``data``,
  ``<link href>``, SVG ``href``, CSS ``url()`` and ``@import`` (in ``style`` attributes,
  ``<style>`` blocks and CSS files), and Markdown images, whose address has a scheme
  (other than ``data:`` for images) or starts with ``//``. Plain links stay allowed.

The built site carries a Content-Security-Policy (see the plugin) as the second line of
defence; this check names the line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculum import markers

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]{0,40})\b([^<>]{0,4000})>")
_ATTR = re.compile(r"""([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]{0,400})\}")
_EVENT = re.compile(r"(?:^|[\s\"'])(on[a-z]{2,30})\s*=", re.I)
_SCRIPT_URL = re.compile(r"^\s*(?:(?:java|vb|live)script\s*:|data\s*:\s*(?:text/html|application/xhtml))", re.I)
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\(\s*<?([^\s)>]+)")
_MD_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]+)")
_REFDEF = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.M)
_REF_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\[([^\]\n]*)\]")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
_TICKS = re.compile(r"`+")
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)(?:</style\s*>|\Z)", re.I | re.S)

SCRIPT_TAGS = frozenset({"script", "object", "embed", "applet", "base", "meta", "frameset"})
RESOURCE_ATTRS = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "formaction",
                            "xlink:href"})
HREF_RESOURCE_TAGS = frozenset({"link", "image", "use", "feimage"})  # href loads something on these


def is_remote(address: str, *, image: bool = False) -> bool:
    """Whether ``address`` would be fetched from another host or the local machine."""
    value = address.strip().strip("'\"")
    if value.startswith(("//", "\\\\")):
        return True
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", value)
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


def _blank(text: str, spans: Iterator[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    out.append(text[last:])
    return "".join(out)


def blank_comments_and_code(text: str) -> str:
    """The page with HTML comments and code spans blanked out, offsets and lines kept."""
    return _prose(text)


def _prose(text: str) -> str:
    """The page with HTML comments and code spans blanked out, offsets and lines kept."""
    text = _blank(text, markers.comments(text))
    return _blank(text, iter(code_spans(text)))


def scan_markdown(text: str) -> list[tuple[int, str, str]]:
    """``(offset, code, message)`` for every script or remote resource in a Markdown page."""
    prose = _prose(text)
    found: list[tuple[int, str, str]] = []
    for tag in _TAG.finditer(prose):
        found += _tag_problems(tag)
    for m in _ATTR_LIST.finditer(prose):
        for ev in _EVENT.finditer(m.group(1)):
            found.append((m.start(1) + ev.start(1), "CUR312",
                          f"the attribute list sets the event handler `{ev.group(1)}`: pages run no script"))
        found += _css_problems(m.group(1), m.start(1))
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
    for block in _STYLE_BLOCK.finditer(prose):
        found += _css_problems(block.group(1), block.start(1))
    return sorted(set(found))


def scan_css(text: str) -> list[tuple[int, str, str]]:
    """``(offset, code, message)`` for remote ``url()`` and ``@import`` in a stylesheet."""
    return _css_problems(text, 0)


def scan_svg(text: str) -> list[tuple[int, str, str]]:
    """An SVG asset opened on its own runs its scripts: the same rules as a page's HTML."""
    found: list[tuple[int, str, str]] = []
    for tag in _TAG.finditer(text):
        found += _tag_problems(tag)
    for block in _STYLE_BLOCK.finditer(text):
        found += _css_problems(block.group(1), block.start(1))
    return sorted(set(found))


def _tag_problems(tag: re.Match[str]) -> list[tuple[int, str, str]]:
    name, attrs = tag.group(1).lower(), tag.group(2)
    at = tag.start(2)
    found: list[tuple[int, str, str]] = []
    if name in SCRIPT_TAGS:
        found.append((tag.start(), "CUR312", f"`<{name}>` is not allowed in a page: pages run no script"))
    for a in _ATTR.finditer(attrs):
        key = a.group(1).lower()
        value = next(v for v in (a.group(2), a.group(3), a.group(4)) if v is not None)
        where = at + a.start()
        if key.startswith("on"):
            found.append((where, "CUR312", f"`<{name}>` sets the event handler `{key}`: pages run no script"))
        elif key == "srcdoc":
            found.append((where, "CUR312", f"`<{name} srcdoc=…>` embeds a page that can run script"))
        elif _SCRIPT_URL.match(value):
            found.append((where, "CUR312", f"`<{name} {key}=…>` is a script URL"))
        elif key == "style":
            found += _css_problems(value, at + a.start(2 if a.group(2) is not None else 3 if a.group(3) is not None
                                                          else 4))
        elif (key in RESOURCE_ATTRS or (key == "href" and name in HREF_RESOURCE_TAGS)) and any(
                is_remote(part.split()[0] if part.split() else "", image=name == "img")
                for part in (value.split(",") if key == "srcset" else [value])):
            found.append((where, "CUR313", f"`<{name} {key}=\"{value[:80]}\">` loads a resource from elsewhere"))
    return found


def _css_problems(css: str, offset: int) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for m in _CSS_URL.finditer(css):
        address = m.group(1) or m.group(2)
        if m.group(2) is not None or is_remote(address, image=True):
            if m.group(2) is not None and not is_remote(address):
                continue
            found.append((offset + m.start(), "CUR313", f"the style loads `{address[:80]}` from elsewhere"))
    return found
