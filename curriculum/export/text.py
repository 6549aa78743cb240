"""Text shared by the exports: escaping, the quiz texts a format carries, and export-only interface strings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from html import escape

from curriculum import bibliography, questions
from curriculum.model import Catalog, Loc, Module, Question, Quiz, Text, Track

# Authored texts are plain text; the one piece of markup they may carry is a passage in the other
# language, `<span lang="en|es">…</span>` (WCAG 3.1.2). It survives escaping; everything else is escaped.
_SPAN = re.compile(r'&lt;span lang="(en|es)"&gt;((?:(?!&lt;/span&gt;).)*)&lt;/span&gt;', re.S)


def html(text: str, lang_attr: str = "lang") -> str:
    """``text`` as HTML (or XHTML with ``lang_attr="xml:lang"``): escaped, language spans kept."""
    return _SPAN.sub(lambda m: f'<span {lang_attr}="{m.group(1)}">{m.group(2)}</span>', escape(text, quote=False))


def plain(text: str) -> str:
    """``text`` without language-span markup (for formats and fields that take plain text)."""
    return re.sub(r'<span lang="(?:en|es)">(.*?)</span>', r"\1", text, flags=re.S)


# Characters XML 1.0 cannot carry, not even as character references.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Field:
    """One authored text as an export carries it: where it was written and what it is."""

    text: Text
    loc: Loc
    what: str


def quiz_fields(quiz: Quiz, module: Module | None) -> Iterator[Field]:
    """Every text of ``quiz`` (and its module's title) that a quiz-bank export writes."""
    if module is not None:
        yield Field(module.title, module.at("title"), f"the title of module `{module.id}`")
    yield Field(quiz.title, quiz.loc, f"the title of quiz `{quiz.id}`")
    for q in quiz.questions:
        where = f"question `{q.id}` of quiz `{quiz.id}`"
        yield Field(q.prompt, q.at("prompt"), f"the prompt of {where}")
        for text, key, what in questions.kind(q).texts(q):
            yield Field(text, q.at(key), f"{what} of {where}")
        yield Field(q.explanation, q.at("explanation"), f"the explanation of {where}")
        yield Field(bibliography.as_written(q.source), q.at("source"), f"the source of {where}")


def track_fields(catalog: Catalog, track: Track) -> Iterator[Field]:
    yield Field(track.title, track.loc, f"the title of track `{track.id}`")
    yield Field(track.description, track.loc, f"the description of track `{track.id}`")


def modules_of(catalog: Catalog, track: Track) -> list[Module]:
    return [m for item in track.agenda if (m := catalog.module(item.module_id or ""))]


def pass_count(quiz: Quiz) -> int:
    """Fewest right answers that pass: the site passes when round(100 × right / total) ≥ pass mark."""
    total = len(quiz.self_check)
    for right in range(total + 1):
        # JavaScript's Math.round rounds halves up: round(x) >= p  <=>  x >= p - 1/2.
        if Fraction(100 * right, max(total, 1)) >= Fraction(2 * quiz.pass_mark - 1, 2):
            return right
    return total


def choice_label(catalog: Catalog, q: Question, choice_id: str, lang: str) -> str:
    """The text of a choice as learners see it (true/false choices are labelled from the locale)."""
    if q.type == "true_false":
        return catalog.string(lang, choice_id)
    return next(c.text[lang] for c in q.choices if c.id == choice_id)


LANGUAGE_NAMES = {"en": Text("English", "inglés"), "es": Text("Spanish", "español")}

# Interface strings that only the exports print, both languages side by side.
STRINGS: dict[str, Text] = {
    "learner_edition": Text("Learner edition", "Edición para participantes"),
    "facilitator_handbook": Text("Facilitator edition — notes, timings and answer keys. Do not hand to learners.",
                                 "Edición para personas facilitadoras — notas, tiempos y claves de respuestas. "
                                 "No la entregue a participantes."),
    "handbook": Text("Handbook", "Manual"),
    "contents": Text("Contents", "Contenido"),
    "page": Text("Page", "Página"),
    "of": Text("of", "de"),
    "worksheet": Text("Worksheet", "Hoja de trabajo"),
    "worksheet_name": Text("Name", "Nombre"),
    "worksheet_date": Text("Date", "Fecha"),
    "worksheet_score": Text("Score", "Puntaje"),
    "timing": Text("Timing", "Tiempos"),
    "session": Text("Whole session", "Sesión completa"),
    "exercise_time": Text("Joint exercise", "Ejercicio conjunto"),
    "answer_key_for": Text("Answer key", "Clave de respuestas"),
    "right_answers_to_pass": Text("{count} of {total} right answers pass ({percent}).",  # localefmt.percent
                                  "Se aprueba con {count} de {total} respuestas correctas ({percent})."),
    "feedback": Text("Feedback", "Retroalimentación"),
    # the pre-test and post-test on paper (curriculum.export.forms)
    "pre_post_forms": Text("Pre-test and post-test", "Evaluaciones diagnóstica y de cierre"),
    "pre_post_howto": Text(
        "Give the pre-test before the first module and the post-test after the last one. The two forms ask about "
        "the same objectives, listed below, with different questions. Score each answer sheet with its form's key, "
        "then enter each learner's right answers per objective in the class tally ({file}), which computes the "
        "group's gain per objective for your report.",
        "Aplique la evaluación diagnóstica antes del primer módulo y la de cierre después del último. Las dos "
        "preguntan sobre los mismos objetivos, que se enumeran abajo, con preguntas distintas. Califique cada hoja "
        "de respuestas con la clave de su evaluación y anote las respuestas correctas de cada participante por "
        "objetivo en el registro del grupo ({file}), que calcula el avance del grupo por objetivo para su informe."),
    "answer_sheet": Text("Answer sheet", "Hoja de respuestas"),
    "answer_sheet_hint": Text(
        "Circle the letter of each answer you choose. Matching: write beside each number the letter of its "
        "response. Ordering: write the position (1, 2, 3…) of each item, in the order the items are listed.",
        "Encierre en un círculo la letra de cada respuesta que elija. Relación de columnas: escriba junto a cada "
        "número la letra de su respuesta. Ordenamiento: escriba la posición (1, 2, 3…) de cada elemento, en el "
        "orden en que aparecen."),
    "answer": Text("Answer", "Respuesta"),
    "scoring_key": Text("Scoring key", "Clave de calificación"),
    "scoring_key_hint": Text("One point per question answered fully right; count the points per objective.",
                             "Un punto por pregunta respondida correctamente por completo; sume los puntos por "
                             "objetivo."),
    "tally_learner": Text("Learner", "Participante"),
    "tally_count": Text("Learners who took it", "Participantes que la respondieron"),
    "tally_mean": Text("Group mean (% right)", "Promedio del grupo (% de aciertos)"),
    "tally_gain": Text("Gain (percentage points)", "Avance (puntos porcentuales)"),
    "tally_all": Text("all objectives", "todos los objetivos"),
    "offline_readme": Text(
        "Open index.html in a web browser. The site works offline, from this folder or a USB stick;\n"
        "nothing is fetched from the internet. Quiz answers are saved in the browser of this device only.\n",
        "Abra index.html en un navegador web. El sitio funciona sin conexión, desde esta carpeta o una\n"
        "memoria USB; no se descarga nada de internet. Las respuestas de las evaluaciones se guardan solo\n"
        "en el navegador de este dispositivo.\n"),
    "generated": Text("Generated by `curriculum export` from the curriculum sources; do not edit.",
                      "Generado por `curriculum export` a partir de las fuentes del currículo; no lo edite."),
}


def string(key: str, lang: str, **values: object) -> str:
    text = STRINGS[key][lang]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
