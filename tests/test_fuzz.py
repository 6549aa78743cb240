"""Property-based fuzzing of every loader and check: whatever the input, diagnostics — never a traceback or a hang.

Fuzzed: YAML text and bytes (``parse_yaml``, ``load_yaml``), every source of a project through the whole loader
(quizzes, modules, tracks, glossary, ``curriculum.yml``), the locale files (``locales/*.yml``: arbitrary keys,
values and types), Markdown module pages through the loader, and arbitrary Markdown page text straight through
the page checks (``checks.check_page_text``: markers, H1, exercise anchors, terminology) on a loaded catalog.

Three run profiles (``HYPOTHESIS_PROFILE``):

* ``quick`` (default, part of ``make test``): a few hundred derandomised examples per property, so the
  suite stays fast and deterministic;
* ``dev`` (``make test-fast``): 25 derandomised examples per property, a smoke test of the contract;
* ``fuzz`` (``make fuzz``): 10,000 random examples per property (over 60,000 generated documents per run),
  failures saved under ``.pytest_cache/hypothesis`` and replayed first on the next run.

Every property asserts the same contract: no exception escapes the core; every diagnostic carries a
registered code and a position inside the file it names; no case takes a second of CPU time (twice) — a
hang guard on inputs that take milliseconds, not a performance budget. Memory is bounded by construction
(size, value-count and depth limits in ``curriculum/yamlsource.py``) and measured for the worst cases in
``test_worst_cases_are_bounded_in_memory``; their time budget is ``test_worst_cases_are_bounded_in_time``
(``@pytest.mark.perf``: ``make perf``).
"""

from __future__ import annotations

import datetime as dt
import os
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from curriculum.checks import check_page_text
from curriculum.codes import CODES
from curriculum.diagnostics import Diagnostics
from curriculum.loader import load_catalog
from curriculum.yamlsource import MAX_BYTES, MAX_DEPTH, load_yaml, parse_yaml
from tests.conftest import build
from tests.sample_project import QUIZ_YML, write_project

ROOT = Path(__file__).resolve().parent.parent
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
            HealthCheck.filter_too_much]
settings.register_profile("quick", max_examples=150, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_OK)
settings.register_profile("dev", max_examples=25, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_OK)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK,
                          database=DirectoryBasedExampleDatabase(str(ROOT / ".pytest_cache" / "hypothesis")))
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
SECOND = 1.0  # the budget for one case

# -- generators --------------------------------------------------------------------------------------------

TOKENS = [
    "id", "en", "es", "title", "questions", "choices", "correct", "type", "a", "b", " ", "  ", "    ", "\n", "\n",
    "\n  ", "\n- ", ":", ": ", "- ", "-", "[", "]", "{", "}", ", ", ",", "&a ", "*a", "&b ", "*b", "? ", "|",
    "|-\n", ">", '"', "'", "# c", "\t", "\r\n", "\r", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n",
    "<<: ", "!!binary ", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!set ", "!!omap ", "!!map ",
    "!!python/object:os.system ", "!foo ", "!<tag:x> ", "2026-02-30", "2026-11-22", "0000-01-01",
    "2026-11-22T25:61:00", "1e400", "-.inf", ".nan", "0x1F", "0o17", "0b2", "1_000", "1:20:30", "~", "null",
    "yes", "no", "on", "off", "true", "9" * 5000, "\ufeff", "\x85", "\u2028", "\x00", "\x07", "\x1b", "é", "ñ",
    "¿", "€", "😀", "\\", "\\x", "\\u12", '"\\', "\\N", "&", "*", "!", "%", "@", "`", "<script>", "{{", "}}",
]
KEYS = st.sampled_from(["id", "en", "es", "title", "text", "questions", "choices", "correct", "answer", "type",
                        "objective", "prompt", "source", "url", "order", "agenda", "module", "break", "terms",
                        "avoid", "<<", "1", "yes", "", "é"]) | st.text(max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
           | st.dates() | st.just("2026-02-30") | st.just("javascript:alert(1)") | st.binary(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5),
                      max_leaves=30)


