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


_SUMMARY = {
    "vi": {"totals": "Tổng số tiêu chí đạt chuẩn là {total} tiêu chí, trung bình đạt {mean} tiêu chí/xã.",
           "basic": " Ngoài ra có {basic} tiêu chí cơ bản đạt (chưa tính là đạt)."},
    "en": {"totals": "In total {total} criteria were met, an average of {mean} criteria per commune.",
           "basic": " A further {basic} criteria were basically met (not counted as met)."},
}


def summary_text(summary: PeriodSummary, lang: str = "vi", truncate: bool = False,
                 shares: bool = False) -> str:
    """The report paragraph of one period's figures."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}")
    say = _SUMMARY[lang]
    bands = band_sentence(summary, lang, truncate, shares)
    text = (f"{bands[:1].upper() + bands[1:]}. " if bands else "") + say["totals"].format(
        total=format_count(summary.total_met, lang), mean=format_decimal(summary.mean_exact, 2, lang, truncate))
    if summary.total_basically_met:
        text += say["basic"].format(basic=format_count(summary.total_basically_met, lang))
    return text


# ---------------------------------------------------------------------------------------------
# Comparisons, targets, lagging criteria, recognition
# ---------------------------------------------------------------------------------------------

_CHANGE = {"vi": ("tăng", "giảm", "không đổi"), "en": ("up", "down", "unchanged")}


def change_phrase(delta: Fraction, decimals: int, lang: str, truncate: bool = False) -> str:
    """"tăng 0,58" / "giảm 1" / "không đổi", by the rounded (or cut) size of the change."""
    up, down, same = _CHANGE[lang]
    size = format_decimal(abs(delta), decimals, lang, truncate)
    if not any(digit in size for digit in "123456789"):  # rounds (or is cut) to nothing
        return same
    return f"{up if delta > 0 else down} {size}"


def _names(names: list[str]) -> str:
    return ", ".join(names)


_COMPARE = {
    "vi": {"yoy": "cùng kỳ năm {year}",
           "mean": "Trung bình đạt {mean} tiêu chí/xã, {change} tiêu chí/xã so với {ref}",
           "mean_same": "Trung bình đạt {mean} tiêu chí/xã, không đổi so với {ref}",
           "total": ", tổng số tiêu chí đạt chuẩn là {total} tiêu chí ({total_change}).",
           "counts": " Có {gained} xã tăng tiêu chí, {lost} xã giảm tiêu chí.",
           "reached": " Xã đạt đủ {size} tiêu chí trong kỳ: {names}.",
           "lost": " Xã có tiêu chí không còn đạt: {items}.", "lost_item": "{commune} (tiêu chí {criteria})",
           "added": " Xã chỉ có trong {period}: {names}.", "removed": " Xã không còn trong {period}: {names}.",
           "merged": " {commune} hình thành từ {names} (từ {date}): không so sánh trực tiếp số tiêu chí."},
    "en": {"yoy": "the same quarter of {year}",
           "mean": "The average was {mean} criteria per commune, {change} on {ref}",
           "mean_same": "The average was {mean} criteria per commune, unchanged from {ref}",
           "total": "; {total} criteria were met in total ({total_change}).",
           "counts": " {gained} communes gained criteria and {lost} lost some.",
           "reached": " Reached all {size} criteria: {names}.",
           "lost": " Criteria no longer met: {items}.", "lost_item": "{commune} (criterion {criteria})",
           "added": " Only in {period}: {names}.", "removed": " No longer in {period}: {names}.",
           "merged": " {commune} was formed from {names} (from {date}): criteria counts are not compared "
                     "directly."},
}


def compare_text(comparison, lang: str = "vi", truncate: bool = False) -> str:
    """The comparison paragraph: mean and total change, communes gaining and losing criteria,
    communes reaching all criteria, and the communes or boundaries that changed."""
    from .periods import period_label

    c, say = comparison, _COMPARE[lang]
    change = change_phrase(c.mean_after_exact - c.mean_before_exact, 2, lang, truncate)
    ref = say["yoy"].format(year=c.from_period[:4]) if c.year_on_year else period_label(c.from_period, lang)
    mean = format_decimal(c.mean_after_exact, 2, lang, truncate)
    text = say["mean_same" if change == _CHANGE[lang][2] else "mean"].format(mean=mean, change=change, ref=ref)
    text += say["total"].format(total=format_count(c.total_after, lang),
                                total_change=change_phrase(Fraction(c.total_after - c.total_before), 0, lang))
    gained = [x for x in c.communes if x.gained]
    lost = [x for x in c.communes if x.lost]
    pad = lang == "vi"
    if c.criteria_compared:
        text += say["counts"].format(gained=format_count(len(gained), lang, pad),
                                     lost=format_count(len(lost), lang, pad))
    if c.reached_all:
        text += say["reached"].format(size=c.n_all_criteria[1], names=_names(c.reached_all))
    if lost:
        text += say["lost"].format(items="; ".join(
            say["lost_item"].format(commune=x.commune, criteria=", ".join(map(str, x.lost))) for x in lost))
    for key, names in (("added", c.added), ("removed", c.removed)):
        if names:
            text += say[key].format(period=period_label(c.to_period, lang), names=_names(names))
    for b in c.boundary_changes:
        date = _vi_date(b["date"]) if lang == "vi" else b["date"]
        text += say["merged"].format(commune=b["commune"], names=_names(b["merged_from"]), date=date)
    return text


def _vi_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def target_text(status, lang: str = "vi") -> str:
    """One target's sentence: where it stands, what is missing, and whether time is up."""
    from .periods import period_label
    from .targets import IN_PROGRESS, MET, MISSED, NO_DATA

    s = status
    who = _names(s.communes)
    due = period_label(s.due, lang)
    if s.state == NO_DATA:
        return (f"{s.target}: chưa có số liệu để đánh giá ({who})." if lang == "vi"
                else f"{s.target}: no data to measure it ({who}).").replace(" ().", ".")
    body = _target_clause(s, lang)
    if s.state == MET:
        return body + "."
    if s.state == IN_PROGRESS:
        return body + (f" (hạn {due})." if lang == "vi" else f" (due {due}).")
    assert s.state == MISSED
    return body + (f". Chưa hoàn thành mục tiêu (hạn {due})." if lang == "vi" else f". Target missed (due {due}).")


