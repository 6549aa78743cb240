"""The registry of diagnostic codes.

Codes are stable: a number is never reused or renumbered. The hundreds digit
names the area:

* ``CUR0xx`` reading and parsing a source file
* ``CUR1xx`` schema: keys, types and values
* ``CUR2xx`` identity and cross-references
* ``CUR3xx`` English/Spanish parity
* ``CUR4xx`` quiz logic
* ``CUR5xx`` exports (what a format cannot express)
* ``CUR6xx`` terminology
* ``CUR7xx`` curriculum coverage
* ``CUR8xx`` sources and references: the bibliography (``bibliography/sources.yml``) and citations by key

``docs/diagnostics.md`` is generated from this table (``curriculum codes --markdown``)
and a test keeps it in sync.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """A documented diagnostic code."""

    code: str
    name: str
    severity: str
    summary: str
    why: str
    bad: str
    good: str


def _c(code: str, name: str, summary: str, why: str, bad: str, good: str, severity: str = "error") -> Code:
    return Code(code, name, severity, summary, why, bad.strip("\n"), good.strip("\n"))


_ALL = [
    _c(
        "CUR001", "yaml-syntax",
        "The file is not valid YAML.",
        "Nothing in the file can be read; the message names the line and column where the parser gave up.",
        "title:\n  en: Check: the law   # an unquoted ': ' inside a value",
        'title:\n  en: "Check: the law"',
    ),
    _c(
        "CUR002", "unreadable-file",
        "The file cannot be read as UTF-8 text (binary data, wrong encoding, or not a file).",
        "Sources must be plain UTF-8 so that every editor and both build languages see the same text.",
        "(a file saved as Latin-1 or UTF-16, or a binary file named *.yml)",
        "(the same file saved as UTF-8; a byte-order mark is tolerated)",
    ),
    _c(
        "CUR003", "duplicate-key",
        "A mapping states the same key twice.",
        "YAML silently keeps the last value, so one of the two statements is lost without a word.",
        "id: legal-framework\nid: us-law",
        "id: legal-framework",
    ),
    _c(
        "CUR004", "yaml-too-complex",
        "The document is too large, too deeply nested or expands aliases too far.",
        "A small file that expands into millions of nodes (a 'billion laughs' document) would hang the "
        "build; sources are bounded instead.",
        'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
        "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on",
        "(write each value out; curriculum sources need no anchors)",
    ),
    _c(
        "CUR005", "page-too-large",
        "A page is larger than 2,000,000 bytes, or nests lists or quotations too deeply to render.",
        "Sources are bounded so that no page can exhaust memory or Python-Markdown's recursion limit; "
        "a real lesson is a few tens of kilobytes and nests a few levels.",
        "(a page of 20 MB, or a list nested 250 levels deep)",
        "(split the page; keep lists to a few levels)",
    ),
    _c(
        "CUR101", "unknown-key",
        "A key is not part of the format; the message suggests the closest known key.",
        "A misspelt key is otherwise ignored and its content silently lost.",
        "questions:\n  - id: q1\n    promt: {en: ..., es: ...}",
        "questions:\n  - id: q1\n    prompt: {en: ..., es: ...}",
    ),
    _c(
        "CUR102", "wrong-type",
        "A value has the wrong type (for example a list where a text is expected).",
        "The generator cannot guess what was meant.",
        "duration_minutes: ninety",
        "duration_minutes: 90",
    ),
    _c(
        "CUR103", "missing-key",
        "A required key is absent.",
        "Every module, quiz and question needs its required fields to render and to be checked.",
        "- id: q1\n  type: single\n  prompt: {en: ..., es: ...}\n  # no explanation, no source",
        "- id: q1\n  type: single\n  prompt: {en: ..., es: ...}\n  explanation: {en: ..., es: ...}\n"
        "  source: 18 U.S.C. § 1591",
    ),
    _c(
        "CUR104", "invalid-value",
        "A value has the right type but is not allowed (unknown question type, id format, out of range).",
        "Out-of-range values produce pages that are wrong in ways no reader can see.",
        "type: single-choice\npass_mark: 180",
        "type: single\npass_mark: 80",
    ),
    _c(
        "CUR201", "duplicate-id",
        "Two items share an id where ids must be unique.",
        "Saved progress, links and translations are keyed by id; a duplicate makes two things one.",
        "choices:\n  - id: a\n    text: {en: ..., es: ...}\n  - id: a\n    text: {en: ..., es: ...}",
        "choices:\n  - id: a\n    text: {en: ..., es: ...}\n  - id: b\n    text: {en: ..., es: ...}",
    ),
    _c(
        "CUR202", "quiz-not-found",
        "A module names a quiz that has no file in quizzes/.",
        "The module page would be published without its assessment.",
        "# modules/us-law/module.yml\nquiz: us-laws",
        "# modules/us-law/module.yml\nquiz: us-law     # quizzes/us-law.yml exists",
    ),
    _c(
        "CUR203", "quiz-unused",
        "A quiz file is used by no module.",
        "An orphaned quiz is never published; it is usually a renamed or forgotten module.",
        "# quizzes/old-draft.yml exists, no module.yml says quiz: old-draft",
        "# delete the file, or name it in a module: quiz: old-draft",
    ),
    _c(
        "CUR204", "unknown-objective",
        "A question names an objective its module does not define.",
        "Every question must assess a stated learning objective of its module.",
        "objective: palermo-element   # module defines palermo-elements",
        "objective: palermo-elements",
    ),
    _c(
        "CUR205", "objective-not-assessed",
        "A learning objective of a module is assessed by no question of its quiz.",
        "An objective nobody checks is a promise the course does not keep.",
        "objectives:\n  - id: name-the-hotlines   # no question has objective: name-the-hotlines",
        "questions:\n  - id: which-hotline\n    objective: name-the-hotlines\n    ...",
    ),
    _c(
        "CUR206", "id-mismatch",
        "An id does not match its file or folder name.",
        "The file name is how authors find things; the id is how the site links them. They must agree.",
        "# modules/us-law/module.yml\nid: united-states-law",
        "# modules/us-law/module.yml\nid: us-law",
    ),
    _c(
        "CUR207", "quiz-shared",
        "Two modules name the same quiz.",
        "Objectives are per module, so a quiz can only assess one module.",
        "# modules/a/module.yml: quiz: shared\n# modules/b/module.yml: quiz: shared",
        "# give each module its own quiz file",
    ),
    _c(
        "CUR208", "unknown-reference",
        "A reference names something that does not exist (a module in a track, a recommendation number).",
        "The agenda or policy page would point at nothing.",
        "agenda:\n  - module: indicator",
        "agenda:\n  - module: indicators",
    ),
    _c(
        "CUR209", "draw-outside-track",
        "A track's assessment draws from (or leaves out) an objective of a module that is not in the track's "
        "agenda, or of no module at all.",
        "An exam or pre/post test may only ask what the track teaches: a question from another module would test "
        "learners on material they never had.",
        "# tracks/ngo-volunteers.yml (no us-law in its agenda)\nassessments:\n  exam:\n    draw:\n"
        "      - {objective: us-law/select-federal-statute, count: 1}",
        "assessments:\n  exam:\n    draw:\n      - {objective: legal-framework/palermo-elements, count: 1}",
    ),
    _c(
        "CUR210", "unknown-draw-objective",
        "A draw names an objective its module does not define, or is not written `<module>/<objective>`.",
        "A pool is the questions assessing one objective of one module; an objective that does not exist has no "
        "pool.",
        "draw:\n  - {objective: legal-framework/palermo-element, count: 1}",
        "draw:\n  - {objective: legal-framework/palermo-elements, count: 1}",
    ),
    _c(
        "CUR301", "missing-translation",
        "A text is missing (or empty) in one of the languages.",
        "Readers on one side of the border would see a blank or the other language.",
        "prompt:\n  en: Which statute applies?",
        "prompt:\n  en: Which statute applies?\n  es: ¿Qué ley es aplicable?",
    ),
    _c(
        "CUR302", "missing-page",
        "A module folder lacks its English or Spanish page.",
        "Each module is taught in both languages; a missing page would silently fall back to the other.",
        "modules/us-law/index.en.md   (no index.es.md)",
        "modules/us-law/index.en.md\nmodules/us-law/index.es.md",
    ),
    _c(
        "CUR303", "missing-exercise-anchor",
        "An exercise listed in module.yml has no heading anchor in one language's page.",
        "The policy page links each exercise; the link would break in that language.",
        "## Joint exercise: Sorting cases",
        "## Joint exercise: Sorting cases {#ex-definitions-sort}",
    ),
    _c(
        "CUR304", "locale-keys-differ",
        "The interface-string files of the languages do not have the same keys.",
        "A button or label would be missing in one language.",
        "# locales/en.yml: check: Check answers\n# locales/es.yml: (no check key)",
        "# locales/es.yml: check: Comprobar respuestas",
    ),
    _c(
        "CUR305", "page-has-title",
        "A module page writes its own H1 title.",
        "The title is stated once, in module.yml, and the generator writes it in each language.",
        "# The legal framework\n\n## Definitions",
        "## Definitions",
    ),
    _c(
        "CUR306", "unbalanced-marker",
        "A `<!-- facilitator -->` or `<!-- verbatim -->` region is not closed, or closed without being opened.",
        "An unclosed facilitator region would drop the rest of the page from the learner edition.",
        "<!-- facilitator -->\n## Facilitator notes\n...   (no closing marker)",
        "<!-- facilitator -->\n## Facilitator notes\n...\n<!-- /facilitator -->",
    ),
    _c(
        "CUR307", "broken-link",
        "A link or image in a page points at a page, file or `#anchor` that does not exist in that language "
        "(or only in the facilitator edition).",
        "MkDocs does not check anchors and names no line; a broken link sends a learner to the wrong place, "
        "usually in one language only.",
        "See the [glossary](../reference/glosary.md#trafficking) and [notes](#facilitator-notes).",
        "See the [glossary](../reference/glossary.md#term-trafficking-in-persons) and [key points](#key-points).",
    ),
    _c(
        "CUR308", "citation-not-neutral",
        "A citation written once for both languages contains English words.",
        "A plain-string citation is printed unchanged on the Spanish page; \"arts. 13 and 40\" is not Spanish. "
        "Statute numbers are neutral; connecting words are not.",
        "source: LGPSEDMTP, arts. 13 and 40",
        "source:\n  en: LGPSEDMTP, arts. 13 and 40\n  es: LGPSEDMTP, arts. 13 y 40",
    ),
    _c(
        "CUR309", "malformed-marker",
        "An HTML comment looks like a region marker but is not exactly one, or a comment is never closed.",
        "Only `<!-- facilitator -->` … `<!-- /facilitator -->` (and `verbatim`) are markers. A variant such as "
        "`<!-- Facilitator -->` or `<!-- facilitator notes -->` is an ordinary comment, so the notes after it "
        "would reach the learner edition; the check fails closed instead.",
        "<!-- Facilitator notes -->\nAsk the group for the answer (B).\n<!-- /Facilitator notes -->",
        "<!-- facilitator -->\nAsk the group for the answer (B).\n<!-- /facilitator -->",
    ),
    _c(
        "CUR310", "file-left-out",
        "A file in the docs folder is not published: it is neither a page nor an asset type readers receive.",
        "Only pages (`.md`) and assets (images, PDFs, captions, media, fonts, CSS; scripts only under "
        "`assets/vendor/`) are published, so an editor backup (`index.en.md~`, `module.yml.orig`) or a stray "
        "`answers.yml` never reaches learners. This note says what was left out; it fails nothing.",
        "modules/legal-framework/index.en.md~",
        "(delete the backup; keep images and PDFs beside the page)",
        severity="info",
    ),
    _c(
        "CUR311", "unsafe-symlink",
        "A symlink in the docs folder points outside it, is broken, or loops back to a folder above it.",
        "A link to `quizzes/` would publish every answer key, and a link outside the project would publish "
        "files of the machine that builds; a loop makes MkDocs copy the tree forty times.",
        "modules/assets/q -> ../../quizzes",
        "(copy the file into the docs folder instead of linking it)",
    ),
    _c(
        "CUR312", "script-in-page",
        "A page (or an SVG or CSS asset) contains script: a `<script>` element, an `on…=` event attribute "
        "(also in a `{…}` attribute list), or a `javascript:` URL.",
        "The site runs no script but its own: a page's script could read a learner's progress or send it "
        "elsewhere. The built site also carries a Content-Security-Policy that blocks it.",
        "## Extra {#extra onclick=\"track()\"}\n<img src=\"x.png\" onerror=\"track()\">",
        "## Extra {#extra}\n<img src=\"x.png\" alt=\"…\">",
    ),
    _c(
        "CUR313", "remote-resource",
        "A page loads a resource from another host or from the local machine: an image, frame, stylesheet, "
        "media or font whose address starts with `http:`, `https:`, `//` or `file:`.",
        "The site makes zero third-party requests, so that a learner's reading is never revealed to anyone "
        "and the site works offline; a `file:` address would put files of the exporting machine into the PDFs. "
        "Links (`[text](https://…)`) are fine: they are followed only when the reader chooses.",
        "![logo](https://cdn.example.net/logo.png)\n<iframe src=\"file:///etc/hostname\"></iframe>",
        "![logo](../assets/logo.png)",
    ),
    _c(
        "CUR314", "straight-quotes",
        "Reader-facing text (a page's prose, or any YAML text: a title, summary, objective, prompt, choice, "
        "feedback, explanation, term, definition, description or note) uses straight quotation marks: a `\"` or "
        "a pair of `'…'`. The help line gives the marks of the text's language.",
        "The curriculum quotes in one style per language (issue 11): Spanish with « » (“ ” inside « »), English "
        "with “ ” (‘ ’ inside); a text written once for both languages uses the marks of the quoted words' "
        "language. The site publishes straight quotes as typed. Apostrophes (`don't`, `victims'`) are not "
        "quotation marks, and quotes that are syntax are not text: YAML delimiters, HTML attributes "
        "(`<span lang=\"en\">`), code, `{…}` attribute lists, link targets, admonition titles (`!!! note \"…\"`). "
        "Titles of works in the bibliography keep their published punctuation.",
        'prompt:\n  en: She says she agreed "out of love".\n  es: Dice que aceptó "por amor".\n'
        "# a page: The handout calls it 'the Protect Act of 2000'.",
        "prompt:\n  en: She says she agreed “out of love”.\n  es: Dice que aceptó «por amor».\n"
        "# a page: The handout calls it “the Protect Act of 2000”; en español, «la “Protect Act” de 2003».",
    ),
    _c(
        "CUR401", "no-correct-answer",
        "A question has no correct choice.",
        "No learner could ever answer it right.",
        "choices:\n  - id: a\n    text: {en: ..., es: ...}\n  - id: b\n    text: {en: ..., es: ...}",
        "choices:\n  - id: a\n    correct: true\n    text: {en: ..., es: ...}\n  - id: b\n    text: {en: ..., es: ...}",
    ),
    _c(
        "CUR402", "too-many-correct",
        "A single-choice question has more than one correct choice.",
        "Radio buttons allow one answer; use type: multiple if several are right.",
        "type: single\nchoices:\n  - {id: a, correct: true, text: ...}\n  - {id: b, correct: true, text: ...}",
        "type: multiple\nchoices:\n  - {id: a, correct: true, text: ...}\n  - {id: b, correct: true, text: ...}",
    ),
    _c(
        "CUR403", "wrong-choice-count",
        "A choice question has fewer than two or more than eight choices, or a true/false question has choices; "
        "a matching question has fewer than two or more than eight pairs, or more than three distractors; an "
        "ordering question has fewer than three or more than eight items.",
        "One choice is no question; too many overwhelms; true/false takes `answer:` instead. Two pairs or three "
        "items are the least that is still a question; a long list to match or order by keyboard overwhelms.",
        "type: true_false\nchoices: [...]",
        "type: true_false\nanswer: true",
    ),
    _c(
        "CUR404", "draw-exceeds-pool",
        "An exam draws more questions of an objective than the objective's pool holds.",
        "The exam could not ask what it promises; every attempt would silently ask fewer questions.",
        "# quizzes/indicators.yml: one question with objective: risk-vs-indicator\ndraw:\n"
        "  - {objective: indicators/risk-vs-indicator, count: 2}",
        "draw:\n  - {objective: indicators/risk-vs-indicator, count: 1}\n"
        "# or write another question for the objective (it may be `pool_only: true`)",
    ),
    _c(
        "CUR405", "pool-too-small-for-forms",
        "A pre/post draw needs twice its count of different questions for an objective (one set per form), and "
        "the pool has fewer; the message says how many more questions the objective needs.",
        "The pre-test and the post-test must never share a question: a learner who saw the item before would "
        "show a gain the course did not produce.",
        "# two questions assess palermo-elements\npre_post:\n  draw: per_objective 2   # needs 4",
        "pre_post:\n  draw: {per_objective: 1, except: [legal-framework/compare-frameworks]}\n"
        "# or write the missing questions for the objective",
    ),
    _c(
        "CUR501", "not-expressible-in-xml",
        "A text (a quiz, module or track text, or an interface string in `locales/`) holds a character that "
        "XML cannot carry (a control character), so the QTI, Moodle XML and SCORM exports refuse it in that "
        "language.",
        "The site shows nothing wrong, but XML 1.0 forbids these characters even when escaped: an LMS would "
        "reject the whole file. They are invisible in most editors and usually come from copy and paste.",
        'prompt:\n  en: "Which is an act\\x07 under the Protocol?"',
        'prompt:\n  en: "Which is an act under the Protocol?"',
        severity="warning",
    ),
    _c(
        "CUR502", "not-expressible-in-format",
        "A question cannot be written in an export format asked for: an ordering question in Moodle XML or "
        "GIFT (core Moodle has no ordering question; its `ordering` type is a plugin), or a matching question "
        "with fewer than three responses (pairs and distractors) in Moodle XML or GIFT (Moodle's matching "
        "question needs at least two premises and three responses). `curriculum export` refuses that format "
        "before writing anything; `curriculum check`, the site, QTI, SCORM and the handbooks are not affected.",
        "An LMS import that drops or changes a question would give learners another test than the site's; the "
        "export says so instead of writing a file that is wrong or that Moodle rejects.",
        "# curriculum export gift\n- id: amber-steps\n  type: ordering\n  items: [...]",
        "# export the formats that carry ordering questions:\n# curriculum export qti scorm handbook offline\n"
        "# and, for Moodle, a matching question with a third response:\ndistractors:\n  - id: d1\n"
        "    text: {en: ..., es: ...}",
    ),
    _c(
        "CUR601", "harmful-term",
        "The text uses a term the glossary marks as wrong or harmful; the message gives the term to use.",
        "Terms such as 'child prostitute' blame child victims, and 'tráfico de personas' means smuggling, "
        "not trafficking, in Mexican law. Quotations that must keep the original words go between "
        "`<!-- verbatim -->` and `<!-- /verbatim -->`.",
        "Officers found a child prostitute in the motel.",
        "Officers found a child victim of sexual exploitation in the motel.",
    ),
    _c(
        "CUR701", "recommendation-unserved",
        "A policy recommendation is served by no module.",
        "The curriculum is built to answer the six recommendations of the source paper; each needs a module.",
        "# no module.yml lists 6 in recommendations:",
        "recommendations: [2, 6]",
    ),
    _c(
        "CUR702", "review-missing",
        "A review the project requires (curriculum.yml `review_kinds`) is pending in a module's ledger, or not "
        "listed in it. Reported only by `curriculum check --release`: pending reviews are shown as pending on the "
        "site, and neither `curriculum check` nor the site build fails on them.",
        "A release tells its readers which lawyers, translators and survivor-informed reviewers have checked each "
        "module; it must not go out while a required review is still to be done.",
        "# modules/us-law/module.yml\nreviews:\n  - kind: us-legal\n    date: pending\n"
        "  # no mx-legal, mx-translation or survivor-informed entry",
        "reviews:\n  - kind: us-legal\n    date: 2027-01-15\n    by: {en: volunteer attorney, Texas bar, "
        "es: abogada voluntaria, barra de Texas}\n  - kind: mx-legal\n    date: 2027-01-20\n  - kind: mx-translation\n"
        "    date: 2027-01-22\n  - kind: survivor-informed\n    date: 2027-02-01\n"
        "    by: {en: a survivor-led organization, es: una organización dirigida por sobrevivientes}",
    ),
    _c(
        "CUR801", "unknown-source-key",
        "A citation names a key that bibliography/sources.yml does not define; the message suggests the closest key.",
        "The reader would get a reference to nothing: the module's reference list, the quiz explanation and the "
        "exports would all drop or misname the source.",
        "source: \"@usc-18-1519 (c)\"",
        "source: \"@usc-18-1591 (c)\"",
    ),
    _c(
        "CUR802", "source-unused",
        "A bibliography entry is cited by no module, question, glossary term, page or project field.",
        "An entry nobody cites is a source the curriculum no longer relies on, or a citation that was lost; "
        "either way the bibliography page lists what the lessons do not use.",
        "# bibliography/sources.yml\n- key: old-report   # no `@old-report` anywhere",
        "# cite it where the lesson relies on it, or delete the entry\nsources:\n  - \"@old-report, p. 12\"",
        severity="warning",
    ),
    _c(
        "CUR803", "source-incomplete",
        "A bibliography entry lacks what its type requires: a statute, regulation or treaty its official link "
        "(and a treaty its date), an article its authors, venue and date, a case its court and docket, a report "
        "its issuing body and date, a web page its address, a news item its outlet and date; every entry "
        "its `checked` date; and an entry that writes its title, author, venue or short form once (one string) "
        "its `lang` (`en` or `es`), the language that text is in.",
        "A reader must be able to find and check the source: a statute is cited so that it can be read in its "
        "official text (uscode.house.gov, govinfo.gov, dof.gob.mx, diputados.gob.mx). A text written once is "
        "marked with its language on the other language's pages (WCAG 3.1.2), so a screen reader voices it right.",
        "- key: usc-18-1591\n  type: statute\n  title: Sex trafficking of children or by force, fraud, or coercion\n"
        "  checked: 2026-12-04",
        "- key: usc-18-1591\n  type: statute\n  lang: en\n"
        "  title: Sex trafficking of children or by force, fraud, or coercion\n  short: 18 U.S.C. § 1591\n"
        "  url: https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section1591&num=0&edition=prelim\n"
        "  checked: 2026-12-04",
    ),
    _c(
        "CUR804", "duplicate-source",
        "A source is stated twice: the same key twice, two keys with the same address, or two entries with the "
        "same title, venue and date.",
        "One source, one entry: two entries drift apart (one gets corrected, the other not), and the "
        "bibliography lists the same work twice.",
        "- key: ice-2016-rendon-reyes\n  url: https://www.ice.gov/news/releases/5-extradited-mexico-...\n"
        "- key: rendon-reyes-ice\n  url: https://www.ice.gov/news/releases/5-extradited-mexico-...",
        "- key: ice-2016-rendon-reyes\n  url: https://www.ice.gov/news/releases/5-extradited-mexico-...\n"
        "# and cite @ice-2016-rendon-reyes everywhere",
    ),
    _c(
        "CUR805", "citation-by-hand",
        "A `source:`, `sources:` or `recommendations_source` is written as free text instead of citing the "
        "bibliography by key; when the text names a registry entry the message gives its key.",
        "A citation typed by hand is a second statement of the source: it drifts from the bibliography, carries "
        "no official link, and cannot be listed in the module's references.",
        "source:\n  en: 18 U.S.C. § 1591(c); LGPSEDMTP, arts. 13 and 40\n"
        "  es: 18 U.S.C. § 1591(c); LGPSEDMTP, arts. 13 y 40",
        "source:\n  - \"@usc-18-1591 (c)\"\n  - {cite: lgpsedmtp, at: {en: arts. 13 and 40, es: arts. 13 y 40}}",
    ),
    _c(
        "CUR806", "repository-file-name",
        "Reader-facing text (a page, any YAML text, the bibliography or the interface strings) names a repository "
        "file (`001_1fc763367e951b33.txt`, `../shared/seeds/`) or calls the source documents \"seeds\"/\"semillas\".",
        "Those files are this repository's copies of published documents: no cadet, prosecutor or caseworker can "
        "open them. Cite the publication by key; where the text must speak of the documents themselves, say "
        "\"source document\" / \"documento fuente\".",
        "Victims rarely report (Walters & Davis, seed 001_1fc763367e951b33.txt).",
        "Victims rarely report [@walters-davis-2011].",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def render_markdown() -> str:
    """The diagnostics reference page (``docs/diagnostics.md``)."""
    out = [
        "# Diagnostic codes",
        "",
        "<!-- generated by `curriculum codes --markdown`; edit curriculum/codes.py instead -->",
        "",
        "Every problem `curriculum check` and the site build find is printed as",
        "`path:line:col: CODE message`. Codes are stable and never reused. All are errors",
        "unless marked otherwise. An error or a warning makes `curriculum check` exit 1 and the site build",
        "fail (the build is strict, as MkDocs' `--strict` counts warnings); an info is a note that fails nothing.",
        "",
        "`curriculum check --format` chooses how they are printed (exit codes are the same in every format:",
        "0 nothing fails, 1 an error or a warning, 2 a usage error):",
        "",
        "- `text` (default): `path:line:col: CODE message`, then `  help: …` when there is a hint. Control",
        "  characters in file names and values are printed as escapes (`\\x1b`, `\\n`), so no value can drive",
        "  the terminal or forge a line.",
        "- `json`: one list of objects with the keys `path`, `line`, `col`, `code`, `name`, `severity`",
        "  (`error`, `warning`, `info`), `message` and `help`. These keys are stable across releases.",
        "- `github`: one GitHub Actions workflow command per diagnostic,",
        "  `::error file=…,line=…,col=…,title=CODE name::message` (`::warning`, `::notice` for infos), escaped",
        "  as the runner requires; in a workflow, `curriculum check --format github` annotates the pull request.",
        "",
        "| code | name | summary |",
        "|---|---|---|",
    ]
    out += [f"| [{c.code}](#{c.code.lower()}) | {c.name} | {c.summary} |" for c in _ALL]
    for c in _ALL:
        out += [
            "",
            f"## {c.code}",
            "",
            f"**{c.name}** ({c.severity}). {c.summary}",
            "",
            f"**Why it matters.** {c.why}",
            "",
            "**Example**",
            "",
            "```yaml",
            c.bad,
            "```",
            "",
            "**Use instead**",
            "",
            "```yaml",
            c.good,
            "```",
        ]
    return "\n".join(out) + "\n"
