"""Bypasses found by the hostile re-test of the issue-10 fixes, one test (or a few) per finding.

Each test reproduces the bypass on the sample project and fails if it works again: pages MkDocs publishes
that the checks never read, marker look-alikes, unbounded or blocking reads of the configuration, folders that
replace the site's own, titles the title check missed, a site built inside
a site, and files the publish allow-list let through. Checks run in-process; one build shows the built site.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from curriculum import docstree, markers, settings, sitebuild, yamlsource
from curriculum.diagnostics import Diagnostic, Diagnostics
from curriculum.loader import load_catalog
from curriculum.model import DocsTree
from tests.conftest import build

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def diagnostics(root: Path) -> list[Diagnostic]:
    return list(load_catalog(root)[1])


def codes(root: Path) -> list[tuple[str, str]]:
    """``(path, code)`` of every diagnostic of the project at ``root``."""
    return [(d.path, d.code) for d in diagnostics(root)]


def tree(root: Path) -> tuple[DocsTree, list[Diagnostic]]:
    catalog, diags = load_catalog(root)
    return catalog.docs, list(diags)


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# -- 1: `.Md`, `.MD`, `.markdown` pages are published raw ----------------------------------------------------

VARIANTS = ["reference/legal.Md", "reference/notes.en.MD", "reference/extra.markdown", "reference/a.mdown",
            "reference/b.mkdn", "reference/c.mkd"]


def test_only_names_ending_exactly_in_md_are_pages() -> None:
    assert docstree.classify("reference/legal.md") == "page"
    for doc in VARIANTS:
        assert docstree.classify(doc) == "left-out", doc


def test_markdown_like_and_case_variant_pages_are_left_out_with_a_note(project: Path) -> None:
    for doc in VARIANTS:
        (project / "modules" / doc).write_text("## Legal\n\n<!-- facilitator -->\nSECRET\n", encoding="utf-8")
    docs, found = tree(project)
    notes = {d.path: d.message for d in found if d.code == "CUR310"}
    for doc in VARIANTS:
        assert not docs.publishable(doc) and docs.page(doc) is None, doc
        assert "`.md`" in notes[f"modules/{doc}"], notes


@pytest.mark.slow
def test_case_variant_pages_are_not_in_the_built_site(project: Path, tmp_path: Path) -> None:
    (project / "modules/reference/legal.Md").write_text("## Legal\n\nCASE-VARIANT-SECRET-1\n", encoding="utf-8")
    (project / "modules/reference/notes.en.MD").write_text("## Notes\n\nCASE-VARIANT-SECRET-2\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, "learner", site)
    assert result.returncode == 0, result.stderr
    published = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in published if p.name.lower().startswith(("legal.", "notes."))]
    for path in published:
        data = path.read_bytes()
        assert b"CASE-VARIANT-SECRET" not in data, path


# -- 2: look-alike markers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", [
    "<!-- facilitador -->\nSECRET\n<!-- /facilitador -->",           # Spanish
    "<!-- notas para quien facilita: la respuesta es B -->",
    "<!-- f\u0430cilitator -->\nSECRET\n<!-- /f\u0430cilitator -->",  # a Cyrillic a
    "<!-- facili\u200btator -->\nSECRET\n<!-- /facili\u200btator -->",  # a zero-width space
    "<!-- facili\ntator -->\nSECRET\n<!-- /facili\ntator -->",           # split over two lines
    "<!-- note for the facili-\ntator: B -->",
    "<!-- \uff46\uff41\uff43\uff49\uff4c\uff49\uff54\uff41\uff54\uff4f\uff52 -->",  # fullwidth
    "<!-- \u0455\u0435cr\u0435t ν\u0435rb\u0430tim -->",              # Cyrillic/Greek look-alikes
    "<!-- /notas -->",
    "<!-- notas del instructor -->\nSECRET\n<!-- /notas del instructor -->",
    "<!-- curriculum:contacts -->",
    "<!-- facilitator --!> SECRET <!-- /facilitator -->",
    "<!-- a comment --!> SECRET",
    "<!-->SECRET<!-- -->",
    "<!--->SECRET<!-- -->",
])
def test_a_look_alike_marker_is_an_error(project: Path, variant: str) -> None:
    append(project, "modules/alpha/index.en.md", "\n" + variant + "\n")
    assert ("modules/alpha/index.en.md", "CUR309") in codes(project)


@pytest.mark.parametrize("text", [
    "<!-- facilitator -->\nnotes\n<!-- /facilitator -->",
    "<!-- verbatim -->quoted<!-- /verbatim -->",
    "<!--facilitator-->\nnotes\n<!--/facilitator-->",
    "<!-- curriculum:glossary -->",
    "<!-- curriculum:track basic -->",
    "<!-- This section was checked against the 2025 statute by the legal team; update it in March. -->",
])
def test_real_markers_and_prose_comments_are_fine(text: str) -> None:
    from curriculum.render import GENERATED

    assert list(markers.problems(text, known=GENERATED)) == []


def test_a_comment_ends_at_the_first_way_a_browser_ends_it() -> None:
    text = "a <!-- x --!> b <!-- y --> c <!--> d <!---> e"
    assert [text[s:e] for s, e in markers.comments(text)] == ["<!-- x --!>", "<!-- y -->", "<!-->", "<!--->"]
    assert markers.strip_comments(text) == "a  b  c  d  e"


# -- 3: the MkDocs configuration is read like every source -------------------------------------------------------

def test_a_fifo_as_mkdocs_yml_does_not_hang_the_check(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.unlink()
    os.mkfifo(config)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(settings.read_settings(config)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # release the blocked reader before failing
        os.close(os.open(config, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("reading a FIFO mkdocs.yml blocked")
    assert result == [{}]
    assert settings.docs_dir(project) == "modules"


@pytest.mark.parametrize("how", ["symlink", "inherit"])
def test_an_endless_mkdocs_yml_or_parent_is_not_read(project: Path, how: str) -> None:
    config = project / "mkdocs.yml"
    if how == "symlink":
        config.unlink()
        config.symlink_to("/dev/zero")
        assert settings.read_settings(config) == {}
    else:
        config.write_text("INHERIT: /dev/zero\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
        assert settings.read_settings(config)["docs_dir"] == "modules"


def test_inherit_is_never_followed_out_of_the_project(project: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.yml").write_text("site_name: outside\nextra_key: from-outside\n", encoding="utf-8")
    (project / "base.yml").write_text("inside_key: from-inside\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text("INHERIT: ../outside.yml\n" + original, encoding="utf-8")
    assert "extra_key" not in settings.read_settings(config)
    config.write_text("INHERIT: base.yml\n" + original, encoding="utf-8")
    assert settings.read_settings(config)["inside_key"] == "from-inside"


# -- 4: a device is never opened ----------------------------------------------------------------------------------

def test_read_text_refuses_a_fifo_or_device_without_opening_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = project / "quizzes/pipe.yml"
    os.mkfifo(fifo)
    device = project / "quizzes/null.yml"
    device.symlink_to("/dev/null")
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(yamlsource.os, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    for path in (fifo, device):
        diags = Diagnostics()
        assert yamlsource.read_text(path, path.name, diags) is None
        assert [d.code for d in diags] == ["CUR002"]
    assert opened == []


def test_read_text_rechecks_the_opened_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A regular file at stat time swapped for a FIFO before the open is still refused (fstat)."""
    fifo = project / "quizzes/pipe.yml"
    os.mkfifo(fifo)
    regular = os.stat(project / "quizzes/alpha.yml")
    monkeypatch.setattr(yamlsource.os, "stat", lambda p, *a, **k: regular)
    diags = Diagnostics()
    assert yamlsource.read_text(fifo, "quizzes/pipe.yml", diags) is None
    assert [d.code for d in diags] == ["CUR002"]


