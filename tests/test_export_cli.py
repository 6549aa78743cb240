"""`curriculum export`: predictable names, nothing touched outside dist/, and clear failures that never leave a
half-written file where a good one was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from curriculum.export.base import ExportError, write_zip
from tests.exporting import Export, cli, digest, export_all, special_project


@pytest.fixture
def exported(tmp_path_factory: pytest.TempPathFactory) -> Export:
    return export_all(tmp_path_factory)


@pytest.mark.export
def test_all_formats_languages_and_tracks_with_predictable_names(exported: Export) -> None:
    names = sorted(p.relative_to(exported.dist).as_posix() for p in exported.dist.rglob("*") if p.is_file())
    expected = sorted(
        [f"scorm/basic.{lang}.{fmt}.zip" for lang in ("en", "es") for fmt in ("scorm12", "scorm2004")]
        + [f"quizzes/quizzes.{lang}.{ext}" for lang in ("en", "es") for ext in ("qti21.zip", "moodle.xml", "gift.txt")]
        + [f"handbooks/basic.{lang}.{ed}.pdf" for lang in ("en", "es") for ed in ("learner", "facilitator")]
        + [f"offline/site.{lang}.offline.zip" for lang in ("en", "es")])
    assert names == expected  # and no scratch folder or temporary file is left behind
    assert exported.before == exported.after  # nothing outside dist/ was created, changed or removed
    assert "exported 16 file(s)" in exported.result.stdout


def test_unknown_track_language_or_format_is_a_usage_error(tmp_path: Path) -> None:
    project = special_project(tmp_path / "p")
    config = str(project / "mkdocs.yml")
    track = cli("export", "gift", "--track", "nope", "-f", config)
    assert track.returncode == 2 and "unknown track `nope`; the tracks are: basic" in track.stderr
    lang = cli("export", "gift", "--lang", "fr", "-f", config)
    assert lang.returncode == 2 and "invalid choice: 'fr'" in lang.stderr
    fmt = cli("export", "pdf", "-f", config)
    assert fmt.returncode == 2 and "unknown format `pdf`" in fmt.stderr
    assert not (project / "dist").exists()


def test_unwritable_output_folder_is_reported(tmp_path: Path) -> None:
    project = special_project(tmp_path / "p")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("export", "gift", "-f", str(project / "mkdocs.yml"), "-o", str(blocker / "dist"))
    assert result.returncode == 3
    assert f"cannot write to the output folder `{blocker / 'dist'}`" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_a_format_cannot_express_fails_clearly_and_keeps_the_good_files(tmp_path: Path) -> None:
    project = special_project(tmp_path / "p")
    config = str(project / "mkdocs.yml")
    first = cli("export", "quizzes", "-f", config)
    assert first.returncode == 0, first.stderr
    good = digest(project / "dist", skip="")

    quiz = project / "quizzes/alpha.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace('"¿Cuál es una acción {conforme}', '"¿Cuál es una acción\\x07 {conforme}'),
                    encoding="utf-8")
    check = cli("check", "--root", str(project))
    assert "CUR501" in check.stdout and (check.returncode == 0 or "0 error(s)" in check.stdout + check.stderr)

    bad = cli("export", "quizzes", "-f", config)
    assert bad.returncode == 1
    assert "quizzes/alpha.yml:10:5: CUR501 Spanish text of the prompt of question `which-act`" in bad.stderr
    assert "contains U+0007, which XML cannot carry: the QTI exports in Spanish refuse it" in bad.stderr
    assert "nothing was exported" in bad.stderr and "Traceback" not in bad.stderr
    assert digest(project / "dist", skip="") == good  # the good files are untouched, nothing half-written

    # GIFT is plain text and can carry it; English is unaffected
    assert cli("export", "gift", "--lang", "es", "-f", config).returncode == 0
    assert cli("export", "qti", "moodle", "--lang", "en", "-f", config).returncode == 0


def test_a_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    dest = tmp_path / "out/package.zip"
    write_zip(dest, [("a.txt", b"good")])
    before = dest.read_bytes()

    def entries():
        yield "a.txt", b"new"
        raise ExportError("disk on fire")

    with pytest.raises(ExportError):
        write_zip(dest, entries())
    assert dest.read_bytes() == before
    assert zipfile.ZipFile(dest).read("a.txt") == b"good"
    assert [p.name for p in dest.parent.iterdir()] == ["package.zip"]  # no temporary file left


def test_sources_with_errors_export_nothing(tmp_path: Path) -> None:
    project = special_project(tmp_path / "p")
    (project / "quizzes/alpha.yml").write_text(
        (project / "quizzes/alpha.yml").read_text(encoding="utf-8").replace("type: single", "type: singel"),
        encoding="utf-8")
    result = cli("export", "gift", "-f", str(project / "mkdocs.yml"))
    assert result.returncode == 1
    assert "CUR104" in result.stderr and "nothing was exported" in result.stderr
    assert not (project / "dist/quizzes").exists()


@pytest.mark.export
def test_a_site_that_does_not_build_strictly_exports_nothing(tmp_path: Path) -> None:
    project = special_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - tracks/basic.md\n",
                                                                  "  - tracks/basic.md\n  - missing.md\n"),
                      encoding="utf-8")
    result = cli("export", "offline", "--lang", "es", "-f", str(config))
    assert result.returncode == 1
    assert "missing.md" in result.stderr                   # MkDocs' own warning, shown because the build failed
    assert "the learner edition of the site did not build" in result.stderr
    assert not (project / "dist/offline").exists()
    assert [p.name for p in (project / "dist").iterdir()] == []  # the scratch folder is gone too


def test_missing_chromium_is_reported_before_anything_is_written(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    project = special_project(tmp_path / "p")
    env = {**os.environ, "CURRICULUM_CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run([sys.executable, "-m", "curriculum.cli", "export", "gift", "handbook", "-f",
                             str(project / "mkdocs.yml")], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 3
    assert "not an executable file: handbooks are printed with Chromium" in result.stderr
    assert [p.name for p in (project / "dist").iterdir()] == []  # not even the GIFT file


def test_a_locale_string_xml_cannot_carry_is_cur501_and_refused_by_the_xml_exports(tmp_path: Path) -> None:
    """The exports write interface strings (true, false, correct, explanation, …): CUR501 scans them too."""
    project = special_project(tmp_path / "p")
    config = str(project / "mkdocs.yml")
    locale = project / "locales/en.yml"
    lines = locale.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("true:"))
    lines[line - 1] = 'true: "Tr\\aue"\n'
    locale.write_text("".join(lines), encoding="utf-8")

    check = cli("check", "--root", str(project))
    assert f"locales/en.yml:{line}:1: CUR501 English text of the interface string `true`" in check.stdout, (
        check.stdout + check.stderr)
    assert "contains U+0007" in check.stdout

    for fmt in ("qti", "moodle"):
        bad = cli("export", fmt, "--lang", "en", "-f", config)
        assert bad.returncode == 1, bad.stdout + bad.stderr
        assert f"locales/en.yml:{line}:1: CUR501" in bad.stderr and "nothing was exported" in bad.stderr
        assert "Traceback" not in bad.stderr
    assert not (project / "dist/quizzes").exists()
    assert cli("export", "qti", "moodle", "--lang", "es", "-f", config).returncode == 0   # Spanish is fine
