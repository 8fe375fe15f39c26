"""Briefing charts that brief honestly, in one house style.

Two layers, as seaborn does it:

- ``draw_*`` functions draw one chart on an ``ax=`` they are given and return it; they draw only
  what the figures functions computed, so tests compare bar heights, labels and legends with
  the numbers.
- The public chart functions (``band_chart``, ``distribution_chart``, ``heatmap_chart``,
  ``criteria_chart``, ``change_chart``, ``trend_chart``, ``targets_chart``) make a Figure in the
  house style around them: a title naming the chart, the unit and the chart's own period; a
  source line in the chart's language; one colour per band, legends wherever colour carries a
  meaning (and only for what is drawn); numbers in the language's format (9,84 · 1.922 · 21,1%).
  ``slides=True`` makes the 16:9 version for a projector (no text under 18 px at 1280×720).

Every string from the data is drawn literally: the house style turns matplotlib's mathtext off,
so a commune named "$x$" or "a\\b" is text, never markup, and never an error.
"""

from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction

import textwrap

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .text import BASICALLY_MET, MET, NOT_MET, format_count, format_decimal
from .vocab import (CHART_WORDS, check_lang, fraction_share_text, level_text, phrases, quarter_label, share_text,
                    quarter_short, toward_text, whole_unit)

# Okabe-Ito, the colour-blind safe palette
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, BLACK = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
GREY, LIGHT = "#999999", "#E8E8E8"
TARGET_MARK = "#333333"  # the targets chart's mark at a target's level
STATUS_COLOURS = {MET: GREEN, BASICALLY_MET: ORANGE, NOT_MET: LIGHT}
STATE_COLOURS = {"met": GREEN, "in progress": SKY, "due": ORANGE, "missed": VERMILION}
# Bands from the most criteria met to the fewest; more than five bands sample viridis.
BAND_PALETTE = (GREEN, BLUE, SKY, ORANGE, VERMILION)
_SPREAD = {1: (0,), 2: (0, 4), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}

LIMIT = 60  # communes drawn one by one; beyond, charts change form and say so
SHOWN = 40  # beyond the limit, the heatmap shows the SHOWN // 2 communes meeting most and fewest
SLIDE_LIMIT = 20

STYLE = {
    "font.family": "DejaVu Sans",  # carries every Vietnamese letter
    "font.size": 12, "axes.titlesize": 14, "axes.titleweight": "bold", "axes.labelsize": 12,
    "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": 11, "legend.title_fontsize": 11,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "figure.dpi": 100, "savefig.dpi": 300, "svg.hashsalt": "ntm_analysis", "svg.fonttype": "path",
    "text.parse_math": False,  # names from the data are text, never mathtext
}
# 16:9 at 1280×720 px (12.8 × 7.2 in at 100 dpi): 13.5 pt is 18.75 px, the smallest text drawn.
SLIDE_STYLE = dict(STYLE, **{"font.size": 16.5, "axes.titlesize": 19, "axes.labelsize": 16,
                             "xtick.labelsize": 15, "ytick.labelsize": 15, "legend.fontsize": 15,
                             "legend.title_fontsize": 15})
SLIDE_SIZE = (12.8, 7.2)
# Inches: the width of the review's charts (the small multiples drawn to it too). Close to the
# page's printed text width on A4 (180 mm, 7.1 in), so that the page scales a chart down to 83%
# only: ticks (11 pt) print at 9 pt, value labels (10 pt) at 8.3 pt, the source line (9 pt) at
# 7.5 pt (tests/test_print_sizes.py); drawn 11 in wide they printed at 7, 6.4 and 5.8 pt.
PAGE_WIDTH = 8.5
PAGE_HEIGHT = 4.5  # inches: a chart whose height does not follow its rows (bands, counts)
SOURCE_SIZE = {False: 9, True: 13.5}
NOTE_SIZE = {False: 10, True: 14}

# kept for callers of the old module: the chart words of each language
WORDS = CHART_WORDS


@contextmanager
def house_style(slides: bool = False):
    """The rcParams of every chart, applied only while it is drawn or saved."""
    with mpl.rc_context(SLIDE_STYLE if slides else STYLE):
        yield


def _words(lang: str) -> dict[str, str]:
    return CHART_WORDS[check_lang(lang)]


def _number(lang: str, decimals: int = 0):
    return FuncFormatter(lambda v, _: format_decimal(Fraction(str(round(v, 6))), decimals, lang))


def _number_at_ticks(ax, lang: str, decimals: int = 1):
    """Numbers with as many decimals as the ticks' spacing needs (at least ``decimals``): ticks
    every 0,05 read "14,25 · 14,30", never "14,3 · 14,3"."""
    def label(v, _):
        ticks = ax.yaxis.get_majorticklocs()
        step = min((b - a for a, b in zip(ticks, ticks[1:]) if b > a), default=1.0)
        places = decimals
        while places < 4 and abs(round(step, places) - step) > 1e-9:
            places += 1
        return format_decimal(Fraction(str(round(v, 6))), places, lang)
    return FuncFormatter(label)


def _percent(lang: str):
    return FuncFormatter(lambda v, _: format_decimal(Fraction(str(round(v * 100, 6))), 0, lang) + "%")


def _note_size(ax) -> float:
    """Annotations: the tick label size of the style the axes were made in."""
    return NOTE_SIZE[getattr(ax.figure, "ntm_slides", False)]


def band_label(low: int, high: int, lang: str) -> str:
    """A band on an axis or a legend: "19", "15–18", "dưới 5"."""
    if low == high:
        return str(low)
    if low == 0:
        return phrases(lang, "band")["axis_under"].format(limit=high + 1)
    return f"{low}\u2013{high}"


def band_colours(bands) -> list[str]:
    """One colour per band, by its place from the most criteria met to the fewest, so that a band
    has the same colour in every chart of a review."""
    order = sorted(range(len(bands)), key=lambda i: -bands[i].low)
    n = len(bands)
    if n <= len(BAND_PALETTE):
        colours = [BAND_PALETTE[k] for k in _SPREAD[n]] if n else []
    else:
        cmap = mpl.colormaps["viridis"]
        colours = [mpl.colors.to_hex(cmap(0.9 - 0.85 * i / (n - 1))) for i in range(n)]
    out = [""] * n
    for rank, i in enumerate(order):
        out[i] = colours[rank]
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _legend(ax, handles, **kwargs):
    """A legend of exactly the handles given (what is drawn), outside the bars."""
    if not handles:
        return None
    kwargs.setdefault("frameon", False)
    return ax.legend(handles=handles, **kwargs)


def _patch(colour: str, label: str):
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor="none", label=label)


# ---------------------------------------------------------------------------------------------
# Drawing functions: each draws on the ax it is given
# ---------------------------------------------------------------------------------------------


