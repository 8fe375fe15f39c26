"""The explorer dashboard: controls (language, period, bands, unit, commune, criterion, two
periods) over four views, each shown as a browser shows it: headline figures and sentences as
HTML in the chosen language, the chart as a PNG image, the table as HTML without an index.

Only rendering lives here; every number, sentence and chart comes from ``views``. A view is
drawn when its tab is shown, and again when a control it depends on changes. ``Explorer.views``
keeps what each tab last drew and ``Explorer.panes`` the widgets showing it, so tests read both
the computed view and what the page receives.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import views
from .explore_charts import png_bytes
from .figures import lagging_criteria
from .model import Assessment
from .text import vi_sorted
from .vocab import LANG_NAMES, LANGS, explorer_word, quarter_label

ALL = "__all__"
TABS = ("overview", "commune", "criterion", "compare")
# The views each control changes ("lang" changes them all).
DEPENDS = {"period": {"overview", "commune", "criterion"}, "bands": {"overview"},
           "unit": {"overview", "commune", "criterion", "compare"}, "commune": {"commune"},
           "criterion": {"criterion"}, "first": {"compare"}, "last": {"compare"}}

STYLE = """<style>
.ntm-explorer { font-family: "Noto Sans", "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  color: #1f2933; max-width: 1320px; margin: 0 auto; }
.ntm-explorer .widget-html-content { line-height: 1.45; font-family: inherit; }
.ntm-header { background: #0b4f6c; color: #fff; border-radius: 8px; padding: 12px 18px; }
.ntm-header .widget-html-content { color: #fff; }
.ntm-header h1 { font-size: 22px; margin: 0; font-weight: 700; }
.ntm-source { font-size: 12.5px; opacity: 0.85; margin-top: 2px; }
.ntm-controls { background: #f4f7fa; border-radius: 8px; padding: 8px 12px; margin: 10px 0; }
.ntm-title { font-size: 19px; font-weight: 650; margin: 6px 0 10px; }
.ntm-kpis { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 12px; }
.ntm-kpi { background: #f4f7fa; border-left: 4px solid #0072B2; border-radius: 6px;
  padding: 8px 16px; min-width: 150px; }
.ntm-kpi-value { font-size: 26px; font-weight: 700; color: #0b4f6c; }
.ntm-kpi-caption { font-size: 12.5px; color: #52606d; }
.ntm-text p { font-size: 14.5px; margin: 0 0 8px; max-width: 78em; }
.ntm-note { color: #8a4b00; font-size: 13.5px; }
.ntm-message { background: #fff4e5; border-left: 4px solid #D55E00; border-radius: 6px;
  padding: 10px 14px; font-size: 14.5px; }
.ntm-table table { border-collapse: collapse; font-size: 13.5px; margin-top: 4px; }
.ntm-table th { background: #eef2f6; text-align: left; padding: 6px 10px;
  border-bottom: 2px solid #cbd2d9; }
.ntm-table td { padding: 5px 10px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
.ntm-table td:first-child { white-space: nowrap; }
.ntm-explorer .lm-TabBar-tab { font-size: 14px; min-width: 170px; padding: 4px 14px; }
.ntm-explorer .lm-TabBar-tab.lm-mod-current { font-weight: 650; color: #0b4f6c; }
</style>"""


# ---------------------------------------------------------------------------------------------
# Rendering a view
# ---------------------------------------------------------------------------------------------


def view_html(view: views.View) -> str:
    """A view's title, message or headline figures, sentences and notes as HTML (data escaped)."""
    esc = html.escape
    parts = [f'<div class="ntm-title">{esc(view.title)}</div>']
    if view.message:
        parts.append(f'<div class="ntm-message" role="alert">{esc(view.message)}</div>')
        return "".join(parts)
    if view.kpis:
        cards = "".join(f'<div class="ntm-kpi"><div class="ntm-kpi-value">{esc(value)}</div>'
                        f'<div class="ntm-kpi-caption">{esc(caption)}</div></div>' for caption, value in view.kpis)
        parts.append(f'<div class="ntm-kpis">{cards}</div>')
    parts.append('<div class="ntm-text">' + "".join(f"<p>{esc(p)}</p>" for p in view.paragraphs)
                 + "".join(f'<p class="ntm-note">\u26a0 {esc(n)}</p>' for n in view.notes) + "</div>")
    return "".join(parts)


def table_html(table: pd.DataFrame | None) -> str:
    """A view's table as HTML: headers in the language, no index, every cell escaped."""
    if table is None or table.empty:
        return ""
    return table.to_html(index=False, escape=True, border=0, classes="ntm-grid")


class Pane:
    """Where one view is shown: text (HTML), chart (PNG image) and table (HTML); the table beside
    the chart, or under it (``stacked``) when its rows are long."""

    def __init__(self, name: str, controls: list[w.Widget] | None = None, stacked: bool = False):
        self.text = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="100%", height="auto"))
        self.table = w.HTML()
        self.table.add_class("ntm-table")
        if stacked:
            chart = w.Box([self.image], layout=w.Layout(width="100%", max_width="1000px"))
            side = w.Box([self.table], layout=w.Layout(width="100%", overflow="auto"))
        else:
            chart = w.Box([self.image], layout=w.Layout(flex="3 1 560px", min_width="0"))
            side = w.Box([self.table], layout=w.Layout(flex="2 1 340px", min_width="0", overflow="auto"))
        self.body = w.Box([chart, side], layout=w.Layout(flex_flow="column" if stacked else "row wrap",
                                                            align_items="flex-start", grid_gap="16px"))
        rows = ([w.HBox(controls)] if controls else []) + [self.text, self.body]
        self.box = w.VBox(rows, layout=w.Layout(padding="6px 4px"))
        self.box.add_class(f"ntm-pane-{name}")  # so a page (and its tests) can find each view

    def show(self, view: views.View) -> None:
        self.text.value = view_html(view)
        self.image.value = png_bytes(view.figure) if view.figure is not None else b""
        self.table.value = table_html(view.table)
        self.body.layout.display = "none" if view.message else "flex"


# ---------------------------------------------------------------------------------------------
# The explorer
# ---------------------------------------------------------------------------------------------


def _dropdown(width: str = "240px") -> w.Dropdown:
    return w.Dropdown(layout=w.Layout(width=width), style={"description_width": "initial"})


class Explorer:
    """The dashboard of one assessment; ``.widget`` is what a notebook (or Voila) displays."""

    def __init__(self, assessment: Assessment, lang: str = "vi", source: str | None = None):
        self.assessment, self._source = assessment, source
        periods = assessment.periods
        self.units = views.units(assessment)
        self.lang = w.ToggleButtons(options=[(LANG_NAMES[code], code) for code in LANGS], value=lang,
                                    style={"button_width": "110px"})
        self.period = _dropdown("230px")
        self.unit = _dropdown("260px")
        self.unit.layout.display = "flex" if len(self.units) > 1 else "none"
        self.bands = w.Text(continuous_update=False, layout=w.Layout(width="520px"),
                            style={"description_width": "initial"})
        self.commune = _dropdown("320px")
        self.criterion = _dropdown("480px")
        self.first, self.last = _dropdown("230px"), _dropdown("230px")
        self.header = w.HTML()
        own = {"overview": [self.bands], "commune": [self.commune], "criterion": [self.criterion],
               "compare": [self.first, self.last]}
        self.panes = {t: Pane(t, own.get(t), stacked=t in ("criterion", "compare")) for t in TABS}
        self.tabs = w.Tab(children=[self.panes[t].box for t in TABS])
        self.views: dict[str, views.View] = {}
        self._stale, self._quiet = set(TABS), True
        self._relabel(initial=True)
        self._quiet = False
        controls = {"period": self.period, "bands": self.bands, "unit": self.unit, "commune": self.commune,
                    "criterion": self.criterion, "first": self.first, "last": self.last}
        for name, control in controls.items():
            control.observe(lambda change, name=name: self._changed(name), names="value")
        self.lang.observe(lambda change: self._changed("lang"), names="value")
        self.tabs.observe(lambda change: self._draw_shown(), names="selected_index")
        # period and unit; the comparison (which has two periods of its own) keeps only the unit
        self.shared = w.HBox([self.period, self.unit], layout=w.Layout(flex_flow="row wrap"))
        self._draw_shown()
        self.widget = w.VBox([
            w.HTML(STYLE),
            w.HBox([self.header, self.lang], layout=w.Layout(justify_content="space-between",
                                                             align_items="center")),
            self.shared,
            self.tabs,
        ])
        self.widget.add_class("ntm-explorer")
        self.widget.children[1].add_class("ntm-header")
        self.widget.children[2].add_class("ntm-controls")

    # -- what the controls offer ---------------------------------------------------------------

    def _unit(self) -> str | None:
        return None if self.unit.value in (None, ALL) else self.unit.value

    def _set(self, control: w.Dropdown, options: list[tuple[str, object]], value) -> None:
        """New options for a control, keeping its value when still offered (else the first)."""
        control.options = options
        values = [v for _, v in options]
        control.value = value if value in values else (values[0] if values else None)

    def _relabel(self, initial: bool = False) -> None:
        """Every label, option and tab title in the chosen language, for the period chosen."""
        lang, periods = self.lang.value, self.assessment.periods
        word = lambda key: explorer_word(key, lang)  # noqa: E731
        labelled = [(quarter_label(p, lang), p) for p in periods]
        self._set(self.period, labelled, periods[-1] if initial else self.period.value)
        self._set(self.first, labelled, periods[-2] if initial and len(periods) > 1 else
                  periods[0] if initial else self.first.value)
        self._set(self.last, labelled, periods[-1] if initial else self.last.value)
        whole = views.unit_title(self.assessment, None, lang)  # "Tỉnh Tam Mỹ", as the heading says
        # each district named as its heading names it ("Huyện Đồng Phước"); one district is the whole
        districts = [(views.unit_title(self.assessment, u, lang), u) for u in self.units] if len(self.units) > 1 else []
        self._set(self.unit, [(whole, ALL)] + districts, self.unit.value or ALL)
        snap = views.unit_snapshot(self.assessment, self.period.value, self._unit())
        self._set(self.commune, [(c, c) for c in vi_sorted(snap.communes)], self.commune.value)
        default = int(lagging_criteria(snap, communes=False)["criterion"].iloc[0]) if initial and len(snap.communes) else None
        self._set(self.criterion, [(f"{c.number}. {c.name(lang)}", c.number) for c in snap.criteria_set.criteria],
                  default if initial else self.criterion.value)
        for control, key in ((self.period, "period"), (self.unit, "unit"), (self.bands, "bands"),
                             (self.commune, "commune"), (self.criterion, "criterion"),
                             (self.first, "from"), (self.last, "to")):
            control.description = word(key)
        self.bands.placeholder = word("bands_help")
        self.tabs.titles = tuple(word(f"tab_{t}") for t in TABS)
        title = html.escape(word("title")) + " \u00b7 " + html.escape(views.unit_title(self.assessment, None, lang))
        source = f'<div class="ntm-source">{html.escape(word("source"))}: {html.escape(self.source)}</div>' \
            if self.source else ""
        # what the browser tab's title and <html lang> say: ntm explore's page follows it (see its template)
        page = (f'<span hidden class="ntm-page" data-ntm-title="{html.escape(word("tab_title"))}" '
                f'data-ntm-lang="{lang}"></span>')
        self.header.value = f"<h1>{title}</h1>{source}{page}"

    @property
    def source(self) -> str:
        """The source line of the data in the language shown (unless one was given)."""
        from .report import source_line

        return self._source if self._source is not None else source_line(self.assessment, self.lang.value)

    # -- reacting ------------------------------------------------------------------------------

    def _changed(self, name: str) -> None:
        if self._quiet:
            return
        if name in ("lang", "period", "unit"):
            self._quiet = True
            try:
                self._relabel()
            finally:
                self._quiet = False
        self._stale |= set(TABS) if name == "lang" else DEPENDS[name]
        self._draw_shown()

    @property
    def shown(self) -> str:
        """The view of the tab on screen."""
        return TABS[self.tabs.selected_index or 0]

    def _draw_shown(self) -> None:
        # the comparison has two periods of its own: the period leaves the shared bar, the unit stays
        # (data of one unit: the bar leaves, taking its room with it)
        compare = self.shown == "compare"
        self.period.layout.display = "none" if compare else "flex"
        self.shared.layout.display = "none" if compare and self.unit.layout.display == "none" else "flex"
        if self.shown in self._stale:
            self.draw(self.shown)

    def draw(self, name: str) -> views.View:
        """Compute view ``name`` for the controls' values and show it in its pane."""
        view = self.compute(name)
        self.views[name] = view
        self.panes[name].show(view)
        self._stale.discard(name)
        return view

    def source_for(self, unit: str | None) -> str:
        """The source line under a chart of ``unit`` (a district, or None for the whole data):
        the data of that unit in the language shown (or the source given)."""
        from .report import source_line

        if self._source is not None:
            return self._source
        return source_line(self.assessment, self.lang.value, unit=views.chart_unit(self.assessment, unit))

    def compute(self, name: str) -> views.View:
        """View ``name`` for the controls' current values (computed by ``views``)."""
        a, lang, unit = self.assessment, self.lang.value, self._unit()
        if name == "overview":
            return views.overview(a, self.period.value, bands=self.bands.value.strip() or None, unit=unit,
                                  lang=lang, source=self.source_for(unit))
        if name == "commune":
            own = unit or views.commune_unit(a, self.commune.value, self.period.value)
            return views.commune_view(a, self.commune.value, self.period.value, lang=lang,
                                      source=self.source_for(own), unit=own)
        if name == "criterion":
            return views.criterion_view(a, self.criterion.value, self.period.value, unit=unit, lang=lang,
                                        source=self.source_for(unit))
        return views.compare_view(a, self.first.value, self.last.value, lang=lang, source=self.source_for(unit),
                                  unit=unit)

    @property
    def summary(self):
        """The period figures of the overview last drawn (None when a bad band stopped it)."""
        view = self.views.get("overview")
        return views.summary_of(view) if view else None

    @property
    def message(self) -> str:
        """What the view on screen says instead of its figures ("" when it shows them)."""
        view = self.views.get(self.shown)
        return view.message if view else ""


def explorer(assessment: Assessment, lang: str = "vi", source: str | None = None) -> Explorer:
    """The explorer of ``assessment``; display ``explorer(...).widget`` in a notebook."""
    return Explorer(assessment, lang, source)
