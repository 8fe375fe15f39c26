"""Quarterly periods ("2020Q1"): parsed from columns, file names and title rows, and printed.

A period is kept as its canonical text ``YYYYQn``, which sorts in time order.
"""

from __future__ import annotations

import datetime as dt
import re

from .text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Q = r"(?P<q>[1-4]|iv|iii|ii|i)"
_Y = r"(?P<y>(?:19|20)\d\d)"
# Forms seen in file names and cells: 2020Q1, 2020-Q1, 2020_q1, Q1-2020, Q1/2020, quy1_2020,
# "Quý I/2020", "quý I năm 2020", "Q1 2020".
_PATTERNS = [
    re.compile(rf"(?<![0-9a-z]){_Y}[\s_\-/.]*(?:q|quy)[\s_\-]*{_Q}(?![0-9a-z])"),
    re.compile(rf"(?<![a-z])(?:q|quy)[\s_\-]*{_Q}[\s_\-/.]*(?:nam[\s_\-]*)?{_Y}(?![0-9])"),
]
_AS_OF = re.compile(r"(?:tinh den|den)\s*(?:ngay\s*)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})")


def _quarter(q: str) -> int:
    return int(q) if q.isdigit() else _ROMAN[q]


def parse_period(text: str) -> str | None:
    """The ``YYYYQn`` a piece of text names, or None ("Quý I/2020" -> "2020Q1")."""
    folded = fold(str(text))
    for pattern in _PATTERNS:
        match = pattern.search(folded)
        if match:
            return f"{match['y']}Q{_quarter(match['q'])}"
    return None


def period_of_date(day: dt.date) -> str:
    """The quarter a date falls in."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def period_from_title(text: str) -> str | None:
    """The period of a title row such as "(Tính đến ngày 31/3/2020)", or None."""
    match = _AS_OF.search(fold(str(text)))
    if not match:
        return None
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return period_of_date(day)


def period_end(period: str) -> dt.date:
    """The last day of a period: the date its assessment describes."""
    year, quarter = int(period[:4]), int(period[5])
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def quarter_number(period: str) -> int:
    """Quarters since year 0: consecutive quarters differ by one ("2020Q1" -> 8080)."""
    return int(period[:4]) * 4 + int(period[5]) - 1


def period_of_number(number: int) -> str:
    """The period of a ``quarter_number``."""
    return f"{number // 4}Q{number % 4 + 1}"


def shift(period: str, quarters: int) -> str:
    """The period ``quarters`` later (earlier when negative): shift("2020Q1", -4) == "2019Q1"."""
    return period_of_number(quarter_number(period) + quarters)


def period_label(period: str, lang: str = "vi") -> str:
    """How a report names a period in a sentence: "quý I năm 2020" or "Q1 2020" (see vocab)."""
    from .vocab import period_phrase

    return period_phrase(period, lang)
