"""Legacy encodings: TCVN3 (ABC) and VNI tables on every letter and tone, whole files and single
columns detected and converted with a warning, UTF-16 text, and --encoding forcing a reading."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import run_cli, statuses, wide_rows, write_csv, write_xlsx
from ntm_analysis import load, validate
from ntm_analysis.io import ENCODINGS
from ntm_analysis.io.legacy import (TONES, decode_tcvn3, decode_vni, encode_tcvn3, encode_vni, has_signs,
                                    repair, tcvn3_table, vietnamese_letters)
from ntm_analysis.model import read_assessment
from ntm_analysis.text import clean_name

VOWELS = "aăâeêioôơuưy"
# every Vietnamese letter that carries a mark, lower case: 12 vowels x 6 tones (less the bare
# ASCII vowels) and đ
MARKED = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ("",) + TONES if not (v + t).isascii()] + ["đ"]
ALPHABET = "".join(MARKED) + "".join(c.upper() for c in MARKED)
NAMES = {"Ái Quốc": set(range(1, 8)), "Đồng Bục": set(range(1, 20)), "Mường Khương": {1, 2},
         "Tĩnh Bắc": {3}, "Khuất Xá": set(range(1, 13)), "Hữu Lân": {4, 5, 6}}


def test_the_alphabet_has_134_letters_and_the_tables_cover_it():
    assert len(MARKED) == 67  # 66 vowel letters with a mark, and đ
    assert len(vietnamese_letters()) == 2 * (12 * 6 + 1)  # every vowel with every tone, and đ; both cases
    table = tcvn3_table()
    # TCVN3 gives each marked lower-case letter a byte of its own, and the seven capitals theirs
    assert set(MARKED) <= set(table.values())
    assert len(set(table)) == len(table) and len(set(table.values())) == len(table)
    assert {table[b] for b in range(0xA1, 0xA8)} == set("ĂÂÊÔƠƯĐ")


@pytest.mark.parametrize("letter", MARKED)
def test_tcvn3_every_lower_case_letter_and_tone(letter):
    data = encode_tcvn3(letter)
    assert len(data) == 1 and data[0] >= 0xA0
    assert decode_tcvn3(data) == letter
    assert decode_tcvn3(encode_tcvn3(f"x{letter}ng")) == f"x{letter}ng"


@pytest.mark.parametrize("letter", [c.upper() for c in MARKED])
def test_tcvn3_capitals(letter):
    """A capital with a byte of its own comes back as itself; the others are written with the
    lower-case byte (the .VnTimeH font) and come back capital where the word shows it."""
    assert decode_tcvn3(encode_tcvn3(f"NG{letter}N")) == f"NG{letter}N"  # an all-capital word
    alone = decode_tcvn3(encode_tcvn3(letter))
    assert alone == (letter if letter in "ĂÂÊÔƠƯĐ" else letter.lower())
    assert clean_name(alone + "n Quốc") == letter + "n Quốc"  # a name's first letter is raised


@pytest.mark.parametrize("letter", MARKED + [c.upper() for c in MARKED])
def test_vni_every_letter_and_tone_both_cases(letter):
    assert decode_vni(encode_vni(letter)) == letter
    assert decode_vni(encode_vni(f"Ng{letter}n")) == f"Ng{letter}n"


def test_published_examples():
    # the domain reference's examples: "B¶o Th¾ng" (TCVN3 in .VnTime) and "Xin chaøo" (VNI)
    assert decode_tcvn3("B¶o Th¾ng".encode("cp1252")) == "Bảo Thắng"
    assert decode_vni("Xin chaøo".encode("cp1252")) == "Xin chào"
    assert encode_vni("Xin chào các bạn") == "Xin chaøo caùc baïn".encode("cp1252")
    assert decode_tcvn3(encode_tcvn3(ALPHABET.lower())) == ALPHABET.lower()
    assert decode_vni(encode_vni(ALPHABET)) == ALPHABET


@pytest.mark.parametrize("codepage", ["cp1252", "cp1258"])
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_cell_shown_in_a_code_page_is_converted(codepage, encoding):
    """A workbook cell typed in a legacy font holds the characters Windows showed for the bytes."""
    from ntm_analysis.io.legacy import ENCODERS

    for name in NAMES:
        shown = ENCODERS[encoding](name).decode(codepage)
        converted, found = repair(shown)
        assert found == encoding and clean_name(converted) == name, (name, shown, converted)


@pytest.mark.parametrize("text", ["Tên xã", "Đ", "CĐ", "CBĐ", "Tú Đoạn", "Chưa đạt", "Hòa Bình", "Tó", "Đông",
                                  "Số tiêu chí đạt", "x", "Ghi chú", "Cơ bản đạt", "Xa Dung", "Xá Nhè", "Quân Chu"])
def test_unicode_text_is_left_as_it_is(text):
    assert repair(text) == (text, None)
    assert not has_signs(text)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_whole_csv_file_in_a_legacy_encoding(tmp_path, encoding):
    from ntm_analysis.io.legacy import ENCODERS

    text = "\r\n".join(",".join(map(str, row)) for row in wide_rows(NAMES)) + "\r\n"
    path = tmp_path / "ntm_2020Q1.csv"
    path.write_bytes(ENCODERS[encoding](text))
    assessment = read_assessment([path])
    assert not assessment.problems.errors, assessment.problems.errors
    assert assessment.snapshot().met_count.to_dict() == {n: len(m) for n, m in NAMES.items()}
    [warning] = [p for p in assessment.problems.warnings if "converted to Unicode" in p.message]
    assert warning.file == str(path) and encoding.upper() in warning.message.upper()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_single_column_in_a_unicode_workbook(tmp_path, encoding):
    from ntm_analysis.io.legacy import ENCODERS

    rows = wide_rows(NAMES)
    for row in rows[1:]:
        row[1] = ENCODERS[encoding](row[1]).decode("cp1252")  # names pasted from an old file
    path = write_xlsx(tmp_path / "ntm_2020Q1.xlsx", {"Biểu": rows})
    assessment = read_assessment([path])
    assert list(assessment.snapshot().communes) == list(NAMES)
    [warning] = [p for p in assessment.problems.warnings if "converted to Unicode" in p.message]
    assert (warning.row, warning.column) == (2, "Tên xã") and f"{len(NAMES) - 0} cells written in" in warning.message
    assert warning.value == rows[1][1]


def test_utf16_text_as_excel_writes_it(tmp_path):
    """Excel's "Unicode text": UTF-16 LE with a byte-order mark, tab-separated."""
    text = "\r\n".join("\t".join(map(str, row)) for row in wide_rows(NAMES)) + "\r\n"
    with_bom = tmp_path / "ntm_2020Q1.csv"
    with_bom.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert load(with_bom).snapshot().met_count.to_dict() == {n: len(m) for n, m in NAMES.items()}
    bare = tmp_path / "x" / "ntm_2020Q1.csv"
    bare.parent.mkdir()
    bare.write_bytes(text.encode("utf-16-le"))
    assert list(load(bare).snapshot().communes) == list(NAMES)


