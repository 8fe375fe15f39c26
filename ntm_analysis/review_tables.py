"""The review's tables, once, for every renderer: rows of typed values (numbers stay numbers)
with each column's header in the language and its kind, so the page prints "21,1%" and the
workbook stores 0.2105… with the format ``0.0%``.

Kinds: ``text``; ``int`` (counts, "#,##0"); ``signed`` (a change, "+#,##0"); ``mean`` (two
decimals); ``share`` (a fraction of one, printed as a percentage with one decimal); ``year``;
``status`` (a criterion's mark as offices write it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .vocab import (criterion_name, flag_label, header, phrases, quarter_label, status_label, target_state_label)


@dataclass
class Column:
    key: str
    header: str
    kind: str = "text"
    group: str | None = None  # a header over several columns ("Tiêu chí" over 1 … 19)


@dataclass
class Table:
    """One table: columns, rows of values, and a total row ("Tổng cộng") where a total means
    something. ``stt`` numbers the rows as office forms do."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None
    stt: bool = True
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → kind; row -1: total

    def kind(self, row: int, column: int) -> str:
        return self.kinds.get((row, column), self.columns[column].kind)


def _present(frame: pd.DataFrame, column: str) -> bool:
    return column in frame.columns and frame[column].notna().any()


def _value(v):
    """A pandas value as a plain Python one (NA → None)."""
    if v is None or (not isinstance(v, (list, str)) and pd.isna(v)):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def summary_table(review, lang: str) -> Table:
    s = review.summary
    rows = [[header("period", lang), quarter_label(review.period, lang), "text"],
            [header("criteria_set", lang), review.criteria_set.name.replace("-", "\u2013"), "text"],
            [header("n_communes", lang), s.n_communes, "int"],
            [header("total_met", lang), s.total_met, "int"],
            [header("mean_met", lang), s.mean_met, "mean"],
            [header("n_all_met", lang), s.n_all_met, "int"]]
    if s.n_recognised is not None:
        rows.append([header("n_recognised", lang), s.n_recognised, "int"])
    rows.append([header("total_basically_met", lang), s.total_basically_met, "int"])
    table = Table("summary", phrases(lang, "page")["bands_table"],
                  [Column("figure", header("figure", lang)), Column("value", header("value", lang))],
                  [r[:2] for r in rows])
    table.kinds = {(i, 1): r[2] for i, r in enumerate(rows)}
    return table


def bands_table(review, lang: str) -> Table:
    from .wording import band_phrase

    s = review.summary
    rows = [[band_phrase(b, lang), b.n, b.share] for b in s.bands]
    in_bands = sum(b.n for b in s.bands)
    return Table("bands", phrases(lang, "page")["bands_table"],
                 [Column("band", header("band", lang)), Column("communes", header("communes", lang), "int"),
                  Column("share", header("share", lang), "share")],
                 rows, [None, in_bands, in_bands / s.n_communes if s.n_communes else 0.0])


def by_count_table(review, lang: str) -> Table:
    s = review.summary
    counts = sorted(((int(k), v) for k, v in s.by_count.items()), reverse=True)
    rows = [[k, v, v / s.n_communes] for k, v in counts]
    return Table("by_count", phrases(lang, "page")["by_count_table"],
                 [Column("criteria_met", header("criteria_met", lang), "int"),
                  Column("communes", header("communes", lang), "int"),
                  Column("share", header("share", lang), "share")],
                 rows, [None, s.n_communes, 1.0 if s.n_communes else 0.0])


def criteria_table(review, lang: str, names: bool = True) -> Table:
    """Criteria from the least met, with the communes not meeting each (``names``)."""
    t = review.lagging
    columns = [Column("number", header("criterion", lang), "int"), Column("name", header("name", lang)),
               Column("n_met", header("n_met", lang), "int"), Column("share", header("share", lang), "share"),
               Column("n_missing", header("n_missing", lang), "int")]
    if names:
        columns.append(Column("missing", header("missing", lang)))
    rows = []
    for row in t.itertuples(index=False):
        values = [int(row.criterion), criterion_name(row, lang), int(row.n_met), float(row.share),
                  len(row.missing)]
        if names:
            values.append(", ".join(row.missing))
        rows.append(values)
    total = [None, None, int(t["n_met"].sum()), None, int(sum(len(m) for m in t["missing"]))] + ([None] if names else [])
    return Table("criteria", phrases(lang, "page")["lagging_table"], columns, rows, total, stt=False)


