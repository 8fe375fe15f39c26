"""The review's tables, once, for every renderer: rows of typed values (numbers stay numbers)
with each column's header in the language and its kind, so the page prints "21,1%" and the
workbook stores 0.2105… with the format ``0.0%``.

Kinds: ``text``; ``int`` (counts, "#,##0"); ``signed`` (a change, "+#,##0"); ``mean`` (two
decimals); ``share`` (a fraction of one, printed as a percentage with one decimal); ``year``;
``status`` (a criterion's mark as offices write it); ``list`` (criterion numbers as text, "3, 14"
or "16": the workbook tells Excel they are meant as text); ``level`` (a target's level or level
reached: a number whose decimals show only when it has some); ``wrap`` (long text, wrapped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .vocab import (SHEETS, criterion_name, display_text, flag_label, header, phrases, quarter_label, quarter_short,
                    status_label, target_communes, target_state_label, target_title)


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
    note: str | None = None  # a sentence the table carries (under it in the workbook)
    changed: list[bool] | None = None  # a comparison's: whether each row's commune changed

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
            [header("criteria_set", lang), display_text(review.criteria_set.name), "text"],
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


# Names listed in one cell of the criteria table at most: a province's list (about 100 names,
# some 1,300 characters) still reads in a wrapped cell; a country's (thousands, beyond what Excel's
# 32,767 characters and 409-point rows hold) is filtered on the communes sheet instead.
CELL_NAMES = 100


def criteria_table(review, lang: str, names: bool = True) -> Table:
    """Criteria from the least met, with the communes not meeting each (``names``) as long as
    every list has at most ``CELL_NAMES`` names; beyond, a note sends the reader to the communes
    sheet, whose column for each criterion filters them."""
    t = review.lagging
    listed = names and all(len(m) <= CELL_NAMES for m in t["missing"])
    columns = [Column("number", header("criterion", lang), "int"), Column("name", header("name", lang)),
               Column("n_met", header("n_met", lang), "int"), Column("share", header("share", lang), "share"),
               Column("n_missing", header("n_missing", lang), "int")]
    if listed:
        columns.append(Column("missing", header("missing", lang), "wrap"))
    rows = []
    for row in t.itertuples(index=False):
        values = [int(row.criterion), criterion_name(row, lang), int(row.n_met), float(row.share),
                  len(row.missing)]
        if listed:
            values.append(", ".join(row.missing))
        rows.append(values)
    # no total row: adding up communes criterion by criterion counts each commune many times over
    note = None if listed or not names else phrases(lang, "page")["criteria_names_sheet"].format(
        n=CELL_NAMES, sheet=SHEETS[lang]["communes"])
    title = phrases(lang, "page")["lagging_table" if listed else "lagging_table_counts"]
    return Table("criteria", title, columns, rows, None, stt=False, note=note)


def unit_columns(review) -> pd.DataFrame:
    """The units of each commune the communes table names, in its row order: for a review that
    compares units, the province (a country's review) and the district (when the data has
    districts); none for one district's review (its unit is in the title)."""
    units = review.snapshot.units
    levels = []
    if review.districts and units is not None:
        if review.units_level == "province" and "province" in units.columns:
            levels.append("province")
        if "district" in units.columns and units["district"].notna().any():
            levels.append("district")
    return units.reindex(review.snapshot.communes)[levels] if levels else \
        pd.DataFrame(index=pd.Index(review.snapshot.communes))


