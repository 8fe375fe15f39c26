"""Seeded synthetic assessments at any scale, for tests, benchmarks and a national demo.

Not data about any real place: provinces, districts and communes get names built from the
syllables Vietnamese place names use ("Tân Lập", "Phú Hòa"), unique within a district and
repeated across districts as in real life. Each commune follows a quarterly trajectory that
mostly rises and sometimes falls, in the three statuses (some provinces use "Cơ bản đạt"),
against the criteria set in force each quarter (``criteria.set_for_period``: 19 criteria until
2025, 10 from 2026). Recognition years follow the first quarter a commune meets every
criterion, and a few targets are set. When the quarters cross 1/7/2025 the reorganisation is
applied: districts are abolished and the communes of each district merged in groups of one to
five into new communes, given as a boundary mapping (``old_commune → new_commune``).

The same seed gives the same data, byte for byte, in every form it is written:

- wide: one file per quarter (``ntm_2020Q1.csv``), the office form's headers ``STT``,
  ``Tỉnh``, ``Huyện``, ``Tên xã``, ``1`` … ``19``, ``Số tiêu chí đạt`` (no ``Huyện`` after the
  reorganisation);
- long: one file with ``province, district, commune, period, criterion, status``;
- records: ``communes.csv`` (register), ``targets.csv`` and ``boundaries.csv``;

in CSV, XLSX and Parquet; and

- provincial: the form a provincial office sends, one workbook per province and quarter
  (``provincial/tinh_01_2020Q1.xlsx``): the letterhead, title rows, a header with a row of column
  numbers, the districts as blocks (a heading row "I | Huyện …", the communes, a subtotal row
  "Cộng huyện …"), a "Tổng cộng" row and the signatures; after 1/7/2025 the communes follow the
  header directly.
 ``python -m ntm_analysis.synth OUT --communes 10000`` writes them.

Names the readers of today cannot tell apart are avoided rather than relied on: district names
are unique in the country, and so are the names of communes created after 1/7/2025 (the files
then have no district to tell them apart) and of communes that appear or disappear between
quarters (a name shared with another district is read qualified, "Tân Lập (Sơn Dương)", only in
quarters where both exist).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .criteria import CriteriaSet, set_for_period
from .periods import period_end, shift
from .text import BASICALLY_MET, MET, NOT_MET, STATUS_LABELS_VI, name_key

REORGANISATION = dt.date(2025, 7, 1)  # NQ 1672/NQ-UBTVQH15 and the other provinces' resolutions
REORGANISATION_DECISION = "NQ sắp xếp ĐVHC cấp xã 2025 (synthetic)"
COMMUNES_PER_DISTRICT = 14  # about 10,000 communes in about 700 districts before 2025
DISTRICTS_PER_PROVINCE = 11
BASIC_SHARE = 0.4  # provinces that write "Cơ bản đạt"

# Syllables of Vietnamese place names (NFC, tone marks on the modern position), the first ones
# the most common: "Tân", "Phú", "An" … are in many commune names.
SYLLABLES = tuple(unicodedata.normalize("NFC", s) for s in (
    "Tân An Phú Bình Hòa Thành Long Hưng Mỹ Thạnh Xuân Phước Trung Đông Lập Yên Vĩnh Sơn "
    "Thuận Hiệp Minh Quang Lộc Hải Nam Bắc Tây Đức Nghĩa Thịnh Phong Tiến Thắng Hợp Khánh Hữu "
    "Đồng Gia Lợi Hà Lương Cát Kim Ngọc Hồng Tam Ninh Định Lạc Thái Quý Hoàng Văn Cẩm Liên Hội "
    "Thượng Hạ Đại Tiên Phúc Tường Vân Mai Hương Trường Quảng Vinh Hoa Dương Nhân Tín Đạo Lâm "
    "Thủy Hiền Khê Giang Điền Cao Lãng Tuyền Hậu Tĩnh Khương Chánh Mậu Đoàn Hóa Tú Thống "
    "Nhất Châu Hiếu Kiên Lai Trạch Tư Ân Dũng Nguyên Hòa Sa Diên Khai Bảo Thọ Tràng Đào Mường "
    "Nà Pắc Bản Lũng Nậm Pa Kon Ea Krông Chư").split())
# Relative difficulty of the 19 criteria (income, poverty, production and environment are the
# slowest, as in the national figures); a 10-criterion set uses the first ten.
DIFFICULTY = np.array([1.2, 1.0, 1.1, 1.5, 0.9, 0.9, 0.9, 1.4, 1.1, 0.8, 0.8, 1.0, 0.8, 1.2, 1.1,
                       0.8, 0.7, 1.2, 1.3])
GAIN, LOSS = 0.075, 0.0015  # per criterion and quarter, before the commune's own pace


@dataclass
class Synthetic:
    """A generated national history: units, quarters, statuses, register, targets and mapping.

    ``units`` has one row per commune that ever existed (position = id): ``name`` as written in
    the files, ``label`` as the readers name it (the name, or "Name (District)" where two
    districts share it), ``province``, ``district`` (None after 2025), ``first`` and ``last``
    (quarter positions, inclusive) and ``successor`` (the id it was merged into, or -1).
    ``alive[t]`` lists the ids assessed in quarter ``t`` and ``status[t]`` their codes
    (NOT_MET, BASICALLY_MET, MET), one row per id and one column per criterion of the set.
    """

    seed: int
    periods: list[str]
    sets: list[CriteriaSet]
    units: pd.DataFrame
    alive: list[np.ndarray]
    status: list[np.ndarray]
    boundaries: pd.DataFrame
    targets: pd.DataFrame
    register: pd.DataFrame = field(default_factory=pd.DataFrame)
    parameters: dict = field(default_factory=dict)  # generate()'s arguments, for the sidecar

    @property
    def n_cells(self) -> int:
        return int(sum(s.size for s in self.status))

    def snapshot(self, t: int) -> pd.DataFrame:
        """Quarter ``t`` as the readers assemble it: index label, columns criterion numbers."""
        labels = self.units["label"].to_numpy(dtype=object)[self.alive[t]]
        return pd.DataFrame(self.status[t], index=pd.Index(labels, name="commune"),
                            columns=pd.Index(self.sets[t].numbers, name="criterion"))

    def wide(self, t: int) -> pd.DataFrame:
        """Quarter ``t`` in the office form: STT, Tỉnh, Huyện, Tên xã, 1 … n, Số tiêu chí đạt."""
        ids = self.alive[t]
        units = self.units.iloc[ids]
        words = np.array([STATUS_LABELS_VI[c] for c in (NOT_MET, BASICALLY_MET, MET)], dtype=object)
        frame = pd.DataFrame({"STT": np.arange(1, len(ids) + 1), "Tỉnh": units["province"].to_numpy()})
        if period_end(self.periods[t]) < REORGANISATION:
            frame["Huyện"] = units["district"].to_numpy()
        frame["Tên xã"] = units["name"].to_numpy()
        codes = self.status[t]
        for j, number in enumerate(self.sets[t].numbers):
            frame[str(number)] = words[codes[:, j]]
        frame["Số tiêu chí đạt"] = (codes == MET).sum(axis=1)
        return frame

    def long_chunks(self):
        """The long form, one quarter at a time: province, district, commune, period, criterion,
        status (the words as offices write them)."""
        words = np.array([STATUS_LABELS_VI[c] for c in (NOT_MET, BASICALLY_MET, MET)], dtype=object)
        for t, period in enumerate(self.periods):
            ids, codes = self.alive[t], self.status[t]
            k = codes.shape[1]
            units = self.units.iloc[ids]
            district = units["district"].fillna("").to_numpy(dtype=object)
            yield pd.DataFrame({
                "province": np.repeat(units["province"].to_numpy(dtype=object), k),
                "district": np.repeat(district, k),
                "commune": np.repeat(units["name"].to_numpy(dtype=object), k),
                "period": period,
                "criterion": np.tile(np.array(self.sets[t].numbers, dtype=np.int64), len(ids)),
                "status": words[codes.reshape(-1)],
            })

    def long(self) -> pd.DataFrame:
        return pd.concat(list(self.long_chunks()), ignore_index=True)


# ------------------------------------------------------------------------------------------
# Generation
# ------------------------------------------------------------------------------------------


class _Names:
    """Place names built from syllables; keys (``text.name_key``) tell which are the same."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        weights = 1.0 / np.arange(1, len(SYLLABLES) + 1) ** 0.6  # the first syllables are common
        self.p = weights / weights.sum()

    def draw(self, n: int) -> list[str]:
        """``n`` names (repeats possible): two syllables, some three, never a syllable twice."""
        picks = self.rng.choice(len(SYLLABLES), size=(n, 3), p=self.p)
        three = self.rng.random(n) < 0.12
        out = []
        for row, long_name in zip(picks, three):
            syllables = list(dict.fromkeys(SYLLABLES[i] for i in row[: 3 if long_name else 2]))
            if len(syllables) < 2:
                syllables.append(SYLLABLES[(row[0] + 1) % len(SYLLABLES)])
            out.append(" ".join(syllables))
        return out

    def unique(self, n: int, taken: set[str]) -> list[str]:
        """``n`` names whose keys are in no other name drawn or in ``taken`` (updated)."""
        out = []
        while len(out) < n:
            for name in self.draw(2 * (n - len(out)) + 8):
                key = name_key(name)
                if key not in taken and len(out) < n:
                    taken.add(key)
                    out.append(name)
        return out

    def within(self, groups: np.ndarray, taken: set[str]) -> list[str]:
        """One name per row, unique (by key) within its group and never in ``taken``."""
        out: list[str | None] = [None] * len(groups)
        pending = np.arange(len(groups))
        used: set[tuple[int, str]] = set()
        while len(pending):
            names = self.draw(len(pending))
            left = []
            for i, name in zip(pending, names):
                key = name_key(name)
                if key in taken or (groups[i], key) in used:
                    left.append(i)
                else:
                    used.add((groups[i], key))
                    out[i] = name
            pending = np.array(left, dtype=np.int64)
        return out  # type: ignore[return-value]


