"""The messages of the package, in every language it writes: problems found in data (one
catalogue, ``PROBLEM_MESSAGES``, keyed by message id) and what the ``ntm`` command says besides
its results (``COMMAND_MESSAGES``: usage errors, warnings, the validate summary, record lines).

A ``Message`` is a message id with its values. It *is* its English text (a ``str``), so that
``str()``, JSON and the library API keep reading English as they always have; ``text(lang)``
renders it in another language. Values may themselves be messages (a reason inside a sentence,
a row reference, a column), rendered in the same language.

>>> m = Message("at_most", n=19)
>>> m, m.text("vi")
('expected at most 19', 'không được lớn hơn 19')
>>> Message("cannot_read", why=Message("why_eof", detail="EOFError")).text("vi")
'không đọc được tệp: tệp bị cắt cụt (EOFError)'

Kept apart from ``vocab.py`` (the words of the reports), in the same shape: one table per
language, looked up rather than branched on.
"""

from __future__ import annotations

import re
import string

LANGS = ("vi", "en")

# Severity words and the words of a problem's line: FILE:ROW: [COLUMN] severity: message (value: …)
PROBLEM_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "value": "giá trị", "digits": "{n} chữ số"},
    "en": {"error": "error", "warning": "warning", "value": "value", "digits": "{n} digits"},
}

# ---------------------------------------------------------------------------------------------
# Problems found in data (io/*, fields, criteria, model). English: as the package has always
# written them (tests and scripts read them); Vietnamese: as a district office clerk reads.
# ---------------------------------------------------------------------------------------------

