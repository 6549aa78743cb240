"""The review ledger: which reviews each module has had and still needs, and how current its sources are.

The kinds of review are the project's (``curriculum.yml`` ``review_kinds``); each module states its ledger in
``module.yml`` ``reviews:``. Nothing here is written by hand twice: a module's status is read from its ledger,
its currency date is computed from the ``checked`` dates of the bibliography entries it cites.
"""

from __future__ import annotations

import datetime as dt
import difflib

from curriculum import bibliography as bib
from curriculum.diagnostics import Diagnostics
from curriculum.model import Catalog, Module, Review, ReviewKind
from curriculum.settings import PROJECT_FILE


def ledger(catalog: Catalog, module: Module) -> list[tuple[ReviewKind, Review | None]]:
    """Every kind of review, in the project's order, with the module's entry for it.

    A required kind the ledger does not list comes with ``None`` (not done); a kind that is not required and
    not listed is left out (nothing to say).
    """
    by_kind: dict[str, Review] = {}
    for review in module.reviews:
        by_kind.setdefault(review.kind, review)
    return [(kind, by_kind.get(kind.id)) for kind in catalog.review_kinds if kind.required or kind.id in by_kind]


def missing(catalog: Catalog, module: Module) -> list[tuple[ReviewKind, Review | None]]:
    """The required reviews a module has not had: pending in its ledger (the entry) or not listed (``None``)."""
    return [(kind, r) for kind, r in ledger(catalog, module) if kind.required and (r is None or r.pending)]


def cited_keys(catalog: Catalog, module: Module) -> list[str]:
    """Every bibliography key a module relies on: its ``sources``, its quiz and inline citations in its pages."""
    quiz = catalog.quiz_for(module)
    keys = [c.key for c in module.sources]
    keys += [c.key for q in quiz.questions for c in q.source] if quiz else []
    for lang in catalog.languages:
        page = catalog.docs.page(module.page(lang))
        if page is not None and page.text is not None:
            keys += [c.key for c in bib.page_citations(page.text, page.rel)]
    return list(dict.fromkeys(k for k in keys if k))


def currency(catalog: Catalog, module: Module) -> dt.date | None:
    """The day the module's statutes and figures were last checked for currency: the oldest ``checked`` date of
    the entries it cites. ``None`` when it cites nothing, or an entry it cites has no ``checked`` date
    (CUR803): then nobody can say how current the module is."""
    dates = []
    for key in cited_keys(catalog, module):
        ref = catalog.bibliography.get(key)
        if ref is None:
            continue  # an unknown key is CUR801
        if ref.checked is None:
            return None
        dates.append(ref.checked)
    return min(dates, default=None)


def check(catalog: Catalog, diags: Diagnostics) -> None:
    """Every ledger entry names a kind of review the project defines (CUR104)."""
    kinds = [k.id for k in catalog.review_kinds]
    if PROJECT_FILE in catalog.unreadable:
        return  # the project file, which defines the kinds, has its own read error
    for module in catalog.modules:
        for review in module.reviews:
            if review.kind in kinds:
                continue
            close = difflib.get_close_matches(review.kind, kinds, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else (
                "kinds of review: " + ", ".join(kinds) if kinds else "curriculum.yml defines no `review_kinds`")
            diags.add(review.loc.path, review.loc.line, review.loc.col, "CUR104",
                      f"`reviews.kind` `{review.kind}` is not a kind of review of curriculum.yml (`review_kinds`)",
                      hint)


def release_check(catalog: Catalog, diags: Diagnostics) -> None:
    """What a release needs: every required review of every module done (CUR702, ``check --release`` only)."""
    for module in catalog.modules:
        for kind, review in missing(catalog, module):
            name = f"`{kind.id}` ({kind.label.en})"
            if review is None:
                loc = module.at("reviews")
                diags.add(loc.path, loc.line, loc.col, "CUR702",
                          f"module `{module.id}` has no {name} in its review ledger",
                          f"a release needs it done: add `- kind: {kind.id}` with the date it was done")
            else:
                diags.add(review.loc.path, review.loc.line, review.loc.col, "CUR702",
                          f"the {name} of module `{module.id}` is still pending",
                          "a release needs it done: write the date it was done (and who, as a role or organization)")