def _split(n: int, parts: int, rng: np.random.Generator) -> np.ndarray:
    """Which of ``parts`` groups each of ``n`` items is in: every group non-empty, sizes varied."""
    parts = max(1, min(parts, n))
    group = np.concatenate([np.arange(parts), rng.integers(0, parts, n - parts)])
    return np.sort(group)


def _periods(quarters: int, end: str) -> list[str]:
    return [shift(end, -i) for i in range(quarters - 1, -1, -1)]


def generate(communes: int = 1000, quarters: int = 60, seed: int = 0, end: str = "2026Q4",
             churn: float = 0.005, basic_share: float = BASIC_SHARE,
             keep_names: float = 0.0) -> Synthetic:
    """A national history of ``communes`` communes (before 2025) over ``quarters`` quarters
    ending with ``end``; ``churn`` is the share of communes that appear, and the share that
    disappear, between quarters (besides the 2025 reorganisation); ``basic_share`` the share
    of provinces that write "Cơ bản đạt"; ``keep_names`` the share of communes formed on 1/7/2025
    that keep the name of one of theirs (as Lộc Bình and Mẫu Sơn did). It is 0 by default:
    in one long-form table such a name is told apart by its old district before the merger and
    not after it, so long and wide files would name the commune differently."""
    if communes < 1 or quarters < 1:
        raise ValueError("communes and quarters must be at least 1")
    rng = np.random.default_rng(seed)
    names = _Names(rng)
    periods = _periods(quarters, end)
    sets = [set_for_period(p) for p in periods]
    merge_at = next((t for t, p in enumerate(periods) if period_end(p) >= REORGANISATION), None)
    no_districts = merge_at == 0  # every quarter after the reorganisation: province → commune
    if no_districts:
        merge_at = None
    before = merge_at if merge_at is not None else quarters  # quarters with districts

    # Provinces and districts, each name unique in the country.
    n_districts = max(1, round(communes / COMMUNES_PER_DISTRICT))
    n_provinces = max(1, round(n_districts / DISTRICTS_PER_PROVINCE))
    taken: set[str] = set()
    province_names = names.unique(n_provinces, taken)
    district_names = names.unique(n_districts, taken)
    district_province = _split(n_districts, n_provinces, rng)
    commune_district = _split(communes, n_districts, rng)

    # Communes that appear or disappear between quarters have names no other commune has.
    n_churn = int(round(churn * communes)) if before > 2 else 0
    new_district = rng.integers(0, n_districts, n_churn)
    gone = rng.choice(communes, size=n_churn, replace=False) if n_churn else np.array([], np.int64)
    # unique within a district, or in the country when there are no districts
    base_names = names.within(np.zeros_like(commune_district) if no_districts else commune_district, set())
    unique_keys = {name_key(n) for n in base_names} | set(taken)
    churn_names = names.unique(2 * n_churn, unique_keys)
    for i, name in zip(gone, churn_names[n_churn:]):
        base_names[i] = name
    districts = np.concatenate([commune_district, new_district])
    order = np.argsort(districts, kind="stable")
    districts = districts[order]
    unit_names = np.array(base_names + churn_names[:n_churn], dtype=object)[order]
    first = np.zeros(communes + n_churn, dtype=np.int64)
    last = np.full(communes + n_churn, before - 1, dtype=np.int64)
    if n_churn:
        first[communes:] = rng.integers(1, before, n_churn)
        last[gone] = rng.integers(0, before - 1, n_churn)
    first, last = first[order], last[order]

    units = pd.DataFrame({
        "name": unit_names,
        "province": np.array(province_names, dtype=object)[district_province[districts]],
        "district": np.array(district_names, dtype=object)[districts],
        "first": first, "last": last, "successor": -1,
    })
    if no_districts:
        units["district"] = None
    if merge_at is not None:
        units = _reorganise(units, districts, merge_at, quarters, names, rng, keep_names)
    units["label"] = _labels(units)

    alive, status, first_all = _trajectories(units, periods, sets, rng, basic_share)
    units = _recognise(units, periods, first_all, rng)
    synthetic = Synthetic(seed, periods, sets, units, alive, status,
                          _mapping(units), _targets(units, periods, rng))
    synthetic.register = _register(units)
    synthetic.parameters = {"communes": communes, "quarters": quarters, "seed": seed, "end": end,
                            "churn": churn, "basic_share": basic_share, "keep_names": keep_names}
    return synthetic


