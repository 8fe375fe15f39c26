"""What the ``ntm`` command prints besides paragraphs: tables sized for an 80–100 column
terminal, in the command's language (its headers, its number format).

Kept apart from ``cli.py`` (which parses and dispatches) so that each table is a function of the
library's results and a language, tested as text.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from fractions import Fraction

from .text import format_count, format_decimal
from .vocab import count_text, criterion_name, date_text, header, noun, phrases, quarter_label, quarter_short
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
    """A band as a column header: "19", "15-18", "dưới 5" / "fewer than 5"."""
    if low == high:
        return str(low)
    if low == 0:
        return phrases(lang, "band")["axis_under"].format(limit=high + 1)
    return f"{low}-{high}"


def _count(value, lang: str) -> str:
    return "" if value is None or value != value else format_count(int(value), lang)


def trend_text(frame, lang: str = "vi") -> str:
    """The trend (``compare.trend``) as the terminal shows it: per criteria set (a heading line
    when the history has more than one, so that 19 criteria's bands never stand beside 10's), the
    figures of each period with its band counts, a line for each missing quarter and one at the
    reorganisation of 1/7/2025; then the share of communes meeting each criterion (criteria in
    rows, periods in columns, as many periods a block as fit in ``WIDTH`` columns)."""
    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    runs = _set_runs(frame)
    out = [say("trend_title")]
    for name, part in runs:
        if len(runs) > 1:
            size = sum(1 for c in part.columns if c.startswith("share_") and part[c].notna().any())
            out += ["", say("trend_set", set=name.replace("-", "\u2013"), n=size)]
        out += ["", *_trend_rows(part, lang)]
        bands = [_band_head(c, lang) for c in _filled(part, "band_")]
        if bands:
            out += ["", textwrap.fill(say("trend_bands_note", bands=", ".join(bands)), NOTE_WIDTH)]
    for name, part in runs:
        shares = _filled(part, "share_")
        if shares:
            title = say("trend_shares_title") + (f" \u2014 {say('trend_set_short', set=name.replace('-', chr(8211)))}"
                                                 if len(runs) > 1 else "")
            out += ["", title]
            out += _share_blocks(part, shares, [quarter_label(p, lang) for p in part.index], lang)
    return "\n".join(out)


def _set_runs(frame) -> list[tuple[str, object]]:
    """The periods in runs of one criteria set, in order: [(set name, rows of the frame)]."""
    if "criteria_set" not in frame.columns or frame.empty:
        return [("", frame)]
    sets = frame["criteria_set"].tolist()
    return [(sets[a], frame.iloc[a:b]) for a, b in _run_bounds(sets)]


def _run_bounds(values: list) -> list[tuple[int, int]]:
    """(start, end) of each run of equal consecutive values."""
    starts = [i for i in range(len(values)) if i == 0 or values[i] != values[i - 1]]
    return list(zip(starts, starts[1:] + [len(values)]))


def _filled(frame, prefix: str) -> list[str]:
    """The columns of ``prefix`` holding a value in some row (a set's own bands or criteria)."""
    return [c for c in frame.columns if c.startswith(prefix) and frame[c].notna().any()]


def _band_head(column: str, lang: str) -> str:
    low, _, high = column[5:].partition("-")
    return _band_short(int(low), int(high or low), lang)


def _trend_rows(frame, lang: str) -> list[str]:
    """The table of periods, with a line where a quarter is missing and one at the reorganisation."""
    from .timeline import REORGANISATION, missing_quarters
    from .periods import period_end

    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    bands = _filled(frame, "band_")
    recognised = frame["n_recognised"].notna().any()
    headers = [say("col_period"), say("col_communes"), say("col_total"), say("col_mean"), say("col_all_met")]
    headers += [say("col_recognised")] if recognised else []
    headers += [_band_head(c, lang) for c in bands]
    rows = []
    for period, row in frame.iterrows():
        mean = row["mean_met"]
        cells = [quarter_label(period, lang), _count(row["n_communes"], lang), _count(row["total_met"], lang),
                 "" if mean != mean else format_decimal(Fraction(str(mean)), 2, lang), _count(row["n_all_met"], lang)]
        cells += [_count(row["n_recognised"], lang)] if recognised else []
        cells += [_count(row[c], lang) for c in bands]
        rows.append(cells)
    lines = table(headers, rows, set(range(1, len(headers)))).split("\n")
    periods = list(frame.index)
    missing = set(missing_quarters(periods))
    out = lines[:2]
    for i, (period, line) in enumerate(zip(periods, lines[2:])):
        if i:
            gap = [q for q in sorted(missing) if periods[i - 1] < q < period]
            if gap:
                out.append(say("trend_gap", periods=", ".join(quarter_label(q, lang) for q in gap)))
            if period_end(periods[i - 1]) < REORGANISATION <= period_end(period):
                out.append(say("trend_reorganised", date=date_text(REORGANISATION, lang)))
        out.append(line)
    return out


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
    if comparison.n_all_criteria[0] != comparison.n_all_criteria[1]:  # 19 → 10: no change to list
        changed = [c for c in comparison.communes if c.boundary_changed]
    else:
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
                            met=count_text(row.n_met, lang), n=count_text(n_communes, lang),
                            missing=", ".join(row.missing) or "-")
            for row in lagging.itertuples(index=False)]


