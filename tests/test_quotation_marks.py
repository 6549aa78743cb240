"""CUR314: one quotation-mark style per language in every text a reader sees (issue 11, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum import typography
from curriculum.diagnostics import Diagnostics
from curriculum.loader import load_catalog
from curriculum.yamlsource import char_position, parse_yaml
from tests.test_diagnostics import replace

Q, M, B = "quizzes/alpha.yml", "modules/alpha/module.yml", "bibliography/sources.yml"
EN, ES = "modules/alpha/index.en.md", "modules/alpha/index.es.md"


def found(text: str) -> list[str]:
    """The quotation each reported mark opens (up to the next mark of the same kind)."""
    out = []
    for offset in typography.scan_value(text):
        pair = typography.SINGLE_PAIR.match(text, offset) if text[offset] == "'" else None
        close = text.find('"', offset + 1)
        out.append(pair.group(0) if pair else text[offset:close + 1] if close > 0 else text[offset:])
    return out


def quotes(root: Path) -> list[tuple[str, int, int]]:
    _, diags = load_catalog(root)
    return [(d.path, d.line, d.col) for d in diags if d.code == "CUR314"]


# -- what counts as a straight quotation mark ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ('She said she agreed "out of love".', ['"out of love"']),
    ('"One" and "two"', ['"One"', '"two"']),
    ('A lone " mark', ['" mark']),
    ("The handout calls it 'the Protect Act of 2000'.", ["'the Protect Act of 2000'"]),
    ("He said 'don't go' twice.", ["'don't go'"]),
    ("(the 'travel now, pay later' deal)", ["'travel now, pay later'"]),
])
def test_straight_quotes_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "A child's consent is irrelevant; the traffickers' coercion; don't; rock’n’roll",
    "Victims' names and the children's rights, the '90s",
    "She agreed “out of love”; ‘nested’ inside “outer ‘inner’ text”.",
    "Dice que aceptó «por amor», y «la “Protect Act” de 2003».",
    'The <span lang="es">fuero común</span> and <abbr title="Ley General">LG</abbr>.',
    'Write `en: "Check: the law"` in YAML <!-- a "comment" -->.',
    'Broken markup: <span lang="en" <b>x</b>, a="b and "><i>, {: .note title="x" }',
])
def test_apostrophes_curly_marks_and_markup_are_not_reported(text: str) -> None:
    assert found(text) == []


def test_help_gives_the_marks_of_the_language() -> None:
    assert "« »" in typography.help_for("es") and "“ ” inside « »" in typography.help_for("es")
    assert "“ ”" in typography.help_for("en") and "‘ ’ inside “ ”" in typography.help_for("en")
    assert "« » for Spanish" in typography.help_for("")
    assert typography.message('aceptó "por amor".', 7, "es") == (
        'straight quotation marks `"por amor"` in Spanish text: use «…» (nested: “…”)')


# -- pages: only prose is checked ----------------------------------------------------------------------------

SYNTAX_ONLY = '''---
title: "Front matter"
---
## Heading {#id .class data-x="y"}

A [link](https://example.org/a_(b) "Link title") and ![img](x.png "Image title"), <span lang="es">así</span>,
<a href="https://x.example/?q=&quot;">here</a> and `code "span"`. <!-- a "comment" -->

[ref]: https://example.org "Reference title"

!!! note "Admonition title"
    Body “with curly quotes” and apostrophes: the child's, victims'.

```yaml
en: "Fenced code"
```

    indented "code" block

- A list item

    continued in the item, “curly”.
'''


def test_page_syntax_is_not_prose() -> None:
    assert typography.scan_markdown(SYNTAX_ONLY, "en") == []


def test_page_prose_is_checked_everywhere_prose_is() -> None:
    text = ('Plain "one".\n\n!!! note "Title"\n    In the "body".\n\n- An item\n\n    Its "continuation".\n\n'
            "[^1]: A footnote 'quoted'.\n\n<p>HTML \"text\"</p>\n")
    assert [(line, col) for line, col, _ in typography.scan_markdown(text, "en")] == [
        (1, 7), (4, 12), (8, 9), (10, 18), (12, 9)]


def test_markup_cut_by_code_is_not_taken_for_a_tag() -> None:
    assert [(line, col) for line, col, _ in typography.scan_markdown('Type `<a` then "x" and `>`.', "en")] == [(1, 16)]


def test_page_finding_is_located_and_explained(project: Path) -> None:
    replace(ES, "El Protocolo define", 'El "Protocolo" define')(project)
    _, diags = load_catalog(project)
    [d] = [d for d in diags if d.code == "CUR314"]
    assert (d.path, d.line, d.col) == (ES, 3, 4)
    assert "in Spanish text: use «…»" in d.message and "«dijo “sí”»" in d.help


# -- YAML texts: located at the mark, whatever the scalar's style ---------------------------------------------


def test_yaml_marks_are_located_in_every_scalar_style(project: Path) -> None:
    replace(Q, "      en: Which is an act under the Protocol?\n",
            '      en: >-\n        Which is an act\n        under the "Protocol"?\n')(project)
    replace(Q, "en: Yes, recruitment is an act.", r'en: "Yes, \"recruitment\" is an act."')(project)
    replace(Q, "es: Sí, la captación es una acción.", "es: 'Sí, la \"captación\" es una acción.'")(project)
    replace(Q, "en: Transport is an act, not a purpose.", "en: Transport is an 'act', not a purpose.")(project)
    text = (project / Q).read_text(encoding="utf-8").split("\n")
    assert quotes(project) == [(Q, 13, 19), (Q, 22, 21), (Q, 23, 23), (Q, 57, 27)]
    assert text[12][18] == '"' and text[21][20:22] == '\\"' and text[22][22] == '"' and text[56][26] == "'"


def test_every_reader_facing_yaml_text_is_checked(project: Path) -> None:
    replace(M, "en: Alpha module", 'en: The "Alpha" module')(project)
    replace("glossary/terms.yml", 'definition: {en: "Act, means and purpose.", es: "Acción, medios y fines."}',
            "definition: {en: 'Act, \"means\" and purpose.', es: \"Acción, medios y fines.\"}")(project)
    replace("tracks/basic.yml", "en: Basic track", "en: The 'basic' track")(project)
    replace("locales/es.yml", "agenda: Agenda\n", 'agenda: "«Agenda» \\"x\\""\n')(project)
    assert sorted(p for p, _, _ in quotes(project)) == ["glossary/terms.yml", "locales/es.yml", M,
                                                           "tracks/basic.yml"]


def test_titles_of_works_keep_their_punctuation_notes_do_not(project: Path) -> None:
    replace(B, "en: Protocol to Prevent", 'en: The "Protocol" to Prevent')(project)
    replace(B, "short: {en: Palermo Protocol,", "short: {en: '\"Palermo\" Protocol',")(project)
    note = "    note: {en: 'A \"note\".', es: Una nota.}\n"
    replace(B, "    checked: 2026-11-01\n", "    checked: 2026-11-01\n" + note)(project)
    assert quotes(project) == [(B, 14, 19)]


def test_the_yaml_delimiters_and_html_attributes_are_syntax(project: Path) -> None:
    replace(Q, "en: Which is an act under the Protocol?",
            'en: "Which is an act under the <span lang=\\"es\\">Protocolo</span>?"')(project)
    assert quotes(project) == []


def test_a_text_for_both_languages_is_checked(project: Path) -> None:
    replace(Q, 'source: "@palermo, art. 3(c)"', "source: '@palermo, \"art. 3(c)\"'")(project)
    _, diags = load_catalog(project)
    [d] = [d for d in diags if d.code == "CUR314"]
    assert d.line == 68 and "« » for Spanish" in d.help


# -- the locator and the cost -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "mark", "index", "expected"), [
    ('k: a "b" c\n', '"', 1, (1, 8)),
    ('k: "a \\"b\\" c"\n', '"', 0, (1, 7)),
    ("k: 'a ''b'' \"c\"'\n", "'", 1, (1, 10)),
    ("k: 'a ''b'' \"c\"'\n", '"', 1, (1, 15)),
    ('k: >-\n  one\n  two "three"\n', '"', 0, (3, 7)),
    ('k: "a"\n', '"', 0, None),  # the delimiters are not the value's
])
def test_char_position(source: str, mark: str, index: int, expected: tuple[int, int] | None) -> None:
    node = parse_yaml(source, "x.yml", Diagnostics())
    assert node is not None
    value = node.value["k"]
    assert char_position(source, value.line, value.col, mark, index) == expected


def test_pathological_pages_stay_linear() -> None:
    """Inputs built to make the masks or the single-quote pattern backtrack (each would take minutes if they did)."""
    for text in ("'a " * 100_000, "](" * 100_000, "]((((" * 50_000, "{" * 100_000 + "}", "<a" * 100_000,
                 "<!--" * 50_000, "`" * 50_000 + "\n", "- x\n\n    " * 20_000, "!!! note " * 50_000, '"' * 100_000):
        typography.scan_markdown('"' + text, "en")  # a quote first: the masks run only where a quote is
        typography.scan_value('"' + text)
