"""Vietnamese text in the legacy 8-bit encodings offices still meet: TCVN3 (ABC) and VNI.

Sources of the tables (facts of two published standards, written out here in our own form):

- TCVN3 is VSCII-3 of TCVN 5712:1993 ("ABC", the .VnTime fonts). Byte values as given in the
  comparison table "Bảng đối chiếu encoding các bộ chữ hiện hành với Unicode" (Vietnamese
  Unicode project, https://vietunicode.sourceforge.net/charset/) and the VSCII article
  (https://en.wikipedia.org/wiki/VSCII); checked against the VnConv tables of the UniKey
  project (https://github.com/vn-input/ibus-unikey, ukengine/data.cpp).
- VNI is the VNI-Windows encoding (VNI Software, the VNI-Times fonts): a base letter followed
  by a byte that adds the tone and the circumflex or breve. Same sources (the VNI column of the
  comparison table; ukengine/data.cpp, table VNI-WIN).

Capitals. TCVN3 has only seven capitals of its own (Ă Â Ê Ô Ơ Ư Đ, bytes A1-A7); the other
accented capitals are written with the lower-case bytes in an all-capital font (.VnTimeH), so
the bytes cannot tell "á" from "Á". We convert them as lower case, then raise them where the
text shows they were capitals: in a word whose other letters are all ASCII capitals ("BIÓU"
-> "BIỂU"), and, for names, the first letter of each word (``text.clean_name``: "ái Quốc" ->
"Ái Quốc"). VNI writes every capital explicitly (capital base letters and capital mark bytes).

Text in these encodings reaches us two ways: as the bytes of a CSV file, or as the characters a
Windows code page shows for those bytes (a cell of a workbook typed in a .VnTime font, stored
as "B¶o Th¾ng"). ``legacy_bytes`` turns the second back into the first, through Windows-1252
or Windows-1258, whichever code page the office's Windows used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text import _per_text

# The five tones in the order the tables below list them, as combining marks.
GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)

# TCVN3: for each lower-case vowel letter, the byte of the letter without tone (None: it is the
# ASCII letter itself) and with each tone in the order of TONES (huyền, hỏi, ngã, sắc, nặng).
_TCVN3_VOWELS = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_OTHERS = {0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư",
                 0xA7: "Đ", 0xA0: "\u00a0"}

# VNI-Windows: letters of one byte (lower-case byte, capital byte) …
_VNI_SINGLE = {"đ": (0xF1, 0xD1), "ơ": (0xF4, 0xD4), "ư": (0xF6, 0xD6),
               "í": (0xED, 0xCD), "ì": (0xEC, 0xCC), "ỉ": (0xE6, 0xC6), "ĩ": (0xF3, 0xD3),
               "ị": (0xF2, 0xD2), "ỵ": (0xEE, 0xCE)}
# … and the mark bytes written after a base letter (lower-case byte, capital byte): the tone
# alone, the circumflex with each tone (â ê ô), the breve with each tone (ă).
_VNI_MARKS = {
    ("", GRAVE): (0xF8, 0xD8), ("", HOOK): (0xFB, 0xDB), ("", TILDE): (0xF5, 0xD5),
    ("", ACUTE): (0xF9, 0xD9), ("", DOT): (0xEF, 0xCF),
    ("\u0302", ""): (0xE2, 0xC2), ("\u0302", GRAVE): (0xE0, 0xC0), ("\u0302", HOOK): (0xE5, 0xC5),
    ("\u0302", TILDE): (0xE3, 0xC3), ("\u0302", ACUTE): (0xE1, 0xC1), ("\u0302", DOT): (0xE4, 0xC4),
    ("\u0306", ""): (0xEA, 0xCA), ("\u0306", GRAVE): (0xE8, 0xC8), ("\u0306", HOOK): (0xFA, 0xDA),
    ("\u0306", TILDE): (0xFC, 0xDC), ("\u0306", ACUTE): (0xE9, 0xC9), ("\u0306", DOT): (0xEB, 0xCB),
}
_VNI_BASES = "aeouyAEOUY"  # letters a mark byte may follow (ơ and ư take tone marks too)

ENCODINGS = {"tcvn3": "TCVN3 (ABC, .VnTime fonts)", "vni": "VNI (VNI-Windows, VNI-Times fonts)"}


def _compose(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


@lru_cache(maxsize=1)
def tcvn3_table() -> dict[int, str]:
    """Byte -> letter for every byte TCVN3 gives a Vietnamese letter."""
    table = dict(_TCVN3_OTHERS)
    for vowel, codes in _TCVN3_VOWELS.items():
        for tone, code in zip(("",) + TONES, codes):
            if code is not None:
                table[code] = _compose(vowel, tone)
    return table


@lru_cache(maxsize=1)
def vni_tables() -> tuple[dict[int, str], dict[int, tuple[str, str, bool]]]:
    """(byte -> letter for one-byte letters, mark byte -> (vowel mark, tone, is capital byte))."""
    single = {}
    for letter, (low, high) in _VNI_SINGLE.items():
        single[low], single[high] = letter, letter.upper()
    marks = {}
    for (vowel_mark, tone), (low, high) in _VNI_MARKS.items():
        marks[low], marks[high] = (vowel_mark, tone, False), (vowel_mark, tone, True)
    return single, marks


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes as Unicode (NFC); capitals of the .VnTimeH font raised where a word shows them."""
    table = tcvn3_table()
    text = "".join(table.get(b) or _byte_char(b) for b in data)
    return _raise_capital_words(text)


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes as Unicode (NFC)."""
    single, marks = vni_tables()
    out, i = [], 0
    while i < len(data):
        b = data[i]
        base = single.get(b) or _byte_char(b)
        nxt = data[i + 1] if i + 1 < len(data) else None
        if nxt in marks and (base in _VNI_BASES or base in "ơưƠƯ"):
            vowel_mark, tone, _ = marks[nxt]
            if vowel_mark and (base.lower() not in "aeo" or (vowel_mark == "\u0306" and base.lower() != "a")):
                out.append(base)  # a circumflex on u/y or a breve off a: not a letter; leave as is
                i += 1
                continue
            out.append(_compose(base, vowel_mark, tone))
            i += 2
            continue
        out.append(base)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _byte_char(b: int) -> str:
    return chr(b) if b < 0x80 else bytes([b]).decode("cp1252", errors="ignore") or chr(b)


DECODERS = {"tcvn3": decode_tcvn3, "vni": decode_vni}

_WORD = re.compile(r"[^\W\d_]+")


def _raise_capital_words(text: str) -> str:
    """Words typed in an all-capital font: "BIểU" -> "BIỂU" (ASCII capitals around lower-case
    converted letters)."""
    def raise_word(match):
        word = match[0]
        ascii_letters = [c for c in word if c.isascii()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and not word.isascii():
            return word.upper()
        return word

    return _WORD.sub(raise_word, text)


# ---------------------------------------------------------------------------------------------
# Characters shown for legacy bytes, back to the bytes
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shown_as() -> dict[str, int]:
    """Character -> byte, for the characters Windows-1252 and Windows-1258 show for bytes 80-FF."""
    table = {}
    for codepage in ("cp1258", "cp1252"):
        for b in range(0x80, 0x100):
            try:
                table.setdefault(bytes([b]).decode(codepage), b)
            except UnicodeDecodeError:
                continue
    return table


def legacy_bytes(text: str) -> bytes | None:
    """The bytes a code page would have shown as ``text``, or None if some character is not one
    of them (text that is Unicode Vietnamese: "ạ", "ấ", "ộ" are in no 8-bit code page)."""
    shown = _shown_as()
    out = bytearray()
    for ch in text:
        if ch < "\x80":
            out.append(ord(ch))
        elif ch in shown:
            out.append(shown[ch])
        else:
            return None
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Which reading is Vietnamese
# ---------------------------------------------------------------------------------------------

# Vietnamese syllables: an initial consonant, a vowel group and a final consonant, with at most
# one tone. Written for telling readings apart, not for spelling: loan words may fail it.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x)?"
_NUCLEI = sorted("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo
    ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu""".split(),
                 key=len, reverse=True)
