"""Briefing charts in one house style: readable at slide size, colour-blind safe (Okabe-Ito),
a source line under each chart, numbers in the language's format (9,84 · 1.922 · 21,1%).

Each function returns a matplotlib Figure and draws only what the figures functions computed,
so tests can compare bar heights and labels with the numbers.
"""

from __future__ import annotations

import textwrap
from contextlib import contextmanager
from fractions import Fraction

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .periods import period_label
from .text import BASICALLY_MET, MET, NOT_MET, format_decimal

# Okabe-Ito, the colour-blind safe palette
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, BLACK = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
GREY = "#BBBBBB"
STATUS_COLOURS = {MET: GREEN, BASICALLY_MET: ORANGE, NOT_MET: "#E8E8E8"}
STYLE = {
    "font.family": "DejaVu Sans",  # carries every Vietnamese letter
    "font.size": 12, "axes.titlesize": 15, "axes.titleweight": "bold", "axes.labelsize": 12,
    "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": 11,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "figure.dpi": 100, "savefig.dpi": 300, "svg.hashsalt": "ntm_analysis",
}
WORDS = {
    "vi": {"communes": "Số xã", "criteria_met": "Số tiêu chí đạt", "share": "Tỷ lệ xã đạt",
           "by_count": "Số xã theo số tiêu chí đạt", "by_band": "Số xã theo nhóm tiêu chí",
           "heatmap": "Kết quả từng tiêu chí theo xã", "criteria": "Tỷ lệ xã đạt từng tiêu chí",
           "change": "Thay đổi số tiêu chí đạt", "trend": "Bình quân tiêu chí/xã qua các kỳ",
           "targets": "Tiến độ thực hiện mục tiêu",
           "met": "Đạt", "basically_met": "Cơ bản đạt", "not_met": "Chưa đạt", "gained": "Tăng",
           "lost": "Giảm", "mean": "Bình quân", "source": "Nguồn", "criterion": "Tiêu chí",
           "progress": "Mức đạt so với mục tiêu", "under": "dưới", "per_commune": "Tiêu chí/xã"},
    "en": {"communes": "Communes", "criteria_met": "Criteria met", "share": "Share of communes",
           "by_count": "Communes by criteria met", "by_band": "Communes by band",
           "heatmap": "Criteria met by commune", "criteria": "Share of communes meeting each criterion",
           "change": "Change in criteria met", "trend": "Average criteria per commune",
           "targets": "Progress against targets",
           "met": "Met", "basically_met": "Basically met", "not_met": "Not met", "gained": "Gained",
           "lost": "Lost", "mean": "Average", "source": "Source", "criterion": "Criterion",
           "progress": "Level reached against the target", "under": "under",
           "per_commune": "Criteria per commune"},
}


@contextmanager
def house_style():
    """The rcParams of every chart, applied only while it is drawn or saved."""
    with mpl.rc_context(STYLE):
        yield


def _figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure outside pyplot's global state: nothing accumulates when an explorer redraws."""
    fig = Figure(figsize=kwargs.pop("figsize", (11, 5.5)), layout=None)
    return fig, fig.subplots(nrows, ncols, **kwargs)


def _number(lang: str, decimals: int = 0):
    return FuncFormatter(lambda v, _: format_decimal(Fraction(str(round(v, 6))), decimals, lang))


def _percent(lang: str):
    return FuncFormatter(lambda v, _: format_decimal(Fraction(str(round(v * 100, 6))), 0, lang) + "%")


def _finish(fig: Figure, ax, title: str, source: str, lang: str) -> Figure:
    ax.set_title(title, loc="left")
    fig.text(0.01, 0.01, f"{WORDS[lang]['source']}: {source}", fontsize=9, color="#555555",
             ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def _label_bars(ax, bars, values, lang: str, decimals: int = 0, percent: bool = False,
                horizontal: bool = False) -> None:
    """Each bar's value written at its end, in the language's number format."""
    for bar, value in zip(bars, values):
        text = format_decimal(Fraction(str(round(value * (100 if percent else 1), 6))), decimals, lang)
        text += "%" if percent else ""
        if horizontal:
            ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=10)
        else:
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 3),
                        textcoords="offset points", ha="center", fontsize=10)


