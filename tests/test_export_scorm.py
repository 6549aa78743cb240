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
from curriculum.render import answer_hash
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


@pytest.mark.export
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


@pytest.mark.export
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
    key = {q.id: answer_hash("alpha", q) for q in exported.catalog.quizzes["alpha"].questions}
    assert config["quizzes"] == [{"id": "alpha", "pass": 50, "questions": [   # choices and the page's answer hash
        ["which-act", ["recruitment", "deception"], key["which-act"]],
        ["purposes", ["forced-labour", "sexual", "transport"], key["purposes"]],
        ["child-means", ["true", "false"], key["child-means"]],
        ["match-elements", ["act", "means", "purpose"], key["match-elements"], "matching",   # premises, responses
         ["act", "means", "purpose", "consent"]]]}]
    assert "recruitment" not in json.dumps([q[2] for q in config["quizzes"][0]["questions"]])  # no readable key


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


def answer_quiz(site: object, quiz: str, choices: dict[str, list[str] | dict[str, str]]) -> None:
    for question, values in choices.items():
        if isinstance(values, dict):   # matching: premise -> response
            for premise, response in values.items():
                site.locator(f'select[name="{quiz}--{question}--{premise}"]').select_option(response)
            continue
        for value in values:
            site.locator(f'input[name="{quiz}--{question}"][value="{value}"]').check()
    site.locator("button.cur-check").click()


def answer(site: object, choices: dict[str, list[str]]) -> None:
    answer_quiz(site, "alpha", choices)


MATCHED = {"act": "act", "means": "means", "purpose": "purpose"}
RIGHT = {"which-act": ["recruitment"], "purposes": ["forced-labour", "sexual"], "child-means": ["true"],
         "match-elements": MATCHED}
ONE_RIGHT = {"which-act": ["deception"], "purposes": ["forced-labour"], "child-means": ["true"],
             "match-elements": {**MATCHED, "act": "consent"}}


@pytest.mark.export
@pytest.mark.browser
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
                       "obj": [["alpha", "100", "passed"]], "suspend": "1;0.4.010301123"}
        assert "LMSCommit" in lms.page.evaluate("window.calls")
        assert "Aprobado" in site.locator(".cur-score").inner_text()   # the page itself behaves as on the site
        lms.page.evaluate("document.getElementById('sco').remove()")  # the LMS closes the SCO
        lms.wait("window.calls.includes('LMSFinish')")
        assert lms.value("cmi.core.exit") == ""                      # complete: no resume needed
        assert lms.value("cmi.core.session_time").startswith("0000:00:")  # write-only: read from the log
        assert lms.outside == []
    finally:
        lms.close()


@pytest.mark.export
@pytest.mark.browser
def test_scorm2004_reports_failure_against_the_pass_mark(exported: Export, browser: object, tmp_path: Path) -> None:
    pkg = unpack(exported, "basic.en.scorm2004.zip", tmp_path)
    lms = LMS(browser, pkg, "2004")
    try:
        lms.wait("window.calls.includes('Initialize') && window.set('cmi.location') === 'tracks/basic.html'")
        assert lms.value("cmi.completion_status") == "incomplete"
        site = lms.site()
        site.locator("article a[href='../alpha/index.html']").first.click()
        lms.wait("window.set('cmi.location') === 'alpha/index.html'")
        answer(site, ONE_RIGHT)  # 1 of 4 right: 25 % < pass mark 50 %
        lms.wait("window.set('cmi.success_status') === 'failed'")
        got = lms.page.evaluate("""() => ({scaled: LMS.cmi.score.scaled, raw: LMS.cmi.score.raw,
            completion: LMS.cmi.completion_status, success: LMS.cmi.success_status,
            progress: LMS.cmi.progress_measure,
            obj: LMS.cmi.objectives.childArray.map((o) => [o.id, o.score.scaled, o.success_status,
                                                           o.completion_status])})""")
        assert got == {"scaled": "0.25", "raw": "25", "completion": "completed", "success": "failed",
                       "progress": "1", "obj": [["alpha", "0.25", "failed", "completed"]]}
        lms.page.evaluate("document.getElementById('sco').remove()")
        lms.wait("window.calls.includes('Terminate')")
        assert lms.value("cmi.exit") == "normal"
        assert lms.value("cmi.session_time").startswith("PT0H0M")
    finally:
        lms.close()


