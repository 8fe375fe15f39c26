"""The plain path: a clean CSV or Parquet assessment read column by column, on codes.

A national history is thousands of communes in dozens of files, each cell one of a few status
words or a name that every other file repeats. The careful path (sources → layout → tables)
reads any office form cell by cell; this one reads the common case — the header on the first
line (or Parquet's own), one row per commune (wide form) or per commune and criterion (long
form), every cell clean — with each distinct text cleaned, parsed and keyed once per process
(``LEXICON``) and the rows handled as integer codes, never one Python object per cell.

It gives exactly the pieces and problems the careful path gives (tests/test_fast_paths.py
compares the two on generated and hostile files), or declines (None) as soon as the file is
not plain: a cell repaired (legacy encoding, invisible characters), a status it cannot read, a
blank name, a totals or heading row, a count that disagrees, a period or criteria set in
question, a column it would warn about, a commune twice … The careful path then reads the file
and says all of it. The only problem said here is the careful path's warning for towns left out.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..criteria import find_set, period_problem, set_for_period
from ..fields import ASSESSMENT, COMMUNES, field_for, field_named, parse_value
from ..periods import parse_period
from ..problems import Problems
from ..text import (LOOKALIKES, MET, NOT_MET, _syllable_key, clean_name, clear_caches, clean_unit, fold, format_chars,
                    has_bare_prefix, is_town, key_of_clean, name_key, nfc, parse_status)
from . import ahead, legacy
from .layout import (_ROMAN, _is_index_row, _is_key_header, _is_name_header, criterion_number,
                     is_total_label, records_kind, unit_heading)
from .sources import _delimiter, _looks_utf16, _quoted_lines_agree, cell_text, regular_bytes, table_columns
from .tables import BLANK, MEASURES, UNKNOWN, Piece

ENABLED = True  # tests turn it off to compare the careful path with this one
WHOLE_ROWS = 1 << 20  # a Parquet file of more rows is never read whole (read ahead, its blocks are not)
_TOLD: dict = {}  # (name, district) → the name told apart (``_told``)
_LAST_UNITS: dict = {}  # the district texts last numbered by unit key (``_unit_codes``)
_CLEAN: dict = {}  # text as read → ``_clean`` of it
_AS_PRINTED: set = set()  # texts ``clean_name`` leaves as they are (``_screen``)
_LAST_ROWS: dict = {}  # the names, keys and units of the last piece, by its rows' texts (``Names.rows``)


class Lexicon:
    """Every distinct text the readers met, numbered once per process, with what they derive
    from it (its clean form, name key, status …) computed once per text and kept by number:
    the same 10,000 names in 60 files are cleaned and keyed once, not 60 times."""

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        """Forget every text (the benchmark measures loading from a cold start)."""
        _TOLD.clear()
        _LAST_UNITS.clear()
        _CLEAN.clear()
        _AS_PRINTED.clear()
        _LAST_ROWS.clear()
        self._recent: dict = {}  # a column's label → its last texts (Arrow), their numbers
        self._ids: dict = {}
        self._texts: list = []
        self._derived: dict = {}
        self._small: dict = {}  # (func, dtype) → (the last few numbers asked for, their values)

    def number(self, texts: list) -> np.ndarray:
        """The number of each text; texts not met before are numbered."""
        get = self._ids.get
        ids = [get(t, -1) for t in texts]
        if -1 in ids:  # the new texts (each once, in order) numbered at once, then looked up again
            new = dict.fromkeys([t for t, i in zip(texts, ids) if i < 0])
            self._ids.update(zip(new, range(len(self._texts), len(self._texts) + len(new))))
            self._texts.extend(new)
            ids = [get(t) for t in texts]
        return np.array(ids, dtype=np.int64)

    def number_one(self, text) -> int:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self._texts)
            self._texts.append(text)
        return found

    def number_arrow(self, label, dictionary, matched=None) -> np.ndarray:
        """``number`` of the texts of an Arrow array, compared with the last array of the column
        ``label`` in Arrow (the next file of a history repeats almost every name): only the texts
        not in it are looked up one by one. ``matched``: (an array, where each text stands in it),
        found ahead (``parser``), used when that array is the last one."""
        import pyarrow as pa
        import pyarrow.compute as pc

        kept, before = self._recent.get(label), len(self._texts)
        recent = None  # the texts the next array of the column is compared with, and their numbers
        if matched is not None and len(matched) == 3 and len(dictionary) >= 64 and \
                (matched[0] is None or kept is not None and kept[0] is matched[0]):
            numbers, recent = self._joined(dictionary, matched, kept)
        elif kept is not None and kept[0].equals(dictionary):  # the texts of the file before (status words)
            numbers = kept[1]
        elif kept is None or len(kept[0]) < 64 or len(dictionary) < 64:  # a few status words: at once
            numbers = self.number(dictionary.to_pylist())
        elif len(dictionary) > len(kept[0]) and kept[0].type == dictionary.type and \
                dictionary.slice(0, len(kept[0])).equals(kept[0]):  # texts added at the end (running numbers)
            numbers = np.concatenate([kept[1], self.number(dictionary.slice(len(kept[0])).to_pylist())])
        elif len(dictionary) < len(kept[0]) and kept[0].type == dictionary.type and \
                kept[0].slice(0, len(dictionary)).equals(dictionary):  # texts left out at the end
            numbers = kept[1][:len(dictionary)]
        else:
            if matched is not None and matched[1] is not None and len(matched[1]) == len(dictionary) \
                    and matched[0].equals(kept[0]):
                at = matched[1]
            else:
                known = kept[0] if kept[0].type == dictionary.type else kept[0].cast(dictionary.type)
                at = pc.index_in(dictionary, value_set=known).fill_null(-1).to_numpy(zero_copy_only=False)
            numbers = self._numbered_at(dictionary, at, kept[1])
        self._recent[label] = recent or (dictionary, numbers)
        if self is LEXICON and len(self._texts) - before >= 64:
            _screen(dictionary, numbers, before)
        return numbers

    def _numbered_at(self, dictionary, at: np.ndarray, known: np.ndarray) -> np.ndarray:
        """The numbers of a dictionary's texts, ``at``: where each stands among texts numbered
        ``known`` (-1: not among them, looked up here)."""
        import pyarrow as pa

        numbers = np.where(at >= 0, known[np.maximum(at, 0)], -1)
        new = np.flatnonzero(at < 0)
        if len(new):
            numbers[new] = self.number(dictionary.take(pa.array(new)).to_pylist())
        return numbers

    def _joined(self, dictionary, matched, kept) -> tuple[np.ndarray, tuple]:
        """``number_arrow`` of a long file's block whose texts were matched, in the reading
        thread, against every text of the column met so far (``matched``: those texts, where
        each of the block's stands among them, and those texts with the block's new ones after
        them; ``_block_reader``): only the new ones are looked up. Also what the column keeps to
        compare the next block with: every text so far, numbered."""
        union, at, after = matched
        if union is None:  # the column's first block
            numbers = self.number(dictionary.to_pylist())
            return numbers, (after, numbers)
        numbers = self._numbered_at(dictionary, at, kept[1])
        new = at < 0
        return numbers, (after, np.concatenate([kept[1], numbers[new]]) if new.any() else kept[1])

    def text(self, number: int):
        return self._texts[number]

    def texts(self, numbers: list[int]) -> list:
        """The texts numbered ``numbers`` (``text`` of each, at once)."""
        texts = self._texts
        return [texts[n] for n in numbers]

    def __len__(self) -> int:
        return len(self._texts)

    def _kept(self, func, dtype) -> tuple[np.ndarray, np.ndarray]:
        """(values, whether computed) of ``func`` for every text numbered so far."""
        values, done = self._derived.get((func, dtype), (None, None))
        if values is None or len(values) < len(self._texts):
            size = 2 * max(len(self._texts), 1024)
            grown, grown_done = np.zeros(size, dtype=dtype), np.zeros(size, dtype=bool)
            if values is not None:
                grown[:len(values)], grown_done[:len(done)] = values, done
            values, done = grown, grown_done
            self._derived[(func, dtype)] = (values, done)
        return values, done

    def known(self, func, ids: np.ndarray, values, dtype=object) -> None:
        """``func`` of the texts ``ids`` is ``values``, known without calling it (``_screen``)."""
        kept, done = self._kept(func, dtype)
        kept[ids], done[ids] = values, True

    def _computed(self, func, ids: np.ndarray, dtype=object) -> np.ndarray:
        """The values of ``func`` kept for every text, computed first for those of ``ids`` not
        computed yet."""
        values, done = self._kept(func, dtype)
        known = done[ids]
        if not known.all():  # (the common case, every text's value known: no texts gathered)
            need = np.unique(ids[~known])
            results = [func(self._texts[i]) for i in need]
            if dtype is object:
                holder = np.empty(len(need), dtype=object)
                holder[:] = results
                results = holder
            values[need], done[need] = results, True
        return values

    def derive_at(self, func, ids: np.ndarray, at: np.ndarray) -> np.ndarray:
        """``derive(func, ids)[where]`` for ``at = ids[where]``, gathered once from the values
        kept: a hundred thousand names of a quarter are gathered as objects once, not first per
        code and then per row (each gather of objects touches every one of them)."""
        return self._computed(func, ids)[at]

    def derive(self, func, ids: np.ndarray, dtype=object) -> np.ndarray:
        """``func(text)`` for the text of each of ``ids``, computed once per text and kept as
        an array of ``dtype``."""
        small = len(ids) <= 64  # a column of status words, asked once per criterion and file: kept
        if small:
            held = self._small.get((func, dtype))
            if held is not None and held[0] is ids:
                return held[1].copy()
        values = self._computed(func, ids, dtype)
        if small:  # (the array of numbers held: the same object is the same texts)
            self._small[(func, dtype)] = (ids, values[ids])
            return self._small[(func, dtype)][1].copy()
        return values[ids]


LEXICON = Lexicon()
KEYS = Lexicon()  # name keys, numbered: readers and the model join communes by these numbers


def forget() -> None:
    """Forget every text met, and what the per-text steps kept (for a cold measurement)."""
    LEXICON.clear()
    KEYS.clear()
    clear_caches()


def key_ids(keys) -> np.ndarray:
    """The number of each name key (``text.name_key``)."""
    return KEYS.number(list(keys))


class Column:
    """A column as codes: row i holds the text numbered ``ids[codes[i]]`` (a text may have two
    codes: read from two blocks of a file). A typed Parquet column is coded when first asked
    for (a running number column is never needed)."""

    def __init__(self, codes=None, ids=None, typed=None, runs=None):
        self._codes, self._ids, self._typed = codes, ids, typed
        # ``runs``: (the first row of each run of rows with one code, the code, the rows): a long
        # file's names, towns and periods, whose rows are never coded one by one (``_runs``)
        self._runs = runs

    @property
    def runs(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(first row of each run, its code) when the column was read as runs, else None."""
        return None if self._runs is None else self._runs[:2]

    def _code(self) -> None:
        if self._runs is not None:  # every row's code, asked for: the runs spelled out
            starts, values, n = self._runs
            self._codes = np.repeat(values, np.diff(np.append(starts, n)))
            return
        series = self._typed
        if not isinstance(series, pd.Series):  # an Arrow column: whole numbers straight from it
            codes = _arrow_int_codes(series)
            if codes is not None:
                self._codes, uniques, self._typed = codes[0], codes[1], None
                self._ids = LEXICON.number([cell_text(v) for v in uniques])
                return
            series = series.to_pandas()
        if series.dtype.kind in "iu":
            codes, uniques = _int_codes(series.to_numpy())
        else:
            codes, uniques = pd.factorize(series, use_na_sentinel=False)
        self._codes, self._ids, self._typed = codes.astype(np.int32), LEXICON.number([cell_text(v) for v in uniques]), None

    @property
    def codes(self) -> np.ndarray:  # per row
        if self._codes is None:
            self._code()
        return self._codes

    @property
    def ids(self) -> np.ndarray:  # per code: the lexicon number of the text as read
        if self._ids is None:
            self._code()
        return self._ids

    def per_code(self, func, dtype=object) -> np.ndarray:
        """``func`` of each code's text (as read): one value per code."""
        return LEXICON.derive(func, self.ids, dtype)

    def per_row(self, func, dtype=object) -> np.ndarray:
        return self.per_code(func, dtype)[self.codes]

    def any_row(self, func) -> bool:
        """Whether ``func`` holds for some row's text: rows looked at only when some code's does
        (a CSV column's codes also hold its header)."""
        per_code = self.per_code(func, bool)
        return bool(per_code.any()) and bool(per_code[self.codes].any())

    @property
    def used(self) -> np.ndarray:
        """Whether each code is a row's (a CSV column's codes also hold its header)."""
        return np.bincount(self.codes, minlength=len(self.ids)) > 0


