"""Read YAML into located nodes, turning every failure into a diagnostic.

We read PyYAML's event stream (libyaml's C parser when available) and build
located nodes from it ourselves, so that duplicate keys, alias bombs and deep
nesting are caught, bounded and reported instead of raised, and so that no
scalar PyYAML cannot construct (``2026-02-30``, ``!!int x``) escapes as an
exception: it is kept as the text written and the schema reports it.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from curriculum.diagnostics import Diagnostics

MAX_BYTES = 2_000_000
MAX_NODES = 50_000
MAX_DEPTH = 64


_NO_KEYS: Mapping[str, tuple[int, int]] = MappingProxyType({})


class Node(NamedTuple):
    """A YAML value with its 1-based position (immutable).

    ``value`` is a ``dict[str, Node]`` for mappings, a ``list[Node]`` for
    sequences, and a plain Python scalar otherwise. ``key_pos`` holds the
    position of each mapping key. (A named tuple rather than a dataclass: a
    1,000-module curriculum makes about a million of them, three times faster.)
    """

    value: Any
    line: int
    col: int
    key_pos: Mapping[str, tuple[int, int]] = _NO_KEYS

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


class _TooComplex(Exception):
    def __init__(self, reason: str, line: int, col: int) -> None:
        super().__init__(reason)
        self.reason, self.line, self.col = reason, line, col


class _Invalid(Exception):
    """A structural YAML error the event stream does not raise itself (undefined alias, two documents)."""

    def __init__(self, problem: str, line: int, col: int) -> None:
        super().__init__(problem)
        self.problem, self.line, self.col = problem, line, col


# libyaml's parser (C) when PyYAML has it: ~10x faster than the pure-Python one, which stays the fallback.
_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
# Implicit scalar types a source may hold; anything else (!!binary, !!set...) is kept as the text written.
_SCALAR_TYPES = (str, bool, int, float, dt.date, type(None))
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR, _MAP_START, _MAP_END = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_IGNORED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
# PyYAML's implicit resolvers by first character ('' for the empty scalar), wildcard ones appended
_IMPLICIT = {first: tuple(rules) + tuple(yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, []))
             for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items() if first is not None}
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Frame:
    """A mapping or sequence being built from the event stream."""

    __slots__ = ("anchor", "col", "height", "is_map", "key", "key_pos", "line", "size", "values")

    def __init__(self, is_map: bool, anchor: str | None, line: int, col: int) -> None:
        self.is_map, self.anchor, self.line, self.col = is_map, anchor, line, col
        self.values: Any = {} if is_map else []
        self.key_pos: dict[str, tuple[int, int]] = {}
        # a mapping alternates key, value: the pending key's text (None: not a plain word), position, merge?
        self.key: tuple[str | None, int, int, bool] | None = None
        self.size, self.height = 1, 1


class _Builder:
    """Build :class:`Node` trees straight from parser events, bounding size and depth as it goes.

    Building from events (instead of ``yaml.compose`` and a second pass) stops reading the moment a
    document grows past :data:`MAX_NODES` values or :data:`MAX_DEPTH` levels, so neither time nor memory
    depends on how far a hostile document would expand. An alias shares the anchored node, and each use
    counts that node's full expanded size: a "billion laughs" document is refused after a few events.
    """

    def __init__(self, rel: str, diags: Diagnostics) -> None:
        self.rel, self.diags = rel, diags
        self.count = 0
        self.anchors: dict[str, tuple[Node, int, int]] = {}  # node, expanded size, height
        self.open: set[str] = set()  # anchors of collections still being read
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.SafeLoader("")

    def build(self, events: Iterator[Any]) -> Node | None:  # yaml events, dispatched on their exact class
        stack: list[_Frame] = []
        root: Node | None = None
        documents = 0
        for event in events:
            kind = type(event)  # dispatch on the exact class: scalars first, they are most events
            if kind is _SCALAR:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                self.count += 1
                if self.count > MAX_NODES:
                    self._count(line, col, 0)
                node, tag = self._scalar(event, line, col)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (node, 1, 1)
                if stack:
                    self._attach(stack, node, line, col, 1, 1, event.value, tag == _MERGE_TAG)
                else:
                    root = node
                continue
            if kind in _IGNORED:
                continue
            line, col = _pos(event)
            if kind is _MAP_START or kind is _SEQ_START:
                self._count(line, col, 1)
                if len(stack) + 1 > MAX_DEPTH:
                    raise _TooComplex(f"nested more than {MAX_DEPTH} levels deep", line, col)
                if event.anchor is not None:
                    self.open.add(event.anchor)
                stack.append(_Frame(kind is _MAP_START, event.anchor, line, col))
            elif kind is _MAP_END or kind is _SEQ_END:
                frame = stack.pop()
                node = Node(frame.values, frame.line, frame.col, frame.key_pos)
                if frame.anchor is not None:
                    self.open.discard(frame.anchor)
                    self.anchors[frame.anchor] = (node, frame.size, frame.height)
                root = self._attach(stack, node, frame.line, frame.col, frame.size, frame.height, None, False)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Invalid("expected a single document in the stream, but found another document", line, col)
            elif kind is yaml.AliasEvent:
                if event.anchor in self.open:
                    raise _TooComplex(f"alias `*{event.anchor}` refers to a collection that contains it", line, col)
                if event.anchor not in self.anchors:
                    raise _Invalid(f"found undefined alias `*{event.anchor}`", line, col)
                node, size, height = self.anchors[event.anchor]
                self._count(line, col, size)
                if len(stack) + height > MAX_DEPTH:
                    raise _TooComplex(f"nested more than {MAX_DEPTH} levels deep", line, col)
                text = node.value if isinstance(node.value, str) else None  # an aliased key: its text, if any
                root = self._attach(stack, node, line, col, size, height, text, False)
        return root

    def _count(self, line: int, col: int, size: int) -> None:
        self.count += size
        if self.count > MAX_NODES:
            raise _TooComplex(f"more than {MAX_NODES:,} values (aliases expanding too far?)", line, col)

    def _scalar(self, event: yaml.ScalarEvent, line: int, col: int) -> tuple[Node, str]:
        tag, value = event.tag, event.value
        if tag is None and not event.implicit[0]:
            tag = _STR_TAG  # quoted or block text: always a string (what Resolver.resolve answers)
        elif tag is None:  # plain: the resolver's regexps for the first character, as Resolver.resolve does
            tag = _STR_TAG
            for candidate, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    tag = candidate
                    break
        elif tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, value, event.implicit)
        if tag not in (_STR_TAG, _MERGE_TAG):
            construct = self.constructor.yaml_constructors.get(tag)
            try:
                if construct is None:
                    raise LookupError(tag)
                value = construct(self.constructor, yaml.ScalarNode(tag, event.value, style=event.style))
            except Exception:  # e.g. 2026-02-30, !!int abc, 5,000 digits, unknown !tag: keep the text as written
                value = event.value
            if not isinstance(value, _SCALAR_TYPES):
                value = event.value  # !!binary, !!set and the like are not source types
        return Node(value, line, col), tag

    def _attach(self, stack: list[_Frame], node: Node, line: int, col: int, size: int, height: int,
                key_text: str | None, merge: bool) -> Node | None:
        """Put a finished node into its parent; return it if it is the document's root."""
        if not stack:
            return node
        parent = stack[-1]
        parent.size += size
        parent.height = max(parent.height, height + 1)
        if not parent.is_map:
            parent.values.append(node)
            return None
        if parent.key is None:  # this node is a key
            parent.key = (key_text, line, col, merge)
            return None
        key, kline, kcol, is_merge = parent.key
        parent.key = None
        if key is None:
            self.diags.add(self.rel, kline, kcol, "CUR102", "a mapping key must be a plain word")
        elif is_merge:
            self.diags.add(self.rel, kline, kcol, "CUR101", "merge keys (`<<`) are not supported")
        elif key in parent.values:
            first = parent.key_pos[key][0]
            self.diags.add(self.rel, kline, kcol, "CUR003", f"duplicate key `{key}` (first stated on line {first})")
        else:
            parent.key_pos[key] = (kline, kcol)
            parent.values[key] = node
        return None


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