def _reorganise(units, districts, merge_at, quarters, names, rng, keep_names=0.0) -> pd.DataFrame:
    """Communes of each district in groups of 1–5 become new communes on 1/7/2025, with new
    names or (``keep_names`` of them) the name of a member no other commune has."""
    existing = units.index[units["last"] == merge_at - 1].to_numpy()
    sizes = rng.choice([1, 2, 3, 4, 5], size=len(existing), p=[0.08, 0.30, 0.37, 0.18, 0.07])
    group, g, left = np.empty(len(existing), dtype=np.int64), 0, 0
    for i in range(len(existing)):
        if left == 0 or (i and districts[existing[i]] != districts[existing[i - 1]]):
            g, left = g + (i > 0), int(sizes[i])
        group[i] = g
        left -= 1
    n_new = int(group[-1]) + 1 if len(group) else 0
    taken = {name_key(n) for n in units["name"]}
    taken |= {name_key(n) for n in units["province"]} | {name_key(n) for n in units["district"]}
    new_names = names.unique(n_new, taken)
    heads = existing[np.unique(group, return_index=True)[1]]
    keys = pd.Series([name_key(n) for n in units["name"]])
    alone = ~keys.duplicated(keep=False).to_numpy()  # names no other commune has
    kept = np.zeros(n_new, dtype=bool)
    for g in np.flatnonzero(rng.random(n_new) < keep_names):
        members = existing[(group == g) & alone[existing]]
        if len(members):
            new_names[g], kept[g] = units.at[int(rng.choice(members)), "name"], True
    new = pd.DataFrame({
        "name": new_names, "province": units["province"].to_numpy()[heads], "district": None,
        "first": merge_at, "last": quarters - 1, "successor": -1, "kept_name": kept,
    })
    units = units.assign(kept_name=False)
    units.loc[existing, "successor"] = len(units) + group
    return pd.concat([units, new], ignore_index=True)