_SYLLABLE = re.compile(rf"^{_ONSET}(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|c|m|n|p|t)?$")


@_per_text
def is_syllable(word: str) -> bool:
    """Whether ``word`` (letters only) is spelt like a Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in TONES for ch in decomposed)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    return bool(_SYLLABLE.match(bare))


# Words are cut at white space, ASCII digits and ASCII punctuation only: the symbols legacy
# bytes show as ("¶", "¾", "¬", the soft hyphen) stay inside the word and make it no syllable.
_TOKEN_BREAK = re.compile(r"[\s0-9!-/:-@\[-`{-~]+")


_VOWEL = re.compile(r"[aeiouyăâêôơư]")


def judge(text: str) -> tuple[int, int]:
    """(valid, invalid): words with a character outside ASCII that are and are not Vietnamese
    syllables. ASCII words read the same in every encoding, and words without a vowel are
    abbreviations ("CĐ", "Đ"): neither is counted."""
    valid = invalid = 0
    for word in _TOKEN_BREAK.split(unicodedata.normalize("NFC", text)):
        if word.isascii():
            continue
        verdict = _word_verdict(word)
        valid += verdict == 1
        invalid += verdict == -1
    return valid, invalid


@_per_text  # names repeat a few thousand words
def _word_verdict(word: str) -> int:
    """1 for a Vietnamese syllable, -1 for a word that is none, 0 for an abbreviation (letters
    without a vowel: "CĐ", "Đ"), not counted."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", word.lower()) if ch not in TONES)
    if not _VOWEL.search(unicodedata.normalize("NFC", bare)) and word.isalpha():
        return 0
    return 1 if word.isalpha() and is_syllable(word) else -1


