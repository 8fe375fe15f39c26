"""Report paragraphs in Vietnamese and English, in the style district reports use.

"04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, …, 13 xã đạt từ 5 đến 8 tiêu chí. Tổng số tiêu
chí đạt chuẩn là 187 tiêu chí, trung bình đạt 9,84 tiêu chí/xã."
"""

from __future__ import annotations

from fractions import Fraction

from .figures import BandCount, PeriodSummary
from .text import format_count, format_decimal

LANGS = ("vi", "en")


def band_phrase(band: BandCount, lang: str) -> str:
    """How a band is named: "19 tiêu chí", "từ 5 đến 8 tiêu chí", "dưới 5 tiêu chí"."""
    if lang == "vi":
        if band.low == band.high:
            return f"{band.low} tiêu chí"
        if band.low == 0:
            return f"dưới {band.high + 1} tiêu chí"
        return f"từ {band.low} đến {band.high} tiêu chí"
    if band.low == band.high:
        return f"{band.low} criteria" if band.low != 1 else "1 criterion"
    if band.low == 0:
        return f"fewer than {band.high + 1} criteria"
    return f"{band.low} to {band.high} criteria"


def share_text(n: int, total: int, lang: str, truncate: bool = False) -> str:
    """A share as reports print it, one decimal: "12,4%" / "12.4%"."""
    return format_decimal(Fraction(100 * n, total) if total else 0, 1, lang, truncate) + "%"


def band_sentence(summary: PeriodSummary, lang: str = "vi", truncate: bool = False,
                  shares: bool = False) -> str:
    """The bands with at least one commune, in the order given, joined as one clause."""
    parts = []
    for band in summary.bands:
        if band.n == 0:
            continue
        share = share_text(band.n, summary.n_communes, lang, truncate) if shares else ""
        if lang == "vi":
            part = f"{format_count(band.n, lang, pad=True)} xã đạt {band_phrase(band, lang)}"
            part += f" (chiếm {share})" if shares else ""
        else:
            noun = "commune" if band.n == 1 else "communes"
            part = f"{format_count(band.n, lang)} {noun} met {band_phrase(band, lang)}"
            part += f" ({share})" if shares else ""
        parts.append(part)
    return ", ".join(parts)


def summary_text(summary: PeriodSummary, lang: str = "vi", truncate: bool = False,
                 shares: bool = False) -> str:
    """The report paragraph of one period's figures."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}")
    mean = format_decimal(summary.mean_exact, 2, lang, truncate)
    total = format_count(summary.total_met, lang)
    bands = band_sentence(summary, lang, truncate, shares)
    if lang == "vi":
        text = (f"{bands}. " if bands else "") + (
            f"Tổng số tiêu chí đạt chuẩn là {total} tiêu chí, trung bình đạt {mean} tiêu chí/xã.")
        if summary.total_basically_met:
            text += (f" Ngoài ra có {format_count(summary.total_basically_met, lang)} tiêu chí cơ bản "
                     "đạt (chưa tính là đạt).")
        return text
    text = (f"{bands[0].upper() + bands[1:]}. " if bands else "") + (
        f"In total {total} criteria were met, an average of {mean} criteria per commune.")
    if summary.total_basically_met:
        text += (f" A further {format_count(summary.total_basically_met, lang)} criteria were "
                 "basically met (not counted as met).")
    return text