# -- 5: folders that replace the site's own -------------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "files"), [
    ("es", ["index.md", "index.es.md"]),
    ("en", ["index.md"]),
    ("search", ["index.md"]),
    ("sitemap.xml", None),
    ("sitemap.xml.gz", None),
    ("404.html", None),
    ("es.md", None),
])
def test_a_top_level_entry_named_like_the_sites_own_is_an_error(project: Path, entry: str,
                                                                 files: list[str] | None) -> None:
    path = project / "modules" / entry
    if files is None:
        path.write_text("## Replaced\n", encoding="utf-8")
    else:
        path.mkdir()
        for name in files:
            (path / name).write_text("## Replaced\n", encoding="utf-8")
    found = [d for d in diagnostics(project) if d.path == f"modules/{entry}"]
    assert "CUR104" in [d.code for d in found], found


def test_the_legitimate_top_level_folders_are_fine(project: Path) -> None:
    for folder in ("assets", "tracks", "reference"):
        assert (project / "modules" / folder).is_dir()
    (project / "modules/reference/es").mkdir()  # only the top level is the site's
    (project / "modules/reference/es/index.md").write_text("## Fine\n", encoding="utf-8")
    assert not [d for d in diagnostics(project) if d.code == "CUR104"]


# -- 6: an H1 inside a list item, a quotation or an admonition -------------------------------------------------------