def _labels(units: pd.DataFrame) -> list[str]:
    """Each commune's name as the readers give it from the wide files (``io.tables.qualify``
    over its district), the communes before and after 1/7/2025 apart as in those files."""
    from .io.tables import qualify

    labels = units["name"].astype(object).copy()
    with_district = units["district"].notna().to_numpy()
    labels[with_district] = qualify(units["name"][with_district].astype(object).reset_index(drop=True),
                                    units["district"][with_district].astype(object).reset_index(drop=True)
                                    ).to_numpy()
    return list(labels)


def _start_share(period: str) -> float:
    """Share of criteria a commune meets when first assessed: about 4/19 in 2011, 15/19 by 2024."""
    return float(np.clip(0.18 + 0.05 * (int(period[:4]) - 2011), 0.1, 0.85))


def _trajectories(units: pd.DataFrame, periods: list[str], sets: list[CriteriaSet], rng,
                  basic_share: float = BASIC_SHARE):
    """Each quarter's status codes of the communes alive, and the quarter each first met all."""
    n = len(units)
    first, last = units["first"].to_numpy(), units["last"].to_numpy()
    successor = units["successor"].to_numpy()
    pace = rng.lognormal(0.0, 0.35, n)
    provinces = pd.factorize(units["province"])[0]
    basic = (rng.random(provinces.max() + 1) < basic_share)[provinces]
    state = np.zeros((n, len(sets[0].numbers)), dtype=np.int8)
    first_all = np.full(n, -1, dtype=np.int64)
    alive, status = [], []
    for t, criteria_set in enumerate(sets):
        k = criteria_set.size
        difficulty = DIFFICULTY[:k] if k == 19 else np.ones(k)
        if t and criteria_set.numbers != sets[t - 1].numbers:  # a new set: reassessed from scratch
            share = (state == MET).mean(axis=1, keepdims=True)
            state = np.where(rng.random((n, k)) < 0.75 * share, MET, NOT_MET).astype(np.int8)
        born = np.flatnonzero(first == t)
        merged = np.isin(born, successor)
        new = born[~merged]
        if len(new):  # a commune assessed for the first time
            share = np.clip(_start_share(periods[t]) * pace[new, None] / difficulty, 0, 0.97)
            state[new] = np.where(rng.random((len(new), k)) < share, MET, NOT_MET)
        if merged.any():  # a merged commune is assessed anew: met where most members met
            members = successor[successor >= 0]
            share = pd.DataFrame(state[successor >= 0] == MET).groupby(members).mean()
            share = share.reindex(born[merged]).to_numpy()
            state[born[merged]] = np.where(rng.random(share.shape) < share ** 1.5, MET, NOT_MET)
        if t:
            u = rng.random((n, k))
            gain = GAIN * pace[:, None] / difficulty[None, :]
            was = state.copy()
            up = (was == NOT_MET) & (u < gain)
            state[up & basic[:, None]] = BASICALLY_MET
            state[up & ~basic[:, None]] = MET
            state[(was == BASICALLY_MET) & (u < 0.35)] = MET
            state[(was == BASICALLY_MET) & (u > 0.985)] = NOT_MET
            down = (was == MET) & (u > 1 - LOSS)
            state[down & basic[:, None]] = BASICALLY_MET
            state[down & ~basic[:, None]] = NOT_MET
        ids = np.flatnonzero((first <= t) & (last >= t))
        alive.append(ids)
        status.append(state[ids].copy())
        if k == 19:
            reached = ids[(state[ids] == MET).all(axis=1)]
            first_all[reached[first_all[reached] < 0]] = t
    return alive, status, first_all