def communes_table(review, lang: str) -> Table:
    """The office form: one row per commune, one column per criterion marked as offices mark it,
    then criteria met, year recognised, pilot, villages and model areas."""
    snap, reg = review.snapshot, review.register
    measures = snap.measures
    group = header("criteria_group", lang)
    columns = [Column("commune", header("commune", lang))]
    columns += [Column(f"c{c}", str(c), "status", group) for c in snap.criteria_set.numbers]
    columns.append(Column("criteria_met", header("criteria_met", lang), "int"))
    extra = []
    if _present(reg, "recognised_year"):
        extra.append(("recognised_year", "year", lambda c: _value(review.recognised.get(c))))
    if _present(reg, "pilot_year"):
        year = int(review.period[:4])
        extra.append(("pilot", "text", lambda c: header("yes", lang) if _value(reg.at[c, "pilot_year"]) == year
                      else None))
    for key in ("villages_meeting", "model_areas"):
        if _present(measures, key):
            extra.append((key, "int", lambda c, k=key: _value(measures.at[c, k])))
    if _present(measures, "advanced") and measures["advanced"].fillna(False).astype(bool).any():
        extra.append(("advanced", "text", lambda c: header("yes", lang) if _value(measures.at[c, "advanced"])
                      else None))
    columns += [Column(key, header(key, lang), kind) for key, kind, _ in extra]
    codes = snap.status.to_numpy()
    labels = {code: status_label(code, lang) for code in (0, 1, 2)}
    counts = snap.met_count
    rows = []
    for i, commune in enumerate(snap.communes):
        rows.append([commune, *[labels[int(v)] for v in codes[i]], int(counts.iloc[i]),
                     *[get(commune) for _, _, get in extra]])
    met = snap.met.sum(axis=0)
    total = [None, *[int(met[c]) for c in snap.criteria_set.numbers], int(counts.sum())]
    kinds = {(-1, 1 + j): "int" for j in range(len(snap.criteria_set.numbers))}
    for key, kind, _ in extra:
        j = len(total)
        column = [r[j] for r in rows]
        if kind == "int":
            total.append(int(sum(v for v in column if v is not None)))
        else:
            total.append(sum(1 for v in column if v is not None))
            kinds[(-1, j)] = "int"
    table = Table("communes", phrases(lang, "page")["communes_table"], columns, rows, total)
    table.kinds = kinds
    return table


def change_table(comparison, lang: str, key: str, changed_only: bool = False) -> Table:
    """Communes of a comparison: criteria met before and after, the change, criteria gained and
    lost, and a note where the boundary changed."""
    note_word = phrases(lang, "compare")["cli_boundary"].strip("()")
    rows = []
    for c in comparison.communes:
        if changed_only and not (c.gained or c.lost or c.boundary_changed):
            continue
        note = note_word if c.boundary_changed else (c.renamed_from and f"\u2190 {c.renamed_from}") or None
        rows.append([c.commune, c.before, c.after, c.after - c.before, ", ".join(map(str, c.gained)) or None,
                     ", ".join(map(str, c.lost)) or None, note])
    from .vocab import quarter_short

    before, after = quarter_short(comparison.from_period, lang), quarter_short(comparison.to_period, lang)
    columns = [Column("commune", header("commune", lang)),
               Column("before", header("before", lang, period=before), "int"),
               Column("after", header("after", lang, period=after), "int"),
               Column("change", header("change", lang), "signed"),
               Column("gained", header("gained", lang)), Column("lost", header("lost", lang)),
               Column("note", header("note", lang))]
    if not any(r[6] for r in rows):
        columns.pop()
        rows = [r[:6] for r in rows]
    total = None
    if not changed_only:
        total = [None, comparison.total_before, comparison.total_after,
                 comparison.total_after - comparison.total_before, None, None][:len(columns)]
        total += [None] * (len(columns) - len(total))
    title = phrases(lang, "page")["changes_table"].format(period=quarter_label(comparison.from_period, lang))
    return Table(key, title, columns, rows, total)


