"""What each view of the explorer shows, computed once in one language: the unit for a period,
one commune across periods, one criterion across communes and periods, and two periods compared.

A ``View`` holds a title, headline figures, sentences, a chart (a matplotlib Figure), a table with
headers in the language and cells written as the language writes numbers, and notes. Nothing
here knows about widgets: ``widgets.py`` only renders views, so the dashboard, a notebook or a
test read the same computed view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import explore_charts
from .bands import BandError
from .figures import PeriodSummary, lagging_criteria, recognised_since, recognised_years, summarise_snapshot
from .model import Assessment, Snapshot
from .text import MET, format_count, format_decimal, vi_sort_key
from .vocab import (count_noun, count_text, explorer_message, explorer_phrase, explorer_word, quarter_label, quarter_range, quarter_short,
                    status_label)
from .wording import band_table, compare_text, lagging_text, recognition_text, share_text, summary_text


@dataclass
class View:
    """One view as shown: everything a renderer needs, already in the chosen language."""

    title: str
    kpis: list[tuple[str, str]] = field(default_factory=list)  # (caption, value as written)
    paragraphs: list[str] = field(default_factory=list)
    figure: object = None  # a matplotlib Figure
    table: pd.DataFrame | None = None  # headers in the language; cells as text
    notes: list[str] = field(default_factory=list)  # warnings about what is shown
    message: str = ""  # why nothing else can be shown (a bad band, two equal periods …)
    data: object = None  # the figures computed (summary, comparison, history …)


# ---------------------------------------------------------------------------------------------
# Units: the districts the data's communes belong to
# ---------------------------------------------------------------------------------------------


def units(assessment: Assessment) -> list[str]:
    """The districts of the assessed communes (the data's own, else the register's), in
    Vietnamese alphabetical order: a national register's districts with no commune in the data
    are not offered (they would read as zero). Quarters after the districts were abolished
    (1/7/2025) add none."""
    from .units import unit_names, units_problem

    names: set[str] = set()
    for period in assessment.periods:
        snap = assessment.snapshot(period)
        if units_problem(snap, "district") is None:
            names.update(unit_names(snap, "district"))
    return sorted(names, key=vi_sort_key)


def unit_snapshot(assessment: Assessment, period: str, unit: str | None = None) -> Snapshot:
    """The snapshot of ``period`` limited to the communes of ``unit`` (all of them for None); a
    district of one name in two provinces is the one ``units`` names with its province."""
    from .units import take_rows, units_of

    snap = assessment.snapshot(period)
    if unit is None:
        return snap
    return take_rows(snap, np.flatnonzero(units_of(snap, "district").to_numpy(dtype=object) == unit))


def _data_units(assessment: Assessment) -> pd.DataFrame | None:
    """The distinct (province, district) pairs of the assessed communes over every period, kept
    on the assessment (the title is asked at every redraw)."""
    if "_data_units" not in assessment.__dict__:
        frames = [s.units.drop_duplicates() for s in assessment.snapshots.values() if len(s.units.columns)]
        assessment.__dict__["_data_units"] = pd.concat(frames).drop_duplicates() if frames else None
    return assessment.__dict__["_data_units"]


def unit_title(assessment: Assessment, unit: str | None, lang: str) -> str:
    """"Huyện Lộc Bình" for a district (or for data of one district); for the whole data, the
    unit the review pack would name ("Tỉnh Tam Mỹ"), else "Toàn bộ dữ liệu"."""
    if unit is not None:
        return explorer_word("district", lang, name=unit)
    from .review import unit_of

    whole = unit_of(assessment.communes, [], _data_units(assessment))
    if whole.level in ("district", "province") and whole.name:
        return whole.label(lang, head=True)
    return explorer_word("all_units", lang)


def chart_unit(assessment: Assessment, unit: str | None):
    """The unit a chart of the explorer names in its title and source line (a ``review.Unit``):
    the chosen district with its province, else the whole data's unit as the review pack names
    it ("huyện Lộc Bình, tỉnh Lạng Sơn")."""
    from .review import Unit, data_sources, unit_of

    if unit is None:
        units = assessment.snapshot().units if assessment.snapshots else None
        return unit_of(assessment.communes, data_sources(assessment), units)
    pairs, provinces = _data_units(assessment), set()
    if pairs is not None and {"district", "province"} <= set(pairs.columns):
        provinces = {p for p in pairs.loc[pairs["district"] == unit, "province"] if isinstance(p, str) and p}
    if len(provinces) != 1:  # the whole data's province, when it is one
        whole = chart_unit(assessment, None)
        provinces = {whole.name if whole.level == "province" else whole.parent} - {None}
    return Unit("district", unit, provinces.pop() if len(provinces) == 1 else None)


def commune_unit(assessment: Assessment, commune: str, period: str) -> str | None:
    """The district of ``commune`` in ``period`` when the data has several (None otherwise: the
    whole data's unit is the commune's)."""
    from .units import units_of

    if len(units(assessment)) < 2:
        return None
    snap = assessment.snapshot(period)
    if commune not in snap.status.index:
        return None
    district = units_of(snap, "district").get(commune)
    return district if isinstance(district, str) and district else None


# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------


def band_message(error: BandError, lang: str = "vi") -> str:
    """A band specification's problem said in ``lang``."""
    kind = getattr(error, "kind", "")
    try:
        return explorer_message(kind, lang, **error.params)
    except (KeyError, AttributeError):
        return explorer_message("bands", lang) + (f" ({error})" if lang == "en" else "")


