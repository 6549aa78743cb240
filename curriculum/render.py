"""Render catalog content as Markdown/HTML fragments for one language.

Pure functions of the catalog: the MkDocs plugin splices their output into
pages, and the exporters reuse them. Every text is escaped; nothing authored
in YAML can inject markup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from html import escape

from curriculum import bibliography as bib
from curriculum import localefmt, questions, reviews
from curriculum.model import SELF_CARE_PAGE, Catalog, Cite, Loc, Module, Question, Quiz, Reference, Text, Track
from curriculum.questions.base import Html, fnv1a

LEARNER, FACILITATOR = "learner", "facilitator"


def answer_hash(quiz_id: str, question: Question) -> str:
    """The self-check key of a question: a hash of its answer key (Question.answer_tokens).

    The learner edition carries no readable answer key; the script compares the
    hash of the learner's answer with this one.
    """
    return fnv1a(f"{quiz_id}|{question.id}|{','.join(question.answer_tokens)}")


def format_date(value: dt.date, lang: str) -> str:
    """A day for readers (localefmt.date: the locale's long form)."""
    return localefmt.date(value, lang)


def hours(minutes: int, lang: str) -> str:
    """Minutes as hours for readers (localefmt.hours: ``7.5``)."""
    return localefmt.hours(minutes, lang)


_SPAN = re.compile(r"&lt;span lang=&quot;(en|es)&quot;&gt;([^&<>]*(?:&(?!lt;/span&gt;)[^&<>]*)*)&lt;/span&gt;")


def text_html(text: str) -> str:
    """Escape an authored text; only ``<span lang="en|es">…</span>`` survives (WCAG 3.1.2 language of parts)."""
    return _SPAN.sub(r'<span lang="\1">\2</span>', escape(text))


def _raw(catalog: Catalog, lang: str, key: str, **values: object) -> str:
    text = catalog.string(lang, key)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _s(catalog: Catalog, lang: str, key: str, **values: object) -> str:
    """An interface string for an HTML context."""
    return escape(_raw(catalog, lang, key, **values))


def _m(catalog: Catalog, lang: str, key: str, **values: object) -> str:
    """An interface string for a Markdown context (headings, table cells, emphasis)."""
    return _md_escape(_raw(catalog, lang, key, **values))


# -- module page parts -------------------------------------------------------------------------------------


def content_note(catalog: Catalog, module: Module, lang: str) -> str:
    """The module's content note as an accessible note (not an alert), or ``""`` if it has none.

    One line on what the module covers (its own, or the standard one), that participants may step out, and a
    link to the self-care page. A link from a module page ``<folder>/index.html`` climbs the folder's depth.
    """
    note = module.content_note
    if note is None:
        return ""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    lead = text_html(note.text[lang]) if note.text is not None else s("content_note_standard")
    href = "../" * (module.folder.count("/") + 1) + f"{SELF_CARE_PAGE}.html"
    link = f'<a href="{escape(href)}">{s("self_care_title")}</a>'
    return (f'<div class="cur-content-note" role="note" aria-labelledby="content-note-label">'
            f'<p><strong id="content-note-label">{s("content_note")}.</strong> {lead} {s("content_note_step_out")} '
            f'{s("content_note_self_care", link="{link}").replace("{link}", link)}</p></div>')


def module_header(catalog: Catalog, module: Module, lang: str) -> str:
    """H1 title, content note, module facts, disclaimer and learning objectives (Markdown with HTML blocks)."""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    md = lambda key, **kw: _m(catalog, lang, key, **kw)  # noqa: E731
    audiences = ", ".join(s(f"audience_{a}") for a in module.audiences)
    facts = (
        f'<dl class="cur-facts">'
        f"<dt>{s('duration')}</dt><dd>{localefmt.integer(module.duration_minutes, lang)} {s('minutes_long')}</dd>"
        f"<dt>{s('audiences')}</dt><dd>{audiences}</dd>"
        f"<dt>{s('last_legal_review')}</dt><dd><time datetime=\"{module.last_legal_review.isoformat()}\">"
        f"{escape(format_date(module.last_legal_review, lang))}</time></dd>"
        f"{review_facts(catalog, module, lang)}"
        f"</dl>"
    )
    objectives = "".join(f'<li id="objective-{o.id}">{text_html(o.text[lang])}</li>' for o in module.objectives)
    return "\n\n".join([
        f"# {_md_escape(module.title[lang])}",
        *filter(None, [content_note(catalog, module, lang)]),
        f'<div class="cur-module-head">{facts}<p class="cur-disclaimer">{s("disclaimer")}</p></div>',
        f"## {md('objectives')} {{#objectives}}",
        f'<p>{s("objectives_intro")}</p>\n<ul class="cur-objectives">{objectives}</ul>',
    ]) + "\n\n"


def _time(value: dt.date, lang: str) -> str:
    return f'<time datetime="{value.isoformat()}">{escape(format_date(value, lang))}</time>'


def review_facts(catalog: Catalog, module: Module, lang: str) -> str:
    """The module's review ledger as ``<dt>``/``<dd>`` pairs of the facts list: each kind of review with the day
    it was done or "pending" (a required review the ledger omits is pending too), then the day its sources
    were last checked for currency (computed: curriculum.reviews.currency)."""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    items = []
    for kind, review in reviews.ledger(catalog, module):
        done = review.done if review is not None else None
        status = _time(done, lang) if done is not None else f'<span class="cur-pending">{s("review_pending")}</span>'
        items.append(f"<li>{escape(kind.label[lang])}: {status}</li>")
    out = f'<dt>{s("reviews")}</dt><dd><ul class="cur-reviews">{"".join(items)}</ul></dd>' if items else ""
    checked = reviews.currency(catalog, module)
    when = _time(checked, lang) if checked is not None else s("not_recorded")
    return out + f'<dt>{s("currency_checked")}</dt><dd>{when}</dd>'


def review_table(catalog: Catalog, lang: str, prefix: str) -> str:
    """The review status of every module (the ``<!-- curriculum:reviews -->`` marker): how many required reviews
    are done, a table of modules by kind of review with the currency date, and what each kind means."""
    md = lambda key, **kw: _m(catalog, lang, key, **kw)  # noqa: E731
    kinds = [k for k in catalog.review_kinds
             if k.required or any(r.kind == k.id for m in catalog.modules for r in m.reviews)]
    required = [k for k in kinds if k.required]
    total = len(required) * len(catalog.modules)
    todo = sum(len(reviews.missing(catalog, m)) for m in catalog.modules)
    out = [md("reviews_summary", done=total - todo, total=total, modules=len(catalog.modules)), ""]
    out.append(f"| {md('module')} | " + " | ".join(_md_escape(k.label[lang]) for k in kinds)
               + f" | {md('currency_checked')} |")
    out.append("|---|" + "---|" * (len(kinds) + 1))
    for m in catalog.modules:
        entries = {k.id: r for k, r in reviews.ledger(catalog, m)}
        cells = []
        for kind in kinds:
            review = entries.get(kind.id)
            if review is None or review.done is None:
                cell = f"*{md('review_pending')}*" if kind.required or review is not None else "—"
            else:
                cell = _md_escape(format_date(review.done, lang))
            if review is not None and review.by is not None:
                cell += " " + md("review_by", by=review.by[lang])
            if review is not None and review.note is not None:
                cell += f" — {_md_escape(review.note[lang])}"
            cells.append(cell)
        checked = reviews.currency(catalog, m)
        cells.append(_md_escape(format_date(checked, lang)) if checked is not None else md("not_recorded"))
        out.append(f"| [{_md_escape(m.title[lang])}]({prefix}{m.url_path}) | " + " | ".join(cells) + " |")
    described = "".join(f"<dt>{escape(k.label[lang])}</dt><dd>{text_html(k.description[lang])}</dd>"
                        for k in kinds if k.description is not None)
    if described:
        out += ["", f'<dl class="cur-review-kinds">{described}</dl>']
    return "\n".join(out) + "\n"


def sources_block(catalog: Catalog, module: Module, lang: str) -> str:
    """The module's references, in ``lang``: its ``sources`` (with their pinpoints), then what its quiz cites."""
    quiz = catalog.quiz_for(module)
    quiz_cites = [c for q in quiz.questions for c in q.source] if quiz else []
    items = []
    for ref, cites in bib.module_references(catalog, module.sources, quiz_cites):
        pins = "; ".join(c.at[lang] for c in cites if c.at is not None)
        pin = f' <span class="cur-pin">— {text_html(pins)}</span>' if pins else ""
        items.append(f'<li id="source-{ref.key}">{reference_html(catalog, ref, lang)}{pin}</li>')
    return f"## {_m(catalog, lang, 'sources')} {{#sources}}\n\n<ol class=\"cur-sources\">{''.join(items)}</ol>\n"


def reference_html(catalog: Catalog, ref: Reference, lang: str) -> str:
    """One full reference as HTML (bibliography.reference_parts, the formatter every view shares)."""
    out = []
    for kind, value in bib.reference_parts(catalog, ref, lang):
        if kind == "title":
            out.append(f"<cite>{text_html(value)}</cite>")
        elif kind == "quoted":
            out.append(f"“{text_html(value)}”")
        elif kind == "url":
            out.append(f'<a href="{escape(value)}" rel="noopener noreferrer">{escape(value)}</a>')
        else:
            out.append(text_html(value))
    return "".join(out)


def cite_html(catalog: Catalog, cites: tuple[Cite, ...], lang: str, href: str) -> str:
    """Citations as links to their entries: ``href`` + ``<key>`` (``#source-`` on a module page)."""
    links = []
    for cite in cites:
        label = text_html(bib.cite_label(catalog, cite, lang))
        links.append(f'<a href="{href}{cite.key}">{label}</a>' if cite.key in catalog.bibliography else label)
    return "; ".join(links)


BIBLIOGRAPHY_GROUPS = (("bib_law", ("statute", "regulation", "treaty")), ("bib_cases", ("case",)),
                       ("bib_works", ("article", "report", "book")), ("bib_web", ("web", "news", "other")))


def bibliography_sections(catalog: Catalog) -> list[tuple[str, list[Reference]]]:
    """The bibliography page's sections that have entries: ``(heading key, entries)``; the anchor is
    the heading key with ``-`` (``bib-law``)."""
    sections = []
    for heading, kinds in BIBLIOGRAPHY_GROUPS:
        refs = [r for r in catalog.bibliography.entries if r.type in kinds]
        if refs:
            sections.append((heading, refs))
    return sections


def bibliography_page(catalog: Catalog, lang: str) -> str:
    """Every entry of the registry, grouped by kind, each with its anchor ``ref-<key>`` and checked date."""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    out = []
    for heading, refs in bibliography_sections(catalog):
        refs = sorted(refs, key=lambda r: _sort_key(bib.reference_text(catalog, r, lang)))
        items = []
        for ref in refs:
            checked = ""
            if ref.checked is not None:
                when = f'<time datetime="{ref.checked.isoformat()}">{escape(format_date(ref.checked, lang))}</time>'
                checked = s("checked_on", date="{date}").replace("{date}", when)
                checked = f' <span class="cur-checked">({checked})</span>'
            items.append(f'<li id="ref-{ref.key}">{reference_html(catalog, ref, lang)}{checked}</li>')
        out.append(f"## {_m(catalog, lang, heading)} {{#{heading.replace('_', '-')}}}\n\n"
                   f'<ul class="cur-bibliography">{"".join(items)}</ul>')
    return "\n\n".join(out) + "\n"


def _sort_key(text: str) -> str:
    import unicodedata

    text = re.sub(r'</?span(?: lang="(?:en|es)")?>', "", text)  # the language spans (WCAG 3.1.2) do not sort
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum() or c == " ")