@lru_cache(maxsize=1)
def vietnamese_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet, lower and upper case, with every tone (NFC)."""
    letters = {"đ", "Đ"}
    for vowel in _TCVN3_VOWELS:
        for tone in ("",) + TONES:
            letter = _compose(vowel, tone)
            letters |= {letter, letter.upper()}
    return frozenset(letters)


def has_signs(text: str) -> bool:
    """Whether ``text`` holds a character outside ASCII that is no Vietnamese letter ("¶", "¾",
    "ø", "Ñ", a soft hyphen): the mark of legacy bytes shown by a Windows code page."""
    letters = vietnamese_letters()
    return any(ch not in letters for ch in unicodedata.normalize("NFC", text) if ch >= "\x80")


@_per_text  # a pure function of the text: every file of a history repeats the same names
def repair(text: str, encoding: str | None = None) -> tuple[str, str | None]:
    """``text`` converted from the legacy encoding it is shown in, and that encoding's name
    ("tcvn3" or "vni"); ``text`` and None when it is Unicode Vietnamese already.

    With ``encoding`` given, that reading is used for every cell it can be; without, a cell is
    converted only when it does not read as Vietnamese and exactly one legacy reading does (a
    cell that reads as Vietnamese both ways, like "Tó", is left as written).
    """
    if text.isascii():
        return text, None
    data = legacy_bytes(text)
    if data is None:
        return text, None
    if encoding is not None:
        converted = DECODERS[encoding](data)
        return (converted, encoding) if converted != text else (text, None)
    if not judge(text)[1]:
        return text, None
    best = None
    for name, decoder in DECODERS.items():
        converted = decoder(data)
        valid, invalid = judge(converted)
        if valid and not invalid and best is None:
            best = (converted, name)
        elif valid and not invalid:
            return text, None  # both readings are Vietnamese: cannot tell, leave it
    return best or (text, None)


def score(text: str) -> tuple[int, int]:
    """How Vietnamese a reading of a whole file looks, best highest: fewest words that are no
    syllable, then most that are (a wrong reading turns "CĐ" into "Cé", but also "Quốc" into
    "Quụỡc")."""
    valid, invalid = judge(text)
    return -invalid, valid


# ---------------------------------------------------------------------------------------------
# Unicode to legacy bytes: what an office's old software wrote (used to test the readers)
# ---------------------------------------------------------------------------------------------


def encode_tcvn3(text: str) -> bytes:
    """``text`` as TCVN3 bytes; accented capitals without a byte of their own are written with
    the lower-case byte, as in the all-capital .VnTimeH font."""
    reverse = {letter: code for code, letter in tcvn3_table().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch < "\x80":
            out.append(ord(ch))
        elif ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse:
            out.append(reverse[ch.lower()])
        else:
            raise ValueError(f"{ch!r} has no TCVN3 byte")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """``text`` as VNI-Windows bytes."""
    single, marks = vni_tables()
    reverse_single = {letter: code for code, letter in single.items()}
    reverse_marks = {(vowel_mark, tone, capital): code for code, (vowel_mark, tone, capital) in marks.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch < "\x80":
            out.append(ord(ch))
            continue
        if ch in reverse_single:
            out.append(reverse_single[ch])
            continue
        parts = unicodedata.normalize("NFD", ch)
        tone = next((m for m in parts if m in TONES), "")
        vowel_mark = next((m for m in parts if m in "\u0302\u0306"), "")
        horn = "\u031b" in parts
        base = parts[0]
        if horn:  # ơ ư carry the tone on their own byte
            base_code = reverse_single[_compose(base, "\u031b")]
            out.append(base_code)
        elif base.isascii():
            out.append(ord(base))
        else:
            raise ValueError(f"{ch!r} has no VNI bytes")
        if tone or vowel_mark:
            out.append(reverse_marks[(vowel_mark, tone, base.isupper())])
    return bytes(out)


ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni}