@st.composite
def yaml_soup(draw: st.DrawFn) -> str:
    """Text made of YAML punctuation, tags, anchors, odd scalars and odd characters."""
    return "".join(draw(st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=60)))


@st.composite
def dumped(draw: st.DrawFn) -> str:
    """Well-formed YAML of a random structure, in block or flow style, perhaps with a token spliced in."""
    value = draw(VALUES)
    try:
        text = yaml.safe_dump(value, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans()),
                              sort_keys=False)
    except yaml.YAMLError:
        text = repr(value)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    return text


@st.composite
def bombs(draw: st.DrawFn) -> str:
    """Alias expansion ("billion laughs"), deep nesting, huge strings, huge collections, duplicate keys."""
    kind = draw(st.sampled_from(["laughs", "deep-flow", "deep-block", "huge-scalar", "huge-list", "dup-keys",
                                 "self-alias", "many-anchors"]))
    n = draw(st.integers(1, 12))
    if kind == "laughs":
        width = draw(st.integers(2, 12))
        lines = [f"l0: &l0 [{', '.join(['x'] * width)}]"]
        lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, n + 1)]
        return "\n".join(lines) + "\n"
    if kind == "deep-flow":
        depth = draw(st.integers(MAX_DEPTH - 2, 20_000))
        return "a: " + draw(st.sampled_from(["[", "{a: ", "[{b: "])) * depth
    if kind == "deep-block":
        return "".join(" " * i + "a:\n" for i in range(draw(st.integers(MAX_DEPTH - 2, 400))))
    if kind == "huge-scalar":
        size = draw(st.integers(10_000, MAX_BYTES + 10))
        return "a: " + draw(st.sampled_from(["x", "é", '"x', "'x", "|\n  x"])) + "x" * size
    if kind == "huge-list":
        return draw(st.sampled_from(["- x\n", "k: v\n", "[1, 2]\n"])) * draw(st.integers(1_000, 120_000))
    if kind == "dup-keys":
        return "".join(f"k{i % 3}: {i}\n" for i in range(n * 10))
    if kind == "self-alias":
        return draw(st.sampled_from(["&a [*a]", "&a {b: *a}", "a: &x\n  b: *x\n", "*a", "a: *undefined"]))
    anchors = "".join(f"a{i}: &a{i} {i}\n" for i in range(n * 300))
    return anchors + "b: [" + ", ".join(f"*a{i}" for i in range(n)) + "]\n"


DOCUMENTS = yaml_soup() | dumped() | bombs() | st.text(max_size=300)


# -- the contract ------------------------------------------------------------------------------------------


def assert_well_formed(diags: Diagnostics, texts: dict[str, str]) -> None:
    """Every diagnostic has a registered code and a position inside the file it names."""
    for d in diags:
        assert d.code in CODES, d
        assert d.message and d.line >= 1 and d.col >= 1, d
        if d.path in texts:
            text = texts[d.path]
            lines = text.count("\n") + text.count("\r") + text.count("\x85") + text.count("\u2028") + 2
            assert d.line <= lines, (d, lines)


def timed(fn, *args):
    """Call ``fn``; fail if it takes a second of CPU time, twice (a slow input is slow again; noise is not).

    A hang guard: the fuzzed inputs take milliseconds, so only a catastrophic (super-linear) path reaches it.
    """
    for _ in range(2):
        start = time.process_time()
        result = fn(*args)
        elapsed = time.process_time() - start
        if elapsed < SECOND:
            return result
    raise AssertionError(f"{elapsed:.2f} s of CPU, twice")


@PROFILE
@given(DOCUMENTS)
def test_parse_yaml_never_raises(text: str) -> None:
    diags = Diagnostics()
    node = timed(parse_yaml, text, "x.yml", diags)
    assert_well_formed(diags, {"x.yml": text})
    if node is None:
        assert diags.errors, "a document that could not be read must say why"


