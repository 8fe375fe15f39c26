"""ntm_analysis: quarterly review figures for Vietnam's New Rural Development programme.

One public entry per job; notebooks and the ``ntm`` command use only these.

>>> from ntm_analysis import load, summarise
>>> assessment = load()                       # the bundled Lộc Bình data
>>> [s.text for s in summarise(assessment, period="2020Q1", bands="19,12,9,5-8")][0][:22]
'04 xã đạt 19 tiêu chí, '
"""

from __future__ import annotations

from importlib import import_module, resources
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import DataError, Problem, Problems
from .vocab_messages import Message

if TYPE_CHECKING:
    from .criteria import CriteriaSet
    from .figures import PeriodSummary
    from .model import Assessment

__all__ = ["Assessment", "CriteriaSet", "DataError", "PeriodSummary", "Problem", "Problems",
           "Snapshot", "bundled_data", "criteria_sets", "load", "summarise", "validate"]

# Names imported on first use, so that `ntm --help` and the light commands start without pandas.
_LAZY = {"Assessment": "model", "Snapshot": "model", "CriteriaSet": "criteria",
         "criteria_sets": "criteria", "PeriodSummary": "figures"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bundled_data() -> Path:
    """The folder of bundled data: inside the installed package, or data/ beside it in a checkout."""
    packaged = Path(str(resources.files(__package__).joinpath("bundled_data")))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "data"


def _criteria_set(criteria_set: str | CriteriaSet | None) -> CriteriaSet | None:
    from .criteria import CriteriaSet, criteria_sets, find_set

    if criteria_set is None or isinstance(criteria_set, CriteriaSet):
        return criteria_set
    found = find_set(criteria_set)
    if found is None:
        raise ValueError(Message("unknown_criteria_set", name=criteria_set, known=", ".join(criteria_sets())))
    return found


def _paths(paths) -> list:
    if paths is None or (not isinstance(paths, (str, Path)) and len(paths) == 0):
        return [bundled_data()]
    return [paths] if isinstance(paths, (str, Path)) else list(paths)


def _encoding(encoding: str | None) -> str | None:
    from .io import ENCODINGS

    if encoding is not None and encoding.lower() not in ENCODINGS:
        raise ValueError(Message("unknown_encoding", name=encoding, known=", ".join(ENCODINGS)))
    return encoding.lower() if encoding else None


def validate(paths=None, period: str | None = None, criteria_set=None, *, encoding: str | None = None,
             hidden_sheets: bool = False) -> Problems:
    """Every problem in ``paths`` (default: the bundled data). A file whose period cannot be told
    is a warning here, and its content is checked all the same. ``encoding`` forces the files'
    text encoding (utf-8, cp1258, utf-16, tcvn3, vni); ``hidden_sheets`` reads hidden sheets."""
    from .model import read_assessment

    return read_assessment(_paths(paths), period, _criteria_set(criteria_set), "warning",
                           encoding=_encoding(encoding), hidden_sheets=hidden_sheets).problems


def load(paths=None, period: str | None = None, criteria_set=None, *, encoding: str | None = None,
         hidden_sheets: bool = False) -> Assessment:
    """The assessment in ``paths`` (default: the bundled data); raises ``DataError`` listing every
    error when there is any. ``period`` names the period of files that do not state their own;
    ``encoding`` and ``hidden_sheets`` as in ``validate``."""
    from .model import read_assessment

    assessment = read_assessment(_paths(paths), period, _criteria_set(criteria_set),
                                 encoding=_encoding(encoding), hidden_sheets=hidden_sheets)
    if assessment.problems.errors:
        raise DataError(assessment.problems)
    return assessment


def summarise(assessment: Assessment, period: str | None = None, bands: str | None = None,
              lang: str = "vi", truncate: bool = False, shares: bool = False) -> list[PeriodSummary]:
    """The figures of every period (or only ``period``), with their report paragraph.

    ``bands`` is a spec such as "19,12,9,5-8" or a preset ("standard5"); ``truncate`` cuts the
    average and shares in the text instead of rounding; ``shares`` adds "(chiếm 12,4%)".
    """
    from .figures import summarise_snapshot
    from .wording import summary_text

    periods = [period] if period else assessment.periods
    out = []
    for p in periods:
        summary = summarise_snapshot(assessment, assessment.snapshot(p), bands)
        summary.text = summary_text(summary, lang, truncate, shares)
        out.append(summary)
    return out
