"""The quarterly briefing pack: one review, rendered into the report texts (both languages), the
workbook, the charts (PNG at 300 dpi and SVG; 16:9 versions with ``slides``) and the review page,
all in one language but the texts.

Everything is computed once, by ``review.build_review``; this module only renders and writes.
Every file is written deterministically: the same data gives the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .model import Assessment
from .review import Review, build_review

REVIEW_NOTEBOOK = "01_quarterly_review.ipynb"
PAGE = "review.html"


def notebook_path(name: str = REVIEW_NOTEBOOK) -> Path:
    """A notebook shipped with the package, or from notebooks/ beside it in a checkout."""
    from importlib import resources

    packaged = Path(str(resources.files(__package__).joinpath("notebooks", name)))
    return packaged if packaged.exists() else Path(__file__).resolve().parent.parent / "notebooks" / name


def previous_period(assessment: Assessment, period: str) -> str | None:
    """The period before ``period`` in the data, if any."""
    earlier = [p for p in assessment.periods if p < period]
    return earlier[-1] if earlier else None


def report_text(assessment: Assessment, period: str, bands: str | None = None, lang: str = "vi",
                truncate: bool = False, shares: bool = False) -> str:
    """The review's text for one period (a convenience over ``build_review`` and
    ``wording.report_text``; a renderer that has the review uses it directly)."""
    from .wording import report_text as render

    return render(build_review(assessment, period, bands, truncate=truncate, shares=shares), lang)


def source_line(assessment: Assessment, lang: str = "vi", *, unit=None) -> str:
    """What the data is, for the line under a chart: the unit (``unit``, a ``review.Unit``, when
    a chart shows part of the data; else from the data's latest period, its register or its
    sidecar) and, when it is one, that the data is illustrative; never a folder's name."""
    from .review import data_label, data_sources, unit_of
    from .vocab import chart_word

    sources = data_sources(assessment)
    units = assessment.snapshot().units if assessment.snapshots else None
    unit = (unit or unit_of(assessment.communes, sources, units)).label(lang)
    text = ", ".join(p for p in (chart_word("data", lang), unit) if p)
    label = data_label(sources)
    return text + (f" ({chart_word(label, lang)})" if label else "")


# The review's charts in the order the page shows them: (name, section). A chart's file is
# numbered by its place among the charts the review draws ("01_communes_by_band"), so that file
# 03 is "Biểu đồ 3" on the page whichever charts a quarter has.
CHART_ORDER = (
    ("communes_by_band", "overall"), ("communes_by_criteria_met", "overall"),
    ("district_means", "districts"), ("district_bands", "districts"),
    ("share_meeting_each_criterion", "criteria"), ("criteria_by_commune", "criteria"),
    ("change_per_commune", "compare"), ("trend", "compare"), ("targets", "targets"),
)


def chart_names(review: Review) -> list[str]:
    """The names of the charts the review draws, in page order: a change chart only with a
    quarter before, a trend only with two periods, targets only when one is measured, the
    district charts only for several districts."""
    present = {"change_per_commune": review.previous is not None and review.previous.sets_comparable,
               "trend": len(review.trend) >= 2,
               "targets": any(s.actual is not None and s.value for s in review.targets),
               "district_means": len(review.districts) > 1, "district_bands": len(review.districts) > 1}
    return [name for name, _ in CHART_ORDER if present.get(name, True)]


def chart_stems(review: Review) -> dict[str, str]:
    """Chart name → file stem, numbered in page order ("communes_by_band" → "01_communes_by_band")."""
    return {name: f"{i:02d}_{name}" for i, name in enumerate(chart_names(review), 1)}


def chart_figures(review: Review, lang: str = "vi", slides: bool = False):
    """The review's charts as (file stem, Figure), one at a time, in page order: bands, counts,
    the districts (a province review), criteria, the commune × criterion grid, the change since
    the previous quarter, the trend and the targets (each when the review has it)."""
    from . import charts

    source, unit = review.source_text(lang), review.unit
    snap = review.snapshot
    draw = {
        "communes_by_band": lambda: charts.band_chart(review.summary, lang, source, unit=unit, slides=slides),
        "communes_by_criteria_met": lambda: charts.distribution_chart(snap, lang, source, bands=review.bands,
                                                                      unit=unit, slides=slides),
        "district_means": lambda: charts.district_means_chart(review.districts, lang, source, unit=unit,
                                                              overall=review.summary.mean_met, slides=slides),
        "district_bands": lambda: charts.district_bands_chart(review.districts, lang, source, unit=unit,
                                                              slides=slides),
        "share_meeting_each_criterion": lambda: charts.criteria_chart(review.lagging, review.n_communes, review.period,
                                                                      lang, source, unit=unit, slides=slides),
        "criteria_by_commune": lambda: charts.heatmap_chart(snap, lang, source, unit=unit, slides=slides),
        "change_per_commune": lambda: charts.change_chart(review.previous, lang, source, unit=unit, slides=slides),
        "trend": lambda: charts.trend_chart(review.trend, lang, source, unit=unit, slides=slides),
        "targets": lambda: charts.targets_chart(review.targets, lang, source, unit=unit, slides=slides,
                                                pilots=review.pilot_communes),
    }
    for name, stem in chart_stems(review).items():
        yield stem, draw[name]()


