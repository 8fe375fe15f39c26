"""The quarterly briefing pack: validated data → report text, tables (.xlsx), charts (PNG at
300 dpi and SVG) and the executed review notebook as HTML.

Every file is written deterministically: the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pandas as pd

from . import summarise
from .compare import compare, trend, year_on_year
from .figures import lagging_criteria
from .model import Assessment
from .periods import period_end, period_label, shift
from .targets import evaluate
from .wording import band_sentence, compare_text, lagging_text, recognition_text, target_text

REVIEW_NOTEBOOK = "01_quarterly_review.ipynb"


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
    """The briefing's paragraphs for one period: figures, recognition, comparisons, lagging
    criteria and targets, in report style (district style; ``shares`` adds "(chiếm 12,4%)" to
    each band as provincial reports do)."""
    [summary] = summarise(assessment, period, bands, lang, truncate, shares)
    snap = assessment.snapshot(period)
    label = period_label(period, lang)
    head = (f"{label[0].upper() + label[1:]}: {len(snap.communes)} xã được đánh giá theo bộ "
            f"tiêu chí {snap.criteria_set.name}." if lang == "vi" else
            f"{period_label(period, lang)}: {len(snap.communes)} communes assessed against the "
            f"{snap.criteria_set.name} criteria.")
    [exact] = summarise(assessment, period, "exact", lang)
    detail = band_sentence(exact, lang)
    parts = [head, summary.text, ("Chi tiết: " if lang == "vi" else "In detail: ") + detail + ".",
             recognition_text(summary, lang)]
    previous = previous_period(assessment, period)
    if previous:
        parts.append(compare_text(compare(assessment, previous, period, bands), lang, truncate))
    if shift(period, -4) in assessment.periods and shift(period, -4) != previous:
        parts.append(compare_text(year_on_year(assessment, period, bands), lang, truncate))
    parts.append(lagging_text(lagging_criteria(snap), len(snap.communes), lang))
    statuses = evaluate(assessment, period) if len(assessment.targets) else []
    if statuses:
        parts.append(("Mục tiêu:" if lang == "vi" else "Targets:") + "\n" +
                     "\n".join(f"- {target_text(s, lang)}" for s in statuses))
    return "\n\n".join(parts) + "\n"


def tables(assessment: Assessment, period: str, bands: str | None = None) -> dict[str, pd.DataFrame]:
    """The briefing's tables, one per sheet of the workbook."""
    [summary] = summarise(assessment, period, bands)
    snap = assessment.snapshot(period)
    figures = pd.DataFrame([
        ("period", summary.period), ("criteria_set", summary.criteria_set),
        ("n_communes", summary.n_communes), ("total_met", summary.total_met),
        ("mean_met", summary.mean_met), ("total_basically_met", summary.total_basically_met),
        ("n_all_met", summary.n_all_met), ("n_recognised", summary.n_recognised),
    ], columns=["figure", "value"])
    status = snap.status.replace({0: "Chưa đạt", 1: "Cơ bản đạt", 2: "Đạt"})
    status.insert(0, "Số tiêu chí đạt", snap.met_count)
    out = {
        "figures": figures,
        "bands": pd.DataFrame([vars(b) for b in summary.bands]),
        "by_count": pd.DataFrame({"criteria_met": [int(k) for k in summary.by_count],
                                  "communes": list(summary.by_count.values())}),
        "communes": status.reset_index(),
        "lagging": lagging_criteria(snap).assign(missing=lambda t: t["missing"].map(", ".join)),
        "trend": trend(assessment, bands).loc[:period].reset_index(),
    }
    previous = previous_period(assessment, period)
    if previous:
        result = compare(assessment, previous, period, bands)
        out["compare"] = pd.DataFrame([{
            "commune": c.commune, previous: c.before, period: c.after,
            "gained": ", ".join(map(str, c.gained)), "lost": ", ".join(map(str, c.lost)),
            "boundary_changed": c.boundary_changed} for c in result.communes])
    if len(assessment.targets):
        out["targets"] = pd.DataFrame([{k: (", ".join(map(str, v)) if isinstance(v, list) else v)
                                        for k, v in s.to_dict().items()} for s in evaluate(assessment, period)])
    from .checks import flags

    out["flags"] = flags(assessment).query("period_to <= @period")
    return out


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path, stamp) -> None:
    """One workbook, a sheet per table; document dates set to ``stamp`` so the bytes repeat."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    _fix_zip(buffer.getvalue(), path, stamp)


def _fix_zip(data: bytes, path: Path, stamp) -> None:
    """Rewrite an OOXML zip with fixed entry times and document dates."""
    iso = f"{stamp.isoformat()}T00:00:00Z"
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), content)
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, content)


def chart_figures(assessment: Assessment, period: str, bands: str | None = None, lang: str = "vi",
                  source: str = "") -> dict:
    """The briefing's charts by file stem."""
    from . import charts

    [summary] = summarise(assessment, period, bands, lang)
    snap = assessment.snapshot(period)
    figs = {
        "01_communes_by_criteria_met": charts.distribution_chart(snap, lang, source),
        "02_communes_by_band": charts.band_chart(summary, lang, source),
        "03_criteria_by_commune": charts.heatmap_chart(snap, lang, source),
        "04_share_meeting_each_criterion": charts.criteria_chart(lagging_criteria(snap), len(snap.communes),
                                                                 period, lang, source),
    }
    previous = previous_period(assessment, period)
    if previous:
        figs["05_change_per_commune"] = charts.change_chart(compare(assessment, previous, period, bands),
                                                            lang, source)
    figs["06_trend"] = charts.trend_chart(trend(assessment, bands).loc[:period], lang, source)
    statuses = evaluate(assessment, period) if len(assessment.targets) else []
    if any(s.actual is not None for s in statuses):
        figs["07_targets"] = charts.targets_chart(statuses, lang, source)
    return figs


