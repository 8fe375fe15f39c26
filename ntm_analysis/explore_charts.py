"""The explorer's own charts, beyond the briefing's: one commune's criteria met period by period,
and one criterion across communes and periods; and the one conversion of a figure to PNG bytes.

Each ``draw_*`` draws on the ``ax`` it is given from data ``views`` computed (seaborn's
convention, so tests can read the artists); each ``*_chart`` wraps one in a Figure with the house
style (``charts.house_style``), a title and a source line.
"""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .charts import house_style
from .text import BASICALLY_MET, MET, NOT_MET, format_count, format_decimal
from .vocab import explorer_word, quarter_label, status_label

# The Okabe-Ito hues of the briefing charts (colour-blind safe): met, basically met, not met.
STATUS_COLOURS = {MET: "#009E73", BASICALLY_MET: "#E69F00", NOT_MET: "#E3E3E3"}
BLUE, GREY, ABSENT = "#0072B2", "#555555", "#FFFFFF"

# Above this many communes the criterion view draws shares, not one row per commune.
GRID_MAX_COMMUNES = 60


def _mark_current(ax, periods: list, current: str | None) -> None:
    """The period being looked at, in bold among the x tick labels."""
    for tick, period in zip(ax.xaxis.get_major_ticks(), periods):
        if period == current:
            tick.label1.set_fontweight("bold")  # below the axes
            tick.label2.set_fontweight("bold")  # above, where the grid puts them


def draw_commune_history(history: pd.DataFrame, *, ax, lang: str = "vi", current: str | None = None) -> None:
    """Criteria met (green) and basically met (orange, stacked) in each period, with the size of
    the period's criteria set marked by a dashed line over each bar; ``current`` outlined.

    ``history``: index periods; columns ``met``, ``basically_met``, ``size``.
    """
    x = np.arange(len(history))
    met = history["met"].to_numpy()
    bars = ax.bar(x, met, width=0.6, color=STATUS_COLOURS[MET], label=status_label(MET, lang))
    if history["basically_met"].any():
        ax.bar(x, history["basically_met"].to_numpy(), bottom=met, width=0.6,
               color=STATUS_COLOURS[BASICALLY_MET], label=status_label(BASICALLY_MET, lang))
    ax.hlines(history["size"].to_numpy(), x - 0.38, x + 0.38, colors=GREY, linestyles="dashed",
              linewidth=1.2, label=explorer_word("set_size", lang))
    for bar, value in zip(bars, met):
        ax.annotate(format_count(int(value), lang), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, -14), textcoords="offset points", ha="center", fontsize=10,
                    color="white", fontweight="bold")
    ax.set_xticks(x, [quarter_label(p, lang) for p in history.index], fontsize=10,
                  rotation=30 if len(x) > 6 else 0, ha="right" if len(x) > 6 else "center")
    _mark_current(ax, list(history.index), current)
    for bar, period in zip(bars, history.index):
        if period == current:
            bar.set_edgecolor("#222222")
            bar.set_linewidth(2)
    ax.set_ylim(0, int(history["size"].max()) + 1.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(explorer_word("criteria_met", lang))
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def draw_criterion_grid(grid: pd.DataFrame, *, ax, lang: str = "vi", current: str | None = None) -> None:
    """Each commune (row) in each period (column), coloured by its status on one criterion; blank
    where the commune was not assessed. Column labels give the period and communes meeting it.

    ``grid``: index communes; columns periods; status codes, NaN where absent.
    """
    codes = grid.to_numpy(dtype=float)
    cmap = ListedColormap([STATUS_COLOURS[NOT_MET], STATUS_COLOURS[BASICALLY_MET],
                           STATUS_COLOURS[MET]]).with_extremes(bad=ABSENT)
    ax.imshow(np.ma.masked_invalid(codes), cmap=cmap, vmin=0, vmax=2, aspect="auto",
              interpolation="nearest")
    met, assessed = (grid == MET).sum(axis=0), grid.notna().sum(axis=0)
    ax.set_xticks(range(grid.shape[1]), [f"{quarter_label(p, lang)}\n{m}/{n}" for p, m, n in
                                         zip(grid.columns, met, assessed)], fontsize=10)
    _mark_current(ax, list(grid.columns), current)
    ax.xaxis.tick_top()
    ax.set_yticks(range(grid.shape[0]), list(grid.index), fontsize=10)
    ax.set_xticks([x - 0.5 for x in range(1, grid.shape[1])], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, grid.shape[0])], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="both", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [Patch(color=STATUS_COLOURS[s], label=status_label(s, lang)) for s in (MET, BASICALLY_MET, NOT_MET)]
    if np.isnan(codes).any():
        handles.append(Patch(facecolor=ABSENT, edgecolor=GREY, label=explorer_word("absent", lang)))
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def draw_criterion_shares(shares: pd.DataFrame, *, ax, lang: str = "vi", current: str | None = None) -> None:
    """The share of communes meeting one criterion in each period, with "met/assessed" on each bar.

    ``shares``: index periods; columns ``met``, ``n``.
    """
    x = np.arange(len(shares))
    values = (shares["met"] / shares["n"].where(shares["n"] > 0)).fillna(0).to_numpy()
    bars = ax.bar(x, values, width=0.6, color=BLUE)
    for bar, value, m, n in zip(bars, values, shares["met"], shares["n"]):
        share = format_decimal(Fraction(int(m) * 100, int(n) or 1), 1, lang)
        ax.annotate(f"{share}%\n{m}/{n}", (bar.get_x() + bar.get_width() / 2, value), xytext=(0, 3),
                    textcoords="offset points", ha="center", fontsize=10)
    ax.set_xticks(x, [quarter_label(p, lang) for p in shares.index], fontsize=10)
    _mark_current(ax, list(shares.index), current)
    ax.set_ylim(0, 1.2)
    ax.yaxis.set_major_formatter(FuncFormatter(
        lambda v, _: format_decimal(Fraction(str(round(v * 100, 6))), 0, lang) + "%"))
    ax.set_ylabel(explorer_word("share", lang))


