"""A minimal, valid bilingual project written into a temporary folder, for tests to mutate."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULE_YML = """\
id: alpha
order: 1
title:
  en: Alpha module
  es: Módulo alfa
summary:
  en: What alpha teaches.
  es: Lo que enseña alfa.
audiences: [police, ngo]
duration_minutes: 60
recommendations: [1]
quiz: alpha
last_legal_review: 2026-11-01
objectives:
  - id: know-act
    text:
      en: Name the act element.
      es: Nombrar el elemento de acción.
  - id: know-purpose
    text:
      en: Name the purpose element.
      es: Nombrar el elemento de fines.
exercises:
  - id: ex-sort
    minutes: 20
    recommendations: [1]
    title:
      en: Sorting cases
      es: Clasificar casos
sources:
  - "@palermo, art. 3"
reviews:
  - kind: us-legal
    date: 2026-10-15
    by: {en: a volunteer attorney, es: una abogada voluntaria}
  - kind: mx-legal
    date: pending
"""

QUIZ_YML = """\
id: alpha
title:
  en: Alpha quiz
  es: Evaluación alfa
pass_mark: 50
questions:
  - id: which-act
    type: single
    objective: know-act
    prompt:
      en: Which is an act under the Protocol?
      es: ¿Cuál es una acción conforme al Protocolo?
    choices:
      - id: recruitment
        correct: true
        text:
          en: Recruitment
          es: Captación
        feedback:
          en: Yes, recruitment is an act.
          es: Sí, la captación es una acción.
      - id: deception
        text:
          en: Deception
          es: Engaño
        feedback:
          en: No, deception is a means.
          es: No, el engaño es un medio.
    explanation:
      en: The acts are recruitment, transportation, transfer, harbouring and receipt.
      es: Las acciones son captación, transporte, traslado, acogida y recepción.
    source: "@palermo, art. 3(a)"
  - id: purposes
    type: multiple
    objective: know-purpose
    prompt:
      en: Which are purposes of exploitation?
      es: ¿Cuáles son fines de explotación?
    choices:
      - id: forced-labour
        correct: true
        text:
          en: Forced labour
          es: Trabajos forzados
      - id: sexual
        correct: true
        text:
          en: Sexual exploitation
          es: Explotación sexual
      - id: transport
        text:
          en: Transport
          es: Transporte
    explanation:
      en: Transport is an act, not a purpose.
      es: El transporte es una acción, no un fin.
    source: "@palermo, art. 3(a)"
  - id: child-means
    type: true_false
    objective: know-purpose
    answer: true
    prompt:
      en: For a child, the means element need not be proven.
      es: Cuando la víctima es menor de edad, no es necesario acreditar los medios.
    explanation:
      en: Art. 3(c) removes the means element for children.
      es: El art. 3(c) elimina el elemento de medios para personas menores de edad.
    source: "@palermo, art. 3(c)"
  - id: match-elements
    type: matching
    objective: know-purpose
    prompt:
      en: Match each element of the definition to an example of it.
      es: Relacione cada elemento de la definición con un ejemplo.
    pairs:
      - id: act
        premise: {en: Act, es: Acción}
        response: {en: Recruitment of a person, es: Captación de una persona}
        feedback:
          en: Recruitment is one of the acts of art. 3(a).
          es: La captación es una de las acciones del art. 3(a).
      - id: means
        premise: {en: Means, es: Medio}
        response: {en: Deception about the job, es: Engaño sobre el empleo}
      - id: purpose
        premise: {en: Purpose, es: Fin}
        response: {en: Exploitation in forced labour, es: Explotación en trabajos forzados}
    distractors:
      - id: consent
        text: {en: The victim's consent, es: El consentimiento de la víctima}
    explanation:
      en: The act, the means and the purpose are the three elements; consent is not one of them.
      es: La acción, el medio y el fin son los tres elementos; el consentimiento no es uno de ellos.
    source: "@palermo, art. 3(a)"
  - id: order-definition
    type: ordering
    objective: know-purpose
    prompt:
      en: Put the elements in the order in which art. 3(a) states them.
      es: Ordene los elementos como los enuncia el art. 3(a).
    items:
      - id: act
        text: {en: The act, es: La acción}
        feedback: {en: The article opens with the acts., es: El artículo comienza con las acciones.}
      - id: means
        text: {en: The means, es: Los medios}
      - id: purpose
        text: {en: The purpose of exploitation, es: El fin de explotación}
    explanation:
      en: "Art. 3(a): an act, by means of threat, force or deception, for the purpose of exploitation."
      es: "Art. 3(a): una acción, por medio de amenaza, fuerza o engaño, con fines de explotación."
    source: "@palermo, art. 3(a)"
"""

PAGE_EN = """\
## The lesson

The Protocol defines trafficking by act, means and purpose. In Spanish: <span lang="es">trata de personas</span>.

## Key points

- Three elements.

## Joint exercise: Sorting cases {#ex-sort}

Sort the cases.

<!-- facilitator -->
## Facilitator notes

FACILITATOR-SECRET-EN: give 20 minutes.
<!-- /facilitator -->
"""

PAGE_ES = """\
## La lección

El Protocolo define la trata por acción, medios y fines. En inglés: <span lang="en">trafficking</span>.

## Puntos clave

- Tres elementos.

## Ejercicio conjunto: Clasificar casos {#ex-sort}

Clasifiquen los casos.

<!-- facilitator -->
## Notas para la persona facilitadora

FACILITATOR-SECRET-ES: dé 20 minutos.
<!-- /facilitator -->
"""

PROJECT_YML = """\
recommendations:
  - number: 1
    text:
      en: Train law enforcement to recognise trafficking.
      es: Capacitar a las policías para reconocer la trata.
review_kinds:
  - kind: us-legal
    label: {en: U.S. legal review, es: Revisión jurídica (EE. UU.)}
  - kind: mx-legal
    label: {en: Mexican legal review, es: Revisión jurídica (México)}
"""

TRACK_YML = """\
id: basic
audience: police
title:
  en: Basic track
  es: Trayectoria básica
description:
  en: The basics.
  es: Lo básico.
agenda:
  - module: alpha
  - break: 15
"""

GLOSSARY_YML = """\
terms:
  - id: trafficking
    term: {en: trafficking in persons, es: trata de personas}
    definition: {en: "Act, means and purpose.", es: "Acción, medios y fines."}
    source: "@palermo, art. 3(a)"
avoid:
  - id: child-prostitute
    lang: en
    phrase: child prostitute
    use_instead: {en: child victim of sexual exploitation, es: víctima de explotación sexual}
    reason: {en: Blames the child., es: Culpa a la niña o al niño.}
  - id: trafico-de-personas
    lang: es
    phrase: tráfico de personas
    use_instead: {en: trafficking in persons, es: trata de personas}
    reason: {en: Means smuggling in Mexico., es: En México significa tráfico ilícito de migrantes.}
"""

BIBLIOGRAPHY_YML = """\
sources:
  - key: palermo
    type: treaty
    author:
      en: United Nations General Assembly
      es: Asamblea General de las Naciones Unidas
    title:
      en: Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children
      es: Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas, Especialmente Mujeres y Niños
    short: {en: Palermo Protocol, es: Protocolo de Palermo}
    date: 2000-11-15
    url: https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-prevent-suppress-and-punish-trafficking-persons
    checked: 2026-11-01
"""

MKDOCS_YML = """\
site_name: Sample
site_url: https://example.org/sample/
docs_dir: modules
use_directory_urls: false
theme:
  name: material
  font: false
markdown_extensions: [attr_list, md_in_html, tables, admonition, toc]
extra:
  polyfills:
    - assets/vendor/iframe-worker/shim.js
plugins:
  - search
  - curriculum:
      edition: !ENV [CURRICULUM_EDITION, learner]
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      languages:
        - locale: en
          default: true
          name: English
          build: true
        - locale: es
          name: Español
          build: true
          nav_translations: {Modules: Módulos, Reference: Referencia}
  - offline
nav:
  - index.md
  - Modules: curriculum:modules
  - tracks/basic.md
  - Reference:
      - reference/glossary.md
      - reference/policy.md
      - reference/bibliography.md
"""


def write_project(root: Path) -> Path:
    """Write the sample project into ``root`` and return ``root``."""
    files = {
        "curriculum.yml": PROJECT_YML,
        "mkdocs.yml": MKDOCS_YML,
        "modules/index.en.md": "# Home\n\nWelcome.\n\n<!-- curriculum:modules -->\n",
        "modules/index.es.md": "# Inicio\n\nBienvenida.\n\n<!-- curriculum:modules -->\n",
        "modules/alpha/module.yml": MODULE_YML,
        "modules/alpha/index.en.md": PAGE_EN,
        "modules/alpha/index.es.md": PAGE_ES,
        "modules/tracks/basic.en.md": "<!-- curriculum:track basic -->\n",
        "modules/tracks/basic.es.md": "<!-- curriculum:track basic -->\n",
        "modules/reference/glossary.en.md": "# Glossary\n\n<!-- curriculum:glossary -->\n",
        "modules/reference/glossary.es.md": "# Glosario\n\n<!-- curriculum:glossary -->\n",
        "modules/reference/policy.en.md": "# Policy\n\n<!-- curriculum:policy -->\n",
        "modules/reference/policy.es.md": "# Política\n\n<!-- curriculum:policy -->\n",
        "modules/reference/bibliography.en.md": "# Bibliography\n\n<!-- curriculum:bibliography -->\n",
        "modules/reference/bibliography.es.md": "# Bibliografía\n\n<!-- curriculum:bibliography -->\n",
        "bibliography/sources.yml": BIBLIOGRAPHY_YML,
        "quizzes/alpha.yml": QUIZ_YML,
        "tracks/basic.yml": TRACK_YML,
        "glossary/terms.yml": GLOSSARY_YML,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    shutil.copytree(ROOT / "locales", root / "locales")
    shutil.copytree(ROOT / "modules" / "assets" / "vendor", root / "modules" / "assets" / "vendor")
    return root