# ---------------------------------------------------------------------------------------------
# The unit for a period
# ---------------------------------------------------------------------------------------------


def overview(assessment: Assessment, period: str, *, bands: str | None = None, unit: str | None = None,
             lang: str = "vi", source: str = "") -> View:
    """The unit's figures for ``period``: headline numbers, the report paragraph, communes meeting
    all criteria, the least met criteria, the band chart and the band table."""
    title = f"{unit_title(assessment, unit, lang)} \u2014 {quarter_label(period, lang)}"
    snap = unit_snapshot(assessment, period, unit)
    if not len(snap.communes):
        return View(title, message=explorer_message("no_data_unit", lang, period=quarter_short(period, lang)))
    try:
        summary = summarise_snapshot(assessment, snap, bands)
    except BandError as exc:
        return View(title, message=band_message(exc, lang))
    summary.text = summary_text(summary, lang)
    kpis = [(explorer_word("kpi_communes", lang), format_count(summary.n_communes, lang)),
            (explorer_word("kpi_total", lang), format_count(summary.total_met, lang)),
            (explorer_word("kpi_mean", lang), format_decimal(summary.mean_exact, 2, lang)),
            (explorer_word("kpi_all_met", lang, size=summary.n_criteria), format_count(summary.n_all_met, lang))]
    if summary.n_recognised is not None:
        kpis.append((explorer_word("kpi_recognised", lang), format_count(summary.n_recognised, lang)))
    paragraphs = [summary.text, recognition_text(summary, lang)]
    if summary.n_communes:
        paragraphs.append(lagging_text(lagging_criteria(snap, communes=False), summary.n_communes, lang))
    notes = []
    if summary.outside_bands:
        notes.append(explorer_message("outside_bands", lang, n=count_noun(len(summary.outside_bands), "commune", lang),
                                      names=", ".join(summary.outside_bands)))
    from . import charts

    chart = charts.band_chart(summary, lang, source, unit=chart_unit(assessment, unit))
    return View(title, kpis, paragraphs, chart, band_table(summary, lang), notes, data=summary)


# ---------------------------------------------------------------------------------------------
# One commune across periods
# ---------------------------------------------------------------------------------------------


def commune_history(assessment: Assessment, commune: str) -> pd.DataFrame:
    """Per period the commune was assessed in: criteria met, basically met, and the set's size."""
    rows = {}
    for period, snap in assessment.snapshots.items():
        if commune in snap.status.index:
            row = snap.status.loc[commune]
            rows[period] = {"met": int((row == MET).sum()), "basically_met": int((row == 1).sum()),
                            "size": snap.criteria_set.size}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["met", "basically_met", "size"])
    return frame.rename_axis("period")


def _comparable_periods(assessment: Assessment, period: str) -> list[str]:
    """Periods whose criteria set numbers its criteria as ``period``'s does (criteria compared by
    number within sets of the same numbering, as ``compare`` does)."""
    numbers = assessment.snapshot(period).criteria_set.numbers
    return [p for p, s in assessment.snapshots.items() if s.criteria_set.numbers == numbers]


