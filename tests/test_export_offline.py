"""Offline bundles: one language of the learner site per zip, opened from file:// with everything else blocked."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from curriculum.export.site import dangling_links
from tests.exporting import Export, export_all


@pytest.fixture
def exported(tmp_path_factory: pytest.TempPathFactory) -> Export:
    return export_all(tmp_path_factory)


def entries(exported: Export, lang: str) -> dict[str, bytes]:
    with zipfile.ZipFile(exported.dist / f"offline/site.{lang}.offline.zip") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.export
@pytest.mark.parametrize("lang", ["en", "es"])
def test_bundle_holds_one_language_and_links_nowhere_else(exported: Export, lang: str) -> None:
    files = entries(exported, lang)
    top = f"curriculum-{lang}/"
    assert all(name.startswith(top) for name in files)
    files = {name[len(top):]: data for name, data in files.items()}
    assert "index.html" in files and "README.txt" in files
    module = "alpha/index.html" if lang == "en" else "es/alpha/index.html"
    assert module in files
    pages = [name for name in files if name.endswith(".html")]
    if lang == "es":
        assert all(name.startswith("es/") for name in pages if name != "index.html")
        assert b'url=es/index.html' in files["index.html"]
    else:
        assert not any(name.startswith("es/") for name in files)
    for name in pages:
        html = files[name].decode("utf-8")
        assert "FACILITATOR-SECRET" not in html
        assert 'hreflang="en"' not in html if lang == "es" else 'hreflang="es"' not in html
    assert dangling_links(files) == []
    assert not any(name.endswith((".map", "sitemap.xml", "sitemap.xml.gz")) for name in files)


@pytest.mark.export
@pytest.mark.browser
def test_unpacked_bundle_works_from_file_urls(exported: Export, browser: object, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported.dist / "offline/site.es.offline.zip") as zf:
        zf.extractall(tmp_path)
    root = (tmp_path / "curriculum-es").resolve()
    context = browser.new_context()
    requests: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url
        requests.append(url)
        if url.startswith(root.as_uri() + "/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10000)
    try:
        page.goto((root / "index.html").as_uri())
        page.wait_for_url("**/es/index.html")
        assert page.locator("html").get_attribute("lang") == "es"
        page.locator("article a[href='alpha/index.html']").first.click()
        page.wait_for_url("**/es/alpha/index.html")
        page.locator('input[name="alpha--which-act"][value="recruitment"]').check()
        page.locator('input[name="alpha--purposes"][value="forced-labour"]').check()
        page.locator('input[name="alpha--purposes"][value="sexual"]').check()
        page.locator('input[name="alpha--child-means"][value="true"]').check()
        for premise in ("act", "means", "purpose"):
            page.locator(f'select[name="alpha--match-elements--{premise}"]').select_option(premise)
        page.locator("button.cur-check").click()
        assert "4 de 4" in page.locator(".cur-score").inner_text()
        outside = [u for u in requests if not u.startswith(root.as_uri() + "/")]
        assert outside == []
    finally:
        context.close()
