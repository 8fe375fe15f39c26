"""The national criteria sets, read from package data and chosen by name or by date.

Sets are versioned: 19 criteria until 2025, 10 from 2026. Criteria are identified by their
number within a set, never by name, because names drift between sets and between reports.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from .periods import period_end
from .text import fold
from .vocab_messages import Message, day_ref, period_ref


@dataclass(frozen=True)
class Criterion:
    """One criterion of a set."""

    number: int
    name_vi: str
    name_en: str
    group_vi: str

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class CriteriaSet:
    """A criteria set: its name ("2016-2020"), legal basis, date in force and criteria."""

    name: str
    decision: str
    in_force: dt.date
    criteria: tuple[Criterion, ...]
    source: str

    @cached_property  # read for every period and pair of periods: made once per set
    def numbers(self) -> tuple[int, ...]:
        return tuple(c.number for c in self.criteria)

    @cached_property
    def size(self) -> int:
        return len(self.criteria)

    def criterion(self, number: int) -> Criterion:
        return self.criteria[self.numbers.index(number)]


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("sets", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def criteria_sets() -> dict[str, CriteriaSet]:
    """Every known set by name, oldest first."""
    by_set: dict[str, list[Criterion]] = {}
    for row in _rows("criteria.csv"):
        by_set.setdefault(row["criteria_set"], []).append(
            Criterion(int(row["criterion"]), row["name_vi"], row["name_en"], row["group_vi"])
        )
    sets = {}
    for row in _rows("criteria_sets.csv"):
        criteria = tuple(sorted(by_set[row["criteria_set"]], key=lambda c: c.number))
        if len(criteria) != int(row["n_criteria"]):
            raise ValueError(f"criteria.csv: set {row['criteria_set']} has {len(criteria)} criteria, "
                             f"criteria_sets.csv says {row['n_criteria']}")
        sets[row["criteria_set"]] = CriteriaSet(
            row["criteria_set"], row["decision"], dt.date.fromisoformat(row["in_force"]),
            criteria, row["source"],
        )
    return dict(sorted(sets.items(), key=lambda item: item[1].in_force))


class NoCriteriaSet(ValueError):
    """A date before the first national criteria set came into force."""


def set_for_date(day: dt.date) -> CriteriaSet:
    """The set in force on ``day`` (the latest whose date in force is not after it)."""
    in_force = [s for s in criteria_sets().values() if s.in_force <= day]
    if not in_force:
        first = next(iter(criteria_sets().values()))
        raise NoCriteriaSet(Message("no_set_in_force", day=day_ref(day), decision=first.decision,
                                    first=day_ref(first.in_force)))
    return in_force[-1]


def period_problem(period: str) -> Message | None:
    """Why ``period`` cannot be assessed (before the first criteria set), or None."""
    try:
        set_for_period(period)
    except NoCriteriaSet as exc:
        return Message("before_criteria", period=period_ref(period), why=exc.args[0])
    return None


def set_for_period(period: str) -> CriteriaSet:
    """The set an assessment of ``period`` uses: the one in force on the period's last day."""
    return set_for_date(period_end(period))


def find_set(text: str) -> CriteriaSet | None:
    """The set a cell or option names: "2016-2020", "2016–2020", "QĐ 1980", "1980/QĐ-TTg"."""
    folded = fold(str(text))
    years = re.search(r"((?:19|20)\d\d)\s*[-\u2013\u2014/ ]+\s*((?:19|20)\d\d)", folded)
    for criteria_set in criteria_sets().values():
        if years and f"{years[1]}-{years[2]}" == criteria_set.name:
            return criteria_set
        number = re.search(r"\d+", criteria_set.decision)[0]
        if not years and re.search(rf"(?<!\d){number}(?!\d)", folded):
            return criteria_set
    return None
