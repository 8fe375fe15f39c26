"""Regression and quality flags across periods, as data checks a reviewer follows up.

Like DHIS2's validation rules: each flag names the check, the commune, the criterion (where one
is concerned) and the periods, so the office can ask the commune about it.
"""

from __future__ import annotations

import pandas as pd

from .figures import recognised_by
from .model import Assessment
from .text import vi_sorted

COLUMNS = ["check", "commune", "criterion", "period_from", "period_to", "detail"]
DEFAULT_JUMP = 5


def lost_criteria(assessment: Assessment) -> pd.DataFrame:
    """A commune no longer meeting a criterion it met in the previous period of the data."""
    rows = []
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        before, after = assessment.snapshot(prev), assessment.snapshot(curr)
        if before.criteria_set.numbers != after.criteria_set.numbers:
            continue
        common = before.met.index.intersection(after.met.index, sort=False)
        lost = (before.met.loc[common] & ~after.met.loc[common]).stack()
        for (commune, criterion), flag in lost.items():
            if flag:
                name = after.criteria_set.criterion(int(criterion)).name_vi
                rows.append(["lost_criterion", commune, int(criterion), prev, curr,
                             f"criterion {criterion} ({name}) met in {prev}, not in {curr}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def recognised_below_all(assessment: Assessment) -> pd.DataFrame:
    """A recognised commune (công nhận đạt chuẩn) not meeting every criterion in a period."""
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    for period, snap in assessment.snapshots.items():
        counts = snap.met_count
        for commune, count in counts.items():
            if count < snap.criteria_set.size and recognised_by(assessment, period, [commune]):
                year = int(register.loc[commune, "recognised_year"])
                missing = [int(c) for c, met in snap.met.loc[commune].items() if not met]
                rows.append(["recognised_below_all", commune, None, period, period,
                             f"recognised for {year} but meets {count}/{snap.criteria_set.size}; "
                             f"not met: {', '.join(map(str, missing))}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def jumps(assessment: Assessment, threshold: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Criteria met changing by more than ``threshold`` between consecutive periods."""
    rows = []
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        before, after = assessment.snapshot(prev).met_count, assessment.snapshot(curr).met_count
        common = before.index.intersection(after.index, sort=False)
        for commune in common:
            change = int(after[commune]) - int(before[commune])
            if abs(change) > threshold:
                rows.append(["jump", commune, None, prev, curr,
                             f"{before[commune]} → {after[commune]} criteria ({change:+d}, more than "
                             f"{threshold})"])
    return pd.DataFrame(rows, columns=COLUMNS)


def commune_set_changes(assessment: Assessment) -> pd.DataFrame:
    """Communes assessed in one period and not the next, or the other way round."""
    rows = []
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        before, after = set(assessment.snapshot(prev).communes), set(assessment.snapshot(curr).communes)
        for commune in vi_sorted(before - after):
            rows.append(["commune_missing", commune, None, prev, curr, f"assessed in {prev}, not in {curr}"])
        for commune in vi_sorted(after - before):
            rows.append(["commune_new", commune, None, prev, curr, f"assessed in {curr}, not in {prev}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def flags(assessment: Assessment, jump: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Every flag, ordered by periods, check and commune."""
    frames = [lost_criteria(assessment), recognised_below_all(assessment),
              jumps(assessment, jump), commune_set_changes(assessment)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["criterion"] = out["criterion"].astype("Int64")
    rank = {name: i for i, name in enumerate(vi_sorted(set(out["commune"])))}  # communes in Vietnamese order
    return out.sort_values(["period_to", "period_from", "check", "commune", "criterion"], kind="stable",
                           key=lambda column: column.map(rank) if column.name == "commune" else column
                           ).reset_index(drop=True)