def draw_distribution(ax, met_count, n_criteria: int, bands, lang: str = "vi"):
    """Communes by exact number of criteria met, 0 … all, each bar in its band's colour and its
    count on top; the legend names the bands that hold a commune."""
    counts = met_count.value_counts().reindex(range(n_criteria + 1), fill_value=0)
    colours = band_colours(bands)
    bar_colours, drawn = [], {}
    for k in counts.index:
        i = next((j for j, b in enumerate(bands) if b.low <= k <= b.high), None)
        bar_colours.append(colours[i] if i is not None else GREY)
        if counts[k] and i is not None:
            drawn[i] = True
    bars = ax.bar(counts.index, counts.to_numpy(), color=bar_colours, width=0.75)
    for bar, value in zip(bars, counts):
        if value:
            ax.annotate(format_count(int(value), lang), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 3), textcoords="offset points", ha="center", fontsize=_note_size(ax))
    ax.set_xticks(list(counts.index), [str(k) for k in counts.index])
    _count_axes(ax, lang, counts.max())
    _legend(ax, [_patch(colours[i], band_label(bands[i].low, bands[i].high, lang)) for i in sorted(drawn)],
            title=_words(lang)["band"], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def draw_bands(ax, summary, lang: str = "vi"):
    """Communes in each band of a summary, in the bands' order, one colour per band, with the
    count and share written on each bar."""
    words = _words(lang)
    labels = [band_label(b.low, b.high, lang) for b in summary.bands]
    colours = band_colours(summary.bands)
    bars = ax.bar(labels, [b.n for b in summary.bands], color=colours)
    for bar, band in zip(bars, summary.bands):
        share = share_text(band.n, summary.n_communes or 1, lang)  # (as the text says it: 1 of 3.001 "<0,1%")
        ax.annotate(f"{format_count(band.n, lang)} ({share})", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3), textcoords="offset points", ha="center", fontsize=_note_size(ax))
    _count_axes(ax, lang, max((b.n for b in summary.bands), default=0))
    ax.set_xlabel(words["band"])
    ax.margins(y=0.12)
    return ax


def _count_axes(ax, lang: str, top: float) -> None:
    """Criteria met along x, a whole number of communes up y (``top`` the highest count)."""
    ax.set_xlabel(_words(lang)["criteria_met"])
    ax.set_ylabel(_words(lang)["communes"])
    _whole_counts(ax, lang, top)


def _whole_counts(ax, lang: str, top: float) -> None:
    """Whole numbers of communes up y, from 0; when every count is 0 (``top``), from 0 to 1:
    left to itself matplotlib spreads ticks over ±0,05 and labels every one of them "0"."""
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(_number(lang))
    if top <= 0:
        ax.set_ylim(0, 1)


def heatmap_rows(met_count, order: str = "register", limit: int = LIMIT) -> tuple[list[str], int]:
    """The communes a heatmap draws, in order, and how many it leaves out: all of them (in
    register order, or by criteria met) up to ``limit``; beyond, the half of ``min(limit,
    SHOWN)`` meeting most and the half meeting fewest."""
    names = list(met_count.index)
    if len(names) > limit:  # ties in Vietnamese alphabetical order: the communes shown are said
        from .text import vi_sort_key

        values = met_count.to_numpy()
        names = [names[i] for i in sorted(range(len(names)), key=lambda i: (-values[i], vi_sort_key(names[i])))]
    elif order == "met":
        ranked = met_count.reset_index(drop=True).sort_values(ascending=False, kind="stable").index
        names = [names[i] for i in ranked]
    if len(names) <= limit:
        return names, 0
    half = min(limit, SHOWN) // 2
    return names[:half] + names[-half:], len(names) - 2 * half


def heatmap_note(met_count, lang: str = "vi", order: str = "register", limit: int = LIMIT) -> str:
    """What a heatmap beyond ``limit`` communes says it shows ("20 xã đạt nhiều nhất và 20 xã đạt
    ít nhất trong tổng số 3.809 xã"); empty when it draws every commune."""
    rows, left_out = heatmap_rows(met_count, order, limit)
    if not left_out:
        return ""
    half = len(rows) // 2
    note = _words(lang)["top_bottom"].format(top=half, bottom=half, n=format_count(len(met_count), lang))
    shown = met_count.loc[rows].to_numpy()
    for value, drawn in ((shown[half - 1], shown[:half]), (shown[half], shown[half:])):  # a tie cut across
        tied = int((met_count.to_numpy() == value).sum())
        if tied > int((drawn == value).sum()):
            note += _words(lang)["tie_cut"].format(n=format_count(tied, lang), value=int(value),
                                                   drawn=int((drawn == value).sum()))
    return note


def change_note(comparison, lang: str = "vi", limit: int = LIMIT) -> str:
    """What a change chart beyond ``limit`` communes says: the communes are counted by their net
    change instead of drawn one by one; empty when it draws every commune."""
    n = len(comparison.communes)
    if n <= limit:
        return ""
    return _words(lang)["change_counted"].format(n=format_count(n, lang), limit=format_count(limit, lang))


def units_note(units, lang: str = "vi", limit: int = LIMIT) -> str:
    """What a chart of ranked units (districts, provinces) beyond ``limit`` says it shows; empty
    when it draws every unit."""
    from .vocab import noun

    shown, left_out = ranked_rows(units, limit)
    if not left_out:
        return ""
    half = len(shown) // 2
    return _words(lang)["top_bottom_units"].format(top=half, bottom=half, noun=noun(2, units[0].level, lang),
                                                   n=format_count(len(units), lang))


def _axes_note(ax, text: str) -> None:
    """A note in italics under the plot, below its x tick labels and axis label, at a distance in
    points (a distance in axes fractions grows with a tall chart and runs into the source line)."""
    size = _note_size(ax)
    below = 1.6 * (mpl.rcParams["xtick.labelsize"] + mpl.rcParams["axes.labelsize"]) + 8
    ax.annotate(text, (0, 0), xycoords="axes fraction", xytext=(0, -below), textcoords="offset points",
                va="top", ha="left", fontsize=size, style="italic")


def commune_districts(snapshot) -> dict[str, str]:
    """Each commune's district, where the snapshot's communes lie in more than one (a province's
    grid names them: "Hiền Khánh (Đồng Phước Hà)"); empty for a district's own communes."""
    units = snapshot.units
    if "district" not in units.columns:
        return {}
    known = units["district"].dropna()
    return {c: d for c, d in known.items() if d} if known.nunique() > 1 else {}