def communes_table(review, lang: str) -> Table:
    """The office form: one row per commune, one column per criterion marked as offices mark it,
    then criteria met, year recognised, pilot, villages and model areas."""
    snap, reg = review.snapshot, review.register
    measures = snap.measures
    group = header("criteria_group", lang)
    columns = [Column("commune", header("commune", lang))]
    units = unit_columns(review)
    columns += [Column(level, header(level, lang)) for level in units.columns]
    columns += [Column(f"c{c}", str(c), "status", group) for c in snap.criteria_set.numbers]
    columns.append(Column("criteria_met", header("criteria_met", lang), "int"))
    extra = []
    if _present(reg, "recognised_year"):
        extra.append(("recognised_year", "year", lambda c: _value(review.recognised.get(c))))
    if _present(reg, "pilot_year"):  # the year a commune was a pilot, whichever the period reviewed
        extra.append(("pilot_year", "year", lambda c: _value(reg.at[c, "pilot_year"])))
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
    unit_values = [[_value(v) for v in row] for row in units.itertuples(index=False)] if len(units.columns) \
        else [[] for _ in snap.communes]
    for i, commune in enumerate(snap.communes):
        rows.append([commune, *unit_values[i], *[labels[int(v)] for v in codes[i]], int(counts.iloc[i]),
                     *[get(commune) for _, _, get in extra]])
    met = snap.met.sum(axis=0)
    total = [None, *[None] * len(units.columns), *[int(met[c]) for c in snap.criteria_set.numbers], int(counts.sum())]
    kinds = {(-1, 1 + len(units.columns) + j): "int" for j in range(len(snap.criteria_set.numbers))}
    for key, kind, _ in extra:  # a total where it means something: never under a year
        j = len(total)
        column = [r[j] for r in rows]
        if kind == "int":
            total.append(int(sum(v for v in column if v is not None)))
        elif kind == "year":
            total.append(None)
        else:
            total.append(sum(1 for v in column if v is not None))
            kinds[(-1, j)] = "int"
    table = Table("communes", phrases(lang, "page")["communes_table"], columns, rows, total)
    table.kinds = kinds
    return table


def change_table(comparison, lang: str, key: str, changed_only: bool = False) -> Table:
    """Communes of a comparison: criteria met before and after, the change, criteria gained and
    lost, and a note where the boundary changed."""
    if comparison.n_all_criteria[0] != comparison.n_all_criteria[1]:
        return _sets_table(comparison, lang, key)
    rows, changed = [], []
    for c in comparison.communes:
        if changed_only and not (c.gained or c.lost or c.boundary_changed):
            continue
        note = _change_note(c, lang)
        rows.append([c.commune, c.before, c.after, c.after - c.before, ", ".join(map(str, c.gained)) or None,
                     ", ".join(map(str, c.lost)) or None, note])
        changed.append(bool(c.gained or c.lost or c.boundary_changed))  # a rename alone is no change
    before, after = quarter_short(comparison.from_period, lang), quarter_short(comparison.to_period, lang)
    columns = [Column("commune", header("commune", lang)),
               Column("before", header("before", lang, period=before), "int"),
               Column("after", header("after", lang, period=after), "int"),
               Column("change", header("change", lang), "signed"),
               Column("gained", header("gained", lang), "list"), Column("lost", header("lost", lang), "list"),
               Column("note", header("note", lang))]
    if not any(r[6] for r in rows):
        columns.pop()
        rows = [r[:6] for r in rows]
    # every commune: the unit's totals; the changed communes only: the total of their changes;
    # across a merger of communes neither (the totals count different communes): blank, and the
    # note under the table says why, as the text does
    note = None
    if getattr(comparison, "reorganised", False):
        from .wording import reorganised_note

        total, note = [None] * 4, reorganised_note(comparison, lang)
    elif changed_only:
        total = [None, None, None, sum(r[3] for r in rows)]
    else:
        total = [None, comparison.total_before, comparison.total_after,
                 comparison.total_after - comparison.total_before]
    total += [None] * (len(columns) - len(total))
    page = phrases(lang, "page")
    title = page["year_ago_table" if comparison.year_on_year else "changes_table"].format(
        period=quarter_short(comparison.from_period, lang))
    table = Table(key, title, columns, rows, total, note=note, changed=changed)
    return changed_rows(table) if changed_only else table


def changed_rows(table: Table) -> Table:
    """A comparison table (``change_table``'s, each row marked ``changed``) limited to communes
    whose criteria or boundary changed (the page's); its total row adds up their changes (the
    unit's change), or stays blank where the full table's does (across a merger: no total)."""
    change = [c.key for c in table.columns].index("change")
    rows = [r for r, changed in zip(table.rows, table.changed) if changed]
    total = [None] * len(table.columns)
    if table.total is not None and table.total[change] is not None:
        total[change] = sum(r[change] for r in rows)
    return Table(table.key, table.title, table.columns, rows, total, table.stt, dict(table.kinds), table.note,
                 [True] * len(rows))