def commune_lacks(assessment: Assessment, commune: str, period: str) -> pd.DataFrame:
    """The criteria ``commune`` does not meet in ``period``: number, status code, and the last
    period up to ``period`` in which it met it (None if in none)."""
    snap = assessment.snapshot(period)
    row = snap.status.loc[commune]
    earlier = [p for p in _comparable_periods(assessment, period) if p < period][::-1]
    out = []
    for number, code in row.items():
        if code == MET:
            continue
        last = next((p for p in earlier if commune in assessment.snapshot(p).status.index
                     and assessment.snapshot(p).status.at[commune, number] == MET), None)
        out.append({"criterion": int(number), "status": int(code), "last_met": last})
    return pd.DataFrame(out, columns=["criterion", "status", "last_met"])


def setbacks(series: pd.Series) -> list[tuple[str, str, int]]:
    """The falls along a series of counts by period: (first period, last period, lowest count) of
    each run of periods below the count just before the run, until it is reached again. A run
    that lasts to the end and whose lowest count is the last is left out (the endpoints say it).

    >>> setbacks(pd.Series([19, 19, 18, 18, 19, 19], index=["a", "b", "c", "d", "e", "f"]))
    [('c', 'd', 18)]
    """
    values, periods = [int(v) for v in series], list(series.index)
    found, i = [], 1
    while i < len(values):
        if values[i] < values[i - 1]:
            level, start = values[i - 1], i
            while i < len(values) and values[i] < level:
                i += 1
            low = min(values[start:i])
            if i < len(values) or low < values[-1]:
                found.append((periods[start], periods[i - 1], low))
        else:
            i += 1
    return found


def _history_sentence(series: pd.Series, noun: str, lang: str) -> str | None:
    """The path of ``series`` over its periods, not only its ends: "Từ quý I/2020 đến quý IV/2021:
    trở lại 19 tiêu chí như đầu kỳ, sau khi giảm xuống 18 tiêu chí trong quý III–IV/2020."."""
    if len(series) < 2:
        return None
    before, after = int(series.iloc[0]), int(series.iloc[-1])
    noun_text = explorer_phrase(noun, lang)
    # counts of communes are written as reports write counts ("04 xã đạt"); criteria met as levels
    number = (lambda v: count_text(v, lang)) if noun == "noun_communes" else (lambda v: format_count(v, lang))
    dips = explorer_phrase("history_and", lang).join(
        explorer_phrase("history_dip", lang, low=number(low), noun=noun_text,
                        span=quarter_range(start, end, lang))
        for start, end, low in setbacks(series))
    key = "history_up" if after > before else "history_down" if after < before else \
        "history_back" if dips else "history_same"
    return explorer_phrase(key, lang, first=quarter_short(series.index[0], lang),
                           last=quarter_short(series.index[-1], lang), before=number(before),
                           after=number(after), noun=noun_text, dips=dips,
                           path=explorer_phrase("history_path", lang, dips=dips) if dips else "")