def test_unicode_text_saved_by_excel_as_txt(tmp_path, three):
    """Excel's "Save As > Unicode Text" writes a .txt: read named or in a folder, the same as the
    CSV; plain tab-separated text too. In a folder, a .txt holding no table (a README, notes, a
    pack's summary copied beside the data) is said and passed over, never an error that stops
    the command; named on the command line, its problems are said."""
    text = "\r\n".join("\t".join(map(str, row)) for row in wide_rows(three)) + "\r\n"
    folder = tmp_path / "du_lieu"
    folder.mkdir()
    unicode_text = folder / "ntm_2020Q1.txt"
    unicode_text.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    plain = tmp_path / "ntm_2020Q2.txt"
    plain.write_text(text.replace("Tú Mịch", "Mẫu Sơn"), encoding="utf-8")
    (folder / "README.txt").write_text("Số liệu quý I/2020, phòng Nông nghiệp huyện\n", encoding="utf-8")
    (folder / "summary_vi.txt").write_text("Quý I/2020 (2016-2020, 3 xã)\n04 xã đạt 19 tiêu chí, …\n",
                                           encoding="utf-8")
    expected = {"Tú Đoạn": 19, "Khuất Xá": 12, "Tú Mịch": 9}
    assert load(unicode_text).snapshot().met_count.to_dict() == expected
    assert load(plain).snapshot().met_count.to_dict() == {"Tú Đoạn": 19, "Khuất Xá": 12, "Mẫu Sơn": 9}
    problems = validate(folder)
    assert not problems.errors
    assert [(p.file, p.message) for p in problems.warnings] == [
        (str(folder / name), "text file without a table header: not read as data (name it on the command "
                             "line to see why)") for name in ("README.txt", "summary_vi.txt")]
    assert load(folder).snapshot().met_count.to_dict() == expected
    result = run_cli("summary", str(folder))
    assert result.returncode == 0 and "trung bình đạt 13,33 tiêu chí/xã" in result.stdout
    assert f"{folder / 'README.txt'}:-: [-] cảnh báo: tệp văn bản không có dòng tiêu đề bảng" in result.stderr
    result = run_cli("validate", "--lang", "en", str(folder / "README.txt"))
    assert result.returncode == 1 and "error: no table header found" in result.stdout
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.txt").write_text("ghi chú\n", encoding="utf-8")
    result = run_cli("validate", "--lang", "en", str(tmp_path / "notes"))
    assert result.returncode == 1 and "no data files found (expected .csv, .txt, .xlsx, .xlsm, .parquet)" in result.stdout