def draw_heatmap(ax, status, met_count, lang: str = "vi", order: str = "register", limit: int = LIMIT,
                 districts: dict[str, str] | None = None):
    """Commune × criterion grid coloured by status, the criteria met written at each row's end;
    rows in register order (STT) or by criteria met, and beyond ``limit`` communes the top and
    bottom ones, said on the chart. With ``districts`` (a province), each row names its commune's
    district in brackets, as the warnings do."""
    from matplotlib.colors import ListedColormap

    words = _words(lang)
    rows, left_out = heatmap_rows(met_count, order, limit)
    codes = status.loc[rows] if (rows != list(status.index)) else status
    cmap = ListedColormap([STATUS_COLOURS[NOT_MET], STATUS_COLOURS[BASICALLY_MET], STATUS_COLOURS[MET]])
    ax.imshow(codes.to_numpy(), cmap=cmap, vmin=0, vmax=2, aspect="auto", interpolation="nearest")
    ncols = codes.shape[1]
    ax.set_xticks(range(ncols), [str(c) for c in codes.columns])
    districts = districts or {}
    ax.set_yticks(range(len(rows)), [f"{n} ({districts[n]})" if districts.get(n) and not n.endswith(f"({districts[n]})")
                                     else n for n in rows])  # (a name told apart by its district already says it)
    ax.set_xticks([x - 0.5 for x in range(1, ncols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.xaxis.set_label_position("top")
    ax.set_xlabel(words["criterion"])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    size = _note_size(ax)
    for y, name in enumerate(rows):
        ax.text(ncols - 0.5 + 0.25, y, format_count(int(met_count[name]), lang), va="center", ha="left",
                fontsize=size)
    ax.text(ncols - 0.5 + 0.25, -0.75, words["row_total"], va="bottom", ha="left", fontsize=size,
            fontweight="bold")
    if left_out:
        half = len(rows) // 2
        ax.axhline(half - 0.5, color=BLACK, linewidth=2)
        ax.text(0, -0.01, _capital(heatmap_note(met_count, lang, order, limit)), transform=ax.transAxes, va="top",
                ha="left", fontsize=size, style="italic", wrap=True)  # (within the figure's width)
    drawn = set(int(v) for v in codes.to_numpy().ravel())
    handles = [_patch(STATUS_COLOURS[s], words[n]) for s, n in
               ((MET, "met"), (BASICALLY_MET, "basically_met"), (NOT_MET, "not_met")) if s in drawn]
    # over the row names, beside the criterion numbers: the grid keeps the width to the right
    # (with each commune's district named, a legend there left "10111213…" run together)
    _legend(ax, handles, loc="lower right", bbox_to_anchor=(-0.01, 1.0), borderaxespad=0.2)
    return ax


def draw_criteria(ax, lagging, n_communes: int, lang: str = "vi", levels: int = 1):
    """Share of communes meeting each criterion, least met at the top; the criteria at the
    ``levels`` lowest counts (ties included) in vermilion, said in the legend."""
    from .figures import least_met

    words = _words(lang)
    table = lagging.iloc[::-1]  # least met drawn last, at the top
    names = table[f"name_{check_lang(lang)}"]
    labels = [f"{c}. {n}" for c, n in zip(table["criterion"], names)]
    lowest = set(least_met(lagging, levels)["criterion"]) if len(lagging) and \
        lagging["n_met"].min() < n_communes else set()
    colours = [VERMILION if c in lowest else BLUE for c in table["criterion"]]
    bars = ax.barh(labels, table["share"].to_numpy(), color=colours)
    for bar, share, n_met in zip(bars, table["share"], table["n_met"]):
        text = f"{format_decimal(Fraction(str(round(share * 100, 6))), 1, lang)}% ({format_count(int(n_met), lang)})"
        ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=_note_size(ax))
    ax.set_xlim(0, 1.22)
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.xaxis.set_major_formatter(_percent(lang))
    ax.set_xlabel(f"{words['share']} ({words['of_communes'].format(n=format_count(n_communes, lang))})")
    handles = ([_patch(VERMILION, words["least"])] if lowest else []) + \
              ([_patch(BLUE, words["others"])] if len(lowest) < len(table) else [])
    _legend(ax, handles if lowest else [], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def draw_change(ax, comparison, lang: str = "vi"):
    """Per commune the criteria gained (right, green) and lost (left, vermilion) between two
    periods; unchanged communes are drawn too, with a grey mark at 0."""
    from matplotlib.lines import Line2D

    words = _words(lang)
    from .text import vi_sort_key

    # by net change, ties in Vietnamese alphabetical order from the top (rows are drawn bottom up)
    ranked = sorted(comparison.communes, key=lambda c: (-(len(c.gained) - len(c.lost)), vi_sort_key(c.commune)))
    rows = ranked[::-1]
    names = [c.commune for c in rows]
    gained = [len(c.gained) for c in rows]
    lost = [-len(c.lost) for c in rows]
    y = list(range(len(rows)))
    ax.barh(y, gained, color=GREEN)
    ax.barh(y, lost, color=VERMILION)
    size = _note_size(ax)
    unchanged = [i for i, c in enumerate(rows) if not c.gained and not c.lost]
    for i, (g, l) in enumerate(zip(gained, lost)):
        if g:
            ax.annotate(f"+{g}", (g, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=size)
        if l:
            ax.annotate(f"\u2212{-l}", (l, i), xytext=(-4, 0), textcoords="offset points", ha="right",
                        va="center", fontsize=size)
    if unchanged:
        ax.plot([0] * len(unchanged), unchanged, linestyle="none", marker="o", color=GREY, markersize=5)
    ax.set_yticks(y, names)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.axvline(0, color=BLACK, linewidth=0.8)
    # whole numbers only, each once, from −1 to +1 at least: a locator left to itself on a narrow
    # axis (nothing changed) falls back to halves, read as "−1 −0 0 +0 +1"
    low, high = min(lost + [-1]), max(gained + [1])
    step = -(-(high - low) // 10)
    ticks = [v for v in range(low, high + 1) if v % step == 0]
    ax.set_xticks(ticks, [f"{v:+d}".replace("-", "\u2212") if v else "0" for v in ticks])
    ax.set_xlim(low - 0.8, high + 0.8)
    ax.set_xlabel(words["net_change"])
    handles = ([_patch(GREEN, words["gained"])] if any(gained) else []) + \
              ([_patch(VERMILION, words["lost"])] if any(lost) else []) + \
              ([Line2D([], [], linestyle="none", marker="o", color=GREY, label=words["unchanged"])]
               if unchanged else [])
    _legend(ax, handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def draw_change_counts(ax, comparison, lang: str = "vi"):
    """The change in criteria met as a distribution, for more communes than rows can show:
    communes by net change, gains green, losses vermilion, unchanged grey."""
    import collections

    words = _words(lang)
    nets = collections.Counter(len(c.gained) - len(c.lost) for c in comparison.communes)
    xs = sorted(nets)
    colours = [GREEN if x > 0 else VERMILION if x < 0 else GREY for x in xs]
    bars = ax.bar(xs, [nets[x] for x in xs], color=colours, width=0.8)
    for bar, x in zip(bars, xs):
        ax.annotate(format_count(nets[x], lang), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3), textcoords="offset points", ha="center", fontsize=_note_size(ax))
    ax.set_xticks(xs, [f"{x:+d}".replace("-", "\u2212") if x else "0" for x in xs])
    ax.set_xlabel(words["net_change"])
    ax.set_ylabel(words["communes"])
    _whole_counts(ax, lang, max(nets.values(), default=0))
    handles = [_patch(c, words[k]) for c, k, test in ((GREEN, "net_up", any(x > 0 for x in xs)),
                                                        (VERMILION, "net_down", any(x < 0 for x in xs)),
                                                        (GREY, "unchanged", 0 in nets)) if test]
    _legend(ax, handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.margins(y=0.12)
    return ax


def _trend_x(trend, lang: str) -> tuple[list[int], list[str]]:
    """Each period at its place in time: a missing quarter leaves a gap."""
    from .timeline import positions

    return positions(trend.index), [quarter_label(p, lang) for p in trend.index]


def mark_timeline(top, bottom, trend, lang: str = "vi") -> None:
    """On the trend chart: each quarter missing from the data as a grey band saying so, and the
    reorganisation of 1/7/2025 as a dashed line across both panels, named at the top."""
    from .timeline import REORGANISATION, missing_quarters, positions, quarter_number, reorganisation_between
    from .chart_fit import IN_PANEL
    from .vocab import date_text

    words = _words(lang)
    first = quarter_number(trend.index[0]) if len(trend) else 0
    size = _note_size(bottom)
    for period in missing_quarters(trend.index):
        x = quarter_number(period) - first
        for ax in (top, bottom):
            ax.axvspan(x - 0.4, x + 0.4, color="#eeeeee", zorder=0, linewidth=0)
        bottom.text(x, 0.5, words["no_data_quarter"], transform=bottom.get_xaxis_transform(), rotation=90,
                    ha="center", va="center", fontsize=size, color="#444444")
    line = reorganisation_between(trend.index)
    if line is not None:
        for ax in (top, bottom):
            ax.axvline(line, color=BLACK, linestyle="--", linewidth=1.2, zorder=3)
        bottom.annotate(words["reorganised"].format(date=date_text(REORGANISATION, lang)), (line, 1.0), xycoords=bottom.get_xaxis_transform(), xytext=(4, -2),
                        textcoords="offset points", ha="left", va="top", fontsize=size, color=BLACK, zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0}, gid=IN_PANEL)
    if positions(trend.index) and positions(trend.index)[-1] != len(trend) - 1:
        bottom.set_xlim(-0.6, positions(trend.index)[-1] + 0.6)


def draw_trend_mean(ax, trend, lang: str = "vi"):
    """The average criteria per commune over periods, each value written. Over a missing quarter
    the line is dotted; at the reorganisation of 1/7/2025 it stops and starts again (the averages
    before and after it are of other communes: not joined, not even dotted; the dashed line and
    its note mark the break)."""
    from .timeline import reorganisation_between

    x, labels = _trend_x(trend, lang)
    means = trend["mean_met"].to_numpy()
    line = reorganisation_between(trend.index)
    across = [i for i in range(len(x) - 1) if line is not None and x[i] < line < x[i + 1]]
    gaps = [i for i in range(len(x) - 1) if x[i + 1] - x[i] > 1 and i not in across]
    xs, ys = list(x), list(means)
    for i in sorted(across + gaps, reverse=True):
        xs.insert(i + 1, float("nan"))
        ys.insert(i + 1, float("nan"))
    ax.plot(xs, ys, color=BLUE, marker="o", linewidth=2.5)
    for i in gaps:
        ax.plot(x[i:i + 2], means[i:i + 2], color=BLUE, linewidth=1.5, linestyle=":")
    for xi, value in zip(x, trend["mean_met"]):
        ax.annotate(format_decimal(Fraction(str(round(value, 6))), 2, lang), (xi, value), xytext=(0, 8),
                    textcoords="offset points", ha="center", fontsize=_note_size(ax))
    ax.set_ylabel(_words(lang)["per_commune"])
    ax.yaxis.set_major_formatter(_number_at_ticks(ax, lang, 1))
    ax.set_xticks(x, labels)
    ax.margins(y=0.3)
    return ax


def draw_trend_bands(ax, trend, lang: str = "vi"):
    """Communes in each band over periods, stacked, one colour per band with its legend."""
    from .bands import Band

    columns = [c for c in trend.columns if c.startswith("band_")]
    bands = []
    for column in columns:
        low, _, high = column[5:].partition("-")
        bands.append(Band(int(low), int(high or low)))
    colours = band_colours(bands)
    x, labels = _trend_x(trend, lang)
    bottom = [0] * len(trend)
    handles = []
    for band, column, colour in zip(bands, columns, colours):
        values = trend[column].to_numpy()
        ax.bar(x, values, bottom=bottom, color=colour, width=0.7)
        if values.any():
            handles.append(_patch(colour, band_label(band.low, band.high, lang)))
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel(_words(lang)["communes"])
    _whole_counts(ax, lang, max(bottom, default=0))  # 3.600 communes, not 3600
    ax.set_xticks(x, labels)
    _legend(ax, handles, title=_words(lang)["band"], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def _bar_name(status, lang: str) -> str:
    """A target bar's name: its communes; one judged on the commune it was merged into says so
    ("Tân Lập (theo xã Long Liên)"): the level drawn is that commune's."""
    name = ", ".join(status.communes) if status.communes else ""
    if getattr(status, "judged_on", ""):
        return phrases(lang, "targets")["chart_judged"].format(commune=name, successor=status.judged_on)
    if getattr(status, "met_in", "") and any(c in (status.successors or {}) for c in status.communes):
        # kept met from a quarter before it was merged away ("Bảo Phú (đạt trước sắp xếp)")
        return phrases(lang, "targets")["chart_met_before"].format(commune=name)
    return name


def target_rows(statuses, lang: str = "vi", limit: int = LIMIT, pilots=frozenset()) -> tuple[list[tuple], int]:
    """The rows of a targets chart: ("head", target name in ``lang``) before each target's bars,
    then ("bar", label, status) for each measured status; beyond ``limit`` bars, the rest are
    counted and left out."""
    from .vocab import target_communes, target_title

    communes_of = target_communes(statuses)
    groups: dict[str, list] = {}
    for s in statuses:
        if s.actual is not None and s.value:
            groups.setdefault(s.target, []).append(s)
    rows, bars, left_out = [], 0, 0
    for name, members in groups.items():
        if bars >= limit:
            left_out += len(members)
            continue
        rows.append(("head", target_title(members[0], lang, pilots, communes_of[(members[0].target, members[0].kind)])))
        for s in members:
            if bars >= limit:
                left_out += 1
                continue
            rows.append(("bar", _bar_name(s, lang), s))
            bars += 1
    return rows, left_out


def target_label(s, lang: str = "vi") -> str:
    """What a target's bar says: actual against target, both written ("12/19 tiêu chí"), the
    actual never rounded up to the target; a target kept met from an earlier quarter says since
    when ("19/19 tiêu chí từ quý I/2024")."""
    label = _target_level_label(s, lang)
    if getattr(s, "met_in", ""):
        from .vocab import quarter_short

        below = s.actual is not None and s.value is not None and s.actual < s.value  # lost since: now below
        label += phrases(lang, "targets")["chart_since_now" if below else "chart_since"].format(
            since=quarter_short(s.met_in, lang))
    return label


def _target_level_label(s, lang: str) -> str:
    say = phrases(lang, "targets")
    if s.kind in ("villages_share", "recognised_share"):
        unit = say["unit_villages" if s.kind == "villages_share" else "unit_communes"]
        return say["chart_share"].format(count=format_count(s.count, lang), of=format_count(s.of, lang), unit=unit,
                                         share=share_text(s.count, s.of, lang),  # one decimal, as the text says it
                                         level=fraction_share_text(s.value, lang))
    if s.kind == "mean":
        return say["chart_mean"].format(actual=toward_text(s.actual, s.value, 2, lang),
                                        level=level_text(s.value, lang))
    if s.kind == "advanced":
        from .vocab import status_label

        return status_label(MET if s.gap == 0 else NOT_MET, lang)
    if s.kind == "min_met":
        return say["chart_min"].format(actual=level_text(s.actual, lang), level=level_text(s.value, lang))
    if s.kind == "model_areas":  # "2/1 khu" would read as "2 of 1"
        return say["chart_areas"].format(actual=level_text(s.actual, lang), level=level_text(s.value, lang))
    return say["chart_level"].format(actual=level_text(s.actual, lang), level=level_text(s.value, lang),
                                     unit=say["unit_criteria"])


def _share_level(s) -> float:
    """A share target's level as a fraction of the track (0.8 for "80%")."""
    level = float(s.value)
    return min(level / 100 if level > 1 else level, 1.0)


def target_level(s) -> float:
    """Where a target's marker stands on its track: a share target's level (the track is every
    commune or village, 100%), any other target at the end of its track (the track is the target)."""
    return _share_level(s) if s.kind in ("villages_share", "recognised_share") else 1.0


def target_fill(s) -> float:
    """How far the bar fills its track: a share target's share reached (the track is 100%), any
    other target's actual over target, capped at 1; below the target's marker until met."""
    if s.kind in ("villages_share", "recognised_share"):
        fill = s.count / s.of if s.of else float(s.actual)
        level = _share_level(s)
        return min(fill, level * 0.995) if s.gap else min(fill, 1.0)
    fill = float(s.actual) / float(s.value)
    if s.gap:
        return min(fill, 0.995)
    return min(fill, 1.0)


def draw_targets(ax, statuses, lang: str = "vi", limit: int = LIMIT, unit_label: str = "", pilots=frozenset()):
    """Each target's actual level against its target: a grey track (the target, or for a share
    target every commune, 100%), the bar the level reached (coloured by state), a dark mark at the
    target's level (80% for "80% of communes"), and both values written at the end of the track."""
    from matplotlib.transforms import blended_transform_factory

    words = _words(lang)
    rows, left_out = target_rows(statuses, lang, limit, pilots)
    size = _note_size(ax)
    n = len(rows)
    ticks, labels, states = [], [], []
    mixed = blended_transform_factory(ax.transAxes, ax.transData)
    for i, row in enumerate(rows):
        y = n - 1 - i
        if row[0] == "head":  # the target's name over its bars, inside the plot, never squeezing it
            ax.text(0, y, row[1], transform=mixed, ha="left", va="center", fontweight="bold", fontsize=size)
            continue
        _, label, s = row
        ax.barh(y, 1.0, color=LIGHT, height=0.6)
        ax.barh(y, target_fill(s), color=STATE_COLOURS.get(s.state, GREY), height=0.6)
        level = target_level(s)
        ax.plot([level, level], [y - 0.38, y + 0.38], color=TARGET_MARK, linewidth=2, solid_capstyle="butt",
                gid="target_level", clip_on=False)
        if target_fill(s) > 0:  # the legend names only the colours drawn
            states.append(s.state)
        ax.text(1.02, y, target_label(s, lang), va="center", ha="left", fontsize=size)
        ticks.append(y)
        labels.append(label or unit_label)
    ax.set_yticks(ticks, labels)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(0, 1.0)
    ax.set_xticks([])
    for side in ("bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if left_out:
        ax.text(0, -0.1, words["more_targets"].format(n=left_out), transform=ax.transAxes, fontsize=size,
                style="italic", va="top")
    from .vocab import target_state_label

    from matplotlib.lines import Line2D

    mark = Line2D([], [], color=TARGET_MARK, marker="|", linestyle="none", markersize=12, markeredgewidth=2,
                  label=words["target"])
    handles = [mark] + [  # the states in the one vocabulary of states
        _patch(STATE_COLOURS[k], _capital(target_state_label(k, lang))) for k in STATE_COLOURS if k in states]
    _legend(ax, handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=len(handles))
    return ax


# ---------------------------------------------------------------------------------------------
# Figures in the house style
# ---------------------------------------------------------------------------------------------


def _new_figure(size, slides: bool, nrows: int = 1, **kwargs):
    """A figure outside pyplot's global state (nothing accumulates when an explorer redraws)."""
    fig = Figure(figsize=SLIDE_SIZE if slides else size)
    fig.ntm_slides = slides
    return fig, fig.subplots(nrows, 1, **kwargs)


def _finish(fig: Figure, ax, title: str, when: str, unit: str, source: str, lang: str, slides: bool,
            legend_right: bool = True) -> Figure:
    """Title (chart, unit, period), source line (data, unit, the chart's period), tick sizes,
    literal text everywhere, and a layout that keeps every label inside the figure."""
    second = ", ".join(p for p in (unit, when) if p)
    ax.set_title(f"{title}\n{second[:1].upper() + second[1:]}" if second else title, loc="left", pad=12)
    for each in fig.axes:
        each.tick_params(labelsize=mpl.rcParams["ytick.labelsize"])
    return _source_and_layout(fig, source, when, lang, slides)


def _source_and_layout(fig: Figure, source: str, when: str, lang: str, slides: bool) -> Figure:
    """The source line at the foot ("Nguồn: …; quý I/2020"), every text literal (a name with
    "$" is no formula), and a layout that keeps each label inside the figure (on slides, long
    texts wrapped or shortened)."""
    if source:
        label = _words(lang)["source"]
        fig.text(0.01, 0.01, f"{label}: {source}; {when}" if when else f"{label}: {source}",
                 fontsize=SOURCE_SIZE[slides], color="#444444", ha="left", va="bottom")
    for text in fig.findobj(Text):
        text.set_parse_math(False)
    bottom = (SOURCE_SIZE[slides] * 2.2 / 72) / fig.get_figheight() if source else 0
    fig.tight_layout(rect=(0, bottom, 1, 1))
    from .chart_fit import fit_in_panels, fit_texts

    if slides:
        fit_texts(fig, rect=(0, bottom, 1, 1))
    else:
        fit_page(fig, rect=(0, bottom, 1, 1))
        fit_in_panels(fig, rect=(0, bottom, 1, 1))
    return fig


NAME_SHARE = 0.35  # of a page chart's width: row names wider are put on more lines (the bars keep the rest)


def wrap_titles(fig: Figure, renderer=None) -> bool:
    """The house style of every chart title (a panel's, the figure's): broken at spaces so that
    each line ends inside the figure, whatever the language ("Average criteria per commune,
    district by district" is longer than its Vietnamese); wrapped again from the whole title each
    time (the room grows when the plot moves left). True when a title's lines changed."""
    from .chart_fit import MARGIN, _renderer, _wrap_to

    renderer = renderer or _renderer(fig)
    titles = [fig._suptitle] if getattr(fig, "_suptitle", None) is not None else []
    titles += [t for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title)]
    changed = False
    for text in titles:
        if not text.get_text():
            continue
        before = text.get_text()
        whole = getattr(text, "ntm_whole", before)
        text.ntm_whole = whole
        text.set_text(whole)
        box = text.get_window_extent(renderer)
        room = fig.bbox.width - MARGIN - max(box.x0, MARGIN)
        if box.width > room:
            _wrap_to(text, room, renderer)
        changed |= text.get_text() != before
    return changed


def fit_page(fig: Figure, rect=(0, 0, 1, 1), rounds: int = 3) -> None:
    """A page chart's text made to fit, measured as drawn and laid out again after each change:
    row names wider than ``NAME_SHARE`` of the chart wrapped (in full: never cut short), then x
    tick labels written over each other turned, then titles wrapped to the figure's width (in
    this order: wrapped names give the plot and its title more room)."""
    from .chart_fit import _renderer, turn_crowded_ticks, wrap_long_names

    steps = (lambda r: any([wrap_long_names(ax, NAME_SHARE * fig.bbox.width, r) for ax in fig.axes]),
             lambda r: any([turn_crowded_ticks(ax, r) for ax in fig.axes]),
             lambda r: wrap_titles(fig, r))
    for _ in range(rounds):
        changed = False
        for step in steps:
            if step(_renderer(fig)):
                fig.tight_layout(rect=rect)
                changed = True
        if not changed:
            return


def _unit(unit, lang: str) -> str:
    """A unit given as a Unit object (named in ``lang``) or as text."""
    return unit if isinstance(unit, str) else unit.label(lang) if unit is not None else ""


def distribution_chart(snapshot, lang: str = "vi", source: str = "", *, bands: str | None = None,
                       unit="", slides: bool = False) -> Figure:
    """Communes by exact number of criteria met, coloured by band, with the count on each bar."""
    from .bands import parse_bands

    band_list = parse_bands(bands, snapshot.criteria_set.size)
    with house_style(slides):
        fig, ax = _new_figure((PAGE_WIDTH, PAGE_HEIGHT), slides)
        draw_distribution(ax, snapshot.met_count, snapshot.criteria_set.size, band_list, lang)
        return _finish(fig, ax, _words(lang)["by_count"], quarter_short(snapshot.period, lang), _unit(unit, lang),
                       source, lang, slides)


def band_chart(summary, lang: str = "vi", source: str = "", *, unit="", slides: bool = False) -> Figure:
    """Communes in each band of a summary, one colour per band, count and share on the bars."""
    with house_style(slides):
        fig, ax = _new_figure((PAGE_WIDTH, PAGE_HEIGHT), slides)
        draw_bands(ax, summary, lang)
        return _finish(fig, ax, _words(lang)["by_band"], quarter_short(summary.period, lang), _unit(unit, lang),
                       source, lang, slides)


def heatmap_chart(snapshot, lang: str = "vi", source: str = "", *, unit="", order: str = "register",
                  limit: int | None = None, slides: bool = False) -> Figure:
    """Commune × criterion grid coloured by status, with criteria met at each row's end."""
    limit = limit or (SLIDE_LIMIT if slides else LIMIT)
    rows = len(heatmap_rows(snapshot.met_count, order, limit)[0])
    with house_style(slides):
        fig, ax = _new_figure((PAGE_WIDTH, max(4.0, 0.36 * rows + 2.4)), slides)
        draw_heatmap(ax, snapshot.status, snapshot.met_count, lang, order, limit, commune_districts(snapshot))
        return _finish(fig, ax, _words(lang)["heatmap"], quarter_short(snapshot.period, lang), _unit(unit, lang),
                       source, lang, slides)


def criteria_chart(lagging, n_communes: int, period: str, lang: str = "vi", source: str = "",
                   levels: int = 1, *, unit="", slides: bool = False) -> Figure:
    """Share of communes meeting each criterion, least met at the top and in vermilion."""
    with house_style(slides):
        fig, ax = _new_figure((PAGE_WIDTH, max(4.0, 0.42 * len(lagging) + 2.0)), slides)
        draw_criteria(ax, lagging, n_communes, lang, levels)
        return _finish(fig, ax, _words(lang)["criteria"], quarter_short(period, lang), _unit(unit, lang), source,
                       lang, slides)


def change_chart(comparison, lang: str = "vi", source: str = "", *, unit="", limit: int | None = None,
                 slides: bool = False) -> Figure:
    """The change in criteria met between two periods: commune by commune (gains, losses and the
    unchanged), or beyond ``limit`` communes as the number of communes at each net change."""
    limit = limit or (SLIDE_LIMIT if slides else LIMIT)
    when = f"{quarter_short(comparison.from_period, lang)} \u2192 {quarter_short(comparison.to_period, lang)}"
    by_commune = len(comparison.communes) <= limit
    with house_style(slides):
        if by_commune:
            fig, ax = _new_figure((PAGE_WIDTH, max(4.0, 0.36 * len(comparison.communes) + 2.4)), slides)
            draw_change(ax, comparison, lang)
            title = _words(lang)["change"]
        else:
            fig, ax = _new_figure((PAGE_WIDTH, PAGE_HEIGHT), slides)
            draw_change_counts(ax, comparison, lang)
            _axes_note(ax, _capital(change_note(comparison, lang, limit)))
            title = _words(lang)["change_hist"]
        return _finish(fig, ax, title, when, _unit(unit, lang), source, lang, slides)


def trend_chart(trend, lang: str = "vi", source: str = "", *, unit="", slides: bool = False) -> Figure:
    """The average criteria per commune over periods (line, values written) above the communes
    in each band (stacked bars, one colour per band). A trend needs two periods at least."""
    if len(trend) < 2:
        raise ValueError("a trend chart needs at least two periods")
    when = f"{quarter_short(trend.index[0], lang)} \u2013 {quarter_short(trend.index[-1], lang)}"
    with house_style(slides):
        fig, (top, bottom) = _new_figure((PAGE_WIDTH, 6.5), slides, 2, sharex=True,
                                         gridspec_kw={"height_ratios": [1, 1.2]})
        draw_trend_mean(top, trend, lang)
        draw_trend_bands(bottom, trend, lang)
        mark_timeline(top, bottom, trend, lang)
        if slides:  # on the page, turned only when the labels as drawn run together (fit_page)
            for label in bottom.get_xticklabels():
                label.set_rotation(30)
                label.set_ha("right")
        return _finish(fig, top, _words(lang)["trend"], when, _unit(unit, lang), source, lang, slides)


def targets_chart(statuses, lang: str = "vi", source: str = "", *, unit="", limit: int | None = None,
                  slides: bool = False, pilots=frozenset()) -> Figure:
    """Each target's level reached against the level to reach, both values written."""
    limit = limit or (SLIDE_LIMIT if slides else LIMIT)
    rows, _ = target_rows(statuses, lang, limit, pilots)
    level = getattr(unit, "level", None)
    whole = whole_unit(level, lang)
    whole = (whole[:1].upper() + whole[1:]) if whole else phrases(lang, "targets")["whole"]
    period = next((s.period for s in statuses if s.period), "")
    with house_style(slides):
        fig, ax = _new_figure((PAGE_WIDTH, max(3.5, 0.42 * len(rows) + 2.4)), slides)
        draw_targets(ax, statuses, lang, limit, whole, pilots)
        return _finish(fig, ax, _words(lang)["targets"], quarter_short(period, lang) if period else "",
                       _unit(unit, lang), source, lang, slides)


# ---------------------------------------------------------------------------------------------
# A province review: the districts side by side
# ---------------------------------------------------------------------------------------------


def _district_label(d, lang: str) -> str:
    """A unit as a chart names it ("Huyện Cao Sơn", "Cao Sơn district"; "—" when unknown)."""
    from .vocab import unit_name

    return unit_name(d.level, d.unit, None, lang, head=True) if d.unit else "\u2014"


def _district_label_n(d, lang: str) -> str:
    """A unit with its communes, so that a small unit is read as small ("Huyện Cao Sơn (3 xã)")."""
    from .vocab import noun

    return f"{_district_label(d, lang)} ({format_count(d.n_communes, lang)} {noun(d.n_communes, 'commune', lang)})"


def means_range(means, top: int) -> tuple[float, float]:
    """The x range of the dot chart of averages: the data's range with room for the values
    written beside the dots, not from 0 (a dot chart has no bar to start at 0: from 0, a spread of
    two criteria between districts would fill a tenth of the width), never beyond the maximum."""
    import math

    low, high = min(means), max(means)
    pad = max(0.5, (high - low) * 0.12)
    start = max(0.0, math.floor(low - pad))
    end = min(top + 0.5, high + 2.5 * pad)
    return start, max(end, start + 1)


def _level_word(units, key: str, lang: str) -> str:
    """A chart word of the district charts for the level compared ("district_means" →
    "province_means" when the units are provinces)."""
    level = units[0].level if units else "district"
    return _words(lang)[key.replace("district_", f"{level}_")]


def ranked_rows(units, limit: int = LIMIT) -> tuple[list, int]:
    """The units a ranked chart draws: all of them up to ``limit``; beyond, the half of
    ``min(limit, SHOWN)`` ranked best and the half ranked last, and how many are left out."""
    units = list(units)
    if len(units) <= limit:
        return units, 0
    half = min(limit, SHOWN) // 2
    return units[:half] + units[-half:], len(units) - 2 * half


def draw_district_means(ax, districts, lang: str = "vi", overall: float | None = None, limit: int = LIMIT):
    """A ranked dot chart of the units' averages (criteria per commune): the best at the top,
    each value written beside its dot, and the whole unit's average as a dashed line; beyond
    ``limit`` units, the best and the last ones, said on the chart."""
    from matplotlib.lines import Line2D

    words = _words(lang)
    shown, left_out = ranked_rows(districts, limit)
    rows = shown[::-1]  # ranked best first: drawn bottom up
    y = list(range(len(rows)))
    means = [d.mean_met for d in rows]
    top = max([d.n_criteria for d in rows] + [1])
    start, end = means_range(means + ([overall] if overall is not None else []), top)
    ax.hlines(y, start, end, color=LIGHT, linewidth=1, zorder=1)  # a guide per row, not a bar from 0
    ax.plot(means, y, linestyle="none", marker="o", markersize=9, color=BLUE, zorder=2)
    size = _note_size(ax)
    for yi, d in zip(y, rows):  # on white, so that the dashed average never runs through a value
        ax.annotate(format_decimal(d.mean_exact, 2, lang), (d.mean_met, yi), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=size, zorder=3,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    ax.set_yticks(y, [_district_label_n(d, lang) for d in rows])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole criteria: no tick rounded to a wrong label
    ax.xaxis.set_major_formatter(_number(lang))
    if end >= top:  # the maximum in view: marked
        ax.axvline(top, color=BLACK, linewidth=1, linestyle=":", zorder=0)
    ax.set_xlabel(words["per_commune_zoomed"].format(start=format_count(int(start), lang), top=top))
    if left_out:
        half = len(rows) // 2
        ax.axhline(half - 0.5, color=BLACK, linewidth=1.5)
        _axes_note(ax, _capital(units_note(districts, lang, limit)))
    handles = [Line2D([], [], linestyle="none", marker="o", color=BLUE, label=_level_word(districts, "district_mean",
                                                                                          lang))]
    if overall is not None:
        ax.axvline(overall, color=GREY, linestyle="--", linewidth=1.2, zorder=0)
        value = format_decimal(Fraction(str(round(overall, 6))), 2, lang)
        handles.append(Line2D([], [], color=GREY, linestyle="--", label=words["overall_mean"].format(value=value)))
    _legend(ax, handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def district_means_chart(districts, lang: str = "vi", source: str = "", *, unit="", overall: float | None = None,
                         slides: bool = False) -> Figure:
    """The districts (or provinces) ranked by their average criteria per commune, a dot each."""
    period = districts[0].period if districts else ""
    limit = SLIDE_LIMIT if slides else LIMIT
    rows = len(ranked_rows(districts, limit)[0])
    with house_style(slides):
        fig, ax = _new_figure((PAGE_WIDTH, max(3.5, 0.5 * rows + 2.2)), slides)
        draw_district_means(ax, districts, lang, overall, limit)
        return _finish(fig, ax, _level_word(districts, "district_means", lang),
                       quarter_short(period, lang) if period else "", _unit(unit, lang), source, lang, slides)


def district_bands_frame(districts, lang: str = "vi"):
    """The band counts of each unit as a long table (district, band, n, label), units in their
    rank and bands in their order: what the small multiples draw."""
    import pandas as pd

    rows = []
    for d in districts:
        for b in d.bands:
            rows.append({"district": _district_label_n(d, lang), "band": band_label(b.low, b.high, lang), "n": b.n,
                         "share": b.n / d.n_communes if d.n_communes else 0.0, "label": format_count(b.n, lang)})
    return pd.DataFrame(rows, columns=["district", "band", "n", "share", "label"])


PANELS = 16  # small multiples drawn; beyond, the best and the last PANELS // 2 units …
PANELS_ALL = 20  # … unless there are no more than this: leaving out three or four is no help


def band_panels(units: int, slides: bool = False) -> int:
    """How many units the small multiples draw at most: every one up to PANELS_ALL on the page,
    else PANELS (half that on a slide)."""
    if slides:
        return PANELS // 2
    return units if units <= PANELS_ALL else PANELS


def district_bands_chart(districts, lang: str = "vi", source: str = "", *, unit="", slides: bool = False,
                         wrap: int | None = None) -> Figure:
    """Small multiples, one panel per district (or province) in rank order: communes in each
    band, one colour per band (the same as every other chart of the review), the count on each
    bar; beyond PANELS units, the best and the last ones, said under the title. Drawn with
    seaborn's objects interface on a figure of our own, in the house style."""
    import warnings

    import seaborn.objects as so

    words = _words(lang)
    bands = districts[0].bands if districts else []
    panels = band_panels(len(districts), slides)
    shown, left_out = ranked_rows(districts, panels)
    frame = district_bands_frame(shown, lang)
    order = [band_label(b.low, b.high, lang) for b in bands]
    palette = dict(zip(order, band_colours(bands)))
    wrap = wrap or (4 if slides else 2)  # two panels a row: five band names side by side in half the width
    columns = min(wrap, max(len(shown), 1))
    rows = -(-len(shown) // columns) if shown else 1
    period = districts[0].period if districts else ""
    style = SLIDE_STYLE if slides else STYLE
    with house_style(slides), warnings.catch_warnings():
        # seaborn 0.13 passes pandas a ``copy`` keyword pandas 3 deprecates: its concern, not the reader's
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"seaborn\.")
        # as wide as the review's other charts (PAGE_WIDTH): the page and a document show every
        # chart at one width, so a narrower figure would be enlarged, its title with it
        fig = Figure(figsize=SLIDE_SIZE if slides else (PAGE_WIDTH, 2.6 * rows + 1.6))
        fig.ntm_slides = slides
        (so.Plot(frame, x="band", y="share", text="label")
         .facet(col="district", wrap=columns, order=[_district_label_n(d, lang) for d in shown])
         .add(so.Bar(width=0.75, alpha=1, edgewidth=0), color="band", legend=False)
         .add(so.Text(valign="bottom", offset=2, color="#222222", fontsize=_NOTE[slides]))
         .scale(color=palette, x=so.Nominal(order=order))
         .share(y=True)
         .label(x=words["band"], y=_level_word(districts, "district_share", lang), title=_panel_title)
         .theme({**style, "axes.facecolor": "white", "axes.edgecolor": "#333333", "axes.grid": False,
                 "axes.titleweight": "normal", "axes.titlesize": style["axes.labelsize"]})
         .on(fig).plot())
        for ax in fig.axes:
            ax.yaxis.set_major_formatter(_percent(lang))  # shares: districts of 8 and 19 communes compared
            ax.margins(y=0.2)
            if not frame["share"].max() > 0:  # every band empty: 0% to 100%, not ±5% in ticks
                ax.set_ylim(0, 1)
            ax.set_ylabel("")  # said once for the figure, beside all the rows
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            if not slides:  # "fewer than 5" on two lines, clear of "5–9"; every panel names its bands
                ax.xaxis.set_major_formatter(_wrapped(ax.xaxis.get_major_formatter()))
                ax.tick_params(axis="x", labelbottom=True)
        title = _level_word(districts, "district_bands", lang)
        second = ", ".join(p for p in (_unit(unit, lang), quarter_short(period, lang) if period else "") if p)
        second += f" ({words['bar_counts']})" if second else words["bar_counts"]
        if left_out:  # on a line of its own: the title stays within the chart's width
            second += "\n" + _capital(units_note(districts, lang, panels))
        heading = fig.suptitle(f"{title}\n{_capital(second)}" if second else title, x=0.01, ha="left",
                               fontsize=style["axes.titlesize"], fontweight="bold")
        fig.supylabel(_level_word(districts, "district_share", lang), fontsize=style["axes.labelsize"])
        _source_and_layout(fig, source, quarter_short(period, lang) if period else "", lang, slides)
        return _below_suptitle(fig, heading)


def _panel_title(name) -> str:
    """A small multiple's title, "Bắc Châu Diên province (58 communes)" on two lines when longer
    than a third of the chart's width holds."""
    name = str(name)
    if len(name) <= 32:
        return name
    if " (" in name:  # the count in brackets on the second line, whole
        head, count = name.rsplit(" (", 1)
        return f"{textwrap.fill(head, 32, break_long_words=False)}\n({count}"
    return textwrap.fill(name, 32, break_long_words=False)


def _wrapped(formatter, width: int = 8) -> FuncFormatter:
    """``formatter``'s labels wrapped at ``width`` characters, whole words kept."""
    return FuncFormatter(lambda x, pos: textwrap.fill(formatter(x, pos), width, break_long_words=False))


def _below_suptitle(fig: Figure, heading) -> Figure:
    """Panels moved down until their titles are clear of the figure's title (``heading``, as
    ``suptitle`` gave it: ``tight_layout`` leaves a title of three lines over the first row's
    panel titles)."""
    from .chart_fit import _renderer

    renderer = _renderer(fig)
    title_bottom = heading.get_window_extent(renderer).y0
    tops = [ax.get_tightbbox(renderer).y1 for ax in fig.axes]
    overlap = (max(tops) - title_bottom + 6) / fig.bbox.height if tops else 0
    if overlap > 0:
        fig.subplots_adjust(top=fig.subplotpars.top - overlap)
    return fig


_NOTE = NOTE_SIZE
