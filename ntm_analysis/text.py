"""Vietnamese text as offices write it: normal forms, commune names, status words, numbers.

Everything that reads a cell or prints a number goes through here, so that "Xã Hoà Bình",
"hòa bình" (NFD) and "HÒA BÌNH" are one commune, and 9.842 prints as "9,84" in Vietnamese and
"9.84" in English.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

# The steps below are pure functions of one text, called on every distinct cell of every file:
# each is computed once per text and kept (a national history repeats 10,000 names in 60 files).
_PER_TEXT = []


def _per_text(func):
    cached = lru_cache(maxsize=1 << 18)(func)
    _PER_TEXT.append(cached)
    return cached


def clear_caches() -> None:
    """Forget the texts kept by the per-text steps (the benchmark measures a cold load)."""
    for func in _PER_TEXT:
        func.cache_clear()


# The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below).
TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}

_SPACES = re.compile(r"\s+")
# "Xã " is the prefix to drop; "Xa" and "Xá" begin real names (Xa Dung, Xá Nhè). Only a file
# written entirely without diacritics writes the prefix "Xa " (see ``strip_bare_prefix``).
_PREFIX = re.compile(r"^xã\s+", re.IGNORECASE)
_BARE_PREFIX = re.compile(r"^xa\s+", re.IGNORECASE)


def is_format_char(ch: str) -> bool:
    """Whether ``ch`` is an invisible format character (Unicode category Cf: zero-width space
    and joiners, BOM, soft hyphen, word joiner, direction marks …)."""
    return unicodedata.category(ch) == "Cf"


def format_chars(value: str) -> str:
    """The format characters ``value`` holds, in order ("" for almost every cell: fast path)."""
    if value.isprintable():  # Cf characters are never printable: most cells stop here
        return ""
    return "".join(ch for ch in value if is_format_char(ch))


def strip_format(value: str) -> str:
    """``value`` without its format characters (Cf)."""
    if value.isprintable():
        return value
    return "".join(ch for ch in value if not is_format_char(ch))


def describe_chars(chars: str) -> str:
    """Characters named as a person can look them up: "U+200B ZERO WIDTH SPACE"."""
    seen = dict.fromkeys(chars)
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for ch in seen)


@_per_text
def nfc(value: str) -> str:
    """The NFC form of ``value`` without format characters (Cf), runs of white space folded to one
    space and ends stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", strip_format(value))).strip()


@_per_text
def fold(value: str) -> str:
    """A lower-case, diacritic-free form for matching headers and status words ("Đạt" -> "dat").

    Folding is character by character (each one decomposed, its marks dropped, case folded), so
    it is done by ``str.translate`` through a table that folds each character once."""
    return _repair_lookalikes(nfc(value)).translate(_FOLDED)