@pytest.mark.export
@pytest.mark.browser
def test_scorm12_resumes_answers_and_location_from_the_lms(exported: Export, browser: object,
                                                           tmp_path: Path) -> None:
    """A second visit (another browser: no saved answers) comes back where it was, with the LMS's answers."""
    pkg = unpack(exported, "basic.es.scorm12.zip", tmp_path)
    preload = {"cmi.core.lesson_location": "es/alpha/index.html", "cmi.suspend_data": "1;0.1.020101423",
               "cmi.core.lesson_status": "incomplete"}
    lms = LMS(browser, pkg, "1.2", preload=preload)
    try:
        site = lms.site()
        lms.wait("window.calls.includes('LMSInitialize')")
        site.locator(".cur-score").filter(has_text="1 de 4").wait_for(timeout=15000)
        assert site.locator('input[name="alpha--which-act"][value="deception"]').is_checked()
        assert site.locator('input[name="alpha--purposes"][value="forced-labour"]').is_checked()
        assert not site.locator('input[name="alpha--purposes"][value="sexual"]').is_checked()
        assert site.locator('select[name="alpha--match-elements--act"]').input_value() == "consent"
        lms.wait("window.set('cmi.core.lesson_status') === 'failed'")  # the restored result is reported
        assert lms.page.evaluate("LMS.cmi.core.score.raw") == "25"
        assert lms.page.evaluate("LMS.cmi.interactions._count") == 0   # restored: no new answer to journal
    finally:
        lms.close()


@pytest.mark.export
@pytest.mark.browser
def test_without_an_lms_the_package_is_the_static_site(exported: Export, browser: object, tmp_path: Path) -> None:
    pkg = unpack(exported, "basic.es.scorm2004.zip", tmp_path)
    lms = LMS(browser, pkg, "2004", with_api=False)
    try:
        frame = lms.page.frame_locator("#sco")
        frame.locator("h1").filter(has_text="Trayectoria básica").wait_for(timeout=15000)
        frame.locator("article a[href='../alpha/index.html']").first.click()
        answer(frame, RIGHT)
        assert "4 de 4" in frame.locator(".cur-score").inner_text()
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


@pytest.mark.export
@pytest.mark.browser
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
        lms.wait("window.set('cmi.objectives.1.status') === 'passed'")   # 4 of 5: the ordering left as shown
        assert lms.value("cmi.core.lesson_status") == "incomplete"  # alpha not taken yet
        assert lms.page.evaluate("LMS.cmi.core.score.raw") == "40"  # 4 of the track's 10 questions
        inner = next(f for f in lms.page.frames if f.url.endswith("/beta/index.html"))
        inner.evaluate("location.href = '../alpha/index.html'")   # the learner goes back to alpha
        lms.wait("window.set('cmi.core.lesson_location') === 'alpha/index.html'")
        answer_quiz(site, "alpha", ONE_RIGHT)
        lms.wait("window.set('cmi.objectives.0.status') === 'failed'")
        got = lms.page.evaluate("""() => ({status: LMS.cmi.core.lesson_status, raw: LMS.cmi.core.score.raw,
            obj: LMS.cmi.objectives.childArray.map((o) => [o.id, o.score.raw, o.status])})""")
        assert got == {"status": "failed", "raw": "50",   # 5 of 10
                       "obj": [["alpha", "20", "failed"], ["beta", "80", "passed"]]}
    finally:
        lms.close()


# -- the runtime alone, in Node.js, against scorm-again: no site build, no browser ----------------------------

NODE_LMS = r"""
const vm = require("vm"), fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
global.window = global;
require(input.again);
const v2004 = input.version === "2004";
const LMS = v2004 ? new Scorm2004API({logLevel: 5}) : new Scorm12API({logLevel: 5});
if (input.preload) LMS.loadFromFlattenedJSON(input.preload);
const log = [];
LMS.on((v2004 ? "SetValue" : "LMSSetValue") + ".cmi.*", (k, v) => log.push([k, String(v)]));
const runtime = fs.readFileSync(input.runtime, "utf8");
const lmsWindow = v2004 ? {API_1484_11: LMS} : {API: LMS};
lmsWindow.parent = lmsWindow;
const root = "http://lms.test/pkg/";
function context(extra) {
  const listeners = {}, store = {};
  const win = Object.assign({
    URL: URL, opener: null,
    addEventListener: (t, f) => { (listeners[t] = listeners[t] || []).push(f); },
    localStorage: {setItem: (k, v) => { store[k] = String(v); }, removeItem: (k) => { delete store[k]; }},
  }, extra);
  win.window = win; win.top = lmsWindow; win.listeners = listeners;
  return win;
}
let onload = null;
const frame = {addEventListener: (t, f) => { if (t === "load") onload = f; }, contentWindow: {location: {href: ""}}};
const launch = context({CURRICULUM_SCORM: input.config, parent: lmsWindow,
                        location: {href: root + "_lms/launch.html", replace: () => {}}});
launch.document = {readyState: "complete", getElementById: () => frame, addEventListener: () => {}};
vm.createContext(launch);
vm.runInContext(runtime, launch);
for (const [kind, arg] of input.steps) {
  if (kind === "load") { frame.contentWindow.location.href = root + arg; frame.src = root + arg; onload(); }
  else if (kind === "graded") {   // a page of the site in the frame: the event its own scripts (or anyone) send
    const docListeners = {};
    const page = context({parent: launch, location: {href: root + "x.html"}});
    page.document = {addEventListener: (t, f) => { (docListeners[t] = docListeners[t] || []).push(f); }};
    vm.createContext(page);
    vm.runInContext(runtime, page);
    (docListeners["curriculum:graded"] || []).forEach((f) => f({detail: JSON.parse(JSON.stringify(arg))}));
  } else if (kind === "finish") { (launch.listeners.pagehide || []).forEach((f) => f()); }
}
process.stdout.write(JSON.stringify(log));
"""


