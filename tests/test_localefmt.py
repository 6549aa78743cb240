"""Numbers, percentages, hours and dates for readers: one module, CLDR's conventions through Babel (fast)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from curriculum import localefmt, render

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ("1,140", "1,140.5", "67%", "{n}%", "7.5", "November 1, 2026", "July 2023", "en-US")),
    # es-MX (CLDR es_MX), not Spain's es: decimal point, thousands comma, no space before the percent sign
    ("es", ("1,140", "1,140.5", "67%", "{n}%", "7.5", "1 de noviembre de 2026", "julio de 2023", "es-MX")),
])
def test_each_language_in_its_locale(lang: str, expected: tuple[str, ...]) -> None:
    got = (localefmt.integer(1140, lang), localefmt.number(1140.5, lang), localefmt.percent(67, lang),
           localefmt.percent_template(lang), localefmt.hours(450, lang), localefmt.date(dt.date(2026, 11, 1), lang),
           localefmt.month_year(2023, 7, lang), localefmt.bcp47(lang))
    assert got == expected


def test_the_patterns_are_babels_not_ours() -> None:
    from babel import numbers

    for lang, cldr in localefmt.LOCALES.items():
        assert localefmt.percent(80, lang) == numbers.format_percent(Decimal("0.8"), locale=cldr)
        assert localefmt.percent_template(lang).replace("{n}", "80") == localefmt.percent(80, lang)
        assert localefmt.number(Decimal("1234.5"), lang) == numbers.format_decimal(Decimal("1234.5"), locale=cldr)


def test_hours_keep_at_most_two_decimals_and_no_trailing_zeros() -> None:
    assert [localefmt.hours(m, "es") for m in (60, 90, 20, 45, 0, 6000)] == ["1", "1.5", "0.33", "0.75", "0", "100"]
    assert localefmt.hours(61_500, "en") == "1,025"


def test_unknown_language_falls_back_to_english() -> None:
    assert localefmt.percent(5, "fr") == localefmt.percent(5, "en")
    assert localefmt.bcp47("fr") == "en-US"


def test_browser_formats_are_what_the_scripts_read() -> None:
    assert localefmt.browser_formats("es") == {"percent": "{n}%", "locale": "es-MX"}


def test_render_and_the_bibliography_format_through_localefmt() -> None:
    from curriculum import bibliography

    assert render.format_date(dt.date(2026, 3, 5), "es") == "5 de marzo de 2026"
    assert render.format_date(dt.date(2026, 3, 5), "en") == "March 5, 2026"
    assert render.hours(450, "es") == "7.5"
    assert bibliography.display_date("2023-07", "es") == "julio de 2023"
    assert bibliography.display_date("2000-11-15", "en") == "November 15, 2000"


# Hand-written number, percent or date formatting outside localefmt (the patterns this module replaced).
_HAND_FORMATTED = {
    "a percent sign after a placeholder": re.compile(r"\{percent\}\s?%|\+\s*\"\s?%\"|\"%\"\s*\+"),
    "a month-name table": re.compile(r"\"(?:January|enero)\",\s*\"(?:February|febrero)\""),
    "a decimal comma swapped in": re.compile(r"\.replace\(\"\.\",\s*\",\"\)"),
    "a locale chosen in a script": re.compile(r"\"(?:es-MX|en-US)\""),
}


@pytest.mark.parametrize("path", [
    "curriculum/render.py", "curriculum/bibliography.py", "curriculum/export/handbook.py", "curriculum/export/text.py",
    "curriculum/assets/quiz.js", "curriculum/assets/progress.js", "locales/en.yml", "locales/es.yml",
])
def test_no_hand_written_formats_outside_localefmt(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    found = {what: m.group(0) for what, pattern in _HAND_FORMATTED.items() if (m := pattern.search(text))}
    assert found == {}, f"{path}: format it with curriculum.localefmt instead: {found}"