def _recognise(units, periods, first_all, rng) -> pd.DataFrame:
    """Recognition year: the year a commune first met every criterion (the next year when that
    was in Q4, and sometimes a year late), never after the data's last year; a merged commune is
    recognised when all its members were, in the latest of their years."""
    years = np.array([int(p[:4]) for p in periods])
    quarter = np.array([int(p[5]) for p in periods])
    out = np.full(len(units), np.nan)
    reached = first_all >= 0
    late = (rng.random(len(units)) < 0.15).astype(int)
    out[reached] = years[first_all[reached]] + (quarter[first_all[reached]] == 4) + late[reached]
    successor = units["successor"].to_numpy()
    for new in np.unique(successor[successor >= 0]):
        members = out[successor == new]
        if not np.isnan(members).any():
            out[new] = members.max()
    units = units.copy()
    # a recognition after the data's last year has not happened yet: the register cannot know it
    units["recognised_year"] = pd.array(np.where(out > years.max(), np.nan, out), dtype="Float64").astype("Int64")
    return units


def _register(units: pd.DataFrame) -> pd.DataFrame:
    """The commune register: every commune that ever existed, with its recognition year (a
    commune that kept its name after 1/7/2025 is listed once, as before)."""
    if "kept_name" in units.columns:
        units = units[~units["kept_name"].to_numpy(dtype=bool)]
    return pd.DataFrame({
        "commune": units["name"], "district": units["district"].fillna(""),
        "province": units["province"], "recognised_year": units["recognised_year"],
    })


