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


def test_special_characters_print_as_written(exported: Export) -> None:
    body = " ".join(pages(exported.dist / "handbooks/basic.en.learner.pdf"))
    assert "Which is an act {under} the ~Protocol = #1: <b>not bold</b> & \"quoted\"" in " ".join(body.split())