def _count_axes(ax, lang: str) -> None:
    """Criteria met along x, a whole number of communes up y."""
    ax.set_xlabel(WORDS[lang]["criteria_met"])
    ax.set_ylabel(WORDS[lang]["communes"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(_number(lang))


def band_label(low: int, high: int, lang: str) -> str:
    """A band on an axis: "19", "15–18", "dưới 5"."""
    if low == high:
        return str(low)
    if low == 0:
        return f"{WORDS[lang]['under']} {high + 1}"
    return f"{low}\u2013{high}"


def distribution_chart(snapshot, lang: str = "vi", source: str = "") -> Figure:
    """Communes by exact number of criteria met, 0 … all, with the count on each bar."""
    counts = snapshot.met_count.value_counts().reindex(range(snapshot.criteria_set.size + 1),
                                                       fill_value=0)
    with house_style():
        fig, ax = _figure(figsize=(11, 5.5))
        bars = ax.bar(counts.index, counts.to_numpy(), color=BLUE, width=0.75)
        _label_bars(ax, [b for b, v in zip(bars, counts) if v], [v for v in counts if v], lang)
        ax.set_xticks(list(counts.index))
        _count_axes(ax, lang)
        title = f"{WORDS[lang]['by_count']} \u2014 {period_label(snapshot.period, lang)}"
        return _finish(fig, ax, title, source, lang)


def band_chart(summary, lang: str = "vi", source: str = "") -> Figure:
    """Communes in each band of a summary, in the bands' order, with count and share on bars."""
    with house_style():
        fig, ax = _figure(figsize=(9, 5.5))
        labels = [band_label(b.low, b.high, lang) for b in summary.bands]
        bars = ax.bar(labels, [b.n for b in summary.bands], color=[GREEN] + [BLUE] * (len(labels) - 1))
        for bar, band in zip(bars, summary.bands):
            share = format_decimal(Fraction(100 * band.n, summary.n_communes or 1), 1, lang)
            ax.annotate(f"{band.n} ({share}%)", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 3), textcoords="offset points", ha="center", fontsize=10)
        _count_axes(ax, lang)
        title = f"{WORDS[lang]['by_band']} \u2014 {period_label(summary.period, lang)}"
        return _finish(fig, ax, title, source, lang)


def heatmap_chart(snapshot, lang: str = "vi", source: str = "") -> Figure:
    """Commune × criterion grid coloured by status: met, basically met, not met."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    codes = snapshot.status
    with house_style():
        height = max(4.0, 0.38 * len(codes) + 1.8)
        fig, ax = _figure(figsize=(12, height))
        cmap = ListedColormap([STATUS_COLOURS[NOT_MET], STATUS_COLOURS[BASICALLY_MET], STATUS_COLOURS[MET]])
        ax.imshow(codes.to_numpy(), cmap=cmap, vmin=0, vmax=2, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(codes.shape[1]), [str(c) for c in codes.columns])
        ax.set_yticks(range(codes.shape[0]), list(codes.index))
        ax.set_xticks([x - 0.5 for x in range(1, codes.shape[1])], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, codes.shape[0])], minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel(WORDS[lang]["criterion"])
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.legend(handles=[Patch(color=STATUS_COLOURS[s], label=WORDS[lang][n]) for s, n in
                           ((MET, "met"), (BASICALLY_MET, "basically_met"), (NOT_MET, "not_met"))],
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        title = f"{WORDS[lang]['heatmap']} \u2014 {period_label(snapshot.period, lang)}"
        return _finish(fig, ax, title, source, lang)


def criteria_chart(lagging, n_communes: int, period: str, lang: str = "vi", source: str = "",
                   levels: int = 1) -> Figure:
    """Share of communes meeting each criterion, least met at the top; the criteria at the
    ``levels`` lowest counts (ties included) in vermilion, so the lagging ones stand out."""
    from .figures import least_met

    table = lagging.iloc[::-1]  # least met drawn last, at the top
    names = table["name_vi"] if lang == "vi" else table["name_en"]
    labels = [f"{c}. {n}" for c, n in zip(table["criterion"], names)]
    lagging_set = set(least_met(lagging, levels)["criterion"])
    colours = [VERMILION if c in lagging_set else BLUE for c in table["criterion"]]
    with house_style():
        fig, ax = _figure(figsize=(11, max(4.0, 0.42 * len(table) + 1.6)))
        bars = ax.barh(labels, table["share"].to_numpy(), color=colours)
        _label_bars(ax, bars, table["share"].to_numpy(), lang, 1, percent=True, horizontal=True)
        ax.set_xlim(0, 1.12)
        ax.xaxis.set_major_formatter(_percent(lang))
        ax.set_xlabel(f"{WORDS[lang]['share']} ({n_communes} {'xã' if lang == 'vi' else 'communes'})")
        title = f"{WORDS[lang]['criteria']} \u2014 {period_label(period, lang)}"
        return _finish(fig, ax, title, source, lang)


def change_chart(comparison, lang: str = "vi", source: str = "") -> Figure:
    """Per commune the criteria gained (right) and lost (left) between two periods."""
    rows = sorted(comparison.communes, key=lambda c: (len(c.gained) - len(c.lost), c.commune))
    with house_style():
        fig, ax = _figure(figsize=(11, max(4.0, 0.38 * len(rows) + 1.8)))
        names = [c.commune for c in rows]
        gained = [len(c.gained) for c in rows]
        lost = [-len(c.lost) for c in rows]
        up = ax.barh(names, gained, color=GREEN, label=WORDS[lang]["gained"])
        down = ax.barh(names, lost, color=VERMILION, label=WORDS[lang]["lost"])
        _label_bars(ax, [b for b, v in zip(up, gained) if v], [v for v in gained if v], lang, horizontal=True)
        for bar, value in zip(down, lost):
            if value:
                ax.annotate(str(value), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                            xytext=(-4, 0), textcoords="offset points", ha="right", va="center", fontsize=10)
        ax.axvline(0, color=BLACK, linewidth=0.8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(WORDS[lang]["criteria_met"])
        ax.legend(frameon=False, loc="lower right")
        title = (f"{WORDS[lang]['change']}: {period_label(comparison.from_period, lang)} \u2192 "
                 f"{period_label(comparison.to_period, lang)}")
        return _finish(fig, ax, title, source, lang)


def trend_chart(trend, lang: str = "vi", source: str = "") -> Figure:
    """The average criteria per commune over periods (line, values marked) and the communes in
    each band (stacked bars)."""
    band_columns = [c for c in trend.columns if c.startswith("band_")]
    with house_style():
        fig, (top, bottom) = _figure(2, 1, figsize=(11, 8), sharex=True,
                                          gridspec_kw={"height_ratios": [1, 1.2]})
        x = list(range(len(trend)))
        top.plot(x, trend["mean_met"].to_numpy(), color=BLUE, marker="o", linewidth=2.5,
                 label=WORDS[lang]["mean"])
        for xi, value in zip(x, trend["mean_met"]):
            top.annotate(format_decimal(Fraction(str(round(value, 6))), 2, lang), (xi, value),
                         xytext=(0, 7), textcoords="offset points", ha="center", fontsize=10)
        top.set_ylabel(WORDS[lang]["per_commune"])
        top.yaxis.set_major_formatter(_number(lang, 1))
        top.margins(y=0.25)
        bottom_edge = [0] * len(trend)
        palette = [GREEN, SKY, BLUE, ORANGE, VERMILION, PURPLE, YELLOW, BLACK]
        for i, column in enumerate(band_columns):
            low, _, high = column[5:].partition("-")
            label = band_label(int(low), int(high or low), lang)
            values = trend[column].to_numpy()
            bottom.bar(x, values, bottom=bottom_edge, color=palette[i % len(palette)], label=label, width=0.7)
            bottom_edge = [b + v for b, v in zip(bottom_edge, values)]
        bottom.set_ylabel(WORDS[lang]["communes"])
        bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
        bottom.legend(title=WORDS[lang]["criteria_met"], frameon=False, loc="upper left",
                      bbox_to_anchor=(1.0, 1.0))
        bottom.set_xticks(x, [period_label(p, lang).replace(" năm ", "/") for p in trend.index],
                          rotation=30, ha="right")
        return _finish(fig, top, WORDS[lang]["trend"], source, lang)


def targets_chart(statuses, lang: str = "vi", source: str = "") -> Figure:
    """Each target's level reached as a share of the level to reach (capped at 100%)."""
    from .targets import MET as REACHED

    measured = [s for s in statuses if s.actual is not None and s.value]
    labels = [textwrap.fill(f"{s.target} \u2014 {', '.join(s.communes)}" if s.communes else s.target, 42)
              for s in measured]
    progress = [min(1.0, float(s.actual) / float(s.value)) for s in measured]
    with house_style():
        fig, ax = _figure(figsize=(12, max(3.5, 0.75 * len(measured) + 1.6)))
        bars = ax.barh(labels[::-1], progress[::-1],
                       color=[GREEN if s.state == REACHED else ORANGE for s in measured][::-1])
        _label_bars(ax, bars, progress[::-1], lang, 0, percent=True, horizontal=True)
        ax.set_xlim(0, 1.15)
        ax.xaxis.set_major_formatter(_percent(lang))
        ax.set_xlabel(WORDS[lang]["progress"])
        period = measured[0].period if measured else ""
        title = WORDS[lang]["targets"] + (f" \u2014 {period_label(period, lang)}" if period else "")
        return _finish(fig, ax, title, source, lang)