def commune_view(assessment: Assessment, commune: str, period: str, *, lang: str = "vi",
                 source: str = "", unit: str | None = None) -> View:
    """One commune: criteria met in ``period`` and over every period, the criteria it still lacks
    (and when it last met each), and its recognition year when the register has one. The chart
    names ``unit`` (default: the commune's district, or the whole data's unit)."""
    snap = assessment.snapshot(period)
    title = f"{commune} \u2014 {quarter_label(period, lang)}"
    if commune not in snap.status.index:
        return View(title, message=explorer_message("no_commune", lang))
    history = commune_history(assessment, commune)
    size = snap.criteria_set.size
    met, basic = int(history.at[period, "met"]), int(history.at[period, "basically_met"])
    lacks = commune_lacks(assessment, commune, period)
    kpis = [(explorer_word("kpi_met", lang), f"{format_count(met, lang)}/{size}"),
            (explorer_word("kpi_basically_met", lang), format_count(basic, lang)),
            (explorer_word("kpi_not_met", lang), format_count(size - met - basic, lang))]
    numbers = ", ".join(str(n) for n in lacks["criterion"])
    text = [explorer_phrase("commune_head", lang, commune=commune, period=quarter_short(period, lang),
                            met=format_count(met, lang), size=size)]
    text.append(explorer_phrase("commune_lacks", lang, n=count_noun(len(lacks), "criterion", lang), numbers=numbers) if len(lacks)
                else explorer_phrase("commune_all", lang, size=size))
    if basic:
        text.append(explorer_phrase("commune_basic", lang, n=count_text(basic, lang)))
    lost = lacks[lacks["last_met"].notna()]
    if len(lost):
        text.append(explorer_phrase("commune_lost", lang, numbers=", ".join(map(str, lost["criterion"]))))
    paragraphs = [" ".join(text)]
    history_text = _history_sentence(history["met"], "noun_criteria", lang)
    if history_text:
        paragraphs.append(history_text)
    year = assessment.communes["recognised_year"].get(commune) if "recognised_year" in assessment.communes else None
    if year is not None and not pd.isna(year):  # counted as the report counts it (figures.recognised_since)
        if len(recognised_years(assessment, period, [commune])):
            paragraphs.append(explorer_phrase("commune_recognised", lang, year=int(year)))
        else:
            paragraphs.append(explorer_phrase("commune_recognised_later", lang, year=int(year),
                                              since=quarter_short(recognised_since(assessment, commune), lang),
                                              period=quarter_short(period, lang)))
    table = None
    if len(lacks):
        table = pd.DataFrame({
            explorer_word("col_criterion", lang): lacks["criterion"].astype(str),
            explorer_word("col_name", lang): [snap.criteria_set.criterion(n).name(lang) for n in lacks["criterion"]],
            explorer_word("col_status", lang): [status_label(s, lang) for s in lacks["status"]],
            explorer_word("col_last_met", lang): [quarter_label(p, lang) if isinstance(p, str) else
                                                  explorer_word("never_met", lang) for p in lacks["last_met"]],
        })
    figure = explore_charts.commune_history_chart(
        history, commune=commune, current=period, lang=lang, source=source,
        unit=chart_unit(assessment, unit or commune_unit(assessment, commune, period)).label(lang),
        when=quarter_range(history.index[0], history.index[-1], lang))
    return View(title, kpis, paragraphs, figure, table, data=history)


# ---------------------------------------------------------------------------------------------
# One criterion across communes and periods
# ---------------------------------------------------------------------------------------------


def criterion_grid(assessment: Assessment, criterion: int, period: str,
                   unit: str | None = None) -> pd.DataFrame:
    """Status codes of one criterion: communes (rows, ``period``'s first) × the periods assessed
    against a set numbered as ``period``'s (columns); NaN where a commune was not assessed."""
    columns = {p: unit_snapshot(assessment, p, unit).status[criterion]
               for p in _comparable_periods(assessment, period)}
    communes = list(dict.fromkeys([*columns[period].index, *(c for s in columns.values() for c in s.index)]))
    grid = pd.DataFrame({p: s.reindex(communes).astype(float) for p, s in columns.items()}, index=communes)
    return grid.rename_axis(index="commune", columns="period")


def criterion_view(assessment: Assessment, criterion: int, period: str, *, unit: str | None = None,
                   lang: str = "vi", source: str = "") -> View:
    """One criterion: communes meeting it in ``period`` and in every comparable period, the
    communes still missing it, and the commune × period grid."""
    snap = unit_snapshot(assessment, period, unit)
    name = snap.criteria_set.criterion(criterion).name(lang)
    title = f"{explorer_word('criterion', lang)} {criterion}. {name} \u2014 {quarter_label(period, lang)}"
    grid = criterion_grid(assessment, criterion, period, unit)
    met_by_period, n_by_period = (grid == MET).sum(axis=0), grid.notna().sum(axis=0)
    n, met = int(n_by_period[period]), int(met_by_period[period])
    share = share_text(met, n, lang)
    column = snap.codes[snap.vi_order, snap.criteria_set.numbers.index(criterion)]
    missing = snap.names[snap.vi_order[column != MET]].tolist()  # named in Vietnamese order
    kpis = [(explorer_word("kpi_communes_met", lang), f"{format_count(met, lang)}/{format_count(n, lang)}"),
            (explorer_word("kpi_share", lang), share)]
    head = explorer_phrase("criterion_head", lang, number=criterion, name=name, period=quarter_short(period, lang),
                           met=count_text(met, lang), n=format_count(n, lang), share=share)
    tail = (explorer_phrase("criterion_missing", lang, names=", ".join(missing)) if missing
            else explorer_phrase("criterion_all", lang))
    paragraphs = [f"{head} {tail}"]
    history_text = _history_sentence(met_by_period, "noun_communes", lang)
    if history_text:
        paragraphs.append(history_text)
    notes = []
    left_out = [p for p in assessment.periods if p not in grid.columns]
    if left_out:
        notes.append(explorer_phrase("other_sets", lang, periods=", ".join(quarter_short(p, lang) for p in left_out)))
    # the communes of each period's cell in Vietnamese order (the grid keeps the period's order)
    named = grid.iloc[sorted(range(len(grid.index)), key=lambda i: vi_sort_key(grid.index[i]))]
    table = pd.DataFrame({
        explorer_word("col_period", lang): [quarter_label(p, lang) for p in grid.columns],
        explorer_word("col_communes_met", lang): [f"{format_count(int(m), lang)}/{format_count(int(k), lang)}"
                                                  for m, k in zip(met_by_period, n_by_period)],
        explorer_word("col_share", lang): [share_text(int(m), int(k), lang) for m, k in zip(met_by_period, n_by_period)],
        explorer_word("col_communes_not_met", lang): [", ".join(named.index[(named[p] != MET) & named[p].notna()])
                                                      for p in grid.columns],
    })
    figure = explore_charts.criterion_chart(grid, number=criterion, name=name, current=period, lang=lang,
                                            source=source, unit=chart_unit(assessment, unit).label(lang),
                                            when=quarter_range(grid.columns[0], grid.columns[-1], lang))
    return View(title, kpis, paragraphs, figure, table, notes, data=grid)