def _fold_slow(value: str) -> str:
    """``fold`` of a whole text at once, as the table's characters are folded (and tested)."""
    decomposed = unicodedata.normalize("NFD", _repair_lookalikes(nfc(value)).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


class _FoldTable(dict):
    """Code point → the character folded (decomposed, marks dropped, case folded), each folded
    when first met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))
        folded = self[code] = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
        return folded


_FOLDED = _FoldTable()


# Letters of other scripts typed for Vietnamese ones that look the same (Unicode TR39
# confusables, https://www.unicode.org/Public/security/latest/confusables.txt): Icelandic eth
# Ð/ð and African D Ɖ/ɖ for Đ/đ, and the Cyrillic letters that look like Latin ones. Folded in
# name matching and repaired in printed names: Vietnamese has no use for them.
LOOKALIKES = str.maketrans({
    "\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u0256": "\u0111",
    "\u0410": "A", "\u0430": "a", "\u0412": "B", "\u0415": "E", "\u0435": "e", "\u041a": "K",
    "\u041c": "M", "\u041d": "H", "\u041e": "O", "\u043e": "o", "\u0420": "P", "\u0440": "p",
    "\u0421": "C", "\u0441": "c", "\u0422": "T", "\u0425": "X", "\u0445": "x", "\u0443": "y",
    "\u0406": "I", "\u0456": "i", "\u0408": "J", "\u0458": "j", "\u0405": "S", "\u0455": "s",
})
_LOOKALIKE = re.compile("[" + "".join(re.escape(chr(c)) for c in LOOKALIKES) + "]")


def _repair_lookalikes(value: str) -> str:
    """``value`` with look-alike letters replaced (``str.translate`` looks every character up in
    a dict: only for the rare text that holds one)."""
    return value.translate(LOOKALIKES) if _LOOKALIKE.search(value) else value


@_per_text
def clean_name(value: str) -> str:
    """A commune name for output: NFC, without the "Xã " prefix, look-alike letters repaired.

    Conversions from TCVN3 often lower-case accented capitals ("Xã ái Quốc"): the first letter
    of the name, and of any word starting with a lower-case accented letter, is raised
    ("Thị trấn Lộc Bình" keeps its lower-case "trấn").
    """
    return _raise_capitals(_PREFIX.sub("", _repair_lookalikes(nfc(value))))


_WORD_NOT_ASCII = re.compile(r" [^\x00-\x7f]")  # a word after the first beginning with a letter outside ASCII


def _raise_capitals(name: str) -> str:
    if name[:1].upper() == name[:1] and not _WORD_NOT_ASCII.search(name):
        return name  # nothing to raise: the first letter is a capital, no other word could be
    words = name.split(" ")
    return " ".join(w[:1].upper() + w[1:] if i == 0 or (w[:1].islower() and not w[:1].isascii()) else w
                    for i, w in enumerate(words))


_UNIT_PREFIX = re.compile(r"^(?:huyện|tỉnh|huyen)\s+", re.IGNORECASE)


@_per_text
def clean_unit(value: str) -> str:
    """A district or province name for output: NFC, without "Huyện "/"Tỉnh ", capitals repaired
    as in commune names, a name in capitals title-cased as a heading writes it in a sentence
    ("Huyện Lộc Bình", "HUYỆN LỘC BÌNH" -> "Lộc Bình"), so that one unit has one name."""
    name = _UNIT_PREFIX.sub("", _repair_lookalikes(nfc(value)))
    return _raise_capitals(name.title() if name.isupper() else name)


def strip_bare_prefix(value: str) -> str:
    """``value`` without a leading "Xa " written without diacritics (files typed without them)."""
    return _BARE_PREFIX.sub("", value)


def has_bare_prefix(value: str) -> bool:
    return bool(_BARE_PREFIX.match(value))


_TOWN = re.compile(r"^(?:thi tran|tt\.?|phuong)\s+")


@_per_text
def is_town(value: str) -> bool:
    """Whether a unit is a town (thị trấn, "TT.") or a ward (phường), not a commune."""
    return bool(_TOWN.match(fold(value)))


@_per_text  # names repeat a few thousand syllables
def _syllable_key(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = "".join(TONE_MARKS.get(ch, "") for ch in decomposed)
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base) + tone


@_per_text
def name_key(value: str) -> str:
    """The key two spellings of one commune share.

    Case, the "Xã " prefix, NFC/NFD, the tone's position ("Hòa"/"Hoà", "Thủy"/"Thuỷ"), invisible
    format characters and look-alike letters (Icelandic Ð for Đ) do not change it: each
    syllable's tone mark is taken off and written after the syllable.
    Vowel letters (ă, â, ê, ô, ơ, ư) and đ still count, so "Tân" and "Tấn" stay apart, and "Xa"
    ("Xa Dung") is a name, not the prefix.
    """
    return key_of_clean(_PREFIX.sub("", _repair_lookalikes(nfc(value))))


def key_of_clean(name: str) -> str:
    """``name_key`` of a name already clean: NFC, single spaces, no look-alike letter, no "Xã "
    prefix (a name the readers found printed as written, at once)."""
    return " ".join(map(_syllable_key, name.casefold().split(" ")))


# ---------------------------------------------------------------------------------------------
# Vietnamese alphabetical order (for lists of names shown to a reader)
# ---------------------------------------------------------------------------------------------

# The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f, j, w, z
# from loanwords after their Latin neighbours). Letters with a breve, circumflex or horn are
# letters of their own; tones only order words that are otherwise the same, in the order
# dictionaries use: none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_sort_key(name: str) -> str:
    """The key that sorts names in Vietnamese alphabetical order ("Ái Quốc" < "Bằng Mạc" <
    "Đông Quan" < "Đồng Bục" < "Hữu Khánh"), not in code-point order (which puts every "Đ" after
    "Z"): syllable by syllable, letters first, then the tone; case last. Characters outside the
    alphabet keep their code point, after the letters.

    The key is one string (``_syllable_sort_key`` says how it is written), so that a national
    list of names sorts by comparing plain strings rather than nested tuples."""
    keys = [_syllable_sort_key(word) for word in nfc(name).split(" ")]
    return "".join([k[0] for k in keys] + ["\x00"] + [k[1] for k in keys])


# How a syllable's key is written as text, so that comparing the texts orders as comparing
# (letters, tone) tuples: a letter of the alphabet is one character ranked after the marks
# below; any other character is a marker after the letters and its own code point; the letters
# end with a character before every letter (a syllable that is the start of another sorts
# first), and the tone follows. Each syllable's text ends where it can be told to end, so the
# texts of the syllables of a name, one after the other, order as the tuple of their keys; the
# case of every letter comes after all of them, behind a character before everything else.
_LETTERS_END, _FIRST_LETTER, _OTHER_CHAR, _FIRST_TONE = "\x01", 3, "\x28", 0x30


@lru_cache(maxsize=65536)
def _syllable_sort_key(word: str) -> tuple[str, str]:
    """(letters and tone, case) of one syllable as text (see ``vi_sort_key``): names share a
    few thousand syllables, so a national list of names is sorted with each syllable's key
    computed once."""
    chars, tone = [], 0
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_RANK:
            tone = _TONE_RANK[ch]
        elif unicodedata.combining(ch) and chars:  # breve, circumflex, horn: part of the letter
            chars[-1] = unicodedata.normalize("NFC", chars[-1] + ch)
        else:
            chars.append(ch)
    letters = "".join(chr(_FIRST_LETTER + _LETTER_RANK[c.lower()]) if c.lower() in _LETTER_RANK
                      else _OTHER_CHAR + chr(ord(c.lower())) for c in chars)
    return letters + _LETTERS_END + chr(_FIRST_TONE + tone), "".join("1" if c != c.lower() else "0" for c in chars)


def vi_sorted(names) -> list[str]:
    """Names in Vietnamese alphabetical order (see ``vi_sort_key``)."""
    return sorted(names, key=vi_sort_key)


def vi_order(names) -> "np.ndarray":
    """The positions of ``names`` in Vietnamese alphabetical order (``vi_sorted`` as positions;
    names of one key in the order given): a long list of names keyed once, then ordered in arrays."""
    import numpy as np

    names = names if isinstance(names, list) else list(names)
    if len(names) >= _KEYED_IN_ARROW:
        return _vi_order_arrow(names)
    keys = [vi_sort_key(name) for name in names]
    return np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.int64)


_KEYED_IN_ARROW = 2048  # names from which ``vi_order`` keys them as columns (below: one by one)

# What ``nfc`` changes besides the normal form: white space other than one space between
# words (Python's ``\s``, which RE2's is not), and format characters (Cf)
_NOT_PLAIN = (r"[\t\n\x0b\f\r\x1c-\x1f\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
              r"\x{202f}\x{205f}\x{3000}\p{Cf}]|  |^ | $")


def _vi_order_arrow(names: list[str]) -> "np.ndarray":
    """``vi_order`` of a long list, the keys built as Arrow columns: each distinct syllable keyed
    once (``_syllable_sort_key``), the names' keys joined from them and sorted by Arrow (a
    stable sort, comparing UTF-8 bytes, which is comparing code points as Python does). The same
    order as keying each name (``vi_sort_key``, tested), at a third of the time for a national
    list (138,000 names: 0.12 s, not 0.32 s)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pa.array(names, pa.string())
    odd = pc.match_substring_regex(texts, _NOT_PLAIN).to_numpy(zero_copy_only=False)
    odd |= [not unicodedata.is_normalized("NFC", name) for name in names]
    if odd.any():  # as ``vi_sort_key`` reads them (``nfc``): a few names, one by one
        plain = list(names)
        for i in odd.nonzero()[0]:
            plain[i] = nfc(names[i])
        texts = pa.array(plain, pa.string())
    syllables = pc.split_pattern(texts, " ")
    coded = pc.dictionary_encode(syllables.flatten())
    keys = [_syllable_sort_key(word) for word in coded.dictionary.to_pylist()]
    joined = [pc.binary_join(type(syllables).from_arrays(syllables.offsets,
                                                         pa.array(part, pa.string()).take(coded.indices)), "")
              for part in zip(*keys)]  # (letters and tones, case), each name's syllables joined
    return pc.sort_indices(pc.binary_join_element_wise(*joined, "\x00")).to_numpy().astype("int64", copy=False)


