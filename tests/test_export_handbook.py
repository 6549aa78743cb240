"""Printable handbooks: real PDFs read back with poppler (pdftotext, pdfinfo)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.exporting import Export, export_all


@pytest.fixture
def exported(tmp_path_factory: pytest.TempPathFactory) -> Export:
    return export_all(tmp_path_factory)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"the handbook tests read PDFs with {name}: apt-get install poppler-utils")
    return found


def pages(pdf: Path) -> list[str]:
    out = subprocess.run([tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, check=True).stdout.decode("utf-8")
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@pytest.mark.export
@pytest.mark.parametrize("edition", ["learner", "facilitator"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_handbook_is_a_tagged_pdf_with_contents_page_numbers_and_modules(exported: Export, lang: str,
                                                                          edition: str) -> None:
    pdf = exported.dist / f"handbooks/basic.{lang}.{edition}.pdf"
    meta = info(pdf)
    assert meta["Tagged"] == "yes"                       # accessible structure (headings, lists, tables)
    assert meta["Page size"].startswith("612 x 792")     # US Letter (also Mexico's carta)
    track = exported.catalog.track("basic")
    assert meta["Title"].startswith(track.title[lang])
    text = pages(pdf)
    assert len(text) == int(meta["Pages"]) >= 5
    other = "es" if lang == "en" else "en"
    module = exported.catalog.modules[0]
    body = "\n".join(text)
    assert module.title[lang] in body and module.title[other] not in body
    page_word, of = ("Page", "of") if lang == "en" else ("Página", "de")
    for n, page in enumerate(text[1:], 2):                # every page but the cover is numbered
        assert f"{page_word} {n} {of} {len(text)}" in page
    assert f"{page_word} 1 " not in text[0]

    # the contents give the page on which each part starts
    contents = next(p for p in text if ("Contents" if lang == "en" else "Contenido") in p)
    for title in ("Agenda", f"1. {module.title[lang]}"):
        entry = re.search(rf"{re.escape(title)}\s+(\d+)\n", contents)
        assert entry, contents
        start = text[int(entry.group(1)) - 1]
        lines = [line.strip() for line in start.splitlines() if line.strip()]
        assert lines[1] == title.removeprefix("1. "), lines[:3]   # after the running header: the heading

    worksheet = "Worksheet" if lang == "en" else "Hoja de trabajo"
    quiz = exported.catalog.quizzes["alpha"]
    sheet = next(p for p in text if worksheet in p)
    assert quiz.questions[2].prompt[lang] in sheet.replace("\n", " ")
    assert ("○ a) True" if lang == "en" else "○ a) Verdadero") in sheet
    assert ("☐ a) Forced labour" if lang == "en" else "☐ a) Trabajos forzados") in sheet

    secret, key = f"FACILITATOR-SECRET-{lang.upper()}", "Answer key" if lang == "en" else "Clave de respuestas"
    if edition == "learner":
        assert secret not in body and key not in body
    else:
        assert secret in body and key in body
        right = "Correct answer: a) Recruitment" if lang == "en" else "Respuesta correcta: a) Captación"
        assert right in body
        assert ("Joint exercise: Sorting cases" if lang == "en" else "Ejercicio conjunto: Clasificar casos") in body
        assert ("20 minutes" if lang == "en" else "20 minutos") in body     # the exercise's timing


@pytest.mark.export
def test_special_characters_print_as_written(exported: Export) -> None:
    body = " ".join(pages(exported.dist / "handbooks/basic.en.learner.pdf"))
    assert "Which is an act {under} the ~Protocol = #1: <b>not bold</b> & “quoted” isn't" in " ".join(body.split())


# -- Chromium reads nothing outside the built site and makes no network request -------------------------------
# (`curriculum check` rejects such pages too; these tests give the printer prepared HTML directly, past it)


def _print(tmp_path: Path, body: str, site: Path) -> str:
    from curriculum.export.handbook import print_pdf

    doc = tmp_path / "work/handbook.html"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
                   f"<body><h1>PRINTED-HANDBOOK</h1>{body}</body></html>", encoding="utf-8")
    pdf = tmp_path / "work/handbook.pdf"
    print_pdf(doc, pdf, tmp_path / "work/profile", site)
    return " ".join(pages(pdf))


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "project/site"
    (site / "img").mkdir(parents=True)
    (site / "inside.html").write_text("<p>INSIDE-THE-SITE</p>", encoding="utf-8")
    (site / "img/mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">'
                                       '<text x="0" y="30" font-size="20">SITE-IMAGE</text></svg>', encoding="utf-8")
    return site


@pytest.mark.export
def test_the_pdf_printer_reads_no_file_outside_the_site(tmp_path: Path) -> None:
    import uuid

    secret = f"SECRET-{uuid.uuid4().hex}"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(f"<p>{secret}-HTML</p>", encoding="utf-8")
    (outside / "secret.txt").write_text(f"{secret}-TXT", encoding="utf-8")
    (outside / "secret.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40">'
                                        f'<text x="0" y="30" font-size="20">{secret}-SVG</text></svg>',
                                        encoding="utf-8")
    site = _site(tmp_path)
    (site / "link.html").symlink_to(outside / "secret.html")        # a link inside the site to a file outside
    url = (outside / "secret").as_uri()
    body = (f'<iframe src="{url}.html"></iframe><iframe src="{url}.txt"></iframe>'
            f'<img src="{url}.svg" alt=""><object data="{url}.txt"></object><embed src="{url}.svg">'
            f'<iframe src="file:///etc/hostname"></iframe>'
            f'<iframe src="/../outside/secret.html"></iframe><iframe src="/%2e%2e/outside/secret.html"></iframe>'
            f'<iframe src="/..%2foutside%2fsecret.html"></iframe><iframe src="/link.html"></iframe>'
            f'<div style="background-image:url({url}.svg);height:40px"></div>'
            '<iframe src="/inside.html"></iframe><img src="/img/mark.svg" alt="">')
    text = _print(tmp_path, body, site)
    assert "PRINTED-HANDBOOK" in text
    assert "INSIDE-THE-SITE" in text and "SITE-IMAGE" in text     # the site's own files are printed
    assert secret not in text


@pytest.mark.export
def test_the_pdf_printer_makes_no_network_request(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            requests.append(self.path)
            data = b"<p>FETCHED-FROM-THE-NETWORK</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        urls = [f"http://127.0.0.1:{port}/{name}" for name in ("img.png", "frame", "style.css", "bg.png", "obj",
                                                                 "script.js", "prefetch")]
        body = (f'<img src="{urls[0]}" alt=""><iframe src="{urls[1]}"></iframe>'
                f'<link rel="stylesheet" href="{urls[2]}"><div style="background:url({urls[3]});height:9px"></div>'
                f'<object data="{urls[4]}"></object><script src="{urls[5]}"></script>'
                f'<link rel="prefetch" href="{urls[6]}"><iframe src="http://localhost:{port}/by-name"></iframe>'
                f'<img src="http://[::ffff:127.0.0.1]:{port}/mapped.png" alt="">'
                f'<iframe src="https://127.0.0.1:{port}/tls"></iframe><img src="http://example.com/x.png" alt="">'
                f'<script>fetch("http://127.0.0.1:{port}/fetch")</script>')
        text = _print(tmp_path, body, _site(tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    assert "PRINTED-HANDBOOK" in text and "FETCHED-FROM-THE-NETWORK" not in text
    assert requests == []


def test_lesson_resources_become_paths_on_the_print_server(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from curriculum.export.handbook import _lesson

    site = tmp_path / "site"
    module = SimpleNamespace(id="alpha")
    article = ('<img src="../img/a%20b.png"><img src="pic.png"><img src="../../../../etc/hostname">'
               '<img src="file:///etc/hostname"><img src="data:image/png;base64,AA==">')
    out = _lesson(article, module, site / "es/alpha", {}, site)
    assert out == ('<img src="/es/img/a%20b.png"><img src="/es/alpha/pic.png"><img src="/etc/hostname">'
            '<img src="file:///etc/hostname"><img src="data:image/png;base64,AA==">')
