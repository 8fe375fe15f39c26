"""The per-text steps of the plain path done at once (io/plain.py ``_screen``, ``text.fold``)
give exactly what the step done one text at a time gives."""

from __future__ import annotations

import unicodedata

import pyarrow as pa
import pytest

from ntm_analysis import synth
from ntm_analysis.io import legacy, plain

# Texts each step must tell apart: white space of every kind, invisible and control characters,
# NFD, legacy bytes shown by a code page (TCVN3 and VNI), look-alike letters, empty.
TRICKY = [
    "", " ", "Tân Lập", "Tân  Lập", " Tân Lập", "Tân Lập ", "Tân\tLập", "Tân\u00a0Lập", "Tân\u2003Lập",
    "Tân\u200bLập", "\ufeffTân Lập", "Tân\u00adLập", "Tân\u2028Lập", "Tân\x1cLập", "Tân\x85Lập",
    unicodedata.normalize("NFD", "Hòa Bình"), "Hoà Bình", "HÒA BÌNH", "Xã Hòa Bình", "Ðông Sơn",
    "Tó", "Bình", "Tân An", "Cé", "Quý Pa", "ﬁ", "Ａ", "Tân\u202fLập", "\u3000Tân", "Tân\u205fLập",
    "Xa Dung", "x", "Đạt", "Chưa đạt", "Cơ bản đạt", "\u2713",
]


def _legacy_forms(names):
    out = []
    for name in names:
        for encode, codepage in ((legacy.encode_tcvn3, "cp1252"), (legacy.encode_tcvn3, "cp1258"),
                                 (legacy.encode_vni, "cp1252")):
            try:
                out.append(encode(name).decode(codepage))
            except (UnicodeDecodeError, UnicodeEncodeError, ValueError):
                continue
    return out


@pytest.fixture(scope="module")
def corpus():
    data = synth.generate(400, 2, seed=9, end="2024Q2", keep_names=0.3)
    names = sorted(set(data.units["name"]) | set(data.units["district"].dropna()) | set(data.units["province"]))
    return names, list(dict.fromkeys(TRICKY + names + _legacy_forms(names[:80] + TRICKY)))


def test_texts_screened_at_once_are_cleaned_as_one_at_a_time(corpus):
    names, corpus = corpus
    plain.forget()
    numbers = plain.LEXICON.number_arrow(("test", "screen"), pa.array(corpus, pa.large_string()))
    assert [plain.LEXICON.text(int(n)) for n in numbers] == corpus
    screened = {t: plain._CLEAN[t] for t in corpus if t in plain._CLEAN}
    assert sum(n in screened for n in names) > len(names) // 2  # most names known at once
    assert len(screened) < len(corpus)  # and the others were left to be cleaned one by one
    plain.forget()
    assert {t: plain._clean(t) for t in screened} == screened


def test_fold_by_table_is_fold_of_the_whole_text(corpus):
    """``fold`` folds character by character through a table: the same as decomposing the whole
    text, on names, tricky texts and random text of every plane's letters and marks."""
    import numpy as np

    from ntm_analysis.text import _fold_slow, clear_caches, fold

    rng = np.random.default_rng(1)
    points = np.concatenate([rng.integers(0x20, 0x2FFF, 20000), rng.integers(0x300, 0x370, 4000),
                             rng.integers(0x1E00, 0x1F00, 4000), rng.integers(0xFB00, 0xFFFF, 2000)])
    points = points[(points < 0xD800) | (points > 0xDFFF)]
    random_texts = ["".join(map(chr, chunk)) for chunk in np.array_split(rng.permutation(points), 3000)]
    clear_caches()
    texts = corpus[1] + random_texts
    assert [fold(t) for t in texts] == [_fold_slow(t) for t in texts]