def _change_note(change, lang: str) -> str | None:
    """A commune's note in a comparison: its boundary changed, or its earlier name in words."""
    say = phrases(lang, "compare")
    if change.boundary_changed:
        return say["cli_boundary"].strip("()")
    return say["renamed_from"].format(name=change.renamed_from) if change.renamed_from else None


def _sets_table(comparison, lang: str, key: str) -> Table:
    """A comparison across criteria sets of different sizes (19 → 10 from 2026): each commune's
    criteria met in each period, against its own set, with no change, gains or losses, and the
    sentence saying why."""
    from .wording import sets_sentence

    rows = [[c.commune, c.before, c.after, _change_note(c, lang)] for c in comparison.communes]
    n_before, n_after = comparison.n_all_criteria
    before, after = quarter_short(comparison.from_period, lang), quarter_short(comparison.to_period, lang)
    columns = [Column("commune", header("commune", lang)),
               Column("before", header("before", lang, period=f"{before} (/{n_before})"), "int"),
               Column("after", header("after", lang, period=f"{after} (/{n_after})"), "int"),
               Column("note", header("note", lang))]
    if not any(r[3] for r in rows):
        columns.pop()
        rows = [r[:3] for r in rows]
    page = phrases(lang, "page")
    title = page["year_ago_table" if comparison.year_on_year else "changes_table"].format(
        period=quarter_short(comparison.from_period, lang))
    return Table(key, title, columns, rows, None, note=sets_sentence(comparison, lang, "sets_size_note"))


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
    # the reorganisation of 1/7/2025 between two rows: the first quarter after it says so, and the
    # sentence under the table (as the trend's chart and text mark it) says they are not compared
    from .periods import period_end
    from .timeline import REORGANISATION
    from .vocab import date_text
    from .vocab_messages import terminal_word

    periods = list(t.index)
    after, note = None, None
    for a, b in zip(periods, periods[1:]):
        if period_end(a) < REORGANISATION <= period_end(b):
            after = b
            said = terminal_word("trend_reorganised_between", lang, before=quarter_short(a, lang),
                                 after=quarter_short(b, lang), date=date_text(REORGANISATION, lang))
            said = said.strip().lstrip("\u2500").strip()
            note = said[:1].upper() + said[1:] + "."
    rows = []
    for period, row in t.iterrows():
        label = quarter_label(period, lang)
        if period == after:
            label = phrases(lang, "page")["trend_after_merger"].format(period=label)
        values = [label, int(row["n_communes"]), int(row["total_met"]), float(row["mean_met"]),
                  int(row["n_all_met"])]
        if has_recognised:
            values.append(_value(row["n_recognised"]))
        values += [int(row[c]) for c in band_columns]
        rows.append(values)
    return Table("trend", phrases(lang, "page")["trend_table"], columns, rows, note=note)


def _target_numbers(s) -> tuple[object, object, str, str]:
    """A target's level reached and level to reach as numbers, with their kinds and unit key: a
    count of criteria or areas, an average (never rounded up to reach the level) or a share."""
    from fractions import Fraction

    if s.actual is None or s.kind == "advanced":
        return None, None, "level", ""
    if s.kind in ("villages_share", "recognised_share"):
        return float(s.actual), float(s.value), "share", "unit_" + s.kind
    if s.kind == "mean":
        exact, level = Fraction(str(s.actual)), Fraction(str(s.value))
        shown = Fraction(round(exact * 100), 100)
        if exact < level <= shown:  # 14,996 of 15 is not "15,00": cut, as the text does
            shown = Fraction(int(exact * 100), 100)
        return float(shown), float(s.value), "mean", "unit_mean"
    unit = "unit_areas" if s.kind == "model_areas" else "unit_criteria"
    return _whole(s.actual), _whole(s.value), "level", unit


def _whole(value):
    """A level as Excel should hold it: a whole number as an int, else the float."""
    return int(value) if value is not None and float(value).is_integer() else value