def quiz_block(catalog: Catalog, quiz: Quiz, lang: str, edition: str = LEARNER) -> str:
    """The quiz as an accessible, script-enhanced form (Markdown heading + HTML block)."""
    return quiz_heading(quiz, lang).replace(QUIZ_SLOT, quiz_html(catalog, quiz, lang, edition))


QUIZ_SLOT = "<!-- curriculum:quiz-slot -->"


def quiz_heading(quiz: Quiz, lang: str) -> str:
    """The quiz's Markdown heading (in the page's table of contents) followed by the slot for its form."""
    return f"## {_md_escape(quiz.title[lang])} {{#quiz}}\n\n{QUIZ_SLOT}\n"


QUIZ_STRINGS = ("correct", "incorrect", "score", "passed", "not_passed", "unanswered", "moved", "item_right",
                "item_wrong", "count_pairs", "count_positions", "count_choices")
"""The interface strings quiz.js writes (sent with each quiz in the page's language)."""


def quiz_html(catalog: Catalog, quiz: Quiz, lang: str, edition: str = LEARNER) -> str:
    """The quiz form as HTML, kept out of the search index (its explanations would give answers away)."""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    strings = {k: catalog.string(lang, k) for k in QUIZ_STRINGS}
    strings["percent"] = localefmt.percent_template(lang)  # the score's percentage, as the page writes one
    questions = "".join(_question(catalog, quiz, q, n, lang, edition) for n, q in enumerate(quiz.self_check, 1))
    total = len(quiz.self_check)
    return (
        f'<div class="cur-quiz" data-search-exclude data-quiz="{quiz.id}" data-pass="{quiz.pass_mark}" '
        f'data-total="{total}" '
        f'{"data-facilitator " if edition == FACILITATOR else ""}'
        f"data-strings='{escape(json.dumps(strings, ensure_ascii=False), quote=True)}'>"
        f'<p class="cur-quiz-note">{s("quiz_self_check")} '
        f'<strong>{s("pass_mark", percent=localefmt.percent(quiz.pass_mark, lang))}</strong></p>'
        f'<form class="cur-quiz-form" novalidate>'
        f'<div class="cur-print-fields"><span>{s("worksheet_name")}:</span><span>{s("worksheet_date")}:</span></div>'
        f"{questions}"
        f'<div class="cur-actions"><button type="submit" class="md-button md-button--primary cur-check">'
        f'{s("check_answers")}</button> <button type="button" class="md-button cur-retry" hidden>'
        f'{s("try_again")}</button></div>'
        f'<p class="cur-score" role="status" aria-live="polite" tabindex="-1"></p>'
        f"</form></div>\n"
    )