def _column(texts: list, codes: np.ndarray, ids: np.ndarray | None = None) -> Column:
    """Codes of ``texts`` (numbered: ``ids``) as a column whose codes are its distinct texts."""
    ids = LEXICON.number(texts) if ids is None else ids
    distinct, inverse = np.unique(ids, return_inverse=True)
    if len(distinct) < len(ids):
        codes = inverse.astype(np.int32)[codes]
        ids = distinct
    return Column(codes, ids)


def _clean(text: str):
    """A cell as the careful path cleans it (``sources._clean``: NFC, white space folded); None
    when cleaning would repair it (legacy bytes, invisible characters), which is said."""
    try:
        return _CLEAN[text]
    except KeyError:
        pass
    clean = nfc(text)
    if not text.isascii():
        converted, encoding = legacy.repair(text, None)
        if encoding or format_chars(converted):
            clean = None
    _CLEAN[text] = clean
    return clean


def _screen(dictionary, numbers: np.ndarray, before: int) -> None:
    """``_clean`` of the texts an Arrow dictionary brought (numbered from ``before``), known at
    once for those Arrow shows are clean as read: NFC, no invisible or control character, single
    spaces inside, and (legacy.repair) ASCII or holding a character no legacy code page shows.
    The others (a few in a thousand) are cleaned one by one when asked."""
    import pyarrow as pa
    import pyarrow.compute as pc

    at = np.flatnonzero(numbers >= before)
    texts = dictionary.take(pa.array(at))
    ascii_ = pc.string_is_ascii(texts)
    clean = pc.and_(pc.equal(pc.utf8_normalize(texts, "NFC"), texts),
                    pc.invert(pc.match_substring_regex(texts, _NOT_CLEAN)))
    clean = clean.to_numpy(zero_copy_only=False)
    clean &= _legacy_ruled_out(texts, ascii_, clean)
    found = numbers[at[clean]]
    objects = np.empty(len(found), dtype=object)
    objects[:] = [LEXICON._texts[number] for number in found.tolist()]
    for text in objects:
        _CLEAN[text] = text
    # what the per-text steps give a text that is clean as read, known without calling them
    LEXICON.known(_repaired, found, False, bool)
    LEXICON.known(_same, found, objects)
    LEXICON.known(_clean_id, found, found, np.int64)  # its clean text is itself
    LEXICON.known(_blank, found, pc.equal(pc.utf8_length(texts), 0).to_numpy(zero_copy_only=False)[clean], bool)
    LEXICON.known(_ascii, found, ascii_.to_numpy(zero_copy_only=False)[clean], bool)
    # a name printed as written (``text.clean_name``): a capital first, no "Xã " before it, no
    # word after it beginning with a small letter outside ASCII, no look-alike letter
    printed = pc.and_(pc.match_substring_regex(texts, _PRINTED_AS_IS),
                      pc.invert(pc.match_substring_regex(texts, _NOT_PRINTED_AS_IS)))
    printed = printed.to_numpy(zero_copy_only=False)
    as_printed = found[printed[clean]]
    LEXICON.known(clean_name, as_printed, objects[printed[clean]])
    _AS_PRINTED.update(objects[printed[clean]].tolist())
    LEXICON.known(_as_printed, as_printed, True, bool)
    if len(as_printed):  # their name keys (``_key_number``, ``_printed_key``: the same for them)
        keys = KEYS.number(_keys_at_once(texts.filter(pa.array(clean & printed))))
        LEXICON.known(_key_number, as_printed, keys, np.int64)
        LEXICON.known(_printed_key, as_printed, keys, np.int64)
    # a totals label and a town are told by their first word (``is_total_label``, ``_town``)
    first = pc.list_element(pc.split_pattern(texts, " ", max_splits=1), 0)
    words = pc.unique(first).to_pylist()
    for step, may_open in ((_total, _may_open_total), (_town, _may_open_town)):
        could = pc.is_in(first, value_set=pa.array([w for w in words if may_open(w)], first.type))
        LEXICON.known(step, found[~could.to_numpy(zero_copy_only=False)[clean]], False, bool)


def _keys_at_once(texts) -> list[str]:
    """``text.key_of_clean`` of each of an Arrow array of names printed as written (a national
    list: 10,000), found syllable by syllable: each distinct syllable keyed once, in Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    lists = pc.split_pattern(texts, " ")
    flat = pc.list_flatten(lists)
    syllables = pc.dictionary_encode(flat)  # (casefolded one by one: casefold never makes or takes a space)
    keyed = pa.array([_syllable_key(s.casefold()) for s in syllables.dictionary.to_pylist()], flat.type)
    joined = type(lists).from_arrays(lists.offsets, keyed.take(syllables.indices))
    return pc.binary_join(joined, pa.scalar(" ", flat.type)).to_pylist()


# The first words (folded) a totals label opens with (``layout._TOTAL``), and a town's name.
_TOTAL_FIRST = frozenset(("tong", "cong", "total", "sub", "subtotal", "grand", "toan", "ca"))
_TOWN_FIRST = frozenset(("thi", "tt", "tt.", "phuong"))  # (``text._TOWN``: "thi tran", "tt.", "phuong")
_SEPARATOR = re.compile(r"[\s:.,;\-]")  # what ``layout._label_key`` cuts a label at


def _may_open_total(word: str) -> bool:
    """Whether a clean text whose first word (up to its first space) is ``word`` may be a totals
    label (``is_total_label``): its folded first word is one a label opens with, or it holds what
    the label is cut at (then not told here)."""
    folded = fold(word)
    return not folded or bool(_SEPARATOR.search(folded)) or folded in _TOTAL_FIRST


def _may_open_town(word: str) -> bool:
    """Whether a clean text whose first word is ``word`` may name a town (``_town``)."""
    return fold(word) in _TOWN_FIRST


def _legacy_ruled_out(texts, ascii_, clean: np.ndarray) -> np.ndarray:
    """Whether each text (clean as read otherwise: ``clean``) is no legacy text: ASCII or holding
    a character no legacy code page shows, found at once; the rest (names of letters Windows
    code pages show too, "Tân Hưng": a third of a national list) asked of ``_clean`` one by one
    here, so that a name ``legacy.repair`` leaves alone is screened with the others, every step
    known for it at once, not each step called on it later."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ruled_out = pc.or_(ascii_, pc.match_substring_regex(texts, _NOT_LEGACY)).to_numpy(zero_copy_only=False)
    doubt = np.flatnonzero(clean & ~ruled_out)
    if len(doubt):  # ``legacy.repair`` leaves a text of such letters whose every word reads as Vietnamese
        doubtful = texts.take(pa.array(doubt))
        ruled_out[doubt] = ~_some_word_not_vietnamese(doubtful)  # only the others are tried in full
        tried = doubt[~ruled_out[doubt]]
        ruled_out[tried] = [_clean(text) == text for text in texts.take(pa.array(tried)).to_pylist()]
    return ruled_out


# What ``legacy.judge`` cuts words at, for clean texts (their only white space: a single space).
_WORD_BREAK = r"[ 0-9!-/:-@\[-`{-~]+"


