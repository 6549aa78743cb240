"""Nothing leaks, nothing runs, nothing is fetched: the hostile review's page findings (issue 10).

Each test reproduces one finding of the review on the sample project: marker variants, pages the
checks never saw, files the site published, script and remote resources in pages, unbounded reads,
the quadratic marker scan and the late failures. Checks run in-process; a few builds check the HTML.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from curriculum import csp, markers
from curriculum.cli import main as cli
from curriculum.loader import load_catalog
from tests.conftest import build


def codes(root: Path) -> list[tuple[str, str]]:
    """``(path, code)`` of every diagnostic of the project at ``root``."""
    _, diags = load_catalog(root)
    return [(d.path, d.code) for d in diags]


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# -- finding 2: facilitator notes reach the learner edition --------------------------------------------------

@pytest.mark.parametrize("variant", [
    "<!-- Facilitator -->\nSECRET\n<!-- /Facilitator -->",
    "<!-- facilitator notes -->\nSECRET\n<!-- /facilitator notes -->",
    "<!-- facilitator --->\nSECRET\n<!-- /facilitator --->",
    "<!-- note for facilitators: the answer to Q3 is B -->",
    "<!-- VERBATIM -->quoted<!-- /VERBATIM -->",
])
def test_a_comment_that_looks_like_a_marker_is_an_error(project: Path, variant: str) -> None:
    append(project, "modules/alpha/index.en.md", "\n" + variant + "\n")
    found = codes(project)
    assert ("modules/alpha/index.en.md", "CUR309") in found


def test_an_unclosed_comment_is_an_error(project: Path) -> None:
    append(project, "modules/alpha/index.en.md", "\n<!-- the rest of the page is hidden\n\nSECRET\n")
    assert ("modules/alpha/index.en.md", "CUR309") in codes(project)


@pytest.mark.parametrize("name", ["notes.v2.md", "release-1.2.md", "module-3.1.en.md"])
def test_every_page_is_checked_whatever_its_name(project: Path, name: str) -> None:
    (project / "modules/reference" / name).write_text("## Notes\n\n<!-- facilitator -->\nSECRET answer: B\n")
    assert (f"modules/reference/{name}", "CUR306") in codes(project)


def test_pages_in_a_symlinked_folder_inside_the_docs_are_checked(project: Path) -> None:
    real = project / "modules/reference/extra-real"
    real.mkdir()
    (real / "notes.md").write_text("## Notes\n\n<!-- facilitator -->\nSECRET-VIA-SYMLINK\n")
    (project / "modules/extra").symlink_to(real, target_is_directory=True)
    found = codes(project)
    assert ("modules/extra/notes.md", "CUR306") in found
    assert ("modules/reference/extra-real/notes.md", "CUR306") in found


def test_a_symlink_out_of_the_docs_folder_is_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("## Secret\n\nTOP-SECRET-OUTSIDE-FILE\n")
    (project / "modules/assets").mkdir(exist_ok=True)
    (project / "modules/assets/outside").symlink_to(outside, target_is_directory=True)
    (project / "modules/assets/q").symlink_to(project / "quizzes", target_is_directory=True)
    found = codes(project)
    assert ("modules/assets/outside", "CUR311") in found
    assert ("modules/assets/q", "CUR311") in found
    assert not any(path.startswith("modules/assets/outside/") for path, _ in found)  # never read


def test_a_symlink_loop_is_reported_by_check_not_by_a_late_build_failure(project: Path) -> None:
    (project / "modules/loop").symlink_to(project / "modules", target_is_directory=True)
    assert ("modules/loop", "CUR311") in codes(project)


# -- finding 3: non-Markdown files are published -------------------------------------------------------------

LEFT_OUT = ["alpha/module.yml~", "alpha/module.yml.orig", "alpha/Module.yml", "alpha/index.en.md~",
            "alpha/answers.yml", "alpha/facilitator-notes.txt", "alpha/notes.bak"]


def test_files_that_are_not_pages_or_assets_are_noted_as_left_out(project: Path) -> None:
    for rel in LEFT_OUT:
        (project / "modules" / rel).write_text("child-means-irrelevant: act-purpose\n<!-- facilitator -->\n")
    catalog, diags = load_catalog(project)
    notes = {d.path for d in diags if d.code == "CUR310"}
    assert notes == {f"modules/{rel}" for rel in LEFT_OUT}
    assert all(d.severity == "info" for d in diags if d.code == "CUR310")
    assert not any(catalog.docs.publishable(rel) for rel in LEFT_OUT)
    assert not catalog.docs.publishable("alpha/module.yml")  # metadata: left out without a note
    assert catalog.docs.publishable("alpha/index.en.md")


# -- finding 4: script and third-party resources in pages ----------------------------------------------------

@pytest.mark.parametrize(("snippet", "code"), [
    ("<script>__pwn('md-script')</script>", "CUR312"),
    ("## Extra section {#extra onclick=\"__pwn('attr-list')\" }", "CUR312"),
    ('<img src="bad:x" onerror="__pwn(1)" alt="x">', "CUR312"),
    ("[x](javascript:__pwn('md-jslink'))", "CUR312"),
    ('<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe>', "CUR312"),
    ("![tracker](https://tracker.example.com/pixel.png)", "CUR313"),
    ('<img src="https://cdn.example.net/logo.png" alt="logo">', "CUR313"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "CUR313"),
    ('<iframe src="file:///etc/hostname"></iframe>', "CUR313"),
    ('<img srcset="a.png 1x, //cdn.example.net/b.png 2x" src="a.png" alt="">', "CUR313"),
    ('<p style="background: url(https://example.net/x.png)">x</p>', "CUR313"),
    ("![pixel][p]\n\n[p]: https://tracker.example.com/p.gif", "CUR313"),
    # the re-test's bypasses of a regex tag scan: a tokenizer reads quoted `<`/`>`, long attributes and entities
    ('<script x="<">(window.__pwn=[1]);document.title="PWNED"//</body></script>', "CUR312"),
    ('<img alt=">" src=https://tracker.example.com/p.gif>', "CUR313"),
    ('<img alt="' + "x" * 4100 + '" src="https://tracker.example.com/p.gif">', "CUR313"),
    ('<a href="data:text/html,<b>x</b>">x</a>', "CUR312"),
    ('<a href="javascript&colon;alert(1)">x</a>', "CUR312"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "CUR312"),
    ('<img src="https&#58;//tracker.example.com/p.gif" alt="">', "CUR313"),
    ('<img src="&#47;/tracker.example.com/p.gif" alt="">', "CUR313"),
    ('<a href="x.html" ping="https://tracker.example.com/">x</a>', "CUR313"),
    ('<link rel="preconnect" href="https://fonts.example.net">', "CUR313"),
    ('<meta name="<" http-equiv="refresh" content="2;url=http://127.0.0.1:8999/x">', "CUR312"),
    ("<p style=\"background: image-set('https://t.example.net/a.png' 1x)\">x</p>", "CUR313"),
    ('<p style="background: u\\rl(https://t.example.net/a.png)">x</p>', "CUR313"),
    ("<style>@\\import 'https://t.example.net/x.css';</style>", "CUR313"),
    ("![r]\n\n[r]: https://tracker.example.com/p.gif", "CUR313"),
    ("<div markdown=\"1\">\n" * 400 + "x\n" + "</div>\n" * 400, "CUR005"),
])
def test_script_and_remote_resources_in_pages_are_errors(project: Path, snippet: str, code: str) -> None:
    append(project, "modules/alpha/index.en.md", "\n" + snippet + "\n")
    assert ("modules/alpha/index.en.md", code) in codes(project)


@pytest.mark.parametrize("snippet", [
    "[the statute](https://uscode.house.gov/view.xhtml?req=18+USC+1591)",  # a link is followed only on a click
    "Write `<script>` nowhere, and never `onclick=`.",                    # code is text
    '![diagram](../assets/diagram.png){: width="300" }',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
])
def test_links_code_and_local_images_are_fine(project: Path, snippet: str) -> None:
    append(project, "modules/alpha/index.en.md", "\n" + snippet + "\n")
    assert not [c for _, c in codes(project) if c in ("CUR312", "CUR313")]


@pytest.mark.parametrize("front", [
    "template: redirect.html\nlocation: https://tracker.example.com/?who=learner\n",
    'description: "x\\x22\\x3e\\x3cscript\\x3ewindow.__pwn=1\\x3c/script\\x3e"\n',
    'title: "Policy\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"\n',
    "author: Someone\n",
])
def test_front_matter_may_not_choose_a_template_redirect_or_hold_markup(project: Path, front: str) -> None:
    page = project / "modules/reference/policy.en.md"
    page.write_text("---\n" + front + "---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert ("modules/reference/policy.en.md", "CUR312") in codes(project)


def test_plain_front_matter_is_fine(project: Path) -> None:
    page = project / "modules/reference/policy.en.md"
    page.write_text("---\ntitle: Policy recommendations\nsearch:\n  exclude: true\n---\n"
                    + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert not [c for _, c in codes(project) if c in ("CUR312", "CUR313")]


@pytest.mark.parametrize(("svg", "code"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg">x()</s:script></svg>',
     "CUR312"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script' + " " * 4100 + ">x()</script></svg>", "CUR312"),
    ('<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;x()&#60;/script&#62;">]>'
     '<svg xmlns="http://www.w3.org/2000/svg">&s;</svg>', "CUR312"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:q="http://www.w3.org/1999/xlink">'
     '<image q:href="https://tracker.example.com/p.png"/></svg>', "CUR313"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "CUR312"),
])
def test_svg_assets_are_read_as_xml(project: Path, svg: str, code: str) -> None:
    (project / "modules/assets").mkdir(exist_ok=True)
    (project / "modules/assets/logo.svg").write_text(svg, encoding="utf-8")
    assert ("modules/assets/logo.svg", code) in codes(project)


def test_a_page_of_many_style_tags_is_scanned_in_linear_time() -> None:
    from curriculum import pagesafety

    text = "<style " * 80_000  # 560 KB: took 15 s when a regex looked for each tag's end
    assert pagesafety.scan_markdown(text) is not None


def test_svg_and_css_assets_are_scanned(project: Path) -> None:
    assets = project / "modules/assets"
    assets.mkdir(exist_ok=True)
    (assets / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (assets / "extra.css").write_text("@import url('https://fonts.example.net/x.css');\nbody{color:red}\n")
    found = codes(project)
    assert ("modules/assets/logo.svg", "CUR312") in found
    assert ("modules/assets/extra.css", "CUR313") in found


def test_the_policy_hashes_the_themes_inline_scripts_but_never_the_pages_own() -> None:
    theme = "<script>var palette=1</script>"
    content = "<article><script>window.__pwn=1</script></article>"
    page = f"<html><head>{theme}</head><body>{content}<script src='a.js'></script></body></html>"
    policy = csp.policy(page, content)
    assert csp._hash("var palette=1") in policy
    assert csp._hash("window.__pwn=1") not in policy
    assert "default-src 'none'" in policy and "script-src 'self' 'sha256-" in policy
    assert "'unsafe-inline'" not in policy.split("style-src-attr")[0]  # only style attributes, never script


# -- finding 6 and 7: unbounded reads, quadratic scan ----------------------------------------------------------

def test_a_fifo_or_a_device_is_refused_without_reading(project: Path) -> None:
    quiz = project / "quizzes/alpha.yml"
    quiz.unlink()
    os.mkfifo(quiz)  # opening it for reading would block forever
    page = project / "modules/alpha/index.es.md"
    page.unlink()
    page.symlink_to("/dev/zero")  # a symlink out of the docs folder, and an endless file
    found = codes(project)
    assert ("quizzes/alpha.yml", "CUR002") in found
    assert ("modules/alpha/index.es.md", "CUR311") in found


def test_an_endless_source_outside_the_docs_is_read_only_up_to_the_cap(project: Path) -> None:
    quiz = project / "quizzes/alpha.yml"
    quiz.unlink()
    quiz.symlink_to("/dev/zero")
    assert ("quizzes/alpha.yml", "CUR002") in codes(project)  # a device, refused before reading


def test_a_huge_page_is_refused_at_the_cap(project: Path) -> None:
    (project / "modules/reference/huge.md").write_text("x" * 2_000_001)
    assert ("modules/reference/huge.md", "CUR005") in codes(project)


def test_a_page_of_many_markers_gives_a_bounded_report() -> None:
    text = "é\n" + "<!-- facilitator -->\n" * 50_000
    found = list(markers.problems(text))
    assert len(found) == markers.MAX_REPORTS + 1
    assert "49980 more" in found[-1][2]


# -- finding 11: late failures become located diagnostics ------------------------------------------------------

def test_deep_nesting_is_reported_before_markdown_recurses(project: Path) -> None:
    deep = "\n".join("    " * i + "- item" for i in range(300))
    append(project, "modules/reference/glossary.en.md", "\n" + deep + "\n")
    assert ("modules/reference/glossary.en.md", "CUR005") in codes(project)


def test_an_unknown_track_marker_is_located(project: Path) -> None:
    append(project, "modules/tracks/basic.en.md", "\n<!-- curriculum:track nope -->\n")
    _, diags = load_catalog(project)
    found = [d for d in diags if d.code == "CUR208" and d.path == "modules/tracks/basic.en.md"]
    assert found and found[0].line == 3


def test_check_refuses_a_docs_folder_outside_the_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["check", "--root", str(project), "--docs-dir", "/etc"]) == 2
    assert "inside the project" in capsys.readouterr().err
    assert cli(["check", "--root", str(project), "--docs-dir", str(project / "modules")]) == 0


def test_check_reads_docs_dir_from_mkdocs_yml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "modules").rename(project / "pages")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: modules", "docs_dir: pages"))
    assert cli(["check", "--root", str(project)]) == 0, capsys.readouterr()


# -- finding 13 (pages): anchors in notes, titles in other syntaxes, markers twice -----------------------------

def test_an_exercise_anchor_inside_notes_or_a_comment_does_not_count(project: Path) -> None:
    page = project / "modules/alpha/index.en.md"
    text = page.read_text().replace("## Joint exercise: Sorting cases {#ex-sort}", "## Joint exercise")
    page.write_text(text + "\n<!-- facilitator -->\n## Answers {#ex-sort}\n<!-- /facilitator -->\n")
    assert ("modules/alpha/index.en.md", "CUR303") in codes(project)


@pytest.mark.parametrize("title", ["Title\n=====", "#Title", "<h1>Title</h1>"])
def test_a_module_page_title_in_any_syntax_is_found(project: Path, title: str) -> None:
    page = project / "modules/alpha/index.en.md"
    page.write_text(title + "\n\n" + page.read_text())
    assert ("modules/alpha/index.en.md", "CUR305") in codes(project)


def test_a_glossary_marker_twice_is_reported(project: Path) -> None:
    append(project, "modules/reference/glossary.en.md", "\n<!-- curriculum:glossary -->\n")
    assert ("modules/reference/glossary.en.md", "CUR104") in codes(project)


# -- the built site: what a learner receives -------------------------------------------------------------------

@pytest.mark.slow
def test_the_learner_site_has_no_comment_no_backup_and_a_policy_on_every_page(project: Path, tmp_path: Path) -> None:
    append(project, "modules/alpha/index.en.md", "\n<!-- a plain comment: ANSWER-IN-COMMENT -->\n")
    for rel in LEFT_OUT:
        (project / "modules" / rel).write_text("LEFT-OUT-SECRET\n")
    site = tmp_path / "site"
    result = build(project, "learner", site)
    assert result.returncode == 0, result.stderr
    assert "CUR310" in result.stderr  # the note says what was left out
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert not [p for p in published if p.endswith(("~", ".orig", ".yml", ".txt", ".bak"))
                and not p.startswith("assets/vendor/")]
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".xml") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "ANSWER-IN-COMMENT" not in text and "LEFT-OUT-SECRET" not in text, path
            assert "FACILITATOR-SECRET" not in text, path
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        body = html[html.find("<article"):html.find("</article>")] if "<article" in html else ""
        assert "<!--" not in body, page  # no comment in any page's content
        assert re.search(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="[^"]*default-src', html), page
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "verbatim" not in json.dumps(index) and "ANSWER-IN-COMMENT" not in json.dumps(index)


@pytest.mark.slow
def test_a_docs_dir_outside_the_project_fails_the_build_cleanly(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    (tmp_path / "elsewhere").mkdir()
    config.write_text(config.read_text().replace("docs_dir: modules", f"docs_dir: {tmp_path / 'elsewhere'}"))
    result = build(project, "learner", tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "inside the project" in result.stderr


# -- the Content-Security-Policy in Chromium: our scripts satisfy it, nothing else runs ----------------------

_VIOLATIONS = ("window.__csp = [];"
               "document.addEventListener('securitypolicyviolation',"
               " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.mark.browser
@pytest.mark.slow
def test_the_sites_own_scripts_satisfy_its_policy_and_no_other_runs(built: dict[str, Path], browser: object,
                                                                    tmp_path: Path) -> None:
    context = browser.new_context()
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "about:"))
                  else (outside.append(route.request.url), route.abort()))
    context.add_init_script(_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    site = built["learner"]
    # the quiz, the track's progress and certificate, the glossary, and search (a worker in a frame under file://)
    page.goto((site / "alpha/index.html").as_uri())
    page.locator('input[name="alpha--which-act"]').first.check()
    page.locator("button.cur-check").first.click()
    page.wait_for_function("() => document.querySelector('.cur-score').textContent.trim() !== ''")
    assert page.evaluate("window.__csp") == []
    page.goto((site / "es/tracks/basic.html").as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("window.__csp") == []
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("elementos", delay=15)
    page.wait_for_selector("a.md-search-result__link", timeout=15_000)
    assert page.evaluate("window.__csp") == [] and errors == [] and outside == []
    # a script that reached a built page's content anyway is blocked by the policy
    copy = tmp_path / "site"
    import shutil

    shutil.copytree(site, copy)
    target = copy / "alpha/index.html"
    html = target.read_text(encoding="utf-8")
    html = html.replace("</article>", "<script>window.__pwn = 1</script><img src=x onerror=\"window.__pwn=2\" alt="
                        "\"\"><img src=\"https://tracker.example.com/p.gif\" alt=\"\"></article>", 1)
    target.write_text(html, encoding="utf-8")
    page.goto(target.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwn") is None
    assert len(page.evaluate("window.__csp")) >= 2
    assert not [u for u in outside if "tracker.example.com" in u]  # refused by the policy before any request
    context.close()
