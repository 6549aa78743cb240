"""The built pages' Content-Security-Policy: no script but ours, no request to anyone.

Every page gets a ``<meta http-equiv="Content-Security-Policy">`` as the first element
of its ``<head>``. Scripts load only from the site itself (``'self'``, which Chromium
also honours under ``file://``), and the theme's few inline scripts are allowed by
their SHA-256 hash, computed from the page as rendered. An inline script inside the
page's own content is never hashed, so it cannot run even if it slipped past the source
check (``CUR312``). Images, fonts, styles, frames and connections are limited to the
site; nothing may be fetched from another host. Style attributes stay allowed (Markdown
writes table alignment as one); whatever they could load is still bound by ``img-src``.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)([^>]*)>(.*?)</script\s*>", re.I | re.S)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_DATA_TYPES = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)

BASE_POLICY = (
    "default-src 'none'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",  # table alignment (`style="text-align: right"`); a style cannot fetch (img-src)
    "img-src 'self' data:",
    "font-src 'self' data:",
    "media-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(page_html: str, content: str = "") -> str:
    """The policy for ``page_html``: its inline scripts outside ``content`` are allowed by hash."""
    hashes = []
    for m in _INLINE_SCRIPT.finditer(page_html):
        if _DATA_TYPES.search(m.group(1)) or (content and m.group(0) in content):
            continue  # data blocks never run; a script in the page's own content must not
        if (h := _hash(m.group(2))) not in hashes:
            hashes.append(h)
    return "; ".join([" ".join(["script-src 'self'", *hashes]), *BASE_POLICY])


def with_policy(page_html: str, content: str = "") -> str:
    """``page_html`` with its Content-Security-Policy as the first element of ``<head>``."""
    head = _HEAD.search(page_html)
    if head is None:
        return page_html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy(page_html, content)}">'
    return page_html[: head.end()] + meta + page_html[head.end():]
