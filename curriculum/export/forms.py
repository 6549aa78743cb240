"""A track's pre-test and post-test on paper: the two forms, their answer sheets, the scoring keys, and the class
tally (CSV) that computes the group's gain per objective.

The forms are the site's (curriculum.assessments.forms): the same questions in the same order, with the same
lettering as the handbook's worksheets. The handbook's facilitator edition prints them as its last chapter
(each form, sheet and key starts a page, to photocopy); the tally is written beside the handbooks as
``<track>.<lang>.tally.csv``.

The tally has a header row in the reader's language, one row per learner (30, numbered; insert rows above the
last one to add learners: the formulas' ranges grow with them) with, for each objective, the learner's right
answers on the pre-test and on the post-test, and three rows that compute, per column: how many learners took the
form, the group's mean (% right), and, under each post-test column, the gain in percentage points; the last two
columns do the same for all objectives together. The formulas use only ``SUM``, ``COUNT``, cell ranges and
arithmetic, which LibreOffice Calc and Excel read from a CSV file alike (LibreOffice: keep "Evaluate formulas"
ticked in the import dialog).
"""

from __future__ import annotations

import csv
import io
from html import escape

from curriculum import assessments, questions
from curriculum.export.text import html, string
from curriculum.model import Catalog, Track
from curriculum.questions.base import Paper

LEARNER_ROWS = 30


def _paper(catalog: Catalog, quiz: object, lang: str) -> Paper:
    return Paper(catalog, quiz, lang, html, lambda key: escape(catalog.string(lang, key)),  # type: ignore[arg-type]
                 lambda key: escape(string(key, lang)))


def form_title(catalog: Catalog, track: Track, form: str, lang: str) -> str:
    assert track.pre_post is not None
    return f"{catalog.string(lang, 'pre_test' if form == 'pre' else 'post_test')}: {track.pre_post.title[lang]}"