def _some_word_not_vietnamese(texts) -> np.ndarray:
    """Whether each clean text holds a word outside ASCII that is no Vietnamese syllable
    (``legacy.judge(text)[1] > 0``), found on the distinct words: each judged once."""
    import pyarrow as pa
    import pyarrow.compute as pc

    words = pc.split_pattern_regex(texts, _WORD_BREAK)
    flat = pc.dictionary_encode(pc.list_flatten(words))  # each distinct word once
    verdict = legacy._word_verdict
    bad = np.array([not w.isascii() and verdict(w) == -1 for w in flat.dictionary.to_pylist()], dtype=bool)
    flat_bad = bad[flat.indices.to_numpy(zero_copy_only=False)]
    offsets = words.offsets.to_numpy()
    return np.add.reduceat(flat_bad.astype(np.int32), offsets[:-1]) > 0 if len(flat_bad) else np.zeros(len(texts), bool)


# White space other than a single inner space, control and invisible characters (what ``nfc``
# changes besides the normal form), and a character outside every legacy code page's view.
_NOT_CLEAN = r"[^ \PZ]|\pC|  |^ | $"
_NOT_LEGACY = "[^\\x00-\\x7f" + "".join(f"\\x{{{ord(c):04x}}}" for c in sorted(legacy._shown_as())) + "]"
_PRINTED_AS_IS = r"^\p{Lu}"  # an upper-case letter is its own upper case
_NOT_PRINTED_AS_IS = r"^[xX]. | [^\x00-\x7f\p{Lu}]|[" + "".join(f"\\x{{{c:04x}}}" for c in sorted(LOOKALIKES)) + "]"


# Per-text steps, each a plain function of the clean text (kept by the lexicon per function).

def _repaired(text: str) -> bool:
    return _clean(text) is None


def _ascii(text: str) -> bool:
    return _clean(text).isascii()


def _blank(text: str) -> bool:
    return _clean(text) == ""


def _same(text: str) -> str:
    return _clean(text)


def _total(text: str) -> bool:
    return is_total_label(_clean(text))


def _bare(text: str) -> bool:
    return has_bare_prefix(_clean(text))


def _unit(text: str) -> str:
    clean = _clean(text)
    return clean_unit(clean) if clean else ""


def _unit_key(text: str) -> str:
    return name_key(_unit(text))


def _key(text: str) -> str:
    return key_of_clean(text) if text in _AS_PRINTED else name_key(_clean(text))


def _key_number(text: str) -> int:  # ``_key`` numbered: names grouped by numbers, not texts
    return KEYS.number_one(_key(text))


def _status(text: str) -> int:
    clean = _clean(text)
    if clean == "":
        return BLANK
    found = parse_status(clean)
    return UNKNOWN if found is None else found


def _period(text: str):
    clean = _clean(text)
    return parse_period(clean) if clean else None


def _criterion(text: str):
    clean = _clean(text)
    number = criterion_number(clean) if clean else None
    return -1 if number is None else number


def _set(text: str):
    clean = _clean(text)
    return find_set(clean) if clean else None


def _clean_id(text: str) -> int:  # the number of a cell's clean text
    return LEXICON.number_one(_clean(text))


def _town(text: str) -> bool:  # texts of names as told apart: clean already
    return fold(text[:1]) in ("t", "p") and is_town(text)  # "thị trấn", "TT.", "phường"


def _printed_key(text: str) -> int:  # the model keys printed names, by number
    return KEYS.number_one(key_of_clean(text) if text in _AS_PRINTED else name_key(clean_name(text)))


def _as_printed(text: str) -> bool:  # a mark only, set by ``_screen`` (never called)
    return text in _AS_PRINTED


def _printed_keys(names: "Names") -> np.ndarray:
    """``_printed_key`` of each name code; a name printed as written (``_screen``) whose key is
    known already (``_key_number``: its clean text is itself) takes that, not keyed again."""
    ids = names.ids
    printed, printed_done = LEXICON._kept(_printed_key, np.int64)
    missing = ids[~printed_done[ids]]  # (once the names are known: none, nothing else looked at)
    if len(missing):
        keyed, keyed_done = LEXICON._kept(_key_number, np.int64)
        take = missing[keyed_done[missing] & LEXICON._kept(_as_printed, bool)[0][missing]]
        if len(take):
            LEXICON.known(_printed_key, take, keyed[take], np.int64)
    return LEXICON.derive(_printed_key, ids, np.int64)


def _heading(text: str) -> bool:
    return unit_heading(_clean(text)) is not None


def _roman(text: str) -> bool:
    return bool(_ROMAN.match(fold(_clean(text))))


_BAD = object()
_PARSERS: dict = {}


def _parser(fld):
    """``fields.parse_value`` of one field on a cell's clean text, a bad cell as ``_BAD``."""
    if fld not in _PARSERS:
        def parse(text, fld=fld):
            try:
                return parse_value(fld, _clean(text))
            except ValueError:
                return _BAD
        _PARSERS[fld] = parse
    return _PARSERS[fld]


# What the long path asks of the texts of a column, by the field it names (``_steps_ahead``).
_STEPS_AHEAD = {
    "commune": ((_blank, bool), (_total, bool), (_key_number, np.int64), (_clean_id, np.int64),
                (_town, bool), (clean_name, object), (_printed_key, np.int64)),
    "district": ((_blank, bool), (_unit, object), (_unit_key, object)),
    "province": ((_blank, bool), (_unit, object), (_unit_key, object)),
    "period": ((_blank, bool), (_period, object)),
}


# ---------------------------------------------------------------------------------------------
# Files to columns
# ---------------------------------------------------------------------------------------------


@dataclass
class Grid:
    """A plain file's table: its labels, its body as columns, each body row's number."""

    source: str
    file_name: str  # searched for a period
    labels: list[str]
    columns: list[Column]
    first_row: int  # the row number of the first body row (body row i: ``first_row + i``)
    ascii_only: bool  # not one letter with a diacritic in the text cells
    n: int
    typed: bool = False  # Parquet: its header known, no heading rows, totals in the name column


def _arrow_column(label, column, matched=None) -> Column:
    """A dictionary column of Arrow (its blocks' dictionaries unified) as codes; a missing cell
    reads as ""."""
    import pyarrow as pa

    dictionary = column.chunks[0].dictionary if column.num_chunks else pa.array([], pa.string())
    ids = LEXICON.number_arrow(label, dictionary, matched)
    distinct = True  # an Arrow dictionary holds each text once
    if column.null_count:
        ids = np.concatenate([ids, LEXICON.number([""])])
        distinct = ids[-1] not in ids[:-1]
    codes, start = np.empty(len(column), dtype=np.int32), 0
    for chunk in column.chunks:
        indices = chunk.indices.fill_null(len(dictionary)) if chunk.null_count else chunk.indices
        codes[start:start + len(chunk)] = indices.to_numpy(zero_copy_only=False)
        start += len(chunk)
    return Column(codes, ids) if distinct else _column(None, codes, ids)


def _int32s(array) -> np.ndarray:
    """An Arrow array of 32-bit integers without a missing value as numpy's, on the same memory
    (``to_numpy(zero_copy_only=True)``, without its checks: a few times faster per column)."""
    if not len(array):
        return np.zeros(0, dtype=np.int32)
    return np.frombuffer(array.buffers()[1], dtype=np.int32, count=len(array), offset=4 * array.offset)