def targets_table(review, lang: str) -> Table:
    """Each target on the period: its name in the language, communes, due quarter, the level
    reached and the level to reach as numbers (with their unit), the state in the one vocabulary
    of states, and the result as the chart writes it ("12/19 tiêu chí")."""
    from .charts import target_label

    from .wording import target_commune_names

    say = phrases(lang, "targets")
    rows, kinds = [], {}
    communes_of = target_communes(review.targets)
    for i, s in enumerate(review.targets):
        result = target_label(s, lang) if s.actual is not None else target_state_label("no data", lang)
        actual, level, kind, unit = _target_numbers(s)
        communes = target_commune_names([s], lang)  # a commune merged away: where it went
        rows.append([target_title(s, lang, review.pilot_communes, communes_of[(s.target, s.kind)]), communes or None,
                     quarter_label(s.due, lang), actual, level, say[unit] if unit else None,
                     target_state_label(s.state, lang), result])
        kinds[(i, 3)] = kinds[(i, 4)] = kind
    table = Table("targets", phrases(lang, "page")["targets_table"],
                  [Column("target", header("target", lang), "wrap"), Column("communes", header("commune", lang), "wrap"),
                   Column("due", header("due", lang)), Column("actual", header("actual", lang), "level"),
                   Column("level", header("level", lang), "level"), Column("unit", header("target_unit", lang)),
                   Column("state", header("state", lang)), Column("result", header("result", lang), "wrap")], rows)
    table.kinds = kinds
    return table


def notes_table(review, lang: str) -> Table:
    """What reading the data repaired or noted (the reading's warnings), file by file: the pack
    says what the reader repaired. Empty when there was nothing (the sheet then says so)."""
    from pathlib import PurePath

    from .review import NO_UNIT
    from .vocab_messages import message_text

    page = phrases(lang, "page")
    rows = [[PurePath(p.file).name if "," not in p.file else p.file, p.row,
             message_text(p.column, lang) if p.column else p.column,
             page["no_unit"] if p.message == NO_UNIT else note_text(p, lang), p.value] for p in review.notes]
    return Table("notes", page["notes_title"],
                 [Column("file", header("file", lang)), Column("row", header("row", lang), "int"),
                  Column("column", header("column", lang)), Column("message", header("message", lang), "wrap"),
                  Column("value", header("value", lang))], rows)


def note_text(problem, lang: str) -> str:
    """A reading note's message in ``lang`` (the problem's message, without its place)."""
    from .vocab_messages import message_text

    return message_text(problem.message, lang)


def districts_table(review, lang: str) -> Table:
    """The districts of a province review, ranked by average criteria per commune: communes,
    communes meeting all criteria, recognised communes, the average, and communes in each band;
    the total row is the province's."""
    from .charts import band_label

    districts = review.districts
    level = review.units_level or "district"
    bands = review.summary.bands
    recognised = any(d.n_recognised is not None for d in districts)
    columns = [Column("district", header(level, lang)), Column("n_communes", header("n_communes", lang), "int"),
               Column("n_all_met", header("n_all_met", lang), "int")]
    if recognised:
        columns.append(Column("n_recognised", header("n_recognised", lang), "int"))
    columns.append(Column("mean_met", header("mean_met", lang), "mean"))
    columns += [Column(f"band_{b.low}-{b.high}", band_label(b.low, b.high, lang), "int", header("n_bands", lang))
                for b in bands]
    rows = []
    for d in districts:
        name = d.unit or "\u2014"  # under a header that names the level, as the terminal's --by tables
        row = [name, d.n_communes, d.n_all_met] + ([d.n_recognised] if recognised else []) + [d.mean_met]
        rows.append(row + [b.n for b in d.bands])
    s = review.summary
    total = [None, s.n_communes, s.n_all_met] + ([s.n_recognised] if recognised else []) + [s.mean_met] + \
        [b.n for b in bands]
    key = "provinces" if level == "province" else "districts"
    return Table(key, phrases(lang, "page")[f"{key}_table"], columns, rows, total)


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
    out["notes"] = notes_table(review, lang)
    if review.districts:
        table = districts_table(review, lang)
        out[table.key] = table
    from .reorganisation import with_mergers
    from .unit_columns import with_unit_columns

    return with_unit_columns(with_mergers(out, review, lang), review, lang)


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
    if kind == "level":
        exact = Fraction(str(value))
        return format_decimal(exact, 0 if exact.denominator == 1 else 2, lang)
    return str(value)