# Per kind: "met" when reached (if the kind words it apart), "none" when nothing is done yet (if
# it words that apart), "head" otherwise, then "gap" when something is still missing.
_TARGETS = {
    "vi": {
        "all_criteria": {"met": "{commune} đã đạt đủ {level} tiêu chí",
                         "head": "{commune} còn {n_missing} tiêu chí chưa đạt: {missing}"},
        "mean": {"head": "Bình quân đạt {actual} tiêu chí/xã, mục tiêu {level} tiêu chí/xã",
                 "gap": ": còn thiếu {gap}"},
        "min_met": {"met": "Không còn xã dưới {level} tiêu chí",
                    "head": "Còn {n_below} xã dưới {level} tiêu chí: {below}"},
        "villages_share": {"head": "{prefix}{count}/{of} thôn đạt chuẩn ({share}), mục tiêu {level}",
                           "gap": ": cần thêm {gap} thôn"},
        "recognised_share": {"head": "{prefix}{count}/{of} xã được công nhận ({share}), mục tiêu {level}",
                             "gap": ": cần thêm {gap} xã"},
        "model_areas": {"head": "{commune} đã hoàn thành {actual} khu dân cư NTM kiểu mẫu (mục tiêu {level})",
                        "none": "{commune} chưa hoàn thành khu dân cư NTM kiểu mẫu nào (mục tiêu {level})"},
        "advanced": {"met": "{commune} đã đạt chuẩn NTM nâng cao", "head": "{commune} chưa đạt chuẩn NTM nâng cao"},
    },
    "en": {
        "all_criteria": {"met": "{commune} meets all {level} criteria",
                         "head": "{commune} has {n_missing} criteria still to meet: {missing}"},
        "mean": {"head": "The average is {actual} criteria per commune against a target of {level}",
                 "gap": ": {gap} short"},
        "min_met": {"met": "No commune is below {level} criteria",
                    "head": "{n_below} communes are below {level} criteria: {below}"},
        "villages_share": {"head": "{prefix}{count} of {of} villages meet the standard ({share}) against a "
                                   "target of {level}", "gap": ": {gap} more needed"},
        "recognised_share": {"head": "{prefix}{count} of {of} communes recognised ({share}) against a target "
                                     "of {level}", "gap": ": {gap} more needed"},
        "model_areas": {"head": "{commune} has completed {actual} model residential area(s) (target {level})",
                        "none": "{commune} has not yet completed a model residential area (target {level})"},
        "advanced": {"met": "{commune} meets the advanced NTM standard",
                     "head": "{commune} does not yet meet the advanced NTM standard"},
    },
}
_DECIMALS = {"mean": 2}  # averages print two decimals; counts and criteria none