def _question(catalog: Catalog, quiz: Quiz, q: Question, number: int, lang: str, edition: str,
              source_href: str = "#source-", attrs: str = "") -> str:
    """One question: the parts every type shares around the answer area its type renders."""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    k = questions.kind(q)
    h = Html(catalog, quiz, lang, edition == FACILITATOR, text_html, s)
    qid = h.qid(q)
    after_hidden = "" if edition == FACILITATOR else " hidden"
    return (
        f'<fieldset class="cur-q" id="q-{qid}" data-q="{q.id}" data-type="{q.type}" '
        f'data-key="{answer_hash(quiz.id, q)}" aria-describedby="hint-{qid}"{attrs}>'
        f'<legend><span class="cur-q-num">{s("question")} {number}.</span> {text_html(q.prompt[lang])}</legend>'
        f'<p class="cur-hint" id="hint-{qid}">{s(k.hint)}</p>'
        f"{k.body_html(h, q)}"
        f'<p class="cur-result"></p>'
        f'<div class="cur-after"{after_hidden}>{k.feedback_html(h, q)}'
        f'<p class="cur-expl"><strong>{s("explanation")}.</strong> {text_html(q.explanation[lang])}</p>'
        f'<p class="cur-src"><strong>{s("source")}:</strong> <cite>{cite_html(catalog, q.source, lang, source_href)}'
        f"</cite></p></div></fieldset>"
    )