def _encoded(draw: st.DrawFn, text: str) -> bytes:
    how = draw(st.sampled_from(["utf-8", "bom", "crlf", "utf-16", "latin-1", "raw"]))
    if how == "raw":
        return draw(st.binary(max_size=400))
    if how in ("utf-16", "latin-1"):
        return text.encode(how, errors="replace")
    data = text.replace("\n", "\r\n") if how == "crlf" else text
    return (b"\xef\xbb\xbf" if how == "bom" else b"") + data.encode("utf-8", errors="surrogatepass")


@PROFILE
@given(st.data())
def test_load_yaml_reads_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    path = _scratch(tmp_path_factory) / "x.yml"
    path.write_bytes(_encoded(data.draw, data.draw(DOCUMENTS, label="text")))
    diags = Diagnostics()
    node = timed(load_yaml, path, "x.yml", diags)
    assert_well_formed(diags, {})
    if node is None:
        assert diags.errors


_SCRATCH: dict[str, Path] = {}


def _scratch(factory: pytest.TempPathFactory) -> Path:
    if "dir" not in _SCRATCH:
        _SCRATCH["dir"] = factory.mktemp("fuzz")
    return _SCRATCH["dir"]


# -- the whole loader, with one source replaced ------------------------------------------------------------

SOURCES = ["quizzes/alpha.yml", "modules/alpha/module.yml", "tracks/basic.yml", "glossary/terms.yml",
           "curriculum.yml", "locales/en.yml"]
PAGES = ["modules/alpha/index.en.md", "modules/alpha/index.es.md", "modules/reference/glossary.es.md"]
WRONG = [None, True, False, 0, -1, 10**30, 1.5, float("nan"), "", " ", "x" * 5000, [], {}, [1, [2]],
         {"en": 1}, {"en": None, "es": []}, {"fr": "x"}, dt.date(2026, 11, 22), "2026-02-30", "2026-11-22",
         "javascript:alert(1)", "<script>alert(1)</script>", "Not An Id", "a" * 200, "single", "true_false"]


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(value: object, path: tuple, action: str, new: object) -> object:
    if not path:
        return new if action == "replace" else [value] if action == "wrap" else value
    head, rest = path[0], path[1:]
    if rest:
        value[head] = _mutate(value[head], rest, action, new)  # type: ignore[index]
        return value
    if action == "delete":
        del value[head]  # type: ignore[arg-type]
    elif action == "wrap":
        value[head] = [value[head]]  # type: ignore[index]
    elif action == "unknown-key" and isinstance(value, dict):
        value[f"{head}x"] = new
    else:
        value[head] = new  # type: ignore[index]
    return value


@st.composite
def schema_mutation(draw: st.DrawFn, valid: str) -> str:
    """The valid file with one value replaced, deleted, wrapped in a list or joined by an unknown key."""
    value = yaml.safe_load(valid)
    path = draw(st.sampled_from(_paths(value)))
    action = draw(st.sampled_from(["replace", "replace", "delete", "wrap", "unknown-key"]))
    new = draw(st.sampled_from(WRONG) | VALUES)
    if not path and action == "delete":
        action = "replace"
    mutated = _mutate(value, path, action, new)
    try:
        return yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False, default_flow_style=draw(st.booleans()))
    except (yaml.YAMLError, ValueError):
        return valid


@st.composite
def text_mutation(draw: st.DrawFn, valid: str) -> str:
    """The valid file with characters deleted, duplicated or replaced (a key stated twice, a tab...)."""
    text = valid
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(at, min(len(text), at + 80)))
        kind = draw(st.sampled_from(["delete", "duplicate", "insert"]))
        if kind == "delete":
            text = text[:at] + text[end:]
        elif kind == "duplicate":
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    return text