PROBLEM_MESSAGES = {
    "en": {
        # places and pieces of sentences
        "text": "{text}",
        "column_ref": "column {ref}",
        "row_ref": "row {n}",
        "rows_ref": "rows {first}-{last}",
        "this_table": "this table",
        "field_label": "{name}",
        "table_communes": "communes", "table_targets": "targets", "table_boundaries": "boundaries",
        "table_assessment": "assessment",
        "encoding_tcvn3": "TCVN3 (ABC, .VnTime fonts)", "encoding_vni": "VNI (VNI-Windows, VNI-Times fonts)",
        "status_vocabulary": "Đạt / Chưa đạt / Cơ bản đạt, Đ / CĐ / CBĐ, x or blank, 1 / 0, True / False",
        # files
        "other_sheet_format": "{suffix} files are not read: save it as .xlsx or .csv",
        "no_data_files": "no data files found (expected {suffixes})",
        "unsupported_type": "unsupported file type {suffix!r} (expected {suffixes})",
        "empty_file": "empty file",
        "empty_no_cells": "empty file: no cells with values",
        "cannot_read": "cannot read the file: {why}",
        "why_zip": "damaged or cut short, not a complete zip archive ({detail})",
        "why_zlib": "damaged, its compressed data cannot be unpacked ({detail})",
        "why_xml": "damaged or cut short, a sheet's XML is incomplete ({detail})",
        "why_eof": "cut short ({detail})",
        "not_utf16": "not UTF-16 text ({reason} at byte {at})",
        "not_utf8": "not UTF-8 text: byte 0x{byte:02X} (try --encoding cp1258, tcvn3 or vni)",
        "password": "password-protected workbook: open it in Excel, remove the password "
                    "(File > Info > Protect Workbook > Encrypt with Password) and save it",
        "ole_file": "an Excel 97-2003 (.xls) or other OLE file named .xlsx: open it in Excel and save "
                    "it as .xlsx",
        "read_as_legacy": "read as {encoding} text and converted to Unicode (--encoding chooses another)",
        "hidden_sheet": "hidden sheet {name!r} skipped (--hidden-sheets reads it)",
        "sheet_without_header": "sheet without a table header skipped",
        "text_without_table": "text file without a table header: not read as data (name it on the "
                              "command line to see why)",
        "pack_workbook": "a workbook written by ntm report (the tables of a pack): its figures are "
                         "results, not input data, so it is not read",
        "no_sheet_header": "no sheet has a table header (a commune column such as Tên xã, Xã, Đơn vị or "
                           "commune)",
        "not_recorded": "not recorded in {sidecar} beside it; to record it: ntm record {source} "
                        "--reason \"…\"",
        "changed_since": "changed since it was recorded in {sidecar}: {algorithm} recorded {recorded}, "
                         "now {now}; if the change is deliberate, record it: ntm record {source} "
                         "--reason \"…\"",
        # cells
        "legacy_cells": "{n} {n|cell|cells} written in {encoding} converted to Unicode",
        "invisible_removed": "invisible characters removed ({chars})",
        "invisible_more": "invisible characters also removed from {n} more {n|cell|cells} of this column",
        "formula_marks": "formula without a saved value: open the workbook in Excel and save it, so "
                         "that it stores the results",
        "formula_other": "formula without a saved value: not read or checked (open the workbook in "
                         "Excel and save it)",
        # the table's shape
        "no_header_found": "no table header found: expected a commune column (Tên xã, Xã, Đơn vị, "
                           "commune; or old_commune/new_commune, or target) in the first {n} rows",
        "rows_below": "{n} non-empty {n|row|rows} below the table ignored ({span})",
        "rows_below_plain": "{n} non-empty {n|row|rows} below the table ignored",
        "criterion_two_rows": "criterion {n} has two rows (also {other})",
        "marks_no_criterion": "{n} {n|row|rows} with marks that name no criterion (sub-indicators such as "
                              "2.1, group headings) not read: {n|row|rows} {span}",
        "no_criterion_columns": "no criterion columns found: expected headers such as 1, TC1, TC 01, "
                                "Tiêu chí 1 or '1. Quy hoạch' (wide form), or columns commune, "
                                "criterion, status (long form)",
        "no_commune_column": "no commune column: expected a header such as Tên xã, Xã, Đơn vị or commune",
        "long_no_status": "long form without a status column (expected status, Tình trạng, Kết quả or "
                          "Đánh giá)",
        "column_no_header": "column without a header ignored",
        "criterion_two_columns": "criterion {n} has two columns",
        "field_two_columns": "two columns for {field}",
        "column_ignored": "column not recognised; ignored",
        "no_commune_rows": "the table has a header but no commune rows",
        "criterion_not_in_set": "criterion {n} is not in the {set} set (criteria 1-{size})",
        "missing_criterion_columns": "missing criterion {numbers|column|columns} {numbers} of the {set} set",
        "missing_table_columns": "missing {names|column|columns} {names} of the {kind} table",
        # periods and criteria sets
        "conflicting_periods": "conflicting periods: {detail}",
        "period_said": "{where} says {period}",
        "said_by_name": "the name {name!r}",
        "said_by_title": "the title",
        "not_a_period": "not a period (expected e.g. 2020Q1 or 'Quý I/2020')",
        "before_criteria": "{period} is before the national NTM criteria: {why}",
        "no_set_in_force": "no national criteria set was in force on {day}: the first, {decision}, came "
                           "into force on {first}",
        "unknown_set": "unknown criteria set (expected e.g. 2016-2020 or QĐ 1980)",
        "period_two_sets": "one period ({period}) with two criteria sets: {sets}",
        "two_sets": "{period} is assessed against more than one criteria set ({where})",
        "source_set": "{source}: {set}",
        "no_period": "cannot determine the period: give it with --period, a period column, the file or "
                     "sheet name (2020Q1, Q1-2020, quy1_2020) or a title row '(Tính đến ngày 31/3/2020)'",
        # rows and cells
        "bare_prefix": "file written without diacritics: 'Xa ' read as the prefix 'Xã ' in {n} {n|name|names}",
        "missing_name_marks": "missing commune name on a row with marks",
        "row_ignored": "row without a commune name or marks ignored",
        "unknown_status": "unknown status (expected {expected})",
        "blank_status": "no status for criteria {criteria} (this file writes 'not met' explicitly, so a "
                        "blank cell is missing data)",
        "town_ignored": "town or ward: not counted in commune figures",
        "count_mismatch": "states {stated} criteria met but the marks show {shown}",
        "total_not_whole": "expected a whole number of {what}",
        "what_criterion": "communes meeting criterion {n}",
        "what_total": "criteria met in total",
        "total_mismatch": "{label!r} states {stated} {what} but the marks show {shown}",
        "total_mismatch_block": "{label!r} states {stated} {what} but the marks of its block show {shown}",
        "listed_twice_in": "commune listed twice in {period} (also {other})",
        "listed_twice": "commune listed twice (also {other})",
        "missing_commune_name": "missing commune name",
        "not_criterion_number": "not a criterion number",
        "missing_status": "missing status",
        "given_twice": "commune and criterion given more than once (rows {rows})",
        "no_row_for_criteria": "no row for criteria {numbers}",
        "target_needs": "a {kind} target needs a {need}",
        "missing_field": "missing {field}",
        "register_twice": "commune already in the register {other_file}",
        "assessed_twice": "commune also assessed for {period} in {other_file} {other}",
        "not_in_register": "commune not in the commune register",
        "target_unassessed": "target for a commune assessed in no period",
        "no_assessment_table": "no assessment table found (only {kinds}): figures need communes and "
                               "criteria",
        "no_table_read": "no table was read: figures need a table of communes and criteria",
        # values of a field (fields.parse_value)
        "expected_yes_no": "expected yes/no (x or blank, 1/0, có/không, True/False)",
        "expected_whole": "expected a whole number",
        "expected_number": "expected a number (a share as 0.5 or 50%)",
        "expected_date": "expected a date as dd/mm/yyyy or yyyy-mm-dd",
        "expected_choice": "expected one of {choices}",
        "expected_quarter": "expected a quarter such as 2020Q1 or 'Quý I/2020'",
        "at_least": "expected at least {n}",
        "at_most": "expected at most {n}",
    },
    "vi": {
        "text": "{text}",
        "column_ref": "cột {ref}",
        "row_ref": "dòng {n}",
        "rows_ref": "dòng {first}-{last}",
        "this_table": "bảng này",
        "field_label": "{header}",
        "table_communes": "danh sách xã", "table_targets": "mục tiêu",
        "table_boundaries": "thay đổi địa giới", "table_assessment": "đánh giá",
        "encoding_tcvn3": "TCVN3 (ABC, phông .VnTime)", "encoding_vni": "VNI (phông VNI-Windows, VNI-Times)",
        "status_vocabulary": "Đạt / Chưa đạt / Cơ bản đạt, Đ / CĐ / CBĐ, x hoặc để trống, 1 / 0, "
                             "True / False",
        "other_sheet_format": "không đọc được tệp {suffix}: hãy lưu lại thành .xlsx hoặc .csv",
        "no_data_files": "không tìm thấy tệp số liệu nào (cần tệp {suffixes})",
        "unsupported_type": "không đọc được loại tệp {suffix!r} (cần tệp {suffixes})",
        "empty_file": "tệp trống",
        "empty_no_cells": "tệp trống: không có ô nào có nội dung",
        "cannot_read": "không đọc được tệp: {why}",
        "why_zip": "tệp bị hỏng hoặc bị cắt cụt, không phải một tệp nén zip đầy đủ ({detail})",
        "why_zlib": "tệp bị hỏng, không giải nén được dữ liệu ({detail})",
        "why_xml": "tệp bị hỏng hoặc bị cắt cụt, nội dung XML của một trang tính không đầy đủ ({detail})",
        "why_eof": "tệp bị cắt cụt ({detail})",
        "not_utf16": "không phải văn bản UTF-16 ({reason} tại byte {at})",
        "not_utf8": "không phải văn bản UTF-8: byte 0x{byte:02X} (thử --encoding cp1258, tcvn3 hoặc vni)",
        "password": "bảng tính có đặt mật khẩu: hãy mở bằng Excel, bỏ mật khẩu (File > Info > Protect "
                    "Workbook > Encrypt with Password) rồi lưu lại",
        "ole_file": "tệp Excel 97-2003 (.xls) hoặc tệp OLE khác nhưng mang đuôi .xlsx: hãy mở bằng Excel "
                    "và lưu lại thành .xlsx",
        "read_as_legacy": "đã đọc theo bảng mã {encoding} và chuyển sang Unicode (--encoding để chọn "
                          "bảng mã khác)",
        "hidden_sheet": "bỏ qua trang tính ẩn {name!r} (--hidden-sheets để đọc cả trang ẩn)",
        "sheet_without_header": "bỏ qua trang tính không có dòng tiêu đề bảng",
        "text_without_table": "tệp văn bản không có dòng tiêu đề bảng: không đọc như số liệu (ghi tên "
                              "tệp trong lệnh để xem lý do)",
        "pack_workbook": "bảng tính do ntm report tạo ra (các biểu của bộ báo cáo): số liệu trong đó là "
                         "kết quả, không phải số liệu đầu vào, nên không đọc",
        "no_sheet_header": "không trang tính nào có dòng tiêu đề bảng (cần một cột tên xã như Tên xã, "
                           "Xã, Đơn vị hoặc commune)",
        "not_recorded": "chưa được ghi trong {sidecar} cùng thư mục; để ghi lại: ntm record {source} "
                        "--reason \"…\"",
        "changed_since": "đã thay đổi kể từ khi được ghi trong {sidecar}: {algorithm} đã ghi {recorded}, "
                         "nay là {now}; nếu thay đổi là có chủ ý, hãy ghi lại: ntm record {source} "
                         "--reason \"…\"",
        "legacy_cells": "{n} ô gõ bằng bảng mã {encoding} đã được chuyển sang Unicode",
        "invisible_removed": "đã xóa ký tự ẩn ({chars})",
        "invisible_more": "đã xóa ký tự ẩn ở {n} ô khác của cột này",
        "formula_marks": "ô có công thức nhưng chưa lưu kết quả: hãy mở bảng tính bằng Excel và lưu "
                         "lại để Excel ghi kết quả",
        "formula_other": "ô có công thức nhưng chưa lưu kết quả: không đọc, không kiểm tra được (hãy mở "
                         "bảng tính bằng Excel và lưu lại)",
        "no_header_found": "không tìm thấy dòng tiêu đề bảng: cần một cột tên xã (Tên xã, Xã, Đơn vị, "
                           "commune; hoặc old_commune/new_commune, hoặc target) trong {n} dòng đầu",
        "rows_below": "bỏ qua {n} dòng có nội dung bên dưới bảng ({span})",
        "rows_below_plain": "bỏ qua {n} dòng có nội dung bên dưới bảng",
        "criterion_two_rows": "tiêu chí {n} có hai dòng (đã có ở {other})",
        "marks_no_criterion": "không đọc {n} dòng có đánh giá nhưng không ghi số tiêu chí (chỉ tiêu như "
                              "2.1, dòng tiêu đề nhóm): dòng {span}",
        "no_criterion_columns": "không tìm thấy cột tiêu chí nào: cần tiêu đề cột như 1, TC1, TC 01, "
                                "Tiêu chí 1 hoặc '1. Quy hoạch' (bảng ngang), hoặc các cột commune, "
                                "criterion, status (bảng dọc)",
        "no_commune_column": "không có cột tên xã: cần tiêu đề cột như Tên xã, Xã, Đơn vị hoặc commune",
        "long_no_status": "bảng dọc không có cột tình trạng (cần status, Tình trạng, Kết quả hoặc "
                          "Đánh giá)",
        "column_no_header": "bỏ qua cột không có tiêu đề",
        "criterion_two_columns": "tiêu chí {n} có hai cột",
        "field_two_columns": "có hai cột {field}",
        "column_ignored": "không nhận ra cột này; bỏ qua",
        "no_commune_rows": "bảng có dòng tiêu đề nhưng không có dòng xã nào",
        "criterion_not_in_set": "tiêu chí {n} không có trong bộ tiêu chí {set} (tiêu chí 1-{size})",
        "missing_criterion_columns": "thiếu cột tiêu chí {numbers} của bộ tiêu chí {set}",
        "missing_table_columns": "thiếu cột {names} của bảng {kind}",
        "conflicting_periods": "kỳ báo cáo không thống nhất: {detail}",
        "period_said": "{where} ghi {period}",
        "said_by_name": "tên {name!r}",
        "said_by_title": "các dòng tiêu đề",
        "not_a_period": "không đọc được kỳ báo cáo (cần dạng 2020Q1 hoặc 'Quý I/2020')",
        "before_criteria": "{period} trước khi có Bộ tiêu chí quốc gia về nông thôn mới: {why}",
        "no_set_in_force": "ngày {day} chưa có bộ tiêu chí quốc gia nào có hiệu lực: bộ đầu tiên, "
                           "{decision}, có hiệu lực từ ngày {first}",
        "unknown_set": "không rõ bộ tiêu chí (cần dạng 2016-2020 hoặc QĐ 1980)",
        "period_two_sets": "cùng một kỳ ({period}) lại ghi hai bộ tiêu chí: {sets}",
        "two_sets": "{period} được đánh giá theo nhiều bộ tiêu chí ({where})",
        "source_set": "{source}: {set}",
        "no_period": "không xác định được kỳ báo cáo: hãy ghi rõ bằng --period, một cột kỳ, tên tệp "
                     "hoặc tên trang tính (2020Q1, Q1-2020, quy1_2020) hoặc dòng tiêu đề "
                     "'(Tính đến ngày 31/3/2020)'",
        "bare_prefix": "tệp gõ không dấu: 'Xa ' được đọc là tiền tố 'Xã ' trong {n} tên",
        "missing_name_marks": "thiếu tên xã ở dòng có đánh giá",
        "row_ignored": "bỏ qua dòng không có tên xã và không có đánh giá",
        "unknown_status": "không đọc được tình trạng (cần: {expected})",
        "blank_status": "chưa có tình trạng của tiêu chí {criteria} (tệp này có ghi rõ 'chưa đạt', nên "
                        "ô trống là thiếu số liệu)",
        "town_ignored": "thị trấn hoặc phường: không tính vào số liệu cấp xã",
        "count_mismatch": "ghi đạt {stated} tiêu chí nhưng theo các ô đánh giá là {shown} tiêu chí",
        "total_not_whole": "{what} phải là một số nguyên",
        "what_criterion": "số xã đạt tiêu chí {n}",
        "what_total": "tổng số tiêu chí đạt",
        "total_mismatch": "dòng {label!r} ghi {what} là {stated} nhưng theo các ô đánh giá là {shown}",
        "total_mismatch_block": "dòng {label!r} ghi {what} là {stated} nhưng theo các ô đánh giá của "
                                "khối này là {shown}",
        "listed_twice_in": "xã bị ghi hai lần trong {period} (đã có ở {other})",
        "listed_twice": "xã bị ghi hai lần (đã có ở {other})",
        "missing_commune_name": "thiếu tên xã",
        "not_criterion_number": "không phải số tiêu chí",
        "missing_status": "thiếu tình trạng",
        "given_twice": "xã và tiêu chí được ghi nhiều lần (dòng {rows})",
        "no_row_for_criteria": "không có dòng cho tiêu chí {numbers}",
        "target_needs": "mục tiêu loại {kind} cần có {need}",
        "missing_field": "thiếu {field}",
        "register_twice": "xã đã có trong danh sách xã của tệp {other_file}",
        "assessed_twice": "xã cũng được đánh giá cho {period} trong {other_file} {other}",
        "not_in_register": "xã không có trong danh sách xã",
        "target_unassessed": "mục tiêu của một xã không được đánh giá ở kỳ nào",
        "no_assessment_table": "không tìm thấy bảng đánh giá (chỉ có {kinds}): cần có các xã và các "
                               "tiêu chí mới tính được số liệu",
        "no_table_read": "không đọc được bảng nào: cần một bảng các xã và các tiêu chí mới tính được số liệu",
        "expected_yes_no": "cần ghi có hoặc không (x hoặc để trống, 1/0, có/không, True/False)",
        "expected_whole": "cần một số nguyên",
        "expected_number": "cần một số (tỷ lệ ghi 0,5 hoặc 50%)",
        "expected_date": "cần ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd",
        "expected_choice": "cần một trong các giá trị {choices}",
        "expected_quarter": "cần một quý, như 2020Q1 hoặc 'Quý I/2020'",
        "at_least": "không được nhỏ hơn {n}",
        "at_most": "không được lớn hơn {n}",
    },
}

