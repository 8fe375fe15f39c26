"""The unit (district or province) of each commune, as a column of the review's commune tables.

A province's pack lists communes of many districts: every table of communes (the office form,
the comparisons, the warnings, the mergers) carries a "Huyện" ("Tỉnh") column next to the name,
so the reader knows where each commune is and the workbook can be filtered by it; the criteria
table groups its communes not meeting each criterion by unit. Only when the review compares
units (``review.districts``): a single district's pack is unchanged.
"""

from __future__ import annotations

from .review_tables import Column, Table
from .text import vi_sorted
from .vocab import header

# Tables whose rows are communes (their first column is the commune's name).
COMMUNE_TABLES = ("communes", "previous", "year_ago", "flags", "mergers")


def commune_units(review) -> dict[str, str]:
    """Each commune of the reviewed period → its unit's name at the level the review compares
    (empty when the review compares no units)."""
    level = review.units_level
    if not level or level not in review.snapshot.units.columns:
        return {}
    units = review.snapshot.units[level]
    return {str(c): u for c, u in units.items() if isinstance(u, str) and u}


def with_unit(table: Table, units: dict[str, str], title: str, after: str = "commune") -> Table:
    """``table`` with a column ``title`` holding each row's unit, right after its ``after``
    column (the commune's name); rows whose commune has no known unit get an empty cell."""
    keys = [c.key for c in table.columns]
    if after not in keys or "commune_unit" in keys:
        return table
    j = keys.index(after)
    at = j + 1
    columns = table.columns[:at] + [Column("commune_unit", title)] + table.columns[at:]
    rows = [r[:at] + [units.get(r[j])] + r[at:] for r in table.rows]
    total = table.total[:at] + [None] + table.total[at:] if table.total is not None else None
    kinds = {(r, c + (c >= at)): k for (r, c), k in table.kinds.items()}
    return Table(table.key, table.title, columns, rows, total, table.stt, kinds, table.note, table.changed)


def grouped_by_unit(names: list[str], units: dict[str, str]) -> str:
    """Communes grouped by unit, units and communes in Vietnamese alphabetical order, as every
    list of names: "Lâm Nguyên: Ea Hưng, Long Tân; Tân Phúc: Hòa An" (communes of no known unit
    last, without a heading)."""
    groups: dict[str | None, list[str]] = {}
    for name in names:
        groups.setdefault(units.get(name), []).append(name)
    parts = [f"{unit}: {', '.join(vi_sorted(groups[unit]))}" for unit in vi_sorted(u for u in groups if u)]
    if None in groups:
        parts.append(", ".join(vi_sorted(groups[None])))
    return "; ".join(parts)


def units_in_page_order(tables: dict[str, Table]) -> dict[str, Table]:
    """The units' sheet ("Theo huyện") after the overall result's sheets, where the page puts its
    section, rather than last: the reader matching page and workbook finds it in the same place."""
    key = next((k for k in ("districts", "provinces") if k in tables), None)
    if key is None or "by_count" not in tables:
        return tables
    out = {}
    for k, table in tables.items():
        if k != key:
            out[k] = table
        if k == "by_count":
            out[key] = tables[key]
    return out


def with_unit_columns(tables: dict[str, Table], review, lang: str = "vi") -> dict[str, Table]:
    """The review's tables with each commune's unit, when the review compares units; the units'
    sheet in the page's order."""
    units = commune_units(review)
    if not units:
        return units_in_page_order(tables)
    title = header(review.units_level, lang)
    out = dict(tables)
    for key in COMMUNE_TABLES:  # the office form names its units already (review_tables.unit_columns)
        if key in out and review.units_level not in [c.key for c in out[key].columns]:
            out[key] = with_unit(out[key], units, title)
    if "criteria" in out and "missing" in [c.key for c in out["criteria"].columns]:
        table = out["criteria"]
        j = [c.key for c in table.columns].index("missing")
        missing = {int(row.criterion): list(row.missing) for row in review.lagging.itertuples(index=False)}
        rows = [r[:j] + [grouped_by_unit(missing.get(r[0], []), units) or r[j]] + r[j + 1:] for r in table.rows]
        out["criteria"] = Table(table.key, table.title, table.columns, rows, table.total, table.stt,
                                dict(table.kinds))
    return units_in_page_order(out)