# -- generated pages ---------------------------------------------------------------------------------------


def track_page(catalog: Catalog, track: Track, lang: str, prefix: str) -> str:
    """A track's landing page: title, description and timed agenda (totals computed from the modules)."""
    md = lambda key, **kw: _m(catalog, lang, key, **kw)  # noqa: E731
    head = [f"# {_md_escape(track.title[lang])}", "", _md_escape(track.description[lang]), "",
            f"## {md('agenda')} {{#agenda}}", ""]
    rows = [f"| # | {md('module')} | {md('minutes_long').capitalize()} |", "|---|---|---:|"]
    number = 0
    for item in track.agenda:
        if item.module_id is None:
            rows.append(f"| | *{md('break')}* | {localefmt.integer(item.break_minutes, lang)} |")
            continue
        module = catalog.module(item.module_id)
        if module is None:
            continue
        number += 1
        rows.append(f"| {number} | [{_md_escape(module.title[lang])}]({prefix}{module.url_path}) | "
                    f"{localefmt.integer(module.duration_minutes, lang)} |")
    teach, rest = catalog.track_minutes(track)
    n = lambda minutes: localefmt.integer(minutes, lang)  # noqa: E731
    totals = [
        f"| | **{md('total_instruction')}** | **{n(teach)}** ({hours(teach, lang)} {md('hours')}) |",
        f"| | {md('total_breaks')} | {n(rest)} |",
        f"| | {md('total_time')} | {n(teach + rest)} ({hours(teach + rest, lang)} {md('hours')}) |",
    ]
    return ("\n".join(head + rows + totals) + "\n\n" + assessment_links(catalog, track, lang, prefix)
            + progress_block(catalog, track, lang, prefix))


def materials_version(catalog: Catalog, track: Track) -> str:
    """A short fingerprint of what a track teaches and assesses, printed on certificates."""
    parts = []
    for item in track.agenda:
        module = catalog.module(item.module_id or "")
        if module is None:
            continue
        quiz = catalog.quiz_for(module)
        questions = [(q.id, q.correct_ids) for q in quiz.self_check] if quiz else []
        parts.append([module.id, module.duration_minutes, module.last_legal_review.isoformat(), questions])
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


_PROGRESS_STRINGS = (
    "status_passed", "status_not_passed", "status_not_started", "progress_summary", "certificate_ready",
    "certificate_locked", "cert_body",
)