class _Coded:
    """A text column read block by block (each with its own dictionary): every row's code, a
    code per distinct text. Each block's dictionary is translated to the column's codes as it
    comes (a table from the lexicon number to the code), so its rows are written as final codes
    once, not offset and gathered again at the end."""

    def __init__(self, label, rows: int, runs: bool = False):
        # two bytes a row while the column has fewer than 32,768 texts (a long file's names, units,
        # periods and statuses), four beyond; ``runs``: kept as runs of one code (``Column.runs``),
        # never a code per row
        self.label, self.start, self.rows = label, 0, rows
        self.codes = np.empty(0 if runs else rows, dtype=np.int16)
        self._run_starts: list[np.ndarray] | None = [] if runs else None
        self._run_values: list[np.ndarray] = []
        self._last_value = None  # the code of the last run so far
        self.ids: list[np.ndarray] = []  # lexicon numbers of the codes, as they were given
        self.n = 0  # codes so far
        self._code_of = np.zeros(0, dtype=np.int32)  # lexicon number → code + 1 (0: none yet)
        self._last = None  # (the lexicon numbers of the last dictionary, their codes)
        self._whole = False  # the column came in one block, its codes as Arrow gave them
        self._warmed = 0  # entries of ``ids`` whose per-text steps were worked out ahead (``warm``)

    def add(self, column, matched=None, starts=None) -> None:
        """The codes of a block's ``column``; ``starts``: where the block's runs begin (in the
        block, in the file), found in the reading thread for all its run columns (runs mode)."""
        runs = self._run_starts is not None
        if not runs and column.num_chunks == 1 and self.start == 0 and len(column) == len(self.codes) \
                and not column.null_count and column.chunks[0].indices.type == "int32":
            chunk = column.chunks[0]  # the whole column in one block: its codes as they are
            self.ids.append(LEXICON.number_arrow(self.label, chunk.dictionary, matched))
            self.codes = _int32s(chunk.indices)
            self.n, self.start = len(self.ids[0]), len(chunk)
            self._whole = True
            return
        one = column.num_chunks == 1  # (what the reading thread found holds for a single chunk only)
        for chunk in column.chunks:
            ids = LEXICON.number_arrow(self.label, chunk.dictionary, matched if one else None)
            if chunk.null_count:  # a missing cell reads as ""
                ids = np.concatenate([ids, LEXICON.number([""])])
            local = self._local(ids)
            indices = chunk.indices.fill_null(len(chunk.dictionary)) if chunk.null_count else chunk.indices
            indices = indices.to_numpy(zero_copy_only=False)
            if runs:
                self._add_runs(local, indices, starts if one and not chunk.null_count else None)
            else:
                np.take(local, indices, out=self.codes[self.start:self.start + len(chunk)], mode="clip")
            self.start += len(chunk)

    def _add_runs(self, local: np.ndarray, indices: np.ndarray, starts: tuple | None) -> None:
        """A block's runs of one code joined to the last run of the block before when they
        continue it: the runs are those of the codes row by row. ``starts``: the runs of all the
        run columns of the block (in the block, in the file), found in the reading thread:
        taken whole, every run column's the same array (``_runs`` joins them once, all
        columns together)."""
        if starts is not None and len(indices):
            self._run_starts.append(starts[1])
            self._run_values.append(local[indices[starts[0]]])
            self._last_value = self._run_values[-1][-1]
            return
        starts = _run_starts(indices)
        if len(indices):
            values = local[indices[starts]]
            keep = np.empty(len(values), dtype=bool)  # two texts of one code (read twice) make one run
            keep[0] = self._last_value is None or self._last_value != values[0]
            np.not_equal(values[1:], values[:-1], out=keep[1:])
            self._run_starts.append(starts[keep] + self.start)
            self._run_values.append(values[keep])
            self._last_value = values[-1]

    def _local(self, ids: np.ndarray) -> np.ndarray:
        """The code of each of a dictionary's texts (lexicon numbers ``ids``); texts not met
        before in the column get the next codes, in the dictionary's order."""
        if self._last is not None and self._last[0] is ids:  # the same dictionary as the block before
            return self._last[1]
        if len(self._code_of) < len(LEXICON):
            grown = np.zeros(2 * len(LEXICON), dtype=np.int32)
            grown[:len(self._code_of)] = self._code_of
            self._code_of = grown
        local = self._code_of[ids] - 1
        new = np.flatnonzero(local < 0)
        if len(new):
            fresh = pd.unique(ids[new])  # "" may stand twice (its text and a missing cell)
            self._code_of[fresh] = self.n + 1 + np.arange(len(fresh), dtype=np.int32)
            self.ids.append(fresh.astype(np.int64))
            self.n += len(fresh)
            if self.n > np.iinfo(self.codes.dtype).max:  # the rows so far copied (the first block: none)
                wider = np.empty(len(self.codes), dtype=np.int32)  # (runs mode: no rows, codes widened)
                wider[:self.start] = self.codes[:self.start]
                self.codes = wider
            local = self._code_of[ids] - 1
        local = local.astype(self.codes.dtype, copy=False)
        self._last = (ids, local)
        return local

    def warm(self, steps) -> None:
        """Work out the per-text ``steps`` ((function, dtype) as ``Lexicon.derive`` keeps them)
        of the texts met since the last call, while the next block is read in the other thread:
        what the interpretation asks for later is then known (the same values, computed once).
        Texts cleaning would repair are left alone (the file goes to the careful path)."""
        if self._warmed == len(self.ids):
            return
        fresh = np.concatenate(self.ids[self._warmed:])
        self._warmed = len(self.ids)
        fresh = fresh[~LEXICON.derive(_repaired, fresh, bool)]
        for func, dtype in ((_ascii, bool),) + steps:
            LEXICON.derive(func, fresh, dtype)

    def column(self, shared: dict | None = None) -> Column:
        """The column's codes (or runs); ``shared``: the starts of runs joined so far, by the
        arrays they were joined from (the run columns' blocks share theirs: joined once)."""
        if self._run_starts is not None:
            ids = np.concatenate(self.ids) if self.ids else np.zeros(0, dtype=np.int64)
            if not self._run_starts:
                return Column(np.zeros(0, dtype=np.int16), ids)
            values = np.concatenate(self._run_values).astype(self.codes.dtype, copy=False)  # (widened as codes are)
            shared = {} if shared is None else shared
            key = tuple(map(id, self._run_starts))  # (the arrays are alive: their ids are their own)
            if key not in shared:
                shared[key] = np.concatenate(self._run_starts)
            return Column(ids=ids, runs=(shared[key], values, self.rows))
        if not self.ids:
            return Column(self.codes, np.zeros(0, dtype=np.int64))
        if self._whole:
            ids = self.ids[0]
            if not (len(ids) > 1 and ids[-1] in ids[:-1]):
                return Column(self.codes, ids)  # one block: its dictionary holds each text once ("" maybe twice)
            code_of, distinct = pd.factorize(ids)
            return Column(code_of.astype(np.int32)[self.codes], distinct.astype(np.int64))
        return Column(self.codes, np.concatenate(self.ids))  # each text once, by construction


def _csv_parsed(path: Path):
    """(Arrow table, lines) of a UTF-8 CSV file that parses regularly (``sources.regular_bytes``),
    None for any other: a pure function of the file, so parsed ahead (``ahead``)."""
    data = path.read_bytes()
    if not data or _looks_utf16(data):
        return None
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0  # the text after the BOM (not copied)
    end = start - 1
    for _ in range(61):  # the lines the delimiter is told from (``sources._delimiter``: 60)
        end = data.find(b"\n", end + 1)
        if end < 0:
            break
    try:  # the rest is checked to be UTF-8 by Arrow, cell by cell
        head = data[start:].decode("utf-8") if end < 0 else data[start:end + 1].decode("utf-8")
    except UnicodeDecodeError:
        return None
    delimiter = _delimiter(head)
    regular = regular_bytes(data, head, delimiter, start)
    if regular is None or regular[1] < 2:
        return None
    table, lines = regular
    if b'"' in data:
        text = data[start:].decode("utf-8")
        if not _quoted_lines_agree(text, delimiter, table_columns(table)):
            return None
    return table, lines


def _csv_grid(path: Path, source: str) -> Grid | None:
    """A UTF-8 CSV file that parses regularly, every cell clean."""
    parsed, matched = ahead.take(path, _unmatched(_csv_parsed))
    if parsed is None:
        return None
    table, lines = parsed
    columns = [_arrow_column(("csv", j), column, matched.get(("csv", j))) for j, column in enumerate(table.columns)]
    first = [nfc(LEXICON.text(int(c.ids[c.codes[0]]))) for c in columns]
    if records_kind(first) is not None and not any(criterion_number(label) is not None for label in first):
        return None  # a table of records (a register, targets): the careful path, before any cleaning
    every = np.concatenate([c.ids for c in columns])  # every column's texts, checked at once
    if LEXICON.derive(_repaired, every, bool).any():
        return None
    header = LEXICON.derive(_same, np.array([c.ids[c.codes[0]] for c in columns], dtype=np.int64)).tolist()
    body = [Column(c.codes[1:], c.ids) for c in columns]
    ascii_only = bool(LEXICON.derive(_ascii, every, bool).all())
    return Grid(source, path.name, header, body, 2, ascii_only, lines - 1)