# ---------------------------------------------------------------------------------------------
# What the command says besides its results: usage errors, warnings, summaries, stop lines.
# ---------------------------------------------------------------------------------------------

COMMAND_MESSAGES = {
    "en": {
        "usage_line": "{command}: error: {message}",
        # argparse's own usage errors, as argparse words them (``cli._Parser`` reads its words
        # back into these): the Vietnamese say the same in the command's language
        "arg_invalid_choice": "argument {arg}: invalid choice: {value} (choose from {choices})",
        "arg_expected_one": "argument {arg}: expected one argument",
        "arg_invalid_value": "argument {arg}: invalid {kind} value: {value}",
        "arg_not_allowed_with": "argument {arg}: not allowed with argument {other}",
        "arg_required": "the following arguments are required: {args}",
        "arg_unrecognized": "unrecognized arguments: {args}",
        "warning_line": "warning: {message}",
        "validate_summary": "{errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}; {periods} "
                            "{periods|period|periods}, {assessments} commune {assessments|assessment|assessments}",
        "not_a_quarter": "{option} {text!r} is not a quarter (expected e.g. 2020Q1)",
        "option_reason": "{option}: {reason}",
        "no_data_for_period": "{option}: no data for period {period} (periods: {periods})",
        "unknown_criteria_set": "unknown criteria set {name!r} (known: {known})",
        "unknown_encoding": "unknown encoding {name!r} (known: {known})",
        "from_after_to": "--from {start} is after --to {end}: give the earlier period first "
                         "(--from {end} --to {start})",
        "same_periods": "--from and --to name the same period ({period}): choose two different periods",
        "top_at_least_one": "--top must be at least 1 (not {n})",
        "no_such_path": "no such file or folder: {path}",
        "is_pack": "{path} is a report pack written by ntm, not input data",
        "nothing_to_record": "no data files to record (expected .csv, .txt, .xlsx or .parquet)",
        "reason_needed": "a reason is needed to record a checksum",
        "recorded": "{source}: recorded (sha256 {sha256})",
        "recorded_before": "{source}: recorded (sha256 {sha256}; before: {before})",
        "unchanged": "{source}: unchanged",
        "outside_bands": "{period}: {n} {n|commune falls|communes fall} in no band: {names}",
        "sets_differ_compared": "criteria sets differ ({before} → {after}): criteria compared by number",
        "sets_differ_not_compared": "criteria sets differ ({before} → {after}): per-criterion changes "
                                    "not compared",
        "communes_differ": "the communes differ between {start} and {end}: {added} only in {end}, "
                           "{removed} only in {start}",
        "communes_merged": "communes were reorganised between {start} and {end}: {before} communes became "
                           "{after}, {merged} merged into others (totals not compared directly)",
        "band_preset_size": "preset {preset!r} is for 19-criterion sets; this set has {n} criteria "
                            "(use 'exact' or give the bands, e.g. 10,8-9,0-7)",
        "band_unreadable": "cannot read band {part!r} in {spec!r}: give whole numbers and ranges such as "
                           "19,15-18,10-14, or a preset ({presets})",
        "band_backwards": "band {part!r} runs backwards",
        "band_beyond": "band {part!r} goes beyond the criteria: this set has {n} criteria, so bands run "
                       "from 0 to {n}",
        "band_overlap": "bands {a} and {b} overlap: a commune would count twice",
        "out_is_file": "{out} is a file, not a folder: choose a folder for the pack",
        "out_not_empty": "{out} is a folder with other files in it (no {marker} of a pack): the pack "
                         "replaces its folder whole, so choose a new or empty folder",
        "out_extra_files": "{out} is a pack folder that also holds {n} {n|thing|things} the pack does not "
                           "list ({files}): the pack replaces its folder whole and would delete "
                           "{n|it|them}, so move {n|it|them} out first or choose another folder",
        "out_cannot_create": "cannot create {out}: {existing} is a file",
        "out_cannot_write": "cannot write into {folder}: {reason}",
        "out_no_new_entries": "this folder does not take new files (a system folder)",
        "out_empty": "an empty folder name: name the folder for the pack, or drop --out to write into "
                     "reports/PERIOD",
        "os_eacces": "Permission denied", "os_eperm": "Operation not permitted",
        "os_erofs": "Read-only file system", "os_enospc": "No space left on device",
        "os_enoent": "No such file or directory",
        "port_in_use": "port {port} is in use on {host}",
        "voila_start": "Voilà stopped at start (exit {code}):\n{log}",
        "voila_listen": "Voilà did not listen on {url} within {seconds} s:\n{log}",
        "voila_stopped": "Voilà stopped (exit {code}):\n{log}",
        "explore_stopped": "{command}: stopped ({how}); nothing was left running",
        "by_no_districts_after": "--by district: districts were abolished from {date}, so {period} has none "
                                 "(communes belong to a province directly): use --by province",
        "by_no_districts": "--by district: the data of {period} names no district (no Huyện column, "
                           "\u201cHuyện \u2026\u201d heading row or district column in the commune register)",
        "by_no_provinces": "--by province: the data of {period} names no province (no Tỉnh column, "
                           "\u201cTỉnh \u2026\u201d heading row or province column in the commune register)",
        "by_left_out": "--by {level}: {n} {n|period|periods} left out, with no unit at this level: {periods}",
        "by_left_out_abolished": "--by district: {n} {n|period|periods} left out, as districts were abolished "
                                 "from {date}: {periods} (use --by province for them)",
        "by_one_period": "--by {level}: not compared, in only one of the two periods: {units}",
    },
    "vi": {
        "usage_line": "{command}: lỗi: {message}",
        "arg_invalid_choice": "tham số {arg}: không có lựa chọn {value} (chọn một trong: {choices})",
        "arg_expected_one": "tham số {arg}: cần một giá trị",
        "arg_invalid_value": "tham số {arg}: giá trị {value} không hợp lệ ({kind})",
        "arg_not_allowed_with": "tham số {arg}: không dùng cùng với tham số {other}",
        "arg_required": "thiếu các tham số bắt buộc: {args}",
        "arg_unrecognized": "không nhận ra các tham số: {args}",
        "warning_line": "cảnh báo: {message}",
        "validate_summary": "{errors} lỗi, {warnings} cảnh báo; {periods} kỳ, {assessments} lượt đánh "
                            "giá xã",
        "not_a_quarter": "{option} {text!r} không phải là một quý (cần dạng 2020Q1)",
        "option_reason": "{option}: {reason}",
        "no_data_for_period": "{option}: không có số liệu kỳ {period} (các kỳ có số liệu: {periods})",
        "unknown_criteria_set": "không rõ bộ tiêu chí {name!r} (các bộ đã biết: {known})",
        "unknown_encoding": "không rõ bảng mã {name!r} (các bảng mã đã biết: {known})",
        "from_after_to": "kỳ --from {start} ở sau kỳ --to {end}: hãy ghi kỳ trước ở --from "
                         "(--from {end} --to {start})",
        "same_periods": "--from và --to cùng là kỳ {period}: hãy chọn hai kỳ khác nhau",
        "top_at_least_one": "--top phải từ 1 trở lên (không phải {n})",
        "no_such_path": "không có tệp hoặc thư mục: {path}",
        "is_pack": "{path} là bộ báo cáo do ntm tạo ra, không phải số liệu đầu vào",
        "nothing_to_record": "không có tệp số liệu nào để ghi (cần tệp .csv, .txt, .xlsx hoặc .parquet)",
        "reason_needed": "cần ghi lý do (--reason) khi ghi lại mã kiểm tra (checksum) của tệp",
        "recorded": "{source}: đã ghi (sha256 {sha256})",
        "recorded_before": "{source}: đã ghi (sha256 {sha256}; trước đó: {before})",
        "unchanged": "{source}: không thay đổi",
        "outside_bands": "{period}: {n} xã không thuộc nhóm nào: {names}",
        "sets_differ_compared": "hai kỳ theo hai bộ tiêu chí khác nhau ({before} → {after}): so sánh "
                                "các tiêu chí theo số thứ tự",
        "sets_differ_not_compared": "hai kỳ theo hai bộ tiêu chí khác nhau ({before} → {after}): không "
                                    "so sánh từng tiêu chí",
        "communes_differ": "danh sách xã của {start} và {end} khác nhau: {added} xã chỉ có trong {end}, "
                           "{removed} xã chỉ có trong {start}",
        "communes_merged": "các xã được sắp xếp lại giữa {start} và {end}: {before} xã thành {after} xã, "
                           "{merged} xã nhập vào xã khác (không so sánh trực tiếp tổng số)",
        "band_preset_size": "mẫu {preset!r} dành cho bộ 19 tiêu chí; bộ tiêu chí này có {n} tiêu chí "
                            "(dùng 'exact' hoặc tự ghi các nhóm, vd. 10,8-9,0-7)",
        "band_unreadable": "không đọc được nhóm {part!r} trong {spec!r}: hãy ghi các số nguyên và "
                           "khoảng, vd. 19,15-18,10-14, hoặc tên một mẫu ({presets})",
        "band_backwards": "nhóm {part!r} có số đầu lớn hơn số cuối",
        "band_beyond": "nhóm {part!r} vượt quá số tiêu chí: bộ tiêu chí này có {n} tiêu chí, các nhóm "
                       "chỉ từ 0 đến {n}",
        "band_overlap": "nhóm {a} và nhóm {b} chồng lên nhau: một xã sẽ bị đếm hai lần",
        "out_is_file": "{out} là một tệp, không phải thư mục: hãy chọn một thư mục để ghi bộ báo cáo",
        "out_not_empty": "thư mục {out} đang có các tệp khác (không có {marker} của bộ báo cáo): bộ "
                         "báo cáo thay thế toàn bộ thư mục, vì vậy hãy chọn thư mục mới hoặc thư mục "
                         "trống",
        "out_extra_files": "thư mục {out} là bộ báo cáo nhưng còn chứa {n} tệp hoặc thư mục không thuộc "
                           "bộ báo cáo ({files}): bộ báo cáo thay thế toàn bộ thư mục và sẽ xóa "
                           "chúng, vì vậy hãy chuyển chúng ra chỗ khác trước hoặc chọn thư mục khác",
        "out_cannot_create": "không tạo được {out}: {existing} là một tệp",
        "out_cannot_write": "không ghi được vào {folder}: {reason}",
        "out_no_new_entries": "thư mục này không cho tạo tệp mới (thư mục của hệ thống)",
        "out_empty": "tên thư mục để trống: hãy ghi tên thư mục cho bộ báo cáo, hoặc bỏ --out để ghi vào "
                     "reports/KỲ",
        "os_eacces": "không có quyền ghi", "os_eperm": "không được phép",
        "os_erofs": "ổ đĩa chỉ cho đọc", "os_enospc": "ổ đĩa đã hết chỗ trống",
        "os_enoent": "không có tệp hoặc thư mục này",
        "port_in_use": "cổng {port} trên {host} đang được dùng",
        "voila_start": "Voilà dừng ngay khi khởi động (mã thoát {code}):\n{log}",
        "voila_listen": "Voilà không phản hồi tại {url} sau {seconds} giây:\n{log}",
        "voila_stopped": "Voilà đã dừng (mã thoát {code}):\n{log}",
        "explore_stopped": "{command}: đã dừng ({how}); không để lại tiến trình nào chạy ngầm",
        "by_no_districts_after": "--by district: cấp huyện đã bỏ từ ngày {date}, {period} không còn huyện "
                                 "(xã trực thuộc tỉnh): hãy dùng --by province",
        "by_no_districts": "--by district: số liệu {period} không ghi huyện (không có cột Huyện, dòng "
                           "tiêu đề \u201cHuyện \u2026\u201d hay cột huyện trong danh sách xã)",
        "by_no_provinces": "--by province: số liệu {period} không ghi tỉnh (không có cột Tỉnh, dòng "
                           "tiêu đề \u201cTỉnh \u2026\u201d hay cột tỉnh trong danh sách xã)",
        "by_left_out": "--by {level}: bỏ qua {n} kỳ không có số liệu theo cấp này: {periods}",
        "by_left_out_abolished": "--by district: bỏ qua {n} kỳ vì cấp huyện đã bỏ từ ngày {date}: {periods} "
                                 "(dùng --by province cho các kỳ này)",
        "by_one_period": "--by {level}: không so sánh, chỉ có trong một trong hai kỳ: {units}",
    },
}