def progress_block(catalog: Catalog, track: Track, lang: str, prefix: str) -> str:
    """Course progress from the browser's saved quiz results, and a printable certificate."""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    md = lambda key, **kw: _m(catalog, lang, key, **kw)  # noqa: E731
    modules = [m for i in track.agenda if (m := catalog.module(i.module_id or ""))]
    teach, _ = catalog.track_minutes(track)
    strings = {k: catalog.string(lang, k) for k in _PROGRESS_STRINGS}
    strings.update(localefmt.browser_formats(lang))  # percentages and dates written as the pages write them
    items = "".join(
        f'<li data-quiz="{m.quiz_id}" data-minutes="{m.duration_minutes}"><a href="{prefix}{m.folder}/index.html">'
        f'{escape(m.title[lang])}</a> — <span class="cur-status">{s("status_not_started")}</span></li>'
        for m in modules)
    rows = "".join(
        f'<tr data-quiz="{m.quiz_id}"><td>{escape(m.title[lang])}</td>'
        f'<td>{localefmt.integer(m.duration_minutes, lang)}</td>'
        f'<td class="cur-cert-score"></td><td class="cur-cert-date"></td></tr>' for m in modules)
    fields = "".join(
        f'<p><label for="cur-{name}">{s(key)}</label><br><input id="cur-{name}" name="{name}" type="text" '
        f'autocomplete="{auto}"{" required" if name == "name" else ""}></p>'
        for name, key, auto in (("name", "learner_name", "name"), ("learner-id", "learner_id", "off"),
                                ("org", "organisation", "organization"), ("place", "location", "off")))
    return (
        f"## {md('progress')} {{#progress}}\n\n"
        f'<div class="cur-progress" data-track="{track.id}" data-lang="{lang}" '
        f"data-strings='{escape(json.dumps(strings, ensure_ascii=False), quote=True)}'>"
        f'<p class="cur-progress-note">{s("progress_note")}</p>'
        f'<ol class="cur-progress-list">{items}</ol>'
        f'<p class="cur-progress-summary" role="status" aria-live="polite"></p>'
        f'<p class="cur-cert-locked">{s("certificate_locked")}</p>'
        f'<div class="cur-cert-panel" hidden><h3 id="certificate">{s("certificate")}</h3>'
        f'<p>{s("certificate_ready")}</p><form class="cur-cert-form">{fields}'
        f'<p><button type="submit" class="md-button md-button--primary">{s("print_certificate")}</button></p></form>'
        f'<article class="cur-cert" aria-labelledby="cur-cert-title">'
        f'<h3 id="cur-cert-title" class="cur-cert-title">{s("cert_title")}</h3>'
        f'<p class="cur-cert-body"></p>'
        f'<dl class="cur-cert-facts"><dt>{s("cert_track")}</dt><dd>{escape(track.title[lang])}</dd>'
        f'<dt>{s("learner_id")}</dt><dd class="cur-cert-learner-id"></dd>'
        f'<dt>{s("organisation")}</dt><dd class="cur-cert-org"></dd>'
        f'<dt>{s("location")}</dt><dd class="cur-cert-place"></dd>'
        f'<dt>{s("cert_completed_on")}</dt><dd class="cur-cert-completed"></dd>'
        f'<dt>{s("cert_version")}</dt><dd>{materials_version(catalog, track)}</dd></dl>'
        f'<table class="cur-cert-modules"><caption>{s("cert_modules")}</caption><thead><tr>'
        f'<th scope="col">{s("module")}</th><th scope="col">{s("minutes_long")}</th>'
        f'<th scope="col">{s("cert_score")}</th><th scope="col">{s("cert_date_passed")}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f'<p>{s("cert_instruction", minutes=localefmt.integer(teach, lang), hours=hours(teach, lang))}</p>'
        f'<p class="cur-cert-honesty">{s("cert_honesty")}</p>'
        f'<p class="cur-sign">{s("cert_sign_learner")}</p><p class="cur-sign">{s("cert_sign_provider")}</p>'
        f"</article></div></div>\n"
    )


def policy_table(catalog: Catalog, lang: str, prefix: str) -> str:
    """Each policy recommendation with the modules and exercises that serve it."""
    md = lambda key, **kw: _m(catalog, lang, key, **kw)  # noqa: E731
    out = []
    for rec in catalog.recommendations:
        modules = [m for m in catalog.modules if rec.number in m.recommendations]
        exercises = [(m, e) for m in catalog.modules for e in m.exercises if rec.number in e.recommendations]
        out.append(f"## {md('recommendation')} {rec.number} {{#recommendation-{rec.number}}}\n")
        out.append(f"> {_md_escape(rec.text[lang])}\n")
        out.append(f"**{md('served_by')}:**\n")
        out += [f"- [{_md_escape(m.title[lang])}]({prefix}{m.url_path})" for m in modules] or [f"- {md('none_yet')}"]
        out.append(f"\n**{md('exercises')}:**\n")
        out += [f"- [{_md_escape(e.title[lang])}]({prefix}{m.url_path}#{e.id}) "
                f"({localefmt.integer(e.minutes, lang)} {md('minutes')})"
                for m, e in exercises] or [f"- {md('none_yet')}"]
        out.append("")
    return "\n".join(out) + "\n"


