"""Every field the package reads, defined once: name, type, meaning, header spellings, limits.

Readers find columns by these aliases, checks derive from the types and limits, and the data
dictionary in data/README.md is generated from this list (``data_dictionary()``), so the three
cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .periods import parse_period
from .text import fold, nfc
from .vocab_messages import Message

ASSESSMENT, COMMUNES, TARGETS, BOUNDARIES = "assessment", "communes", "targets", "boundaries"


@dataclass(frozen=True)
class Field:
    """One column: where it lives, what it holds and how offices head it."""

    name: str
    table: str  # ASSESSMENT, COMMUNES, TARGETS or BOUNDARIES
    kind: str  # text, int, number, bool, date, period, choice, status, criterion, criteria_set, ignored
    meaning: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    minimum: float | None = None  # every numeric field has a plausible range; values outside
    maximum: float | None = None  # it are errors (a typo, a total in the wrong row, 1e9)
    choices: tuple[str, ...] = ()

    def matches(self, header: str) -> bool:
        key = header_key(header)
        return key == header_key(self.name) or key in {header_key(a) for a in self.aliases}


# Plausible limits of counts: a set has at most 19 criteria; a commune has at most a few dozen
# villages (thôn, bản; the largest about 60), so 200 villages or model areas is a typing error.
MAX_CRITERIA = 19
MAX_VILLAGES = 200

_COMMUNE_ALIASES = ("tên xã", "xã", "tên đơn vị", "đơn vị", "tên xã, thị trấn", "xã, thị trấn",
                    "đơn vị hành chính", "tên xã/thị trấn", "commune", "commune name")

FIELDS: tuple[Field, ...] = (
    # --- assessment snapshots: one row per commune (wide) or per commune and criterion (long)
    Field("commune", ASSESSMENT, "text", "Commune name; matched ignoring case, the 'Xã ' prefix, "
          "NFC/NFD and tone placement, and printed NFC without the prefix.", _COMMUNE_ALIASES, True),
    Field("period", ASSESSMENT, "period", "Quarter assessed, YYYYQn (also read as 'Quý I/2020', "
          "'Q1-2020'); else from --period, the sheet or file name, or a title row "
          "'(Tính đến ngày 31/3/2020)'.", ("kỳ", "kỳ báo cáo", "kỳ đánh giá", "quý", "quarter")),
    Field("criteria_set", ASSESSMENT, "criteria_set", "Criteria set, e.g. '2016-2020' or 'QĐ 1980'; "
          "else the set in force at the end of the period.", ("bộ tiêu chí", "set")),
    Field("criterion", ASSESSMENT, "criterion", "Criterion number within the set (long form). In "
          "wide form each criterion is a column headed '1', 'TC1', 'TC 01', 'Tiêu chí 1', "
          "'Tiêu chí số 1' or '1. Quy hoạch'.", ("tiêu chí", "tiêu chí số", "mã tiêu chí", "tc")),
    Field("status", ASSESSMENT, "status", "Đạt (met), Cơ bản đạt (basically met, counted as not "
          "met) or Chưa đạt (not met); also Đ/CBĐ/CĐ, x or blank, 1/0, True/False.",
          ("tình trạng", "kết quả", "đánh giá", "kết quả đánh giá", "mức độ đạt")),
    Field("criteria_met", ASSESSMENT, "int", "Criteria met as the file states it; checked against "
          "the marks, never used in their place.",
          ("số tiêu chí đạt", "tổng số tiêu chí đạt", "số tc đạt", "tổng số tc đạt",
           "số tiêu chí đã đạt", "tiêu chí đạt", "tổng số tiêu chí đã đạt"), minimum=0,
          maximum=MAX_CRITERIA),
    Field("villages_meeting", ASSESSMENT, "int", "Villages (thôn) meeting the village standard "
          "at the end of the period.", ("số thôn đạt chuẩn", "thôn đạt chuẩn"), minimum=0,
          maximum=MAX_VILLAGES),
    Field("model_areas", ASSESSMENT, "int", "Model residential areas (khu dân cư NTM kiểu mẫu) "
          "completed by the end of the period.", ("khu dân cư kiểu mẫu", "số khu dân cư kiểu mẫu"),
          minimum=0, maximum=MAX_VILLAGES),
    Field("advanced", ASSESSMENT, "bool", "The commune meets the advanced (nâng cao) standard at the "
          "end of the period.", ("đạt nông thôn mới nâng cao", "đạt NTM nâng cao", "đạt nâng cao", "nâng cao")),
    Field("district", ASSESSMENT, "text", "District (huyện) of the commune, in files covering several "
          "districts: communes of one name in two districts are told apart as 'Tân Lập (Sơn Dương)'. "
          "Also read from heading rows ('I | Huyện Lộc Bình') and the letterhead ('UBND HUYỆN …'); "
          "printed without 'Huyện '.", ("huyện", "tên huyện", "huyện/thị xã", "huyện, thị xã, thành phố")),
    Field("province", ASSESSMENT, "text", "Province (tỉnh) of the commune; also read from heading "
          "rows and the letterhead ('UBND TỈNH …'); printed without 'Tỉnh '.",
          ("tỉnh", "tên tỉnh", "tỉnh/thành phố", "tỉnh, thành phố")),
    Field("row_number", ASSESSMENT, "ignored", "Running number of the form; ignored.",
          ("tt", "stt", "số tt", "no", "no.", "#")),
    Field("notes", ASSESSMENT, "ignored", "Free notes; ignored.", ("ghi chú", "note")),
    # --- commune register: one row per commune, attributes that do not change by quarter
    Field("commune", COMMUNES, "text", "Commune name, as in the assessments.", _COMMUNE_ALIASES, True),
    Field("district", COMMUNES, "text", "District (huyện) the commune belonged to; names repeated in "
          "two districts are told apart as in the assessments.", ("huyện", "tên huyện")),
    Field("province", COMMUNES, "text", "Province (tỉnh) of the commune.", ("tỉnh", "tên tỉnh")),
    Field("border", COMMUNES, "bool", "Border commune (xã biên giới).", ("xã biên giới",)),
    Field("pilot_year", COMMUNES, "int", "Year the commune is a pilot commune (xã điểm) planned to "
          "reach all criteria.", ("xã điểm năm", "năm xã điểm"), minimum=2010, maximum=2035),
    Field("recognised_year", COMMUNES, "int", "Year of the provincial decision recognising the "
          "commune as meeting the NTM standard (công nhận đạt chuẩn); not the same as meeting all "
          "criteria now.", ("năm công nhận", "năm đạt chuẩn"), minimum=2010, maximum=2035),
    Field("advanced_target_year", COMMUNES, "int", "Year the commune plans to meet the advanced "
          "(nâng cao) standard.", ("năm đạt nâng cao",), minimum=2010, maximum=2035),
    Field("model_areas_planned", COMMUNES, "int", "Model residential areas the commune plans to "
          "complete (the lower figure where a plan gives a range).", (), minimum=0, maximum=MAX_VILLAGES),
    Field("villages_in_scope", COMMUNES, "int", "Villages (thôn) in scope of the village standard "
          "(border and extremely difficult communes).", ("số thôn",), minimum=0, maximum=MAX_VILLAGES),
    # --- plans and targets: one row per target and commune (commune blank for district targets)
    Field("target", TARGETS, "text", "Name of the target; rows with the same name form one target "
          "(e.g. the three communes of a village-standard target).", ("mục tiêu",), True),
    Field("kind", TARGETS, "choice", "What is measured: all_criteria (the commune meets every "
          "criterion), mean (district average at least value), min_met (no commune below value), "
          "villages_share (share of villages in scope meeting the village standard at least "
          "value), model_areas (model residential areas completed at least value), advanced (the "
          "commune meets the advanced standard), recognised_share (share of communes recognised at "
          "least value).", ("loại",), True,
          choices=("all_criteria", "mean", "min_met", "villages_share", "model_areas", "advanced",
                   "recognised_share")),
    Field("commune", TARGETS, "text", "Commune the target is for; blank for a district target.",
          _COMMUNE_ALIASES),
    Field("value", TARGETS, "number", "Level to reach (a share as 0.5 or 50%); blank where the kind "
          "needs none.", ("giá trị", "chỉ tiêu"), minimum=0, maximum=MAX_VILLAGES),
    Field("due", TARGETS, "period", "Quarter by which the target is to be reached (2020Q4; "
          "'cuối năm 2020' is written 2020Q4).", ("thời hạn", "hạn"), True),
    Field("source", TARGETS, "text", "Where the target is set (document, date).", ("nguồn",)),
    Field("target_en", TARGETS, "text", "English name of the target (optional): English outputs use "
          "it; without it they name the target from its kind and level.", ("target (en)", "english name")),
    # --- boundary changes: one row per old unit and the unit it became
    Field("old_commune", BOUNDARIES, "text", "Commune (or town) before the change.",
          ("xã cũ", "đơn vị cũ"), True),
    Field("new_commune", BOUNDARIES, "text", "Commune it became part of (or was renamed to).",
          ("xã mới", "đơn vị mới"), True),
    Field("effective_date", BOUNDARIES, "date", "Date the change took effect (dd/mm/yyyy or "
          "yyyy-mm-dd).", ("ngày hiệu lực",), True),
    Field("decision", BOUNDARIES, "text", "Resolution ordering the change (e.g. NQ 1246/NQ-UBTVQH15).",
          ("nghị quyết",)),
    Field("source", BOUNDARIES, "text", "Where the mapping is stated, and how sure it is.", ("nguồn",)),
)


@lru_cache(maxsize=8192)
def header_key(header: str) -> str:
    """A header folded for matching: no diacritics, case, punctuation or extra spaces."""
    return re.sub(r"[\s_:()*]+", " ", fold(header)).strip()


def fields_of(table: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.table == table)


def field_named(name: str, table: str = ASSESSMENT) -> Field:
    """The field called ``name`` in ``table``."""
    return next(f for f in fields_of(table) if f.name == name)


@lru_cache(maxsize=8192)
def field_for(header: str, table: str) -> Field | None:
    """The field a column header names in ``table``, or None."""
    return next((f for f in fields_of(table) if f.matches(header)), None)


_TRUE = {"x", "1", "true", "co", "yes", "y", "v"}
_FALSE = {"", "0", "false", "khong", "no", "n", "-"}


def parse_value(field: Field, text: str):
    """The typed value of a cell, None for a blank cell; raises ValueError with the reason (a
    ``Message``: ``vocab_messages.reason(exc)`` says it in any language)."""
    text = nfc(text)
    if field.kind == "bool":
        key = re.sub(r"^([01])\.0+$", r"\1", fold(text))
        if key in _TRUE or key in _FALSE:
            return key in _TRUE
        raise ValueError(Message("expected_yes_no"))
    if not text:
        return None
    if field.kind == "int":
        if not re.fullmatch(r"-?\d+(?:\.0+)?", text):
            raise ValueError(Message("expected_whole"))
        digits = text.split(".")[0]
        value = int(digits) if len(digits) <= 18 else (-1 if digits.startswith("-") else 1) * 10**18
        return _in_range(field, value)
    if field.kind == "number":
        share = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)\s*%", text)
        number = share[1] if share else text
        if not re.fullmatch(r"-?\d{1,15}(?:[.,]\d{1,15})?", number):
            if re.fullmatch(r"-?\d+(?:[.,]\d+)?", number):
                return _in_range(field, float("inf") if not number.startswith("-") else float("-inf"))
            raise ValueError(Message("expected_number"))
        value = float(number.replace(",", "."))
        return _in_range(field, value / 100 if share else value)
    if field.kind == "date":
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})", text)
        try:
            if not match:
                raise ValueError
            day, month, year = (match[1], match[2], match[3]) if match[1] else (match[6], match[5], match[4])
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(Message("expected_date")) from None
    if field.kind == "choice":
        if text not in field.choices:
            raise ValueError(Message("expected_choice", choices=", ".join(field.choices)))
        return text
    if field.kind == "period":
        period = parse_period(text)
        if period is None:
            raise ValueError(Message("expected_quarter"))
        return period
    return text


def _in_range(field: Field, value):
    if field.minimum is not None and value < field.minimum:
        raise ValueError(Message("at_least", n=_number(field.minimum)))
    if field.maximum is not None and value > field.maximum:
        raise ValueError(Message("at_most", n=_number(field.maximum)))
    return value


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def range_text(field: Field) -> str:
    """A field's range as the data dictionary gives it ("0-19"), "" for non-numeric fields."""
    if field.minimum is None and field.maximum is None:
        return ""
    low = "" if field.minimum is None else _number(field.minimum)
    high = "" if field.maximum is None else _number(field.maximum)
    return f"{low}-{high}"