LINK_TOKENS = ["[a](", "](", ")", "#", "../", "x.md", "index.md", "../reference/glossary.md", "#term-trafficking",
               "<a href=\"", "\">", "<img src='", "{#", "}", "## ", "\n## Heading", "\n", "`", "```\n", "~~~\n",
               "<!-- facilitator -->", "<!-- /facilitator -->", "<!-- verbatim -->", "<!--", "-->", "<!-- curriculum:",
               "track basic -->", "glossary -->", "policy -->", "\ttab", "[^1]: x", "\n===\n", "\n---\n", "/abs.md",
               "javascript:x", "%zz", "?q=1", " \"title\"", "<", ">", "[", "]", "(", "é", "\\", "\r\n", "{: #x }"]


@st.composite
def page_text(draw: st.DrawFn, valid: str) -> str:
    """A Markdown page: the valid one with link, anchor, marker and code syntax spliced in, or random text."""
    if draw(st.booleans()):
        return "".join(draw(st.lists(st.sampled_from(LINK_TOKENS) | st.text(max_size=5), max_size=80)))
    text = valid
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(LINK_TOKENS)) + text[at:]
    return text


@pytest.fixture(scope="module")
def scratch_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("fuzz-project") / "project")


def _check_with(project: Path, rel: str, content: bytes) -> Diagnostics:
    path = project / rel
    original = path.read_bytes()
    try:
        path.write_bytes(content)
        _, diags = timed(load_catalog, project)
    finally:
        path.write_bytes(original)
    return diags


@PROFILE
@given(st.data())
def test_load_catalog_with_any_source_replaced(scratch_project: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(SOURCES), label="file")
    valid = (scratch_project / rel).read_text(encoding="utf-8")
    text = data.draw(schema_mutation(valid) | text_mutation(valid) | DOCUMENTS, label="content")
    content = _encoded(data.draw, text)
    diags = _check_with(scratch_project, rel, content)
    try:
        texts = {rel: content.decode("utf-8-sig")}
    except UnicodeDecodeError:
        texts = {}
        assert diags.errors, "an unreadable source must be an error"
    assert_well_formed(diags, texts)


@PROFILE
@given(st.data())
def test_load_catalog_with_any_page(scratch_project: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(PAGES), label="page")
    text = data.draw(page_text((scratch_project / rel).read_text(encoding="utf-8")), label="content")
    content = _encoded(data.draw, text)
    diags = _check_with(scratch_project, rel, content)
    try:
        texts = {rel: content.decode("utf-8-sig")}
    except UnicodeDecodeError:
        texts = {}
    assert_well_formed(diags, texts)


@PROFILE
@given(schema_mutation(QUIZ_YML))
def test_schema_mutations_of_a_quiz_are_reported_not_raised(scratch_project: Path, text: str) -> None:
    diags = _check_with(scratch_project, "quizzes/alpha.yml", text.encode("utf-8"))
    assert_well_formed(diags, {"quizzes/alpha.yml": text})


# -- locales: arbitrary interface strings through the loader -----------------------------------------------

def _locale_strings(text: str) -> dict[str, str]:
    node = parse_yaml(text, "x.yml", Diagnostics())  # keeps `true:` a word, as the loader does
    assert node is not None and node.is_map
    return {key: value.value for key, value in node.value.items()}


LOCALE_TEXTS = st.sampled_from(["{percent}", "{percent", "percent}", "{0}", "{}", "{{", "}}", "%s", "%(x)s", "",
                                " ", "\n", "<b>x</b>", '<span lang="en">x</span>', "<script>alert(1)</script>",
                                "\x00", "\ufeff", "é", "😀", "x" * 5000]) | st.text(max_size=60)


@st.composite
def locale_document(draw: st.DrawFn, valid: str) -> str:
    """A locale file: the valid strings with keys dropped, added or renamed and values of any text or type."""
    strings: dict[object, object] = dict(_locale_strings(valid))
    for _ in range(draw(st.integers(1, 8))):
        keys = list(strings)
        action = draw(st.sampled_from(["text", "text", "value", "drop", "add", "rename"]))
        key = draw(st.sampled_from(keys)) if keys else "x"
        if action == "text":
            strings[key] = draw(LOCALE_TEXTS)
        elif action == "value":
            strings[key] = draw(st.sampled_from(WRONG) | VALUES)
        elif action == "drop":
            strings.pop(key, None)
        elif action == "add":
            strings[draw(KEYS)] = draw(LOCALE_TEXTS | VALUES)
        else:
            strings[draw(KEYS)] = strings.pop(key, None)
    try:
        return yaml.safe_dump(strings, allow_unicode=draw(st.booleans()), sort_keys=False,
                              default_flow_style=draw(st.booleans()))
    except (yaml.YAMLError, ValueError):
        return valid


