"""The same work as the package's, done by the references: bare pyarrow and ``pandas.read_csv``
for loading; idiomatic pandas, DuckDB SQL and a hand-written numpy bound for the full suite
(summaries of every period, trend, every consecutive comparison with per-commune gains and
losses, flags, lagging criteria) and for the explorer's computation of one period.

Each suite returns a small ``check`` dict (total met per period, gains and losses per pair,
flag counts) that the harness compares with the package's, so a fast reference that skipped
work would show. The references match communes by district and name and know nothing of the
boundary mapping; pairs of periods across a mapped change are left out of the comparison.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

MET_WORD, BASIC_WORD = "Đạt", "Cơ bản đạt"
JUMP = 5


def _quarter_number(period: str) -> int:
    """A quarter as one number (year × 4 + quarter − 1): quarters compare and subtract."""
    return int(period[:4]) * 4 + int(period[5]) - 1


def recognised_from(years, last, final: int) -> np.ndarray:
    """The quarter (``_quarter_number``) from which a commune recognised "for year Y" counts as
    recognised, as the package's rule has it: Q4 of Y, or the commune's ``last`` quarter when it
    ends earlier in Y, before the data's ``final`` quarter (merged away on 1/7/2025: from Q2).
    A large number where there is no year."""
    years, last = np.asarray(years, dtype=float), np.asarray(last, dtype=np.int64)
    has = ~np.isnan(years)
    year = np.where(has, years, 0).astype(np.int64)
    out = np.where(has, year * 4 + 3, np.iinfo(np.int64).max)
    ended = has & (last >= 0) & (last < final) & (last // 4 == year)
    return np.where(ended, last, out)


def _bands(k: int) -> list[tuple[int, int]]:
    return [(19, 19), (15, 18), (10, 14), (5, 9), (0, 4)] if k == 19 else [(c, c) for c in range(k, -1, -1)]


# ------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------


def load_pyarrow(path: Path) -> list[pd.DataFrame]:
    """A Parquet file, or every Parquet file of a folder: ``read_table().to_pandas()``."""
    import pyarrow.parquet as pq

    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    return [pq.read_table(f).to_pandas() for f in files]


def load_read_csv(path: Path) -> list[pd.DataFrame]:
    return [pd.read_csv(f) for f in sorted(path.glob("*.csv"))]


def read_long(data: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    return pq.read_table(data / "long.parquet").to_pandas()


def read_register(data: Path) -> pd.DataFrame:
    register = pd.read_csv(data / "records" / "communes.csv", keep_default_na=False,
                           dtype={"district": str, "commune": str})
    register["recognised_year"] = pd.to_numeric(register["recognised_year"], errors="coerce")
    return register


# ------------------------------------------------------------------------------------------
# Idiomatic pandas, on the long table
# ------------------------------------------------------------------------------------------


def pandas_suite(long: pd.DataFrame, register: pd.DataFrame) -> dict:
    """The suite written as a pandas user would: groupby, unstack, merge."""
    long = long.assign(met=long["status"].eq(MET_WORD), basic=long["status"].eq(BASIC_WORD))
    keys = ["period", "district", "commune"]
    per_commune = long.groupby(keys, sort=True).agg(met=("met", "sum"), k=("criterion", "size"))
    years = register.set_index(["district", "commune"])["recognised_year"]
    per_commune = per_commune.join(years, on=["district", "commune"])
    periods = per_commune.index.get_level_values("period").unique().tolist()
    quarter = pd.Series([_quarter_number(p) for p in periods], index=pd.Index(periods, name="period"))
    per_commune["quarter"] = quarter.reindex(per_commune.index.get_level_values("period")).to_numpy()
    last = per_commune.groupby(level=["district", "commune"])["quarter"].transform("max")
    per_commune["recognised"] = per_commune["quarter"] >= recognised_from(
        per_commune["recognised_year"], last, quarter.max())
    # summaries and trend
    summary = per_commune.groupby(level="period").agg(
        n=("met", "size"), total=("met", "sum"), mean=("met", "mean"), recognised=("recognised", "sum"),
        all_met=("met", lambda m: int((m == per_commune.loc[m.index, "k"]).sum())))
    by_count = per_commune.groupby(level="period")["met"].value_counts().sort_index()
    per_criterion = long.groupby(["period", "criterion"])["met"].agg(["sum", "mean"])
    basic = long.groupby("period")["basic"].sum()
    bands = {}
    for period, group in per_commune.groupby(level="period")["met"]:
        k = int(per_commune.loc[period, "k"].iloc[0])
        bands[period] = [int(group.between(lo, hi).sum()) for lo, hi in _bands(k)]
    # comparisons and flags
    wide = long.set_index(["period", "district", "commune", "criterion"])["met"].unstack("criterion")
    counts = per_commune["met"]
    pairs, lost_flags, jump_flags, lost_rows, set_changes = {}, 0, 0, [], 0
    for prev, curr in zip(periods, periods[1:]):
        a, b = wide.loc[prev], wide.loc[curr]
        common = a.index.intersection(b.index)
        set_changes += len(a.index.difference(b.index)) + len(b.index.difference(a.index))
        ca, cb = counts.loc[prev].loc[common], counts.loc[curr].loc[common]
        if per_commune.loc[prev, "k"].iloc[0] == per_commune.loc[curr, "k"].iloc[0]:  # 19 → 10: no jump
            jump_flags += int(((cb - ca).abs() > JUMP).sum())
        criteria_a, criteria_b = a.columns[a.notna().any()], b.columns[b.notna().any()]
        if list(criteria_a) != list(criteria_b):
            pairs[f"{prev}-{curr}"] = [0, 0]
            continue
        was = a.loc[common, criteria_a].astype(bool)
        now = b.loc[common, criteria_a].astype(bool)
        gained, lost = now & ~was, was & ~now
        gained_rows = gained.stack()
        lost_stack = lost.stack()
        gained_lists = gained_rows[gained_rows].reset_index().groupby(["district", "commune"])["criterion"].agg(list)
        lost_lists = lost_stack[lost_stack].reset_index().groupby(["district", "commune"])["criterion"].agg(list)
        pairs[f"{prev}-{curr}"] = [int(gained.to_numpy().sum()), int(lost.to_numpy().sum())]
        lost_flags += int(lost_stack.sum())
        lost_rows.append((gained_lists, lost_lists))
    recognised_under = _set_size_of_year(per_commune["recognised_year"]) == per_commune["k"].to_numpy()
    below = per_commune[per_commune["recognised"].fillna(False).astype(bool) & recognised_under
                        & (per_commune["met"] < per_commune["k"])]
    # lagging criteria: communes missing each criterion, per period
    lagging = long[~long["met"]].groupby(["period", "criterion"])["commune"].agg(list)
    return {"total_met": summary["total"].astype(int).tolist(), "pairs": pairs, "lost_flags": lost_flags,
            "jump_flags": jump_flags, "below_all": len(below), "set_changes": set_changes,
            "_keep": (by_count, per_criterion, basic, bands, lagging, lost_rows)}


# ------------------------------------------------------------------------------------------
# DuckDB SQL, on the long table
# ------------------------------------------------------------------------------------------


def duckdb_connect(long: pd.DataFrame, register: pd.DataFrame):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.register("long_frame", long)
    con.register("register_frame", register)
    con.execute("CREATE TABLE long AS SELECT * FROM long_frame")
    con.execute("CREATE TABLE register AS SELECT * FROM register_frame")
    con.unregister("long_frame")
    con.unregister("register_frame")
    return con


DUCKDB_SUITE = {
    "per_commune": """
        CREATE OR REPLACE TEMP TABLE c AS
        SELECT period, district, commune, sum((status = 'Đạt')::INT) AS met,
               sum((status = 'Cơ bản đạt')::INT) AS basic, count(*) AS k
        FROM long GROUP BY ALL""",
    "periods": """
        CREATE OR REPLACE TEMP TABLE p AS
        SELECT period, lead(period) OVER (ORDER BY period) AS next, max_criterion,
               lead(max_criterion) OVER (ORDER BY period) AS next_max
        FROM (SELECT period, max(criterion) AS max_criterion FROM long GROUP BY period)""",
    # from which quarter each commune counts as recognised (``recognised_from``): Q4 of its year,
    # or its last quarter when it ends earlier in that year, before the data's last quarter
    "recognition": """
        CREATE OR REPLACE TEMP TABLE rf AS
        SELECT r.district, r.commune,
               CASE WHEN l.last < (SELECT max(period) FROM p) AND CAST(substr(l.last, 1, 4) AS INT) = r.recognised_year
                    THEN l.last ELSE CAST(CAST(r.recognised_year AS INT) AS VARCHAR) || 'Q4' END AS since
        FROM register r JOIN (SELECT district, commune, max(period) AS last FROM c GROUP BY ALL) l
             ON l.district = r.district AND l.commune = r.commune
        WHERE NOT coalesce(isnan(r.recognised_year), true)""",
    "summary": """
        SELECT c.period, count(*) AS n, sum(met) AS total, avg(met) AS mean,
               sum((met = k)::INT) AS all_met, sum(basic) AS basic,
               sum(coalesce(c.period >= r.since, false)::INT) AS recognised,
               sum((met = 19)::INT) AS b19, sum((met BETWEEN 15 AND 18)::INT) AS b15,
               sum((met BETWEEN 10 AND 14)::INT) AS b10, sum((met BETWEEN 5 AND 9)::INT) AS b5,
               sum((met < 5)::INT) AS b0
        FROM c JOIN p USING (period)
        LEFT JOIN rf r ON r.district = c.district AND r.commune = c.commune
        GROUP BY c.period ORDER BY c.period""",
    "by_count": "SELECT period, met, count(*) FROM c GROUP BY ALL ORDER BY ALL",
    "per_criterion": """SELECT period, criterion, sum((status = 'Đạt')::INT) AS n, avg((status = 'Đạt')::INT) AS share
                        FROM long GROUP BY ALL ORDER BY ALL""",
    "changes": """
        CREATE OR REPLACE TEMP TABLE changes AS
        SELECT a.period AS period_from, b.period AS period_to, a.district, a.commune, a.criterion,
               (b.status = 'Đạt' AND a.status <> 'Đạt') AS gained, (a.status = 'Đạt' AND b.status <> 'Đạt') AS lost
        FROM long a JOIN p ON a.period = p.period AND p.next_max = p.max_criterion
        JOIN long b ON b.period = p.next AND b.district = a.district AND b.commune = a.commune
                    AND b.criterion = a.criterion
        WHERE (b.status = 'Đạt') <> (a.status = 'Đạt')""",
    "per_commune_changes": """
        SELECT period_from, period_to, district, commune, list(criterion ORDER BY criterion) FILTER (gained) AS gained,
               list(criterion ORDER BY criterion) FILTER (lost) AS lost
        FROM changes GROUP BY ALL""",
    "pair_totals": """SELECT period_from || '-' || period_to AS pair, sum(gained::INT), sum(lost::INT)
                      FROM changes GROUP BY ALL ORDER BY ALL""",
    "jumps": """
        SELECT count(*) FROM c a JOIN p ON a.period = p.period
        JOIN c b ON b.period = p.next AND b.district = a.district AND b.commune = a.commune
        WHERE abs(b.met - a.met) > 5 AND a.k = b.k""",
    "set_changes": """
        SELECT count(*) FROM (
            SELECT a.period FROM c a JOIN p ON a.period = p.period WHERE p.next IS NOT NULL AND NOT EXISTS
                (SELECT 1 FROM c b WHERE b.period = p.next AND b.district = a.district AND b.commune = a.commune)
            UNION ALL
            SELECT b.period FROM c b JOIN p ON b.period = p.next WHERE NOT EXISTS
                (SELECT 1 FROM c a WHERE a.period = p.period AND a.district = b.district AND a.commune = b.commune))""",
    "below_all": """
        SELECT count(*) FROM c JOIN p USING (period)
        JOIN register r ON r.district = c.district AND r.commune = c.commune
        JOIN rf ON rf.district = c.district AND rf.commune = c.commune
        WHERE c.period >= rf.since
          AND (CASE WHEN r.recognised_year >= 2026 THEN 10 ELSE 19 END) = c.k
          AND c.met < c.k""",
    "lagging": """
        SELECT period, criterion, sum((status = 'Đạt')::INT) AS n_met,
               list(commune) FILTER (status <> 'Đạt') AS missing
        FROM long GROUP BY ALL ORDER BY period, n_met, criterion""",
}


def duckdb_suite(con) -> dict:
    out = {}
    for name, sql in DUCKDB_SUITE.items():
        if sql.lstrip().startswith("CREATE"):
            con.execute(sql)
            out[name] = None
        else:  # a relation straight to Arrow (a DB-API result would copy its rows once more)
            out[name] = con.sql(sql).to_arrow_table()
    summary = out["summary"].to_pydict()
    pairs = {p: [int(g), int(lo)] for p, g, lo in zip(*out["pair_totals"].to_pydict().values())}
    return {"total_met": [int(t) for t in summary["total"]], "pairs": pairs,
            "lost_flags": sum(v[1] for v in pairs.values()),
            "jump_flags": int(out["jumps"].column(0)[0].as_py()),
            "below_all": int(out["below_all"].column(0)[0].as_py()),
            "set_changes": int(out["set_changes"].column(0)[0].as_py())}


# ------------------------------------------------------------------------------------------
# The numpy bound: status codes per period, rows numbered once across periods
# ------------------------------------------------------------------------------------------


def numpy_arrays_wide(data: Path, register: pd.DataFrame) -> dict:
    """What a hand-written program would hold: per period a communes × criteria code matrix,
    each row's commune number, the names by number, and the register aligned to the numbers;
    read from the wide Parquet files a quarter at a time (100,000 communes fit)."""
    import pyarrow.parquet as pq

    numbers: dict[tuple[str, str], int] = {}
    out: dict = {"periods": []}
    for path in sorted((data / "wide_parquet").glob("ntm_*.parquet")):
        frame = pq.read_table(path).to_pandas()
        criteria = [c for c in frame.columns if c.isdigit()]
        district = frame["Huyện"] if "Huyện" in frame.columns else pd.Series("", index=frame.index)
        units = list(zip(district.fillna("").tolist(), frame["Tên xã"].tolist()))
        ids = np.array([numbers.setdefault(u, len(numbers)) for u in units], dtype=np.int64)
        words = frame[criteria].to_numpy()
        codes = np.where(words == MET_WORD, 2, np.where(words == BASIC_WORD, 1, 0)).astype(np.int8)
        out["periods"].append({"period": path.stem.removeprefix("ntm_"), "ids": ids, "codes": codes,
                               "k": len(criteria)})
    units = pd.MultiIndex.from_tuples(list(numbers), names=["district", "commune"])
    # each commune named so that a reader can tell it apart, as the package names it: a name
    # that several districts hold, with its district ("Tân Lập (Sơn Dương)")
    held = Counter(c for _, c in units)
    out["names"] = np.array([f"{c} ({d})" if held[c] > 1 and d else c for d, c in units], dtype=object)
    out["years"] = register.set_index(["district", "commune"])["recognised_year"].reindex(units).to_numpy(dtype=float)
    last = np.full(len(units), -1, dtype=np.int64)
    for p in out["periods"]:
        last[p["ids"]] = _quarter_number(p["period"])
    final = _quarter_number(out["periods"][-1]["period"]) if out["periods"] else -1
    out["recognised_from"] = recognised_from(out["years"], last, final)
    return out


def numpy_period(data: dict, p: dict, communes: bool = True) -> dict:
    """Summary and lagging criteria of one period, with the communes missing each criterion
    (the suite's) or without (the explorer's computation)."""
    met = p["codes"] == 2
    counts = met.sum(axis=1)
    k = p["k"]
    by_count = np.bincount(counts, minlength=k + 1)
    cumulative = np.concatenate([[0], np.cumsum(by_count)])
    bands = [int(cumulative[hi + 1] - cumulative[lo]) for lo, hi in _bands(k)]
    per_criterion = met.sum(axis=0)
    years = data["years"][p["ids"]]
    recognised = (_quarter_number(p["period"]) >= data["recognised_from"][p["ids"]]) & (_set_size_of_year(years) == k)
    order = np.lexsort((np.arange(k), per_criterion))
    # the communes missing each criterion as row positions (the package's, ``MissingNames.positions``,
    # as the comparisons give their changes: names made when read, ``numpy_lists``)
    missing = [np.flatnonzero(~met[:, j]) for j in order] if communes else None
    return {"met": met, "counts": counts, "total": int(counts.sum()), "by_count": by_count, "bands": bands,
            "per_criterion": per_criterion, "share": per_criterion / max(len(counts), 1),
            "basic": int((p["codes"] == 1).sum()), "all_met": int((counts == k).sum()),
            "recognised": recognised, "missing": missing}


def _set_size_of_year(years) -> np.ndarray:
    """Criteria of the set a commune recognised "for year Y" was judged against: 19 until 2025,
    10 from 2026 (as ``criteria.set_for_date``); 0 where there is no year. The package flags a
    recognised commune below all criteria only against a set of that size."""
    years = np.asarray(years, dtype=float)
    return np.where(np.isnan(years), 0, np.where(years >= 2026, 10, 19))


def numpy_suite(data: dict) -> dict:
    n_units = len(data["names"])
    figures = [numpy_period(data, p) for p in data["periods"]]
    pairs, lost_flags, jump_flags, set_changes, below = {}, 0, 0, 0, 0
    for f in figures:
        below += int((f["recognised"] & (f["counts"] < f["met"].shape[1])).sum())
    for (p, fp), (q, fq) in zip(zip(data["periods"], figures), zip(data["periods"][1:], figures[1:])):
        where = np.full(n_units, -1)
        where[q["ids"]] = np.arange(len(q["ids"]))
        hit = where[p["ids"]]
        before_at = np.flatnonzero(hit >= 0)
        after_at = hit[before_at]
        set_changes += (len(p["ids"]) - len(before_at)) + (len(q["ids"]) - len(after_at))
        if p["k"] != q["k"]:  # 19 → 10 criteria: no jump, no criterion lost
            pairs[f"{p['period']}-{q['period']}"] = [0, 0]
            continue
        jump_flags += int((np.abs(fq["counts"][after_at] - fp["counts"][before_at]) > JUMP).sum())
        was, now = fp["met"][before_at], fq["met"][after_at]
        gained, lost = now & ~was, was & ~now
        rows, cols = np.nonzero(lost)
        pairs[f"{p['period']}-{q['period']}"] = [int(gained.sum()), int(len(rows))]
        lost_flags += len(rows)
    return {"total_met": [f["total"] for f in figures], "pairs": pairs, "lost_flags": lost_flags,
            "jump_flags": jump_flags, "below_all": below, "set_changes": set_changes, "_keep": figures}


def numpy_lists(data: dict, result: dict) -> list:
    """Every list of the communes missing a criterion, made into names (``numpy_suite`` keeps
    their positions): what making all of them costs, measured apart."""
    out = []
    for p, figure in zip(data["periods"], result["_keep"]):
        names = data["names"][p["ids"]]
        out += [names[at].tolist() for at in figure["missing"]]
    return out