# Short words of the terminal's tables (``terminal.py``): an 80–100 column terminal has no room
# for the page's headers.
TERMINAL_WORDS = {
    "vi": {"trend_title": "Kết quả qua các kỳ", "col_period": "Kỳ", "col_communes": "Số xã",
           "col_total": "Tổng TC đạt", "col_mean": "BQ TC/xã", "col_all_met": "Đạt đủ TC",
           "col_recognised": "Công nhận",
           "trend_bands_note": "TC: tiêu chí; BQ: bình quân. Các cột {bands}: số xã theo nhóm số tiêu "
                               "chí đạt.",
           "trend_shares_title": "Tỷ lệ xã đạt từng tiêu chí (%)", "col_criterion": "TC",
           "trend_set": "Bộ tiêu chí giai đoạn {set} ({n} tiêu chí)", "trend_set_short": "bộ tiêu chí {set}",
           "trend_gap": "  \u2026 {periods}: không có số liệu",
           "trend_reorganised_between": "  \u2500\u2500 sắp xếp lại các xã từ ngày {date}, giữa {before} và {after}: "
                                        "trước và sau mốc này không so sánh trực tiếp",
           "trend_reorganised": "  \u2500\u2500 sắp xếp lại các xã từ ngày {date}: trước và sau mốc này không so sánh "
                                "trực tiếp",
           # --by: the units ranked
           "col_rank": "STT", "col_mean_at": "BQ {period}", "col_change": "Tăng/giảm",
           "col_communes_changed": "Xã tăng/giảm", "col_criteria_changed": "TC tăng/giảm", "col_reached": "Mới đạt đủ", "col_least": "TC đạt thấp nhất", "col_least_met": "Số xã đạt",
           "col_targets": "Mục tiêu",
           "compare_units_note": "BQ: bình quân tiêu chí/xã. Xã tăng/giảm: số xã có thêm tiêu chí đạt / số "
                                 "xã có tiêu chí không còn đạt; TC tăng/giảm: tổng số tiêu chí các xã có thêm "
                                 "/ không còn đạt; Mới đạt đủ: số xã mới đạt đủ tiêu chí.",
           "compare_units_merged_note": "Các xã được sắp xếp lại từ ngày {date}: Số xã ghi trước → sau, "
                                        "không tính Tăng/giảm (không so sánh trực tiếp bình quân tiêu chí).",
           "trend_units_mean": "Bình quân tiêu chí/xã của từng {unit} qua các kỳ",
           "trend_units_all_met": "Số xã đạt đủ tiêu chí của từng {unit} qua các kỳ",
           "trend_units_order": "Xếp theo bình quân {period}, từ cao xuống thấp.",
           "targets_units_note": "Số mục tiêu của từng {unit} theo tình trạng."},
    "en": {"trend_title": "Results by period", "col_period": "Period", "col_communes": "Communes",
           "col_total": "Criteria met", "col_mean": "Average", "col_all_met": "All met",
           "col_recognised": "Recognised",
           "trend_bands_note": "Average: criteria met per commune. Columns {bands}: communes by band of "
                               "criteria met.",
           "trend_shares_title": "Share of communes meeting each criterion (%)", "col_criterion": "Crit.",
           "trend_set": "Criteria set {set} ({n} criteria)", "trend_set_short": "criteria set {set}",
           "trend_gap": "  \u2026 {periods}: no data",
           "trend_reorganised_between": "  \u2500\u2500 communes reorganised from {date}, between {before} and "
                                        "{after}: before and after not compared directly",
           "trend_reorganised": "  \u2500\u2500 communes reorganised from {date}: before and after not compared "
                                "directly",
           # --by: the units ranked
           "col_rank": "#", "col_mean_at": "Avg {period}", "col_change": "Change",
           "col_communes_changed": "Comm. up/down", "col_criteria_changed": "Crit. up/down",
           "col_reached": "New all met", "col_least": "Least met", "col_least_met": "Met by",
           "col_targets": "Targets",
           "compare_units_note": "Avg: average criteria met per commune. Comm. up/down: communes meeting a "
                                 "new criterion / communes losing one; Crit. up/down: criteria those communes "
                                 "gained / lost; New all met: communes newly meeting all criteria.",
           "compare_units_merged_note": "Communes reorganised from {date}: Communes shows before → after, "
                                        "no Change (averages not compared directly).",
           "trend_units_mean": "Average criteria per commune, {unit} by {unit}, by period",
           "trend_units_order": "Ranked by the average of {period}, highest first.",
           "trend_units_all_met": "Communes meeting all criteria, {unit} by {unit}, by period",
           "targets_units_note": "Targets of each {unit} by state."},
}