def _mapping(units: pd.DataFrame) -> pd.DataFrame:
    """The 1/7/2025 boundary mapping: every old commune and the new commune it became part of."""
    old = units[units["successor"] >= 0]
    new = units["label"].to_numpy(dtype=object)[old["successor"].to_numpy()]
    return pd.DataFrame({"old_commune": old["label"].to_numpy(dtype=object), "new_commune": new,
                         "effective_date": REORGANISATION.strftime("%d/%m/%Y"),
                         "decision": REORGANISATION_DECISION, "source": "synthetic (ntm_analysis.synth)"})


def _targets(units: pd.DataFrame, periods: list[str], rng) -> pd.DataFrame:
    """National goals as targets (those due within or after the history: a history of 2024 is
    not given a 2020 goal), and pilot communes to meet every criterion."""
    goals = [
        ["Bình quân 15 tiêu chí/xã", "mean", "", 15, "2020Q4", "synthetic: goal of 2016-2020"],
        ["Không còn xã dưới 5 tiêu chí", "min_met", "", 5, "2020Q4", "synthetic: goal of 2016-2020"],
        ["80% số xã đạt chuẩn", "recognised_share", "", 0.8, "2025Q4", "synthetic: goal of 2021-2025"],
    ]
    rows = [goal for goal in goals if goal[4] >= periods[0]]
    candidates = units.index[units["first"] == 0].to_numpy()
    pilots = rng.choice(candidates, size=min(10, max(1, len(candidates) // 100)), replace=False)
    due = f"{periods[len(periods) * 2 // 3][:4]}Q4"
    for unit in np.sort(pilots):
        rows.append(["Xã điểm đạt chuẩn", "all_criteria", units.at[unit, "label"], "", due,
                     "synthetic: pilot commune"])
    return pd.DataFrame(rows, columns=["target", "kind", "commune", "value", "due", "source"])


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------

FORMS = ("wide", "long", "records", "provincial")
FORMATS = ("csv", "parquet", "xlsx")


def write(synthetic: Synthetic, folder, forms=("wide", "long", "records"),
          formats=("csv", "parquet")) -> dict[str, Path]:
    """Write the data under ``folder``: ``wide_<fmt>/ntm_<period>.<fmt>``, ``long.<fmt>`` and
    ``records/`` (CSV); returns what was written by name."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        if "wide" in forms:
            written[f"wide_{fmt}"] = write_wide(synthetic, folder / f"wide_{fmt}", fmt)
        if "long" in forms:
            written[f"long_{fmt}"] = write_long(synthetic, folder / f"long.{fmt}", fmt)
    if "records" in forms:
        written["records"] = write_records(synthetic, folder / "records")
    if "provincial" in forms:
        written["provincial"] = write_provincial(synthetic, folder / "provincial")
    for place in sorted({p if p.is_dir() else p.parent for p in written.values()}):
        write_provenance(synthetic, place)
    return written


# What the sidecar's "status" says: the readers label data whose status names it as synthetic
# ("số liệu giả lập") wherever the bundled data's "illustrative" label goes.
SYNTHETIC_STATUS = "synthetic (illustrative): generated by ntm_analysis.synth; not about any real place, not official figures"


def write_provenance(synthetic: Synthetic, folder: Path, today: dt.date | None = None) -> Path:
    """The folder's ``provenance.json``, in the bundled data's format: the data marked synthetic,
    its source (this generator, its version, seed and parameters), the date, and the checksums of
    every file in the folder (so that ``ntm`` checks them as it checks the bundled data's)."""
    from importlib.metadata import PackageNotFoundError, version

    from .io.provenance import SIDECAR, _write_atomic, checksums

    try:
        release = version("ntm_analysis")
    except PackageNotFoundError:
        release = "unknown"
    first, last = synthetic.periods[0], synthetic.periods[-1]
    meta = {
        "dataset": f"Synthetic NTM assessments, {first}-{last} (ntm_analysis.synth, seed {synthetic.seed})",
        "status": SYNTHETIC_STATUS,
        "written_by": f"ntm_analysis.synth {release}",
        "generator": {"name": "ntm_analysis.synth", "version": release, "seed": synthetic.seed,
                      "parameters": synthetic.parameters},
        "date": (today or dt.date.today()).isoformat(),
        "files": [{"path": p.name, **checksums(p), "status": "synthetic"}
                  for p in sorted(folder.iterdir()) if p.is_file() and p.name != SIDECAR],
    }
    path = folder / SIDECAR
    _write_atomic(path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return path


def write_wide(synthetic: Synthetic, folder: Path, fmt: str = "csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for t, period in enumerate(synthetic.periods):
        frame = synthetic.wide(t)
        path = folder / f"ntm_{period}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            _xlsx(path, frame, _title(period))
    return folder


def _title(period: str) -> list[str]:
    end = period_end(period)
    return ["BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI (DỮ LIỆU TỔNG HỢP "
            "GIẢ LẬP - SYNTHETIC)", f"(Tính đến ngày {end.day}/{end.month}/{end.year})"]


def _xlsx(path: Path, frame: pd.DataFrame, title: list[str]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tổng hợp")
    for line in title:
        sheet.append([line])
    sheet.append([int(c) if c.isdigit() else c for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([None if v is None else (int(v) if isinstance(v, np.integer) else v) for v in row])
    book.save(path)


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX")


def provincial_rows(synthetic: Synthetic, t: int, province: str) -> list[list]:
    """One province's quarter ``t`` as its office writes it: letterhead and title, header, column
    numbers, district blocks with heading and subtotal rows, "Tổng cộng", signatures."""
    frame = synthetic.wide(t)
    frame = frame[frame["Tỉnh"] == province]
    numbers = [str(n) for n in synthetic.sets[t].numbers]
    met = STATUS_LABELS_VI[MET]

    def total(label: str, block: pd.DataFrame) -> list:
        return ["", label, *[int((block[n] == met).sum()) for n in numbers], int(block["Số tiêu chí đạt"].sum())]

    def commune(i: int, row) -> list:
        return [i, row["Tên xã"], *[row[n] for n in numbers], int(row["Số tiêu chí đạt"])]

    rows: list[list] = [[f"UBND TỈNH {province.upper()}"], *[[line] for line in _title(synthetic.periods[t])],
                        ["STT", "Tên xã", *map(int, numbers), "Số tiêu chí đạt"],
                        [f"({i})" for i in range(1, len(numbers) + 4)]]
    if "Huyện" in frame.columns:
        for b, (district, block) in enumerate(frame.groupby("Huyện", sort=False)):
            rows.append([ROMAN[b] if b < len(ROMAN) else str(b + 1), f"Huyện {district}"])
            rows += [commune(i, row) for i, (_, row) in enumerate(block.iterrows(), 1)]
            rows.append(total(f"Cộng huyện {district}", block))
    else:
        rows += [commune(i, row) for i, (_, row) in enumerate(frame.iterrows(), 1)]
    rows += [total("Tổng cộng", frame), [], ["", "NGƯỜI LẬP BIỂU", *[""] * (len(numbers) - 2), "TM. BAN CHỈ ĐẠO"]]
    return rows


def write_provincial(synthetic: Synthetic, folder: Path) -> Path:
    """Each province's quarters as its office sends them (``provincial_rows``), as XLSX."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    provinces = list(dict.fromkeys(synthetic.units["province"]))
    for t, period in enumerate(synthetic.periods):
        for p, province in enumerate(provinces, 1):
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Biểu 01")
            for row in provincial_rows(synthetic, t, province):
                sheet.append(row)
            book.save(folder / f"tinh_{p:02d}_{period}.xlsx")
    return folder


def write_long(synthetic: Synthetic, path: Path, fmt: str = "parquet") -> Path:
    """The long form in one file, written a quarter at a time (100,000 communes fit)."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        for chunk in synthetic.long_chunks():
            table = pa.Table.from_pandas(chunk, preserve_index=False)
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
        if writer is not None:
            writer.close()
    elif fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            for i, chunk in enumerate(synthetic.long_chunks()):
                chunk.to_csv(out, index=False, header=i == 0, lineterminator="\r\n")
    else:
        frame = synthetic.long()
        if len(frame) >= 1_048_575:
            raise ValueError(f"{len(frame):,} rows do not fit one Excel sheet (1,048,576): use csv or parquet")
        _xlsx(path, frame, [])
    return path


def write_records(synthetic: Synthetic, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    options = dict(index=False, encoding="utf-8-sig", lineterminator="\r\n")
    synthetic.register.to_csv(folder / "communes.csv", **options)
    synthetic.targets.to_csv(folder / "targets.csv", **options)
    if len(synthetic.boundaries):
        synthetic.boundaries.to_csv(folder / "boundaries.csv", **options)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ntm_analysis.synth",
                                     description="Write a seeded synthetic national history of NTM "
                                     "assessments (not real data).")
    parser.add_argument("out", help="folder to write into")
    parser.add_argument("--communes", type=int, default=1000, help="communes before 2025 (default 1000)")
    parser.add_argument("--quarters", type=int, default=60, help="quarters (default 60)")
    parser.add_argument("--end", default="2026Q4", help="the last quarter (default 2026Q4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--churn", type=float, default=0.005,
                        help="share of communes appearing, and disappearing, between quarters")
    parser.add_argument("--forms", default="wide,long,records", help="any of wide,long,records,provincial (provincial: XLSX office forms "
                        "with district blocks, one per province and quarter)")
    parser.add_argument("--formats", default="csv,parquet", help="any of csv,parquet,xlsx")
    args = parser.parse_args(argv)
    forms, formats = args.forms.split(","), args.formats.split(",")
    bad = [f for f in forms if f not in FORMS] + [f for f in formats if f not in FORMATS]
    if bad:
        parser.error(f"unknown form or format: {', '.join(bad)}")
    synthetic = generate(args.communes, args.quarters, args.seed, args.end, args.churn)
    written = write(synthetic, args.out, forms, formats)
    for name, path in written.items():
        print(f"{name}: {path}")
    n_after = len(synthetic.alive[-1])
    print(f"{len(synthetic.periods)} quarters {synthetic.periods[0]}–{synthetic.periods[-1]}, "
          f"{args.communes} communes ({n_after} in {synthetic.periods[-1]}), "
          f"{synthetic.n_cells:,} commune-criterion cells; seed {args.seed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