def _target_clause(s, lang: str) -> str:
    """One target's clause, without its full stop."""
    say = _TARGETS[lang][s.kind]
    decimals = _DECIMALS.get(s.kind, 0)
    share_kind = s.kind.endswith("_share")
    values = {
        "commune": s.communes[0] if s.communes else "", "prefix": f"{_names(s.communes)}: " if s.communes else "",
        "actual": format_decimal(s.actual, decimals, lang),
        "level": (format_decimal(Fraction(str(s.value)) * 100, 1, lang) + "%") if share_kind
        else format_decimal(Fraction(str(s.value)), decimals, lang),
        "gap": format_decimal(Fraction(str(s.gap)), decimals, lang),
        "missing": ", ".join(map(str, s.missing)), "n_missing": format_count(len(s.missing), lang),
        "below": _names(s.below), "n_below": format_count(len(s.below), lang, pad=lang == "vi"),
        "count": s.count, "of": s.of, "share": share_text(s.count, s.of, lang) if share_kind else "",
    }
    if s.gap == 0 and "met" in say:
        return say["met"].format(**values)
    if s.actual == 0 and "none" in say:
        return say["none"].format(**values)
    return say["head"].format(**values) + (say["gap"].format(**values) if s.gap and "gap" in say else "")


def lagging_text(lagging, n_communes: int, lang: str = "vi", top: int | None = None) -> str:
    """The least met criteria, as a review names them for work: the ``top`` first, or (None)
    every criterion at the lowest count, ties included."""
    from .figures import least_met

    rows = least_met(lagging) if top is None else lagging.head(top)
    parts = []
    for row in rows.itertuples(index=False):
        name = row.name_vi if lang == "vi" else row.name_en
        share = share_text(row.n_met, n_communes, lang)
        if lang == "vi":
            parts.append(f"tiêu chí {row.criterion} ({name}): {format_count(row.n_met, lang, pad=True)}/"
                         f"{n_communes} xã đạt ({share})")
        else:
            parts.append(f"criterion {row.criterion} ({name}): {row.n_met} of {n_communes} communes ({share})")
    head = "Các tiêu chí đạt thấp nhất: " if lang == "vi" else "Least met criteria: "
    return head + "; ".join(parts) + "."


def recognition_text(summary: PeriodSummary, lang: str = "vi") -> str:
    """Recognised communes and communes meeting all criteria now: two different counts."""
    size = summary.n_criteria
    all_met = format_count(summary.n_all_met, lang, pad=lang == "vi")
    if summary.n_recognised is None:
        return (f"{all_met} xã hiện đạt đủ {size} tiêu chí." if lang == "vi"
                else f"{all_met} communes currently meet all {size} criteria.")
    recognised = format_count(summary.n_recognised, lang, pad=lang == "vi")
    if lang == "vi":
        return (f"Lũy kế {recognised} xã được công nhận đạt chuẩn NTM; {all_met} xã hiện đạt đủ "
                f"{size} tiêu chí.")
    return f"{recognised} communes have been recognised as meeting the NTM standard; {all_met} currently meet all {size} criteria."


def band_table(summary: PeriodSummary, lang: str = "vi"):
    """The bands as a table to show: band, communes, share, in the language's number format."""
    import pandas as pd

    heads = ("Nhóm", "Số xã", "Tỷ lệ") if lang == "vi" else ("Band", "Communes", "Share")
    return pd.DataFrame({
        heads[0]: [band_phrase(b, lang) for b in summary.bands],
        heads[1]: [format_count(b.n, lang) for b in summary.bands],
        heads[2]: [share_text(b.n, summary.n_communes, lang) for b in summary.bands],
    })