def module_list(catalog: Catalog, lang: str, prefix: str) -> str:
    md = lambda key, **kw: _m(catalog, lang, key, **kw)  # noqa: E731
    rows = [f"| # | {md('module')} | {md('minutes_long').capitalize()} |", "|---:|---|---:|"]
    rows += [f"| {n} | [{_md_escape(m.title[lang])}]({prefix}{m.url_path}) — {_md_escape(m.summary[lang])} | "
             f"{localefmt.integer(m.duration_minutes, lang)} |" for n, m in enumerate(catalog.modules, 1)]
    return "\n".join(rows) + "\n"


def glossary(catalog: Catalog, lang: str, prefix: str = "") -> str:
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    other = "es" if lang == "en" else "en"
    out = []
    for t in sorted(catalog.terms, key=lambda t: t.term[lang].lower()):
        parts = [f'<dt id="term-{t.id}"><dfn>{escape(t.term[lang])}</dfn> — '
                 f'<span lang="{other}">{escape(t.term[other])}</span></dt>',
                 f"<dd><p>{text_html(t.definition[lang])}</p>"]
        if t.us:
            parts.append(f"<p><strong>{s('us_usage')}:</strong> {text_html(t.us[lang])}</p>")
        if t.mx:
            parts.append(f"<p><strong>{s('mx_usage')}:</strong> {text_html(t.mx[lang])}</p>")
        if t.false_friend:
            parts.append(f'<p class="cur-false-friend"><strong>⚠ {s("false_friend")}:</strong> '
                         f"{text_html(t.false_friend[lang])}</p>")
        sources = cite_html(catalog, t.source, lang, f"{prefix}reference/bibliography.html#ref-")
        parts.append(f'<p class="cur-src"><strong>{s("source")}:</strong> <cite>{sources}</cite></p></dd>')
        out.append("".join(parts))
    avoid = "".join(
        f'<tr><td lang="{a.lang}">{escape(a.phrase)}</td><td>{escape(a.use_instead[lang])}</td>'
        f"<td>{escape(a.reason[lang])}</td></tr>" for a in catalog.avoid)
    return (f'<dl class="cur-glossary">{"".join(out)}</dl>\n\n'
            f'<p id="avoid">{s("avoid_intro")}</p>\n\n<table class="cur-avoid"><thead><tr><th>{s("avoid_phrase")}'
            f'</th><th>{s("use_instead")}</th><th>{s("why")}</th></tr></thead><tbody>{avoid}</tbody></table>\n')


GENERATED = re.compile(
    r"<!--\s*curriculum:(modules|policy|glossary|bibliography|reviews|track)(?:\s+([a-z0-9-]+))?\s*-->")
"""Markers in pages that the generator replaces with content computed from the catalog."""


def expand_generated(catalog: Catalog, markdown: str, lang: str, prefix: str) -> str:
    """Replace every ``<!-- curriculum:... -->`` marker; an unknown track raises ``LookupError``."""

    def fill(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2)
        if kind == "modules":
            return module_list(catalog, lang, prefix)
        if kind == "policy":
            return policy_table(catalog, lang, prefix)
        if kind == "glossary":
            return glossary(catalog, lang, prefix)
        if kind == "bibliography":
            return bibliography_page(catalog, lang)
        if kind == "reviews":
            return review_table(catalog, lang, prefix)
        track = catalog.track(arg or "")
        if track is None:
            raise LookupError(f"marker `<!-- curriculum:track {arg} -->` names no track in tracks/")
        return track_page(catalog, track, lang, prefix)

    return inline_citations(catalog, GENERATED.sub(fill, markdown), lang, prefix)


def inline_citations(catalog: Catalog, markdown: str, lang: str, prefix: str) -> str:
    """Replace every ``[@key, pinpoint]`` of a page with a link to the entry on the bibliography page."""
    from curriculum.schema import CITE_RE, split_cites

    masked = bib._mask_code(markdown)
    out, last = [], 0
    for match in bib.INLINE.finditer(masked):
        cites = []
        for part in split_cites(match.group(1)):
            found = CITE_RE.fullmatch(part.strip())
            if found is None:
                break
            pin = (found.group(2) or "").strip()
            cites.append(Cite(found.group(1), Text(pin, pin) if pin else None, Loc("", 1, 1)))
        else:
            links = "; ".join(
                f"[{_md_label(bib.cite_label(catalog, c, lang))}]({prefix}reference/bibliography.md#ref-{c.key})"
                if c.key in catalog.bibliography else _md_label(bib.cite_label(catalog, c, lang)) for c in cites)
            out += [markdown[last:match.start()], f"({links})"]
            last = match.end()
    return "".join(out) + markdown[last:]