# ---------------------------------------------------------------------------------------------
# Two periods compared
# ---------------------------------------------------------------------------------------------


def compare_view(assessment: Assessment, from_period: str, to_period: str, *, lang: str = "vi",
                 source: str = "", unit: str | None = None) -> View:
    """Two periods: the comparison paragraph, mean before and after, communes gaining and losing
    criteria, the chart of gains and losses and the per-commune table; of ``unit``'s communes
    (a district) or of all the data (None)."""
    from . import charts
    from .compare import compare

    first, last = quarter_label(from_period, lang), quarter_label(to_period, lang)
    title = f"{unit_title(assessment, unit, lang)} \u2014 {first} \u2192 {last}"  # as the overview's
    if from_period == to_period:
        return View(title, message=explorer_message("same_periods", lang))
    if from_period > to_period:
        return View(title, message=explorer_message("order", lang, first=quarter_short(from_period, lang),
                                                    last=quarter_short(to_period, lang)))
    subject = assessment
    if unit is not None:  # the unit's own communes, as the unit's own data would be compared
        from .units import unit_assessments

        subject = unit_assessments(assessment, "district", [from_period, to_period]).get(unit)
        missing = [p for p in (from_period, to_period) if subject is None or p not in subject.snapshots]
        if missing:
            return View(title, message=explorer_message("no_data_unit", lang, period=quarter_short(missing[0], lang)))
    result = compare(subject, from_period, to_period)
    short_first, short_last = quarter_short(from_period, lang), quarter_short(to_period, lang)
    kpis = [(explorer_word("kpi_mean_at", lang, period=short_first), format_decimal(result.mean_before_exact, 2, lang)),
            (explorer_word("kpi_mean_at", lang, period=short_last), format_decimal(result.mean_after_exact, 2, lang)),
            (explorer_word("kpi_gained", lang), format_count(sum(1 for c in result.communes if c.gained), lang)),
            (explorer_word("kpi_lost", lang), format_count(sum(1 for c in result.communes if c.lost), lang))]
    notes = []
    if result.criteria_sets[0] != result.criteria_sets[1]:
        notes.append(explorer_phrase("sets_differ", lang, before=result.criteria_sets[0], after=result.criteria_sets[1]))
    table = pd.DataFrame({
        explorer_word("col_commune", lang): [c.commune for c in result.communes],
        first: [format_count(c.before, lang) for c in result.communes],
        last: [format_count(c.after, lang) for c in result.communes],
        explorer_word("col_gained", lang): [", ".join(map(str, c.gained)) for c in result.communes],
        explorer_word("col_lost", lang): [", ".join(map(str, c.lost)) for c in result.communes],
    })
    # the chart's second title line names the unit first ("Huyện Lộc Bình, quý III/2021 → quý IV/2021"),
    # so that the quarters read in the sentence form both
    chart = charts.change_chart(result, lang, source, unit=chart_unit(assessment, unit))
    return View(title, kpis, [compare_text(result, lang)], chart, table, notes, data=result)


def summary_of(view: View) -> PeriodSummary | None:
    """The period figures behind an overview (None for other views or a view not shown)."""
    return view.data if isinstance(view.data, PeriodSummary) else None