def data_dictionary() -> str:
    """The fields as Markdown tables, one per table: the data dictionary of data/README.md."""
    out = []
    titles = {ASSESSMENT: "Assessment snapshots", COMMUNES: "Commune register",
              TARGETS: "Plans and targets", BOUNDARIES: "Boundary changes"}
    for table, title in titles.items():
        out += [f"#### {title}", "", "| field | type | required | range | headers also read | meaning |",
                "|---|---|---|---|---|---|"]
        for f in fields_of(table):
            aliases = ", ".join(f"`{a}`" for a in f.aliases)
            out.append(f"| `{f.name}` | {f.kind} | {'yes' if f.required else ''} | {range_text(f)} | "
                       f"{aliases} | {f.meaning} |")
        out.append("")
    return "\n".join(out)


MARKER = "<!-- data dictionary: generated by `python -m ntm_analysis.fields data/README.md` -->"


def write_dictionary(readme) -> None:
    """Rewrite everything after MARKER in ``readme`` with the current data dictionary."""
    from pathlib import Path

    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    head = text[: text.index(MARKER)] if MARKER in text else text.rstrip() + "\n\n"
    path.write_text(f"{head}{MARKER}\n\n{data_dictionary()}", encoding="utf-8")


if __name__ == "__main__":
    import sys

    write_dictionary(sys.argv[1])