def chapter(catalog: Catalog, track: Track, lang: str, mark: str = "") -> str:
    """The facilitator handbook's chapter: how to use the forms, then each form, its answer sheet and its key."""
    assert track.pre_post is not None
    s = lambda key: escape(catalog.string(lang, key))  # noqa: E731
    t = lambda key, **kw: escape(string(key, lang, **kw))  # noqa: E731
    pp = assessments.forms(catalog, track, track.pre_post)
    fields = "".join(f"<span>{t(key)}:</span>" for key in ("worksheet_name", "worksheet_date", "worksheet_score"))
    listed = "".join(f"<li>{html(d.objective.text[lang])} ({html(d.module.title[lang])})</li>" for d in pp.draws)
    parts = [f'<section class="chapter pre-post" id="pre-post">{mark}'
             f'<h1 id="pre-post-title">{t("pre_post_forms")}</h1>'
             f'<p>{t("pre_post_howto", file=f"{track.id}.{lang}.tally.csv")}</p><ul>{listed}</ul>']
    for form in ("pre", "post"):
        title = html(form_title(catalog, track, form, lang))
        items = []
        for n, (_, item) in enumerate(pp.form(form), 1):
            p = _paper(catalog, item.quiz, lang)
            q = item.question
            items.append(f'<li id="pp-{form}-q{n}" class="{q.type}"><p class="prompt">{html(q.prompt[lang])}</p>'
                         f"{questions.kind(q).worksheet_html(p, q)}</li>")
        parts.append(f'<section class="worksheet paper-form" aria-labelledby="pp-{form}"><h2 id="pp-{form}">{title}'
                     f'</h2><div class="fields">{fields}</div><ol class="questions">{"".join(items)}</ol></section>')
    for form in ("pre", "post"):
        title = html(form_title(catalog, track, form, lang))
        cells = [questions.kind(i.question).sheet_cell(_paper(catalog, i.quiz, lang), i.question)
                 for _, i in pp.form(form)]
        rows = "".join(f'<tr><td class="num">{n}</td><td>{escape(cell)}</td></tr>' for n, cell in enumerate(cells, 1))
        parts.append(f'<section class="worksheet answer-sheet" aria-labelledby="sheet-{form}"><h2 id="sheet-{form}">'
                     f"{t('answer_sheet')}: {title}</h2><div class=\"fields\">{fields}</div>"
                     f'<p class="hint">{t("answer_sheet_hint")}</p><table><thead><tr><th class="num">#</th>'
                     f"<th>{t('answer')}</th></tr></thead><tbody>{rows}</tbody></table></section>")
    for form in ("pre", "post"):
        title = html(form_title(catalog, track, form, lang))
        rows = "".join(
            f'<tr><td class="num">{n}</td><td>{html(d.objective.text[lang])}</td>'
            f"<td>{escape(questions.kind(item.question).answer_code(_paper(catalog, item.quiz, lang), item.question))}"
            "</td></tr>" for n, (d, item) in enumerate(pp.form(form), 1))
        parts.append(f'<section class="answer-key scoring-key" aria-labelledby="key-{form}"><h2 id="key-{form}">'
                     f"{t('scoring_key')}: {title}</h2><p>{t('scoring_key_hint')}</p><table><thead><tr>"
                     f'<th class="num">#</th><th>{s("exam_objective")}</th><th>{t("answer")}</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table></section>")
    return "".join(parts) + "</section>"


def column(n: int) -> str:
    """A spreadsheet column's letters (0 → A, 26 → AA)."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def tally_csv(catalog: Catalog, track: Track, lang: str) -> str:
    """The class tally of a track's pre/post test as CSV (see the module's docstring)."""
    assert track.pre_post is not None
    pp = assessments.forms(catalog, track, track.pre_post)
    pre, post = catalog.string(lang, "pre_test"), catalog.string(lang, "post_test")
    per = [(d, sum(1 for dd, _ in pp.pre if dd.ref == d.ref), sum(1 for dd, _ in pp.post if dd.ref == d.ref))
           for d in pp.draws]
    header = [string("tally_learner", lang)]
    for d, n_pre, n_post in per:
        text = d.objective.text[lang]
        header += [f"{pre} — {text} (0–{n_pre})", f"{post} — {text} (0–{n_post})"]
    header += [f"{pre} — {string('tally_all', lang)} (%)", f"{post} — {string('tally_all', lang)} (%)"]
    first, last = 2, LEARNER_ROWS + 1
    rows = [header] + [[str(n)] + [""] * (len(header) - 1) for n in range(1, LEARNER_ROWS + 1)]

    def rng(col: int) -> str:
        c = column(col)
        return f"{c}{first}:{c}{last}"

    mean = last + 3   # the group's rows: a blank one, then the counts, the means (this row) and the gains
    counts = [string("tally_count", lang)]
    means = [string("tally_mean", lang)]
    gains = [string("tally_gain", lang)]
    for k, (_, n_pre, n_post) in enumerate(per):
        for offset, n in ((1, n_pre), (2, n_post)):
            col = 2 * k + offset
            counts.append(f"=COUNT({rng(col)})")
            means.append(f"=100*SUM({rng(col)})/({n}*COUNT({rng(col)}))")
            gains.append(f"={column(col)}{mean}-{column(col - 1)}{mean}" if offset == 2 else "")
    for offset, idx in ((1, 1), (2, 2)):   # all objectives: the pre-test columns, then the post-test ones
        cols = [(2 * k + offset, n[idx]) for k, n in enumerate(per)]
        total = "+".join(f"SUM({rng(c)})" for c, _ in cols)
        room = "+".join(f"{n}*COUNT({rng(c)})" for c, n in cols)
        counts.append(f"=COUNT({rng(cols[0][0])})")
        means.append(f"=100*({total})/({room})")
        gains.append(f"={column(len(header) - 1)}{mean}-{column(len(header) - 2)}{mean}" if offset == 2 else "")
    rows += [[""] * len(header), counts, means, gains]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
