"""Synthetic curricula for the benchmark: N modules, both languages, a 10-question quiz each.

Everything but the module count is fixed, so sizes compare: each module has a ~1,000-word lesson per
language (sections, a side-by-side table, a list, an admonition, a joint exercise, facilitator notes and
links to its neighbours and the glossary), three objectives, two sources and a quiz of ten questions
(four single-choice, three multiple-choice, three true/false, all with feedback). The project's real
locales, avoided phrases of the glossary (55, for the terminology check), theme overrides (if any) and vendored
assets are copied in (with 94 synthetic glossary terms), and three tracks of twelve modules each are generated.

``write(root, n, plugin=True)`` writes a project whose ``mkdocs.yml`` uses the curriculum plugin;
``plugin=False`` writes the same pages with the plugin removed (an explicit nav instead of the
``curriculum:modules`` placeholder; the page Markdown is identical).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

_EN = """officers prosecutors volunteers case evidence border statute victim child protection interview
    referral shelter report agency hotline court federal state municipal cooperation training record
    indicator recruitment transport harbouring exploitation labour sexual means purpose consent age
    document travel guardian custody warrant jurisdiction treaty request liaison interpreter safety
    plan risk assessment trauma informed respect privacy confidential follow procedure timeline"""
_ES = """policías fiscales voluntariado caso prueba frontera ley víctima niña niño protección entrevista
    canalización albergue denuncia institución línea juzgado federal estatal municipal cooperación
    capacitación registro indicador captación traslado acogida explotación laboral sexual medios fines
    consentimiento edad documento viaje tutela custodia orden competencia tratado solicitud enlace
    intérprete seguridad plan riesgo evaluación trauma respeto privacidad confidencial procedimiento"""
EN_WORDS, ES_WORDS = tuple(_EN.split()), tuple(_ES.split())
MKDOCS = {
    "site_name": "Synthetic curriculum",
    "site_url": "https://example.org/bench/",
    "docs_dir": "modules",
    "use_directory_urls": False,
    "theme": {"name": "material", "custom_dir": "overrides", "language": "en", "font": False,
              "features": ["navigation.sections", "navigation.top", "toc.follow", "search.highlight"]},
    "markdown_extensions": [{"toc": {"permalink": True}}, "admonition", "attr_list", "md_in_html", "tables",
                            "footnotes", "def_list"],
    "extra": {"polyfills": ["assets/vendor/iframe-worker/shim.js"]},
}


def _sentence(rng: random.Random, words: list[str], n: int = 14) -> str:
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, words: list[str], sentences: int = 5) -> str:
    return " ".join(_sentence(rng, words, rng.randint(10, 18)) for _ in range(sentences))


def _page(i: int, n: int, lang: str, term: str) -> str:
    rng = random.Random(i * 2 + (lang == "es"))
    words = ES_WORDS if lang == "es" else EN_WORDS
    nxt = f"m{i % n + 1:04d}"
    heads = (["Overview", "The law side by side", "Indicators", "A case", "Key points", "Joint exercise"]
             if lang == "en" else
             ["Panorama", "La ley lado a lado", "Indicadores", "Un caso", "Puntos clave", "Ejercicio conjunto"])
    other = "es" if lang == "en" else "en"
    out = [f"## {heads[0]}", "", _paragraph(rng, words), "", _paragraph(rng, words), "",
           f"See the [next module](../{nxt}/index.md) and the [glossary](../reference/glossary.md#term-{term}); "
           f"<span lang=\"{other}\">{rng.choice(ES_WORDS if lang == 'en' else EN_WORDS)}</span>.", "",
           f"## {heads[1]}", "", "| | U.S. | México |", "|---|---|---|"]
    out += [f"| {rng.choice(words)} | {_sentence(rng, words, 8)} | {_sentence(rng, words, 8)} |" for _ in range(6)]
    out += ["", _paragraph(rng, words), "", f"## {heads[2]}", ""]
    out += [f"- {_sentence(rng, words, 9)}" for _ in range(8)]
    out += ["", f"## {heads[3]}", "", f'!!! note "{rng.choice(words)}"', "", "    " + _paragraph(rng, words, 4), "",
            _paragraph(rng, words), "", f"## {heads[4]}", ""]
    out += [f"- {_sentence(rng, words, 10)}" for _ in range(5)]
    out += ["", f"## {heads[5]}: {rng.choice(words)} {{#ex-m{i:04d}}}", "", _paragraph(rng, words), "",
            "<!-- facilitator -->", "## Facilitator notes" if lang == "en" else "## Notas para facilitar", "",
            _paragraph(rng, words, 3), "<!-- /facilitator -->", ""]
    return "\n".join(out)


def _text(rng: random.Random, n: int = 9) -> dict[str, str]:
    return {"en": _sentence(rng, EN_WORDS, n), "es": _sentence(rng, ES_WORDS, n)}


def _module(i: int) -> dict:
    rng = random.Random(10_000 + i)
    return {
        "id": f"m{i:04d}", "order": i,
        "title": {"en": f"Module {i}: {rng.choice(EN_WORDS)} and {rng.choice(EN_WORDS)}",
                  "es": f"Módulo {i}: {rng.choice(ES_WORDS)} y {rng.choice(ES_WORDS)}"},
        "summary": _text(rng, 12), "audiences": ["police", "prosecutors", "ngo"], "duration_minutes": 60,
        "recommendations": [(i - 1) % 6 + 1], "quiz": f"m{i:04d}", "last_legal_review": "2026-11-01",
        "reviews": [],
        "objectives": [{"id": f"o{k}", "text": _text(rng)} for k in (1, 2, 3)],
        "exercises": [{"id": f"ex-m{i:04d}", "minutes": 20, "recommendations": [(i - 1) % 6 + 1],
                       "title": _text(rng, 4)}],
        "sources": ["@usc-22-7102", "@lgpsedmtp, art. 10"],
    }


def _quiz(i: int) -> dict:
    rng = random.Random(20_000 + i)
    questions = []
    for q in range(1, 11):
        kind = "single" if q <= 4 else "multiple" if q <= 7 else "true_false"
        question = {"id": f"q{q}", "type": kind, "objective": f"o{q % 3 + 1}", "prompt": _text(rng, 14)}
        if kind == "true_false":
            question["answer"] = bool(q % 2)
        else:
            count = 4 if kind == "single" else 5
            correct = {0} if kind == "single" else {0, 2}
            question["choices"] = [{"id": f"c{c}", **({"correct": True} if c in correct else {}),
                                    "text": _text(rng, 6), "feedback": _text(rng, 8)} for c in range(count)]
        question["explanation"] = _text(rng, 16)
        question["source"] = "@usc-22-7102"
        questions.append(question)
    return {"id": f"m{i:04d}", "title": {"en": "Check your understanding", "es": "Comprueba lo aprendido"},
            "pass_mark": 80, "questions": questions}


def _glossary() -> dict:
    """94 synthetic terms (as many as the real glossary) and the real list of avoided phrases."""
    real = yaml.safe_load((ROOT / "glossary/terms.yml").read_text(encoding="utf-8"))
    rng = random.Random(30_000)
    terms = [{"id": f"t{k:03d}", "term": {"en": f"{rng.choice(EN_WORDS)} {k}", "es": f"{rng.choice(ES_WORDS)} {k}"},
              "definition": _text(rng, 20), "us": _text(rng, 12), "mx": _text(rng, 12),
              "source": "@usc-22-7102"} for k in range(1, 95)]
    return {"terms": terms, "avoid": real["avoid"]}


def _bibliography() -> dict:
    """The two real registry entries every synthetic module cites."""
    real = yaml.safe_load((ROOT / "bibliography/sources.yml").read_text(encoding="utf-8"))
    return {"sources": [e for e in real["sources"] if e["key"] in ("usc-22-7102", "lgpsedmtp")]}


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write(root: Path, n: int, *, plugin: bool = True, features: list[str] | None = None,
          default_last: bool = False, prerender: bool = False) -> Path:
    """Write the synthetic project with ``n`` modules into ``root`` (replacing it).

    ``prerender`` (with ``plugin=False``): write into each page what the plugin would put there (title,
    facts, objectives, quiz, sources, agendas, glossary, policy), so that the build without the plugin
    produces the same content and the comparison isolates the plugin's own machinery.
    """
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for folder in ("locales", "overrides"):  # overrides/: only if the project has theme overrides
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "modules/assets", root / "modules/assets")
    _dump(root / "glossary/terms.yml", _glossary())
    _dump(root / "bibliography/sources.yml", _bibliography())
    term = "t001"
    _dump(root / "curriculum.yml", {"recommendations": [
        {"number": k, "text": _text(random.Random(k), 12)} for k in range(1, min(n, 6) + 1)]})
    for i in range(1, n + 1):
        _dump(root / f"modules/m{i:04d}/module.yml", _module(i))
        _dump(root / f"quizzes/m{i:04d}.yml", _quiz(i))
        for lang in ("en", "es"):
            _write(root / f"modules/m{i:04d}/index.{lang}.md", _page(i, n, lang, term))
    tracks = []
    for t, audience in enumerate(("police", "prosecutors", "ngo"), 1):
        members = [f"m{i:04d}" for i in range(t, n + 1, 3)][:12] or ["m0001"]
        agenda = [item for k, m in enumerate(members) for item in ([{"module": m}] + ([{"break": 15}] if k % 3 == 2
                                                                                      else []))]
        _dump(root / f"tracks/t{t}.yml", {"id": f"t{t}", "audience": audience,
                                          "title": {"en": f"Track {t}", "es": f"Trayectoria {t}"},
                                          "description": _text(random.Random(t), 20), "agenda": agenda})
        tracks.append(f"tracks/t{t}.md")
        for lang in ("en", "es"):
            _write(root / f"modules/tracks/t{t}.{lang}.md", f"<!-- curriculum:track t{t} -->\n")
    for lang, (home, policy, glossary) in {"en": ("Home", "Policy", "Glossary"),
                                           "es": ("Inicio", "Política", "Glosario")}.items():
        _write(root / f"modules/index.{lang}.md", f"# {home}\n\n<!-- curriculum:modules -->\n")
        _write(root / f"modules/reference/policy.{lang}.md", f"# {policy}\n\n<!-- curriculum:policy -->\n")
        _write(root / f"modules/reference/glossary.{lang}.md", f"# {glossary}\n\n<!-- curriculum:glossary -->\n")
    if prerender:
        _prerender(root)
    config = dict(MKDOCS)
    config["theme"] = {**MKDOCS["theme"], "features": features or MKDOCS["theme"]["features"]}
    if not (root / "overrides").is_dir():
        del config["theme"]["custom_dir"]
    modules = [f"m{i:04d}/index.md" for i in range(1, n + 1)]
    config["nav"] = ["index.md", {"Modules": "curriculum:modules" if plugin else modules}, {"Tracks": tracks},
                     {"Reference": ["reference/policy.md", "reference/glossary.md"]}]
    languages = [{"locale": "en", "default": True, "name": "English", "build": True},
                 {"locale": "es", "name": "Español", "build": True,
                  "nav_translations": {"Modules": "Módulos", "Tracks": "Trayectorias", "Reference": "Referencia"}}]
    if default_last:  # as the site's mkdocs.yml does, for an English 404 page: static-i18n then builds en twice
        languages.reverse()
    config["plugins"] = ["search", *([{"curriculum": {"edition": "learner"}}] if plugin else []), {"i18n": {
        "docs_structure": "suffix", "fallback_to_default": False, "reconfigure_material": True,
        "reconfigure_search": True, "languages": languages}}, "offline"]
    _dump(root / "mkdocs.yml", config)
    return root


def _prerender(root: Path) -> None:
    """Replace every page with the Markdown the plugin would hand to MkDocs (learner edition)."""

    from curriculum import markers, render
    from curriculum.loader import load_catalog

    catalog, _ = load_catalog(root)
    for page in sorted((root / "modules").rglob("*.md")):
        src = page.relative_to(root / "modules").as_posix()
        lang, prefix = src.rsplit(".", 2)[1], "../" * src.count("/")
        text = markers.remove(page.read_text(encoding="utf-8"), markers.FACILITATOR)
        text = render.expand_generated(catalog, text, lang, prefix)
        module = catalog.module_for_page(src)
        if module is not None:
            text = (render.module_header(catalog, module, lang) + text + "\n\n"
                    + render.quiz_block(catalog, catalog.quiz_for(module), lang) + "\n\n"
                    + render.sources_block(catalog, module, lang))
        page.write_text(text, encoding="utf-8")


def _mk(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def quiz_markdown(i: int = 1) -> str:
    """Module ``i``'s English quiz in mkdocs-quiz syntax (``<quiz>`` blocks), for the page-weight comparison."""
    quiz = _quiz(i)
    out = []
    for q in quiz["questions"]:
        lines = ["<quiz>", q["prompt"]["en"]]
        if q["type"] == "true_false":
            lines += [f"- [{'x' if q['answer'] else ' '}] True", f"- [{' ' if q['answer'] else 'x'}] False"]
        else:
            for c in q["choices"]:
                lines += [f"- [{'x' if c.get('correct') else ' '}] {c['text']['en']}", f"    > {c['feedback']['en']}"]
        lines += ["", q["explanation"]["en"], "", f"Source: {q['source']}", "</quiz>", ""]
        out += lines
    return "\n".join(out)
