"""What the ``ntm`` command prints besides paragraphs: tables sized for an 80–100 column
terminal, in the command's language (its headers, its number format).

Kept apart from ``cli.py`` (which parses and dispatches) so that each table is a function of the
library's results and a language, tested as text.
"""

from __future__ import annotations

import textwrap
from fractions import Fraction

from .text import format_count, format_decimal
from .vocab import count_text, criterion_name, header, phrases, quarter_label
from .vocab_messages import terminal_word

WIDTH = 100  # what a table may take before it is split into blocks
GAP = "  "
NOTE_WIDTH = 80  # notes under a table, wrapped


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """Columns padded to their widest cell (headers included), numbers (``right``) right-aligned,
    a rule under the headers; trailing spaces dropped."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        return GAP.join(c.rjust(w) if i in right else c.ljust(w)
                        for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _band_short(low: int, high: int, lang: str) -> str:
    """A band as a column header: "19", "15-18", "dưới 5" / "under 5"."""
    if low == high:
        return str(low)
    if low == 0:
        return phrases(lang, "band")["axis_under"].format(limit=high + 1)
    return f"{low}-{high}"


def _count(value, lang: str) -> str:
    return "" if value is None or value != value else format_count(int(value), lang)


def trend_text(frame, lang: str = "vi") -> str:
    """The trend (``compare.trend``) as two blocks: the figures of each period with its band
    counts, then the share of communes meeting each criterion (criteria in rows, periods in
    columns, as many periods a block as fit in ``WIDTH`` columns)."""
    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    periods = [quarter_label(p, lang) for p in frame.index]
    bands = [c for c in frame.columns if c.startswith("band_")]
    band_heads = []
    for column in bands:
        low, _, high = column[5:].partition("-")
        band_heads.append(_band_short(int(low), int(high or low), lang))
    recognised = frame["n_recognised"].notna().any()
    headers = [say("col_period"), say("col_communes"), say("col_total"), say("col_mean"), say("col_all_met")]
    headers += [say("col_recognised")] if recognised else []
    headers += band_heads
    rows = []
    for period, (_, row) in zip(periods, frame.iterrows()):
        cells = [period, _count(row["n_communes"], lang), _count(row["total_met"], lang),
                 format_decimal(Fraction(str(row["mean_met"])), 2, lang), _count(row["n_all_met"], lang)]
        cells += [_count(row["n_recognised"], lang)] if recognised else []
        cells += [_count(row[c], lang) for c in bands]
        rows.append(cells)
    out = [say("trend_title"), "", table(headers, rows, set(range(1, len(headers))))]
    if bands:
        out += ["", textwrap.fill(say("trend_bands_note", bands=", ".join(band_heads)), NOTE_WIDTH)]
    shares = [c for c in frame.columns if c.startswith("share_")]
    if shares:
        out += ["", say("trend_shares_title")]
        out += _share_blocks(frame, shares, periods, lang)
    return "\n".join(out)


def _blocks(widths: list[int], first: int) -> list[list[int]]:
    """Columns (by index) in as few blocks of at most ``WIDTH`` characters as they fit, the blocks
    as even as can be (eight quarters that do not fit in one block make two of four)."""
    n_blocks = 1
    while True:
        size = -(-len(widths) // n_blocks)
        chunks = [list(range(i, min(i + size, len(widths)))) for i in range(0, len(widths), size)]
        if size == 1 or all(first + sum(widths[i] + len(GAP) for i in c) <= WIDTH for c in chunks):
            return chunks
        n_blocks += 1


def _share_blocks(frame, shares: list[str], periods: list[str], lang: str) -> list[str]:
    label = terminal_word("col_criterion", lang)
    widths = [max(len(p), len("100,0")) for p in periods]
    out = []
    for chosen in _blocks(widths, max(len(label), 2)):
        rows = []
        for column in shares:
            values = frame[column].to_numpy()
            rows.append([column[6:]] + ["" if values[i] != values[i] else
                                        format_decimal(Fraction(str(round(values[i] * 100, 6))), 1, lang)
                                        for i in chosen])
        out += ["", table([label] + [periods[i] for i in chosen], rows, set(range(len(chosen) + 1)))]
    return out


def compare_table(comparison, lang: str = "vi") -> str:
    """Each commune whose criteria changed (or whose territory did), one row: criteria met before
    and after, the criteria gained and lost, the band it moved between and a note."""
    changed = [c for c in comparison.communes if c.gained or c.lost or c.boundary_changed
               or c.before != c.after]
    if not changed:
        return ""
    note_text = phrases(lang, "compare")["cli_boundary"]
    notes = any(c.boundary_changed for c in changed)
    crossed = {c.commune for c in comparison.crossed_bands}
    headers = [header("commune", lang), quarter_label(comparison.from_period, lang),
               quarter_label(comparison.to_period, lang), header("gained", lang), header("lost", lang)]
    headers += [header("band", lang)] if crossed else []
    headers += [header("note", lang)] if notes else []
    rows = []
    for c in changed:
        row = [c.commune, format_count(c.before, lang), format_count(c.after, lang),
               ", ".join(map(str, c.gained)), ", ".join(map(str, c.lost))]
        if crossed:
            row += [f"{c.band_before or '-'} \u2192 {c.band_after}" if c.commune in crossed else ""]
        row += [note_text if c.boundary_changed else ""] if notes else []
        rows.append(row)
    return table(headers, rows, {1, 2})


def lagging_rows(lagging, n_communes: int, lang: str = "vi") -> list[str]:
    """One line per criterion, from the least met, counted as the sentence above them counts
    ("04/19" in Vietnamese), with the communes missing it."""
    row_text = phrases(lang, "lagging")["cli_row"]
    return [row_text.format(number=row.criterion, name=criterion_name(row, lang),
                            met=count_text(row.n_met, lang), n=format_count(n_communes, lang),
                            missing=", ".join(row.missing) or "-")
            for row in lagging.itertuples(index=False)]