def _md_escape(text: str) -> str:
    """Escape characters Markdown would otherwise interpret in a heading, link text or table cell."""
    for ch in "\\`*_[]{}|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _md_label(text: str) -> str:
    """A citation label in Markdown link text: escaped, its language spans (bibliography.in_language) kept."""
    return re.sub(r'&lt;span lang="(en|es)"&gt;(.*?)&lt;/span&gt;', r'<span lang="\1">\2</span>', _md_escape(text))


# -- assessments: a track's exam and its matched pre-test and post-test -------------------------------------

ASSESSMENT_SLOT = "<!-- curriculum:assessment-slot -->"
ASSESSMENT_STRINGS = (*QUIZ_STRINGS, "correct_answer", "passed", "not_passed", "exam_submit_anyway", "exam_time_left",
                      "exam_time_warning", "exam_time_up", "exam_started", "exam_submitted", "exam_result",
                      "exam_attempts_used", "exam_attempts_used_unlimited", "exam_no_attempts_left",
                      "exam_answers_hidden", "exam_answers_later", "exam_seed", "pre_post_take_pre_first",
                      "pre_post_done", "pre_post_not_taken", "question")
"""The interface strings assessment.js writes (with the quiz's, whose answer handlers it shares)."""


def assessment_forms(track: Track) -> list[str]:
    """The assessment pages a track has, in the order a learner meets them: ``pre``, ``exam``, ``post``."""
    out = ["pre"] if track.pre_post is not None else []
    out += ["exam"] if track.exam is not None else []
    return out + (["post"] if track.pre_post is not None else [])


def assessment_doc(track_id: str, form: str) -> str:
    """The docs-relative path of an assessment page (``tracks/<id>/exam.md``); the plugin generates it."""
    from curriculum.assessments import PAGES

    return f"tracks/{track_id}/{PAGES[form][1]}.md"


def assessment_title(catalog: Catalog, track: Track, form: str, lang: str) -> str:
    if form == "exam" and track.exam is not None:
        return track.exam.title[lang]
    assert track.pre_post is not None
    return f"{catalog.string(lang, 'pre_test' if form == 'pre' else 'post_test')}: {track.pre_post.title[lang]}"


def assessment_links(catalog: Catalog, track: Track, lang: str, prefix: str) -> str:
    """The track page's list of its assessments (pre-test, exam, post-test), linked to their generated pages."""
    forms = assessment_forms(track)
    if not forms:
        return ""
    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    items = []
    for form in forms:
        href = prefix + assessment_doc(track.id, form).removesuffix(".md") + ".html"
        what = {"pre": s("assessment_link_pre"), "post": s("assessment_link_post")}.get(form) or s(
            "assessment_link_exam", percent=localefmt.percent(track.exam.pass_mark or 0, lang) if track.exam else "")
        items.append(f'<li><a href="{escape(href)}">{escape(assessment_title(catalog, track, form, lang))}</a> — '
                     f"{what}</li>")
    return (f"## {_m(catalog, lang, 'assessments')} {{#assessments}}\n\n"
            f'<ul class="cur-assessment-links">{"".join(items)}</ul>\n\n')


def assessment_markdown(catalog: Catalog, track: Track, form: str, lang: str) -> str:
    """The Markdown of a generated assessment page: its title, what it is for, and the slot for its form."""
    intro = {"exam": "exam_intro", "pre": "pre_test_intro", "post": "post_test_intro"}[form]
    return (f"# {_md_escape(assessment_title(catalog, track, form, lang))}\n\n"
            f"{_md_escape(catalog.string(lang, intro))}\n\n{ASSESSMENT_SLOT}\n")