# Names whose printed form (``text.clean_name``) differs from the text as read, or nearly does:
# the prefix in every case, lower-case first letters and words, look-alike letters, a title.
PRINTED = [
    "Xã Tân Lập", "xã Tân Lập", "XÃ TÂN LẬP", "Xã  Tân", "Xa Dung", "Xá Nhè", "Xuân Long", "X Tân",
    "ái Quốc", "Ái Quốc", "Lộc ái", "Lộc Ái", "Thị trấn Lộc Bình", "Thị trấn ấp Mới", "tân Lập", "Tân lập",
    "Ðông Sơn", "Đông Sơn", "Tân Lập (Sơn Dương)", "Tân Lập (sơn Dương)", "Ꭰ Tân", "Ǆ Tân", "ǅ Tân",
    "Tân ǆ", "Tân ǅ", "ß Tân", "Tân ß", "1 Tân", "Tân 1", "Tân ₫", "Tân ǂ", "Tân ǀ", "Tân ªb",
    "Tân ᵃb", "Tân ⅰ", "Tân Ⅰ", "Tân ⓐ", "Tân Ⓐ", "İ Tân", "Tân ı", "Tổng cộng", "Cộng Hòa", "Total",
    "Thị trấn Bắc Sơn", "TT. Bắc Sơn", "Phường Hòa Bình", "Ṫhị trấn Bắc Sơn", "Ţhị trấn", "Ƥhường An",
]


def test_what_the_screen_says_at_once_is_what_each_step_gives(corpus):
    """The steps ``_screen`` fills in for the texts it finds clean (``Lexicon.known``: clean
    text, repaired or not, blank, ASCII, lexicon number, printed name, not a totals label, not a
    town) are what calling each step gives, text by text, on names, tricky texts, legacy forms
    and printed-name cases."""
    import numpy as np

    from ntm_analysis.text import clean_name

    names, texts = corpus
    texts = list(dict.fromkeys(texts + PRINTED + [t.upper() for t in PRINTED] + [t.lower() for t in PRINTED]))
    steps = [(plain._repaired, bool), (plain._same, object), (plain._clean_id, np.int64), (plain._blank, bool),
             (plain._ascii, bool), (clean_name, object), (plain._total, bool), (plain._town, bool)]
    plain.forget()
    numbers = plain.LEXICON.number_arrow(("test", "screen"), pa.array(texts, pa.large_string()))
    said = {}
    for step, dtype in steps:
        values, done = plain.LEXICON._kept(step, dtype)
        said[step] = {int(n): values[n] for n in numbers if done[n]}
    assert all(said[step] for step, _ in steps)  # each step said for some texts at once
    assert len(said[clean_name]) < len(said[plain._same])  # not every clean text is printed as it is
    assert any(clean_name(t) != t for t in PRINTED if plain._clean(t) is not None)
    clean = [t for t in texts if plain._clean(t) is not None]
    assert plain._AS_PRINTED and plain._AS_PRINTED <= set(clean)
    printed_keys = [plain.KEYS.text(plain._printed_key(t)) for t in clean]  # names taken as printed
    keys = [plain._key(t) for t in clean]
    plain.forget()
    assert [plain.KEYS.text(plain._printed_key(t)) for t in clean] == printed_keys
    assert [plain._key(t) for t in clean] == keys
    for step, _ in steps:
        plain.LEXICON.number(texts)
        for n, value in said[step].items():
            text = plain.LEXICON.text(n)
            assert step(text) == value, (step.__name__, text)
    assert said[clean_name].keys() <= {plain.LEXICON.number_one(t) for t in clean}


def test_names_of_letters_code_pages_show_are_screened_when_repair_leaves_them():
    """A name whose every letter a Windows code page also shows ("Tân Hưng": â, ư) is screened
    at once when ``legacy.repair`` leaves it as it is (every step known for it), and a legacy
    form of a name is not: it is repaired, so the careful path reads its file."""
    names = ["Tân Hưng", "Hòa Lâm", "Chánh Sơn", "Xuân Long"] + [f"Tân Hưng {i}" for i in range(70)]
    forms = _legacy_forms(["Tân Hưng", "Quốc Tuấn"])
    repaired = [t for t in forms if legacy.repair(t, None)[1]]
    assert repaired  # the legacy forms are ones ``_clean`` repairs
    plain.forget()
    numbers = plain.LEXICON.number_arrow(("test", "legacy"), pa.array(names + repaired, pa.large_string()))
    _, same_done = plain.LEXICON._kept(plain._same, object)
    screened = same_done[numbers]
    assert screened[:len(names)].all()
    assert not screened[len(names):].any()
    assert all(plain._clean(t) is None for t in repaired)
    assert [plain._same(t) for t in names] == names


