"""SCORM packages: one zip per track and language, in SCORM 1.2 and SCORM 2004 4th Edition.

A package holds the learner edition of the site in one language and is one SCO
whose launch page, ``_lms/launch.html``, shows the site in a frame opened at the
track's page. ``_lms/scorm.js`` (see that file) keeps one LMS session for the
whole visit and reports the location, each quiz of the track as an objective
(score and pass/fail against its pass mark), the track's score (right answers
out of all its questions), completion (every quiz of the track graded), pass
(every quiz passed), session time, commit and finish. The learner's answers
travel in ``cmi.suspend_data`` (two hex digits per question), so they follow the
learner to another computer. Without an LMS the launch page opens the site.

The manifest states no mastery score: the SCO itself judges pass/fail with
each quiz's own pass mark, exactly as the site does, so the LMS never re-judges
by a different rule. The SCO reports only results it computed: ``config.js``
carries, per question, its choices and the hash of its right answer (the hash
the site's page already holds), and the runtime scores the learner's answers
itself instead of believing the score a page announces.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from curriculum import assessments, questions
from curriculum.diagnostics import Diagnostic
from curriculum.export.base import Context, ExportError, artifact, write_zip, xml_bytes
from curriculum.export.checks import xml_problems
from curriculum.export.site import language_files, strip_other_languages
from curriculum.export.text import modules_of, track_fields
from curriculum.model import Catalog, Track
from curriculum.render import answer_hash

HERE = Path(__file__).resolve().parent
LMS_DIR = "_lms"

VERSIONS: dict[str, dict[str, Any]] = {
    "1.2": {
        "ns": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "locations": [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
                      ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
                      ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")],
        "schemaversion": "1.2", "scormtype": "adlcp:scormtype", "xsd": "scorm12", "suspend_limit": 4096,
    },
    "2004": {
        "ns": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "locations": [("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
                      ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd")],
        "schemaversion": "2004 4th Edition", "scormtype": "adlcp:scormType", "xsd": "scorm2004",
        "suspend_limit": 64000,
    },
}


def schema_files(version: str) -> list[Path]:
    return sorted((HERE / "xsd" / VERSIONS[version]["xsd"]).glob("*.xsd"))


def manifest(track: Track, lang: str, version: str, files: list[str]) -> bytes:
    v = VERSIONS[version]
    ident = f"curriculum-{track.id}-{lang}"
    root = ET.Element("manifest", {
        "xmlns": v["ns"], "xmlns:adlcp": v["adlcp"], "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": " ".join(f"{ns} {loc}" for ns, loc in v["locations"]),
        "identifier": ident, "version": "1"})
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "ADL SCORM"
    ET.SubElement(meta, "schemaversion").text = v["schemaversion"]
    orgs = ET.SubElement(root, "organizations", {"default": f"org-{ident}"})
    org = ET.SubElement(orgs, "organization", {"identifier": f"org-{ident}"})
    ET.SubElement(org, "title").text = track.title[lang]
    item = ET.SubElement(org, "item", {"identifier": f"item-{ident}", "identifierref": f"res-{ident}",
                                       "isvisible": "true"})
    ET.SubElement(item, "title").text = track.title[lang]
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(resources, "resource", {
        "identifier": f"res-{ident}", "type": "webcontent", v["scormtype"]: "sco",
        "href": f"{LMS_DIR}/launch.html"})
    for rel in files:
        ET.SubElement(resource, "file", {"href": quote(rel)})
    ET.indent(root)
    return xml_bytes(root, f"the SCORM {version} manifest of track `{track.id}` in {lang}")


def runtime_config(catalog: Catalog, track: Track, version: str, start: str) -> dict[str, Any]:
    quizzes: list[dict[str, Any]] = []
    for module in modules_of(catalog, track):
        quiz = catalog.quiz_for(module)
        if quiz is None or any(q["id"] == quiz.id for q in quizzes):
            continue
        quizzes.append({"id": quiz.id, "pass": quiz.pass_mark,
                        "questions": [questions.kind(q).scorm(quiz, q, answer_hash(quiz.id, q))
                                      for q in quiz.self_check]})
    return {"version": version, "track": track.id, "start": start, "quizzes": quizzes,
            "assessments": assessment_config(catalog, track)}


def assessment_config(catalog: Catalog, track: Track) -> dict[str, Any] | None:
    """The track's exam and pre/post forms as the runtime scores them: every question they may ask (``items``:
    ``[quiz id, the question as a quiz carries it]``), the exam's draws (objective, count, its pool as indices
    of ``items``) and the two fixed forms. None for a track without assessments."""
    if track.exam is None and track.pre_post is None:
        return None
    items: list[list[Any]] = []
    index: dict[str, int] = {}

    def add(item: assessments.PoolItem) -> int:
        if item.id not in index:
            index[item.id] = len(items)
            q = item.question
            items.append([item.quiz.id, questions.kind(q).scorm(item.quiz, q, answer_hash(item.quiz.id, q))])
        return index[item.id]

    out: dict[str, Any] = {"items": items}
    if track.exam is not None:
        draws = assessments.draws(catalog, track, track.exam)
        out["exam"] = {"id": f"{track.id}-exam", "pass": track.exam.pass_mark, "attempts": track.exam.attempts or 0,
                       "draws": [[d.ref, d.count, [add(i) for i in d.pool]] for d in draws]}
    if track.pre_post is not None:
        forms = assessments.forms(catalog, track, track.pre_post)
        for name, form in (("pre", forms.pre), ("post", forms.post)):
            out[name] = {"id": f"{track.id}-{'pre-test' if name == 'pre' else 'post-test'}",
                         "items": [add(i) for _, i in form], "objectives": [d.ref for d, _ in form]}
    return out


def suspend_size(catalog: Catalog, config: dict) -> int:
    """The longest ``cmi.suspend_data`` the runtime can write for this track (every quiz and assessment graded)."""
    parts = []
    for n, entry in enumerate(config["quizzes"]):
        quiz = catalog.quizzes[entry["id"]]
        parts.append(len(f"{n}.{len(quiz.self_check)}.") + sum(questions.kind(q).suspend_width(q)
                                                                for q in quiz.self_check))
    a = config.get("assessments")
    if a:
        width = [_width(catalog, quiz_id, entry) for quiz_id, entry in a["items"]]
        if "exam" in a:  # x.<attempts>.<seed>.<answers>: the widest draw (each pool's widest questions)
            widest = sum(sum(sorted((width[i] for i in pool), reverse=True)[:count]) for _, count, pool in
                         a["exam"]["draws"])
            parts.append(len("x.99.") + 16 + 1 + widest)
        for name in ("pre", "post"):
            if name in a:
                parts.append(2 + sum(width[i] for i in a[name]["items"]))
    return 2 + sum(parts) + max(len(parts) - 1, 0)


def _width(catalog: Catalog, quiz_id: str, entry: list[Any]) -> int:
    quiz = catalog.quizzes[quiz_id]
    q = next(q for q in quiz.questions if q.id == entry[0])
    return questions.kind(q).suspend_width(q)


def launch_page(track: Track, lang: str, start: str) -> bytes:
    title = escape(track.title[lang])
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        "<style>html,body{margin:0;height:100%;overflow:hidden}"
        "iframe{display:block;border:0;width:100%;height:100%}</style>\n"
        '<script src="config.js"></script>\n<script src="scorm.js"></script>\n</head>\n'
        f'<body>\n<iframe id="curriculum-frame" title="{title}"></iframe>\n'
        f'<noscript><p><a href="../{escape(start)}">{title}</a></p></noscript>\n</body>\n</html>\n'
    ).encode()


def with_runtime(html: str, rel: str, lang: str) -> str:
    """A page of the packaged site: other languages' links dropped, the runtime loaded before any script."""
    prefix = "../" * rel.count("/")
    html = strip_other_languages(html, lang)
    tag = f'<script src="{prefix}{LMS_DIR}/scorm.js"></script>\n'
    if "</head>" not in html:
        raise ExportError(f"the built page {rel} has no </head>")
    return html.replace("</head>", tag + "</head>", 1)