# ---------------------------------------------------------------------------------------------
# `--by district|province`: the units ranked, one row each (``units.py`` computes them)
# ---------------------------------------------------------------------------------------------

def _unit_cells(rank: int, unit) -> list[str]:
    """A ranked unit's first cells: its rank and name ("—" and no rank for the communes whose
    unit the data does not tell)."""
    return [str(rank) if unit.unit else "", unit.unit or "\u2014"]


def _unit_headers(level: str, lang: str) -> list[str]:
    return [terminal_word("col_rank", lang), header(level, lang)]


def units_table(units, lang: str = "vi") -> str:
    """``ntm summary --by``: each unit's communes, communes meeting all criteria, recognised
    communes (when the data tells), average and communes in each band, in the ranking given, then
    a note on the short headers."""
    if not units:
        return ""
    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    band_heads = [_band_short(b.low, b.high, lang) for b in units[0].bands]
    recognised = any(u.n_recognised is not None for u in units)
    headers = _unit_headers(units[0].level, lang) + [say("col_communes"), say("col_all_met")]
    headers += [say("col_recognised")] if recognised else []
    headers += [say("col_mean"), *band_heads]
    rows = []
    for i, u in enumerate(units, 1):
        cells = _unit_cells(i, u) + [_count(u.n_communes, lang), _count(u.n_all_met, lang)]
        cells += [_count(u.n_recognised, lang)] if recognised else []
        cells += [format_decimal(u.mean_exact, 2, lang)] + [_count(b.n, lang) for b in u.bands]
        rows.append(cells)
    out = [table(headers, rows, {0} | set(range(2, len(headers))))]
    if band_heads:
        out += ["", textwrap.fill(say("trend_bands_note", bands=", ".join(band_heads)), NOTE_WIDTH)]
    return "\n".join(out)


def _signed(delta: Fraction, decimals: int, lang: str) -> str:
    """A change with its sign: "+0,58", "\u22121,20", "0,00"."""
    text = format_decimal(abs(delta), decimals, lang)
    if not any(d in text for d in "123456789"):
        return text
    return ("+" if delta > 0 else "\u2212") + text


def _pair(up, down, lang: str) -> str:
    """Two counts as one cell: "4/1"."""
    return f"{format_count(int(up), lang)}/{format_count(int(down), lang)}"


def unit_compare_table(results, lang: str = "vi") -> str:
    """``ntm compare --by``: each unit's communes, average before and after and its change,
    communes gaining and losing criteria, the criteria gained and lost, communes newly meeting
    all criteria; in the ranking given (the largest rise first), then a note on the headers."""
    if not results:
        return ""
    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    first = results[0].result
    headers = _unit_headers(results[0].level, lang) + [
        say("col_communes"), say("col_mean_at", period=quarter_short(first.from_period, lang)),
        say("col_mean_at", period=quarter_short(first.to_period, lang)),
        say("col_change"), say("col_communes_changed"), say("col_criteria_changed"), say("col_reached")]
    rows = []
    for i, r in enumerate(results, 1):
        c, changes = r.result, r.result.changes
        delta = c.mean_after_exact - c.mean_before_exact
        # across a merger the unit counts different communes before and after: both counts, and
        # no change of its average (as the page's and the workbook's comparison tables)
        merged = getattr(c, "reorganised", False)
        communes = (f"{_count(c.n_before, lang)} \u2192 {_count(c.n_after, lang)}" if merged
                    else _count(c.n_after, lang))
        rows.append(_unit_cells(i, r) + [
            communes, format_decimal(c.mean_before_exact, 2, lang),
            format_decimal(c.mean_after_exact, 2, lang)] + ([
            "-" if merged else _signed(delta, 2, lang), _pair(changes.gained.any(axis=1).sum(), changes.lost.any(axis=1).sum(), lang),
            _pair(changes.gained.sum(), changes.lost.sum(), lang), _count(len(c.reached_all), lang)]
            if c.sets_comparable else ["-"] * 4))  # 19 → 10 criteria: nothing to count as a change
    note = say("compare_units_note")
    if not first.sets_comparable:  # 19 → 10 criteria: no change of the average, said why
        from .wording import sets_sentence

        note = sets_sentence(first, lang) + " " + note
    merged = [r.result for r in results if getattr(r.result, "reorganised", False)]
    if merged and first.sets_comparable:
        dates = sorted({d for c in merged for d in c.reorganisation_dates})
        day = ", ".join(date_text(dt.date.fromisoformat(str(d)[:10]), lang) for d in dates)
        note = note + " " + say("compare_units_merged_note", date=day)
    return "\n".join([table(headers, rows, {0} | set(range(2, len(headers)))), "",
                      textwrap.fill(note, NOTE_WIDTH)])