@pytest.mark.parametrize("title", [
    "> # Title",
    "> > # Title",
    "- # Title",
    "1. # Title",
    "> - # Title",
    "- item\n\n    # Title",
    "!!! note\n    # Title",
    '??? tip "More"\n    # Title',
    "!!! note\n    - # Title",
])
def test_a_title_inside_a_container_is_found(project: Path, title: str) -> None:
    page = project / "modules/alpha/index.en.md"
    page.write_text(title + "\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert ("modules/alpha/index.en.md", "CUR305") in codes(project)


@pytest.mark.parametrize("text", [
    "> ## Section",
    "- ## Section",
    "1. ## Section",
    "!!! note\n    ## Section",
    "- Run this:\n\n        # a shell comment in an indented code block",
    "!!! note\n    Text.\n\n        # code inside the admonition",
    "- Run this:\n\n    ```sh\n    # a shell comment\n    ```",
    "Text\n\n    # a top-level indented code block",
    "A #hashtag in a paragraph",
])
def test_no_false_title_in_containers(project: Path, text: str) -> None:
    append(project, "modules/alpha/index.en.md", "\n" + text + "\n")
    assert ("modules/alpha/index.en.md", "CUR305") not in codes(project)


# -- 8: a site inside a site ----------------------------------------------------------------------------------------

def test_a_site_is_never_built_inside_another_site(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sitebuild, "_run_mkdocs", lambda *a: pytest.fail("MkDocs must not run"))
    learner = project.parent / "public"
    learner.mkdir()
    (learner / sitebuild.MARKER).write_text(json.dumps({"generator": "curriculum", "edition": "learner"}))
    for target, edition in ((learner / "notes", "facilitator"), (learner / "a/b", "facilitator"),
                            (learner / "copy", "learner")):
        assert sitebuild.build_site(project / "mkdocs.yml", target, edition=edition) == 2
        assert "inside the site" in capsys.readouterr().err
        assert not target.exists()


# -- 9: gaps in the publish allow-list ----------------------------------------------------------------------------

def test_vendor_files_without_a_suffix_are_only_licences(project: Path) -> None:
    vendor = project / "modules/assets/vendor/iframe-worker"
    for name in ("secrets", "NOTICE", "COPYING", "LICENSE.txt", "answers.txt"):
        (vendor / name).write_text("text\n", encoding="utf-8")
    docs, _ = tree(project)
    prefix = "assets/vendor/iframe-worker/"
    assert not docs.publishable(prefix + "secrets") and not docs.publishable(prefix + "answers.txt")
    for name in ("LICENSE", "NOTICE", "COPYING", "LICENSE.txt", "shim.js"):
        assert docs.publishable(prefix + name), name


@pytest.mark.parametrize(("name", "content", "ok"), [
    ("logo.png", PNG, True),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", True),
    ("anim.gif", b"GIF89a\x01\x00", True),
    ("pic.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", True),
    ("pic.avif", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", True),
    ("favicon.ico", b"\x00\x00\x01\x00\x01\x00", True),
    ("handout.pdf", b"%PDF-1.7\n", True),
    ("font.woff", b"wOFF\x00\x01\x00\x00", True),
    ("font.woff2", b"wOF2\x00\x01\x00\x00", True),
    ("talk.mp3", b"ID3\x04\x00", True),
    ("clip.mp4", b"\x00\x00\x00\x18ftypisom", True),
    ("clip.webm", b"\x1a\x45\xdf\xa3\x01", True),
    ("clip.ogg", b"OggS\x00\x02", True),
    ("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", True),
    ("diagram.svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', True),
    ("answers.png", b"questions:\n  - id: q1\n", False),
    ("answers.pdf", PNG, False),
    ("answers.vtt", b"questions:\n", False),
    ("answers.svg", b"questions:\n  - <svg>\n", False),
    ("page.svg", b'<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>', False),
    ("empty.png", b"", False),
])
def test_binary_assets_are_what_their_name_says(project: Path, name: str, content: bytes, ok: bool) -> None:
    (project / "modules/alpha" / name).write_bytes(content)
    docs, found = tree(project)
    assert docs.publishable(f"alpha/{name}") is ok
    notes = [d for d in found if d.path == f"modules/alpha/{name}" and d.code == "CUR310"]
    assert bool(notes) is not ok
    if not ok:
        assert "content" in notes[0].message, notes


def test_a_hard_link_is_left_out(project: Path) -> None:
    os.link(project / "quizzes/alpha.yml", project / "modules/alpha/answers.png")
    (project / "modules/alpha/real.png").write_bytes(PNG)
    os.link(project / "modules/alpha/real.png", project / "modules/alpha/same.png")
    docs, found = tree(project)
    for name in ("answers.png", "real.png", "same.png"):
        assert not docs.publishable(f"alpha/{name}"), name
        assert any(d.path == f"modules/alpha/{name}" and d.code == "CUR310" and "hard link" in d.message
                   for d in found), name


def test_a_symlink_publishes_only_what_its_target_may_publish(project: Path) -> None:
    (project / "modules/alpha/tool.js").write_text("window.x = 1\n", encoding="utf-8")
    (project / "modules/alpha/notes.txt").write_text("SECRET\n", encoding="utf-8")
    vendor = project / "modules/assets/vendor"
    (vendor / "tool.js").symlink_to("../../alpha/tool.js")
    (project / "modules/alpha/more.md").symlink_to("notes.txt")
    (vendor / "alpha").symlink_to("../../alpha", target_is_directory=True)
    (vendor / "shim.js").symlink_to("iframe-worker/shim.js")  # both vendored: fine
    docs, found = tree(project)
    assert not docs.publishable("assets/vendor/tool.js")
    assert not docs.publishable("alpha/more.md") and docs.page("alpha/more.md") is None
    assert not docs.publishable("assets/vendor/alpha/tool.js")
    assert docs.publishable("assets/vendor/alpha/index.en.md")  # a page is a page wherever it is linked from
    assert docs.publishable("assets/vendor/shim.js")
    left = {d.path for d in found if d.code == "CUR310"}
    assert {"modules/assets/vendor/tool.js", "modules/alpha/more.md", "modules/assets/vendor/alpha/tool.js"} <= left