def _figure(width: float, height: float):
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def _finish(fig: Figure, ax, title: str, source: str, lang: str, *, unit: str = "", when: str = "") -> Figure:
    """Title (chart; unit, the periods drawn) and source line (data, unit; the periods drawn), as
    the review pack's charts write them."""
    second = ", ".join(p for p in (unit, when) if p)
    ax.set_title(f"{title}\n{second[:1].upper() + second[1:]}" if second else title, loc="left", pad=12)
    if source:
        fig.text(0.01, 0.01, f"{explorer_word('source', lang)}: {source}" + (f"; {when}" if when else ""),
                 fontsize=9, color=GREY, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04 if source else 0, 1, 1))
    from .charts import wrap_titles

    if wrap_titles(fig):  # the house style: a long commune or criterion name never runs off the edge
        fig.tight_layout(rect=(0, 0.04 if source else 0, 1, 1))
    _widen_to_words(fig, ax)  # what wrapping cannot shorten (the source line, one long word)
    return fig


def _widen_to_words(fig: Figure, ax, margin: float = 8.0) -> None:
    """The figure made wider until its title (a long criterion name, the unit and the periods)
    and its source line end inside it, rather than cut at its right edge."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for _ in range(3):
        renderer = FigureCanvasAgg(fig).get_renderer()
        texts = [t for t in (ax.title, ax._left_title, *fig.texts) if t.get_text()]
        right = max(t.get_window_extent(renderer).x1 for t in texts)
        if right <= fig.bbox.width - margin:
            return
        fig.set_figwidth(fig.get_figwidth() + (right - fig.bbox.width + 2 * margin) / fig.dpi)
        fig.tight_layout(rect=(0, 0.04 if fig.texts else 0, 1, 1))


def commune_history_chart(history: pd.DataFrame, *, commune: str, current: str | None = None,
                          lang: str = "vi", source: str = "", unit: str = "", when: str = "") -> Figure:
    """``draw_commune_history`` as a Figure titled with the commune, its ``unit`` and ``when``."""
    with house_style():
        fig, ax = _figure(max(7.0, 0.9 * len(history) + 3.5), 5.0)
        draw_commune_history(history, ax=ax, lang=lang, current=current)
        return _finish(fig, ax, explorer_word("commune_chart", lang, commune=commune), source, lang,
                       unit=unit, when=when)


def criterion_chart(grid: pd.DataFrame, *, number: int, name: str, current: str | None = None,
                    lang: str = "vi", source: str = "", unit: str = "", when: str = "") -> Figure:
    """One criterion across communes and periods: the commune × period grid, or, beyond
    ``GRID_MAX_COMMUNES`` communes, the share meeting it in each period; titled with the
    ``unit`` and ``when``."""
    with house_style():
        if len(grid) <= GRID_MAX_COMMUNES:
            fig, ax = _figure(max(7.0, 0.85 * grid.shape[1] + 3.5), max(4.0, 0.3 * len(grid) + 2.0))
            draw_criterion_grid(grid, ax=ax, lang=lang, current=current)
            key = "criterion_chart"
        else:
            fig, ax = _figure(max(7.0, 1.0 * grid.shape[1] + 2.5), 5.0)
            shares = pd.DataFrame({"met": (grid == MET).sum(axis=0), "n": grid.notna().sum(axis=0)})
            draw_criterion_shares(shares, ax=ax, lang=lang, current=current)
            key = "criterion_share_chart"
        return _finish(fig, ax, explorer_word(key, lang, number=number, name=name), source, lang,
                       unit=unit, when=when)


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    """A figure as PNG bytes for a page (no timestamp, so the same figure gives the same bytes)."""
    buffer = io.BytesIO()
    with house_style():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