def _int_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of whole numbers: by offset when their range is small (a
    criterion column of ten million rows), else by hashing."""
    if len(values) and values.dtype.kind in "iu":
        low, high = int(values.min()), int(values.max())
        if high - low < 1 << 20:
            codes = np.empty(len(values), dtype=np.int32)
            np.subtract(values, low, out=codes, casting="unsafe")
            return codes, np.arange(low, high + 1)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes.astype(np.int32), np.asarray(uniques, dtype=object)


def _arrow_int_codes(column) -> tuple[np.ndarray, np.ndarray] | None:
    """``_int_codes`` of an Arrow column of whole numbers without a missing cell (as pandas would
    hold it), block by block; None for any other column."""
    import pyarrow as pa

    if isinstance(column, _Ints):
        return column.codes()
    if not pa.types.is_integer(column.type) or column.null_count or not len(column):
        return None
    return _Ints([_narrowed(chunk.to_numpy()) for chunk in column.chunks]).codes()


def _narrowed(values: np.ndarray) -> tuple[np.ndarray, int, int]:
    """Whole numbers in the narrowest integers that hold them (a long file's criterion numbers
    of one block: a byte each, not eight), with their least and greatest (None: none)."""
    if not len(values):
        return values, None, None
    low, high = int(values.min()), int(values.max())
    for dtype in (np.int8, np.int16, np.int32):
        if np.iinfo(dtype).min <= low and high <= np.iinfo(dtype).max:
            return values.astype(dtype), low, high
    return np.array(values), low, high


class _Ints:
    """A whole-number column without a missing cell, read block by block in the reading thread
    as the narrowest integers (``_narrowed``): the blocks' own numbers let go of at once, where
    keeping them would hold eight bytes a row (0.8 GB for a national long file's criteria)."""

    def __init__(self, parts: list):
        self.parts = parts  # (values, least, greatest) per block

    def __len__(self) -> int:
        return sum(len(part[0]) for part in self.parts)

    def codes(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Codes from the least number (as ``_int_codes``), or None when the numbers span a
        million or more (then hashed, as pandas' whole numbers)."""
        parts = [part for part in self.parts if len(part[0])]
        if not parts:
            return None
        low, high = min(part[1] for part in parts), max(part[2] for part in parts)
        if high - low >= 1 << 20:
            return None
        # the narrowest codes that hold the range (a criterion column of ten million rows: one byte each)
        small = np.int8 if high - low < 1 << 7 else np.int16 if high - low < 1 << 15 else np.int32
        codes, start = np.empty(len(self), dtype=small), 0
        for values, _, _ in parts:
            np.subtract(values, np.int64(low), out=codes[start:start + len(values)], casting="unsafe")
            start += len(values)
        return codes, np.arange(low, high + 1)

    def to_pandas(self) -> pd.Series:
        return pd.Series(np.concatenate([part[0] for part in self.parts]).astype(np.int64))


def _parquet_parsed(path: Path, whole: bool = False):
    """(schema, its text columns, rows, blocks) of a Parquet file of text, whole-number, decimal
    and yes/no columns without a stored index, its text columns read as dictionaries (codes),
    never as one Python string per cell; None for any other file. The blocks are read as they
    are asked for (the file is never whole in memory), or at once (``whole``: parsed ahead)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        meta = json.loads((schema.metadata or {}).get(b"pandas", b"{}") or b"{}")
    except Exception:  # noqa: BLE001 - not a Parquet file: the careful path says so
        return None
    if any(isinstance(i, str) for i in meta.get("index_columns", [])):
        return None
    text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    if not all(f.name in text or pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
               or pa.types.is_boolean(f.type) for f in schema) or len(set(schema.names)) != len(schema.names):
        return None
    try:
        parquet = pq.ParquetFile(path, read_dictionary=text)
        rows = parquet.metadata.num_rows
    except Exception:  # noqa: BLE001
        return None
    if whole and rows <= WHOLE_ROWS:  # a long file (millions of rows) is read a block at a time still
        try:
            blocks = [parquet.read_row_group(group) for group in range(parquet.num_row_groups)]
        except Exception:  # noqa: BLE001
            return None
    else:
        blocks = ahead.blocks(_block_reader(parquet, text, frozenset(filter(_in_runs, text))), parquet.num_row_groups)
    return schema, text, rows, blocks


def _block_reader(parquet, text: list[str], runs: frozenset = frozenset()):
    """``read(i)``: the file's block ``i`` and, for each of its text columns, where the texts of
    its dictionary stand among the texts of the blocks before (Arrow's ``index_in``), for
    ``number_arrow``, which would otherwise find it in the main thread (a long file's blocks,
    read in order in the other thread, ``ahead.blocks``). Matched against every text met so
    far, not the block before's only: a block of a national file holds half a quarter's
    communes, the next block the other half, whose names the block before did not hold."""
    import pyarrow as pa
    import pyarrow.compute as pc

    seen: dict = {}  # column → its texts so far, in the order first met (Arrow)
    offsets = np.concatenate([[0], np.cumsum([parquet.metadata.row_group(g).num_rows
                                               for g in range(parquet.num_row_groups)])])

    def read(i: int):
        block = parquet.read_row_group(i)
        matched = {}
        together = [column.chunks[0].indices.to_numpy(zero_copy_only=False)
                    for column in (block.column(name) for name in text if name in runs)
                    if column.num_chunks == 1 and not column.null_count]
        if together:  # where a run of every run column begins: one array shared by them all
            starts = _run_starts(*together)
            matched["runs"] = (starts, starts + int(offsets[i]))
        for name, column in zip(block.column_names, block.columns):  # whole numbers, narrowed here
            if name not in text and pa.types.is_signed_integer(column.type) and not column.null_count:
                matched[("ints", name)] = _narrowed(column.to_numpy())
        for name in text:
            column = block.column(name)
            before = seen.pop(name, None)
            if column.num_chunks != 1:  # the chain is broken: the next block starts it again
                continue
            dictionary = column.chunks[0].dictionary
            if before is None or before.type != dictionary.type:
                matched[("parquet", name)] = (None, None, dictionary)
                seen[name] = dictionary
                continue
            at = pc.index_in(dictionary, value_set=before).fill_null(-1).to_numpy(zero_copy_only=False)
            new = at < 0
            after = pa.concat_arrays([before, dictionary.filter(pa.array(new))]) if new.any() else before
            matched[("parquet", name)] = (before, at, after)
            seen[name] = after
        return block, matched

    return read


def _parsed(path: Path):
    """A plain file as Arrow parsed it (read ahead, ``io.ahead``)."""
    return _parquet_parsed(path, whole=True) if path.suffix.lower() == ".parquet" else _csv_parsed(path)


def _unmatched(parse):
    """``parse`` for a file read in place: its texts not matched ahead (see ``parser``)."""
    return lambda path: (parse(path), {})


def parser():
    """The function ``io.ahead`` parses files with, in its thread: the file (``_parsed``), and
    where the texts of each large column stand in the same column of the file parsed before it
    (Arrow's ``index_in``: the next file of a history repeats almost every name), for
    ``number_arrow``, which would otherwise find it in this thread."""
    import pyarrow.compute as pc

    previous: dict = {}

    def parse(path: Path):
        parsed = _parsed(path)
        found = {} if parsed is None else _dictionaries(path, parsed)
        matched = {label: (previous[label], pc.index_in(d, value_set=previous[label]).fill_null(-1)
                           .to_numpy(zero_copy_only=False))
                   for label, d in found.items()
                   if len(d) >= 64 and label in previous and len(previous[label]) >= 64
                   and previous[label].type == d.type and not previous[label].equals(d)}
        previous.clear()
        previous.update(found)
        return parsed, matched

    return parse


def _dictionaries(path: Path, parsed) -> dict:
    """The dictionary of each text column read in one block, by its ``number_arrow`` label."""
    if path.suffix.lower() == ".parquet":
        blocks = parsed[3]
        if not isinstance(blocks, list) or len(blocks) != 1:  # a long file, read block by block
            return {}
        block = blocks[0]
        return {("parquet", name): column.chunks[0].dictionary
                for name, column in zip(block.column_names, block.columns)
                if name in parsed[1] and column.num_chunks == 1}
    return {("csv", j): column.chunks[0].dictionary
            for j, column in enumerate(parsed[0].columns) if column.num_chunks == 1}


def _in_runs(label) -> bool:
    """Whether a long file's column ``label`` names what its runs are made of (``_RUN_ROLES``):
    read as runs (``_Coded``), not a code per row."""
    fld = field_for(nfc(str(label)), ASSESSMENT)
    return fld is not None and fld.name in _RUN_ROLES


def _run_starts(*columns: np.ndarray) -> np.ndarray:
    """Where each run of one code begins (the first row, and each row whose code is not the one
    before's), in every column at once (a row where any of them changes)."""
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int64)
    differs = columns[0][1:] != columns[0][:-1]
    for codes in columns[1:]:
        differs |= codes[1:] != codes[:-1]
    change = np.flatnonzero(differs)
    out = np.empty(len(change) + 1, dtype=np.int64)
    out[0] = 0
    np.add(change, 1, out=out[1:])
    return out


def _steps_ahead(label) -> tuple:
    """The per-text steps the long path takes on the texts of the column ``label`` (by the field
    it names), worked out block by block as the file is read (``_Coded.warm``)."""
    fld = field_for(nfc(str(label)), ASSESSMENT)
    return _STEPS_AHEAD.get(fld.name if fld else None, ())


def _parquet_grid(path: Path, source: str) -> Grid | None:
    """A Parquet file (``_parquet_parsed``) as columns of codes."""
    import pyarrow as pa

    parsed, matched = ahead.take(path, _unmatched(_parquet_parsed))
    if parsed is None:
        return None
    schema, text, rows, blocks = parsed
    del parsed  # the blocks: let go of as they are coded
    streamed = not isinstance(blocks, list)  # a long file, a block at a time (a small one: parsed whole, ahead)
    try:
        coded = {name: _Coded(("parquet", name), rows, runs=streamed and _in_runs(name)) for name in text}
        typed: dict = {name: [] for name in schema.names if name not in text}
        steps = {name: _steps_ahead(name) for name in text} if streamed else {}
        for block in blocks:  # a block at a time
            block, found = block if streamed else (block, matched)  # streamed: each block's own matches
            for name, column in zip(block.column_names, block.columns):
                if name in coded:
                    coded[name].add(column, found.get(("parquet", name)), found.get("runs"))
                elif ("ints", name) in found:
                    typed[name].append(found[("ints", name)])
                else:
                    typed[name].extend(column.chunks)
            del block
            for name, steps_of in steps.items():
                coded[name].warm(steps_of)
    except Exception:  # noqa: BLE001
        return None
    finally:
        del blocks
        if streamed:  # the blocks as read: kept by the pool otherwise (a small file's memory is reused by the next)
            pa.default_memory_pool().release_unused()
    columns, shared = [], {}
    for field in schema:
        if field.name in text:
            found = coded[field.name].column(shared)
        elif typed[field.name] and all(isinstance(part, tuple) for part in typed[field.name]):
            found = Column(typed=_Ints(typed.pop(field.name)))  # every block's numbers narrowed
        else:  # typed cells as the careful path reads them: pandas' values, then their text
            found = pa.chunked_array([pa.array(part[0], type=field.type) if isinstance(part, tuple) else part
                                      for part in typed.pop(field.name)], type=field.type)
            found = Column(typed=found if pa.types.is_integer(field.type) and not found.null_count else found.to_pandas())
        columns.append(found)
    every = np.concatenate([c.ids for name, c in zip(schema.names, columns) if name in text] or [np.zeros(0, np.int64)])
    if LEXICON.derive(_repaired, every, bool).any():  # every text column's texts, checked at once
        return None
    ascii_only = bool(LEXICON.derive(_ascii, every, bool).all())
    labels = [nfc(str(c)) for c in schema.names]
    return Grid(source, path.name, labels, columns, 1, ascii_only, rows, typed=True)


# ---------------------------------------------------------------------------------------------
# Columns to pieces
# ---------------------------------------------------------------------------------------------


def read_plain(path: Path, source: str, options) -> tuple[list[Piece], Problems] | None:
    """The pieces of a plain assessment file and the problems said of it (towns left out), or
    None when the careful path must read it."""
    suffix = path.suffix.lower()
    if not ENABLED or options.encoding is not None or suffix not in (".csv", ".parquet"):
        return None
    if path.stat().st_size == 0:
        return None
    grid = _csv_grid(path, source) if suffix == ".csv" else _parquet_grid(path, source)
    if grid is None or grid.n == 0 or any(not label for label in grid.labels):
        return None  # a column without a header is said (or, empty, passed over) carefully
    if suffix == ".csv" and not _plain_header(grid):
        return None
    return _interpret(grid, options)


def _plain_header(grid: Grid) -> bool:
    """Whether ``layout.locate`` takes the first line as the whole header and the next as data."""
    labels = grid.labels
    if not any(_is_key_header(c) for c in labels):
        return False
    criteria = sum(criterion_number(c) is not None for c in labels)
    fields = {f.name for c in labels if (f := field_for(c, ASSESSMENT)) is not None}
    if criteria < 2 and records_kind(labels) is None and not {"criterion", "status"} <= fields:
        return False  # the careful path looks further down, or turns the form round
    first = LEXICON.derive(_same, np.array([c.ids[c.codes[0]] for c in grid.columns], dtype=np.int64)).tolist()
    if criteria < 2:  # not wide: the careful path reads a second header line unless data begins
        name_cols = [c for c, cell in enumerate(labels) if _is_name_header(cell)]
        if not any(first[c] not in ("", labels[c]) for c in name_cols):
            return False
    return not _is_index_row(first)


def _interpret(grid: Grid, options) -> tuple[list[Piece], Problems] | None:
    labels = grid.labels
    if records_kind(labels) is not None and not any(criterion_number(label) is not None for label in labels):
        return None  # a table of records: the careful path
    roles: dict = {"criteria": {}}
    for i, label in enumerate(labels):
        number = criterion_number(label)
        known = field_for(label, ASSESSMENT)
        if number is not None and not (known and known.name == "row_number"):
            if number in roles["criteria"]:
                return None
            roles["criteria"][number] = i
        elif known is not None:
            if known.name in roles:
                return None
            roles[known.name] = i
        elif field_for(label, COMMUNES) is None:
            return None  # a column ignored, with a warning
    if "commune" not in roles or (not roles["criteria"] and not {"criterion", "status"} <= set(roles)):
        return None
    # a totals row: in the first three columns or the name column of a grid (layout.split_body),
    # in the name column of Parquet (layout._typed_table)
    lead = [roles["commune"]] if grid.typed else sorted(set(range(min(3, len(labels)))) | {roles["commune"]})
    if any(grid.columns[c].any_row(_total) for c in lead):
        return None
    if not grid.typed and not _rows_plain(grid, roles, lead):
        return None
    if not roles["criteria"]:
        return _long(grid, roles, options)
    names = Names.of(grid, roles)
    if names is None:
        return None
    return _wide(grid, roles, names, options)


def _rows_plain(grid: Grid, roles, lead) -> bool:
    """No blank row and no heading row (``layout.split_body``: a unit named in a lead column, or
    a roman number in the running-number column); a wide form's rows all hold marks (checked
    with the statuses), so only a long form could hold either."""
    if all(column.per_code(_blank, bool).any() for column in grid.columns):  # else no row is blank
        blank = np.ones(grid.n, dtype=bool)
        for column in grid.columns:
            blank &= column.per_row(_blank, bool)
        if blank.any():
            return False
    units = {roles.get("district"), roles.get("province")}
    if any(grid.columns[c].any_row(_heading) for c in lead if c not in units):
        return False
    return not ("row_number" in roles and grid.columns[roles["row_number"]].any_row(_roman))


@dataclass
class Names:
    """The commune column as ``tables.qualify`` tells names apart ("Tân Lập (Sơn Dương)" where
    one name stands in two districts): per row a code, per code the lexicon id of its clean text
    (no array of the texts themselves: a hundred thousand objects a file, gathered for nothing)."""

    codes: np.ndarray
    ids: np.ndarray
    district: Column | None
    province: Column | None

    @classmethod
    def of(cls, grid: Grid, roles, lengths: np.ndarray | None = None) -> "Names | None":
        """The names of ``grid``'s rows; ``lengths``: the body rows each of them stands for
        (a long file's runs, ``_runs``), counted where rows are counted."""
        column = grid.columns[roles["commune"]]
        if column.any_row(_blank):
            return None  # a blank name: an error or a warning
        if grid.ascii_only:
            bare = column.per_row(_bare, bool)
            if bare.any() and 2 * int(bare.sum() if lengths is None else lengths[bare].sum()) >= \
                    (len(bare) if lengths is None else int(lengths.sum())):
                return None  # "Xa " read as the prefix, with a warning
        district = grid.columns[roles["district"]] if "district" in roles else None
        province = grid.columns[roles["province"]] if "province" in roles else None
        codes, n_codes, told_ids = column.codes, len(column.ids), None
        if district is not None and (district.per_code(_unit) != "").any():
            key_codes = column.per_code(_key_number, np.int64)
            unit_codes, units = _unit_codes(district.ids)
            unit_text = district.per_code(_unit)
            width = len(district.ids)
            size = len(column.ids) * width
            if size <= min(1 << 26, 8 * len(column.codes)):  # every (name, district) pair as read, through a table of them all (a long file: no larger than its rows)
                return cls._told_apart(column, district, province, unit_text, key_codes, unit_codes)
            # a name key in two districts: each row's district compared with one row's of its key
            row_key, row_unit = key_codes.astype(np.int32)[column.codes], unit_codes.astype(np.int32)[district.codes]
            n_keys = int(key_codes.max(initial=-1)) + 1
            some = np.full(n_keys, -1, dtype=row_unit.dtype)
            some[row_key] = row_unit
            spread = np.zeros(n_keys, dtype=bool)
            spread[row_key[row_unit != some[row_key]]] = True
            repeated = spread[row_key] & (unit_text != "")[district.codes]
            del row_key, row_unit  # a long file: tens of MB each
            if repeated.any():
                at = np.flatnonzero(repeated)
                # (four-byte pairs where they fit: a hash table of half the size, kept in the
                # processor's caches longer; a long file's rows of told-apart names: five million
                # at 100,000 communes)
                pair_type = np.int32 if len(column.ids) * width < 1 << 31 else np.int64
                pair_codes, distinct = pd.factorize(column.codes[at].astype(pair_type) * pair_type(width) +
                                                    district.codes[at].astype(pair_type))
                told_ids = _told(column.ids[distinct // width], district.ids[distinct % width],
                                 unit_text, distinct % width)
                codes = codes.astype(np.int32)  # a copy, wide enough for the told names' codes
                codes[at] = n_codes + pair_codes
        ids = column.per_code(_clean_id, np.int64)
        if told_ids is not None:  # names told apart: numbered after the column's
            ids = np.concatenate([ids, told_ids])
        return cls(codes, ids, district, province)

    @classmethod
    def _told_apart(cls, column: Column, district: Column, province, unit_text, key_codes,
                    unit_codes) -> "Names":
        """``of`` where the pairs of name and district codes fit one table: each row's pair
        numbered through it, the rest on the distinct pairs (a name key in two districts)."""
        width = len(district.ids)
        pair = column.codes.astype(np.int32 if len(column.ids) * width < 1 << 31 else np.int64) * width
        pair += district.codes
        present = np.zeros(len(column.ids) * width, dtype=bool)
        present[pair] = True
        distinct = np.flatnonzero(present)
        del present
        name_of, district_of = distinct // width, distinct % width
        keyed = pd.unique(key_codes[name_of].astype(np.int64) * len(unit_codes) + unit_codes[district_of])
        spread = np.bincount(keyed // len(unit_codes), minlength=len(key_codes) and int(key_codes.max()) + 1)
        repeated = (spread[key_codes[name_of]] > 1) & (unit_text[district_of] != "")
        codes, ids = column.codes, column.per_code(_clean_id, np.int64)
        if repeated.any():  # the told pairs numbered after the names; every other pair: its name
            told_pairs = np.flatnonzero(repeated)
            told_ids = _told(column.ids[name_of[told_pairs]], district.ids[district_of[told_pairs]],
                             unit_text, district_of[told_pairs])
            number = np.zeros(len(column.ids) * width, dtype=np.int32)
            number[distinct] = name_of
            number[distinct[told_pairs]] = len(column.ids) + np.arange(len(told_pairs), dtype=np.int32)
            codes = number[pair]
            ids = np.concatenate([ids, told_ids])
        return cls(codes, ids, district, province)

    def per_code(self, func, dtype=object) -> np.ndarray:
        return LEXICON.derive(func, self.ids, dtype)

    def rows(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
        """The printed names of rows ``at`` (an array of objects), their name keys
        (``_printed_keys``) and their units (``units``). A piece naming the communes and units
        the piece before named, in its order (a long file's next quarter; the next file of a
        history), is given that piece's: the same arrays, not a hundred thousand names gathered
        again each quarter (names and keys are never changed in place; a name told apart later
        is a new list)."""
        codes = self.codes[at]
        texts = [self.ids[codes]] + [None if c is None else c.ids[c.codes[at]] for c in (self.district, self.province)]
        last = _LAST_ROWS.get("texts")
        if last is not None and all((a is None) == (b is None) and (a is None or np.array_equal(a, b))
                                    for a, b in zip(last, texts)):
            return _LAST_ROWS["rows"]
        printed = LEXICON.derive_at(clean_name, self.ids, texts[0])  # (an array: no list made of it)
        if "printed_keys" not in self._once:
            self._once["printed_keys"] = _printed_keys(self)
        found = (printed, self._once["printed_keys"][codes], self.units(at, printed))
        _LAST_ROWS.update(texts=texts, rows=found)
        return found

    @property
    def _once(self) -> dict:
        """What is worked out once per code for these names (a long file asks it each quarter)."""
        return self.__dict__.setdefault("_kept_per_code", {})

    def units(self, at: np.ndarray, printed: np.ndarray) -> pd.DataFrame:
        """District and province of rows ``at`` (``tables._piece_units``), ``printed`` the names."""
        values = np.full((len(at), 2), None, dtype=object)  # one block of objects, as pandas keeps it
        for j, column in enumerate((self.district, self.province)):
            if column is not None:
                if ("units", j) not in self._once:
                    per_code = column.per_code(_unit)
                    self._once["units", j] = np.where(per_code == "", None, per_code)
                values[:, j] = self._once["units", j][column.codes[at]]
        return pd.DataFrame(values, index=pd.Index(printed, name="commune", dtype=object, copy=False),
                            columns=_UNIT_COLUMNS, dtype=object, copy=False)


_UNIT_COLUMNS = pd.Index(["district", "province"])


def _unit_codes(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The district texts numbered ``ids`` numbered by their unit key (``pd.factorize`` of
    ``_unit_key``), kept for the next file: a history's files give their districts in one
    dictionary, its numbers then the same array (``Lexicon.number_arrow``), whose key numbers
    are the same."""
    last = _LAST_UNITS.get("ids")
    if last is None or last is not ids:
        _LAST_UNITS["ids"], _LAST_UNITS["codes"] = ids, pd.factorize(LEXICON.derive(_unit_key, ids))
    return _LAST_UNITS["codes"]


def _told(name_ids: np.ndarray, unit_ids: np.ndarray, unit_text: np.ndarray, unit_at: np.ndarray) -> np.ndarray:
    """The lexicon numbers of names told apart by their district, as ``tables.qualify`` writes
    them ("Tân Lập (Sơn Dương)"), looked up by the pair of texts as read (lexicon numbers), each
    pair written (and numbered in the lexicon) once per process. ``unit_text[unit_at]``: each
    pair's unit as cleaned, gathered only for pairs not met before. The file before's pairs
    (most often the same: a history's next quarter) give back the file before's numbers."""
    pairs = name_ids.astype(np.int64) << 32 | unit_ids.astype(np.int64)
    last = _TOLD.get("last")
    if last is not None and np.array_equal(last[0], pairs):
        return last[1]
    known = _TOLD.get("index")
    at = known.get_indexer(pairs) if known is not None else np.full(len(pairs), -1)
    new = np.flatnonzero(at < 0)
    if len(new):
        pair_codes, fresh = pd.factorize(pairs[new])  # in order of appearance
        first = new[np.unique(pair_codes, return_index=True)[1]]  # each pair's first
        printed = LEXICON.derive(clean_name, name_ids[first]).tolist()  # (of the name as read: the same)
        texts = [f"{name} ({clean_unit(unit)})" for name, unit in zip(printed, unit_text[unit_at[first]].tolist())]
        _TOLD["index"] = pd.Index(np.concatenate([known.to_numpy(), fresh]) if known is not None else fresh)
        before = len(LEXICON)
        numbers = LEXICON.number(texts)
        if len(LEXICON) - before >= 64:  # many new names: screened at once, as a column's are
            import pyarrow as pa

            _screen(pa.array(texts, pa.large_string()), numbers, before)
        _TOLD["ids"] = np.concatenate([_TOLD.get("ids", np.zeros(0, np.int64)), numbers])
        at = _TOLD["index"].get_indexer(pairs)
    found = _TOLD["ids"][at]
    _TOLD["last"] = (pairs, found)
    return found


def _towns(grid: Grid, roles, names: Names, keep: np.ndarray, problems: Problems, rows=None) -> bool:
    """Towns and wards left out, each said once at its first row (``tables._leave_out_towns``);
    False when no commune is left (an error). ``rows``: the body row of each of ``grid``'s
    (a long file's runs: their first rows)."""
    town_codes = names.per_code(_town, bool)
    towns = town_codes[names.codes]
    if town_codes.any():
        at = np.flatnonzero(towns & keep)
        keep[at] = False
        said = set()
        for i in at[np.sort(np.unique(names.codes[at], return_index=True)[1])]:
            text = LEXICON.text(int(names.ids[names.codes[i]]))
            if text not in said:
                said.add(text)
                row = grid.first_row + int(i if rows is None else rows[i])
                problems.warning(grid.source, row, grid.labels[roles["commune"]], "town_ignored", text)
    return bool(keep.any() or towns.any())


def _hint(grid: Grid, options):
    """(True, the period the file names or the option) or (False, None) when two are named."""
    return True, parse_period(grid.file_name) or options.period


def _by_period(grid: Grid, roles, options, keep: np.ndarray):
    """(period, rows, criteria set) per period, in order of appearance; None when a period or
    set is in question (said carefully)."""
    ok, hint = _hint(grid, options)
    if not ok:
        return None
    kept = None if keep.all() else np.flatnonzero(keep)  # None: every row
    if "period" not in roles:
        kept = np.arange(grid.n) if kept is None else kept
        groups = [(hint, kept)] if len(kept) else []
    else:
        column = grid.columns[roles["period"]]
        periods, blank = column.per_code(_period), column.per_code(_blank, bool)
        if any(p is None and not b for p, b, u in zip(periods, blank, column.used) if u):
            return None  # not a period
        periods = np.where(blank, hint, periods)
        code_of, distinct = pd.factorize(periods, use_na_sentinel=False)
        small = np.int16 if len(distinct) < 1 << 15 else np.int64  # sorted by radix
        row_codes = code_of.astype(small)[column.codes if kept is None else column.codes[kept]]
        starts = np.concatenate([[0], np.flatnonzero(row_codes[1:] != row_codes[:-1]) + 1]) if len(row_codes) else []
        if len(starts) == np.count_nonzero(np.bincount(row_codes, minlength=len(distinct))):  # each period's rows together (written a period at a time)
            ends = np.append(starts[1:], len(row_codes))
            groups = [(distinct[row_codes[a]], np.arange(a, b) if kept is None else kept[a:b])
                      for a, b in zip(starts, ends)]
        else:
            order = np.argsort(row_codes, kind="stable")
            counts = np.bincount(row_codes, minlength=len(distinct))
            firsts = np.full(len(distinct), len(row_codes))
            firsts[counts > 0] = order[(np.cumsum(counts) - counts)[counts > 0]]  # stable: each group's first
            parts = np.split(order if kept is None else kept[order], np.cumsum(counts)[:-1])
            groups = [(distinct[c], parts[c]) for c in np.argsort(firsts, kind="stable") if counts[c]]
    out = []
    for period, at in groups:
        period = period if isinstance(period, str) else None
        if period and period_problem(period):
            return None
        criteria_set = _criteria_set(grid, roles, options, at, period)
        if criteria_set is False:
            return None
        out.append((period, at, criteria_set))
    return out


def _criteria_set(grid: Grid, roles, options, at, period):
    """``tables._criteria_set``: the column's set, else the option's, else the period's; False
    when a cell names none or two sets are named."""
    if "criteria_set" in roles:
        column = grid.columns[roles["criteria_set"]]
        used = np.unique(column.codes[at])
        sets, blank = column.per_code(_set)[used], column.per_code(_blank, bool)[used]
        if any(s is None and not b for s, b in zip(sets, blank)):
            return False
        found = {s.name: s for s in sets if s is not None}
        if len(found) > 1:
            return False
        if found:
            return next(iter(found.values()))
    if options.criteria_set is not None:
        return options.criteria_set
    return set_for_period(period) if period else None


def _measures(grid: Grid, roles, at) -> pd.DataFrame | None:
    measures = pd.DataFrame(index=range(len(at)))
    for name in MEASURES:
        if name in roles:
            fld = field_for(grid.labels[roles[name]], ASSESSMENT)
            column = grid.columns[roles[name]]
            per_code = column.per_code(_parser(fld))  # a value per distinct cell, each row's taken from it
            bad = np.fromiter((v is _BAD for v in per_code), dtype=bool, count=len(per_code))
            rows = column.codes[at]
            if bad[rows].any():
                return None
            dtype = {"int": "Int64", "bool": "boolean", "number": "Float64"}.get(fld.kind, object)
            values = pd.Series([None if b else v for v, b in zip(per_code, bad)], dtype=dtype)
            measures[name] = values.take(rows).reset_index(drop=True)
    return measures


def _piece(grid, names: Names, period, criteria_set, numbers, at, matrix, measures, rows=None) -> Piece | None:
    """The piece of rows ``at``; None when a commune is named twice. ``rows``: their body rows,
    where ``at`` are not (a long file's runs)."""
    printed, keys, units = names.rows(at)
    if len(keys) and np.bincount(keys).max() > 1:
        return None
    return Piece(grid.source, period, criteria_set, tuple(numbers), printed,
                 np.asarray(at if rows is None else rows, dtype=np.int64) + grid.first_row,
                 np.asfortranarray(matrix), measures, units, keys)


def _wide(grid: Grid, roles, names: Names, options):
    problems = Problems()
    numbers = sorted(roles["criteria"])
    codes = np.empty((len(numbers), grid.n), dtype=np.int8)  # a criterion per row: written whole
    negative = False  # a blank or unread text among a column's (or its header's)
    for j, n in enumerate(numbers):
        column = grid.columns[roles["criteria"][n]]
        per_code = column.per_code(_status, np.int8)
        np.take(per_code, column.codes, out=codes[j])  # (written in place: no row of codes made first)
        negative = negative or per_code.min(initial=0) < 0
    lowest = int(codes.min(initial=0)) if negative else 0
    if lowest == UNKNOWN:
        return None  # a status it cannot read
    blanks = lowest == BLANK
    codes = codes.T  # communes × criteria
    if blanks and not (codes != BLANK).any(axis=1).all():
        return None  # a row without marks (a heading? a commune?)
    keep = np.ones(grid.n, dtype=bool)
    if not _towns(grid, roles, names, keep, problems):
        return None
    if blanks:
        if (codes == NOT_MET).any() and (codes[keep] == BLANK).any():
            return None  # blank statuses beside written ones
        codes[codes == BLANK] = NOT_MET
    if "criteria_met" in roles and not _counts_agree(grid.columns[roles["criteria_met"]], codes.T, keep):
        return None
    groups = _by_period(grid, roles, options, keep)
    if groups is None:
        return None
    pieces = []
    for period, at, criteria_set in groups:
        set_numbers = tuple(numbers)
        if criteria_set is not None:
            if set(numbers) != set(criteria_set.numbers):
                return None  # columns outside the set, or criteria without a column
            set_numbers = criteria_set.numbers
        order = [numbers.index(n) for n in set_numbers]
        if len(at) == grid.n and order == list(range(len(numbers))):  # every row, the columns in order
            matrix = codes
        else:
            matrix = codes[np.ix_(at, order)]
        measures = _measures(grid, roles, at)
        piece = measures is not None and _piece(grid, names, period, criteria_set, set_numbers, at, matrix, measures)
        if not piece:
            return None
        pieces.append(piece)
    return pieces, problems


def _counts_agree(column: Column, by_criterion: np.ndarray, keep: np.ndarray) -> bool:
    """Whether every stated count of criteria met (not blank, of a row kept) is a whole number
    equal to the criteria marked met (``by_criterion``: the statuses, a row per criterion)."""
    stated = column.per_code(_parser(field_named("criteria_met")))
    checked = keep & ~column.per_row(_blank, bool)
    used = np.flatnonzero(np.bincount(column.codes[checked], minlength=len(stated)))
    values = stated[used]
    if not all(type(v) is int for v in values):  # noqa: E721 - a bad cell, or not a whole number
        return False
    expected = np.full(len(stated), -1, dtype=np.int64)
    expected[used] = np.array(values, dtype=np.int64) if len(values) else 0
    met = np.add.reduce(by_criterion == MET, axis=0, dtype=np.int16)  # row by row, along the rows
    return bool((met[checked] == expected[column.codes[checked]]).all())


# The columns that stay the same over a commune's rows of one period in a long file.
_RUN_ROLES = ("commune", "district", "province", "period", "criteria_set")


def _runs(grid: Grid, roles) -> tuple[np.ndarray, np.ndarray, Grid]:
    """A long file's rows in runs (rows one after the other with the same commune, district,
    province, period and set: a commune's criteria of one period) as (first row of each run,
    its rows, a grid of one row per run holding those columns). Names, towns and periods are
    then found once per run, not once per criterion row (ten million rows: half a million runs).
    Runs need not be the longest: a text coded twice only splits one."""
    n = grid.n
    roled = [roles[role] for role in _RUN_ROLES if role in roles]
    forms = [grid.columns[c].runs for c in roled]
    if n and forms and all(form is not None and form[0] is forms[0][0] for form in forms):
        # read as runs of them all (``_Coded._add_runs``): a run continuing the one before in
        # every column (across two blocks; a text coded twice) joined to it
        starts, values = forms[0][0], [form[1] for form in forms]
        keep = np.zeros(len(starts), dtype=bool)
        keep[:1] = True
        for codes in values:
            keep[1:] |= codes[1:] != codes[:-1]
        if not keep.all():
            starts, values = starts[keep], [codes[keep] for codes in values]
    elif n and all(form is not None for form in forms):  # read as runs, column by column: joined
        starts = max((form[0] for form in forms), key=len)
        for form in forms:
            if form[0] is not starts:
                starts = _joined_starts(starts, form[0])
        values = [form[1] if form[0] is starts else _spread(form, starts) for form in forms]
    else:
        change = np.zeros(n, dtype=bool)
        change[:1] = True
        step = np.empty(max(n - 1, 0), dtype=bool)
        for c in roled:
            codes = grid.columns[c].codes
            np.not_equal(codes[1:], codes[:-1], out=step)
            np.logical_or(change[1:], step, out=change[1:])
        del step
        starts = np.flatnonzero(change)
        del change
        values = [grid.columns[c].codes[starts] for c in roled]
    lengths = np.diff(np.append(starts, n))
    columns = list(grid.columns)
    for c, codes in zip(roled, values):
        columns[c] = Column(codes, columns[c].ids)
    run_grid = Grid(grid.source, grid.file_name, grid.labels, columns, grid.first_row, grid.ascii_only,
                    len(starts), grid.typed)
    return starts, lengths, run_grid


def _spread(form: tuple[np.ndarray, np.ndarray], starts: np.ndarray) -> np.ndarray:
    """The code of a column read as runs (``form``: their starts, their codes) at each of
    ``starts``, which hold the form's starts (runs of all the run columns)."""
    counts = np.diff(np.append(np.searchsorted(starts, form[0]), len(starts)))
    return np.repeat(form[1], counts)


def _joined_starts(starts: np.ndarray, more: np.ndarray) -> np.ndarray:
    """The sorted starts of runs of two columns, each once (``more`` mostly among ``starts``:
    a commune's runs begin wherever its district's or period's do)."""
    at = np.searchsorted(starts, more)
    found = at < len(starts)
    found[found] = starts[at[found]] == more[found]
    if found.all():
        return starts
    joined = np.concatenate([starts, more[~found]])
    joined.sort(kind="stable")
    return joined


def _run_rows(starts: np.ndarray, lengths: np.ndarray, at: np.ndarray):
    """The body rows of runs ``at``: a slice where they are one stretch of rows, else their rows
    in order."""
    if not len(at):
        return np.zeros(0, dtype=np.int64)
    if int(at[-1]) - int(at[0]) + 1 == len(at) and (len(at) < 2 or bool((np.diff(at) == 1).all())):
        return slice(int(starts[at[0]]), int(starts[at[-1]] + lengths[at[-1]]))
    sizes = lengths[at]
    offsets = np.repeat(starts[at] - (np.cumsum(sizes) - sizes), sizes)
    return offsets + np.arange(len(offsets))


def _in_order(codes: np.ndarray, crit_of: np.ndarray, criteria_set, status_of, rows,
              sizes: np.ndarray) -> np.ndarray | None:
    """The communes × criteria statuses of rows ``rows`` when they are as a long file is
    usually written: runs of one commune each (``sizes`` rows), each the set's criteria in the
    set's order (checked on the criterion codes, one comparison a row); else None (the rows are
    then placed one by one). ``status_of(rows)``: the statuses of rows, a new array."""
    if criteria_set is None or not len(sizes):
        return None
    k = len(criteria_set.numbers)
    if not (sizes == k).all():
        return None
    expected = np.full(k, -1, dtype=codes.dtype)  # the one code that reads as each criterion
    for j, number in enumerate(criteria_set.numbers):
        found = np.flatnonzero(crit_of == number)
        if len(found) != 1:
            return None
        expected[j] = found[0]
    if not (codes[rows].reshape(-1, k) == expected).all():
        return None
    return status_of(rows).reshape(-1, k)


def _each_once(numbers: np.ndarray, seen: np.ndarray) -> bool:
    """Whether no number stands twice in ``numbers`` (each below ``len(seen)``), told through
    ``seen`` (all False, and so again when done): a quarter's communes of a long file, each a
    run of its own as a rule, checked without numbering them in a hash table (at 100,000
    communes, a table too large for the processor's caches, built for every quarter)."""
    seen[numbers] = True
    once = int(np.count_nonzero(seen)) == len(numbers)
    seen[numbers] = False
    return once


def _long(grid: Grid, roles, options):
    """A long file's pieces, its names, towns and periods read on runs of rows (``_runs``)."""
    problems = Problems()
    criterion = grid.columns[roles["criterion"]]
    crit_of = criterion.per_code(_criterion, np.int64)
    if (crit_of < 0).any():  # some code is no criterion number: is it a row's?
        used = np.bincount(criterion.codes, minlength=len(criterion.ids)) > 0
        if (crit_of[used] < 0).any():
            return None  # not a criterion number
    status_column = grid.columns[roles["status"]]
    per_code = status_column.per_code(_status, np.int8)
    if per_code.min(initial=0) < 0:  # a blank or unread text among the codes: among the rows?
        status = per_code[status_column.codes]
        if (status == UNKNOWN).any():
            return None
        if (status == BLANK).any():
            if (status == NOT_MET).any():
                return None
            status[status == BLANK] = NOT_MET

        def status_of(rows):
            return status[rows].copy()
    else:  # each period's statuses read from the codes as it is placed (no array of every row's)
        status_codes = status_column.codes

        def status_of(rows):
            return per_code[status_codes[rows]]
    starts, lengths, runs = _runs(grid, roles)
    names = Names.of(runs, roles, lengths)
    if names is None:
        return None
    keep = np.ones(runs.n, dtype=bool)
    if not _towns(runs, roles, names, keep, problems, rows=starts):
        return None
    groups = _by_period(runs, roles, options, keep)
    if groups is None:
        return None
    # one number per commune: its name key's (``_key_number``, known for the names printed as
    # written, told-apart ones too, when they were screened: not keyed again one by one)
    key_codes, key_uniques = pd.factorize(names.per_code(_key_number, np.int64))
    seen = np.zeros(len(key_uniques), dtype=bool)
    pieces = []
    for period, at, criteria_set in groups:  # ``at``: runs
        rows = _run_rows(starts, lengths, at)
        run_keys = key_codes[names.codes[at]]
        matrix = _in_order(criterion.codes, crit_of, criteria_set, status_of, rows, lengths[at]) \
            if _each_once(run_keys, seen) else None
        if matrix is not None:  # a run per commune, its rows the set's criteria in order
            numbers, first = criteria_set.numbers, at
        else:
            # each run's commune numbered in order of appearance (as numbering every row would)
            run_codes, uniques = pd.factorize(run_keys)
            values = crit_of[criterion.codes[rows]]
            numbers = criteria_set.numbers if criteria_set else tuple(int(n) for n in np.unique(values))
            lookup = np.full(max(max(numbers), int(values.max(initial=0))) + 1, -1, dtype=np.int64)
            lookup[list(numbers)] = np.arange(len(numbers))
            crit_codes = lookup[values]
            if (crit_codes < 0).any():
                return None  # a criterion outside the set
            commune_codes = np.repeat(run_codes.astype(np.int64), lengths[at])  # over the runs' rows
            flat = commune_codes * len(numbers) + crit_codes
            if len(flat) != len(uniques) * len(numbers) or (np.bincount(flat, minlength=len(flat)) != 1).any():
                return None  # a cell given twice, or one missing
            matrix = np.empty(len(flat), dtype=np.int8)
            matrix[flat] = status_of(rows)
            matrix = matrix.reshape(len(uniques), len(numbers))
            first = at[np.unique(run_codes, return_index=True)[1]]  # each commune's first run
        piece = _piece(runs, names, period, criteria_set, numbers, first, matrix,
                       pd.DataFrame(index=range(len(first))), rows=starts[first])
        if piece is None:
            return None
        pieces.append(piece)
    return pieces, problems
