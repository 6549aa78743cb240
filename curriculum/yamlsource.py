"""Read YAML into located nodes, turning every failure into a diagnostic.

PyYAML's composer gives us node marks (line and column) for every value; we
convert its node graph ourselves so that duplicate keys, alias bombs and deep
nesting are caught, bounded and reported instead of raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from curriculum.diagnostics import Diagnostics

MAX_BYTES = 2_000_000
MAX_NODES = 100_000
MAX_DEPTH = 64


@dataclass(frozen=True)
class Node:
    """A YAML value with its 1-based position.

    ``value`` is a ``dict[str, Node]`` for mappings, a ``list[Node]`` for
    sequences, and a plain Python scalar otherwise. ``key_pos`` holds the
    position of each mapping key.
    """

    value: Any
    line: int
    col: int
    key_pos: dict[str, tuple[int, int]] = field(default_factory=dict)

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


class _Converter:
    def __init__(self, rel: str, diags: Diagnostics) -> None:
        self.rel, self.diags, self.count = rel, diags, 0
        self.scalars = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooComplex(f"more than {MAX_NODES:,} values (aliases expanding too far?)", line, col)
        if depth > MAX_DEPTH:
            raise _TooComplex(f"nested more than {MAX_DEPTH} levels deep", line, col)
        if isinstance(node, yaml.MappingNode):
            values: dict[str, Node] = {}
            key_pos: dict[str, tuple[int, int]] = {}
            for key_node, value_node in node.value:
                kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.diags.add(self.rel, kline, kcol, "CUR102", "a mapping key must be a plain word")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.diags.add(self.rel, kline, kcol, "CUR101", "merge keys (`<<`) are not supported")
                    continue
                key = str(key_node.value)
                if key in values:
                    first = key_pos[key][0]
                    self.diags.add(
                        self.rel, kline, kcol, "CUR003", f"duplicate key `{key}` (first stated on line {first})"
                    )
                    continue
                key_pos[key] = (kline, kcol)
                values[key] = self.convert(value_node, depth + 1)
            return Node(values, line, col, key_pos)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item, depth + 1) for item in node.value], line, col)
        try:
            value = self.scalars.construct_object(node)
        except yaml.YAMLError:
            value = node.value
        return Node(value, line, col)


def parse_yaml(text: str, rel: str, diags: Diagnostics) -> Node | None:
    """Parse ``text`` (from file ``rel``) into a :class:`Node`, or report why not."""
    if len(text) > MAX_BYTES:
        diags.add(rel, 1, 1, "CUR004", f"file is larger than {MAX_BYTES:,} characters")
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = ""
        if "mapping values are not allowed" in problem:
            hint = 'quote the value if it contains ": " (e.g. en: "Check: the law")'
        elif "found character '\\t'" in problem:
            hint = "indent with spaces, not tabs"
        diags.add(rel, line, col, "CUR001", f"invalid YAML: {problem}", hint)
        return None
    except yaml.YAMLError as exc:  # reader errors: control characters, bad encoding
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        diags.add(rel, line, 1, "CUR002", f"unreadable content: {str(exc).splitlines()[0]}")
        return None
    except RecursionError:
        diags.add(rel, 1, 1, "CUR004", f"nested more than {MAX_DEPTH} levels deep")
        return None
    if root is None:
        return Node(None, 1, 1)
    try:
        return _Converter(rel, diags).convert(root)
    except _TooComplex as exc:
        diags.add(rel, exc.line, exc.col, "CUR004", f"document too complex: {exc.reason}")
        return None
    except RecursionError:
        diags.add(rel, 1, 1, "CUR004", f"nested more than {MAX_DEPTH} levels deep")
        return None


def read_text(path: Path, rel: str, diags: Diagnostics) -> str | None:
    """Read a UTF-8 source (a BOM is tolerated; CRLF is normalised)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.add(rel, 1, 1, "CUR002", f"cannot read file: {exc.strerror or exc}")
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