def test_encoding_option_forces_a_reading(tmp_path):
    text = "\r\n".join(",".join(map(str, row)) for row in wide_rows({"Tú": {1}, "Hà": {2}})) + "\r\n"
    path = tmp_path / "ntm_2020Q1.csv"
    path.write_bytes(encode_tcvn3(text))
    assert load(path, encoding="tcvn3").snapshot().communes == ["Tú", "Hà"]
    assert not [p for p in validate(path, encoding="tcvn3") if "converted" in p.message]
    # read as Windows-1258 it is not Vietnamese: the header "Tªn x·" names no commune column
    assert any("no table header" in p.message for p in validate(path, encoding="cp1258").errors)
    # forced as UTF-8, bytes that are not UTF-8 are an error naming the line
    (tmp_path / "w").mkdir()
    cp = write_csv(tmp_path / "w" / "ntm_2020Q1.csv", wide_rows({"Khuất Xá": {1}}), encoding="cp1258")
    [error] = validate(cp, encoding="utf-8").errors
    assert "not UTF-8 text" in error.message and error.row == 1  # "Tên xã" on the header line
    assert load(cp, encoding="cp1258").snapshot().communes == ["Khuất Xá"]
    with pytest.raises(ValueError, match="unknown encoding"):
        load(cp, encoding="latin-9")


def test_encoding_option_on_the_command_line(tmp_path):
    from ntm_analysis.cli import ENCODINGS as CLI_ENCODINGS

    assert CLI_ENCODINGS == ENCODINGS
    path = tmp_path / "ntm_2020Q1.csv"
    path.write_bytes(encode_vni("\r\n".join(",".join(map(str, r)) for r in wide_rows(NAMES)) + "\r\n"))
    result = run_cli("summary", "--json", "--encoding", "VNI", str(path))
    assert result.returncode == 0, result.stderr
    assert '"n_communes": 6' in result.stdout
    bad = run_cli("summary", "--encoding", "koi8-r", str(path))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    forced = run_cli("validate", "--encoding", "utf-8", str(path))
    assert forced.returncode == 1 and "không phải văn bản UTF-8" in forced.stdout and "Traceback" not in forced.stderr
    assert "not UTF-8 text" in run_cli("validate", "--encoding", "utf-8", "--lang", "en", str(path)).stdout


def test_workbook_cells_forced_as_tcvn3(tmp_path):
    rows = [["Tªn x·", *map(str, range(1, 20))], ["Tó MÞch", *statuses({1}, yes="x", no="")]]
    path = write_xlsx(tmp_path / "ntm_2020Q1.xlsx", {"s": rows})
    assert load(path, encoding="tcvn3").snapshot().communes == ["Tú Mịch"]