def trend_table(review, lang: str) -> Table:
    from .charts import band_label

    t = review.trend
    band_columns = [c for c in t.columns if c.startswith("band_")]
    columns = [Column("period", header("period", lang)), Column("n_communes", header("n_communes", lang), "int"),
               Column("total_met", header("total_met", lang), "int"), Column("mean_met", header("mean_met", lang), "mean"),
               Column("n_all_met", header("n_all_met", lang), "int")]
    has_recognised = "n_recognised" in t.columns and t["n_recognised"].notna().any()
    if has_recognised:
        columns.append(Column("n_recognised", header("n_recognised", lang), "int"))
    for c in band_columns:
        low, _, high = c[5:].partition("-")
        columns.append(Column(c, f"{header('band', lang)} {band_label(int(low), int(high or low), lang)}", "int"))
    rows = []
    for period, row in t.iterrows():
        values = [quarter_label(period, lang), int(row["n_communes"]), int(row["total_met"]), float(row["mean_met"]),
                  int(row["n_all_met"])]
        if has_recognised:
            values.append(_value(row["n_recognised"]))
        values += [int(row[c]) for c in band_columns]
        rows.append(values)
    return Table("trend", phrases(lang, "sections")["compare"], columns, rows)


def targets_table(review, lang: str) -> Table:
    from .charts import target_label

    rows = []
    for s in review.targets:
        result = target_label(s, lang) if s.actual is not None else target_state_label("no data", lang)
        rows.append([s.target, ", ".join(s.communes) or None, quarter_label(s.due, lang), result,
                     target_state_label(s.state, lang)])
    return Table("targets", phrases(lang, "page")["targets_table"],
                 [Column("target", header("target", lang)), Column("communes", header("commune", lang)),
                  Column("due", header("due", lang)), Column("actual", header("actual", lang)),
                  Column("state", header("state", lang))], rows)


def flags_table(review, lang: str, flags=None, criteria_set=None, with_period: bool = False) -> Table:
    """Warnings: kind, commune and what happened (the review's, or the ``flags`` given)."""
    from .wording import flag_text

    flags = review.flags if flags is None else flags
    criteria_set = criteria_set or review.criteria_set
    columns = ([Column("period", header("period", lang))] if with_period else []) + [
        Column("flag", header("flag", lang)), Column("commune", header("commune", lang)),
        Column("detail", header("detail", lang))]
    rows = [([quarter_label(f.after, lang)] if with_period else []) +
            [flag_label(f.kind, lang), f.commune, flag_text(f, lang, criteria_set)] for f in flags]
    return Table("flags", phrases(lang, "page")["flags_table"], columns, rows)


def review_tables(review, lang: str = "vi") -> dict[str, Table]:
    """Every table of the review, by sheet key, in the workbook's order."""
    out = {"summary": summary_table(review, lang), "bands": bands_table(review, lang),
           "by_count": by_count_table(review, lang), "communes": communes_table(review, lang),
           "criteria": criteria_table(review, lang)}
    if review.previous is not None:
        out["previous"] = change_table(review.previous, lang, "previous")
    if review.year_ago is not None and review.year_ago is not review.previous:
        out["year_ago"] = change_table(review.year_ago, lang, "year_ago")
    out["trend"] = trend_table(review, lang)
    if review.targets:
        out["targets"] = targets_table(review, lang)
    out["flags"] = flags_table(review, lang)
    return out


def cell_text(value, kind: str, lang: str = "vi") -> str:
    """A cell as the page prints it, in the language's number format."""
    from fractions import Fraction

    from .text import format_count, format_decimal

    if value is None or value == "":
        return ""
    if kind == "int":
        return format_count(int(value), lang)
    if kind == "signed":
        return "0" if value == 0 else ("+" if value > 0 else "\u2212") + format_count(abs(int(value)), lang)
    if kind == "mean":
        return format_decimal(Fraction(str(value)), 2, lang)
    if kind == "share":
        return format_decimal(Fraction(str(value)) * 100, 1, lang) + "%"
    return str(value)
