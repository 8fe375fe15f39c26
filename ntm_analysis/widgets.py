"""The explorer's controls: period, commune, criterion, bands and language, redrawing the
figures, text, chart and table into one Output widget.

Everything it shows comes from the library's figures and charts; the state it last drew
(``summary``, ``figure``, ``table``, ``message``) is kept so tests drive it by setting ``.value``.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from . import charts, summarise
from .bands import BandError
from .figures import lagging_criteria
from .model import Assessment
from .text import STATUS_LABELS_VI, STATUS_NAMES

ALL = "__all__"
LABELS = {
    "vi": {"period": "Kỳ", "commune": "Xã", "criterion": "Tiêu chí", "bands": "Nhóm", "all": "(tất cả)",
           "bands_help": "vd. 19,15-18,10-14,5-9,0-4 hoặc standard5; để trống: mặc định"},
    "en": {"period": "Period", "commune": "Commune", "criterion": "Criterion", "bands": "Bands",
           "all": "(all)", "bands_help": "e.g. 19,15-18,10-14,5-9,0-4 or standard5; empty: default"},
}


class Explorer:
    """An interactive view of one assessment; ``.widget`` is what a notebook displays."""

    def __init__(self, assessment: Assessment, lang: str = "vi", source: str = ""):
        self.assessment = assessment
        self.source = source
        self.period = w.Dropdown(options=assessment.periods, value=assessment.periods[-1])
        self.commune = w.Dropdown()
        self.criterion = w.Dropdown()
        self.bands = w.Text(value="", continuous_update=False)
        self.lang = w.ToggleButtons(options=[("Tiếng Việt", "vi"), ("English", "en")], value=lang)
        self.output = w.Output()
        self.summary = self.figure = self.table = None
        self.message = ""
        self._choices()
        for control in (self.period, self.commune, self.criterion, self.bands, self.lang):
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def widget(self) -> w.Widget:
        controls = w.HBox([self.period, self.commune, self.criterion, self.bands])
        return w.VBox([w.HBox([self.lang]), controls, self.output])

    def _choices(self) -> None:
        """Options of the commune and criterion lists for the period and language shown."""
        snap = self.assessment.snapshot(self.period.value)
        words = LABELS[self.lang.value]
        for control, key in ((self.period, "period"), (self.commune, "commune"),
                             (self.criterion, "criterion"), (self.bands, "bands")):
            control.description = words[key]
        self.bands.placeholder = words["bands_help"]
        commune, criterion = self.commune.value, self.criterion.value
        self.commune.options = [(words["all"], ALL)] + [(c, c) for c in snap.communes]
        self.commune.value = commune if commune in snap.communes else ALL
        self.criterion.options = [(words["all"], ALL)] + [
            (f"{c.number}. {c.name(self.lang.value)}", c.number) for c in snap.criteria_set.criteria]
        self.criterion.value = criterion if criterion in snap.criteria_set.numbers else ALL

    def _on_change(self, change) -> None:
        if change["owner"] in (self.period, self.lang):
            self._choices()
        self.update()

    def update(self) -> None:
        """Recompute and redraw; a band specification that cannot be used is said, not raised."""
        lang, snap = self.lang.value, self.assessment.snapshot(self.period.value)
        try:
            [self.summary] = summarise(self.assessment, snap.period, self.bands.value.strip() or None, lang)
            self.message = ""
        except BandError as exc:
            self.message = str(exc)
        if self.message:
            self.figure, self.table = None, None
        elif self.commune.value != ALL:
            self.table = self.commune_table(snap, self.commune.value, lang)
            self.figure = charts.heatmap_chart(snap.status.loc[[self.commune.value]].pipe(_as_snapshot, snap),
                                               lang, self.source)
        elif self.criterion.value != ALL:
            missing = lagging_criteria(snap).set_index("criterion").loc[self.criterion.value, "missing"]
            self.table = pd.DataFrame({LABELS[lang]["commune"]: missing})
            self.figure = charts.criteria_chart(lagging_criteria(snap), len(snap.communes), snap.period,
                                                lang, self.source)
        else:
            self.table = None
            self.figure = charts.band_chart(self.summary, lang, self.source)
        self._show()

    @staticmethod
    def commune_table(snap, commune: str, lang: str) -> pd.DataFrame:
        """One commune's status on each criterion of the set."""
        codes = snap.status.loc[commune]
        names = [snap.criteria_set.criterion(int(c)).name(lang) for c in codes.index]
        words = STATUS_LABELS_VI if lang == "vi" else {k: v.replace("_", " ") for k, v in STATUS_NAMES.items()}
        return pd.DataFrame({LABELS[lang]["criterion"]: names, "": [words[int(v)] for v in codes]},
                            index=codes.index)

    def _show(self) -> None:
        with self.output:
            self.output.clear_output(wait=True)
            if self.message:
                print(self.message)
                return
            print(self.summary.text)
            display(self.figure)
            if self.table is not None:
                display(self.table)


def _as_snapshot(status: pd.DataFrame, snap):
    """A snapshot limited to some communes, for charts that draw one."""
    from .model import Snapshot

    return Snapshot(snap.period, snap.criteria_set, status, snap.origin.loc[status.index])


def explorer(assessment: Assessment, lang: str = "vi", source: str = "") -> Explorer:
    """The explorer of ``assessment``; display ``explorer(...).widget`` in a notebook."""
    return Explorer(assessment, lang, source)