# The text of the file parsed last, by name: a reader locates a character inside one of its scalars with it
# (:func:`char_position`) without every loader passing the text along. One slot: a file is read right after
# it is parsed.
_last_parsed: list[str] = ["", ""]


def parsed_text(rel: str) -> str | None:
    """The text of ``rel`` if it is the file :func:`parse_yaml` parsed last."""
    return _last_parsed[1] if _last_parsed[0] == rel else None


def parse_yaml(text: str, rel: str, diags: Diagnostics) -> Node | None:
    """Parse ``text`` (from file ``rel``) into a :class:`Node`, or report why not."""
    _last_parsed[:] = [rel, text]
    if len(text) > MAX_BYTES:
        diags.add(rel, 1, 1, "CUR004", f"file is larger than {MAX_BYTES:,} characters")
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        diags.add(rel, line, 1, "CUR002", "unreadable content: text that cannot be stored as UTF-8 (a lone surrogate)")
        return None
    builder = _Builder(rel, diags)
    loader = _LOADER(text)
    try:
        root = builder.build(_events(loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.add(rel, line, col, "CUR001", f"invalid YAML: {problem}", _hint(problem, text, line))
        return None
    except _Invalid as exc:
        diags.add(rel, exc.line, exc.col, "CUR001", f"invalid YAML: {exc.problem}")
        return None
    except _TooComplex as exc:
        diags.add(rel, exc.line, exc.col, "CUR004", f"document too complex: {exc.reason}")
        return None
    except yaml.YAMLError as exc:  # reader errors: control characters, bad encoding
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else _reader_line(exc, text)
        diags.add(rel, line, 1, "CUR002", f"unreadable content: {str(exc).splitlines()[0]}")
        return None
    finally:
        loader.dispose()
    return root if root is not None else Node(None, 1, 1)


def char_position(text: str, line: int, col: int, mark: str, index: int) -> tuple[int, int] | None:
    """Line and column of the ``index``-th (0-based) ``mark`` character of the value of the scalar that starts
    at ``line:col`` of ``text``, or ``None`` if the source does not hold it there.

    The scalar's own syntax is skipped: the delimiters of a quoted scalar, ``\\"`` in a double-quoted one
    (one ``"`` of the value) and ``''`` in a single-quoted one (one ``'``). Linear in the distance walked.
    """
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    pos = start + col - 1
    style = text[pos:pos + 1]
    i = pos + 1 if style in ('"', "'") else pos
    seen = 0
    while i < len(text):
        ch, step, content = text[i], 1, False
        if style == '"' and ch == "\\":
            content, step = text[i + 1:i + 2] == mark, 2
        elif ch == style and style in ('"', "'"):
            if style == "'" and text[i + 1:i + 2] == "'":
                content, step = mark == "'", 2
            else:
                return None  # the closing delimiter
        else:
            content = ch == mark
        if content:
            if seen == index:
                return line + text.count("\n", pos, i), i - (text.rfind("\n", 0, i) + 1) + 1
            seen += 1
        i += step
    return None


def _events(loader: yaml.SafeLoader) -> Iterator[yaml.Event]:
    """The parser's events (``yaml.parse`` without its second call per event)."""
    get_event = loader.get_event
    while True:
        event = get_event()
        if event is None:
            return
        yield event
        if type(event) is yaml.StreamEndEvent:
            return


def _hint(problem: str, text: str, line: int) -> str:
    if "mapping values are not allowed" in problem:
        return 'quote the value if it contains ": " (e.g. en: "Check: the law")'
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem or "\t" in here[: len(here) - len(here.lstrip(" \t"))]:
        return "indent with spaces, not tabs"
    return ""


def _reader_line(exc: yaml.YAMLError, text: str) -> int:
    position = getattr(exc, "position", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        return text.count("\n", 0, position) + 1
    return 1


class NotRegularFile(OSError):
    """The path is not a regular file; the message says what it is."""


def _kind(mode: int) -> str:
    return "a folder" if stat.S_ISDIR(mode) else "a pipe, socket or device"


def read_regular(path: Path, size: int) -> bytes:
    """At most ``size`` bytes of the regular file ``path``; :class:`NotRegularFile` (without opening it) if it is
    anything else, :class:`OSError` if it cannot be read."""
    mode = os.stat(path).st_mode  # through symlinks: the file that would be opened
    if not stat.S_ISREG(mode):
        raise NotRegularFile(_kind(mode))
    # O_NONBLOCK: a FIFO swapped in since the stat must not wait for a writer; no effect on a regular file
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode  # what was opened: it may have been swapped since the stat
        if not stat.S_ISREG(mode):
            raise NotRegularFile(_kind(mode))
        return handle.read(size)


def read_text(path: Path, rel: str, diags: Diagnostics, *, limit: int = MAX_BYTES, code: str = "CUR004") -> str | None:
    """Read a UTF-8 source (a BOM is tolerated; CRLF is normalised), refusing what is not a plain file.

    Only a regular file is opened (a FIFO would block, ``/dev/zero`` would never end, and opening some devices
    acts on them): its type is checked before it is opened, and again on the open file (it may have been
    swapped in between). At most ``limit + 1`` bytes are read, so memory stays bounded whatever the file is;
    a larger file is ``code``.
    """
    try:
        data = read_regular(path, limit + 1)
    except NotRegularFile as exc:
        diags.add(rel, 1, 1, "CUR002", f"cannot read file: it is {exc}, not a regular file")
        return None
    except OSError as exc:
        diags.add(rel, 1, 1, "CUR002", f"cannot read file: {exc.strerror or exc}")
        return None
    if len(data) > limit:
        diags.add(rel, 1, 1, code, f"file is larger than {limit:,} bytes")
        return None
    if b"\x00" in data:
        diags.add(rel, 1, 1, "CUR002", "file contains binary data (NUL bytes); sources must be UTF-8 text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.add(rel, line, 1, "CUR002", "file is not valid UTF-8", "save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(path: Path, rel: str, diags: Diagnostics) -> Node | None:
    text = read_text(path, rel, diags)
    return None if text is None else parse_yaml(text, rel, diags)