def chart_note(name: str, review: Review, lang: str = "vi") -> str:
    """What the chart ``name`` of the review says about its form when it has more communes (or
    units) than it draws one by one (the top and bottom ones, or communes counted by change); empty
    when it draws them all. The chart carries the note; the page repeats it under the chart."""
    from . import charts

    if name == "criteria_by_commune":
        return charts.heatmap_note(review.snapshot.met_count, lang)
    if name == "change_per_commune" and review.previous is not None:
        return charts.change_note(review.previous, lang)
    if name == "district_means" and review.districts:
        return charts.units_note(review.districts, lang)
    if name == "district_bands" and review.districts:
        return charts.units_note(review.districts, lang, charts.band_panels(len(review.districts)))
    return ""


def chart_images(review: Review, lang: str = "vi") -> dict[str, bytes]:
    """The review's charts as SVG bytes by file stem, drawn in memory (for the notebook)."""
    import io

    from .charts import house_style

    images = {}
    for stem, fig in chart_figures(review, lang):
        buffer = io.BytesIO()
        with house_style():
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        images[stem] = buffer.getvalue()
    return images


def save_figure(fig, stem: Path, formats=("png", "svg"), dpi: int = 300) -> list[Path]:
    """The figure as PNG (``dpi``) and SVG, with no timestamps in either, in the style it was
    drawn in."""
    from .charts import house_style

    written = []
    with house_style(getattr(fig, "ntm_slides", False)):
        for fmt in formats:
            path = stem.with_name(stem.name + "." + fmt)
            if fmt == "png":
                fig.savefig(path, dpi=dpi, metadata={"Software": None})
            else:
                fig.savefig(path, metadata={"Date": None, "Creator": None})
            written.append(path)
    return written


def build(assessment: Assessment, paths: list[str], period: str, out_dir: Path, bands: str | None = None,
          progress=None, shares: bool = False, lang: str = "vi", slides: bool = False,
          truncate: bool = False) -> list[Path]:
    """Write the whole pack for ``period`` into ``out_dir``; returns the files written.

    ``paths`` are the data's paths as given (the caller records them; the review reads
    ``assessment``). Both report texts are always written; ``lang`` is the language of the
    page, the workbook and the charts; ``slides`` adds 16:9 chart versions (``*_16x9``)."""
    from .page import render_page
    from .review_tables import review_tables
    from .vocab import phrases
    from .workbook import write_workbook
    from .wording import report_text as render_text

    say = progress or (lambda message: print(message, file=sys.stderr))
    steps = phrases(lang, "progress")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    review = build_review(assessment, period, bands, shares=shares, truncate=truncate)
    from .review import NO_UNIT

    for note in review.notes:  # said once, in the command's language
        if note.message == NO_UNIT:
            say(f"{note.file}: {phrases(lang, 'page')['no_unit']}")
    written = []
    say(steps["text"])
    for text_lang in ("vi", "en"):
        path = out_dir / f"summary_{text_lang}.txt"
        path.write_text(render_text(review, text_lang), encoding="utf-8")
        written.append(path)
    say(steps["workbook"])
    tables = review_tables(review, lang)
    written.append(write_workbook(review, lang, tables, out_dir / f"tables_{review.period}.xlsx"))
    say(steps["charts"])
    images = {}
    for stem, fig in chart_figures(review, lang):
        png, svg = save_figure(fig, out_dir / stem)
        images[stem] = svg.read_bytes()
        written += [png, svg]
    if slides:
        for stem, fig in chart_figures(review, lang, slides=True):
            written += save_figure(fig, out_dir / f"{stem}_16x9", dpi=150)
    say(steps["page"])
    path = out_dir / PAGE
    path.write_text(render_page(review, lang, images, tables), encoding="utf-8")
    written.append(path)
    return written