def unit_trend_text(frame, level: str, lang: str = "vi") -> str:
    """``ntm trend --by``: the average criteria per commune of each unit in each period, then the
    communes meeting all criteria (units in rows, in the order of ``frame``; periods in columns,
    in as many blocks as fit in ``WIDTH`` columns), per criteria set under a heading naming it
    when the periods span more than one, with a line for missing quarters and the 1/7/2025
    reorganisation: an average of 19 criteria never stands beside one of 10."""
    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    unit_word = noun(1, level, lang)
    units = list(dict.fromkeys(frame["unit"].tolist()))
    sets = dict(zip(frame["period"], frame["criteria_set"]))
    periods = sorted(sets)
    runs = [periods[a:b] for a, b in _run_bounds([sets[p] for p in periods])]
    cell = {(u, p): row for u, p, row in zip(frame["unit"], frame["period"], frame.itertuples(index=False))}
    first = max([len(header(level, lang))] + [len(u or "\u2014") for u in units])
    out = []
    for run in runs:
        if len(runs) > 1:
            size = len(_filled(frame[frame["period"].isin(run)], "share_"))  # the set's criteria
            out += ["" if out else None, say("trend_set", set=sets[run[0]].replace("-", "\u2013"), n=size)]
        out += _timeline_lines(run, lang)
        labels = [quarter_label(p, lang) for p in run]
        # each set's block ranked by the average of its last quarter (a unit absent then, last)
        present = [u for u in units if any((u, p) in cell for p in run)]
        ranked = sorted(present, key=lambda u: -cell[u, run[-1]].mean_met if (u, run[-1]) in cell else float("inf"))
        for key, value in (("trend_units_mean", lambda r: format_decimal(Fraction(str(r.mean_met)), 2, lang)),
                           ("trend_units_all_met", lambda r: _count(r.n_all_met, lang))):
            out += ["" if out else None, say(key, unit=unit_word),
                    say("trend_units_order", period=quarter_short(run[-1], lang))]
            widths = [max(len(label), 6) for label in labels]
            for chosen in _blocks(widths, first):
                rows = [[u or "\u2014"] + [value(cell[u, run[i]]) if (u, run[i]) in cell else ""
                                           for i in chosen] for u in ranked]
                out += ["", table([header(level, lang)] + [labels[i] for i in chosen], rows,
                                  set(range(1, len(chosen) + 1)))]
    return "\n".join(line for line in out if line is not None)


def _timeline_lines(periods: list[str], lang: str) -> list[str]:
    """Under a heading of periods in columns: the quarters missing between them and where the
    reorganisation of 1/7/2025 falls (between which two columns)."""
    from .periods import period_end
    from .timeline import REORGANISATION, missing_quarters

    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    out = []
    missing = missing_quarters(periods)
    if missing:
        out.append(textwrap.fill(say("trend_gap", periods=", ".join(quarter_label(q, lang) for q in missing)),
                                 NOTE_WIDTH, subsequent_indent="    "))
    for a, b in zip(periods, periods[1:]):
        if period_end(a) < REORGANISATION <= period_end(b):
            out.append(textwrap.fill(say("trend_reorganised_between", before=quarter_short(a, lang),
                                         after=quarter_short(b, lang), date=date_text(REORGANISATION, lang)), NOTE_WIDTH, subsequent_indent="     "))
    return out


def unit_lagging_table(results, lang: str = "vi", top: int | None = None) -> str:
    """``ntm lagging --by``: each unit's communes and its least met criteria (the ``top`` first
    and any tied, or every criterion at the lowest count) with how many communes meet them."""
    from .figures import least_met, least_met_top

    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    headers = _unit_headers(results[0].level, lang) + [say("col_communes"), say("col_least"), say("col_least_met")]
    rows = []
    for i, r in enumerate(results, 1):
        n = r.summary.n_communes
        least = least_met(r.result) if top is None else least_met_top(r.result, top)
        rows.append(_unit_cells(i, r) + [
            _count(n, lang), ", ".join(str(c) for c in least["criterion"]),
            ", ".join(f"{format_count(k, lang)}/{format_count(n, lang)}" for k in dict.fromkeys(least["n_met"].tolist()))])
    return table(headers, rows, {0, 2})


def unit_targets_table(results, lang: str = "vi") -> str:
    """``ntm targets --by``: each unit's communes and its targets counted by state (the states
    some unit has, in the vocabulary's order)."""
    from .vocab import TARGET_STATES, target_state_label

    say = lambda key, **v: terminal_word(key, lang, **v)  # noqa: E731
    states = [s for s in TARGET_STATES if any(t.state == s for r in results for t in r.result)]
    headers = _unit_headers(results[0].level, lang) + [say("col_communes"), say("col_targets")]
    headers += [target_state_label(s, lang) for s in states]
    rows = []
    for i, r in enumerate(results, 1):
        rows.append(_unit_cells(i, r) + [_count(r.summary.n_communes, lang), _count(len(r.result), lang)] +
                    [_count(sum(t.state == s for t in r.result), lang) for s in states])
    note = say("targets_units_note", unit=noun(1, results[0].level, lang))
    return "\n".join([table(headers, rows, {0} | set(range(2, len(headers)))), "", note])
