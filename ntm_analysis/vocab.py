"""One vocabulary: languages, statuses and the names of periods, in every language the package
writes. Renderers (texts, charts, page, workbook, explorer) look words up here instead of
branching on ``lang == "vi"``; phrase tables grow here as they are needed.

>>> quarter_label("2020Q1"), quarter_label("2020Q1", "en")
('Quý I/2020', 'Q1 2020')
>>> status_label(2, "vi"), status_label(0, "en")
('Đạt', 'Not met')
"""

from __future__ import annotations

from .text import BASICALLY_MET, MET, NOT_MET

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Status words as the language writes them in a table or a legend.
STATUS_LABELS = {
    "vi": {MET: "Đạt", BASICALLY_MET: "Cơ bản đạt", NOT_MET: "Chưa đạt"},
    "en": {MET: "Met", BASICALLY_MET: "Basically met", NOT_MET: "Not met"},
}


def check_lang(lang: str) -> str:
    """``lang`` if the package writes it; a ValueError naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)} (not {lang!r})")
    return lang


def quarter_label(period: str, lang: str = "vi") -> str:
    """A period as a heading or a control shows it: "Quý I/2020" / "Q1 2020"."""
    year, quarter = period[:4], int(period[5])
    return f"Quý {_ROMAN[quarter]}/{year}" if check_lang(lang) == "vi" else f"Q{quarter} {year}"


def period_phrase(period: str, lang: str = "vi") -> str:
    """A period inside a sentence: "quý I năm 2020" / "Q1 2020"."""
    year, quarter = period[:4], int(period[5])
    return f"quý {_ROMAN[quarter]} năm {year}" if check_lang(lang) == "vi" else f"Q{quarter} {year}"


def status_label(code: int, lang: str = "vi") -> str:
    """A status code (text.MET, …) as the language writes it."""
    return STATUS_LABELS[check_lang(lang)][int(code)]