def track_start(files: dict[str, bytes], track: Track, lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    for candidate in (f"{prefix}tracks/{track.id}.html", f"{prefix}index.html"):
        if candidate in files:
            return candidate
    raise ExportError(f"the built site has no page for track `{track.id}` in {lang}")


class ScormExporter:
    folder, editions = "scorm", ("learner",)

    def __init__(self, version: str, ctx: Context) -> None:
        self.version, self.ctx = version, ctx
        self.name = "scorm12" if version == "1.2" else "scorm2004"
        self.summary = (f"SCORM {VERSIONS[version]['schemaversion']} package (zip) per track and language: "
                        "the learner site, reporting to the LMS")

    def problems(self, catalog: Catalog, lang: str) -> list[Diagnostic]:
        fields = [f for track in self.ctx.tracks for f in track_fields(catalog, track)]
        return xml_problems(fields, lang, f"SCORM {self.version}")

    def export(self, catalog: Catalog, lang: str, out_dir: Path) -> list[Path]:
        from curriculum.export.site import default_language

        site = self.ctx.site("learner")
        default = default_language(site)
        pages: dict[str, bytes] = {}
        for rel, path in language_files(site, lang, catalog.languages):
            data = path.read_bytes()
            if rel.endswith(".html"):
                data = with_runtime(data.decode("utf-8"), rel, lang).encode("utf-8")
            pages[rel] = data
        if any(rel.startswith(f"{LMS_DIR}/") for rel in pages):
            raise ExportError(f"the built site has a `{LMS_DIR}/` folder, which the SCORM runtime needs")
        runtime = (HERE / "scorm.js").read_bytes()
        schemas = {p.name: p.read_bytes() for p in schema_files(self.version)}
        written = []
        for track in self.ctx.tracks:
            start = track_start(pages, track, lang, default)
            config = runtime_config(catalog, track, self.version, start)
            limit = VERSIONS[self.version]["suspend_limit"]
            if (size := suspend_size(catalog, config)) > limit:
                raise ExportError(f"track `{track.id}` has too many questions for SCORM {self.version}: its saved "
                                  f"answers need {size} characters of cmi.suspend_data (limit {limit})")
            config_js = f"window.CURRICULUM_SCORM = {json.dumps(config, ensure_ascii=False, separators=(',', ':'))};\n"
            sco = {
                f"{LMS_DIR}/launch.html": launch_page(track, lang, start),
                f"{LMS_DIR}/config.js": config_js.encode("utf-8"),
                f"{LMS_DIR}/scorm.js": runtime,
                **pages,
            }
            names = sorted(sco)
            entries = [("imsmanifest.xml", manifest(track, lang, self.version, names)),
                       *sorted(schemas.items()), *((n, sco[n]) for n in names)]
            written.append(write_zip(artifact(out_dir, track.id, lang, self.name, "zip"), entries))
        return written
