"""The exam and the pre/post test in Debian's Chromium, by keyboard, over file:// (network blocked, CSP enforced)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum import assessments
from curriculum.loader import load_catalog
from curriculum.model import Catalog
from tests.assessment_project import write_assessment_project
from tests.conftest import build
from tests.test_browser import WCAG, Session, choose_by_keyboard, load_axe, order_by_keyboard, shown_order

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEED = "sessionStorage.getItem('seed') || 's1'"   # the seed hook: window.CURRICULUM_SEED, set before the page runs


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, dict[str, Path]]:
    root = write_assessment_project(tmp_path_factory.mktemp("assess") / "project")
    sites = {}
    for edition in ("learner", "facilitator"):
        site = root.parent / f"site-{edition}"
        result = build(root, edition, site)
        assert result.returncode == 0, result.stderr
        sites[edition] = site
    catalog, diags = load_catalog(root)
    assert not diags.errors
    return catalog, sites


@pytest.fixture
def session(browser: object) -> Iterator[Session]:
    s = Session(browser)
    s.context.add_init_script(f"window.CURRICULUM_SEED = {SEED};")
    yield s
    s.context.close()
    assert s.outside == [], f"requests left file://: {s.outside}"
    assert s.errors == [], f"JavaScript errors: {s.errors}"


def answer(page: object, catalog: Catalog, item: str, right: bool) -> None:
    """Answer one question (``<quiz>--<question>``) with the keyboard only, rightly or not."""
    quiz_id, qid = item.split("--", 1)
    q = next(q for q in catalog.quizzes[quiz_id].questions if q.id == qid)
    if q.type in ("single", "true_false", "multiple"):
        picks = list(q.correct_ids) if right else [next(c.id for c in q.choices if not c.correct)]
        for value in picks:
            page.locator(f'input[name="{item}"][value="{value}"]').focus()
            page.keyboard.press("Space")
    elif q.type == "matching":
        ids = [p.id for p in q.body.pairs]
        target = ids if right else ids[1:] + ids[:1]
        for premise, response in zip(ids, target, strict=True):
            choose_by_keyboard(page, page.locator(f'select[name="{item}--{premise}"]'), response)
    else:
        order = [i.id for i in q.body.items]
        order_by_keyboard(page, qid, order if right else order[::-1])


def shown(page: object) -> list[str]:
    return page.locator(".cur-q:not([hidden])").evaluate_all("els => els.map(e => e.dataset.item)")


def submit_by_keyboard(page: object) -> None:
    page.locator(".cur-submit").focus()
    page.keyboard.press("Enter")


def stored(session: Session, form: str) -> dict:
    return json.loads(session.storage(f"curriculum:v1:assessment:basic:{form}") or "null")


def axe(page: object) -> list[str]:
    load_axe(page)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))", WCAG)


def test_exam_single_submission_attempt_limit_and_answers_only_after_the_last(project: tuple, session: Session) -> None:
    catalog, sites = project
    track = catalog.track("basic")
    page = session.open(sites["learner"], "tracks/basic/exam.html")
    assert page.locator(".cur-q:not([hidden])").count() == 0 and not page.locator(".cur-after").first.is_visible()
    assert "Attempts allowed: 2." in page.locator(".cur-rules").inner_text()
    page.locator(".cur-start").focus()
    page.keyboard.press("Enter")
    drawn = [i.id for _, i in assessments.exam_draw(catalog, track, track.exam, "s1")]
    assert shown(page) == drawn                       # the page draws as the core does, from the attempt's seed
    assert page.locator(".cur-announce").inner_text() == "Attempt 1 started. Time left: 1 min."
    assert page.locator(".cur-timer").is_visible() and page.locator(".cur-timer").get_attribute("role") == "timer"
    # answers, feedback and explanations are not in view before submission
    assert page.locator(".cur-q:not([hidden]) .cur-after:visible").count() == 0
    for item in drawn:
        answer(page, catalog, item, right=False)
    submit_by_keyboard(page)
    result = page.locator(".cur-assess-result")
    assert result.is_visible() and page.evaluate("document.activeElement.classList.contains('cur-assess-result')")
    assert "0 of 2 questions correct (0%). Not passed" in result.inner_text()
    rows = result.locator(".cur-by-objective tbody tr")
    assert sorted(rows.evaluate_all("rs => rs.map(r => [r.dataset.objective, r.cells[1].textContent])")) == [
        ["alpha/know-act", "0 / 1"], ["alpha/know-purpose", "0 / 1"]]   # the result per objective
    # one submission: locked, no submit button, the answers stay hidden until the last attempt
    assert not page.locator(".cur-submit").is_visible()
    assert page.locator(".cur-q:not([hidden]) input, .cur-q:not([hidden]) select").evaluate_all(
        "els => els.every(e => e.disabled)")
    assert page.locator(".cur-q:not([hidden]) .cur-after:visible").count() == 0
    assert "shown once you pass or have used your last attempt" in result.inner_text()
    saved = stored(session, "exam")
    assert [a["seed"] for a in saved["attempts"]] == ["s1"] and saved["attempts"][0]["order"] == drawn
    assert set(saved["attempts"][0]["answers"]) <= set(drawn)            # stable ids: <quiz>--<question>
    # a reload shows the same attempt: same questions, same order, same answers
    page.reload()
    assert shown(page) == drawn and "Attempts used: 1 of 2." in result.inner_text()
    # the second and last attempt, with another seed
    page.evaluate("window.CURRICULUM_SEED = 's2'")
    page.locator(".cur-retry").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    second = [i.id for _, i in assessments.exam_draw(catalog, track, track.exam, "s2")]
    assert shown(page) == second
    for item in second:
        answer(page, catalog, item, right=False)
    submit_by_keyboard(page)
    assert "You have used every attempt." in result.inner_text() and not page.locator(".cur-retry").is_visible()
    # now the feedback and the right answers are shown
    correct = page.locator(".cur-q:not([hidden]) .cur-correct")
    assert correct.count() == 2 and all(t.startswith("Correct answer: ") for t in correct.all_inner_texts())
    assert page.locator(".cur-q:not([hidden]) .cur-expl").first.is_visible()
    page.reload()
    assert not page.locator(".cur-start").is_visible() and len(stored(session, "exam")["attempts"]) == 2
    assert axe(page) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_passing_the_exam_shows_the_answers_and_ends_the_attempts(project: tuple, session: Session,
                                                                 lang: str) -> None:
    catalog, sites = project
    track = catalog.track("basic")
    page = session.open(sites["learner"], "tracks/basic/exam.html" if lang == "en" else "es/tracks/basic/exam.html")
    assert axe(page) == []
    page.locator(".cur-start").focus()
    page.keyboard.press("Enter")
    drawn = [i.id for _, i in assessments.exam_draw(catalog, track, track.exam, "s1")]
    for item in drawn:
        answer(page, catalog, item, right=True)
    assert axe(page) == []                                  # during the attempt (the timer showing)
    submit_by_keyboard(page)
    text = page.locator(".cur-assess-result").inner_text()
    assert ("2 of 2 questions correct (100%). Passed" if lang == "en" else "2 de 2 preguntas correctas (100%)") in text
    assert ("Attempt code: s1" if lang == "en" else "Código del intento: s1") in text
    assert not page.locator(".cur-retry").is_visible()
    assert page.locator(".cur-q:not([hidden]) .cur-correct").count() == 2
    assert axe(page) == []                                  # the result, the feedback and the right answers
    assert stored(session, "exam")["attempts"][0]["passed"] is True


def test_the_time_limit_counts_down_and_submits_at_zero(project: tuple, session: Session) -> None:
    catalog, sites = project
    track = catalog.track("basic")
    session.page.clock.install()
    page = session.open(sites["learner"], "tracks/basic/exam.html")
    page.locator(".cur-start").focus()
    page.keyboard.press("Enter")
    timer = page.locator(".cur-timer")
    assert timer.inner_text() == "Time left: 1:00"
    first = next(i.id for _, i in assessments.exam_draw(catalog, track, track.exam, "s1"))
    answer(page, catalog, first, right=True)
    page.clock.run_for(30_000)
    assert timer.inner_text() == "Time left: 0:30"
    page.clock.run_for(31_000)
    assert page.locator(".cur-announce").inner_text() == "Time is up: your answers were submitted."
    assert page.locator(".cur-assess-result").is_visible() and not timer.is_visible()
    attempt = stored(session, "exam")["attempts"][0]
    assert attempt["done"] and attempt["timeUp"] and list(attempt["answers"]) == [first]
    assert "1 of 2 questions correct (50%). Passed" in page.locator(".cur-assess-result").inner_text()


def test_pre_and_post_share_no_item_and_the_post_test_shows_the_gain(project: tuple, session: Session) -> None:
    catalog, sites = project
    track = catalog.track("basic")
    pp = assessments.forms(catalog, track, track.pre_post)
    page = session.open(sites["learner"], "tracks/basic.html")   # reached from the track page
    links = page.locator(".cur-assessment-links a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == ["../tracks/basic/pre-test.html", "../tracks/basic/exam.html", "../tracks/basic/post-test.html"]
    page = session.open(sites["learner"], "tracks/basic/pre-test.html")
    pre = shown(page)
    assert pre == [i.id for _, i in pp.pre]
    for item in pre:
        answer(page, catalog, item, right=False)
    submit_by_keyboard(page)
    assert "0 of 2 questions correct (0%)" in page.locator(".cur-assess-result").inner_text()
    page = session.open(sites["learner"], "tracks/basic/post-test.html")
    post = shown(page)
    assert post == [i.id for _, i in pp.post] and not set(pre) & set(post)
    for item in post:
        answer(page, catalog, item, right=True)
    submit_by_keyboard(page)
    gain = page.locator(".cur-gain")
    assert gain.is_visible()
    assert gain.locator("tbody tr").evaluate_all("rs => rs.map(r => [r.dataset.objective, "
                                                 "...Array.from(r.cells).slice(1).map(c => c.textContent)])") == [
        ["alpha/know-act", "0%", "100%", "+100"], ["alpha/know-purpose", "0%", "100%", "+100"]]
    assert stored(session, "pre")["attempts"][0]["done"] and stored(session, "post")["attempts"][0]["done"]
    assert axe(page) == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("edition", ["learner", "facilitator"])
def test_axe_on_the_assessment_pages(project: tuple, session: Session, lang: str, edition: str) -> None:
    _, sites = project
    for name in ("exam", "pre-test", "post-test"):
        rel = f"tracks/basic/{name}.html"
        page = session.open(sites[edition], rel if lang == "en" else f"es/{rel}")
        assert page.evaluate("document.documentElement.lang") == lang
        assert axe(page) == [], f"{edition} {lang} {rel}"
        if edition == "facilitator":   # the facilitator sees every question of the pools with its key
            assert page.locator(".cur-q").count() > 0 and page.locator(".cur-key").first.is_visible()


def test_ordering_items_start_shuffled_per_attempt(project: tuple, session: Session) -> None:
    """Each seed has its own order of items; a reload keeps it; the ids stored are the authored ones."""
    catalog, sites = project
    track = catalog.track("basic")
    seed = next(s for s in (f"o{n}" for n in range(40))
                if "alpha--order-definition" in [i.id for _, i in assessments.exam_draw(catalog, track, track.exam, s)])
    page = session.open(sites["learner"], "tracks/basic/exam.html")
    page.evaluate(f"window.CURRICULUM_SEED = '{seed}'")
    page.locator(".cur-start").click()
    order = shown_order(page, "order-definition")
    assert sorted(order) == ["act", "means", "purpose"] and order != ["act", "means", "purpose"]
    page.reload()
    assert shown_order(page, "order-definition") == order
