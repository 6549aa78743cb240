"""The question types as a family (curriculum/questions/): reading and checks, answer keys, the seeded display
order, the site's HTML and the paper worksheet of matching and ordering — in-process, in seconds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curriculum import render
from curriculum.diagnostics import Diagnostic
from curriculum.export.handbook import answer_key, worksheet
from curriculum.loader import load_catalog
from curriculum.model import Catalog, ChoiceBody, Question
from curriculum.questions import KINDS, QUESTION_TYPES, TYPE_KEYS, kind
from curriculum.questions.base import display_order, fnv1a
from curriculum.questions.matching import MatchingBody, shown_responses
from curriculum.questions.ordering import OrderingBody, shown_items

Q = "quizzes/alpha.yml"
MATCHING_AT = "  - id: match-elements\n"
ORDERING_AT = "  - id: order-definition\n"


def edit(root: Path, old: str, new: str) -> None:
    path = root / Q
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def load(root: Path) -> tuple[Catalog, list[Diagnostic]]:
    catalog, diags = load_catalog(root)
    return catalog, list(diags)


def question(catalog: Catalog, qid: str) -> Question:
    return next(q for q in catalog.quizzes["alpha"].questions if q.id == qid)


def test_one_registry_gives_the_types_and_their_keys() -> None:
    assert QUESTION_TYPES == ("single", "multiple", "true_false", "matching", "ordering")
    assert set(KINDS) == set(QUESTION_TYPES)
    assert {"choices", "answer", "pairs", "distractors", "items"} == TYPE_KEYS
    assert {k.scorm_type for k in KINDS.values()} == {"choice", "true-false", "matching", "sequencing"}


def test_the_sample_quiz_has_every_type(project: Path) -> None:
    catalog, diags = load(project)
    assert diags == []
    quiz = catalog.quizzes["alpha"]
    assert [q.type for q in quiz.questions] == list(QUESTION_TYPES)
    match, order = question(catalog, "match-elements"), question(catalog, "order-definition")
    assert isinstance(match.body, MatchingBody) and isinstance(order.body, OrderingBody)
    assert isinstance(question(catalog, "which-act").body, ChoiceBody)
    assert [r for r, _ in match.body.responses] == ["act", "means", "purpose", "consent"]
    assert match.correct_ids == ("act.act", "means.means", "purpose.purpose") and match.choices == ()
    assert order.correct_ids == ("act", "means", "purpose")


def test_answer_keys_hash_as_before_and_order_counts_only_for_ordering(project: Path) -> None:
    catalog, _ = load(project)
    multiple = question(catalog, "purposes")
    assert render.answer_hash("alpha", multiple) == fnv1a("alpha|purposes|forced-labour,sexual")  # unchanged
    order = question(catalog, "order-definition")
    assert order.answer_tokens == ("act", "means", "purpose")
    assert render.answer_hash("alpha", order) == fnv1a("alpha|order-definition|act,means,purpose")
    assert render.answer_hash("alpha", order) != fnv1a("alpha|order-definition|act,purpose,means")


def test_display_order_is_seeded_reproducible_and_never_the_answer() -> None:
    ids = ["a", "b", "c", "d", "e"]
    first = display_order(ids, "quiz", "q")
    assert first == display_order(ids, "quiz", "q") and sorted(first) == ids and first != ids
    assert display_order(ids, "quiz", "q", attempt="7") != first or display_order(ids, "quiz", "q2") != first
    for n in range(40):   # never the authored order, whatever the seed
        assert display_order(ids[:3], "quiz", f"q{n}") != ids[:3]


# -- reading and checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ("    pairs:\n      - id: act\n", "    choices: []\n    pairs:\n      - id: act\n", "CUR101",
     "`choices` is not a key of matching questions"),
    ("      - id: means\n        premise: {en: Means, es: Medio}\n        response: {en: Deception about the job, "
     "es: Engaño sobre el empleo}\n      - id: purpose\n        premise: {en: Purpose, es: Fin}\n        response: "
     "{en: Exploitation in forced labour, es: Explotación en trabajos forzados}\n", "", "CUR403", "1 pair(s)"),
    ("      - id: consent\n", "      - id: act\n", "CUR201", "duplicate pair or distractor id `act`"),
    ("        text: {en: The victim's consent, es: El consentimiento de la víctima}",
     "        text: {en: Recruitment of a person, es: Otra cosa}", "CUR104", "two responses read the same in en"),
    ("        premise: {en: Means, es: Medio}", "        premise: {en: Means}", "CUR301", "no Spanish text"),
    ("    distractors:\n      - id: consent\n", "    distractors:\n      - {id: d1, text: {en: a, es: a}}\n"
     "      - {id: d2, text: {en: b, es: b}}\n      - {id: d3, text: {en: c, es: c}}\n      - id: consent\n",
     "CUR403", "4 distractors"),
    ("      - id: act\n        premise:", "      - id: act\n        correct: true\n        premise:", "CUR101",
     "unknown key `correct` in a pair"),
])
def test_matching_is_checked_where_it_is_written(project: Path, old: str, new: str, code: str, words: str) -> None:
    edit(project, old, new)
    _, diags = load(project)
    hits = [d for d in diags if d.code == code and words in d.message]
    assert hits, "\n".join(d.render() for d in diags)
    assert all(d.path == Q and d.line > 70 for d in hits)   # inside the matching question


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ("      - id: purpose\n        text: {en: The purpose of exploitation, es: El fin de explotación}\n", "",
     "CUR403", "2 item(s)"),
    ("      - id: means\n        text: {en: The means", "      - id: act\n        text: {en: The means", "CUR201",
     "duplicate item id `act`"),
    ("        text: {en: The means, es: Los medios}", "        text: {en: The act, es: Los medios}", "CUR104",
     "two items read the same in en"),
    ("    items:\n      - id: act\n", "    answer: true\n    items:\n      - id: act\n", "CUR101",
     "`answer` is not a key of ordering questions"),
])
def test_ordering_is_checked_where_it_is_written(project: Path, old: str, new: str, code: str, words: str) -> None:
    edit(project, old, new)
    _, diags = load(project)
    hits = [d for d in diags if d.code == code and words in d.message]
    assert hits, "\n".join(d.render() for d in diags)
    assert all(d.path == Q and d.line > 94 for d in hits)


def test_a_type_without_its_key_and_keys_of_another_type(project: Path) -> None:
    edit(project, "    pairs:\n      - id: act\n", "    items:\n      - id: act\n")
    _, diags = load(project)
    found = {(d.code, d.message) for d in diags}
    assert ("CUR103", "question `match-elements` is missing required key `pairs`") in found
    assert any(c == "CUR101" and "`items` is not a key of matching questions" in m for c, m in found)


def test_an_unknown_type_names_every_type(project: Path) -> None:
    edit(project, "    type: ordering\n", "    type: sequence\n")
    _, diags = load(project)
    assert any(d.code == "CUR104" and "single, multiple, true_false, matching, ordering" in d.message
               for d in diags)


# -- the site's HTML and the paper ---------------------------------------------------------------------------


@pytest.fixture
def catalog(project: Path) -> Catalog:
    cat, diags = load(project)
    assert diags == []
    return cat


def test_matching_is_a_labelled_native_menu_per_premise(catalog: Catalog) -> None:
    html = render.quiz_html(catalog, catalog.quizzes["alpha"], "es")
    part = html[html.index('data-q="match-elements"'):html.index('data-q="order-definition"')]
    selects = re.findall(r'<select id="([^"]+)" name="\1" data-premise="([a-z-]+)"', part)
    assert [p for _, p in selects] == ["act", "means", "purpose"]
    for sid, _ in selects:
        assert f'<label class="cur-premise" for="{sid}">' in part
    shown = [rid for rid, _ in shown_responses("alpha", question(catalog, "match-elements"))]
    assert re.findall(r'<option value="([a-z-]+)">', part)[:4] == shown   # the seeded order, the authored ids
    assert '<option value="">Seleccione…</option>' in part and "cur-key" not in part
    assert "Seleccione la respuesta que corresponde a cada elemento." in part
    facilitator = render.quiz_html(catalog, catalog.quizzes["alpha"], "en", render.FACILITATOR)
    assert '<strong class="cur-key">✓ Recruitment of a person</strong>' in facilitator


def test_ordering_items_have_move_buttons_that_name_their_item(catalog: Catalog) -> None:
    html = render.quiz_html(catalog, catalog.quizzes["alpha"], "en")
    part = html[html.index('data-q="order-definition"'):]
    shown = [i.id for i in shown_items("alpha", question(catalog, "order-definition"))]
    assert re.findall(r'<li class="cur-item" data-item="([a-z-]+)"', part) == shown != ["act", "means", "purpose"]
    assert part.count('<button type="button" class="md-button cur-up">Move up<span class="cur-sr">: ') == 3
    assert '<span class="cur-sr">: The means</span>' in part
    assert 'class="cur-live cur-sr" aria-live="polite"' in part
    facilitator = render.quiz_html(catalog, catalog.quizzes["alpha"], "es", render.FACILITATOR)
    assert '<strong class="cur-key">✓ Posición 1</strong>' in facilitator


def test_worksheets_print_blanks_and_the_key_gives_the_pairs_and_the_order(catalog: Catalog) -> None:
    quiz, module = catalog.quizzes["alpha"], catalog.modules[0]
    sheet = worksheet(catalog, quiz, module, "en")
    assert '<table class="match">' in sheet and '<th scope="col">Items</th><th scope="col">Answers</th>' in sheet
    assert '1. <span class="blank" aria-hidden="true"></span> Act' in sheet
    letters = {rid: chr(ord("A") + n) for n, (rid, _) in enumerate(shown_responses("alpha", question(catalog,
                                                                                                  "match-elements")))}
    assert f"{letters['consent']}) The victim's consent" in sheet
    assert '<ul class="order"><li><span class="blank" aria-hidden="true"></span>' in sheet
    assert "Number the items in the right order" in sheet and "Recruitment of a person" in sheet
    key = answer_key(catalog, quiz, module, "es")
    assert f"1. Acción → {letters['act']}) Captación de una persona" in key
    assert '<ol class="order-key"><li>La acción</li><li>Los medios</li><li>El fin de explotación</li></ol>' in key
    assert "La captación es una de las acciones" in key            # per-pair feedback in the key


def test_the_new_types_texts_are_checked_for_the_xml_exports(project: Path) -> None:
    edit(project, "        premise: {en: Means, es: Medio}", '        premise: {en: "Me\\x07ans", es: Medio}')
    _, diags = load(project)
    assert [(d.code, "the premise of pair `means`" in d.message) for d in diags] == [("CUR501", True)]


def test_every_kind_renders_and_encodes_every_question(catalog: Catalog) -> None:
    from curriculum.export.scorm import runtime_config, suspend_size

    for q in catalog.quizzes["alpha"].questions:
        k = kind(q)
        assert k.scorm(catalog.quizzes["alpha"], q, "00000000")[0] == q.id
        assert k.suspend_width(q) >= 1
    config = runtime_config(catalog, catalog.tracks[0], "2004", "tracks/basic.html")
    assert suspend_size(catalog, config) == len("1;0.5.") + 2 * 3 + 3 + 3
