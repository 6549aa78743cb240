"""Inconsistent sources that used to be accepted silently (review issue 10): each is now a located diagnostic.

Every test loads the sample project in-process (no subprocess, no build) after one small mutation.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from curriculum.codes import CODES, Code
from curriculum.diagnostics import Diagnostic, Diagnostics, Severity, fails_build, to_json
from curriculum.loader import load_catalog
from curriculum.model import LANGUAGES, REQUIRED_STRINGS, RESERVED_NAMES
from tests.sample_project import QUIZ_YML, TRACK_YML

ROOT = Path(__file__).resolve().parent.parent
M, Q, T = "modules/alpha/module.yml", "quizzes/alpha.yml", "tracks/basic.yml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def found(root: Path, code: str) -> list[Diagnostic]:
    _, diags = load_catalog(root)
    return [d for d in diags if d.code == code]


def rename_module(root: Path, new_id: str) -> None:
    """Move the sample module `alpha` to `modules/<new_id>/` with id `new_id` (its quiz keeps its id)."""
    target = root / "modules" / new_id
    target.mkdir(exist_ok=True)  # the sample has modules/assets/ (vendored scripts) and other page folders
    for path in (root / "modules/alpha").iterdir():
        path.rename(target / path.name)
    edit(root, f"modules/{new_id}/module.yml", "id: alpha", f"id: {new_id}")
    edit(root, T, "module: alpha", f"module: {new_id}")


# -- 1. reserved top-level names -----------------------------------------------------------------------------


def test_reserved_names_cover_languages_and_the_sites_top_level() -> None:
    assert set(LANGUAGES) <= RESERVED_NAMES
    assert {"assets", "search", "tracks", "reference", "404", "sitemap"} <= RESERVED_NAMES


@pytest.mark.parametrize("name", ["es", "en", "assets", "search", "tracks", "reference", "404", "sitemap"])
def test_module_id_may_not_shadow_a_top_level_name_of_the_site(project: Path, name: str) -> None:
    rename_module(project, name)
    hits = [d for d in found(project, "CUR104") if "reserved" in d.message]
    assert [(d.path, d.line) for d in hits] == [(f"modules/{name}/module.yml", 1)], hits
    assert f"`{name}`" in hits[0].message and hits[0].help


def test_nested_module_under_a_reserved_folder_is_reported(project: Path) -> None:
    (project / "modules/es").mkdir()
    (project / "modules/alpha").rename(project / "modules/es/alpha")
    hits = [d for d in found(project, "CUR104") if "reserved" in d.message]
    assert [d.path for d in hits] == ["modules/es/alpha/module.yml"], hits


# -- 2. inconsistent sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize("agenda", ["agenda: []\n", "agenda:\n  - break: 15\n  - break: 10\n"])
def test_track_needs_at_least_one_module(project: Path, agenda: str) -> None:
    edit(project, T, "agenda:\n  - module: alpha\n  - break: 15\n", agenda)
    hits = [d for d in found(project, "CUR104") if "at least one module" in d.message]
    assert [(d.path, d.line) for d in hits] == [(T, 9)], hits


def test_module_twice_in_one_agenda(project: Path) -> None:
    edit(project, T, "  - break: 15\n", "  - break: 15\n  - module: alpha\n")
    hits = found(project, "CUR201")
    assert [(d.path, d.line, d.col) for d in hits] == [(T, 12, 13)], hits
    assert "line 10" in hits[0].message and "`alpha`" in hits[0].message


def test_required_locale_key_missing_from_both_files(project: Path) -> None:
    for lang in LANGUAGES:
        path = project / f"locales/{lang}.yml"
        path.write_text(re.sub(r"(?m)^disclaimer: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    catalog, diags = load_catalog(project)
    hits = [d for d in diags if d.code == "CUR304"]
    assert sorted(d.path for d in hits) == ["locales/en.yml", "locales/es.yml"], hits
    assert all("`disclaimer`" in d.message for d in hits)
    with pytest.raises(KeyError, match="disclaimer"):
        catalog.string("en", "disclaimer")
    assert catalog.string("en", "no-such-key") == "no-such-key"  # unknown keys still come back as themselves


def test_required_locale_key_missing_from_one_file_falls_back_and_is_reported_once(project: Path) -> None:
    path = project / "locales/es.yml"
    path.write_text(re.sub(r"(?m)^disclaimer: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    catalog, diags = load_catalog(project)
    assert [d.path for d in diags if d.code == "CUR304"] == ["locales/es.yml"]
    assert catalog.string("es", "disclaimer") == catalog.string("en", "disclaimer") != "disclaimer"


def test_the_real_locales_have_every_required_string() -> None:
    import yaml

    for lang in LANGUAGES:
        keys = {str(k).lower() if isinstance(k, bool) else k
                for k in yaml.safe_load((ROOT / f"locales/{lang}.yml").read_text(encoding="utf-8"))}
        assert set(REQUIRED_STRINGS) <= keys, sorted(set(REQUIRED_STRINGS) - keys)


# Calls that read an interface string: catalog.string(lang, "k") and render's s("k"), md("k"), _s(catalog, lang, "k").
_STRING_CALL = re.compile(
    r"""(?:\.string\(\s*lang,\s*|\b(?:s|md|_s|_m|_raw)\((?:catalog,\s*lang,\s*)?)["']([a-z_]+)["']""")


def test_every_interface_string_the_code_reads_is_required() -> None:
    used: dict[str, str] = {}
    for path in sorted((ROOT / "curriculum").rglob("*.py")):
        for key in _STRING_CALL.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, path.relative_to(ROOT).as_posix())
    assert "disclaimer" in used
    missing = {k: where for k, where in used.items() if k not in REQUIRED_STRINGS}
    assert missing == {}, "add these keys to curriculum.model.REQUIRED_STRINGS"


@pytest.mark.parametrize(("folder", "text"), [("quizzes", QUIZ_YML), ("tracks", TRACK_YML)])
def test_same_source_as_yml_and_yaml(project: Path, folder: str, text: str) -> None:
    stem = "alpha" if folder == "quizzes" else "basic"
    (project / folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    hits = found(project, "CUR201")
    assert [(d.path, d.line) for d in hits] == [(f"{folder}/{stem}.yaml", 1)], hits
    assert f"{folder}/{stem}.yml" in hits[0].message


@pytest.mark.parametrize(("when", "bad"), [
    (dt.date.today() + dt.timedelta(days=1), True),
    (dt.date.today(), False),
    (dt.date(1999, 12, 31), True),
    (dt.date(2000, 1, 1), False),
])
def test_last_legal_review_must_be_plausible(project: Path, when: dt.date, bad: bool) -> None:
    edit(project, M, "last_legal_review: 2026-11-01", f"last_legal_review: {when.isoformat()}")
    hits = [d for d in found(project, "CUR104") if "last_legal_review" in d.message]
    assert [(d.path, d.line) for d in hits] == ([(M, 13)] if bad else []), hits


def test_yaml_quiz_gets_the_terminology_check(project: Path) -> None:
    edit(project, Q, "en: Deception\n", "en: Deception of a child prostitute\n")
    (project / Q).rename(project / "quizzes/alpha.yaml")
    hits = found(project, "CUR601")
    assert [d.path for d in hits] == ["quizzes/alpha.yaml"], hits


# -- 3. single-line fields -----------------------------------------------------------------------------------

# (file, text to replace, where the newline goes, line of the reported language key)
ONE_LINE = [
    (M, "  en: Alpha module\n", "  en: |\n    Alpha\n    module\n", 4, "`title`"),
    (M, "  en: What alpha teaches.\n", "  en: |-\n    What alpha\n\n    teaches.\n", 7, "`summary`"),
    (M, "      en: Name the act element.\n", '      en: "Name the\\nact element."\n', 17, "`objective text`"),
    (M, "      en: Sorting cases\n", '      en: "Sorting\\ncases"\n', 28, "`exercise title`"),
    (Q, "  en: Alpha quiz\n", '  en: "Alpha\\r\\nquiz"\n', 3, "`title`"),
    (Q, "          en: Recruitment\n", '          en: "Recruit-\\nment"\n', 17, "`choice text`"),
    (T, "  en: Basic track\n", '  en: "Basic\\ntrack"\n', 4, "`title`"),
    (T, "  en: The basics.\n", '  en: "The\\n\\nbasics."\n', 7, "`description`"),
    ("glossary/terms.yml", "term: {en: trafficking in persons,", 'term: {en: "trafficking\\nin persons",', 3,
     "`term`"),
]


@pytest.mark.parametrize(("rel", "old", "new", "line", "where"), ONE_LINE, ids=[c[4] + c[0] for c in ONE_LINE])
def test_single_line_fields_reject_line_breaks(project: Path, rel: str, old: str, new: str, line: int,
                                               where: str) -> None:
    edit(project, rel, old, new)
    hits = [d for d in found(project, "CUR104") if "one line" in d.message]
    assert [(d.path, d.line) for d in hits] == [(rel, line)], hits
    assert where in hits[0].message


def test_folded_and_trailing_newlines_are_one_line(project: Path) -> None:
    edit(project, M, "  en: Alpha module\n", "  en: >-\n    Alpha\n    module\n")
    edit(project, M, "  en: What alpha teaches.\n", "  en: |\n    What alpha teaches.\n")
    catalog, diags = load_catalog(project)
    assert list(diags) == []
    assert catalog.module("alpha").title.en == "Alpha module"


def test_multi_paragraph_texts_stay_allowed(project: Path) -> None:
    edit(project, Q, "      en: Transport is an act, not a purpose.\n",
         "      en: |\n        Transport is an act.\n\n        Not a purpose.\n")
    _, diags = load_catalog(project)
    assert list(diags) == []


# -- 4. diagnostics cannot drive the terminal ----------------------------------------------------------------


def test_render_escapes_control_characters_in_values() -> None:
    d = Diagnostic("quizzes/a.yml", 1, 1, "CUR104", "`quiz` `\x1b]0;pwned\x07\x1b[2J\x1b[31mFAKE OK` bad\x7f\x9b",
                   "help\twith\ttabs")
    text = d.render()
    assert "\x1b" not in text and "\x07" not in text and "\x7f" not in text and "\x9b" not in text
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in text and "\\x7f\\x9b" in text
    assert text.count("\n") == 1 and "\n  help: help\\twith\\ttabs" in text


def test_render_cannot_forge_diagnostic_lines_from_a_file_name(project: Path) -> None:
    evil = "evil\nFORGED.yml:1:1: CUR000 forged.yml"
    (project / "quizzes" / evil).write_text(QUIZ_YML.replace("id: alpha", "id: evil"), encoding="utf-8")
    _, diags = load_catalog(project)
    rendered = "\n".join(d.render() for d in diags)
    assert diags and not any(line.startswith("FORGED") for line in rendered.splitlines()), rendered
    assert "quizzes/evil\\nFORGED.yml" in rendered


def test_json_output_keeps_the_raw_values() -> None:
    d = Diagnostic("a\nb.yml", 1, 1, "CUR104", "bad \x1b[2J")
    assert '"a\\nb.yml"' in to_json([d]) and "\\u001b[2J" in to_json([d])


# -- 5. one rule for check and the strict build --------------------------------------------------------------


def test_info_severity_fails_nothing_and_warnings_fail_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CODES, "CUR999", Code("CUR999", "a-note", "info", "A note.", "", "", ""))
    assert Severity("info") is Severity.INFO
    diags = Diagnostics()
    assert not fails_build(diags)
    diags.add("modules/extra.md", 1, 1, "CUR999", "a note")
    assert diags.infos and not diags.errors and not diags.warnings and not fails_build(diags)
    diags.add("quizzes/a.yml", 1, 1, "CUR501", "a warning")
    assert fails_build(diags) and len(diags.warnings) == 1 and not diags.errors
    diags.add("quizzes/a.yml", 1, 1, "CUR104", "an error")
    assert fails_build(diags.errors) and len(diags.errors) == 1 and len(diags.infos) == 1


def test_warning_in_sources_fails_the_build_rule(project: Path) -> None:
    edit(project, Q, "en: Which is an act under the Protocol?", 'en: "Which is an act\\x07 under the Protocol?"')
    _, diags = load_catalog(project)
    assert not diags.errors and diags.warnings and fails_build(diags)


# -- 6. nested module folders --------------------------------------------------------------------------------


def test_module_in_a_nested_folder_is_found_by_its_id(project: Path) -> None:
    (project / "modules/part-1").mkdir()
    shutil.move(project / "modules/alpha", project / "modules/part-1/alpha")
    catalog, diags = load_catalog(project)
    assert [d.render() for d in diags if d.code == "CUR208"] == []
    module = catalog.module("alpha")
    assert module is not None and module.folder == "part-1/alpha"
    assert catalog.module_for_page("part-1/alpha/index.es.md") is module
    assert catalog.track_minutes(catalog.tracks[0]) == (60, 15)