def save_figure(fig, stem: Path) -> list[Path]:
    """PNG at 300 dpi and SVG, with no timestamps in either."""
    from .charts import house_style

    with house_style():
        fig.savefig(stem.with_suffix(".png"), dpi=300, metadata={"Software": None})
        fig.savefig(stem.with_suffix(".svg"), metadata={"Date": None, "Creator": None})
    return [stem.with_suffix(".png"), stem.with_suffix(".svg")]


def source_line(assessment: Assessment) -> str:
    """What the data is, for the line under each chart: each folder's provenance sidecar names
    its dataset (and says when it is an illustrative reconstruction); else the folder's name."""
    import json

    labels = []
    for folder in sorted({Path(f).parent for s in assessment.snapshots.values() for f in s.origin["file"]}):
        sidecar = folder / "provenance.json"
        if sidecar.exists():
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            illustrative = "illustrative" in meta.get("status", "")
            labels.append(meta["dataset"] + (" (minh họa / illustrative)" if illustrative else ""))
        else:
            labels.append(folder.name)
    return "; ".join(labels)


def run_notebook(out_dir: Path, parameters: dict) -> Path:
    """Execute the review notebook with papermill and export it to HTML without code cells."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    executed = out_dir / REVIEW_NOTEBOOK
    papermill.execute_notebook(str(notebook_path()), str(executed), parameters=parameters,
                               progress_bar=False, kernel_name="python3", cwd=str(out_dir))
    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:  # papermill gives its cell a random id; the HTML must repeat
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    html, _ = exporter.from_notebook_node(notebook)
    path = out_dir / "review.html"
    path.write_text(html, encoding="utf-8")
    executed.unlink()
    return path


def build(assessment: Assessment, paths: list[str], period: str, out_dir: Path,
          bands: str | None = None, progress=None, shares: bool = False, lang: str = "vi") -> list[Path]:
    """Write the whole pack for ``period`` into ``out_dir``; returns the files written.

    Both summary texts are always written; ``lang`` is the language of the charts and the page."""
    say = progress or (lambda message: print(message, file=sys.stderr))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    say("[1/4] report text (vi, en)")
    for text_lang in ("vi", "en"):
        path = out_dir / f"summary_{text_lang}.txt"
        path.write_text(report_text(assessment, period, bands, text_lang, shares=shares), encoding="utf-8")
        written.append(path)
    say("[2/4] tables (.xlsx)")
    path = out_dir / f"tables_{period}.xlsx"
    write_xlsx(tables(assessment, period, bands), path, period_end(period))
    written.append(path)
    say("[3/4] charts (PNG 300 dpi, SVG)")
    for stem, fig in chart_figures(assessment, period, bands, lang, source_line(assessment)).items():
        written += save_figure(fig, out_dir / stem)
    say("[4/4] review notebook (HTML)")
    parameters = {"data_paths": [str(Path(p).resolve()) for p in paths], "period": period,
                  "bands": bands, "lang": lang, "shares": shares}
    written.append(run_notebook(out_dir, parameters))
    return written
