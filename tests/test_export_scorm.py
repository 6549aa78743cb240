"""SCORM packages: manifests valid against the official ADL/IMS schemas, and a real SCORM runtime (scorm-again, as
the LMS, in headless Chromium) reading back what the package reports when a learner takes the quiz."""

from __future__ import annotations

import json
import mimetypes
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import xmlschema

from curriculum.export.site import dangling_links
from tests.exporting import DATA, Export, export_all


@pytest.fixture
def exported(tmp_path_factory: pytest.TempPathFactory) -> Export:
    return export_all(tmp_path_factory)

SCHEMAS = {
    "scorm12": ("imscp_rootv1p1p2.xsd", "http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
    "scorm2004": ("imscp_v1p1.xsd", "http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
}
# SCORM 1.2's official ims_xml.xsd binds the default namespace to the reserved XML namespace, which a conforming
# XML parser must reject; the validator uses its own copy of the W3C schema for that namespace instead.
XML_NS_XSD = Path(xmlschema.__file__).parent / "schemas/XML/xml.xsd"


def unpack(exported: Export, name: str, dest: Path) -> Path:
    with zipfile.ZipFile(exported.dist / "scorm" / name) as zf:
        zf.extractall(dest)
    return dest


def schema(pkg: Path, fmt: str) -> xmlschema.XMLSchema:
    main, adl_ns, adl = SCHEMAS[fmt]
    return xmlschema.XMLSchema(str(pkg / main), locations=[(adl_ns, str(pkg / adl))],
                               uri_mapper=lambda uri: XML_NS_XSD.as_uri() if uri.endswith("/ims_xml.xsd") else uri)


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_manifest_validates_against_official_schemas(exported: Export, fmt: str, lang: str, tmp_path: Path) -> None:
    pkg = unpack(exported, f"basic.{lang}.{fmt}.zip", tmp_path)
    xsd = schema(pkg, fmt)
    xsd.validate(str(pkg / "imsmanifest.xml"))
    text = (pkg / "imsmanifest.xml").read_text(encoding="utf-8")
    attr = "adlcp:scormtype" if fmt == "scorm12" else "adlcp:scormType"
    assert f'{attr}="sco"' in text
    assert not xsd.is_valid(text.replace(f'{attr}="sco"', f'{attr}="course"'))  # the ADL schema is applied
    # the schema files SCORM wants at the package root are the official ones the project ships
    shipped = Path(__file__).resolve().parent.parent / "curriculum/export/xsd" / fmt
    assert {p.name: p.read_bytes() for p in shipped.glob("*.xsd")} == {
        p.name: p.read_bytes() for p in pkg.glob("*.xsd")}

    root = ET.fromstring(text)
    ns = {"cp": root.tag[1:].split("}")[0]}
    title = exported.catalog.track("basic").title[lang]
    assert root.findtext("cp:organizations/cp:organization/cp:title", namespaces=ns) == title
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == ("1.2" if fmt == "scorm12"
                                                                              else "2004 4th Edition")
    item = root.find("cp:organizations/cp:organization/cp:item", ns)
    resource = root.find("cp:resources/cp:resource", ns)
    assert item.get("identifierref") == resource.get("identifier")
    listed = {unquote(f.get("href")) for f in resource.findall("cp:file", ns)}
    on_disk = {p.relative_to(pkg).as_posix() for p in pkg.rglob("*") if p.is_file()}
    assert listed == on_disk - {"imsmanifest.xml"} - {p.name for p in pkg.glob("*.xsd")}
    assert resource.get("href") in listed and resource.get("href") == "_lms/launch.html"


def test_package_holds_one_language_of_the_learner_edition(exported: Export, tmp_path: Path) -> None:
    pkg = unpack(exported, "basic.es.scorm12.zip", tmp_path)
    assert (pkg / "es/alpha/index.html").is_file() and not (pkg / "alpha/index.html").exists()
    page = (pkg / "es/alpha/index.html").read_text(encoding="utf-8")
    assert '<script src="../../_lms/scorm.js"></script>\n</head>' in page  # before quiz.js, which is deferred
    assert "FACILITATOR-SECRET" not in page and 'hreflang="en"' not in page
    files = {p.relative_to(pkg).as_posix(): p.read_bytes() for p in pkg.rglob("*") if p.is_file()}
    assert dangling_links(files) == []  # no page links outside the package
    config = json.loads((pkg / "_lms/config.js").read_text(encoding="utf-8").split("=", 1)[1].rstrip(";\n"))
    assert config["start"] == "es/tracks/basic.html"
    assert config["quizzes"] == [{"id": "alpha", "pass": 50, "questions": [
        ["which-act", ["recruitment", "deception"]], ["purposes", ["forced-labour", "sexual", "transport"]],
        ["child-means", ["true", "false"]]]}]


# -- a real SCORM runtime ----------------------------------------------------------------------------------

HARNESS = """<!doctype html><html><head><meta charset="utf-8"><script src="/scorm-again.min.js"></script><script>
window.calls = [];
const v2004 = %(v2004)s;
window.LMS = v2004 ? new Scorm2004API({logLevel: 5}) : new Scorm12API({logLevel: 5});
if (%(preload)s) window.LMS.loadFromFlattenedJSON(%(preload)s);
if (v2004) window.API_1484_11 = window.LMS; else window.API = window.LMS;
const names = v2004 ? ["Initialize", "Commit", "Terminate"] : ["LMSInitialize", "LMSCommit", "LMSFinish"];
names.forEach((n) => window.LMS.on(n, () => window.calls.push(n)));
window.LMS.on((v2004 ? "SetValue" : "LMSSetValue") + ".cmi.*", (k, v) => window.calls.push([k, v]));
window.set = (k) => { const s = window.calls.filter((c) => Array.isArray(c) && c[0] === k); return s.length ?
  s[s.length - 1][1] : null; };
</script></head><body><iframe id="sco" src="/pkg/_lms/launch.html" style="width:1100px;height:900px"></iframe>
</body></html>"""


class LMS:
    """An LMS page on http://lms.test/ (served from memory, no network) with the package in a frame."""

    def __init__(self, browser: object, pkg: Path, version: str, preload: dict | None = None,
                 with_api: bool = True) -> None:
        self.context = browser.new_context()
        self.outside: list[str] = []
        harness = HARNESS % {"v2004": json.dumps(version == "2004"), "preload": json.dumps(preload or None)}
        if not with_api:
            harness = harness.replace("window.API_1484_11 = window.LMS; else window.API = window.LMS;",
                                      "{} else {}")

        def serve(route: object) -> None:
            url = urlsplit(route.request.url)
            if url.hostname != "lms.test":
                self.outside.append(route.request.url)
                route.abort()
                return
            if url.path == "/lms.html":
                route.fulfill(body=harness, content_type="text/html")
            elif url.path == "/scorm-again.min.js":
                route.fulfill(path=str(DATA / "scorm-again/scorm-again.min.js"), content_type="text/javascript")
            elif url.path.startswith("/pkg/") and (pkg / unquote(url.path[5:])).is_file():
                file = pkg / unquote(url.path[5:])
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                route.fulfill(path=str(file), content_type=kind)
            else:
                route.fulfill(status=404, body="not found")

        self.context.route("**/*", serve)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10000)
        self.page.goto("http://lms.test/lms.html")

    def site(self) -> object:
        return self.page.frame_locator("#sco").frame_locator("#curriculum-frame")

    def wait(self, expression: str) -> None:
        self.page.wait_for_function(expression, timeout=15000)

    def value(self, key: str) -> object:
        return self.page.evaluate("(k) => window.set(k)", key)

    def close(self) -> None:
        self.context.close()


def answer_quiz(site: object, quiz: str, choices: dict[str, list[str]]) -> None:
    for question, values in choices.items():
        for value in values:
            site.locator(f'input[name="{quiz}--{question}"][value="{value}"]').check()
    site.locator("button.cur-check").click()


def answer(site: object, choices: dict[str, list[str]]) -> None:
    answer_quiz(site, "alpha", choices)


RIGHT = {"which-act": ["recruitment"], "purposes": ["forced-labour", "sexual"], "child-means": ["true"]}
ONE_RIGHT = {"which-act": ["deception"], "purposes": ["forced-labour"], "child-means": ["true"]}


def test_scorm12_reports_location_scores_pass_completion_and_finish(exported: Export, browser: object,
                                                                   tmp_path: Path) -> None:
    pkg = unpack(exported, "basic.es.scorm12.zip", tmp_path)
    lms = LMS(browser, pkg, "1.2")
    try:
        lms.wait("window.calls.includes('LMSInitialize') && window.set('cmi.core.lesson_location') === "
                 "'es/tracks/basic.html'")
        assert lms.value("cmi.core.lesson_status") == "incomplete"
        site = lms.site()
        site.locator("article a[href='../alpha/index.html']").first.click()   # from the track's agenda
        lms.wait("window.set('cmi.core.lesson_location') === 'es/alpha/index.html'")
        answer(site, RIGHT)
        lms.wait("window.set('cmi.core.lesson_status') === 'passed'")
        got = lms.page.evaluate("""() => ({raw: LMS.cmi.core.score.raw, min: LMS.cmi.core.score.min,
            max: LMS.cmi.core.score.max, status: LMS.cmi.core.lesson_status, loc: LMS.cmi.core.lesson_location,
            obj: LMS.cmi.objectives.childArray.map((o) => [o.id, o.score.raw, o.status]),
            suspend: LMS.cmi.suspend_data})""")
        assert got == {"raw": "100", "min": "0", "max": "100", "status": "passed", "loc": "es/alpha/index.html",
                       "obj": [["alpha", "100", "passed"]], "suspend": "1;0.3.010301"}
        assert "LMSCommit" in lms.page.evaluate("window.calls")
        assert "Aprobado" in site.locator(".cur-score").inner_text()   # the page itself behaves as on the site
        lms.page.evaluate("document.getElementById('sco').remove()")  # the LMS closes the SCO
        lms.wait("window.calls.includes('LMSFinish')")
        assert lms.value("cmi.core.exit") == ""                      # complete: no resume needed
        assert lms.value("cmi.core.session_time").startswith("0000:00:")  # write-only: read from the log
        assert lms.outside == []
    finally:
        lms.close()


def test_scorm2004_reports_failure_against_the_pass_mark(exported: Export, browser: object, tmp_path: Path) -> None:
    pkg = unpack(exported, "basic.en.scorm2004.zip", tmp_path)
    lms = LMS(browser, pkg, "2004")
    try:
        lms.wait("window.calls.includes('Initialize') && window.set('cmi.location') === 'tracks/basic.html'")
        assert lms.value("cmi.completion_status") == "incomplete"
        site = lms.site()
        site.locator("article a[href='../alpha/index.html']").first.click()
        lms.wait("window.set('cmi.location') === 'alpha/index.html'")
        answer(site, ONE_RIGHT)  # 1 of 3 right: 33 % < pass mark 50 %
        lms.wait("window.set('cmi.success_status') === 'failed'")
        got = lms.page.evaluate("""() => ({scaled: LMS.cmi.score.scaled, raw: LMS.cmi.score.raw,
            completion: LMS.cmi.completion_status, success: LMS.cmi.success_status,
            progress: LMS.cmi.progress_measure,
            obj: LMS.cmi.objectives.childArray.map((o) => [o.id, o.score.scaled, o.success_status,
                                                           o.completion_status])})""")
        assert got == {"scaled": "0.33", "raw": "33", "completion": "completed", "success": "failed",
                       "progress": "1", "obj": [["alpha", "0.33", "failed", "completed"]]}
        lms.page.evaluate("document.getElementById('sco').remove()")
        lms.wait("window.calls.includes('Terminate')")
        assert lms.value("cmi.exit") == "normal"
        assert lms.value("cmi.session_time").startswith("PT0H0M")
    finally:
        lms.close()


def test_scorm12_resumes_answers_and_location_from_the_lms(exported: Export, browser: object,
                                                           tmp_path: Path) -> None:
    """A second visit (another browser: no saved answers) comes back where it was, with the LMS's answers."""
    pkg = unpack(exported, "basic.es.scorm12.zip", tmp_path)
    preload = {"cmi.core.lesson_location": "es/alpha/index.html", "cmi.suspend_data": "1;0.1.020101",
               "cmi.core.lesson_status": "incomplete"}
    lms = LMS(browser, pkg, "1.2", preload=preload)
    try:
        site = lms.site()
        lms.wait("window.calls.includes('LMSInitialize')")
        site.locator(".cur-score").filter(has_text="1 de 3").wait_for(timeout=15000)
        assert site.locator('input[name="alpha--which-act"][value="deception"]').is_checked()
        assert site.locator('input[name="alpha--purposes"][value="forced-labour"]').is_checked()
        assert not site.locator('input[name="alpha--purposes"][value="sexual"]').is_checked()
        lms.wait("window.set('cmi.core.lesson_status') === 'failed'")  # the restored result is reported
        assert lms.page.evaluate("LMS.cmi.core.score.raw") == "33"
    finally:
        lms.close()


def test_without_an_lms_the_package_is_the_static_site(exported: Export, browser: object, tmp_path: Path) -> None:
    pkg = unpack(exported, "basic.es.scorm2004.zip", tmp_path)
    lms = LMS(browser, pkg, "2004", with_api=False)
    try:
        frame = lms.page.frame_locator("#sco")
        frame.locator("h1").filter(has_text="Trayectoria básica").wait_for(timeout=15000)
        frame.locator("article a[href='../alpha/index.html']").first.click()
        answer(frame, RIGHT)
        assert "3 de 3" in frame.locator(".cur-score").inner_text()
        assert lms.page.evaluate("window.calls") == []
        assert lms.outside == []
    finally:
        lms.close()


def two_quiz_project(root: Path) -> Path:
    """The sample project with a second module, `beta`, and its quiz, both in the track after `alpha`."""
    from tests.sample_project import write_project

    write_project(root)
    for rel in ("modules/alpha/module.yml", "modules/alpha/index.en.md", "modules/alpha/index.es.md",
                "quizzes/alpha.yml"):
        text = (root / rel).read_text(encoding="utf-8")
        for old, new in (("id: alpha", "id: beta"), ("quiz: alpha", "quiz: beta"), ("order: 1", "order: 2"),
                         ("Alpha module", "Beta module"), ("Módulo alfa", "Módulo beta")):
            text = text.replace(old, new)
        target = root / rel.replace("alpha", "beta")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    track = root / "tracks/basic.yml"
    track.write_text(track.read_text(encoding="utf-8").replace("  - module: alpha\n",
                                                               "  - module: alpha\n  - module: beta\n"),
                     encoding="utf-8")
    return root


def test_track_score_pass_and_completion_over_several_quizzes(browser: object, tmp_path: Path) -> None:
    """Quizzes graded out of order: objectives stay in track order; the track passes only when all are passed."""
    from tests.exporting import cli

    project = two_quiz_project(tmp_path / "p")
    result = cli("export", "scorm12", "--lang", "en", "-f", str(project / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    pkg = tmp_path / "pkg"
    with zipfile.ZipFile(project / "dist/scorm/basic.en.scorm12.zip") as zf:
        zf.extractall(pkg)
    lms = LMS(browser, pkg, "1.2")
    try:
        lms.wait("window.set('cmi.core.lesson_location') === 'tracks/basic.html'")
        assert lms.page.evaluate("LMS.cmi.objectives.childArray.map((o) => o.id)") == ["alpha", "beta"]
        site = lms.site()
        site.locator("article a[href='../beta/index.html']").first.click()
        lms.wait("window.set('cmi.core.lesson_location') === 'beta/index.html'")
        answer_quiz(site, "beta", RIGHT)
        lms.wait("window.set('cmi.objectives.1.status') === 'passed'")
        assert lms.value("cmi.core.lesson_status") == "incomplete"  # alpha not taken yet
        assert lms.page.evaluate("LMS.cmi.core.score.raw") == "50"  # 3 of the track's 6 questions
        inner = next(f for f in lms.page.frames if f.url.endswith("/beta/index.html"))
        inner.evaluate("location.href = '../alpha/index.html'")   # the learner goes back to alpha
        lms.wait("window.set('cmi.core.lesson_location') === 'alpha/index.html'")
        answer_quiz(site, "alpha", ONE_RIGHT)
        lms.wait("window.set('cmi.objectives.0.status') === 'failed'")
        got = lms.page.evaluate("""() => ({status: LMS.cmi.core.lesson_status, raw: LMS.cmi.core.score.raw,
            obj: LMS.cmi.objectives.childArray.map((o) => [o.id, o.score.raw, o.status])})""")
        assert got == {"status": "failed", "raw": "67",
                       "obj": [["alpha", "33", "failed"], ["beta", "100", "passed"]]}
    finally:
        lms.close()