# First words that open, or nearly open, a totals label or a town's name (``_screen`` tells
# both by the folded first word): separators inside it, other cases, look-alikes, bare words.
OPENINGS = [
    "Tổng", "Tổng cộng", "Tổng số xã", "TỔNG CỘNG", "Tổng:", "Tổng: toàn huyện", "Tổng-cộng", "Cộng",
    "Cộng I", "Cộng (II)", "Cộng Hòa", "Cả huyện", "Cả Lâm", "Toàn huyện", "Toàn Thắng", "Total",
    "Sub total", "Subtotal", "Grand total", "Tổng.", "Tổng,xã", "Tong cong", "Cong", "Ca huyen",
    "Thị trấn", "Thị trấn Lộc Bình", "THỊ TRẤN LỘC BÌNH", "Thị Trấn Mới", "Thị xã Sơn Tây", "TT Bắc Sơn",
    "TT. Bắc Sơn", "Tt.Bắc Sơn", "tt. Bắc Sơn", "Phường Hòa Bình", "PHƯỜNG 1", "Phường", "Phương Lâm",
    "Thi tran Lam", "Ţhị trấn Lộc", "Ƥhường An", "Ṫhị trấn Bắc Sơn", "Tổng\u0301 cộng", "\u0301Tổng",
]


def test_totals_towns_and_keys_said_at_once_are_each_steps(corpus):
    """What the screen says of totals labels, towns and name keys, on first words that open or
    nearly open one, is what ``_total``, ``_town`` and the key steps give one text at a time."""
    import numpy as np

    names, texts = corpus
    texts = list(dict.fromkeys(texts + PRINTED + OPENINGS + [t.upper() for t in OPENINGS]
                               + [t.lower() for t in OPENINGS] + [f"{t} Lâm" for t in OPENINGS]))
    plain.forget()
    numbers = plain.LEXICON.number_arrow(("test", "openings"), pa.array(texts, pa.large_string()))
    said = {}
    for step, dtype in ((plain._total, bool), (plain._town, bool), (plain._key_number, np.int64),
                        (plain._printed_key, np.int64)):
        values, done = plain.LEXICON._kept(step, dtype)
        said[step] = {plain.LEXICON.text(int(n)): values[n] for n in numbers if done[n]}
    assert sum(said[plain._total].values()) == 0 and sum(said[plain._town].values()) == 0  # only "not one" is said
    assert len(said[plain._total]) > len(texts) // 2 and len(said[plain._town]) > len(texts) // 2
    assert len(said[plain._key_number]) > len(names) // 2
    keys = {step: {t: plain.KEYS.text(int(n)) for t, n in said[step].items()}
            for step in (plain._key_number, plain._printed_key)}
    plain.forget()
    for step in (plain._total, plain._town):
        assert {t: step(t) for t in said[step]} == said[step], step.__name__
    plain.LEXICON.number(texts)
    for step in (plain._key_number, plain._printed_key):
        assert {t: plain.KEYS.text(step(t)) for t in keys[step]} == keys[step], step.__name__


def test_the_lexicon_numbers_new_texts_once_in_order_of_appearance():
    """``Lexicon.number`` numbers the texts not met before at once: each once, in the order
    first met, after those met before, and a text met again keeps its number."""
    lexicon = plain.Lexicon()
    assert lexicon.number(["b", "a"]).tolist() == [0, 1]
    assert lexicon.number(["c", "a", "d", "c", "", "b", "d"]).tolist() == [2, 1, 3, 2, 4, 0, 3]
    assert [lexicon.text(n) for n in range(len(lexicon))] == ["b", "a", "c", "d", ""]
    assert lexicon.number_one("e") == 5 and lexicon.number(["e", "f"]).tolist() == [5, 6]


def test_words_judged_at_once_are_judged_as_legacy_judges_them(corpus):
    """The screen's judgement of clean texts' words at once (``_some_word_not_vietnamese``) is
    ``legacy.judge``'s, text by text: names, their legacy forms, punctuation, digits, brackets."""
    names, texts = corpus
    texts = texts + [f"{n} ({m})" for n, m in zip(names[:50], names[50:100])] + \
        [f"{t} 12/3-b" for t in _legacy_forms(names[:40])] + ["(Sơn", "Sơn)", "A.Bình", "Tó", "Cé", "Quý Pa"]
    clean = [t for t in dict.fromkeys(texts) if plain._clean(t) == t]
    said = plain._some_word_not_vietnamese(pa.array(clean, pa.large_string()))
    assert said.any() and not said.all()
    assert said.tolist() == [legacy.judge(t)[1] > 0 for t in clean]