@PROFILE
@given(st.data())
def test_load_catalog_with_any_locale(scratch_project: Path, data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(["en", "es"]), label="lang")
    rel = f"locales/{lang}.yml"
    valid = (scratch_project / rel).read_text(encoding="utf-8")
    text = data.draw(locale_document(valid) | text_mutation(valid) | DOCUMENTS, label="content")
    content = _encoded(data.draw, text)
    diags = _check_with(scratch_project, rel, content)
    try:
        texts = {rel: content.decode("utf-8-sig")}
    except UnicodeDecodeError:
        texts = {}
        assert diags.errors, "an unreadable locale must be an error"
    assert_well_formed(diags, texts)


# -- module pages: arbitrary Markdown through the page checks ----------------------------------------------

MD_TOKENS = [*LINK_TOKENS, "# ", "\n# Title\n", "#", "\n```\n", "```python\n", "\n~~~\n", "\n    code\n",
             "{#ex-sort}", "\n## Joint exercise: Sorting {#ex-sort}\n", "{ #ex-sort }", "{#ex-sort .x}",
             "<!-- Facilitator -->", "<!-- facilitator notes -->", "<!-- facilitator --->", "<!--facilitator-->",
             "<!-- /verbatim -->", "child prostitute", "Child Prostitute", "child\nprostitute", "child  prostitute",
             "child prostitutes", "tráfico de personas", "Tráfico de Personas", "trafico de personas",
             "tra\u0301fico de personas", "\u00ad", "\u200b", "\u00a0", "\x00", "\ufeff", "\u2028", "\x85"]


@st.composite
def markdown_page(draw: st.DrawFn, valid: str) -> str:
    """A module page: the valid one with Markdown, marker and terminology tokens spliced in, or token soup."""
    if draw(st.booleans()):
        return "".join(draw(st.lists(st.sampled_from(MD_TOKENS) | st.text(max_size=5), max_size=120)))
    text = valid
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(MD_TOKENS)) + text[at:]
    return text


@pytest.fixture(scope="module")
def sample_catalog(tmp_path_factory: pytest.TempPathFactory):
    root = write_project(tmp_path_factory.mktemp("fuzz-catalog") / "project")
    catalog, diags = load_catalog(root)
    assert diags.errors == [], "\n".join(d.render() for d in diags.errors)
    assert catalog.avoid, "the sample glossary lists phrases to avoid: the terminology check has work to do"
    return catalog, {rel: (root / rel).read_text(encoding="utf-8") for rel in PAGES}


@PROFILE
@given(st.data())
def test_page_checks_take_any_markdown(sample_catalog, data: st.DataObject) -> None:
    """``check_page_text`` on any page text: located diagnostics in that page only, never an exception."""
    catalog, pages = sample_catalog
    rel = data.draw(st.sampled_from(PAGES), label="page")
    lang = rel.rsplit(".", 2)[1]
    text = data.draw(markdown_page(pages[rel]) | st.text(max_size=300), label="text")
    diags = Diagnostics()
    timed(check_page_text, catalog, text, rel, lang, diags)
    assert_well_formed(diags, {rel: text})
    assert {d.path for d in diags} <= {rel}, [d.render() for d in diags]


# -- regressions found by fuzzing, and the worst cases -----------------------------------------------------