def assessment_html(catalog: Catalog, track: Track, form: str, lang: str, edition: str = LEARNER) -> str:
    """The assessment's form: every question it may ask, the rules, a timer and the result panel.

    An exam page holds every question of its pools (hidden); assessment.js draws the attempt's questions with
    its seed (curriculum.assessments.exam_draw, mirrored) and shows them in the attempt's order. A pre-test or
    post-test page holds its fixed form.
    """
    from curriculum import assessments

    s = lambda key, **kw: _s(catalog, lang, key, **kw)  # noqa: E731
    a = track.exam if form == "exam" else track.pre_post
    assert a is not None
    exam = form == "exam"
    prefix = "../../"  # tracks/<id>/<page>.html
    if exam:
        drawn = assessments.draws(catalog, track, a)
        items = [(d, item) for d in drawn for item in d.pool]
        count = sum(d.count for d in drawn)
    else:
        pp = assessments.forms(catalog, track, a)
        drawn, items = pp.draws, list(pp.form(form))
        count = len(items)
    hidden = " hidden" if exam and edition != FACILITATOR else ""
    fieldsets = []
    for n, (d, item) in enumerate(items, 1):
        attrs = (f' data-item="{item.id}" data-quiz="{item.quiz.id}" data-objective="{d.ref}"{hidden}')
        fieldsets.append(_question(catalog, item.quiz, item.question, n, lang, edition,
                                   source_href=f"{prefix}{d.module.folder}/index.html#source-", attrs=attrs))
    rules = []
    if exam:
        rules.append(s("exam_rules_questions", count=localefmt.integer(count, lang),
                       percent=localefmt.percent(a.pass_mark or 0, lang)))
        rules.append(s("exam_rules_attempts", count=localefmt.integer(a.attempts, lang)) if a.attempts
                     else s("exam_rules_unlimited"))
        rules.append(s("exam_rules_time", minutes=localefmt.integer(a.time_limit_minutes, lang))
                     if a.time_limit_minutes else s("exam_rules_no_time"))
    rules.append(s({"after-submission": "exam_rules_answers_after_submission", "never": "exam_rules_answers_never",
                    "after-last-attempt": "exam_rules_answers_after_last_attempt"}[a.show_answers]))
    strings = {k: catalog.string(lang, k) for k in ASSESSMENT_STRINGS}
    strings.update(localefmt.browser_formats(lang))
    objectives = {d.ref: d.objective.text[lang] for d in drawn}
    draw = [[d.ref, d.count] for d in drawn]
    data = {"form": form, "track": track.id, "pass": a.pass_mark or 0, "attempts": a.attempts or 0,
            "time": a.time_limit_minutes or 0, "show": a.show_answers}
    attrs = " ".join(f'data-{k}="{escape(str(v))}"' for k, v in data.items())

    def js(value: object) -> str:
        return escape(json.dumps(value, ensure_ascii=False), quote=True)

    gain = ""
    if not exam:
        gain = (f'<table class="cur-gain" hidden><caption>{s("pre_post_gain")}</caption><thead><tr>'
                f'<th scope="col">{s("exam_objective")}</th><th scope="col">{s("pre_post_pre")}</th>'
                f'<th scope="col">{s("pre_post_post")}</th><th scope="col">{s("pre_post_gain_points")}</th></tr>'
                f'</thead><tbody></tbody></table><p class="cur-gain-note"></p>')
    facilitator = edition == FACILITATOR  # the pools with their keys, to read: nothing to take
    start = (f'<p><button type="button" class="md-button md-button--primary cur-start">{s("exam_start")}</button>'
             "</p>" if exam and not facilitator else "")
    actions = "" if facilitator else (
        f'<div class="cur-actions"><button type="submit" class="md-button md-button--primary cur-submit">'
        f'{s("exam_submit")}</button></div><p class="cur-score" role="status" aria-live="polite" tabindex="-1"></p>')
    panel = "" if facilitator else (
        f'<section class="cur-assess-result" aria-labelledby="cur-result-title" tabindex="-1" hidden>'
        f'<h2 id="cur-result-title"></h2><p class="cur-result-score"></p>'
        f'<table class="cur-by-objective"><caption>{s("exam_by_objective")}</caption><thead><tr>'
        f'<th scope="col">{s("exam_objective")}</th><th scope="col">{s("exam_right")}</th></tr></thead>'
        f"<tbody></tbody></table>{gain}"
        f'<p class="cur-answers-note"></p><p class="cur-result-code"></p><p class="cur-attempts-left"></p>'
        f'<p><button type="button" class="md-button cur-retry" hidden>{s("exam_retry")}</button></p></section>')
    return (
        f'<div class="cur-assess" data-search-exclude {attrs} '
        f'{"data-facilitator " if edition == FACILITATOR else ""}'
        f"data-draw='{js(draw)}' data-objectives='{js(objectives)}' data-strings='{js(strings)}'>"
        f'<div class="cur-assess-intro"><ul class="cur-rules">{"".join(f"<li>{r}</li>" for r in rules)}</ul>'
        f'<p class="cur-integrity">{s("exam_integrity") if exam else s("pre_post_note")}</p>'
        f'<p class="cur-attempts"></p>{start}</div>'
        f'<p class="cur-announce cur-sr" aria-live="polite"></p>'
        f'<form class="cur-assess-form" novalidate{" hidden" if exam and not facilitator else ""}>'
        f'<p class="cur-timer" role="timer" aria-live="off" hidden></p>'
        f'<div class="cur-questions">{"".join(fieldsets)}</div>{actions}</form>{panel}'
        f"</div>\n"
    )