# Every message, by language: the two tables share no id.
MESSAGES = {lang: {**PROBLEM_MESSAGES[lang], **COMMAND_MESSAGES[lang]} for lang in LANGS}

# Messages whose languages name a thing differently (the field's name in English, its Vietnamese
# header in Vietnamese): their placeholders may differ between languages.
LANGUAGE_SPECIFIC = {"field_label"}


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)} (not {lang!r})")
    return lang


class Count(int):
    """A count in a message, written the language's way ("10.000" / "10,000"); a plain int (a
    year, a row) is written as it is."""


class Tally(Count):
    """A count of communes in running text, padded as the reports pad it ("09 xã" in
    Vietnamese, "9" in English: ``vocab.count_text`` and ``PAD_COUNTS``)."""


class Localised(str):
    """A value each language writes its own way, by a function of ``vocab`` (a period, a date):
    as a ``str``, its English. The words stay where the reports' words are, defined once."""

    def __new__(cls, write, *args):
        self = super().__new__(cls, write(*args, lang="en"))
        self.write, self.args = write, args
        return self

    def text(self, lang: str = "en") -> str:
        return self.write(*self.args, lang=lang)

    def __reduce__(self):
        return (Localised, (self.write, *self.args))


def _value(value, lang: str):
    """A value as it goes into a sentence of ``lang``: messages and periods rendered, lists joined,
    counts grouped by thousands."""
    if isinstance(value, (Message, Localised)):
        return value.text(lang)
    if isinstance(value, Tally):
        from .vocab import count_text

        return count_text(int(value), lang)
    if isinstance(value, Count):
        from .text import format_count

        return format_count(int(value), lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(v, lang)) for v in value)
    return value