def node_lms(config: dict, version: str, steps: list, preload: dict | None = None) -> dict[str, str]:
    """Run the package's runtime in Node.js against scorm-again; the last value the SCO set for each key."""
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the SCORM runtime tests run scorm.js under Node.js: install nodejs")
    runtime = Path(__file__).resolve().parent.parent / "curriculum/export/scorm.js"
    data = {"again": str(DATA / "scorm-again/scorm-again.min.js"), "runtime": str(runtime), "version": version,
            "config": config, "steps": steps, "preload": preload}
    result = subprocess.run([node, "-e", NODE_LMS], input=json.dumps(data), capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> object:
    from curriculum.loader import load_catalog
    from tests.sample_project import write_project

    cat, diags = load_catalog(write_project(tmp_path_factory.mktemp("scorm") / "project"))
    assert not diags.errors
    return cat


def config_for(catalog: object, version: str, agenda: tuple | None = None) -> dict:
    from dataclasses import replace

    from curriculum.export.scorm import runtime_config

    track = catalog.track("basic")
    if agenda is not None:
        track = replace(track, agenda=agenda)
    return runtime_config(catalog, track, version, "tracks/basic.html")


ALL_RIGHT = {"which-act": ["recruitment"], "purposes": ["forced-labour", "sexual"], "child-means": ["true"],
             "match-elements": ["act.act", "means.means", "purpose.purpose"],
             "order-definition": ["act", "means", "purpose"]}
ALL_WRONG = {"which-act": ["deception"], "purposes": ["transport"], "child-means": ["false"],
             "match-elements": ["act.consent", "means.act", "purpose.means"],
             "order-definition": ["purpose", "act", "means"]}


def graded(answers: dict, **result: object) -> list:
    return ["graded", {"quiz": "alpha", "result": {"answers": answers, **result}}]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_forged_graded_event_cannot_pass_the_learner(catalog: object, version: str) -> None:
    """The page's own claim (score, percent, passed) is not believed: the runtime scores the answers itself."""
    forged = graded(ALL_WRONG, score=0, total=3, percent=0, passed=True)
    inflated = graded(ALL_WRONG, score=3, total=3, percent=100, passed=True)
    for step in (forged, inflated):
        got = node_lms(config_for(catalog, version), version, [["load", "tracks/basic.html"], step])
        if version == "1.2":
            assert got["cmi.core.lesson_status"] == "failed" and got["cmi.core.score.raw"] == "0"
            assert got["cmi.objectives.0.status"] == "failed"
        else:
            assert got["cmi.success_status"] == "failed" and got["cmi.score.raw"] == "0"
            assert got["cmi.score.scaled"] == "0" and got["cmi.objectives.0.success_status"] == "failed"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_runtime_scores_the_answers_against_the_pass_mark(catalog: object, version: str) -> None:
    two_right = {**ALL_RIGHT, "child-means": ["false"]}     # 4 of 5 = 80 % >= 50 %
    one_right = {**ALL_WRONG, "child-means": ["true"]}      # 1 of 5 = 20 % < 50 %
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    raw = "cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"
    for answers, percent, verdict in ((ALL_RIGHT, "100", "passed"), (two_right, "80", "passed"),
                                      (one_right, "20", "failed")):
        # whatever the event says about the result, only the answers count
        got = node_lms(config_for(catalog, version), version,
                       [graded(answers, score=0, total=3, percent=0, passed=False)])
        assert (got[raw], got[status]) == (percent, verdict)


@pytest.mark.parametrize("answers", [
    {"which-act": ["recruitment"]},                                         # questions missing
    {**ALL_RIGHT, "purposes": []},                                          # a question unanswered
    {**ALL_RIGHT, "which-act": ["nonsense"]},                               # a choice the question does not have
    {**ALL_RIGHT, "which-act": "recruitment"},                              # not a list
    {**ALL_RIGHT, "extra": ["x"]},                                          # a question the quiz does not have
    {**ALL_RIGHT, "match-elements": ["act.act", "means.means"]},            # a premise left unmatched
    {**ALL_RIGHT, "match-elements": ["act.act", "means.nope", "purpose.purpose"]},  # a response it does not have
    {**ALL_RIGHT, "match-elements": ["act.act", "act.means", "purpose.purpose"]},   # a premise twice
    {**ALL_RIGHT, "order-definition": ["act", "act", "purpose"]},           # not a permutation of the items
    {**ALL_RIGHT, "order-definition": ["act", "means"]},                    # an item missing
    "all of them",
])
def test_a_malformed_graded_event_is_ignored(catalog: object, answers: object) -> None:
    got = node_lms(config_for(catalog, "1.2"), "1.2", [graded(answers, score=3, total=3, percent=100, passed=True)])
    assert got["cmi.core.lesson_status"] == "incomplete" and "cmi.core.score.raw" not in got
    assert "cmi.objectives.0.status" not in got


def test_an_event_for_a_quiz_the_track_does_not_have_is_ignored(catalog: object) -> None:
    step = ["graded", {"quiz": "beta", "result": {"answers": ALL_RIGHT, "score": 3, "total": 3, "percent": 100,
                                                  "passed": True}}]
    got = node_lms(config_for(catalog, "2004"), "2004", [step])
    assert got["cmi.completion_status"] == "incomplete" and got["cmi.success_status"] == "unknown"
    assert "cmi.score.raw" not in got


@pytest.mark.parametrize("suspend", ["1;0.5.010301123012", "1;0.99.010301123012", "1;0.-5.010301123012",
                                     "1;0.x.010301123012"])
def test_saved_answers_are_rescored_on_return(catalog: object, suspend: str) -> None:
    """suspend_data's score field is not believed either: the saved answers (all right here) are rescored."""
    got = node_lms(config_for(catalog, "1.2"), "1.2", [], preload={"cmi.suspend_data": suspend})
    assert got["cmi.core.score.raw"] == "100" and got["cmi.core.lesson_status"] == "passed"
    assert got["cmi.suspend_data"] == "1;0.5.010301123012"


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("agenda", ["empty", "breaks"])
def test_a_track_without_quizzes_is_completed_only_once_viewed_and_never_passed(catalog: object, version: str,
                                                                               agenda: str) -> None:
    from curriculum.model import AgendaItem, Loc

    items = () if agenda == "empty" else (AgendaItem(None, 15, Loc("tracks/basic.yml")),)
    config = config_for(catalog, version, items)
    assert config["quizzes"] == []
    launched = node_lms(config, version, [])                 # the LMS opened the SCO; nothing shown yet
    viewed = node_lms(config, version, [["load", "tracks/basic.html"], ["finish"]])
    if version == "1.2":
        assert launched["cmi.core.lesson_status"] == "incomplete"
        assert viewed["cmi.core.lesson_status"] == "completed" and viewed["cmi.core.exit"] == ""
    else:
        assert launched["cmi.completion_status"] == "incomplete" and launched["cmi.success_status"] == "unknown"
        assert viewed["cmi.completion_status"] == "completed" and viewed["cmi.success_status"] == "unknown"
        assert viewed["cmi.exit"] == "normal"
    for got in (launched, viewed):
        assert "passed" not in got.values() and not any("score" in k for k in got)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_each_answer_is_an_interaction_of_its_type(catalog: object, version: str) -> None:
    """choice, true-false, matching and sequencing, each with the learner's response in the version's format."""
    answers = {**ALL_RIGHT, "which-act": ["deception"], "order-definition": ["means", "act", "purpose"]}
    got = node_lms(config_for(catalog, version), version, [graded(answers)])
    i = "cmi.interactions.{}.".format
    response = "student_response" if version == "1.2" else "learner_response"
    expected = {  # 1.2: single characters (choice/item letters, premise numbers); 2004: the ids
        "1.2": ["b", "a,b", "t", "1.a,2.b,3.c", "b,a,c"],
        "2004": ["deception", "forced-labour[,]sexual", "true", "act[.]act[,]means[.]means[,]purpose[.]purpose",
                 "means[,]act[,]purpose"]}[version]
    wrong = "wrong" if version == "1.2" else "incorrect"
    for n, (qid, kind, result) in enumerate([("which-act", "choice", wrong), ("purposes", "choice", "correct"),
                                             ("child-means", "true-false", "correct"),
                                             ("match-elements", "matching", "correct"),
                                             ("order-definition", "sequencing", wrong)]):
        assert got[i(n) + "id"] == f"alpha--{qid}" and got[i(n) + "type"] == kind
        assert got[i(n) + response] == expected[n] and got[i(n) + "result"] == result
        assert got[i(n) + "objectives.0.id"] == "alpha"
    assert i(5) + "id" not in got
    # a second attempt is journaled after the first
    again = node_lms(config_for(catalog, version), version, [graded(answers), graded(ALL_RIGHT)])
    assert again[i(9) + "result"] == "correct" and again[i(0) + "result"] == wrong