# ---------------------------------------------------------------------------------------------
# Statuses
# ---------------------------------------------------------------------------------------------

NOT_MET, BASICALLY_MET, MET = 0, 1, 2
STATUS_NAMES = {NOT_MET: "not_met", BASICALLY_MET: "basically_met", MET: "met"}
STATUS_LABELS_VI = {NOT_MET: "Chưa đạt", BASICALLY_MET: "Cơ bản đạt", MET: "Đạt"}

# Folded spellings (see ``fold``) of each status. Blank cells are handled by the reader: they
# mean "not met" only in files that mark met criteria with x / 1 and leave the rest empty.
_STATUS_WORDS = {
    MET: {"dat", "d", "x", "1", "true", "co", "yes", "y", "met", "v", "\u2713", "\u2714"},
    NOT_MET: {"chua dat", "cd", "khong dat", "0", "false", "khong", "no", "n", "not met", "-"},
    BASICALLY_MET: {"co ban dat", "cbd", "basically met", "partly met"},
}
_STATUS_LOOKUP = {word: code for code, words in _STATUS_WORDS.items() for word in words}
STATUS_VOCABULARY = "Đạt / Chưa đạt / Cơ bản đạt, Đ / CĐ / CBĐ, x or blank, 1 / 0, True / False"
_NUMERIC_01 = re.compile(r"^([01])(?:\.0+)?$")


