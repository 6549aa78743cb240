"""The sample project with assessments: an exam (2 attempts, a one-minute time limit) and a matched pre/post test.

The sample quiz has one question for `know-act` and four for `know-purpose`; this project adds a `pool_only`
question for `know-act` (in the pool, not in the module's self-check), so that each objective's pool can give
the pre-test and the post-test one question each that the other form does not have.
"""

from __future__ import annotations

from pathlib import Path

from tests.sample_project import write_project

POOL_ONLY = """\
  - id: harbouring
    type: true_false
    objective: know-act
    pool_only: true
    answer: true
    prompt:
      en: Harbouring a person is one of the acts of the definition.
      es: Acoger a una persona es una de las acciones de la definición.
    explanation:
      en: Art. 3(a) lists recruitment, transportation, transfer, harbouring and receipt.
      es: El art. 3(a) enumera la captación, el transporte, el traslado, la acogida y la recepción.
    source: "@palermo, art. 3(a)"
"""

ASSESSMENTS = """\
assessments:
  exam:
    title: {en: "Basic track: final exam", es: "Trayectoria básica: examen final"}
    pass_mark: 50
    attempts: 2
    time_limit_minutes: 1
    show_answers: after-last-attempt
    draw: per_objective 1
  pre_post:
    title: {en: Basic track, es: Trayectoria básica}
    draw: per_objective 1
"""


def write_assessment_project(root: Path, assessments: str = ASSESSMENTS) -> Path:
    write_project(root)
    quiz = root / "quizzes/alpha.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + POOL_ONLY, encoding="utf-8")
    track = root / "tracks/basic.yml"
    track.write_text(track.read_text(encoding="utf-8") + assessments, encoding="utf-8")
    return root
