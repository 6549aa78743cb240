"""Numbers, percentages, hours and dates for readers, in each language's conventions.

The one place that formats them: the site (render.py), the exports and, through
:func:`browser_formats`, the browser scripts. The conventions are CLDR's, read
through Babel, for the locale each language stands for (:data:`LOCALES`):

- ``en`` (``en_US``): ``1,140.5``, ``67%``, ``March 5, 2026``, ``July 2023``;
- ``es`` (``es_MX``): ``1,140.5``, ``67%``, ``5 de marzo de 2026``, ``julio de 2023``.

Mexican Spanish writes a decimal point and a thousands comma, and the percent sign
without a space (CLDR es_MX, unlike Spain's ``es``: ``1.140,5`` and ``67 %``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

from babel import Locale, dates, numbers

LOCALES = {"en": "en_US", "es": "es_MX"}
"""The CLDR locale of each site language; any other language falls back to ``en``'s."""

_SENTINEL = 42  # a number written once in every pattern we derive (percent_template)


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES["en"]))


def bcp47(lang: str) -> str:
    """The locale as a BCP 47 tag (``es-MX``), for ``Intl`` in the browser."""
    return str(locale(lang)).replace("_", "-")


def number(value: int | float | Decimal, lang: str, max_fraction: int = 2) -> str:
    """A number with the locale's grouping and decimal signs, at most ``max_fraction`` decimals, no trailing zeros."""
    pattern = "#,##0" + ("." + "#" * max_fraction if max_fraction > 0 else "")
    return numbers.format_decimal(_decimal(value), format=pattern, locale=locale(lang))


def integer(value: int, lang: str) -> str:
    """A whole number (minutes, counts) with the locale's grouping: ``1,140``."""
    return number(value, lang, 0)


def percent(value: int | float | Decimal, lang: str) -> str:
    """``value`` on a 0–100 scale as a whole percentage in the locale's pattern: ``67%``."""
    return numbers.format_percent(_decimal(value) / 100, locale=locale(lang))


@cache
def percent_template(lang: str) -> str:
    """The locale's percent pattern with ``{n}`` for the number (``{n}%``): the browser fills in whole numbers."""
    sample = percent(_SENTINEL, lang)
    digits = str(_SENTINEL)
    if sample.count(digits) != 1:  # a locale with other digits: no template to derive
        raise ValueError(f"cannot derive a percent template for `{lang}` from {sample!r}")
    return sample.replace(digits, "{n}")


def hours(minutes: int, lang: str) -> str:
    """Minutes as hours, at most two decimals: 450 → ``7.5``; 60 → ``1``."""
    return number(Decimal(minutes) / 60, lang, 2)


def date(value: dt.date, lang: str) -> str:
    """A day in the locale's long form: ``November 1, 2026`` / ``1 de noviembre de 2026``."""
    return dates.format_date(value, "long", locale=locale(lang))


def month_year(year: int, month: int, lang: str) -> str:
    """A month of a year: ``July 2023`` / ``julio de 2023``."""
    return dates.format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale(lang))


def browser_formats(lang: str) -> dict[str, str]:
    """What the browser scripts need to write numbers and dates like the pages: handed over in ``data-strings``.

    ``percent`` is :func:`percent_template`; ``locale`` is the BCP 47 tag for ``Intl.DateTimeFormat``
    (the browser's CLDR long date, the same form as :func:`date`).
    """
    return {"percent": percent_template(lang), "locale": bcp47(lang)}


def _decimal(value: int | float | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