@pytest.mark.parametrize(("text", "code", "line"), [
    ("last_legal_review: 2026-02-30\n", None, 1),  # ValueError from the date constructor escaped
    ("a: 0000-01-01\n", None, 1),                  # year 0: ValueError
    ("a: !!int abc\n", None, 1),                   # ValueError
    ("a: !!float x\n", None, 1),                   # ValueError
    ("a: !!bool maybe\n", None, 1),                # KeyError
    ("a: !!timestamp x\n", None, 1),               # AttributeError
    ("a: " + "9" * 5000 + "\n", None, 1),          # int digit limit: ValueError
    ("a: \ud800\n", "CUR002", 1),                  # a lone surrogate: UnicodeEncodeError
    ("- x\n" * 300_000, "CUR004", 50_000),         # took 12 s before the value limit applied
    ("---\na: 1\n---\nb: 2\n", "CUR001", 3),
    ("a: *nowhere\n", "CUR001", 1),
])
def test_fuzz_regressions(text: str, code: str | None, line: int) -> None:
    diags = Diagnostics()
    node = timed(parse_yaml, text, "x.yml", diags)
    if code is None:
        assert node is not None and list(diags) == []
    else:
        assert [(d.code, d.line) for d in diags] == [(code, line)]


def test_overlong_id_is_reported_not_raised(project: Path) -> None:
    """Found by the fuzz profile: a quiz id of 300 characters became a file name too long to stat (OSError)."""
    quiz = project / "quizzes/alpha.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("id: alpha", "id: " + "x" * 300, 1), encoding="utf-8")
    _, diags = load_catalog(project)
    assert any(d.code == "CUR104" and d.path == "quizzes/alpha.yml" and "longer than 64" in d.message
               for d in diags)


def test_impossible_date_is_reported_as_such(project: Path) -> None:
    path = project / "modules/alpha/module.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-01", "2026-02-30"), encoding="utf-8")
    _, diags = load_catalog(project)
    [d] = [d for d in diags if d.code == "CUR104"]
    assert (d.line, d.col) == (13, 20) and "not a date in the calendar" in d.message


WORST = {
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(20)),
    "largest file": "a: '" + "x" * (MAX_BYTES - 10) + "'\n",
    "most values": "- x\n" * (MAX_BYTES // 4),
    "flow values": "[" + "1," * (MAX_BYTES // 2 - 2) + "]",
    "deepest": "[" * (MAX_BYTES - 1),
    "long keys": "".join(f"{'k' * 1000}{i}: v\n" for i in range(1900)),
}


@pytest.mark.parametrize("name", WORST)
def test_worst_cases_are_bounded_in_memory(name: str) -> None:
    text = WORST[name]
    diags = Diagnostics()
    parse_yaml(text, "x.yml", diags)
    assert_well_formed(diags, {"x.yml": text})
    tracemalloc.start()
    try:
        parse_yaml(text, "x.yml", Diagnostics())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB"


@pytest.mark.perf
@pytest.mark.parametrize("name", WORST)
def test_worst_cases_are_bounded_in_time(name: str) -> None:
    """The largest inputs the limits let through parse within a second of CPU time (without the tracer)."""
    timed(parse_yaml, WORST[name], "x.yml", Diagnostics())


HOSTILE = {
    "quizzes/alpha.yml": WORST["billion laughs"],
    "modules/alpha/module.yml": "\x00\x01binary",
    "tracks/basic.yml": "a: " + "[" * 5000,
    "glossary/terms.yml": "terms:\n\t- id: x\n",
    "locales/es.yml": "a: !!python/object/apply:os.system ['echo pwned']\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("rel", HOSTILE)
def test_hostile_source_fails_the_build_cleanly(project: Path, rel: str) -> None:
    """Exit 1 with located diagnostics; no traceback, nothing executed, no site (not even a partial one)."""
    (project / rel).write_bytes(HOSTILE[rel].encode("utf-8"))
    site = project / "site"
    result = build(project, site=site)
    assert result.returncode == 1
    assert f"{rel}:" in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert "pwned" not in result.stdout
    assert not site.exists() and not [p for p in project.iterdir() if p.name.startswith(".site")]