@_per_text
def parse_status(value: str) -> int | None:
    """The status code of one cell's text, or None when the word is not a status."""
    key = fold(value).rstrip(".")
    key = _NUMERIC_01.sub(r"\1", key)
    return _STATUS_LOOKUP.get(key)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


_EXACT_LIMIT = 10 ** 9


def format_decimal(value: Fraction | int | float, decimals: int, lang: str = "vi",
                   truncate: bool = False) -> str:
    """``value`` with ``decimals`` places, rounded half up (or truncated), in ``lang``'s style.

    Vietnamese: thousands dot, decimal comma ("1.922", "9,84"); English: "1,922", "9.84".
    Exact fractions are used so that 187/19 rounds as a person would, not as a float does.
    """
    exact = value if type(value) is Fraction else Fraction(value) if not isinstance(value, float) else Fraction(str(value))
    p, q = exact.numerator, exact.denominator
    if q <= _EXACT_LIMIT and abs(p) < q * _EXACT_LIMIT and 0 <= decimals <= 6:
        # In whole numbers: what the decimal division below gives for the figures of a report
        # (at most 10⁹, over at most 10⁹ communes: 28 digits hold the quotient far past the
        # rounding place), without the Decimal machinery (a summary writes a dozen numbers).
        scaled, rest = divmod(abs(p) * 10 ** decimals, q)
        if not truncate and 2 * rest >= q:
            scaled += 1
        digits = str(scaled).rjust(decimals + 1, "0")
        whole, frac = (digits[:-decimals], digits[-decimals:]) if decimals else (digits, "")
        thousands, point = (".", ",") if lang == "vi" else (",", ".")
        text = _group(whole, thousands)
        return ("-" if p < 0 and scaled else "") + (text + point + frac if frac else text)
    quantum = Decimal(1).scaleb(-decimals)
    number = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        quantum, rounding=ROUND_DOWN if truncate else ROUND_HALF_UP
    )
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    thousands, point = (".", ",") if lang == "vi" else (",", ".")
    text = _group(whole, thousands)
    return sign + (text + point + frac if frac else text)


def format_count(n: int, lang: str = "vi", pad: bool = False) -> str:
    """A whole number; ``pad`` writes small counts as two digits, as district reports do ("04")."""
    text = format_decimal(n, 0, lang)
    return f"{n:02d}" if pad and 0 <= n < 10 else text