# A word agreeing with a count in a template: "{n|row|rows}" is "row" when the value n is 1 (or a
# list of one), else "rows" (English; a Vietnamese noun does not change: "{n} dòng").
_AGREEING = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _agree(template: str, params: dict) -> str:
    def count(value) -> int:  # a number, a list, or a list already written ("18, 19")
        if isinstance(value, (list, tuple)):
            return len(value)
        return len(value.split(", ")) if isinstance(value, str) else int(value)

    return _AGREEING.sub(lambda m: m[2] if count(params[m[1]]) == 1 else m[3], template)


def render(key: str, lang: str = "en", params: dict | None = None) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    params = params or {}
    template = _agree(MESSAGES[_check_lang(lang)][key], params)
    return template.format(**{k: _value(v, lang) for k, v in params.items()})


def placeholders(template: str) -> set[str]:
    """The names a template fills in (a word agreeing with a count names its count)."""
    template = _AGREEING.sub(lambda m: "{" + m[1] + "}", template)
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Message(str):
    """A message id and its values; as a ``str``, its English text. ``text(lang)`` renders it."""

    key: str
    params: dict

    def __new__(cls, key: str, /, **params):
        self = super().__new__(cls, render(key, "en", params))
        self.key, self.params = key, params
        return self

    def text(self, lang: str = "en") -> str:
        return render(self.key, lang, self.params)

    def map_values(self, func) -> "Message":
        """The same message with every value (also inside nested messages and lists) passed
        through ``func``, which may return a replacement for a value it recognises."""
        def walk(value):
            replaced = func(value)
            if replaced is not value:
                return replaced
            if isinstance(value, Message):
                return value.map_values(func)
            if isinstance(value, (list, tuple)):
                return type(value)(walk(v) for v in value)
            return value

        return Message(self.key, **{k: walk(v) for k, v in self.params.items()})

    def __reduce__(self):
        return (_message, (self.key, self.params))

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {str.__repr__(self)})"


