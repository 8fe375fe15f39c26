"""The mergers of communes between the periods a review compares: the workbook's full list.

After 1/7/2025 a province's communes were merged by the hundred: the text says how many and
sends the reader here; this table names each commune formed, the communes it was formed from,
the date and the decision.
"""

from __future__ import annotations

from .review_tables import Column, Table
from .text import vi_sorted
from .vocab import date_text, header, phrases


def mergers(review) -> list[dict]:
    """The mergers of the review's comparisons (the previous quarter's, then the year before's),
    each once, in the order the comparisons list them."""
    seen, out = set(), []
    for comparison in (review.previous, review.year_ago):
        for b in (comparison.boundary_changes if comparison is not None else []):
            key = (b["commune"], b["date"])
            if key not in seen and len(b["merged_from"]) > 1:
                seen.add(key)
                out.append(b)
    return out


def mergers_table(review, lang: str = "vi") -> Table | None:
    """One row per commune formed by merging: its name, the communes it was formed from, the
    date it took effect and the decision; None when the review spans no merger."""
    import datetime as dt

    rows = []
    for b in mergers(review):
        day = dt.date.fromisoformat(b["date"]) if isinstance(b["date"], str) else b["date"]
        merged_from = ", ".join(vi_sorted(b["merged_from"]))  # as every list of names
        rows.append([b["commune"], merged_from, len(b["merged_from"]), date_text(day, lang),
                     b.get("decision") or None])
    if not rows:
        return None
    columns = [Column("commune", header("commune", lang)), Column("merged_from", header("merged_from", lang), "wrap"),
               Column("n_merged", header("n_merged", lang), "int"), Column("date", header("effective", lang)),
               Column("decision", header("decision", lang), "wrap")]
    return Table("mergers", phrases(lang, "page")["mergers_table"], columns, rows,
                 [None, None, sum(r[2] for r in rows), None, None])


def with_mergers(tables: dict[str, Table], review, lang: str = "vi") -> dict[str, Table]:
    """The review's tables with the mergers' sheet after the comparisons, when there are any."""
    table = mergers_table(review, lang)
    if table is None:
        return tables
    out = {}
    for key, value in tables.items():
        out[key] = value
        if key == ("year_ago" if "year_ago" in tables else "previous"):
            out["mergers"] = table
    out.setdefault("mergers", table)
    return out
