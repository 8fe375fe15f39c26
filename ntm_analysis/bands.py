"""Bands of "criteria met", as each report draws them: "19,12,9,5-8" or a preset name.

Reports band communes their own way (19 / 15-18 / 10-14 / 5-9 / under 5 nationally, exact
values and a range in the seed), so bands are data the analyst gives, with presets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocab_messages import Message

# Presets for 19-criterion sets, from the variants reports use (see shared domain notes).
PRESETS_19 = {
    "standard5": "19,15-18,10-14,5-9,0-4",
    "under10": "19,15-18,10-14,0-9",
    "under8": "19,15-18,10-14,8-9,0-7",
}
EXACT = "exact"  # one band per count, from all criteria down to none, for any set size


class BandError(ValueError):
    """A band specification that cannot be used (a usage error, not a data error).

    ``kind`` (``preset_size``, ``unreadable``, ``backwards``, ``beyond``, ``overlap``) and ``params`` let a
    renderer say it in another language (the explorer: ``vocab.EXPLORER_MESSAGES``; the command:
    ``vocab_messages``, message ``band_<kind>``, which ``message`` is); ``str()`` is English.
    """

    def __init__(self, kind: str, **params):
        self.message = Message(f"band_{kind}", **params)
        super().__init__(self.message)
        self.kind = kind
        self.params = {k: v for k, v in params.items() if k != "spec"}


@dataclass(frozen=True)
class Band:
    """Communes meeting from ``low`` to ``high`` criteria (both included)."""

    low: int
    high: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"

    def __contains__(self, count: int) -> bool:
        return self.low <= count <= self.high


def preset_names() -> list[str]:
    return [*PRESETS_19, EXACT]


def parse_bands(spec: str | None, n_criteria: int) -> list[Band]:
    """The bands of ``spec`` for a set of ``n_criteria``, in the order given.

    ``None`` means the usual choice: ``standard5`` for 19-criterion sets, ``exact`` otherwise.
    Overlapping bands would count a commune twice and are refused; so is a band reaching past the
    set's criteria ("20-25" or "0-30" of 19), a mistyped band no commune can ever be in.
    """
    return list(_parsed(spec, n_criteria))


@lru_cache(maxsize=256)
def _parsed(spec: str | None, n_criteria: int) -> tuple[Band, ...]:
    """``parse_bands`` read once per spec and set size (every period and pair asks again)."""
    return tuple(_parse(spec, n_criteria))


def _parse(spec: str | None, n_criteria: int) -> list[Band]:
    if spec is None:
        spec = "standard5" if n_criteria == 19 else EXACT
    spec = spec.strip()
    if spec == EXACT:
        return [Band(k, k) for k in range(n_criteria, -1, -1)]
    if spec in PRESETS_19:
        if n_criteria != 19:
            raise BandError("preset_size", preset=spec, n=n_criteria)
        spec = PRESETS_19[spec]
    bands = []
    for part in spec.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:[-\u2013]\s*(\d+)\s*)?", part)
        if not match:
            raise BandError("unreadable", part=part.strip(), spec=spec, presets=", ".join(preset_names()))
        low, high = int(match[1]), int(match[2] or match[1])
        if low > high:
            raise BandError("backwards", part=part.strip())
        if high > n_criteria:
            raise BandError("beyond", part=part.strip(), n=n_criteria)
        bands.append(Band(low, high))
    for i, a in enumerate(bands):
        for b in bands[i + 1:]:
            if a.low <= b.high and b.low <= a.high:
                raise BandError("overlap", a=a.label, b=b.label)
    return bands