def _message(key: str, params: dict) -> Message:
    return Message(key, **params)


def plain(text: str) -> Message:
    """Text from outside the catalogue (a parser's own words), the same in every language."""
    return text if isinstance(text, Message) else Message("text", text=str(text))


def reason(exc: BaseException) -> Message:
    """The message an exception carries: its catalogue message, else its text as it is."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, Message) else plain(str(exc))


def column_ref(ref) -> Message:
    """A column without a header, named by its letters or number: "column C" / "cột C"."""
    return Message("column_ref", ref=ref)


def row_ref(n: int) -> Message:
    """A row as a person counts it: "row 5" / "dòng 5"."""
    return Message("row_ref", n=n)


def period_ref(period: str) -> Localised:
    """A period in a message, as the text and tables of the same language name it ("Q1 2020" /
    "quý I/2020", ``vocab.quarter_short``). A message about an option quotes what was typed
    ("--from 2020Q2") instead."""
    from .vocab import quarter_short

    return Localised(quarter_short, period)


def day_ref(day) -> Localised:
    """A date in a message, as the text of the same language writes it ("1 July 2025" /
    "1/7/2025", ``vocab.date_text``)."""
    from .vocab import date_text

    return Localised(date_text, day)


def os_reason(exc: OSError) -> Message:
    """The reason the system gives for a failed file operation, in the catalogue's words where it
    has them (permission, read-only, disk full …), else the system's own."""
    import errno

    key = f"os_{errno.errorcode.get(exc.errno or 0, '').lower()}"
    return Message(key) if key in MESSAGES["en"] else plain(exc.strerror or str(exc))


def message_text(text, lang: str = "en") -> str:
    """Any text the package says, in ``lang``: a message rendered, other text as it is."""
    return text.text(lang) if isinstance(text, Message) else str(text)


def terminal_word(key: str, lang: str = "en", **values) -> str:
    """A word of the terminal's tables in ``lang``."""
    return TERMINAL_WORDS[_check_lang(lang)][key].format(**values)


def problem_word(key: str, lang: str = "en", **values) -> str:
    """"error", "warning", "value" (and "N digits") in ``lang``."""
    return PROBLEM_WORDS[_check_lang(lang)][key].format(**values)
